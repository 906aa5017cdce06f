"""python -m data.checks.measure: the extractor against the gold readings (data/checks/gold/).

For each source: how many of the gold documents the build finds (recall), how
many of the build's documents are in the gold (precision), matched by line
span, and how often each field agrees. Prints the mismatches to look at.
"""
from __future__ import annotations

import argparse
import re
from pathlib import Path

import pandas as pd

from data.reader.normalize import date_bounds
from data.pipeline.build import RAW, extract, read_sources
from data.reader.text import title_key

GOLD = Path(__file__).resolve().parent / "gold"
GOLD_FILES = {"000_a52cd0f27d184548.txt": "000_monthly.csv", "001_4e805e3482252d69.txt": "001_ezhou_list.csv",
              "002_802860970c280f04.txt": "002_national_2023.csv", "003_9b32ac1237c71b4b.txt": "003_compilation_2022.csv",
              "004_827677e9b4f7e973.txt": "004_workplan.csv"}
BODY_KINDS = {"full_text", "summary", "list_entry"}


def _norm_number(n) -> str:
    return "" if pd.isna(n) or not n else str(n).replace(" ", "").replace(";", "")


def _overlap(a0, a1, b0, b1) -> int:
    return max(0, min(a1, b1) - max(a0, b0) + 1)


def compare(file: str, apps, gold: pd.DataFrame, kinds: set[str], verbose: bool) -> dict:
    mine = [a for a in apps if a.source_file == file and a.kind in kinds]
    gold = gold[gold.kind.isin(kinds)].reset_index(drop=True)
    matched, used = [], set()
    for a in mine:
        best, best_ov = None, 0
        for i, g in gold.iterrows():
            ov = _overlap(a.line_start, a.line_end, g.line_start, g.line_end)
            if i not in used and ov > best_ov and (kinds != {"toc"} or a.line_start == g.line_start):
                best, best_ov = i, ov
        if best is not None and best_ov >= 0.5 * (gold.at[best, "line_end"] - gold.at[best, "line_start"] + 1):
            used.add(best)
            matched.append((a, gold.loc[best]))
    fields = {"title": 0, "doc_number": 0, "issue_date": 0, "start_line": 0}
    problems = []
    for a, g in matched:
        ok_title = title_key(a.title) == title_key(str(g.title))
        ok_number = _norm_number(a.doc_number) == _norm_number(g.doc_number)
        mine_date = a.issue_date.iso() if a.issue_date else ""
        ok_date = mine_date == ("" if pd.isna(g.issue_date) else str(g.issue_date))
        ok_start = a.line_start == g.line_start
        for k, ok in zip(fields, (ok_title, ok_number, ok_date, ok_start)):
            fields[k] += ok
        if not (ok_title and ok_number and ok_date and ok_start):
            problems.append(f"  {a.kind} {a.line_start}-{a.line_end} vs gold {g.line_start}-{g.line_end}: "
                            + "; ".join(x for x in [
                                "" if ok_title else f"title {a.title!r} ≠ {g.title!r}",
                                "" if ok_number else f"number {a.doc_number} ≠ {g.doc_number}",
                                "" if ok_date else f"date {mine_date} ≠ {g.issue_date}",
                                "" if ok_start else "start line differs"] if x))
    missed = gold.drop(index=list(used))
    extra = [a for a in mine if all(a is not m for m, _ in matched)]
    if verbose:
        for line in problems:
            print(line)
        for g in missed.itertuples():
            print(f"  MISSED {g.kind} {g.line_start}-{g.line_end} {g.title}")
        for a in extra:
            print(f"  EXTRA  {a.kind} {a.line_start}-{a.line_end} {a.title}")
    n = len(matched)
    return {"source": file[:3], "kinds": "/".join(sorted(kinds)), "gold": len(gold), "found": len(mine),
            "matched": n, "recall": n / len(gold) if len(gold) else 1.0, "precision": n / len(mine) if mine else 1.0,
            **{f"{k}_ok": v / n if n else 1.0 for k, v in fields.items()}}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m data.checks.measure")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every mismatch")
    parser.add_argument("--source", help="only this source file prefix, e.g. 002")
    parser.add_argument("--db", type=Path, help="also measure the terms of this built database")
    args = parser.parse_args(argv)
    apps, _ = extract(read_sources(), RAW, log=lambda *_: None)
    rows = []
    for file, gold_file in GOLD_FILES.items():
        if args.source and not file.startswith(args.source):
            continue
        gold = pd.read_csv(GOLD / gold_file, dtype={"doc_number": str, "issue_date": str})
        for kinds in (BODY_KINDS, {"toc"}):
            if args.verbose:
                print(f"{file} {sorted(kinds)}")
            rows.append(compare(file, apps + [c for a in apps for c in a.cites], gold, kinds, args.verbose))
    table = pd.DataFrame(rows)
    with pd.option_context("display.float_format", "{:.2f}".format, "display.width", 200):
        print(table.to_string(index=False))
        if args.db:
            print(compare_terms(args.db, args.verbose).to_string(index=False))
    return 0


TERM_GOLD = {"monthly_2026_05": "000_terms.csv", "wuhan_workplan_2024": "004_targets.csv"}


def _printed_value(printed: str) -> str:
    return re.sub(r"[^\d.]", "", printed.replace(" ", ""))


def compare_terms(db: Path, verbose: bool) -> pd.DataFrame:
    """Gold terms (line, value) found by the build: a term on that line whose printed number is the value."""
    import duckdb
    con = duckdb.connect(str(db), read_only=True)
    rows = []
    for source_id, gold_file in TERM_GOLD.items():
        gold = pd.read_csv(GOLD / gold_file)
        gold = gold[~gold.get("notes", pd.Series("", index=gold.index)).fillna("").str.startswith("programme name")]
        mine = con.execute("SELECT line_start, line_end, number_printed, measure, value_kind, quote FROM terms "
                           "WHERE source_id = $s", {"s": source_id}).df()
        hits, used = 0, set()
        for g in gold.itertuples():
            value = f"{float(g.value):g}"
            match = mine[(mine.line_start <= g.line) & (mine.line_end >= g.line)
                         & mine.number_printed.map(lambda p: _printed_value(p) in (value, value + ".0")
                                                   or (g.value == 50 and p == "减半")
                                                   or _cn_value(p) == float(g.value))]
            match = match[~match.index.isin(used)]
            if len(match):
                hits += 1
                used.add(match.index[0])
            elif verbose:
                print(f"  MISSED term {source_id}:{g.line} {g.value}{g.unit if isinstance(g.unit, str) else ''} in {g.quote[:40]}")
        extra = mine[~mine.index.isin(used)]
        if verbose:
            for e in extra.itertuples():
                print(f"  EXTRA  term {source_id}:{e.line_start} {e.number_printed} ({e.measure}/{e.value_kind}) {e.quote[:40]}")
        rows.append({"source": source_id, "gold terms": len(gold), "found": len(mine), "matched": hits,
                     "recall": hits / len(gold), "precision": len(used) / len(mine) if len(mine) else 1.0})
    con.close()
    return pd.DataFrame(rows)


def _cn_value(printed: str) -> float | None:
    from data.reader.text import cn_to_int
    digits = re.sub(r"[^零〇一二两三四五六七八九十百千万亿]", "", printed).rstrip("万亿")
    value = cn_to_int(digits) if digits else None
    return float(value) if value is not None else None


if __name__ == "__main__":
    raise SystemExit(main())
