"""The schema's identity: a digest of data/schema.sql, stored in every database it builds (build_info), so the app
can tell a file built by another version of the schema (dashboard/db.py) before a query fails on it."""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

SCHEMA = Path(__file__).resolve().parents[1] / "schema.sql"


@lru_cache(maxsize=None)
def schema_id() -> str:
    return hashlib.sha256(SCHEMA.read_bytes()).hexdigest()[:16]
