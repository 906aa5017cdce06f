"""The search scored in memory (dashboard/search_scores.py) is the SQL search: the same matches, weights and pages.
(tests/test_scale.py also checks it against the reference search for every search it compares.)"""
from __future__ import annotations

import numpy as np
import pytest

from dashboard.db import query_for
from dashboard.search_scores import FILTERS, NOT_SCORED, Scorer, _Kept, scored_in_memory, scored_params, search_rows
from data.pipeline.search_index import query_grams

ALL = dict(levels=None, topics=None, region=None, year_from=1990, year_to=2030, include_undated=True, statuses=None,
           issuer=None)
WORDS = ["专精特新", "贷款贴息", "担保", "融资担保费率", "人工智能", "中小企业发展", "支持", "无此词语组合"]
FILTER_SETS = [{}, {"levels": ["provincial", "municipal"]}, {"topics": ["finance"]}, {"region": "420100"},
               {"year_from": 2020, "year_to": 2023, "include_undated": False}, {"statuses": ["in_force"]}]


def reader(con):
    return lambda name, params: con.execute(*query_for(name, params)[1:]).fetchnumpy()


def sql_search(con):
    return lambda **params: con.execute(*query_for("explorer/search_policies", params)[1:]).fetchall()


@pytest.fixture(scope="module")
def with_gaps(db_path, tmp_path_factory):
    """The test database as a build without one source would make it, by deleting rows: its docs have gaps."""
    import duckdb
    from tests.test_robustness import without_source
    path = tmp_path_factory.mktemp("gaps") / "policies.duckdb"
    without_source(db_path, path, "national_2023")
    con = duckdb.connect(str(path), read_only=True)
    yield con
    con.close()


@pytest.fixture(scope="module", params=["con", "generated_10k", "with_gaps"])
def db(request):
    con = request.getfixturevalue(request.param)
    return con, Scorer(reader(con))


def test_a_database_with_gaps_in_its_docs_is_one(with_gaps):
    n, top = with_gaps.execute("SELECT count(*), max(doc) + 1 FROM search_docs").fetchone()
    assert n < top        # what the tests with_gaps run on


def test_only_queries_of_chinese_bigrams_are_scored_in_memory():
    assert scored_in_memory(query_grams("专精特新")) and scored_in_memory(query_grams("担保"))
    for q in ("AI", "贴", "融资 担保2023", "5G", ""):
        assert not scored_in_memory(query_grams(q) or ([q] if q else [])), q


def test_the_matches_and_their_weights_are_search_hits(db):
    """Every match of search_hits (all of them: a limit larger than the matches) with its score, within filters."""
    con, scorer = db
    seen = 0
    for q in WORDS:
        for filters in FILTER_SETS:
            search = ALL | filters | dict(grams=query_grams(q), phrase=q)
            want = dict(con.execute("SELECT doc, score FROM search_hits($levels, $topics, $region, $year_from, "
                                    "$year_to, $include_undated, $statuses, $grams, $phrase, $issuer)", search).fetchall())
            best = scorer.best(search["grams"], {k: search[k] for k in FILTERS}, limit=len(want) + 1)
            assert best.matches == len(want) == len(best.docs), (q, filters)
            assert set(best.docs) == set(want)
            assert np.allclose(best.scores, [want[d] for d in best.docs], rtol=1e-12, atol=0)
            keys = [(-s, -int(scorer.day[d])) for d, s in zip(best.docs, best.scores)]
            assert keys == sorted(keys)          # by score, then date
            seen += len(want)
    assert seen > 100


def test_the_pages_are_the_sql_search_s_and_both_ways_are_taken(db):
    """The same rows, scores and total as the search scored in SQL, for pages of 1, 7 and 500, with and without
    filters and an issuer; some pages are settled from the best scored in memory, and some (few of the best hold
    the phrase) go back to SQL."""
    con, scorer = db
    run, ways = sql_search(con), {"memory": 0, "sql": 0}
    issuer = con.execute("SELECT unnest(issuers) AS i FROM policies GROUP BY i ORDER BY count(*) DESC, i LIMIT 1"
                         ).fetchone()[0]
    for q in WORDS:
        for filters in FILTER_SETS + [{"issuer": issuer}]:
            for limit in (1, 7, 500):
                search = ALL | filters | dict(grams=query_grams(q), phrase=q, limit=limit)
                want = run(**search, **NOT_SCORED)
                assert search_rows(scorer, run, search) == want, (q, filters, limit)
                scored = scored_params(scorer, search)
                if want:
                    ways["memory" if run(**search, **scored) else "sql"] += 1
    assert ways["memory"] > 20 and ways["sql"] > 0, ways


def test_what_is_kept_stays_within_its_budget():
    kept = _Kept(10, size=len)
    for key in "abcd":
        assert kept.get(key, lambda: [key] * 4) == [key] * 4
    assert list(kept.items) == ["c", "d"] and kept.used == 8       # a and b went, oldest first
    kept.get("c", lambda: pytest.fail("c is kept"))
    kept.get("e", lambda: [0] * 4)
    assert list(kept.items) == ["c", "e"]                          # d was the least recently used
    assert _Kept(1, size=len).get("big", lambda: [0] * 5) == [0] * 5   # one item larger than the budget is kept


def test_a_query_whose_postings_would_not_fit_is_scored_in_sql(db, monkeypatch):
    """A pasted sentence of common grams: its postings would hold hundreds of MB at a million policies."""
    from dashboard import search_scores
    con, scorer = db
    q = "支持中小企业发展的若干政策措施"
    search = ALL | dict(grams=query_grams(q), phrase=q, limit=50)
    assert scored_params(scorer, search)["matches"] is not None
    postings = sum(scorer.gram(g)[2] for g in search["grams"] if scorer.gram(g))
    monkeypatch.setattr(search_scores, "POSTINGS_BUDGET", postings * search_scores.POSTING_BYTES * 2 - 1)
    assert scored_params(scorer, search) == NOT_SCORED
    run = sql_search(con)
    assert search_rows(scorer, run, search) == run(**search, **NOT_SCORED)


def test_an_empty_database_searches_to_nothing():
    import duckdb
    from data.pipeline import load
    con = duckdb.connect()
    con.execute(load.SCHEMA.read_text(encoding="utf-8"))
    search = ALL | dict(grams=query_grams("专精特新"), phrase="专精特新", limit=50)
    assert search_rows(Scorer(reader(con)), sql_search(con), search) == []
