"""python -m data.checks.measure_terms: the extracted terms against the gold term readings (data/checks/gold/).

Reads every gold term list it finds (`*_terms*.csv`, `*_targets*.csv`: one row per number a careful reader
lists, with `line` = the line that holds the number, `value` and `unit`), and the scopes that were read in full
(`terms_scope.csv`: source_file, line_start, line_end; a file without a scope counts from its first to its last
gold line). A gold row is found when a term of the same file whose line span reaches the gold line (±1) has the
same value once both are normalised (percent, 万元, months, counts without 万/亿) — its value, the upper end of
its range, or the old value it keeps as context (由9%下调至6%). Each term matches one gold row at most.

recall    = gold rows found / gold rows;
precision = terms in the read scope that match a gold row / terms in the read scope (statements aside).
Prints the figures per file and in total, and with --verbose the misses and the extra terms.
"""
from __future__ import annotations

import argparse
import re
import tempfile
from pathlib import Path

import duckdb
import pandas as pd

GOLD = Path(__file__).resolve().parent / "gold"
RAW = Path(__file__).resolve().parents[1] / "raw"
PROGRAMME_NAME = re.compile(r"^programme name")   # 万名创客…工程: a number that is part of a name


def gold_rows(gold: Path) -> pd.DataFrame:
    frames = []
    for path in sorted(set(gold.glob("*_terms*.csv")) | set(gold.glob("*_targets*.csv"))):
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
        if "source_file" not in table.columns:   # 000_terms.csv, 004_targets.csv: the file is the prefix
            prefix = path.name.split("_")[0]
            raw = sorted(RAW.glob(f"{prefix}_*.txt"))
            if not raw:
                raise SystemExit(f"{path}: no raw file data/raw/{prefix}_*.txt")
            table["source_file"] = raw[0].name
        table["gold_file"] = path.name
        frames.append(table)
    if not frames:
        raise SystemExit(f"no gold term files in {gold}")
    out = pd.concat(frames, ignore_index=True)
    out["line"] = out.line.astype(int)
    return out


def scopes(gold: Path, rows: pd.DataFrame) -> dict[str, list[tuple[int, int]]]:
    out: dict[str, list[tuple[int, int]]] = {}
    scope_file = gold / "terms_scope.csv"
    if scope_file.exists():
        table = pd.read_csv(scope_file, dtype=str, keep_default_na=False)
        for r in table.itertuples():
            out.setdefault(r.source_file, []).append((int(r.line_start), int(r.line_end)))
    for file, group in rows.groupby("source_file"):
        if file not in out:
            out[file] = [(int(group.line.min()), int(group.line.max()))]
    return out


def normalised(value: str, unit: str) -> float | None:
    """A gold value in the extractor's units: percent, 万元, months, plain counts."""
    try:
        v = float(str(value).replace(" ", ""))
    except ValueError:
        return None
    unit = unit.strip()
    factor = {"亿元": 1e4, "亿": 1e4, "元": 1e-4, "万亿": 1e8, "万亿元": 1e8, "年": 12}.get(unit)
    if factor is None and re.match(r"万(?!元)", unit):
        factor = 1e4
    if factor is None and re.match(r"亿(?!元)", unit):
        factor = 1e8
    return v * (factor or 1.0)


def _same(a, b) -> bool:
    return a is not None and b is not None and not pd.isna(a) and not pd.isna(b) and abs(a - b) <= 1e-6 * max(1, abs(b))


def match(rows: pd.DataFrame, terms: pd.DataFrame) -> tuple[pd.DataFrame, set[str]]:
    """rows with a `found` term id (or None), and the ids of the terms that matched. Three passes, so that a
    looser reading never takes a term a stricter one needs: the term's value (or the upper end of its range),
    then the old value it keeps as context, then the number as printed (a gold row in another unit)."""
    used: set[str] = set()
    found: list[str | None] = [None] * len(rows)
    by_file = {f: g for f, g in terms.groupby("file")}

    def printed(t):
        nums = re.findall(r"\d+(?:\.\s?\d+)?", str(t.number_printed))
        return float(nums[0].replace(" ", "")) if nums else None

    passes = [lambda t, want, raw: _same(t.value, want) or _same(t.value_max, want),
              lambda t, want, raw: _same(t.previous_value, want),
              lambda t, want, raw: _same(printed(t), raw)]
    for k, test in enumerate(passes):
        if k == 1:          # a term also stands for the old value it keeps (由9%下调至6%: the 9% row)
            used, kept = set(), used
        if k == 2:
            used = used | kept
        for i, r in enumerate(rows.itertuples()):
            cands = by_file.get(r.source_file)
            if found[i] is not None or cands is None:
                continue
            near = cands[(cands.line_start - 1 <= r.line) & (cands.line_end + 1 >= r.line)]
            want, raw = normalised(r.value, r.unit), normalised(r.value, "")
            for t in near.itertuples():
                if t.term_id not in used and test(t, want, raw):
                    found[i] = t.term_id
                    used.add(t.term_id)
                    break
    return rows.assign(found=found), used | kept


def in_scope(terms: pd.DataFrame, scope: dict[str, list[tuple[int, int]]]) -> pd.Series:
    return pd.Series([any(a <= t.line_start <= b for a, b in scope.get(t.file, [])) for t in terms.itertuples()],
                     index=terms.index)


def load_terms(db: Path | None) -> pd.DataFrame:
    if db is None:
        from data.pipeline.build import build
        tmp = Path(tempfile.mkdtemp()) / "terms.duckdb"
        build(tmp, log=lambda *_: None)
        db = tmp
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("""SELECT t.term_id, s.file, t.line_start, t.line_end, t.value, t.value_max,
                                     t.previous_value, t.number_printed, t.measure, t.term_kind, t.quote
                              FROM terms t JOIN sources s USING (source_id)
                              WHERE t.value_kind <> 'statement'""").df()
    finally:
        con.close()


def report(rows: pd.DataFrame, terms: pd.DataFrame, scope, verbose: bool, log=print) -> dict[str, float]:
    rows, used = match(rows, terms)
    scoped = terms[in_scope(terms, scope)]
    out = {}
    log(f"{'file':<28} {'gold':>5} {'found':>6} {'recall':>7} {'terms':>6} {'match':>6} {'precision':>9}")
    for file in sorted(set(rows.source_file)):
        g = rows[rows.source_file == file]
        s = scoped[scoped.file == file]
        hit = s.term_id.isin(used).sum()
        log(f"{file:<28} {len(g):>5} {g.found.notna().sum():>6} {g.found.notna().mean():>7.1%} {len(s):>6} "
            f"{hit:>6} {hit / len(s) if len(s) else float('nan'):>9.1%}")
    recall = rows.found.notna().mean()
    precision = scoped.term_id.isin(used).mean() if len(scoped) else float("nan")
    log(f"{'total':<28} {len(rows):>5} {rows.found.notna().sum():>6} {recall:>7.1%} {len(scoped):>6} "
        f"{scoped.term_id.isin(used).sum():>6} {precision:>9.1%}")
    out.update(recall=recall, precision=precision, gold=len(rows), terms=len(scoped))
    if verbose:
        log("\nmissed gold rows:")
        for r in rows[rows.found.isna()].itertuples():
            log(f"  {r.source_file[:3]}:{r.line} {r.value} {r.unit}  {r.quote[:60]}")
        log("\nterms in scope that match no gold row:")
        for t in scoped[~scoped.term_id.isin(used)].itertuples():
            log(f"  {t.file[:3]}:{t.line_start}-{t.line_end} {t.number_printed} [{t.term_kind}/{t.measure}]  {t.quote[:60]}")
    return out


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", type=Path, help="a built database (default: build one into a temporary file)")
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--names", action="store_true", help="count numbers that are part of a programme name too")
    ap.add_argument("--verbose", "-v", action="store_true")
    args = ap.parse_args(argv)
    rows = gold_rows(args.gold)
    if not args.names:
        rows = rows[~rows.notes.str.match(PROGRAMME_NAME)].reset_index(drop=True)
    report(rows, load_terms(args.db), scopes(args.gold, rows), args.verbose)


if __name__ == "__main__":
    main()
