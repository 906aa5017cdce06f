-- The policy database: one file creates every table, view and macro.
-- Built by `python -m data.pipeline` into data/policies.duckdb; the README documents each table.
-- Keys: the small lookup tables keep their PRIMARY KEY; the big tables (policies and what hangs off them,
-- the search index) declare none. A DuckDB key is an ART index that is written into the file and never used
-- by the pages' scans and hash joins: at 100,000 policies it made the file 6.7 GB instead of 0.48 GB.
-- data/pipeline/load.py checks the same uniqueness and references once, when the database is built
-- (load.check_keys), and the file is read-only afterwards. "key:" and "references" below say what it checks.

-- One row per source file under data/raw/ (described by hand in data/sources.csv).
CREATE TABLE sources (
    source_id        VARCHAR NOT NULL,      -- key; e.g. national_2023
    file             VARCHAR NOT NULL,      -- unique
    title            VARCHAR NOT NULL,
    title_en         VARCHAR,
    publisher        VARCHAR,
    publication_date VARCHAR,               -- as precise as known: 2023-12, 2026-05-29
    kind             VARCHAR,
    layout           VARCHAR,
    policy_part      VARCHAR,               -- which part of the source holds policies
    n_lines          INTEGER NOT NULL,
    sha256           VARCHAR NOT NULL
);

-- The gazetteer (geo/gazetteer.csv): every place the corpus or the maps name.
CREATE TABLE regions (
    code        VARCHAR PRIMARY KEY,        -- GB/T 2260 code; 42019x are project codes for Wuhan's zones
    level       VARCHAR NOT NULL CHECK (level IN ('country', 'province', 'prefecture', 'district', 'zone')),
    parent_code VARCHAR,
    name        VARCHAR NOT NULL,
    short_name  VARCHAR NOT NULL,
    aliases     VARCHAR[] NOT NULL,
    name_en     VARCHAR NOT NULL,
    has_polygon BOOLEAN NOT NULL,
    lon         DOUBLE,
    lat         DOUBLE
);

-- The topic taxonomy (data/codebook/topics.csv).
CREATE TABLE topics (
    slug       VARCHAR PRIMARY KEY,
    label_zh   VARCHAR NOT NULL,
    label_en   VARCHAR NOT NULL,
    definition VARCHAR,
    sort_order INTEGER NOT NULL
);

-- One row per distinct policy.
CREATE TABLE policies (
    policy_id               VARCHAR NOT NULL,      -- key; stable: hash of the doc number, else of the title
    title                   VARCHAR NOT NULL,
    doc_number              VARCHAR,               -- normalised: 国办发〔2023〕37号
    issuers                 VARCHAR[] NOT NULL,
    level                   VARCHAR CHECK (level IN ('national', 'provincial', 'municipal', 'district')),
    region_code             VARCHAR,               -- references regions (code)
    issue_date              DATE,                  -- first day of the stated period
    issue_date_precision    VARCHAR CHECK (issue_date_precision IN ('day', 'month', 'year')),
    issue_date_note         VARCHAR,               -- e.g. year taken from the newsletter's date
    effective_from          DATE,
    effective_from_precision VARCHAR,
    effective_to            DATE,                  -- last day of the stated period
    effective_to_precision  VARCHAR,
    primary_topic           VARCHAR,               -- references topics (slug)
    status                  VARCHAR NOT NULL,      -- on the build date; pages use v_policies.status_now
    text_kind               VARCHAR,               -- full_text / summary / list_entry / toc / citation
    text                    VARCHAR,               -- the full text or summary, lines re-joined
    beneficiaries           VARCHAR,               -- 支持对象 (鄂州 list)
    executing_agency        VARCHAR,               -- 执行机关 (鄂州 list)
    execution_period        VARCHAR,               -- 执行时间 as printed (鄂州 list)
    list_category           VARCHAR,               -- the list's category heading (降低企业成本政策 …)
    notes                   VARCHAR
);

-- Many-to-many policy ↔ topic, with the keywords that decided it.
CREATE TABLE policy_topics (
    policy_id  VARCHAR NOT NULL,          -- key (policy_id, topic); references policies
    topic      VARCHAR NOT NULL,          -- references topics (slug)
    is_primary BOOLEAN NOT NULL,
    score      DOUBLE NOT NULL,
    evidence   VARCHAR NOT NULL
);

-- Provenance: one row per appearance of a policy in a source.
CREATE TABLE policy_sources (
    policy_id     VARCHAR NOT NULL,   -- key (policy_id, source_id, kind, line_start); references policies
    source_id     VARCHAR NOT NULL,   -- references sources
    kind          VARCHAR NOT NULL CHECK (kind IN ('full_text', 'summary', 'list_entry', 'toc', 'citation')),
    line_start    INTEGER NOT NULL,
    line_end      INTEGER NOT NULL,
    printed_title VARCHAR NOT NULL,   -- the title as printed there (joined across lines)
    page          INTEGER,            -- printed page number (contents entries)
    section       VARCHAR             -- heading it sits under
);

-- Links between policies: a list entry citing its source document.
CREATE TABLE policy_relations (
    from_policy VARCHAR NOT NULL,     -- key (from_policy, to_policy, relation); references policies
    to_policy   VARCHAR NOT NULL,     -- references policies
    relation    VARCHAR NOT NULL CHECK (relation IN ('cites'))
);

-- The measure vocabulary of the terms (data/codebook/measures.csv).
CREATE TABLE measures (
    slug       VARCHAR PRIMARY KEY,
    label_zh   VARCHAR NOT NULL,
    label_en   VARCHAR NOT NULL,
    definition VARCHAR,
    sort_order INTEGER NOT NULL
);

-- Quantitative terms stated in a policy's text or summary.
CREATE TABLE terms (
    term_id        VARCHAR NOT NULL,   -- key
    policy_id      VARCHAR NOT NULL,   -- references policies
    source_id      VARCHAR NOT NULL,   -- references sources
    line_start     INTEGER NOT NULL,
    line_end       INTEGER NOT NULL,
    quote          VARCHAR NOT NULL,   -- the clause as printed, re-joined across broken lines
    number_at      INTEGER NOT NULL,   -- where number_printed starts in the quote
    measure        VARCHAR NOT NULL,   -- references measures (slug)
    -- statement: an AI policy's measure named without a number (武昌区: 人才纳入武昌英才), kept for the comparison
    value_kind     VARCHAR NOT NULL CHECK (value_kind IN ('rate', 'amount', 'cap', 'threshold', 'duration', 'count',
                                                          'statement')),
    value          DOUBLE,             -- normalised: percent, 万元, months or a count
    value_max      DOUBLE,             -- the upper end of a range
    unit           VARCHAR NOT NULL,   -- normalised unit: % / 万元 / 月 / the counted noun
    unit_printed   VARCHAR NOT NULL,   -- as printed: 亿元, 个百分点, 三个月 …
    number_printed VARCHAR NOT NULL,   -- the number as printed in the quote
    comparator     VARCHAR,            -- ≤ / ≥ / = (最高, 不超过 → ≤)
    basis          VARCHAR,            -- what the rate or cap applies to (成本, 算力服务费用 …)
    beneficiary    VARCHAR,
    condition      VARCHAR
);

-- Curated AI-support terms of Wuhan districts, zones, city and province not in the corpus
-- (data/curated/*.csv, from ../shared/research): every row keeps its citation and trust mark.
CREATE TABLE curated_terms (
    curated_id   VARCHAR NOT NULL,     -- key
    dataset      VARCHAR NOT NULL,     -- district_ai_terms / peer_ai_terms
    region_code  VARCHAR NOT NULL,     -- references regions (code)
    level        VARCHAR NOT NULL,
    policy_title VARCHAR NOT NULL,
    doc_number   VARCHAR,
    issuer       VARCHAR,
    issue_date   VARCHAR,
    measure      VARCHAR NOT NULL,     -- references measures (slug)
    measure_printed VARCHAR NOT NULL,
    rate_pct     DOUBLE,
    cap_wan      DOUBLE,
    condition    VARCHAR,
    quote        VARCHAR NOT NULL,
    source_url   VARCHAR NOT NULL,
    source_title VARCHAR,
    trust        VARCHAR NOT NULL,     -- high / medium / low / official_summary …
    policy_id    VARCHAR               -- the corpus policy it is about, when there is one
);

-- Full-text search (data/pipeline/search_index.py): character bigrams, BM25 in SQL. Built by SQL from the
-- policies table once they are loaded; a query reads only the postings of its own grams (sorted by term_id,
-- so DuckDB's zone maps skip the rest of the table).
CREATE TABLE search_docs (
    doc       INTEGER NOT NULL,     -- key: a dense number for the postings (policy_id is 16 characters)
    policy_id VARCHAR NOT NULL,     -- references policies
    len       INTEGER NOT NULL      -- number of indexed grams (weighted), for BM25's length norm
);
CREATE TABLE search_grams (
    term_id   INTEGER NOT NULL,     -- key, in the order of term
    term      VARCHAR NOT NULL,     -- a CJK bigram or character, or a lower-cased Latin word
    df        INTEGER NOT NULL,     -- documents holding it
    idf       DOUBLE NOT NULL       -- BM25's ln(1 + (N - df + 0.5) / (df + 0.5))
);
CREATE TABLE search_terms (         -- the postings
    term_id   INTEGER NOT NULL,     -- key (term_id, doc); references search_grams
    doc       INTEGER NOT NULL,     -- references search_docs
    tf        INTEGER NOT NULL,     -- occurrences; a title occurrence counts three
    pos       INTEGER[] NOT NULL    -- where a CJK bigram stands: run of Chinese characters × 4096 + offset in it
);
CREATE TABLE search_stats (         -- one row: the collection, for BM25
    n         INTEGER NOT NULL,
    avgdl     DOUBLE NOT NULL
);

-- Built with the database (data/pipeline/load.py, build_aggregates): what many queries would otherwise
-- recompute on every call from the whole table.
-- Where each policy is printed, as one cell: "file:first-last; …" (the sources column of every table).
CREATE TABLE policy_citations (
    policy_id VARCHAR NOT NULL,     -- key
    sources   VARCHAR NOT NULL
);
-- What the build found in each source: distinct policies, appearances, terms.
CREATE TABLE source_counts (
    source_id   VARCHAR NOT NULL,   -- key
    policies    INTEGER NOT NULL,
    appearances INTEGER NOT NULL,
    terms       INTEGER NOT NULL
);
-- How many terms each policy states (policies with none are absent).
CREATE TABLE policy_term_counts (
    policy_id VARCHAR NOT NULL,     -- key
    terms     INTEGER NOT NULL
);
-- Every region with each of its ancestors, itself included (depth 0).
CREATE TABLE region_lineage (
    code      VARCHAR NOT NULL,
    ancestor  VARCHAR NOT NULL,
    depth     INTEGER NOT NULL
);

-- Status on a given day from the stated dates; one definition for the build and the pages.
-- A policy starts on its stated effective date, else on its issue date; with neither it is unknown
-- until its stated end has passed.
CREATE MACRO policy_status(eff_from, eff_to, issued, on_day) AS
    CASE
        WHEN eff_to IS NOT NULL AND eff_to < on_day THEN 'expired'
        WHEN coalesce(eff_from, issued) IS NULL THEN 'unknown'
        WHEN coalesce(eff_from, issued) > on_day THEN 'not_yet'
        ELSE 'in_force'
    END;

-- What pages read: policies with status derived today, at query time, and a date for timelines.
CREATE VIEW v_policies AS
SELECT p.*,
       policy_status(p.effective_from, p.effective_to, p.issue_date, current_date) AS status_now,
       COALESCE(p.issue_date, p.effective_from) AS timeline_date,
       CASE WHEN p.issue_date IS NOT NULL THEN 'issued' WHEN p.effective_from IS NOT NULL THEN 'effective' END
           AS timeline_basis
FROM policies p;

-- Every region with each of its ancestors, itself included (depth 0): a policy is "issued here" when its
-- region descends from the selected one, and "applies here" when its region is one of the selected one's ancestors.
-- The recursion runs once, at build time (load.build_aggregates), into region_lineage.
CREATE VIEW v_region_lineage AS SELECT code, ancestor, depth FROM region_lineage;

-- The dashboard's shared filters, defined once: every page query reads policies through this macro.
-- A NULL argument means "all". region: policies issued by that region or any region under it.
-- topics: a policy matches when any of its topics (not only the primary one) is selected.
-- Policies with no date at all are kept only when include_undated is true (the full year range).
CREATE MACRO filtered_policies(levels, topics, region, year_from, year_to, include_undated, statuses) AS TABLE
SELECT p.*
FROM v_policies p
-- (Written for speed at a million policies: the topic test is an uncorrelated IN, empty when topics is NULL,
-- rather than a correlated EXISTS joined to every policy; the years are a date range, not year() per row.)
WHERE (levels IS NULL OR list_contains(levels, p.level))
  AND (topics IS NULL OR p.policy_id IN (SELECT pt.policy_id FROM policy_topics pt WHERE list_contains(topics, pt.topic)))
  AND (region IS NULL OR p.region_code IN (SELECT l.code FROM v_region_lineage l WHERE l.ancestor = region))
  AND ((p.timeline_date IS NULL AND include_undated)
       OR p.timeline_date BETWEEN make_date(year_from, 1, 1) AND make_date(year_to, 12, 31))
  AND (statuses IS NULL OR list_contains(statuses, p.status_now));

-- Where each policy is printed, as one cell (built at load time into policy_citations).
CREATE VIEW v_policy_citations AS SELECT policy_id, sources FROM policy_citations;
