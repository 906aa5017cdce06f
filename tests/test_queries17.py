"""queries17: the queries rewritten for a million policies (tables stored newest first, joins on doc, titles read for
the few rows that need them) return the rows of the straightforward SQL they replace (tests/queries17_before/: the
queries as they were at 30762e0), on the corpus and on 10,000 generated policies, for every filter the pages send."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from benchmarks import generate
from dashboard.db import query_for, query_text
from dashboard.result_facets import facet_counts
from dashboard.search_scores import NOT_SCORED
from data.pipeline import load
from data.pipeline.search_index import query_grams
from tests.conftest import one_metric

BEFORE = Path(__file__).resolve().parent / "queries17_before"
FILTERS = dict(levels=None, topics=None, region=None, include_undated=True, statuses=None)
# the default view, each level the overview's level change sends, and each filter the stored tables cannot serve
LIST_FILTERS = [
    {},
    dict(levels=["national"]),
    dict(levels=["municipal"]),
    dict(levels=["district", "provincial"]),
    dict(year_from=2015, year_to=2020, include_undated=False),
    dict(levels=["district"], year_from=2019, year_to=2024, include_undated=True),
    dict(topics=["finance", "innovation"]),
    dict(region="420100"),
    dict(statuses=["in_force", "expired"]),
    dict(region="420106", statuses=["in_force"], levels=["district"]),
]
MAP_FILTERS = [
    dict(parent=parent, view=view, metric=metric, measure=measure)
    for parent in ("420100", "420000") for view in ("issued", "applies")
    for metric, measure in (("policies", "compute"), ("terms", "compute"), ("max_cap", "compute"),
                            ("best_rate", "compute"), ("best_rate", "loan_interest"))
] + [dict(parent="420100", view="applies", metric="best_rate", measure="compute", topics=["finance"]),
     dict(parent="420000", view="issued", metric="max_cap", measure="compute", levels=["district", "municipal"],
          year_from=2018, year_to=2024, include_undated=False),
     dict(parent="420100", view="issued", metric="terms", measure="compute", statuses=["expired"])]


def _db(request, db):
    return request.getfixturevalue(db)


def both(con, name: str, **params) -> tuple[list[tuple], list[tuple]]:
    """(the named query's rows, the straightforward SQL's rows) for the same parameters."""
    _, sql, used = query_for(name, params)     # the default view's file where it applies, as the pages run it
    return (con.execute(sql, used).fetchall(),
            con.execute((BEFORE / f"{name}.sql").read_text(encoding="utf-8"), params).fetchall())


def years(con) -> dict:
    lo, hi = con.execute("SELECT min(year(timeline_date)), max(year(timeline_date)) FROM v_policies").fetchone()
    return dict(year_from=lo, year_to=hi)


@pytest.mark.parametrize("name,limit", [("overview/newest_policies", 12), ("overview/recent_changes", 10)])
@pytest.mark.parametrize("db", ["con", "generated_10k"])
def test_the_overviews_lists_are_the_straightforward_querys(request, db, name, limit):
    con = _db(request, db)
    seen = 0
    for filters in LIST_FILTERS:
        for n in (limit, 1, 300):
            now, before = both(con, name, **(FILTERS | years(con) | filters), limit=n)
            assert now == before, (name, filters, n)
            seen += len(now)
    assert seen > 0


@pytest.mark.parametrize("db", ["con", "generated_10k"])
def test_the_overviews_headline_numbers_are_the_straightforward_querys(request, db):
    con = _db(request, db)
    for filters in LIST_FILTERS + [dict(year_from=1800, year_to=1801, include_undated=False)]:
        now, before = both(con, "overview/headline_numbers", **(FILTERS | years(con) | filters))
        assert now == before and len(now) == 1, filters


@pytest.mark.parametrize("db", ["con", "generated_10k"])
def test_the_in_force_steps_count_the_policies_in_force_on_any_day(request, db):
    """in_force_steps summed up to a day is the number of policies whose status that day (marked_status) is in
    force, per level and year: on days before, within and after the policies' periods."""
    con = _db(request, db)
    for day in (date(1980, 1, 1), date(2005, 6, 30), date(2019, 12, 31), date(2023, 1, 1), date(2024, 6, 30),
                date(2026, 11, 24), date(2040, 1, 1)):
        steps = con.execute("""SELECT year, level, sum(n) FROM in_force_steps WHERE day <= $day GROUP BY ALL
                               HAVING sum(n) <> 0 ORDER BY ALL""", dict(day=day)).fetchall()
        counted = con.execute("""SELECT year(timeline_date), level, count(*) FROM v_policies
                                 WHERE marked_status(status_mark, effective_from, effective_to, issue_date, $day) = 'in_force'
                                 GROUP BY ALL ORDER BY ALL""", dict(day=day)).fetchall()
        assert steps == counted, day


@pytest.mark.parametrize("db", ["con", "generated_10k"])
def test_the_maps_layer_is_the_straightforward_querys(request, db):
    con = _db(request, db)
    seen = 0
    for filters in MAP_FILTERS:
        params = {k: v for k, v in (FILTERS | years(con) | filters).items() if k != "region"}   # the map's own
        metric = params.pop("metric")
        _, sql, used = query_for("map/metric_by_region", params)
        now = con.execute(sql, used).fetchall()
        before = con.execute((BEFORE / "map/metric_by_region.sql").read_text(encoding="utf-8"),
                             params | dict(metric=metric)).fetchall()
        assert one_metric(now, metric) == before, filters
        seen += sum(r[8] for r in now)   # policies
    assert seen > 0


@pytest.mark.parametrize("db", ["con", "generated_10k"])
def test_the_facets_are_the_straightforward_querys(request, db):
    """The explorer's facets (counted from a search's result rows, the topics from result_topics) are the SQL facets'
    for what the explorer passes: a search's result rows (a page of them, all of them, one), none."""
    con = _db(request, db)
    search, declared = query_text("explorer/search_policies")
    oracle = (BEFORE / "explorer/facets.sql").read_text(encoding="utf-8")
    frames = []
    for q in ("专精特新", "贷款贴息", "担保", ""):
        rows = con.execute(search, FILTERS | years(con) | dict(grams=query_grams(q), phrase=q, issuer=None,
                                                               limit=500) | NOT_SCORED).df()
        frames += [rows, rows.iloc[:1], rows.iloc[::7], rows.iloc[:0]]
    assert any(len(f) for f in frames)
    for rows in frames:
        ids = rows.policy_id.tolist()
        _, sql, used = query_for("explorer/result_topics", dict(ids=ids))
        now = facet_counts(rows, con.execute(sql, used).df())
        before: dict[str, list] = {}
        for facet, code, n in con.execute(oracle, dict(ids=ids)).fetchall():
            before.setdefault(facet, []).append((code, n))
        assert now == before, len(ids)


@pytest.mark.parametrize("db", ["con", "generated_10k"])
def test_the_breakdown_of_every_match_is_the_facets_of_every_match(request, db):
    """explorer/match_breakdown counts the policies the search matches (all of them, not a page): the oracle's
    facets of every id the search returns with no limit (the 12 largest of each), for words, a Latin word, a phrase with a digit (read in
    the texts), no query, a filter and an issuer."""
    con = _db(request, db)
    search, _ = query_text("explorer/search_policies")
    breakdown, _ = query_text("explorer/match_breakdown")
    oracle = (BEFORE / "explorer/facets.sql").read_text(encoding="utf-8")
    issuer = con.execute("SELECT unnest(issuers) AS i FROM policies GROUP BY i ORDER BY count(*) DESC, i LIMIT 1").fetchone()[0]
    cases = [dict(q=q) for q in ("专精特新", "贷款贴息", "担保", "AI", "2023年", "")] + [
        dict(q="担保", levels=["municipal", "district"]), dict(q="", issuer=issuer), dict(q="无此词语组合")]
    seen = 0
    for case in cases:
        q = case.pop("q")
        params = FILTERS | years(con) | dict(grams=query_grams(q) or ([q] if q else []), phrase=q, issuer=None) | case
        ids = [r[0] for r in con.execute(search, params | dict(limit=10_000_000) | NOT_SCORED).fetchall()]
        now = con.execute(breakdown, params | dict(per_facet=12)).fetchall()
        want, kept = [], {}
        for row in con.execute(oracle, dict(ids=ids)).fetchall():   # ordered by facet, n DESC, code: the first 12 each
            kept[row[0]] = kept.get(row[0], 0) + 1
            if kept[row[0]] <= 12:
                want.append(row)
        assert now == want, (q, case)
        seen += len(ids)
    assert seen > 0


@pytest.mark.parametrize("db", ["con", "generated_10k"])
def test_the_topic_counts_take_any_ids(request, db):
    """result_topics counts no topic for ids that name no policy (a hostile value is a value, not SQL)."""
    con = _db(request, db)
    _, sql, used = query_for("explorer/result_topics", dict(ids=["no-such-policy", "'; DROP TABLE policies; --"]))
    assert con.execute(sql, used).fetchall() == []
    assert con.execute("SELECT count(*) FROM policies").fetchone()[0] > 0


@pytest.mark.parametrize("db", ["con", "generated_10k"])
def test_the_tables_built_for_the_lists_hold_every_policy(request, db):
    """policy_timeline: every dated policy once, newest first; policy_events: each stated date's event once;
    policy_topic_docs: policy_topics on doc."""
    con = _db(request, db)
    assert con.execute("SELECT count(*) FROM policy_timeline").fetchone() == \
        con.execute("SELECT count(*) FROM v_policies WHERE timeline_date IS NOT NULL").fetchone()
    keys = con.execute("SELECT timeline_date, title, doc FROM policy_timeline").fetchall()
    assert keys == sorted(keys, key=lambda k: (-k[0].toordinal(), k[1], k[2]))
    assert con.execute("""SELECT t.doc FROM policy_timeline t JOIN v_policies p USING (doc)
                          WHERE p.title <> t.title OR p.timeline_date <> t.timeline_date""").fetchall() == []
    assert con.execute("SELECT count(*) FROM policy_events").fetchone() == con.execute(
        "SELECT count(issue_date) + count(effective_from) + count(effective_to) FROM policies").fetchone()
    assert con.execute("""SELECT d.policy_id, t.topic FROM policy_topic_docs t JOIN search_docs d USING (doc)
                          EXCEPT SELECT policy_id, topic FROM policy_topics""").fetchall() == []
    assert con.execute("SELECT count(*) FROM policy_topic_docs").fetchone() == \
        con.execute("SELECT count(*) FROM policy_topics").fetchone()
    assert con.execute("SELECT policy_id, doc FROM policy_ids EXCEPT SELECT policy_id, doc FROM v_policies").fetchall() == []
    assert con.execute("SELECT count(*) FROM policy_ids").fetchone() == con.execute("SELECT count(*) FROM policies").fetchone()
    # the map's ranks: every policy once, each order a numbering 1..n of its region's policies
    assert con.execute("SELECT count(*), count(DISTINCT doc) FROM map_policy_ranks").fetchone() == \
        con.execute("SELECT count(*), count(*) FROM policies").fetchone()
    for table, part, ranks in (("map_policy_ranks", "region_code", ("w_cap", "r_cap", "r_terms", "r_date")),
                               ("map_rate_ranks", "region_code, measure", ("w_rate", "r_rate"))):
        for r in ranks:
            assert con.execute(f"""SELECT {part} FROM {table} GROUP BY ALL
                                   HAVING min({r}) <> 1 OR max({r}) <> count(*) OR count(DISTINCT {r}) <> count(*)""").fetchall() == []


def test_the_list_tables_are_rebuilt_on_a_database_that_has_them(tmp_path):
    """build_list_aggregates replaces what is there (a copy of a database rebuilds its aggregates)."""
    path = tmp_path / "gen.duckdb"
    generate.write(200, path, log=lambda *_: None)
    con = duckdb.connect(str(path))
    try:
        before = [con.execute(f"SELECT count(*) FROM {t}").fetchone() for t in load.LIST_AGGREGATES]
        load.build_list_aggregates(con)
        assert [con.execute(f"SELECT count(*) FROM {t}").fetchone() for t in load.LIST_AGGREGATES] == before
    finally:
        con.close()
