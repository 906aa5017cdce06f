"""python -m data.checks.measure_external DIR [--gold-documents F] [--gold-terms F] [--split]: the reader on
documents it was not built on, against an independent gold reading kept outside the repository.

DIR holds the documents (any format the reader takes); the gold CSVs (default DIR/../gold_*.csv) have
one row per document (file, title, wraps, doc_number, issuer, issue_date, level, region, line_start,
line_end) and one per term (file, line, value, kind …). The texts are public documents read for
measurement only: they are not shipped. `--split` reports files with an odd number (the part the
reader may be looked at against) apart from those with an even number (held out: figures only).
"""
from __future__ import annotations

import argparse
import re
from pathlib import Path

import pandas as pd

from data.pipeline import terms as term_step
from data.reader import normalize
from data.reader.documents import BODY_KINDS, read_documents
from data.reader.model import SourceContext
from data.reader.read import ReadError
from data.reader.text import title_key
from geo.gazetteer import resolve_region

FIELDS = ("title", "doc_number", "issuer", "issue_date", "level", "region")


def _s(value) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value).strip()


def _number(value) -> str:
    return re.sub(r"\s", "", _s(value)).replace("[", "〔").replace("]", "〕")


def _issuers(value) -> set[str]:
    return {re.sub(r"\s", "", p) for p in re.split(r"[;；、]", _s(value)) if p.strip()}


def _region(value) -> str:
    text = _s(value)
    if re.fullmatch(r"\d{6}", text):
        return text
    if text in ("全国", "中国", "国家"):
        return "100000"
    return resolve_region(text) or text


def read_file_policies(path: Path):
    """(policies, terms) the build would make of this one file."""
    result = read_documents(path, SourceContext(path.name))
    apps = result.appearances + [c for a in result.appearances for c in a.cites]
    policies = normalize.merge(apps, homes={path.name: result.context.home}, defaults={path.name: None})
    found = [t for p in policies for t in term_step.policy_terms(p, {path.name: result.text.lines},
                                                                   {path.name: path.stem})]
    return policies, found


def _span(p) -> tuple[int, int]:
    bodies = [a for a in p.appearances if a.kind in BODY_KINDS] or p.appearances
    return min(a.line_start for a in bodies), max(a.line_end for a in bodies)


def measure(docs: Path, gold_docs: pd.DataFrame, gold_terms: pd.DataFrame, verbose: bool) -> dict:
    found_docs = matched_docs = 0
    field_ok = {f: 0 for f in FIELDS}
    field_n = {f: 0 for f in FIELDS}
    term_gold = term_hit = term_found = term_true = 0
    failures: list[str] = []
    for file, gold in gold_docs.groupby("file"):
        path = docs / file
        try:
            policies, found_terms = read_file_policies(path)
        except ReadError as err:
            failures.append(f"{file}: refused: {err}")
            policies, found_terms = [], []
        found_docs += len(policies)
        for g in gold.itertuples():
            attachment = _s(g.wraps).startswith("attachment_of")
            best = max(policies, key=lambda p: _overlap(_span(p), (g.line_start, g.line_end)), default=None)
            if best is None or _overlap(_span(best), (g.line_start, g.line_end)) < 0.5 * (g.line_end - g.line_start + 1):
                failures.append(f"{file}:{g.line_start}: missed 《{g.title}》")
                continue
            matched_docs += 1
            if attachment:  # printed inside its cover notice: one policy with it (the dedup rule)
                continue
            mine = {"title": _title(best.title, _simplified(_s(g.title))), "doc_number": _number(best.doc_number),
                    "issuer": {re.sub(r"\s", "", i) for i in best.issuers},
                    "issue_date": best.issue_date.iso() if best.issue_date else "",
                    "level": _s(best.level), "region": _s(best.region_code)}
            # the reader gives traditional-character texts in simplified characters (read.py, OpenCC t2s)
            theirs = {"title": title_key(_simplified(_s(g.title))), "doc_number": _number(_simplified(_s(g.doc_number))),
                      "issuer": _issuers(_simplified(_s(g.issuer))), "issue_date": _s(g.issue_date),
                      "level": _s(g.level), "region": _region(g.region)}
            for f in FIELDS:
                field_n[f] += 1
                ok = mine[f] == theirs[f]
                field_ok[f] += ok
                if not ok and verbose:
                    failures.append(f"{file}:{g.line_start}: {f} {mine[f]!r} ≠ gold {theirs[f]!r}")
        gold_t = gold_terms[gold_terms.file == file]
        term_gold += len(gold_t)
        term_found += len(found_terms)
        used: set[int] = set()
        for g in gold_t.itertuples():
            value = _value(g.value)
            hit = next((i for i, t in enumerate(found_terms) if i not in used
                        and t.line_start <= g.line <= t.line_end and value is not None
                        and (_close(t.value, value) or _close(getattr(t, "value_max", None), value))), None)
            if hit is not None:
                used.add(hit)
                term_hit += 1
            elif verbose:
                failures.append(f"{file}:{g.line}: term missed {g.value} in {str(g.quote)[:30]}")
        term_true += len(used)
    return {"files": gold_docs.file.nunique(), "gold documents": len(gold_docs), "found policies": found_docs,
            "documents found": matched_docs / len(gold_docs) if len(gold_docs) else 1.0,
            **{f"{f} right": field_ok[f] / field_n[f] if field_n[f] else 1.0 for f in FIELDS},
            "gold terms": term_gold, "terms found": term_found,
            "term recall": term_hit / term_gold if term_gold else 1.0,
            "term precision": term_true / term_found if term_found else 1.0, "_failures": failures}


def _simplified(text: str) -> str:
    from data.reader.read import to_simplified
    return to_simplified([text])[0] if text else text


def _title(mine: str, gold: str) -> str:
    """Mine, or mine without the issuers before 关于 when the gold reading cites the title without them
    (both are ways a careful reader cites a title: 重庆市粮食局 重庆市财政局关于印发…的通知)."""
    head, sep, tail = mine.partition("关于")
    if sep and title_key(gold).startswith("关于") and not head.endswith(("印发", "转发")):
        return title_key(sep + tail)
    return title_key(mine)


def _overlap(a, b) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]) + 1)


def _value(text) -> float | None:
    m = re.match(r"^\s*([0-9]+(?:\.[0-9]+)?)", _s(text))
    return float(m[1]) if m else None


def _close(a, b) -> bool:
    return a is not None and b is not None and not pd.isna(a) and abs(float(a) - float(b)) <= 1e-6 * max(1, abs(float(b)))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m data.checks.measure_external", description=__doc__)
    parser.add_argument("docs", type=Path)
    parser.add_argument("--gold-documents", type=Path)
    parser.add_argument("--gold-terms", type=Path)
    parser.add_argument("--split", action="store_true", help="odd-numbered files apart from even-numbered (held out)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list the failures (never of the held-out part)")
    args = parser.parse_args(argv)
    gold_docs = pd.read_csv(args.gold_documents or args.docs.parent / "gold_documents.csv", dtype=str,
                            keep_default_na=False)
    gold_docs[["line_start", "line_end"]] = gold_docs[["line_start", "line_end"]].astype(int)
    gold_terms = pd.read_csv(args.gold_terms or args.docs.parent / "gold_terms.csv", dtype={"value": str})
    parts = {"all": gold_docs}
    if args.split:
        number = gold_docs.file.str.extract(r"^(\d+)")[0].astype(int)
        parts = {"looked at (odd)": gold_docs[number % 2 == 1], "held out (even)": gold_docs[number % 2 == 0]}
    rows = []
    for name, part in parts.items():
        figures = measure(args.docs, part, gold_terms, args.verbose and "held out" not in name)
        failures = figures.pop("_failures")
        rows.append({"part": name, **figures})
        if args.verbose and "held out" not in name:
            print("\n".join(failures))
    with pd.option_context("display.float_format", "{:.2f}".format, "display.width", 250):
        print(pd.DataFrame(rows).T.to_string(header=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
