"""python -m benchmarks.speed [--scale N]: build time, query latency, page render time.

Figures are printed, not asserted: a timing depends on the machine. `--scale N` also times the
pages' queries on a copy of the database with every policy (and its terms and topics) repeated
N times, to see how the SQL holds up beyond the corpus (default 1000 → about 200k policies).
"""
from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

import duckdb

from data.pipeline.build import build
from data.pipeline.search_index import query_grams

FILTERS = dict(levels=None, topics=None, region=None, year_from=1990, year_to=2100, include_undated=True,
               statuses=None)
QUERIES = {
    "overview/headline_numbers": FILTERS,
    "overview/newest_policies": {**FILTERS, "limit": 12},
    "explorer/search_policies": {**FILTERS, "grams": query_grams("专精特新"), "phrase": "专精特新", "issuer": None,
                                 "limit": 200},
}


def timed(fn, repeat: int = 5) -> float:
    """Median seconds of `repeat` runs."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def query_sql(name: str) -> str:
    return (Path(__file__).resolve().parents[1] / "queries" / f"{name}.sql").read_text(encoding="utf-8")


def time_queries(db: Path, label: str) -> None:
    con = duckdb.connect(str(db), read_only=True)
    n = con.execute("SELECT count(*) FROM policies").fetchone()[0]
    print(f"\nqueries on {label} ({n:,} policies), median of 5:")
    for name, params in QUERIES.items():
        sql = query_sql(name)
        print(f"  {name:<32} {timed(lambda: con.execute(sql, params).fetchall()) * 1000:8.1f} ms")
    con.close()


# The scaled copy: the schema, the lookup tables as they are, and every policy with the rows that hang
# off it repeated under the ids "<id>-<k>" (k = 0 … factor-1).
SCALE_UP = [
    "INSERT INTO sources SELECT * FROM src.sources",
    "INSERT INTO regions SELECT * FROM src.regions",
    "INSERT INTO topics SELECT * FROM src.topics",
    "INSERT INTO measures SELECT * FROM src.measures",
    "CREATE TEMP TABLE copies AS SELECT range AS k FROM range($factor)",
    "INSERT INTO policies SELECT p.* REPLACE (p.policy_id || '-' || k AS policy_id) FROM src.policies p, copies",
    "INSERT INTO policy_topics SELECT t.* REPLACE (t.policy_id || '-' || k AS policy_id) FROM src.policy_topics t, copies",
    "INSERT INTO policy_sources SELECT t.* REPLACE (t.policy_id || '-' || k AS policy_id) FROM src.policy_sources t, copies",
    "INSERT INTO terms SELECT t.* REPLACE (t.term_id || '-' || k AS term_id, t.policy_id || '-' || k AS policy_id) "
    "FROM src.terms t, copies",
    "INSERT INTO search_docs SELECT t.* REPLACE (t.policy_id || '-' || k AS policy_id) FROM src.search_docs t, copies",
    "INSERT INTO search_terms SELECT t.* REPLACE (t.policy_id || '-' || k AS policy_id) FROM src.search_terms t, copies",
]


def scaled_copy(db: Path, out: Path, factor: int) -> None:
    """A copy of the database with every policy repeated `factor` times under new ids."""
    con = duckdb.connect(str(out))
    con.execute((Path(__file__).resolve().parents[1] / "data" / "schema.sql").read_text(encoding="utf-8"))
    con.execute("ATTACH ? AS src (READ_ONLY)", [str(db)])
    for statement in SCALE_UP:
        con.execute(statement, {"factor": factor} if "$factor" in statement else None)
    con.execute("DETACH src")
    con.close()


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.speed")
    parser.add_argument("--scale", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        print(f"build from data/raw: {timed(lambda: build(db, log=lambda *_: None), repeat=3):.2f} s (median of 3)")
        time_queries(db, "the corpus")
        os.environ["SME_POLICY_DB"] = str(db)
        from streamlit.testing.v1 import AppTest
        app = str(Path(__file__).resolve().parents[1] / "dashboard" / "app.py")
        print("\npage render in AppTest (first run / rerun):")
        for page in ("overview", "trends", "regional_map", "ai_compare", "explorer", "sources"):
            at = AppTest.from_file(app, default_timeout=120)
            at.run()
            start = time.perf_counter()
            at.switch_page(f"app_pages/{page}.py").run()
            first = time.perf_counter() - start
            rerun = timed(at.run, repeat=3)
            print(f"  {page:<14} {first * 1000:8.0f} ms  {rerun * 1000:8.0f} ms"
                  + ("  (exception)" if at.exception else ""))
        if args.scale > 1:
            big = Path(tmp) / "scaled.duckdb"
            scaled_copy(db, big, args.scale)
            time_queries(big, f"the corpus ×{args.scale}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
