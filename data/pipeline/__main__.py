"""python -m data.pipeline [--out PATH] [--quiet]: build data/policies.duckdb from data/raw/."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from data.pipeline.build import DEFAULT_DB, BuildError, build


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m data.pipeline", description=__doc__)
    parser.add_argument("--out", type=Path, default=DEFAULT_DB, help=f"database file (default {DEFAULT_DB})")
    parser.add_argument("--quiet", action="store_true", help="print only errors")
    parser.add_argument("--accept-drop", action="store_true",
                        help="build even when a changed file yields far fewer documents than before")
    args = parser.parse_args(argv)
    try:
        build(args.out, log=(lambda *_: None) if args.quiet else print, accept_drop=args.accept_drop)
    except BuildError as err:
        print(f"build failed: {err}\nthe existing database (if any) was left unchanged: {args.out}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
