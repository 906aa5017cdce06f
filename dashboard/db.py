"""The database for the pages: built on first start if missing, opened read-only, queries cached.

Every query the pages run is a file under queries/ (queries/<page>/<name>.sql). Values reach
SQL only as $named parameters; a query's header comment lists them (`-- params: $a, $b`), and
`run_query` refuses to run with parameters other than the ones the file declares.
"""
from __future__ import annotations

import os
import re
import threading
from functools import lru_cache
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ROOT / "queries"
DEFAULT_DB = ROOT / "data" / "policies.duckdb"
PARAMS_LINE = re.compile(r"^--[ \t]*params:[ \t]*(.*)$", re.M)
USED_PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")
_build_lock = threading.Lock()


def database_path() -> Path:
    """SME_POLICY_DB overrides the default data/policies.duckdb (the tests use their own build)."""
    return Path(os.environ.get("SME_POLICY_DB", DEFAULT_DB))


def ensure_database() -> Path:
    """Build the database from the shipped corpus if it does not exist yet."""
    path = database_path()
    if not path.exists():
        with _build_lock:
            if not path.exists():
                from data.pipeline.build import build
                build(path, log=lambda *_: None)
    return path


@st.cache_resource(show_spinner=False)
def connection(path: str) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(path, read_only=True)


@lru_cache(maxsize=None)
def query_text(name: str) -> tuple[str, frozenset[str]]:
    """(SQL, declared parameters) of queries/<name>.sql; the name may not leave queries/."""
    path = (QUERIES / f"{name}.sql").resolve()
    if QUERIES.resolve() not in path.parents or not path.exists():
        raise ValueError(f"no query named {name!r}")
    sql = path.read_text(encoding="utf-8")
    declared = PARAMS_LINE.search(sql)
    names = frozenset(p.strip().lstrip("$") for p in declared[1].split(",") if p.strip()) if declared else frozenset()
    body = "\n".join(l for l in sql.splitlines() if not l.lstrip().startswith("--"))
    used = frozenset(USED_PARAM.findall(body))
    if used != names:
        raise ValueError(f"queries/{name}.sql declares {sorted(names)} but uses {sorted(used)}")
    return sql, names


@st.cache_data(show_spinner=False, max_entries=512)
def run_query(name: str, **params) -> pd.DataFrame:
    """Run a named query with exactly its declared parameters; results are cached per parameters."""
    sql, declared = query_text(name)
    if set(params) != declared:
        raise ValueError(f"queries/{name}.sql takes {sorted(declared)}, got {sorted(params)}")
    con = connection(str(ensure_database())).cursor()
    try:
        return con.execute(sql, params).df()
    finally:
        con.close()
