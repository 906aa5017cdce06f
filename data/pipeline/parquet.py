"""The database as Parquet files, for DuckDB to read where the data lives (a folder, object storage).

    python -m data.pipeline.parquet DB OUT      # every table of a built database → OUT/<table>.parquet

Only the tables are written (each sorted as the build stored it, so zone maps still prune); the macros
and views stay defined in data/schema.sql alone. `connect(location)` opens such a folder: every table a
view over read_parquet(location/<table>.parquet) (the policies table, whose rowid the schema reads, is
loaded into memory instead), then the macros and views of data/schema.sql, so every named query under
queries/ runs unchanged. `location` may be a folder or an object-store prefix
(s3://bucket/prefix, with DuckDB's httpfs extension and its credentials configured); the connection
reads nothing outside it. A manifest (manifest.json) names the build and the rows of each table, and
`connect` refuses a folder whose files do not match it: a half-copied upload is not a database.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

import duckdb

from data.pipeline.load import SCHEMA

MANIFEST = "manifest.json"
# Tables whose rowid the schema reads (v_policies.doc is the policy's storage row): a view over a Parquet file
# has no rowid, so these are loaded into memory in the file's order; every other table stays a view over its file.
ROWID_TABLES = ("policies",)
# a CREATE MACRO / CREATE VIEW statement of data/schema.sql runs up to the next statement's CREATE
DEFINITION = re.compile(r"^CREATE (?:MACRO|VIEW) .*?(?=^CREATE |\Z)", re.S | re.M)


class ParquetError(ValueError):
    """A folder that is not a whole Parquet export of a database."""


def tables(con) -> list[str]:
    return [r[0] for r in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() ORDER BY 1").fetchall()]


def export(db: Path, out: Path) -> dict:
    """Write every table of `db` as out/<table>.parquet and the manifest; returns the manifest."""
    out.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(db), read_only=True)
    try:
        manifest = {"database": Path(db).name, "sha256": _sha256(db), "tables": {}}
        for table in tables(con):
            path = out / f"{table}.parquet"
            # in storage order (load.STORAGE_ORDER), so that a row's place in the file is its rowid
            con.execute(f'COPY (SELECT * FROM "{table}" ORDER BY rowid) TO $path (FORMAT parquet, COMPRESSION zstd)',
                        {"path": str(path)})
            manifest["tables"][table] = con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
    finally:
        con.close()
    (out / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False), encoding="utf-8")
    return manifest


def connect(location: str | Path, manifest: dict | None = None) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB whose tables are the Parquet files at `location`, with the schema's macros and views.

    The manifest is read from the folder unless given (an object store: pass the one published with it)."""
    base = str(location).rstrip("/")
    if manifest is None:
        path = Path(base) / MANIFEST
        if not path.exists():
            raise ParquetError(f"{base}: no {MANIFEST}; not a Parquet export of the database")
        manifest = json.loads(path.read_text(encoding="utf-8"))
    con = duckdb.connect(":memory:")
    try:
        for table, rows in manifest["tables"].items():
            if not re.fullmatch(r"[a-z_][a-z0-9_]*", table):
                raise ParquetError(f"{base}/{MANIFEST}: {table!r} is not a table name")
            file = f"{base}/{table}.parquet"
            try:
                source = f"read_parquet('{_quoted(file)}', file_row_number = true)"
                if table in ROWID_TABLES:   # loaded in storage order, so that its rowid is the database file's
                    con.execute(f'CREATE TABLE "{table}" AS SELECT * EXCLUDE (file_row_number) FROM {source} '
                                f'ORDER BY file_row_number')
                else:
                    con.execute(f'CREATE VIEW "{table}" AS SELECT * EXCLUDE (file_row_number) FROM {source}')
                found = con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            except duckdb.Error as err:
                raise ParquetError(f"{file}: cannot be read ({err})") from err
            if found != rows:
                raise ParquetError(f"{file}: {found} rows, the manifest says {rows}")
        for statement in DEFINITION.findall(SCHEMA.read_text(encoding="utf-8")):
            con.execute(statement)
        # like the app's connection to the file: nothing outside `location` can be read or written
        con.execute("SET allowed_directories = $dirs", {"dirs": [base + "/"]})
        con.execute("SET enable_external_access = false")
        con.execute("SET lock_configuration = true")
    except BaseException:
        con.close()
        raise
    return con


def _quoted(text: str) -> str:
    return text.replace("'", "''")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m data.pipeline.parquet", description=__doc__.split("\n\n")[0])
    parser.add_argument("db", type=Path, help="a built database (data/policies.duckdb)")
    parser.add_argument("out", type=Path, help="folder to write <table>.parquet and manifest.json into")
    args = parser.parse_args(argv)
    manifest = export(args.db, args.out)
    size = sum(p.stat().st_size for p in args.out.glob("*.parquet"))
    print(f"{len(manifest['tables'])} tables, {sum(manifest['tables'].values()):,} rows → {args.out} "
          f"({size / 2**20:.1f} MiB of Parquet, database {args.db.stat().st_size / 2**20:.1f} MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
