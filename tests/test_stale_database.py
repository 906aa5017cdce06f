"""A database file built by another version of the schema is refused with a message, not a failing query."""
from __future__ import annotations

import shutil

import duckdb

from dashboard.i18n import TEXT
from data.pipeline.schema_id import schema_id
from tests.conftest import run_page


def test_every_build_records_its_schema(q):
    assert q("SELECT schema_id FROM build_info") == [{"schema_id": schema_id()}]


def use_a_copy_changed_by(sql: str, db_path, tmp_path, monkeypatch) -> None:
    """The pages read a copy of the session's database, changed by `sql`."""
    old = tmp_path / "old.duckdb"
    shutil.copy(db_path, old)
    with duckdb.connect(str(old)) as con:
        con.execute(sql)
    monkeypatch.setenv("SME_POLICY_DB", str(old))


def test_a_file_of_another_schema_says_how_to_rebuild_it(db_path, tmp_path, monkeypatch):
    use_a_copy_changed_by("UPDATE build_info SET schema_id = 'an-older-one'", db_path, tmp_path, monkeypatch)
    for lang in ("zh", "en"):   # in both languages: the link is read only once the database is open
        at = run_page("trends", lang=lang)
        assert not at.exception
        assert [e.value for e in at.error] == ["\n\n".join(TEXT["db_stale"])]


def test_a_file_from_before_build_info_is_refused_the_same_way(db_path, tmp_path, monkeypatch):
    use_a_copy_changed_by("DROP TABLE build_info", db_path, tmp_path, monkeypatch)
    assert [e.value for e in run_page("overview").error] == ["\n\n".join(TEXT["db_stale"])]
