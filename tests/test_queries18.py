"""queries18: the AI comparison ranks its entries on their short columns and reads the quotes, conditions and sources
of the shown ones only (ai_entries, ai_entry_details in data/schema.sql). Its two queries return the rows they
returned with one macro carrying everything (tests/queries18_before/: ai_entries as it was, made a temporary macro,
and the two queries as they were on it), on the corpus and on 10,000 generated policies, for the regions, measures
and pages the AI page sends."""
from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.db import query_text

BEFORE = Path(__file__).resolve().parent / "queries18_before"
# the page's default columns (the province, Wuhan, four districts), other orders and sets, one measure, none found
CHOICES = [
    dict(regions=["420000", "420100", "420106", "420190", "420104", "420105"], measures=None),
    dict(regions=["420106", "420000"], measures=None),
    dict(regions=["420190", "420100", "420111", "420112", "420102"], measures=["compute", "model_rd"]),
    dict(regions=["420000"], measures=["loan_interest"]),
    dict(regions=["110000", "420106"], measures=None),
    dict(regions=["999999"], measures=None),
]


def _with_old_macro(request, db):
    con = request.getfixturevalue(db)
    con.execute((BEFORE / "ai_entries.sql").read_text(encoding="utf-8"))   # a temporary macro: the file is untouched
    return con


@pytest.mark.parametrize("db", ["con", "generated_10k"])
def test_the_matrix_is_what_one_macro_gave(request, db):
    con = _with_old_macro(request, db)
    seen = 0
    for choice in CHOICES:
        for per_cell in (1, 8, 1000):
            params = choice | dict(per_cell=per_cell)
            now = con.execute(query_text("ai/compared_entries")[0], params).fetchall()
            before = con.execute((BEFORE / "ai/compared_entries.sql").read_text(encoding="utf-8"), params).fetchall()
            assert now == before, params
            seen += len(now)
    assert seen > 100


@pytest.mark.parametrize("db", ["con", "generated_10k"])
def test_the_detail_table_is_what_one_macro_gave(request, db):
    con = _with_old_macro(request, db)
    seen = 0
    for choice in CHOICES:
        for limit, offset in ((200, 0), (50, 50), (500, 0)):
            params = choice | dict(limit=limit, offset=offset)
            now = con.execute(query_text("ai/compared_terms")[0], params).fetchall()
            before = con.execute((BEFORE / "ai/compared_terms.sql").read_text(encoding="utf-8"), params).fetchall()
            assert now == before, params
            seen += len(now)
    assert seen > 100
