"""The build as a whole: reproducible, atomic, and clear about bad input."""
import shutil
from pathlib import Path

import duckdb
import pytest

from data.pipeline.build import BuildError, build
from tests.conftest import BUILD_DAY, ROOT

TABLES = ["sources", "regions", "topics", "measures", "policies", "policy_topics", "policy_sources",
          "policy_relations", "terms", "curated_terms", "search_terms", "search_docs"]


def dump(path: Path) -> dict[str, list]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {t: sorted(map(repr, con.table(t).fetchall())) for t in TABLES}
    finally:
        con.close()


@pytest.fixture
def raw_copy(tmp_path) -> Path:
    raw = tmp_path / "raw"
    shutil.copytree(ROOT / "data" / "raw", raw)
    return raw


def test_building_twice_gives_the_same_database(db_path, tmp_path):
    again = tmp_path / "again.duckdb"
    build(again, log=lambda *_: None, today=BUILD_DAY)
    assert dump(again) == dump(db_path)


def test_a_source_that_is_not_utf8_stops_the_build_and_keeps_the_old_database(tmp_path, raw_copy, db_path):
    out = tmp_path / "policies.duckdb"
    shutil.copy(db_path, out)
    before = out.read_bytes()
    (raw_copy / "004_827677e9b4f7e973.txt").write_bytes("武汉".encode("gbk") + b"\xff\xfe")
    with pytest.raises(BuildError, match="004_827677e9b4f7e973.txt: not text in any encoding"):
        build(out, raw=raw_copy, log=lambda *_: None)
    assert out.read_bytes() == before
    assert not list(tmp_path.glob("policies.duckdb.tmp*"))


def test_a_missing_source_is_named(tmp_path, raw_copy):
    (raw_copy / "001_4e805e3482252d69.txt").unlink()
    with pytest.raises(BuildError, match=r"sources.csv:3: source file is missing: .*001_4e805e3482252d69.txt"):
        build(tmp_path / "x.duckdb", raw=raw_copy, log=lambda *_: None)
    assert not (tmp_path / "x.duckdb").exists()


def test_a_document_the_parser_cannot_read_is_named(tmp_path, raw_copy):
    (raw_copy / "004_827677e9b4f7e973.txt").write_text("这不是一份公文。\n没有文号。\n", encoding="utf-8")
    with pytest.raises(BuildError, match="0 policies found in 004_827677e9b4f7e973.txt"):
        build(tmp_path / "x.duckdb", raw=raw_copy, log=lambda *_: None)


def test_the_build_prints_progress_and_a_summary(tmp_path, capsys):
    build(tmp_path / "p.duckdb", log=print, today=BUILD_DAY)
    out = capsys.readouterr().out
    for expected in ("002_802860970c280f04.txt", "documents per source", "policies per level",
                     "policies per primary topic", "fields left empty", "terms per measure"):
        assert expected in out


def test_no_policy_without_provenance_and_no_provenance_outside_its_file(q):
    assert q("SELECT count(*) AS n FROM policies WHERE policy_id NOT IN (SELECT policy_id FROM policy_sources)")[0]["n"] == 0
    bad = q("""SELECT ps.* FROM policy_sources ps JOIN sources s USING (source_id)
               WHERE ps.line_start < 1 OR ps.line_end < ps.line_start OR ps.line_end > s.n_lines""")
    assert bad == []


def test_every_policy_has_a_level_region_and_topic(q):
    rows = q("SELECT title FROM policies WHERE level IS NULL OR region_code IS NULL OR primary_topic IS NULL")
    assert rows == []


def test_counts_per_source(q):
    rows = q("""SELECT source_id, count(DISTINCT policy_id) AS n FROM policy_sources GROUP BY 1 ORDER BY 1""")
    assert {r["source_id"]: r["n"] for r in rows} == {
        "compilation_2022": 42, "ezhou_list_2020": 38, "monthly_2026_05": 25, "national_2023": 87,
        "wuhan_workplan_2024": 1, "wuhan_policy_register": 40, "peer_ai_terms": 8, "district_ai_terms": 12}


def test_a_later_announcement_that_repeals_an_earlier_one_supersedes_it(q):
    rows = q("""SELECT n.title AS newer, o.title AS older, o.notes FROM policy_relations r
                JOIN policies n ON n.policy_id = r.from_policy JOIN policies o ON o.policy_id = r.to_policy
                WHERE r.relation = 'supersedes'""")
    assert {(r["newer"], r["older"]) for r in rows} >= {
        ("关于进一步完善研发费用税前加计扣除政策的公告", "关于加大支持科技创新税前扣除力度的公告")}
    assert all("superseded" in r["notes"] for r in rows)
