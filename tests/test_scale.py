"""What the speed work must not change: the generator writes through the real schema, the SQL search index is the
Python one, paginated lists are the unpaginated list cut in pages, the build still enforces its keys. No timings
here (they live in `make bench`)."""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from types import SimpleNamespace

import duckdb
import pytest

from benchmarks import generate
from dashboard.db import PARAMS_LINE, QUERIES, _param_list, default_view, query_for, query_text
from dashboard.search_scores import NOT_SCORED, Scorer, search_rows
from data.pipeline import load, search_index
from geo.gazetteer import load_gazetteer
from tests.conftest import one_metric

FILTERS = dict(levels=None, topics=None, region=None, year_from=1990, year_to=2030, include_undated=True, statuses=None)


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    path = tmp_path_factory.mktemp("gen") / "gen.duckdb"
    counts = generate.write(600, path, log=lambda *_: None)
    con = duckdb.connect(str(path), read_only=True)
    yield SimpleNamespace(path=path, counts=counts, con=con)
    con.close()


def rows(con, sql: str, **params) -> list[tuple]:
    return con.execute(sql, params).fetchall()


def run(con, name: str, **params) -> list[tuple]:
    if name == "explorer/search_policies":
        params = NOT_SCORED | params            # scored in SQL, unless the test passes what the memory scored
    _, sql, used = query_for(name, params)
    return con.execute(sql, used).fetchall()


SCORERS: dict = {}    # connection → its Scorer (the connection itself as the key: an id could be reused)


def in_memory(con, search: dict) -> list[tuple]:
    """explorer/search_policies as the explorer runs it: scored in memory where it can be (dashboard/search_scores)."""
    if con not in SCORERS:
        SCORERS[con] = Scorer(lambda name, p: con.execute(*query_for(name, p)[1:]).fetchnumpy())
    return search_rows(SCORERS[con], lambda **p: run(con, "explorer/search_policies", **p), search)


# The generator -----------------------------------------------------------------

def test_the_generator_writes_n_policies_through_the_real_schema(generated):
    con = generated.con
    assert rows(con, "SELECT count(*) FROM policies") == [(600,)]
    tables = {r[0] for r in rows(con, "SELECT table_name FROM duckdb_tables()")}
    schema_tables = {r[0] for r in duckdb.connect().execute(load.SCHEMA.read_text(encoding="utf-8")).execute(
        "SELECT table_name FROM duckdb_tables()").fetchall()}
    assert tables == schema_tables
    for table in ("policy_topics", "policy_sources", "terms", "search_terms", "search_docs", "policy_citations"):
        assert rows(con, f"SELECT count(*) FROM {table}")[0][0] > 0, table


def test_generated_policies_have_realistic_fields(generated):
    con = generated.con
    levels = dict(rows(con, "SELECT level, count(*) FROM policies GROUP BY 1"))
    assert set(levels) == {"national", "provincial", "municipal", "district"}
    assert levels["district"] > levels["national"]
    known = set(load_gazetteer().code)
    assert {r[0] for r in rows(con, "SELECT DISTINCT region_code FROM policies")} <= known
    lo, hi, undated = rows(con, "SELECT min(year(issue_date)), max(year(issue_date)), count(*) FILTER "
                                "(WHERE issue_date IS NULL) FROM policies")[0]
    assert 1990 <= lo and hi <= 2026 and 0 < undated < 60
    per_policy = rows(con, "SELECT avg(n), min(n), max(n) FROM (SELECT count(*) AS n FROM terms GROUP BY policy_id)")[0]
    assert 4 <= per_policy[0] <= 6 and per_policy[1] >= 3 and per_policy[2] <= 7
    assert rows(con, "SELECT count(DISTINCT status) FROM policies")[0][0] >= 3     # in force, expired, not yet …
    assert rows(con, "SELECT count(DISTINCT title) FROM policies")[0][0] > 500       # titles vary


def test_every_generated_term_quotes_its_policys_text(generated):
    bad = rows(generated.con, """SELECT t.term_id FROM terms t JOIN policies p USING (policy_id)
                                 WHERE NOT contains(p.text, t.quote)
                                    OR substr(t.quote, t.number_at + 1, length(t.number_printed)) <> t.number_printed""")
    assert bad == []


def test_the_generator_is_seeded():
    a = generate.generate(50)
    b = generate.generate(50)
    assert [p.title for p in a[2]] == [p.title for p in b[2]] and a[3].equals(b[3])


# The search index ----------------------------------------------------------------

def test_the_sql_index_is_the_python_index(con):
    policies = [SimpleNamespace(policy_id=r[0], title=r[1], text=r[2], doc_number=r[3], issuers=list(r[4]))
                for r in con.execute("SELECT policy_id, title, text, doc_number, issuers FROM policies").fetchall()]
    terms, docs = search_index.index_frames(policies)
    in_sql = set(con.execute("SELECT d.policy_id, g.term, t.tf FROM search_terms t JOIN search_grams g USING (term_id) "
                             "JOIN search_docs d USING (doc)").fetchall())
    assert in_sql == set(map(tuple, terms.itertuples(index=False)))
    assert set(con.execute("SELECT policy_id, len FROM search_docs").fetchall()) == set(map(tuple, docs.itertuples(index=False)))
    n, df = con.execute("SELECT count(*), (SELECT df FROM search_grams WHERE term = '贴息') FROM search_docs").fetchone()
    assert n == len(policies) and df == terms[terms.term == "贴息"].policy_id.nunique()


def test_the_postings_are_stored_by_gram(con):
    ids = [r[0] for r in con.execute("SELECT term_id FROM search_terms").fetchall()]
    assert ids == sorted(ids)


@pytest.mark.parametrize("q", ["专精特新", "贷款贴息", "贴", "AI", "融资 担保"])
def test_search_total_counts_every_match(con, q):
    grams = search_index.query_grams(q) or [q]
    everything = run(con, "explorer/search_policies", **FILTERS, grams=grams, phrase=q, issuer=None, limit=10_000)
    first = run(con, "explorer/search_policies", **FILTERS, grams=grams, phrase=q, issuer=None, limit=3)
    assert everything and first == everything[:3]
    assert {r[-2] for r in everything} == {len(everything)}           # total
    assert {r[-2] for r in first} == {len(everything)}


REFERENCE = (Path(__file__).parent / "search_reference.sql").read_text(encoding="utf-8")
SEARCHES = ["专精特新", "贷款贴息", "担保", "融资担保费率", "人工智能", "AI", "贴", "融资 担保", "中小企业发展", ""]
SEARCH_FILTERS = [{}, {"levels": ["provincial", "municipal"]}, {"topics": ["finance"]},
               {"year_from": 2020, "year_to": 2023, "include_undated": False}, {"region": "420100"}]


def search_both(con, q: str, limit: int, issuer: str | None = None, **filters) -> tuple[list, list]:
    """(the named query's rows, the reference's rows) for the search q as the explorer runs it; the rows scored in
    memory (for a query of Chinese bigrams) must be the named query's."""
    args = {**FILTERS, **filters, "grams": search_index.query_grams(q) or ([q] if q else []), "phrase": q,
            "issuer": issuer, "limit": limit}
    got = run(con, "explorer/search_policies", **args)
    assert in_memory(con, args) == got, (q, filters, issuer, limit)
    return got, con.execute(REFERENCE, args).fetchall()


@pytest.mark.parametrize("q", SEARCHES)
def test_search_returns_the_reference_answer_on_the_corpus(con, q):
    """The same rows in the same order and the same total as the plain query, with and without filters, for a page
    of 1, 7 or 500: the short pages take the path where the best-scored matches alone decide the page, or fall
    back to testing the phrase in every match when they cannot."""
    for filters in SEARCH_FILTERS:
        for limit in (1, 7, 500):
            got, want = search_both(con, q, limit, **filters)
            assert got == want, (q, filters, limit)
    issuers = [i for r in search_both(con, q, 500)[1] for i in r[3]]
    for issuer in ([issuers[0], issuers[-1]] if issuers else []):    # the explorer's issuer choice
        for limit in (1, 7, 500):
            got, want = search_both(con, q, limit, issuer=issuer)
            assert got == want, (q, issuer, limit)
    assert search_both(con, q, 0) == ([], [])


@pytest.mark.parametrize("q", ["专精特新", "担保", "融资担保费率", "AI", "贴", "支持", ""])
def test_search_returns_the_reference_answer_on_generated_policies(generated, q):
    for filters in SEARCH_FILTERS[:4]:
        for limit in (3, 50, 400):
            got, want = search_both(generated.con, q, limit, **filters)
            assert got == want, (q, filters, limit)
            assert len(got) == min(limit, got[0][-2] if got else 0)


def test_latin_words_are_found_as_the_texts_print_them(generated):
    """A phrase of Latin letters stands in a title or text exactly when a word of search_words holds it."""
    con = generated.con
    words = [r[0] for r in rows(con, "SELECT DISTINCT word FROM search_words ORDER BY 1")]
    assert words
    for phrase in {w[:2] for w in words} | {"AI", "ai", "G"}:
        by_words = {r[0] for r in rows(con, "SELECT doc FROM search_words WHERE contains(word, $p)", p=phrase)}
        by_text = {r[0] for r in rows(con, "SELECT doc FROM v_policies WHERE contains(title, $p) OR contains(text, $p)",
                                      p=phrase)}
        assert by_words == by_text, phrase


# Pagination ----------------------------------------------------------------------

@pytest.mark.parametrize("name,args", [
    ("trends/policies_in_period", dict(day_from=date(2020, 1, 1), day_to=date(2023, 12, 31))),
    ("trends/policies_in_force_on", dict(day=date(2025, 12, 31))),
])
def test_pages_put_together_are_the_whole_list(generated, name, args):
    con = generated.con
    whole = run(con, name, **FILTERS, **args, limit=100_000, offset=0)
    assert len(whole) > 40 and {r[-1] for r in whole} == {len(whole)}
    pages, offset = [], 0
    while True:
        page = run(con, name, **FILTERS, **args, limit=17, offset=offset)
        if not page:
            break
        assert len(page) <= 17 and {r[-1] for r in page} == {len(whole)}
        pages += page
        offset += 17
    assert pages == whole


# Keys and point queries ----------------------------------------------------------------

def test_the_big_tables_carry_no_index_and_the_build_checks_their_keys(tmp_path, con):
    keyed = {r[0] for r in con.execute("SELECT DISTINCT table_name FROM duckdb_constraints() "
                                       "WHERE constraint_type IN ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY')").fetchall()}
    assert keyed <= {"regions", "topics", "measures", "term_kinds"}   # the small lookup tables
    meta, file_to_id, policies, terms = generate.generate(30)
    policies.append(policies[3])
    with pytest.raises(ValueError, match="policies.policy_id is unique"):
        load.write_database(tmp_path / "dup.duckdb", meta=meta, file_to_id=file_to_id, policies=policies,
                            today=date(2026, 11, 24), terms=terms)


def test_a_policy_id_is_validated_by_a_point_query(con):
    pid = con.execute("SELECT policy_id FROM policies LIMIT 1").fetchone()[0]
    assert run(con, "common/policy_exists", policy_id=pid) == [(pid,)]
    assert run(con, "common/policy_exists", policy_id="no-such-policy") == []
    issuer = con.execute("SELECT issuers[1] FROM policies WHERE len(issuers) > 0 LIMIT 1").fetchone()[0]
    assert run(con, "common/issuer_exists", issuer=issuer) == [(issuer,)]
    assert run(con, "common/issuer_exists", issuer="无此机关") == []


def test_policies_are_stored_by_region_then_date(con):
    order = con.execute("SELECT region_code, coalesce(issue_date, effective_from) FROM policies").fetchall()
    key = [(r is None, r or "", d is None, d or date.min) for r, d in order]
    assert key == sorted(key)


# Built with the database: what the pages join on ------------------------------------------

@pytest.mark.parametrize("db", ["con", "generated"])
def test_doc_is_the_policys_row_everywhere(request, db):
    """v_policies.doc (the storage row) names the same policy in search_docs and the doc-keyed aggregates."""
    fixture = request.getfixturevalue(db)
    con = fixture if db == "con" else fixture.con
    n = rows(con, "SELECT count(*) FROM policies")[0][0]
    assert rows(con, "SELECT count(DISTINCT doc), min(doc), max(doc) FROM v_policies") == [(n, 0, n - 1)]
    for table in ("search_docs", "policy_term_counts", "policy_citations"):
        bad = rows(con, f"SELECT t.policy_id FROM {table} t JOIN v_policies p USING (doc) WHERE p.policy_id <> t.policy_id")
        missing = rows(con, f"SELECT t.policy_id FROM {table} t ANTI JOIN v_policies p USING (policy_id, doc)")
        assert bad == [] and missing == [], table
    assert rows(con, "SELECT policy_id, count(*) FROM terms GROUP BY 1 EXCEPT SELECT policy_id, terms FROM policy_term_counts") == []
    docs = [r[0] for r in rows(con, "SELECT doc FROM policy_citations")]
    assert docs == sorted(docs)


def test_source_kinds_are_the_counts_of_the_appearances(con):
    assert sorted(rows(con, "SELECT source_id, kind, appearances, policies FROM source_kinds")) == sorted(rows(con, """
        SELECT source_id, kind, count(*), count(DISTINCT policy_id) FROM policy_sources GROUP BY ALL"""))


@pytest.mark.parametrize("filters", [
    FILTERS,
    dict(FILTERS, topics=["finance", "innovation"]),
    dict(FILTERS, levels=["district", "municipal"], statuses=["in_force", "expired"], year_from=2015, year_to=2024,
         include_undated=False),
])
def test_the_topic_filter_on_doc_is_the_topic_filter_on_ids(generated, filters):
    """filtered_policies tests topics on doc (no policy_id is read when none is chosen): the same policies as a
    test on the ids would give."""
    con = generated.con
    got = {r[0] for r in rows(con, """SELECT policy_id FROM filtered_policies($levels, $topics, $region, $year_from,
                                      $year_to, $include_undated, $statuses)""", **filters)}
    topics = filters["topics"]
    want = {r[0] for r in rows(con, """
        SELECT policy_id FROM v_policies p
        WHERE ($levels IS NULL OR list_contains($levels, p.level))
          AND ($topics IS NULL OR EXISTS (SELECT 1 FROM policy_topics t WHERE t.policy_id = p.policy_id
                                          AND list_contains($topics, t.topic)))
          AND ((p.timeline_date IS NULL AND $include_undated)
               OR year(p.timeline_date) BETWEEN $year_from AND $year_to)
          AND ($statuses IS NULL OR list_contains($statuses, p.status_now))""",
        levels=filters["levels"], topics=topics, include_undated=filters["include_undated"],
        year_from=filters["year_from"], year_to=filters["year_to"], statuses=filters["statuses"])}
    assert got == want and got


def test_a_search_page_is_in_a_total_order(generated):
    """Ties of score, date and title are broken by the storage row: the same page every time, and the pages of a
    longer list start with it."""
    q = "支持"
    grams = search_index.query_grams(q)
    long = run(generated.con, "explorer/search_policies", **FILTERS, grams=grams, phrase=q, issuer=None, limit=400)
    short = run(generated.con, "explorer/search_policies", **FILTERS, grams=grams, phrase=q, issuer=None, limit=50)
    assert len(long) > 50 and short == long[:50]
    keys = [(-r[16], -(r[12].toordinal() if r[12] else 0), r[1]) for r in long]
    assert keys == sorted(keys)


# queries16: the queries rewritten for a million policies return what they returned before ---------------------

BEFORE = Path(__file__).resolve().parent / "queries_before"   # those queries as they were (d88b5d6)
REWRITTEN = sorted(str(p.relative_to(BEFORE).with_suffix("")) for p in BEFORE.rglob("*.sql"))
# The pages' default view, then each filter the stored counts cannot serve and each they can.
FILTER_SETS = [
    {},
    dict(levels=["district", "municipal"]),
    dict(levels=["national"], gran="month", year_from=2019, year_to=2024, include_undated=False),
    dict(topics=["finance", "innovation"]),
    dict(region="420100"),
    dict(statuses=["in_force", "expired"]),
    dict(year_from=2015, year_to=2020, include_undated=False, gran="quarter"),
    dict(split="topic", day=date(2019, 6, 30), offset=200),
    dict(split="topic", gran="month", levels=["district", "provincial"]),
    dict(split="topic", gran="quarter"),                         # trend_bars by topic, every level
    dict(split="topic", gran="month", year_from=2018, year_to=2023),
    dict(gran="month", levels=["provincial", "national"], year_from=2010, year_to=2024),
    dict(split="topic", days=[date(y + m // 12, m % 12 + 1, 1) - timedelta(days=1)        # month ends, 2015-2024
                              for y in range(2015, 2025) for m in range(1, 13)]),
    dict(days=[date(2019, 6, 15), date(2023, 3, 1), date(2024, 12, 31)], levels=["municipal"]),   # not month ends
    dict(region="420106", statuses=["in_force"], levels=["district"]),
    dict(parent="420000", metric="max_cap"),   # the map: Hubei's layer, the policies that apply, other metrics
    dict(view="applies", metric="best_rate", topics=["finance"]),
    dict(view="applies", parent="420000", metric="terms", levels=["district", "provincial"]),
]


def _both(con, name: str, filters: dict) -> tuple[list[tuple], list[tuple]]:
    lo, hi = con.execute("SELECT min(year(timeline_date)), max(year(timeline_date)) FROM v_policies").fetchone()
    params = dict(FILTERS, year_from=lo, year_to=hi, gran="year", split="level", titles=True, day=date(2024, 12, 31),
                  days=[date(y, 12, 31) for y in range(lo, hi + 1)], limit=200, offset=0,
                  parent="420100", view="issued", metric="policies", measure="compute") | filters
    args = {k: v for k, v in params.items() if k in query_text(name)[1]}
    _, sql, used = query_for(name, args)    # the file the page runs: the default view's where it applies
    before = (BEFORE / f"{name}.sql").read_text(encoding="utf-8")
    taken = {k: v for k, v in params.items() if k in _param_list(PARAMS_LINE.search(before))}
    now = con.execute(sql, used).fetchall()
    if "metric" in taken and "metric" not in args:   # the map's one query for every metric
        now = one_metric(now, params["metric"])
    return now, con.execute(before, taken).fetchall()


@pytest.fixture(scope="module")
def ungrouped(db_path, tmp_path_factory):
    """A copy of the test database where some policies have no level and some no primary topic (the trends
    chart shows them as 'unknown'), every stored table built again from them."""
    import shutil
    path = tmp_path_factory.mktemp("ungrouped") / "policies.duckdb"
    shutil.copy(db_path, path)
    con = duckdb.connect(str(path))
    con.execute("UPDATE policies SET level = NULL WHERE rowid % 7 = 0")
    con.execute("UPDATE policies SET primary_topic = NULL WHERE rowid % 5 = 0")
    load.build_aggregates(con)
    con.close()
    con = duckdb.connect(str(path), read_only=True)
    yield con
    con.close()


@pytest.mark.parametrize("name", REWRITTEN)
@pytest.mark.parametrize("db", ["con", "generated_10k", "ungrouped"])
def test_a_rewritten_query_returns_the_rows_it_returned_before(request, db, name):
    """Stored counts (period_counts …) for the default view, the policies otherwise, starts and ends for the days
    in force: the same rows, in the same order, as the query before, for every filter set."""
    con = request.getfixturevalue(db)
    seen = 0
    for filters in FILTER_SETS:
        now, before = _both(con, name, filters)
        assert now == before, (name, filters)
        seen += len(now)
    assert seen >= len(FILTER_SETS)


WITH_DEFAULT_VIEW = sorted(n for n in (str(p.relative_to(QUERIES).with_suffix("")) for p in QUERIES.rglob("*.sql"))
                           if default_view(n))


def test_the_default_view_files_are_picked_only_where_they_apply():
    assert {"trends/undated_counts", "trends/coverage_by_period"} <= set(WITH_DEFAULT_VIEW)
    declared = query_text("trends/undated_counts")[1]
    base = dict.fromkeys(declared) | dict(year_from=2000, year_to=2024, include_undated=True)
    assert query_for("trends/undated_counts", base | dict(levels=["national"]))[0] == "trends/undated_counts.default"
    for filtered in (dict(topics=["finance"]), dict(region="420100"), dict(statuses=["in_force"])):
        name, sql, used = query_for("trends/undated_counts", base | filtered)
        assert name == "trends/undated_counts" and used == base | filtered


@pytest.mark.parametrize("name", WITH_DEFAULT_VIEW)
@pytest.mark.parametrize("db", ["con", "generated_10k", "ungrouped"])
def test_a_default_view_file_answers_as_its_query_does(request, db, name):
    """<name>.default.sql (stored tables) and <name>.sql (the policies) give the same rows wherever the default
    view's file is the one picked: the filter sets without a topic, region or status."""
    con = request.getfixturevalue(db)
    lo, hi = con.execute("SELECT min(year(timeline_date)), max(year(timeline_date)) FROM v_policies").fetchone()
    declared = query_text(name)[1]
    tried = 0
    for filters in FILTER_SETS:
        params = dict(FILTERS, year_from=lo, year_to=hi, gran="year", split="level", titles=True, limit=200,
                      offset=0) | filters
        args = {k: v for k, v in params.items() if k in declared}
        picked, sql, used = query_for(name, args)
        if picked == name:
            continue
        tried += 1
        general = con.execute(query_text(name)[0], args).fetchall()
        assert con.execute(sql, used).fetchall() == general and general, (name, filters)
    assert tried >= 5


@pytest.mark.parametrize("name", ["trends/counts_by_period", "trends/in_force_on_days"])
@pytest.mark.parametrize("filters", [{}, dict(split="topic", gran="month"), dict(levels=["district"], split="topic"),
                                     dict(topics=["finance"], gran="quarter")])
def test_without_titles_the_bars_are_the_same_and_hold_no_titles(con, name, filters):
    """titles=false (the chart has too many periods for a hover to list them): the same bars, each with []."""
    lo, hi = con.execute("SELECT min(year(timeline_date)), max(year(timeline_date)) FROM v_policies").fetchone()
    params = dict(FILTERS, year_from=lo, year_to=hi, gran="year", split="level",
                  days=[date(y, 12, 31) for y in range(lo, hi + 1)]) | filters
    args = {k: v for k, v in params.items() if k in query_text(name)[1]}
    rows = {}
    for titles in (True, False):
        _, sql, used = query_for(name, args | dict(titles=titles))
        rows[titles] = con.execute(sql, used).fetchall()
    assert [r[:3] for r in rows[False]] == [r[:3] for r in rows[True]] and rows[True]
    assert {tuple(r[3]) for r in rows[False]} == {()} and any(r[3] for r in rows[True])


def test_the_period_counts_add_up_to_the_policies(con):
    assert rows(con, "SELECT sum(policies)::BIGINT, sum(terms)::BIGINT FROM period_counts") == \
        rows(con, "SELECT count(*), (SELECT count(*) FROM terms) FROM policies")
    assert rows(con, "SELECT sum(policies)::BIGINT FROM region_policy_counts") == \
        rows(con, "SELECT count(*) FROM policies WHERE region_code IS NOT NULL")


def test_the_period_groups_hold_every_dated_policy_once(con):
    """The trends bars of the default view: each dated policy in one month × level × topic, with that group's three
    first (date, title) in order."""
    assert rows(con, "SELECT sum(policies)::BIGINT FROM period_groups") == \
        rows(con, "SELECT count(*) FROM v_policies WHERE timeline_date IS NOT NULL")
    assert rows(con, "SELECT count(*) FROM period_groups WHERE len(first_items) <> least(policies, 3) "
                     "OR first_items <> list_sort(first_items)") == [(0,)]
