"""python -m benchmarks.extraction: how the extractor compares with the gold readings.

Prints recall / precision of documents per source and the agreement of each field, then the
terms found against the gold term lists (data/checks/gold/000_terms.csv, 004_targets.csv).
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from data.pipeline.build import build
from data.checks import measure


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        build(db, log=lambda *_: None)
        return measure.main(["--db", str(db)] + sys.argv[1:])


if __name__ == "__main__":
    raise SystemExit(main())
