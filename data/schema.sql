-- The policy database: one file creates every table, view and macro.
-- Built by `python -m data.pipeline` into data/policies.duckdb; the README documents each table.

-- One row per source file under data/raw/ (described by hand in data/sources.csv).
CREATE TABLE sources (
    source_id        VARCHAR PRIMARY KEY,   -- e.g. national_2023
    file             VARCHAR NOT NULL UNIQUE,
    title            VARCHAR NOT NULL,
    title_en         VARCHAR,
    publisher        VARCHAR,
    publication_date VARCHAR,               -- as precise as known: 2023-12, 2026-05-29
    kind             VARCHAR,
    layout           VARCHAR,
    policy_part      VARCHAR,               -- which part of the source holds policies
    n_lines          INTEGER NOT NULL,
    sha256           VARCHAR NOT NULL,
    reader_layout    VARCHAR NOT NULL,      -- which rule of the reader read it: documents, field list, newsletter …
    text_method      VARCHAR NOT NULL,      -- how its text was obtained: utf-8, gb18030, pdf-text, pdf-ocr, docx, html …
    home_region      VARCHAR,               -- the place a bare 省…/市… issuer means (annotated, or from the text)
    added            VARCHAR                -- when python -m data.ingest added it (empty: shipped with the project)
);

-- The gazetteer (geo/gazetteer.csv): the country, every province-, prefecture- and county-level division of
-- China, and Wuhan's zones. level: district = 市辖区; county = 县, 自治县, 县级市, 旗 (a policy level 'district').
CREATE TABLE regions (
    code        VARCHAR PRIMARY KEY,        -- GB/T 2260 code; 42019x are project codes for Wuhan's zones
    level       VARCHAR NOT NULL CHECK (level IN ('country', 'province', 'prefecture', 'district', 'county', 'zone')),
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
    policy_id               VARCHAR PRIMARY KEY,   -- stable: hash of the doc number, else of the title
    title                   VARCHAR NOT NULL,
    doc_number              VARCHAR,               -- normalised: 国办发〔2023〕37号
    issuers                 VARCHAR[] NOT NULL,
    level                   VARCHAR CHECK (level IN ('national', 'provincial', 'municipal', 'district')),
    region_code             VARCHAR REFERENCES regions (code),
    issue_date              DATE,                  -- first day of the stated period
    issue_date_precision    VARCHAR CHECK (issue_date_precision IN ('day', 'month', 'year')),
    issue_date_note         VARCHAR,               -- e.g. year taken from the newsletter's date
    effective_from          DATE,
    effective_from_precision VARCHAR,
    effective_to            DATE,                  -- last day of the stated period
    effective_to_precision  VARCHAR,
    primary_topic           VARCHAR REFERENCES topics (slug),
    status                  VARCHAR NOT NULL,      -- on the build date; pages use v_policies.status_now
    text_kind               VARCHAR,               -- full_text / summary / list_entry / toc / citation
    text                    VARCHAR,               -- the full text or summary, lines re-joined
    beneficiaries           VARCHAR,               -- 支持对象 (鄂州 list)
    executing_agency        VARCHAR,               -- 执行机关 (鄂州 list)
    execution_period        VARCHAR,               -- 执行时间 as printed (鄂州 list)
    list_category           VARCHAR,               -- the list's category heading (降低企业成本政策 …)
    notes                   VARCHAR,
    -- From the curated tables (data/pipeline/curated.py): the official page, a draft/superseded/lapsed mark, and
    -- what the policy rests on: its best provenance kind (full_text … citation, register_entry, curated_term)
    -- and, when that is a curated row, the row's trust mark (NULL: a document of the corpus).
    official_url            VARCHAR,
    status_mark             VARCHAR CHECK (status_mark IN ('draft', 'superseded', 'lapsed')),
    evidence_kind           VARCHAR NOT NULL,
    trust                   VARCHAR
);

-- Many-to-many policy ↔ topic, with the keywords that decided it.
CREATE TABLE policy_topics (
    policy_id  VARCHAR NOT NULL REFERENCES policies (policy_id),
    topic      VARCHAR NOT NULL REFERENCES topics (slug),
    is_primary BOOLEAN NOT NULL,
    score      DOUBLE NOT NULL,
    evidence   VARCHAR NOT NULL,
    PRIMARY KEY (policy_id, topic)
);

-- Provenance: one row per appearance of a policy in a source.
CREATE TABLE policy_sources (
    policy_id     VARCHAR NOT NULL REFERENCES policies (policy_id),
    source_id     VARCHAR NOT NULL REFERENCES sources (source_id),
    kind          VARCHAR NOT NULL CHECK (kind IN ('full_text', 'summary', 'list_entry', 'toc', 'citation',
                                                   'register_entry', 'curated_term')),
    line_start    INTEGER NOT NULL,
    line_end      INTEGER NOT NULL,
    printed_title VARCHAR NOT NULL,   -- the title as printed there (joined across lines)
    page          INTEGER,            -- printed page number (contents entries)
    section       VARCHAR,            -- heading it sits under
    -- curated rows (kinds register_entry, curated_term; NULL for the corpus): what the row rests on
    trust         VARCHAR,            -- high … low (the host the facts were read on), official_summary
    official_url  VARCHAR,            -- the policy's official page, when known
    page_url      VARCHAR,            -- the page the facts were read on
    page_kind     VARCHAR,            -- official / state_media / repost / tracker_summary
    record_id     VARCHAR,            -- the register's WH-D-002, or the curated term's id
    PRIMARY KEY (policy_id, source_id, kind, line_start)
);

-- Links between policies: a list entry citing its source document.
CREATE TABLE policy_relations (
    from_policy VARCHAR NOT NULL REFERENCES policies (policy_id),
    to_policy   VARCHAR NOT NULL REFERENCES policies (policy_id),
    relation    VARCHAR NOT NULL CHECK (relation IN ('cites', 'supersedes')),  -- supersedes: its text repeals to_policy
    PRIMARY KEY (from_policy, to_policy, relation)
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
    term_id        VARCHAR PRIMARY KEY,
    policy_id      VARCHAR NOT NULL REFERENCES policies (policy_id),
    source_id      VARCHAR NOT NULL REFERENCES sources (source_id),
    line_start     INTEGER NOT NULL,
    line_end       INTEGER NOT NULL,
    quote          VARCHAR NOT NULL,   -- the clause as printed, re-joined across broken lines
    number_at      INTEGER NOT NULL,   -- where number_printed starts in the quote
    measure        VARCHAR NOT NULL REFERENCES measures (slug),
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
    curated_id   VARCHAR PRIMARY KEY,
    dataset      VARCHAR NOT NULL,     -- district_ai_terms / peer_ai_terms
    region_code  VARCHAR NOT NULL REFERENCES regions (code),
    level        VARCHAR NOT NULL,
    policy_title VARCHAR NOT NULL,
    doc_number   VARCHAR,
    issuer       VARCHAR,
    issue_date   VARCHAR,
    measure      VARCHAR NOT NULL REFERENCES measures (slug),
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

-- The register's quantitative terms (data/curated/wuhan_register_terms.csv): facts read on the cited page, the
-- condition a paraphrase (not a quotation). Drafts and superseded policies keep their terms; pages mark them.
CREATE TABLE register_terms (
    register_term_id     VARCHAR PRIMARY KEY,   -- register id and CSV line
    register_id          VARCHAR NOT NULL,
    policy_id            VARCHAR NOT NULL REFERENCES policies (policy_id),
    line                 INTEGER NOT NULL,
    measure              VARCHAR NOT NULL REFERENCES measures (slug),
    rate_pct             DOUBLE,
    cap_wan              DOUBLE,
    threshold            VARCHAR,
    duration_months      DOUBLE,
    condition_paraphrase VARCHAR,
    source_url           VARCHAR NOT NULL
);

-- Coverage (data/pipeline/coverage.py): per year × level × region, which sources hold how many policies, as what
-- kind of evidence (the best kind of the policy's appearances in that source). A period with no row at all for
-- a level or region has no source: pages draw it as "no data", not as zero.
CREATE TABLE coverage (
    year          INTEGER,            -- of the timeline date (issue, else effective date); NULL: no date
    level         VARCHAR NOT NULL,
    region_code   VARCHAR NOT NULL REFERENCES regions (code),
    source_id     VARCHAR NOT NULL REFERENCES sources (source_id),
    evidence_kind VARCHAR NOT NULL,
    policies      INTEGER NOT NULL
);

-- Full-text search (data/pipeline/search_index.py): character bigrams per policy, for BM25 in SQL.
CREATE TABLE search_terms (
    policy_id VARCHAR NOT NULL REFERENCES policies (policy_id),
    term      VARCHAR NOT NULL,     -- a CJK bigram or character, or a lower-cased Latin word
    tf        INTEGER NOT NULL,     -- occurrences; a title occurrence counts three
    PRIMARY KEY (policy_id, term)
);
CREATE TABLE search_docs (
    policy_id VARCHAR PRIMARY KEY REFERENCES policies (policy_id),
    len       INTEGER NOT NULL      -- number of indexed grams (weighted), for BM25's length norm
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

-- policy_status() with the curated mark: a draft (征求意见稿) is never in force; a superseded policy is not in force
-- (when it was replaced is not known); a lapsed one is expired once its stated end has passed, or, with no end
-- stated, always.
CREATE MACRO marked_status(mark, eff_from, eff_to, issued, on_day) AS
    CASE mark
        WHEN 'draft' THEN 'draft'
        WHEN 'superseded' THEN 'superseded'
        WHEN 'lapsed' THEN CASE WHEN eff_to IS NULL THEN 'expired'
                                ELSE policy_status(eff_from, eff_to, issued, on_day) END
        ELSE policy_status(eff_from, eff_to, issued, on_day)
    END;

-- What pages read: policies with status derived today, at query time, and a date for timelines.
CREATE VIEW v_policies AS
SELECT p.*,
       marked_status(p.status_mark, p.effective_from, p.effective_to, p.issue_date, current_date) AS status_now,
       COALESCE(p.issue_date, p.effective_from) AS timeline_date,
       CASE WHEN p.issue_date IS NOT NULL THEN 'issued' WHEN p.effective_from IS NOT NULL THEN 'effective' END
           AS timeline_basis
FROM policies p;

-- Every region with each of its ancestors, itself included (depth 0): a policy is "issued here" when its
-- region descends from the selected one, and "applies here" when its region is one of the selected one's ancestors.
CREATE VIEW v_region_lineage AS
WITH RECURSIVE up(code, ancestor, depth) AS (
    SELECT code, code, 0 FROM regions
    UNION ALL
    SELECT up.code, r.parent_code, up.depth + 1
    FROM up JOIN regions r ON r.code = up.ancestor
    WHERE r.parent_code IS NOT NULL
)
SELECT code, ancestor, depth FROM up;

-- The dashboard's shared filters, defined once: every page query reads policies through this macro.
-- A NULL argument means "all". region: policies issued by that region or any region under it.
-- topics: a policy matches when any of its topics (not only the primary one) is selected.
-- Policies with no date at all are kept only when include_undated is true (the full year range).
CREATE MACRO filtered_policies(levels, topics, region, year_from, year_to, include_undated, statuses) AS TABLE
SELECT p.*
FROM v_policies p
WHERE (levels IS NULL OR list_contains(levels, p.level))
  AND (topics IS NULL OR EXISTS (SELECT 1 FROM policy_topics pt
                                 WHERE pt.policy_id = p.policy_id AND list_contains(topics, pt.topic)))
  AND (region IS NULL OR p.region_code IN (SELECT l.code FROM v_region_lineage l WHERE l.ancestor = region))
  AND (CASE WHEN p.timeline_date IS NULL THEN include_undated
            ELSE year(p.timeline_date) BETWEEN year_from AND year_to END)
  AND (statuses IS NULL OR list_contains(statuses, p.status_now));

-- Where each policy is printed, as one cell: "file:first-last; …" (the sources column of every table); the rows of
-- one curated table as one cell: "curated/peer_ai_terms.csv:23,24,25", a register row with its id "…csv:3 (WH-D-002)".
CREATE VIEW v_policy_citations AS
SELECT policy_id, string_agg(cell, '; ' ORDER BY file, first_line) AS sources
FROM (
    SELECT ps.policy_id, s.file, min(ps.line_start) AS first_line,
           s.file || ':' || string_agg(CASE WHEN ps.record_id IS NULL THEN ps.line_start || '-' || ps.line_end
                                            WHEN ps.kind = 'register_entry' THEN ps.line_start || ' (' || ps.record_id || ')'
                                            ELSE CAST(ps.line_start AS VARCHAR) END, ',' ORDER BY ps.line_start) AS cell
    FROM policy_sources ps JOIN sources s USING (source_id)
    GROUP BY ps.policy_id, s.file, CASE WHEN ps.record_id IS NULL THEN ps.line_start ELSE -1 END
)
GROUP BY policy_id;
