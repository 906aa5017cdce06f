"""The database for the pages: built on first start if missing, opened read-only, queries cached.

Every query the pages run is a file under queries/ (queries/<page>/<name>.sql). Values reach
SQL only as $named parameters; a query's header comment lists them (`-- params: $a, $b`), and
`run_query` refuses to run with parameters other than the ones the file declares.
A query may have a second file for the pages' default view, <name>.default.sql, read from tables built
with the database: its header names the parameters that must be NULL for it to answer
(`-- when null: $topics, $region`), and `query_for` picks it then. One plan per file: DuckDB does not
plan (a few ms at a million policies) a branch the parameters leave out.

The app follows the database file. A rebuild replaces it atomically (a new file renamed over the
old one), so the file's identity (inode, mtime, size) names one whole database. Each script run
pins one identity (`pin`, called by the router before anything is drawn) and every query of that
run is cached under it and answered by the connection opened on that very file: a run sees the old
database or the new one, never a mix, and the run after a rebuild sees the new one.
The connection cannot touch other files: external access is off and the configuration locked.
What the pages build from the results once per database version for every session is dashboard/shared.py.
"""
from __future__ import annotations

import os
import re
import threading
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import duckdb
import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from data.pipeline.schema_id import schema_id

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ROOT / "queries"
DEFAULT_DB = ROOT / "data" / "policies.duckdb"
PARAMS_LINE = re.compile(r"^--[ \t]*params:[ \t]*(.*)$", re.M)
WHEN_NULL_LINE = re.compile(r"^--[ \t]*when null:[ \t]*(.*)$", re.M)
DEFAULT_VIEW = ".default"   # queries/<name>.default.sql: the same answer for the default view, from stored tables
USED_PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")
CATALOG = "corpus"       # the attached database file
PIN_KEY = "_db_pin"      # session_state: the (version, connection) this script run reads
DUCKDB_MEMORY = os.environ.get("SME_DUCKDB_MEMORY", "512MB")   # the app connection's memory_limit
_build_lock = threading.Lock()


class Version(NamedTuple):
    """One database file as it is on disk; a rename over it gives a new inode, so a new version."""
    path: str
    inode: int
    mtime_ns: int
    size: int


class DatabaseMoved(RuntimeError):
    """The file was replaced while it was being opened: open the new one."""


class StaleDatabase(RuntimeError):
    """The file was built by another version of data/schema.sql (build_info): it must be rebuilt (make db)."""


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


def file_version(path: str | Path) -> Version:
    s = os.stat(path)
    return Version(str(path), s.st_ino, s.st_mtime_ns, s.st_size)


@st.cache_resource(show_spinner=False, max_entries=4)
def connection(version: Version) -> duckdb.DuckDBPyConnection:
    """A read-only connection to exactly this version of the file, with no access to any other file.

    Attached to a fresh in-memory instance: duckdb.connect(path) would hand back the instance already
    open on that path, i.e. the replaced file. An evicted connection closes when its last run drops it.
    """
    con = duckdb.connect(":memory:")
    try:
        con.execute(f"ATTACH $path AS {CATALOG} (READ_ONLY)", {"path": version.path})
        con.execute(f"USE {CATALOG}")
        # DuckDB's buffer pool would keep up to 80 % of the machine's memory of the file cached; the server's
        # memory stays bounded with this (a million policies' queries run within it; see README "Scale")
        con.execute("SET memory_limit = $m", {"m": DUCKDB_MEMORY})
        con.execute("SET enable_external_access = false")
        con.execute("SET lock_configuration = true")
        try:
            built = con.execute("SELECT max(schema_id) FROM build_info").fetchall()[0][0]
        except duckdb.CatalogException:     # a file from before build_info existed
            built = None
        if built != schema_id():
            raise StaleDatabase(version.path)
        if file_version(version.path) != version:
            raise DatabaseMoved(version.path)
    except BaseException:
        con.close()
        raise
    return con


def pin() -> Version:
    """Take the database's current version for this script run (the router calls this first)."""
    version, con = _open_current()
    if get_script_run_ctx() is not None:
        st.session_state[PIN_KEY] = (version, con)
    return version


def _open_current() -> tuple[Version, duckdb.DuckDBPyConnection]:
    path = ensure_database()
    for _ in range(10):
        version = file_version(path)
        try:
            return version, connection(version)
        except DatabaseMoved:
            continue            # replaced while opening: take the newer file
    raise DatabaseMoved(f"{path} keeps changing; is a build writing it in place?")


def pinned() -> tuple[Version, duckdb.DuckDBPyConnection]:
    """This run's pin; outside a script run (tests, benchmarks) the current file."""
    if get_script_run_ctx() is not None and PIN_KEY in st.session_state:
        return st.session_state[PIN_KEY]
    return _open_current()


def _param_list(line: re.Match | None) -> frozenset[str]:
    return frozenset(p.strip().lstrip("$") for p in line[1].split(",") if p.strip()) if line else frozenset()


@lru_cache(maxsize=None)
def query_text(name: str) -> tuple[str, frozenset[str]]:
    """(SQL, declared parameters) of queries/<name>.sql; the name may not leave queries/."""
    path = (QUERIES / f"{name}.sql").resolve()
    if QUERIES.resolve() not in path.parents or not path.exists():
        raise ValueError(f"no query named {name!r}")
    sql = path.read_text(encoding="utf-8")
    names = _param_list(PARAMS_LINE.search(sql))
    body = "\n".join(l for l in sql.splitlines() if not l.lstrip().startswith("--"))
    used = frozenset(USED_PARAM.findall(body))
    if used != names:
        raise ValueError(f"queries/{name}.sql declares {sorted(names)} but uses {sorted(used)}")
    return sql, names


@lru_cache(maxsize=None)
def default_view(name: str) -> tuple[str, frozenset[str]] | None:
    """(<name>.default, the parameters that must be NULL for it) when the query has a default-view file."""
    if name.endswith(DEFAULT_VIEW) or not (QUERIES / f"{name}{DEFAULT_VIEW}.sql").exists():
        return None
    variant = f"{name}{DEFAULT_VIEW}"
    sql, declared = query_text(variant)
    null = _param_list(WHEN_NULL_LINE.search(sql))
    general = query_text(name)[1]
    if not null or not null <= general or not declared <= general - null:
        raise ValueError(f"queries/{variant}.sql: its 'when null' and params must be parameters of {name} "
                         f"and not overlap")
    return variant, null


def query_for(name: str, params: dict) -> tuple[str, str, dict]:
    """(the file that answers, its SQL, its parameters): <name>.default.sql when every parameter it needs NULL is
    NULL, else <name>.sql. `params` must be exactly what <name>.sql declares."""
    sql, declared = query_text(name)
    if set(params) != declared:
        raise ValueError(f"queries/{name}.sql takes {sorted(declared)}, got {sorted(params)}")
    variant = default_view(name)
    if variant and all(params[p] is None for p in variant[1]):
        sql, declared = query_text(variant[0])
        return variant[0], sql, {k: params[k] for k in declared}
    return name, sql, params


def run_query(name: str, **params) -> pd.DataFrame:
    """Run a named query with exactly its declared parameters, on this run's database version.

    The frame is a shallow copy of the cached one: under pandas' copy-on-write whatever a page does to it (a new or
    changed column, a sort in place) copies what it changes, so the cached frame stays as the query returned it."""
    name, _, params = query_for(name, params)
    version, con = pinned()
    return _cached(version, name, params, _con=con).copy(deep=False)


def uncached(name: str, **params) -> pd.DataFrame:
    """run_query without the cache, for a caller that keeps the result itself (dashboard/search_scores.py: the cache
    would hash its parameters, lists of a thousand numbers, on every call)."""
    name, sql, params = query_for(name, params)
    return _fetch(pinned()[1], sql, params, "df")


def arrays(con: duckdb.DuckDBPyConnection, name: str, **params) -> dict:
    """A named query's columns as numpy arrays, not cached (for dashboard/search_scores.py, which keeps its own)."""
    name, sql, params = query_for(name, params)
    return _fetch(con, sql, params, "fetchnumpy")


def _fetch(con: duckdb.DuckDBPyConnection, sql: str, params: dict, how: str):
    cur = con.cursor()      # a cursor is a new session of the instance: point it at the file again
    try:
        cur.execute(f"USE {CATALOG}")
        return getattr(cur.execute(sql, params), how)()
    finally:
        cur.close()


CLEARED_WITH_RESULTS: list = []   # other caches of what a database holds (dashboard/search_scores.py adds its own)


def clear_results() -> None:
    """Forget every cached result (after the database changed under the same file, e.g. documents added)."""
    _cached.clear()
    for cache in CLEARED_WITH_RESULTS:
        cache.clear()


# A resource cache, not st.cache_data: that one pickles every result it stores (at a million policies, a tenth of the
# trends page's time after a change, for the 4,884 bars by month and topic) and unpickles it on every hit.
@st.cache_resource(show_spinner=False, max_entries=512)
def _cached(version: Version, name: str, params: dict, _con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Results keyed by the database version, the query and its parameters (the connection is that version's).
    Shared by every session and never changed: read them through run_query's copy."""
    return _fetch(_con, query_text(name)[0], params, "df")

