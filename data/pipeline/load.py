"""Write policies, provenance, topics and terms into a new DuckDB file."""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import duckdb
import pandas as pd

from data.pipeline import coverage, curated as curated_tables, search_index
from data.pipeline import terms as term_reader
from data.pipeline.classify import load_topics
from data.pipeline.schema_id import SCHEMA, schema_id
from data.reader.model import KINDS
from data.reader.normalize import Policy, date_bounds
from data.reader.notes import chinese
from geo.gazetteer import load_gazetteer

MEASURES = Path(__file__).resolve().parents[1] / "codebook" / "measures.csv"
TERM_KINDS = Path(__file__).resolve().parents[1] / "codebook" / "term_kinds.csv"


def _policy_rows(policies: list[Policy], today: date) -> pd.DataFrame:
    rows = []
    repealed = {old for p in policies for old in p.supersedes}   # a later text repeals it: marked superseded
    for p in policies:
        start = date_bounds(p.effective_from, end=False)
        end = date_bounds(p.effective_to, end=True)
        issued = date_bounds(p.issue_date, end=False)
        rows.append({
            "policy_id": p.policy_id, "title": p.title, "doc_number": p.doc_number, "issuers": p.issuers,
            "level": p.level, "region_code": p.region_code,
            "issue_date": issued, "issue_date_precision": p.issue_date.precision if p.issue_date else None,
            "issue_date_note": p.issue_date_note, "issue_date_note_zh": chinese(p.issue_date_note) if p.issue_date_note else None,
            "effective_from": start, "effective_from_precision": p.effective_from.precision if p.effective_from else None,
            "effective_to": end, "effective_to_precision": p.effective_to.precision if p.effective_to else None,
            "primary_topic": p.primary_topic, "build_day": today,
            "text_kind": p.text_kind or None, "text": p.text or None,
            "beneficiaries": p.fields.get("支持对象"), "executing_agency": p.fields.get("执行机关"),
            "execution_period": p.fields.get("执行时间"),
            "list_category": next((a.group for a in p.appearances if a.kind == "list_entry"), None),
            "notes": "; ".join(p.notes) or None, "notes_zh": "；".join(map(chinese, p.notes)) or None,
            **curated_tables.policy_marks(p, repealed=p.policy_id in repealed), **_evidence(p),
        })
    return pd.DataFrame(rows)


def _evidence(p: Policy) -> dict:
    """What the policy rests on: its best provenance kind, and the trust mark when that is a curated row."""
    best = min(p.appearances, key=lambda a: KINDS.index(a.kind))
    return {"evidence_kind": best.kind, "trust": curated_tables.appearance_extras(best)["trust"]}


def _source_rows(policies: list[Policy], file_to_id: dict[str, str]) -> pd.DataFrame:
    rows, seen = [], set()
    for p in policies:
        for a in p.appearances:
            key = (p.policy_id, file_to_id[a.source_file], a.kind, a.line_start)
            if key in seen:  # a list entry citing the same document twice on one line
                continue
            seen.add(key)
            rows.append({"policy_id": p.policy_id, "source_id": key[1], "kind": a.kind,
                         "line_start": a.line_start, "line_end": a.line_end,
                         "printed_title": a.printed_title or a.title, "page": a.page,
                         "section": a.group if a.kind not in ("register_entry", "curated_term") else None,
                         **curated_tables.appearance_extras(a)})
    return pd.DataFrame(rows)


def _relation_rows(policies: list[Policy]) -> pd.DataFrame:
    owner = {id(a): p.policy_id for p in policies for a in p.appearances}
    rows = set()
    for p in policies:
        for a in p.appearances:
            for c in a.cites:
                if owner[id(c)] != p.policy_id:
                    rows.add((p.policy_id, owner[id(c)], "cites"))
        rows.update((p.policy_id, old, "supersedes") for old in p.supersedes)
    return pd.DataFrame(sorted(rows), columns=["from_policy", "to_policy", "relation"])


def _topic_rows(policies: list[Policy]) -> pd.DataFrame:
    rows = [{"policy_id": p.policy_id, "topic": slug, "is_primary": i == 0, "score": score, "evidence": ev}
            for p in policies for i, (slug, score, ev) in enumerate(p.topics)]
    return pd.DataFrame(rows)


# Policies are stored by region, then by date: a region filter (a code and the codes under it, which sort
# together) and a date range read a few row groups; DuckDB's zone maps skip the others.
STORAGE_ORDER = "region_code NULLS LAST, coalesce(issue_date, effective_from) NULLS LAST, policy_id"

# (what must hold, a query returning the rows that break it). A DuckDB key would be an ART index in the
# file (see data/schema.sql); the build checks each one once instead.
KEY_CHECKS = [
    ("sources.source_id is unique", "SELECT source_id FROM sources GROUP BY 1 HAVING count(*) > 1"),
    ("sources.file is unique", "SELECT file FROM sources GROUP BY 1 HAVING count(*) > 1"),
    ("policies.policy_id is unique", "SELECT policy_id FROM policies GROUP BY 1 HAVING count(*) > 1"),
    ("policy_topics (policy_id, topic) is unique",
     "SELECT policy_id, topic FROM policy_topics GROUP BY ALL HAVING count(*) > 1"),
    ("policy_sources (policy_id, source_id, kind, line_start) is unique",
     "SELECT policy_id, source_id, kind, line_start FROM policy_sources GROUP BY ALL HAVING count(*) > 1"),
    ("policy_relations (from_policy, to_policy, relation) is unique",
     "SELECT from_policy, to_policy, relation FROM policy_relations GROUP BY ALL HAVING count(*) > 1"),
    ("terms.term_id is unique", "SELECT term_id FROM terms GROUP BY 1 HAVING count(*) > 1"),
    ("register_terms.register_term_id is unique",
     "SELECT register_term_id FROM register_terms GROUP BY 1 HAVING count(*) > 1"),
    ("register_terms.policy_id is a policy",
     "SELECT policy_id FROM register_terms ANTI JOIN policies USING (policy_id)"),
    ("clauses.clause_id is unique", "SELECT clause_id FROM clauses GROUP BY 1 HAVING count(*) > 1"),
    ("clauses.policy_id is a policy", "SELECT policy_id FROM clauses ANTI JOIN policies USING (policy_id)"),
    ("terms.clause_id is a clause",
     "SELECT clause_id FROM terms WHERE clause_id IS NOT NULL AND clause_id NOT IN (SELECT clause_id FROM clauses)"),
    ("curated_terms.curated_id is unique", "SELECT curated_id FROM curated_terms GROUP BY 1 HAVING count(*) > 1"),
    ("policies.region_code is a region",
     "SELECT region_code FROM policies WHERE region_code NOT IN (SELECT code FROM regions)"),
    ("policies.primary_topic is a topic",
     "SELECT primary_topic FROM policies WHERE primary_topic NOT IN (SELECT slug FROM topics)"),
    ("policy_topics.topic is a topic", "SELECT topic FROM policy_topics WHERE topic NOT IN (SELECT slug FROM topics)"),
    ("policy_topics.policy_id is a policy", "SELECT policy_id FROM policy_topics ANTI JOIN policies USING (policy_id)"),
    ("policy_sources.policy_id is a policy", "SELECT policy_id FROM policy_sources ANTI JOIN policies USING (policy_id)"),
    ("policy_sources.source_id is a source", "SELECT source_id FROM policy_sources ANTI JOIN sources USING (source_id)"),
    ("policy_relations.from_policy is a policy",
     "SELECT from_policy FROM policy_relations r ANTI JOIN policies p ON p.policy_id = r.from_policy"),
    ("policy_relations.to_policy is a policy",
     "SELECT to_policy FROM policy_relations r ANTI JOIN policies p ON p.policy_id = r.to_policy"),
    ("terms.policy_id is a policy", "SELECT policy_id FROM terms ANTI JOIN policies USING (policy_id)"),
    ("terms.source_id is a source", "SELECT source_id FROM terms ANTI JOIN sources USING (source_id)"),
    ("terms.measure is a measure", "SELECT measure FROM terms WHERE measure NOT IN (SELECT slug FROM measures)"),
    ("curated_terms.region_code is a region",
     "SELECT region_code FROM curated_terms WHERE region_code NOT IN (SELECT code FROM regions)"),
    ("curated_terms.measure is a measure",
     "SELECT measure FROM curated_terms WHERE measure NOT IN (SELECT slug FROM measures)"),
]


def check_keys(con) -> None:
    """Raise ValueError naming the rule and a few offending values when a key or a reference does not hold."""
    for rule, sql in KEY_CHECKS:
        bad = con.execute(sql + " LIMIT 5").fetchall()
        if bad:
            raise ValueError(f"data/schema.sql: {rule} does not hold, e.g. {[r if len(r) > 1 else r[0] for r in bad]}")


# the tables build_aggregates fills (data/schema.sql: "Built with the database")
AGGREGATES = ("policy_term_counts", "region_lineage", "policy_citations", "source_counts", "source_kinds",
              "map_policy_metrics", "map_terms", "ai_terms", "ai_region_counts")


def build_aggregates(con) -> None:
    """Tables the pages would otherwise recompute on every query: region lineage, the citations of each policy,
    what each source holds, how many terms each policy states, the map's metrics and the AI comparison's terms."""
    for table in AGGREGATES:   # built anew each time (a test copy rebuilds them after deleting a source)
        con.execute(f"DELETE FROM {table}")
    # keyed by doc too (search_docs, built before), and stored in its order: pages join on integers
    con.execute("""INSERT INTO policy_term_counts SELECT t.policy_id, count(*), any_value(d.doc)
                   FROM terms t JOIN search_docs d USING (policy_id) GROUP BY 1 ORDER BY 3""")
    con.execute("""
        INSERT INTO region_lineage
        WITH RECURSIVE up(code, ancestor, depth) AS (
            SELECT code, code, 0 FROM regions
            UNION ALL
            SELECT up.code, r.parent_code, up.depth + 1
            FROM up JOIN regions r ON r.code = up.ancestor
            WHERE r.parent_code IS NOT NULL
        )
        SELECT code, ancestor, depth FROM up ORDER BY ancestor, code""")
    con.execute("""
        INSERT INTO policy_citations
        -- "file:first-last; …"; the rows of one curated table as one cell: "curated/peer_ai_terms.csv:23,24,25",
        -- a register row with its id "…csv:3 (WH-D-002)"
        SELECT policy_id, string_agg(cell, '; ' ORDER BY file, first_line) AS sources, any_value(doc) AS doc
        FROM (
            SELECT ps.policy_id, s.file, min(ps.line_start) AS first_line,
                   s.file || ':' || string_agg(CASE WHEN ps.record_id IS NULL THEN ps.line_start || '-' || ps.line_end
                                                    WHEN ps.kind = 'register_entry'
                                                        THEN ps.line_start || ' (' || ps.record_id || ')'
                                                    ELSE CAST(ps.line_start AS VARCHAR) END,
                                               ',' ORDER BY ps.line_start) AS cell, any_value(d.doc) AS doc
            FROM policy_sources ps JOIN sources s USING (source_id) JOIN search_docs d ON d.policy_id = ps.policy_id
            GROUP BY ps.policy_id, s.file, CASE WHEN ps.record_id IS NULL THEN ps.line_start ELSE -1 END
        )
        GROUP BY policy_id ORDER BY doc""")
    con.execute("""
        INSERT INTO source_counts
        SELECT s.source_id, coalesce(a.policies, 0), coalesce(a.appearances, 0), coalesce(t.terms, 0)
        FROM sources s
        LEFT JOIN (SELECT source_id, count(DISTINCT policy_id) AS policies, count(*) AS appearances
                   FROM policy_sources GROUP BY 1) a USING (source_id)
        LEFT JOIN (SELECT source_id, count(*) AS terms FROM terms GROUP BY 1) t USING (source_id)
        ORDER BY s.source_id""")
    con.execute("""INSERT INTO source_kinds SELECT source_id, kind, count(*), count(DISTINCT policy_id)
                   FROM policy_sources GROUP BY ALL ORDER BY ALL""")
    build_map_ai_aggregates(con)   # mapai: the map's and the AI comparison's tables (below)
    build_period_aggregates(con)   # queries16: counts per month, level and source (below)
    build_list_aggregates(con)     # queries17: the overview's lists and the explorer's facets (below)


# mapai: the map's metrics and the AI comparison's terms, from v_measure_terms (the one set of rules). A term's
# standing that does not change with the day (draft, superseded) is applied here; the day's status by the queries.
STATIC_BEST = ("best_candidate(m.term_kind, m.shape, policy_standing(m.title, m.superseded_by, 'in_force'), m.trust)")
ORIGIN_RANK = "CASE m.origin WHEN 'corpus' THEN 2 WHEN 'register' THEN 1 ELSE 0 END"


def build_map_ai_aggregates(con) -> None:
    """map_policy_metrics, ai_terms and ai_region_counts (data/schema.sql)."""
    winner = (f"max_by({{'origin': m.origin, 'trust': m.trust, 'citation': m.citation, 'source_url': m.source_url}}, "
              f"({{'v': VALUE, 'o': {ORIGIN_RANK}, 'c': m.citation}}))")
    cap = "m.value"
    rate = "greatest(m.value, coalesce(m.value_max, m.value))"
    con.execute(f"""
        INSERT INTO map_policy_metrics
        WITH m AS (SELECT m.*, k.map_rate AS kind_rate, k.map_cap AS kind_cap, {STATIC_BEST} AS ok
                   FROM v_measure_terms m JOIN term_kinds k ON k.slug = m.term_kind),
        caps AS (
            SELECT m.policy_id, '' AS measure, count(*) FILTER (WHERE m.firm_incentive) AS n_terms,
                   max({cap}) FILTER (WHERE m.ok AND m.kind_cap AND m.unit = '万元') AS value,
                   {winner.replace('VALUE', cap)} FILTER (WHERE m.ok AND m.kind_cap AND m.unit = '万元') AS w
            FROM m GROUP BY m.policy_id),
        rates AS (
            SELECT m.policy_id, m.measure, NULL AS n_terms, max({rate}) AS value, {winner.replace('VALUE', rate)} AS w
            FROM m WHERE m.ok AND m.kind_rate AND m.unit = '%' GROUP BY m.policy_id, m.measure),
        every AS (   -- a '' row for every policy, with its sources cell (the region's list reads it from here)
            SELECT p.policy_id, '' AS measure, coalesce(c.n_terms, 0) AS n_terms, c.value, c.w, pc.sources,
                   sl.source_ids
            FROM policies p LEFT JOIN caps c USING (policy_id) LEFT JOIN policy_citations pc USING (policy_id)
            LEFT JOIN (SELECT policy_id, list(DISTINCT source_id ORDER BY source_id) AS source_ids
                       FROM policy_sources GROUP BY 1) sl USING (policy_id))
        SELECT u.policy_id, p.region_code, u.measure, u.n_terms, u.value, u.w.origin, u.w.trust, u.w.citation,
               u.w.source_url, u.sources, u.source_ids
        FROM (SELECT * FROM every UNION ALL BY NAME SELECT * FROM rates) u JOIN policies p USING (policy_id)
        ORDER BY u.measure, p.region_code, u.policy_id""")
    con.execute(f"""
        INSERT INTO map_terms
        SELECT m.region_code, m.policy_id, coalesce(p.issue_date, p.effective_from), m.title, m.origin, m.row_id,
               m.level, m.measure, m.term_kind, m.shape, m.tier, m.per_unit, m.value_kind, m.comparator, m.value,
               m.value_max, m.unit, m.basis, m.condition, m.quote, m.citation, m.source_url, m.trust, m.superseded_by,
               m.line_start, m.number_at
        FROM v_measure_terms m JOIN policies p USING (policy_id)
        WHERE m.firm_incentive
        ORDER BY m.region_code, coalesce(p.issue_date, p.effective_from) DESC NULLS LAST, m.title, m.policy_id,
                 {ORIGIN_RANK} DESC, m.line_start, m.number_at, m.row_id""")
    con.execute("""
        INSERT INTO ai_terms
        SELECT m.region_code, m.origin, m.row_id, m.entry_id, m.policy_id, m.title, p.doc_number,
               coalesce(c.issue_date, CAST(p.issue_date AS VARCHAR)), m.measure, m.measure_printed, m.value_kind,
               m.term_kind, m.shape, m.tier, m.per_unit, m.value, m.value_max, m.unit, m.number_printed, m.comparator,
               m.basis, m.beneficiary, m.condition, m.quote, m.citation,
               CASE WHEN m.origin = 'corpus' THEN s.file || ':' || coalesce(
                   (SELECT ps.line_start || '-' || ps.line_end FROM policy_sources ps
                    WHERE ps.policy_id = m.policy_id AND ps.source_id = m.source_id
                      AND ps.line_start <= m.line_start AND ps.line_end >= m.line_end
                    ORDER BY ps.line_end - ps.line_start, ps.line_start LIMIT 1),
                   m.line_start || '-' || m.line_end) END,
               m.source_url, coalesce(m.source_title, s.title), m.trust, m.dataset, m.superseded_by, m.line_start,
               m.line_end, m.number_at, p.status_mark, p.effective_from, p.effective_to, p.issue_date
        FROM v_measure_terms m
        JOIN policies p USING (policy_id)
        LEFT JOIN sources s ON s.source_id = m.source_id AND m.origin = 'corpus'
        LEFT JOIN curated_terms c ON m.origin = 'curated' AND 'c:' || c.curated_id = m.entry_id
        WHERE m.origin <> 'corpus' OR ai_policy(p.title)
        ORDER BY m.region_code, m.entry_id, m.row_id""")
    con.execute("""
        INSERT INTO ai_region_counts
        SELECT region_code, count(DISTINCT entry_id) FILTER (WHERE origin = 'corpus'),
               count(DISTINCT entry_id) FILTER (WHERE origin = 'curated'),
               count(DISTINCT entry_id) FILTER (WHERE origin = 'register')
        FROM ai_terms WHERE region_code IS NOT NULL GROUP BY 1 ORDER BY 1""")


# queries16: the counts of the pages' default view (data/schema.sql, period_counts …), from the loaded tables, so
# that they can also be added to an existing database (benchmarks): nothing here depends on the day.
PERIOD_AGGREGATES = ("period_counts", "period_sources", "period_top_sources", "region_policy_counts",
                     "map_metric_docs", "period_groups", "in_force_months", "trend_bars", "in_force_bars")


# a bar's three first titles from its parts' first items (each part holds its three smallest (date, title))
FIRST_THREE_TITLES = "list_transform(list_slice(list_sort(flatten(list(first_items))), 1, 3), lambda x: x.t)"


def build_period_aggregates(con) -> None:
    for table in PERIOD_AGGREGATES:
        con.execute(f"DELETE FROM {table}")
    con.execute("""
        INSERT INTO period_counts
        SELECT date_trunc('month', coalesce(p.issue_date, p.effective_from))::DATE AS month, p.level, count(*),
               count(*) FILTER (WHERE p.evidence_kind IN ('register_entry', 'curated_term')),
               count(*) FILTER (WHERE p.issue_date IS NULL AND p.effective_from IS NULL AND p.effective_to IS NULL),
               coalesce(sum(k.terms), 0)
        FROM policies p LEFT JOIN policy_term_counts k USING (policy_id)
        GROUP BY ALL ORDER BY ALL""")
    con.execute("""
        INSERT INTO period_sources
        SELECT date_trunc('month', coalesce(p.issue_date, p.effective_from))::DATE AS month, p.level, ps.source_id,
               count(DISTINCT p.policy_id)
        FROM policies p JOIN policy_sources ps USING (policy_id)
        WHERE coalesce(p.issue_date, p.effective_from) IS NOT NULL
        GROUP BY ALL ORDER BY ALL""")
    con.execute("""
        INSERT INTO period_top_sources
        SELECT unit, period_start, arg_max(source_id, n ORDER BY n, source_id), max(n), count(*)
        FROM (SELECT u.unit, date_trunc(u.unit, month)::DATE AS period_start, source_id, sum(policies) AS n
              FROM period_sources, (VALUES ('year'), ('quarter'), ('month')) u(unit) GROUP BY ALL)
        GROUP BY ALL ORDER BY ALL""")
    con.execute("""INSERT INTO region_policy_counts SELECT region_code, count(*) FROM policies
                   WHERE region_code IS NOT NULL GROUP BY 1 ORDER BY 1""")
    con.execute("""INSERT INTO map_metric_docs
                   SELECT d.doc, m.measure, m.n_terms, m.value, m.origin, m.trust, m.citation, m.source_url,
                          m.source_ids
                   FROM map_policy_metrics m JOIN search_docs d USING (policy_id) ORDER BY m.measure, d.doc""")
    con.execute("""
        INSERT INTO period_groups
        SELECT date_trunc('month', timeline_date)::DATE, level, primary_topic, count(*),
               min_by({'d': timeline_date, 't': title}, {'d': timeline_date, 't': title}, 3)
        FROM v_policies WHERE timeline_date IS NOT NULL
        GROUP BY ALL ORDER BY ALL""")
    lo, hi = con.execute("SELECT year(min(timeline_date)), year(max(timeline_date)) FROM v_policies").fetchone()
    if lo is not None:
        month_ends = [date(y + m // 12, m % 12 + 1, 1) - timedelta(days=1)       # January of lo … December of hi
                      for y in range(lo, hi + 1) for m in range(1, 13)]
        con.execute("""INSERT INTO in_force_months
                       SELECT * FROM in_force_cells($days, NULL, NULL, NULL, $lo, $hi, true, NULL, 'cell', true)
                       ORDER BY ALL""",
                    {"days": month_ends, "lo": lo, "hi": hi})
    # the bars of the default view: each group's first titles are the three smallest of its parts' three smallest
    con.execute(f"""
        INSERT INTO trend_bars
        WITH g AS (SELECT u.unit, s.split, date_trunc(u.unit, month)::DATE AS period_start,
                          CASE s.split WHEN 'topic' THEN primary_topic ELSE level END AS grp, policies, first_items
                   FROM period_groups, (VALUES ('year'), ('quarter'), ('month')) u(unit),
                        (VALUES ('level'), ('topic')) s(split))
        SELECT unit, split, period_start, grp, sum(policies)::BIGINT,
               {FIRST_THREE_TITLES}
        FROM g GROUP BY ALL ORDER BY ALL""")
    con.execute(f"""
        INSERT INTO in_force_bars
        WITH g AS (SELECT s.split, day, CASE s.split WHEN 'topic' THEN primary_topic ELSE level END AS grp,
                          policies, first_items
                   FROM in_force_months, (VALUES ('level'), ('topic')) s(split))
        SELECT split, day, grp, sum(policies)::BIGINT,
               {FIRST_THREE_TITLES}
        FROM g GROUP BY ALL ORDER BY ALL""")


# queries17: the overview's newest policies and recent changes stored newest first, its headline numbers' regions
# and in-force steps, the topics keyed by doc and the map's ranks (data/schema.sql, policy_timeline …), from the
# loaded tables, so that they can also be added to an existing database.
LIST_AGGREGATES = ("policy_timeline", "policy_events", "policy_topic_docs", "period_regions", "in_force_steps",
                   "map_policy_ranks", "map_rate_ranks", "policy_ids")
# marked_status(...) = 'in_force' on some day: not a draft, superseded, or lapsed with no end, and a start (effective
# date, else issue date) on or before its end (none: for ever); it is in force from the start to the end
MAY_BE_IN_FORCE = """coalesce(status_mark, '') NOT IN ('draft', 'superseded')
              AND NOT (coalesce(status_mark, '') = 'lapsed' AND effective_to IS NULL)
              AND coalesce(effective_from, issue_date) <= coalesce(effective_to, DATE '9999-12-31')"""


def build_list_aggregates(con) -> None:
    for table in LIST_AGGREGATES:
        con.execute(f"DELETE FROM {table}")
    con.execute("""
        INSERT INTO policy_timeline
        SELECT timeline_date, title, doc, level, region_code, timeline_basis, issue_date_precision,
               primary_topic, evidence_kind, trust, status_mark, effective_from, effective_to, issue_date
        FROM v_policies WHERE timeline_date IS NOT NULL
        ORDER BY timeline_date DESC, title, doc""")
    con.execute("""
        INSERT INTO policy_events
        SELECT day, event, doc, level, timeline_date
        FROM (SELECT doc, level, timeline_date,
                     unnest([issue_date, effective_from, effective_to + 1]) AS day,
                     unnest(['issued', 'took_effect', 'expired']) AS event
              FROM v_policies)
        WHERE day IS NOT NULL
        ORDER BY day DESC, doc, event""")
    con.execute("""INSERT INTO policy_topic_docs SELECT d.doc, pt.topic
                   FROM policy_topics pt JOIN search_docs d USING (policy_id) ORDER BY d.doc, pt.topic""")
    con.execute("INSERT INTO policy_ids SELECT policy_id, doc FROM search_docs ORDER BY doc")
    con.execute("""INSERT INTO period_regions SELECT DISTINCT year(timeline_date), level, region_code FROM v_policies
                   ORDER BY ALL""")
    con.execute(f"""
        INSERT INTO in_force_steps
        SELECT year, level, day, sum(n) FROM (
            SELECT year(timeline_date) AS year, level, coalesce(effective_from, issue_date) AS day, 1 AS n
            FROM v_policies WHERE {MAY_BE_IN_FORCE}
            UNION ALL
            SELECT year(timeline_date), level, effective_to + 1, -1
            FROM v_policies WHERE {MAY_BE_IN_FORCE} AND effective_to IS NOT NULL)
        GROUP BY ALL HAVING sum(n) <> 0 ORDER BY ALL""")
    # the orders of map/metric_by_region (its max_by / min_by keys), per policy region
    con.execute("""
        INSERT INTO map_policy_ranks
        SELECT p.doc, p.region_code, p.timeline_date, coalesce(a.n_terms, 0), a.value,
               row_number() OVER (r ORDER BY a.value DESC NULLS LAST, p.title DESC, a.citation DESC, p.doc),
               row_number() OVER (r ORDER BY a.value DESC NULLS LAST, p.timeline_date DESC NULLS LAST, p.title, p.doc),
               row_number() OVER (r ORDER BY coalesce(a.n_terms, 0) DESC, p.timeline_date DESC NULLS LAST, p.title, p.doc),
               row_number() OVER (r ORDER BY p.timeline_date DESC NULLS LAST, p.title, p.doc)
        FROM v_policies p LEFT JOIN map_metric_docs a ON a.doc = p.doc AND a.measure = ''
        WINDOW r AS (PARTITION BY p.region_code)
        ORDER BY p.doc""")
    con.execute("""
        INSERT INTO map_rate_ranks
        SELECT m.doc, m.measure, p.region_code, m.value,
               row_number() OVER (r ORDER BY m.value DESC NULLS LAST, p.title DESC, m.citation DESC, m.doc),
               row_number() OVER (r ORDER BY m.value DESC NULLS LAST, p.timeline_date DESC NULLS LAST, p.title, m.doc)
        FROM map_metric_docs m JOIN v_policies p USING (doc)
        WHERE m.measure <> ''
        WINDOW r AS (PARTITION BY p.region_code, m.measure)
        ORDER BY m.measure, m.doc""")


def write_database(path: Path, *, meta: dict[str, dict], file_to_id: dict[str, str], policies: list[Policy],
                   today: date, terms: pd.DataFrame | None = None, curated: pd.DataFrame | None = None) -> dict[str, int]:
    con = duckdb.connect(str(path))
    try:
        # Index building spills to <file>.tmp beyond this, rather than taking the machine's memory (a million
        # policies were killed at 24 GB without it).
        con.execute("SET memory_limit = '4GB'")
        con.execute(SCHEMA.read_text(encoding="utf-8"))
        con.execute("INSERT INTO build_info VALUES ($id, $day)", {"id": schema_id(), "day": today})
        # what the reader adds (reader_layout …) is empty for rows made without it (benchmarks.generate)
        src = pd.DataFrame(meta.values()).reindex(columns=[
            "source_id", "file", "title", "title_en", "publisher", "publication_date", "kind", "layout", "policy_part",
            "n_lines", "sha256", "reader_layout", "text_method", "home_region", "added"])
        reader_cols = ["reader_layout", "text_method", "home_region", "added"]   # all-missing columns are float: text first
        src[reader_cols] = src[reader_cols].astype(object).fillna("")
        con.execute("INSERT INTO sources SELECT * FROM src")
        curated_src = curated_tables.source_rows()   # the curated tables are sources too (kind register / curated terms)
        con.execute("INSERT INTO sources BY NAME SELECT * FROM curated_src")
        file_to_id = {**file_to_id, **curated_tables.FILE_TO_ID}
        gaz = load_gazetteer()
        gaz = gaz.assign(aliases=gaz.aliases.fillna("").map(lambda s: [a for a in s.split("|") if a]),
                         has_polygon=gaz.has_polygon.astype(str).str.lower().eq("true"),
                         lon=pd.to_numeric(gaz.lon), lat=pd.to_numeric(gaz.lat))
        con.execute("INSERT INTO regions SELECT code, level, NULLIF(parent_code, ''), name, short_name, aliases, "
                    "name_en, has_polygon, lon, lat FROM gaz")
        # DataFrames are named *_df: a frame named like a table would shadow it in SQL.
        topics_df = load_topics()
        con.execute("INSERT INTO topics SELECT slug, label_zh, label_en, definition, CAST(sort_order AS INTEGER) FROM topics_df")
        measures_df = pd.read_csv(MEASURES, dtype=str, keep_default_na=False)
        con.execute("INSERT INTO measures SELECT slug, label_zh, label_en, definition, CAST(sort_order AS INTEGER) "
                    "FROM measures_df")
        pol = _policy_rows(policies, today)
        con.execute("""
            INSERT INTO policies SELECT policy_id, title, doc_number, issuers, level, region_code,
                   issue_date, issue_date_precision, issue_date_note, issue_date_note_zh, effective_from, effective_from_precision,
                   effective_to, effective_to_precision, primary_topic,
                   marked_status(status_mark, effective_from, effective_to, issue_date, build_day),
                   text_kind, text, beneficiaries, executing_agency, execution_period, list_category, notes, notes_zh,
                   official_url, status_mark, evidence_kind, trust
            FROM pol ORDER BY """ + STORAGE_ORDER)
        prov = _source_rows(policies, file_to_id)
        con.execute("INSERT INTO policy_sources BY NAME SELECT * FROM prov")
        rel = _relation_rows(policies)
        if len(rel):
            con.execute("INSERT INTO policy_relations SELECT * FROM rel")
        top = _topic_rows(policies)
        con.execute("INSERT INTO policy_topics SELECT * FROM top")
        kinds_df = pd.read_csv(TERM_KINDS, dtype=str, keep_default_na=False)
        con.execute("INSERT INTO term_kinds SELECT slug, axis, label_zh, label_en, "
                    "CAST(NULLIF(firm_incentive, '') AS BOOLEAN), CAST(NULLIF(map_rate, '') AS BOOLEAN), "
                    "CAST(NULLIF(map_cap, '') AS BOOLEAN), definition, CAST(sort_order AS INTEGER) FROM kinds_df")
        lines_of = {f: m.get("lines", []) for f, m in meta.items()}  # generated rows carry no lines: no clauses
        clauses_df = term_reader.clauses_frame(
            [c for p in policies for c in term_reader.policy_clauses(p, lines_of, file_to_id)])
        if len(clauses_df):
            con.execute("INSERT INTO clauses BY NAME SELECT * FROM clauses_df")
        terms_df = terms if terms is not None else pd.DataFrame()
        if len(terms_df):
            repealed = {old: p.policy_id for p in policies for old in p.supersedes}  # reader/relations.py
            terms_df = terms_df.drop(columns=["superseded_by"], errors="ignore").assign(
                superseded_by=terms_df.policy_id.map(repealed))
            con.execute("INSERT INTO terms BY NAME SELECT * FROM terms_df")
        curated_df = curated if curated is not None else pd.DataFrame()
        if len(curated_df):
            con.execute("INSERT INTO curated_terms BY NAME SELECT * FROM curated_df")
        # the register's terms hang off its policies (curated.merge_register); a generated database has none
        with_register = any(a.kind == "register_entry" for p in policies for a in p.appearances)
        register_terms_df = curated_tables.register_terms(policies) if with_register else pd.DataFrame()
        if len(register_terms_df):
            con.execute("INSERT INTO register_terms BY NAME SELECT * FROM register_terms_df")
        check_keys(con)
        postings = search_index.build_index(con)
        build_aggregates(con)
        n_coverage = coverage.write_coverage(con)
        con.execute("CHECKPOINT")
        return {"sources": len(src), "regions": len(gaz), "topics": len(topics_df), "measures": len(measures_df),
                "policies": len(pol), "policy_topics": len(top), "policy_sources": len(prov),
                "policy_relations": len(rel), "clauses": len(clauses_df), "terms": len(terms_df),
                "curated_terms": len(curated_df), "register_terms": len(register_terms_df), "coverage": n_coverage,
                "search_terms": postings}
    finally:
        con.close()


SUMMARY_QUERIES = {
    "documents per source (distinct policies / appearances)": """
        SELECT s.source_id, count(DISTINCT ps.policy_id) AS policies, count(ps.policy_id) AS appearances,
               string_agg(DISTINCT ps.kind, ', ' ORDER BY ps.kind) AS kinds
        FROM sources s LEFT JOIN policy_sources ps USING (source_id) GROUP BY ALL ORDER BY 1""",
    "policies per level": "SELECT coalesce(level, '(unknown)') AS level, count(*) AS policies FROM policies GROUP BY ALL ORDER BY 2 DESC",
    "policies per level and evidence kind": """
        SELECT coalesce(level, '(unknown)') AS level, evidence_kind, count(*) AS policies,
               count(*) FILTER (WHERE status_mark IS NOT NULL) AS marked
        FROM policies GROUP BY ALL ORDER BY 1, 2""",
    "policies per primary topic": """
        SELECT t.label_zh, t.slug, count(p.policy_id) AS policies FROM topics t
        LEFT JOIN policies p ON p.primary_topic = t.slug GROUP BY t.label_zh, t.slug, t.sort_order ORDER BY t.sort_order""",
    "fields left empty (policies)": """
        SELECT count(*) FILTER (WHERE doc_number IS NULL) AS no_doc_number,
               count(*) FILTER (WHERE len(issuers) = 0) AS no_issuer,
               count(*) FILTER (WHERE issue_date IS NULL) AS no_issue_date,
               count(*) FILTER (WHERE effective_from IS NULL AND effective_to IS NULL) AS no_effective_period,
               count(*) FILTER (WHERE region_code IS NULL) AS no_region,
               count(*) FILTER (WHERE text IS NULL) AS no_text,
               count(*) AS policies
        FROM policies""",
    "terms per measure": """
        SELECT m.slug, m.label_zh, count(t.term_id) AS terms FROM measures m
        LEFT JOIN terms t ON t.measure = m.slug GROUP BY ALL HAVING count(t.term_id) > 0 ORDER BY 3 DESC""",
}


def print_summary(path: Path, log) -> None:
    con = duckdb.connect(str(path), read_only=True)
    try:
        for title, sql in SUMMARY_QUERIES.items():
            log(f"\n{title}:")
            log(con.execute(sql).df().to_string(index=False))
    finally:
        con.close()
