"""Every SQL file under queries/: declares exactly the parameters it uses, and runs harmlessly on hostile values."""
from datetime import date
from pathlib import Path

import pytest

from dashboard.db import QUERIES, query_text

HOSTILE = "'; DROP TABLE policies; --"
# One value per parameter name; strings are hostile, so a value pasted into SQL would break something.
SAMPLE = {
    "levels": [HOSTILE, "national"], "topics": [HOSTILE], "region": HOSTILE, "regions": [HOSTILE, "420106"],
    "year_from": 2000, "year_to": 2030, "include_undated": True, "statuses": [HOSTILE],
    "limit": 10, "offset": 0, "grams": [HOSTILE, "贴息"], "phrase": HOSTILE, "issuer": HOSTILE, "policy_id": HOSTILE,
    "ids": [HOSTILE], "day": date(2024, 1, 1), "day_from": date(2023, 1, 1), "day_to": date(2023, 12, 31),
    "days": [date(2023, 12, 31), date(2024, 12, 31)], "gran": HOSTILE, "split": HOSTILE, "measure": HOSTILE,
    "metric": HOSTILE, "parent": HOSTILE, "view": HOSTILE, "measures": [HOSTILE, "compute"], "per_cell": 8,
    "per_facet": 12, "titles": True, "scored_docs": [0, 1], "scored_scores": [2.5, 1.0], "matches": 2, "term": HOSTILE,
    "term_id": 1,
}
NAMES = sorted(str(p.relative_to(QUERIES).with_suffix("")) for p in QUERIES.rglob("*.sql"))


def test_there_are_queries_for_every_page():
    assert {n.split("/")[0] for n in NAMES} >= {"common", "overview", "trends", "map", "ai", "explorer", "sources"}


@pytest.mark.parametrize("name", NAMES)
def test_query_declares_what_it_uses_and_survives_hostile_values(name, con):
    sql, declared = query_text(name)  # raises when the header and the body disagree
    assert sql.lstrip().startswith("--"), "a query starts with a comment saying what it answers"
    missing = declared - SAMPLE.keys()
    assert not missing, f"add a sample value for {missing} to SAMPLE"
    before = con.execute("SELECT count(*) FROM policies").fetchone()[0]
    con.execute(sql, {k: SAMPLE[k] for k in declared}).fetchall()
    assert con.execute("SELECT count(*) FROM policies").fetchone()[0] == before


def test_a_query_name_cannot_leave_the_queries_folder():
    with pytest.raises(ValueError):
        query_text("../data/schema")
    with pytest.raises(ValueError):
        query_text(str(Path("/etc/passwd")))
