"""One database for the whole session, built from the shipped corpus exactly as `make db` does."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from data.build.pipeline import build

ROOT = Path(__file__).resolve().parents[1]
BUILD_DAY = date(2026, 11, 24)  # fixed, so the build-time status column is reproducible


@pytest.fixture(scope="session")
def db_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("db") / "policies.duckdb"
    build(path, log=lambda *_: None, today=BUILD_DAY)
    return path


@pytest.fixture(scope="session")
def con(db_path):
    connection = duckdb.connect(str(db_path), read_only=True)
    yield connection
    connection.close()


@pytest.fixture(scope="session")
def q(con):
    """q(sql, **params) → list of dict rows."""
    def run(sql: str, **params):
        cur = con.execute(sql, params)
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row)) for row in cur.fetchall()]
    return run


def policy_by_title(q, title: str) -> dict:
    rows = q("SELECT * FROM policies WHERE title = $t", t=title)
    assert len(rows) == 1, f"expected one policy titled {title!r}, found {len(rows)}"
    return rows[0]


def provenance(q, policy_id: str) -> list[dict]:
    return q("SELECT * FROM policy_sources WHERE policy_id = $p ORDER BY source_id, line_start", p=policy_id)
