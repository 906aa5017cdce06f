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
    policy_id               VARCHAR NOT NULL,      -- key; stable: hash of the doc number, else of the title
    title                   VARCHAR NOT NULL,
    doc_number              VARCHAR,               -- normalised: 国办发〔2023〕37号
    issuers                 VARCHAR[] NOT NULL,
    level                   VARCHAR CHECK (level IN ('national', 'provincial', 'municipal', 'district')),
    region_code             VARCHAR,               -- references regions (code)
    issue_date              DATE,                  -- first day of the stated period
    issue_date_precision    VARCHAR CHECK (issue_date_precision IN ('day', 'month', 'year')),
    issue_date_note         VARCHAR,               -- e.g. year taken from the newsletter's date
    issue_date_note_zh      VARCHAR,               -- the same in Chinese (data/reader/notes.py)
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
    notes                   VARCHAR,               -- how the policy was read (English; data/reader/notes.py)
    notes_zh                VARCHAR,               -- the same notes in Chinese, for the Chinese interface
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
    record_id     VARCHAR             -- the register's WH-D-002, or the curated term's id
);

-- Links between policies: a list entry citing its source document.
CREATE TABLE policy_relations (
    from_policy VARCHAR NOT NULL,     -- key (from_policy, to_policy, relation); references policies
    to_policy   VARCHAR NOT NULL,     -- references policies
    relation    VARCHAR NOT NULL CHECK (relation IN ('cites', 'supersedes'))  -- supersedes: its text repeals to_policy
);

-- The measure vocabulary of the terms (data/codebook/measures.csv).
CREATE TABLE measures (
    slug       VARCHAR PRIMARY KEY,
    label_zh   VARCHAR NOT NULL,
    label_en   VARCHAR NOT NULL,
    definition VARCHAR,
    sort_order INTEGER NOT NULL
);

-- The kinds and shapes of terms (data/codebook/term_kinds.csv): which kinds are firm-facing incentives, and
-- which may be a map's rate (map_rate) or cap (map_cap).
CREATE TABLE term_kinds (
    slug           VARCHAR PRIMARY KEY,
    axis           VARCHAR NOT NULL CHECK (axis IN ('kind', 'shape')),
    label_zh       VARCHAR NOT NULL,
    label_en       VARCHAR NOT NULL,
    firm_incentive BOOLEAN,
    map_rate       BOOLEAN,
    map_cap        BOOLEAN,
    definition     VARCHAR,
    sort_order     INTEGER NOT NULL
);

-- A policy text's clauses (data/pipeline/clauses.py): 章/条, 一、 （一） 1. (1), list items and the paragraphs
-- under them. clause_id = policy id + outline path (stable across line shifts); lead_in: the lead-in ending in ：
-- an item sits under, so its conditions carry to the item.
CREATE TABLE clauses (
    clause_id  VARCHAR NOT NULL,        -- key: p…:三/（二）/¶1
    policy_id  VARCHAR NOT NULL,        -- references policies
    source_id  VARCHAR NOT NULL,        -- references sources
    path       VARCHAR NOT NULL,
    marker     VARCHAR,                 -- as printed: 第二十三条, 三、, （二）, 1., -
    style      VARCHAR,                 -- chapter / article / cn / paren_cn / num / paren_num / circled / item
    depth      INTEGER NOT NULL,
    parent_id  VARCHAR,
    heading    VARCHAR,                 -- its own short title, else its parent's
    lead_in    VARCHAR,
    line_start INTEGER NOT NULL,
    line_end   INTEGER NOT NULL,
    text       VARCHAR NOT NULL
);

-- Quantitative terms stated in a policy's text or summary, each in its clause.
CREATE TABLE terms (
    term_id        VARCHAR NOT NULL,   -- key
    policy_id      VARCHAR NOT NULL,   -- references policies
    source_id      VARCHAR NOT NULL,   -- references sources
    clause_id      VARCHAR,            -- references clauses
    line_start     INTEGER NOT NULL,
    line_end       INTEGER NOT NULL,
    quote          VARCHAR NOT NULL,   -- the sentence as printed, re-joined across broken lines
    number_at      INTEGER NOT NULL,   -- where number_printed starts in the quote
    measure        VARCHAR NOT NULL,   -- references measures (slug)
    -- the number's role (term_kinds, axis kind): incentive_rate / incentive_amount / incentive_cap / reduced_rate /
    -- loan_ceiling / equity_investment / threshold / budget_share / fund_size / target / fee_ceiling / duration /
    -- count / statement / other
    term_kind      VARCHAR NOT NULL,   -- references term_kinds (slug)
    shape          VARCHAR NOT NULL,   -- references term_kinds (slug): point / range / tiered / per_unit
    tier           VARCHAR,            -- the step of a tiered schedule: 前2年, 国家级
    per_unit       VARCHAR,            -- the denominator of a per-unit amount: 每个标准展位, 亩, 人
    -- the number's form: statement = an AI policy's measure named without a number (武昌区: 人才纳入武昌英才)
    value_kind     VARCHAR NOT NULL CHECK (value_kind IN ('rate', 'amount', 'cap', 'threshold', 'duration', 'count',
                                                          'statement')),
    value          DOUBLE,             -- normalised: percent, 万元, months or a count
    value_max      DOUBLE,             -- the upper end of a range
    previous_value DOUBLE,             -- the old value of a change (由9%下调至6%: 9), context only
    unit           VARCHAR NOT NULL,   -- normalised unit: % / 万元 / 月 / the counted noun
    unit_printed   VARCHAR NOT NULL,   -- as printed: 亿元, 个百分点, 三个月 …
    number_printed VARCHAR NOT NULL,   -- the number as printed in the quote
    comparator     VARCHAR,            -- ≤ / ≥ (最高, 不超过 → ≤)
    basis          VARCHAR,            -- what the rate or cap applies to (成本, 算力服务费用 …)
    beneficiary    VARCHAR,
    condition      VARCHAR,            -- thresholds of the same sentence, and the lead-in's conditions
    lead_in        VARCHAR,
    superseded_by  VARCHAR             -- the policy whose text repeals this term's policy, if any
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

-- The register's quantitative terms (data/curated/wuhan_register_terms.csv): facts read on the cited page, the
-- condition a paraphrase (not a quotation). Drafts and superseded policies keep their terms; pages mark them.
CREATE TABLE register_terms (
    register_term_id     VARCHAR NOT NULL,      -- key: register id and CSV line
    register_id          VARCHAR NOT NULL,
    policy_id            VARCHAR NOT NULL,           -- references policies
    line                 INTEGER NOT NULL,
    measure              VARCHAR NOT NULL,           -- references measures (slug)
    rate_pct             DOUBLE,
    cap_wan              DOUBLE,
    threshold            VARCHAR,
    duration_months      DOUBLE,
    condition_paraphrase VARCHAR,                    -- English, as the register holds it
    source_url           VARCHAR NOT NULL,
    condition_zh         VARCHAR,                    -- the paraphrase in Chinese (wuhan_register_terms_zh.csv)
    threshold_zh         VARCHAR
);

-- Coverage (data/pipeline/coverage.py): per year × level × region, which sources hold how many policies, as what
-- kind of evidence (the best kind of the policy's appearances in that source). A period with no row at all for
-- a level or region has no source: pages draw it as "no data", not as zero.
CREATE TABLE coverage (
    year          INTEGER,            -- of the timeline date (issue, else effective date); NULL: no date
    level         VARCHAR NOT NULL,
    region_code   VARCHAR NOT NULL,   -- regions.code (no foreign keys: a summary, rebuilt with the database)
    source_id     VARCHAR NOT NULL,   -- sources.source_id
    evidence_kind VARCHAR NOT NULL,
    policies      INTEGER NOT NULL
);

-- Full-text search (data/pipeline/search_index.py): character bigrams, BM25 in SQL. Built by SQL from the
-- policies table once they are loaded; a query reads only the postings of its own grams (sorted by term_id,
-- so DuckDB's zone maps skip the rest of the table).
CREATE TABLE search_docs (
    doc       INTEGER NOT NULL,     -- key: a dense number for the postings (policy_id is 16 characters)
    policy_id VARCHAR NOT NULL,     -- references policies
    len       INTEGER NOT NULL,     -- number of indexed grams (weighted), for BM25's length norm
    -- policies.title again, uncompressed: a page of search results reads 500 titles at scattered rows, and a
    -- compressed string column decompresses a whole vector for each (at 1M: 9 ms instead of 67 ms, for 60 MB)
    title     VARCHAR NOT NULL USING COMPRESSION uncompressed
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
CREATE TABLE search_words (         -- Latin words as printed in a policy's title or text (search_index.WORD)
    doc       INTEGER NOT NULL,     -- references search_docs; key (doc, word)
    word      VARCHAR NOT NULL      -- case kept: a phrase of Latin letters is looked for in these, not in the texts
);

-- Built with the database (data/pipeline/load.py, build_aggregates): what many queries would otherwise
-- recompute on every call from the whole table.
-- Where each policy is printed, as one cell: "file:first-last; …" (the sources column of every table).
CREATE TABLE policy_citations (
    policy_id VARCHAR NOT NULL,     -- key
    sources   VARCHAR NOT NULL,
    doc       INTEGER NOT NULL      -- v_policies.doc, in whose order the rows are stored
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
    terms     INTEGER NOT NULL,
    doc       INTEGER NOT NULL      -- v_policies.doc, in whose order the rows are stored
);
-- Appearances of each kind in each source, and how many policies they are (the sources page's table).
CREATE TABLE source_kinds (
    source_id   VARCHAR NOT NULL,
    kind        VARCHAR NOT NULL,   -- key (source_id, kind)
    appearances INTEGER NOT NULL,
    policies    INTEGER NOT NULL
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

-- The trends chart's periods (year, quarter or month) from the one holding `first` to the one holding `last`,
-- empty ones included, keyed 2023 / 2023-Q2 / 2023-05; none when `first` is NULL. trends/periods and its default
-- view's file read it.
CREATE MACRO period_series(first, last, gran) AS TABLE
WITH k AS (SELECT CASE gran WHEN 'year' THEN INTERVAL 1 YEAR WHEN 'quarter' THEN INTERVAL 3 MONTH
                            ELSE INTERVAL 1 MONTH END AS step,
                  CASE WHEN gran IN ('year', 'quarter', 'month') THEN gran ELSE 'year' END AS unit),
s AS (SELECT unnest(generate_series(date_trunc(k.unit, first)::TIMESTAMP, date_trunc(k.unit, last)::TIMESTAMP,
                                    k.step)) AS start, k.step
      FROM k WHERE first IS NOT NULL)
SELECT CASE gran WHEN 'year' THEN strftime(start, '%Y')
                 WHEN 'quarter' THEN strftime(start, '%Y') || '-Q' || quarter(start)
                 ELSE strftime(start, '%Y-%m') END AS period,
       start::DATE AS period_start,
       (start + step - INTERVAL 1 DAY)::DATE AS period_end
FROM s;

-- What pages read: policies with status derived today, at query time, and a date for timelines.
CREATE VIEW v_policies AS
SELECT p.*,
       marked_status(p.status_mark, p.effective_from, p.effective_to, p.issue_date, current_date) AS status_now,
       COALESCE(p.issue_date, p.effective_from) AS timeline_date,
       CASE WHEN p.issue_date IS NOT NULL THEN 'issued' WHEN p.effective_from IS NOT NULL THEN 'effective' END
           AS timeline_basis,
       -- the row's number in storage order (= search_docs.doc; the file is never changed after the build): joins
       -- on it compare integers, and a page of rows is fetched by it without reading the 16-character ids
       p.rowid::INTEGER AS doc
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
-- rather than a correlated EXISTS joined to every policy, and on doc, so that even empty it reads no policy_id;
-- the years are a date range, not year() per row.)
WHERE (levels IS NULL OR list_contains(levels, p.level))
  AND (topics IS NULL OR p.doc IN (SELECT d.doc FROM policy_topics pt JOIN search_docs d USING (policy_id)
                                   WHERE list_contains(topics, pt.topic)))
  AND (region IS NULL OR p.region_code IN (SELECT l.code FROM v_region_lineage l WHERE l.ancestor = region))
  AND ((p.timeline_date IS NULL AND include_undated)
       OR p.timeline_date BETWEEN make_date(year_from, 1, 1) AND make_date(year_to, 12, 31))
  AND (statuses IS NULL OR list_contains(statuses, p.status_now));

-- The full-text search's matches, defined once (explorer/search_policies ranks them, explorer/match_breakdown counts
-- them): every policy within the shared filters (and signed by `issuer`, if given) holding at least 70% of the
-- query's grams (all of them for short queries), with its BM25 score over the character bigrams, or, with no grams,
-- every policy (score 0). Only the postings of the query's own grams are read (search_terms is sorted by term_id).
-- A phrase of Latin letters alone (AI) is found from the words printed in the titles and texts (search_words); a
-- policy holding the phrase but too few of the grams (possible only when a gram is not a CJK bigram) is looked for
-- in the texts, and marked text_found. Conditions on the arguments alone are folded by DuckDB, so a branch a query
-- does not need is never run.
CREATE MACRO search_word_docs(phrase) AS TABLE      -- a phrase of Latin letters alone: the policies printing it
SELECT DISTINCT doc FROM search_words WHERE regexp_full_match(phrase, '[A-Za-z]+') AND contains(word, phrase);

CREATE MACRO search_hits(levels, topics, region, year_from, year_to, include_undated, statuses, grams, phrase,
                         issuer) AS TABLE
WITH q AS (SELECT term_id, idf FROM search_grams WHERE term IN (SELECT unnest(grams))),
scored AS (
    SELECT st.doc,
           sum(q.idf * st.tf * 2.2 / (st.tf + 1.2 * (0.25 + 0.75 * d.len / s.avgdl))) AS score,
           count(*) AS matched
    FROM search_terms st JOIN q USING (term_id) JOIN search_docs d USING (doc) CROSS JOIN search_stats s
    GROUP BY st.doc
),
matched AS (
    SELECT doc, score FROM scored
    WHERE matched >= CASE WHEN len(grams) <= 3 THEN len(grams) ELSE ceil(0.7 * len(grams)) END
),
text_only AS (      -- policies holding the phrase but too few of the grams
    SELECT doc FROM search_word_docs(phrase)
    WHERE len(list_filter(grams, lambda g: NOT regexp_full_match(g, '[\x{4e00}-\x{9fff}]{2}'))) > 0
      AND doc NOT IN (SELECT doc FROM matched)
    UNION ALL
    SELECT p.doc FROM v_policies p
    WHERE len(list_filter(grams, lambda g: NOT regexp_full_match(g, '[\x{4e00}-\x{9fff}]{2}'))) > 0
      AND phrase <> '' AND NOT regexp_full_match(phrase, '[A-Za-z]+')
      AND (contains(p.title, phrase) OR contains(p.text, phrase))
      AND p.doc NOT IN (SELECT doc FROM matched)
),
candidates AS (
    SELECT doc, score, false AS text_found FROM matched
    UNION ALL
    SELECT doc, 0, true FROM text_only
    UNION ALL
    SELECT doc, 0, false FROM v_policies WHERE len(grams) = 0
)
SELECT f.doc, f.timeline_date, c.score, c.text_found
FROM filtered_policies(levels, topics, region, year_from, year_to, include_undated, statuses) f
JOIN candidates c USING (doc)
WHERE issuer IS NULL OR list_contains(f.issuers, issuer);

-- Where each policy is printed, as one cell (built at load time into policy_citations).
CREATE VIEW v_policy_citations AS SELECT policy_id, sources, doc FROM policy_citations;

-- A policy's standing on a day: draft (征求意见稿), superseded (a later text repeals it), else its status.
CREATE MACRO policy_standing(title, superseded, status) AS
    CASE WHEN regexp_matches(title, '征求意见稿|草案|试行稿') THEN 'draft'
         WHEN superseded IS NOT NULL THEN 'superseded'
         ELSE status END;

-- Every term with its policy's effective period and standing today, and its citation (file:lines, quote).
CREATE VIEW v_terms AS
SELECT t.*, p.title AS policy_title, p.region_code, p.level, p.effective_from, p.effective_to, p.issue_date,
       policy_standing(p.title, t.superseded_by, p.status_now) AS standing,
       s.file, s.file || ':' || t.line_start || '-' || t.line_end AS citation,
       k.firm_incentive, k.map_rate, k.map_cap
FROM terms t
JOIN v_policies p USING (policy_id)
JOIN sources s ON s.source_id = t.source_id
JOIN term_kinds k ON k.slug = t.term_kind;

-- Curated rows as terms: a rate row and a cap row per curated row, with the kind their measure allows
-- (an equity or lending measure, or a fund, is never a firm-facing incentive).
CREATE VIEW v_curated_terms AS
SELECT c.*, v.value_kind,
       CASE WHEN c.measure = 'equity' THEN 'equity_investment'
            WHEN c.measure = 'loan' OR regexp_matches(c.measure_printed, '贷款额度|授信') THEN 'loan_ceiling'
            WHEN regexp_matches(c.measure_printed || c.quote, '基金|资金池|总规模') AND v.value_kind = 'cap' THEN 'fund_size'
            WHEN v.value_kind = 'rate' THEN 'incentive_rate'
            WHEN v.value_kind = 'cap' THEN 'incentive_cap'
            ELSE 'statement' END AS term_kind,
       CASE v.value_kind WHEN 'rate' THEN c.rate_pct WHEN 'cap' THEN c.cap_wan END AS value,
       CASE v.value_kind WHEN 'rate' THEN '%' WHEN 'cap' THEN '万元' ELSE '' END AS unit,
       policy_standing(c.policy_title, NULL, 'in_force') AS standing
FROM curated_terms c
CROSS JOIN (VALUES ('rate'), ('cap'), ('statement')) AS v(value_kind)
WHERE CASE v.value_kind WHEN 'rate' THEN c.rate_pct IS NOT NULL
                        WHEN 'cap' THEN c.cap_wan IS NOT NULL
                        ELSE c.rate_pct IS NULL AND c.cap_wan IS NULL END;

-- The one rule for "best" (the comparison's ★ 最优) and for a map's rate or cap: a current firm-facing incentive
-- (never a draft, superseded, lapsed or not-yet policy), not a per-unit amount, from a source not marked low trust.
-- (current_standing is the part that changes with the day: the map's aggregate keeps the rest, and its query
-- checks this one on the policy's status today.)
CREATE MACRO current_standing(standing) AS standing IN ('in_force', 'unknown');
CREATE MACRO best_candidate(term_kind, shape, standing, trust) AS
    term_kind IN (SELECT slug FROM term_kinds WHERE firm_incentive AND axis = 'kind')
    AND term_kind NOT IN ('reduced_rate')
    AND coalesce(shape, 'point') <> 'per_unit'
    AND current_standing(standing)
    AND coalesce(trust, '') <> 'low';

-- The register's terms as terms (data/curated/wuhan_register_terms.csv): a rate, a cap and a duration row per
-- register row, a statement row when it has none. The kind follows the same vocabulary as the extracted terms
-- (term_kinds): an equity or lending measure is never a firm-facing incentive; the paraphrase says when a number is
-- a fund or pool size ("pool size"), a share of a fund ("share of … funds") or paid to someone other than a firm
-- ("not to firms"). The threshold (free text) and the paraphrase are the condition; the trust is the register
-- row's; the standing is its policy's (a draft or superseded policy keeps its terms, never as best).
CREATE VIEW v_register_terms AS
SELECT rt.*, v.value_kind,
       CASE WHEN v.value_kind IN ('duration', 'statement') THEN v.value_kind
            WHEN rt.measure = 'equity' THEN 'equity_investment'
            WHEN rt.measure = 'loan' THEN 'loan_ceiling'
            WHEN regexp_matches(coalesce(rt.condition_paraphrase, ''), '(?i)\bnot to firms\b') THEN 'other'
            WHEN regexp_matches(coalesce(rt.condition_paraphrase, ''), '(?i)\bpool\b|fund size') THEN 'fund_size'
            WHEN v.value_kind = 'rate' AND regexp_matches(coalesce(rt.condition_paraphrase, ''), '(?i)share of .*\bfunds?\b')
                THEN 'budget_share'
            WHEN v.value_kind = 'rate' THEN 'incentive_rate'
            ELSE 'incentive_cap' END AS term_kind,
       CASE v.value_kind WHEN 'rate' THEN rt.rate_pct WHEN 'cap' THEN rt.cap_wan WHEN 'duration' THEN rt.duration_months
            END AS value,
       CASE v.value_kind WHEN 'rate' THEN '%' WHEN 'cap' THEN '万元' WHEN 'duration' THEN '月' ELSE '' END AS unit,
       nullif(concat_ws('；', coalesce(rt.threshold_zh, rt.threshold), coalesce(rt.condition_zh, rt.condition_paraphrase)),
              '') AS condition,
       'curated/wuhan_register_terms.csv:' || rt.line AS citation,
       ps.trust, p.title AS policy_title, p.region_code, p.level, p.doc_number, p.issue_date,
       policy_standing(p.title, NULL, p.status_now) AS standing
FROM register_terms rt
JOIN v_policies p USING (policy_id)
LEFT JOIN policy_sources ps ON ps.policy_id = rt.policy_id AND ps.kind = 'register_entry' AND ps.record_id = rt.register_id
CROSS JOIN (VALUES ('rate'), ('cap'), ('duration'), ('statement')) AS v(value_kind)
WHERE CASE v.value_kind WHEN 'rate' THEN rt.rate_pct IS NOT NULL
                        WHEN 'cap' THEN rt.cap_wan IS NOT NULL
                        WHEN 'duration' THEN rt.duration_months IS NOT NULL
                        ELSE rt.rate_pct IS NULL AND rt.cap_wan IS NULL AND rt.duration_months IS NULL END;

-- Every term the map and the AI comparison read, whatever its evidence: origin corpus (extracted from a source's
-- text, cited file:lines), register (the register of district policies, cited by its CSV line and page URL) and
-- curated (the curated AI-support terms, cited by URL), each with its kind, its policy's standing, its trust mark
-- and the one rule for best (best_ok: best_candidate; map_rate / map_cap: best_ok and the kind may be a map's rate
-- or cap, term_kinds). A curated or register term's standing is its policy's, as an extracted term's is.
-- entry_id groups the numbers of one clause and measure (corpus) or one curated / register row.
CREATE VIEW v_measure_terms AS
WITH k AS (SELECT slug, firm_incentive, map_rate, map_cap FROM term_kinds WHERE axis = 'kind'),
u AS (
    SELECT 'corpus' AS origin, t.term_id AS row_id,
           'k:' || t.policy_id || ':' || t.source_id || ':' || t.line_start || '-' || t.line_end || ':' || t.measure
               AS entry_id,
           t.policy_id, t.policy_title AS title, t.region_code, t.level, t.measure,
           CAST(NULL AS VARCHAR) AS measure_printed, t.value_kind, t.term_kind, t.shape, t.tier, t.per_unit,
           t.value, t.value_max, t.unit, t.number_printed, t.comparator, t.basis, t.beneficiary, t.condition, t.quote,
           t.citation, CAST(NULL AS VARCHAR) AS source_url, CAST(NULL AS VARCHAR) AS source_title,
           CAST(NULL AS VARCHAR) AS trust, CAST(NULL AS VARCHAR) AS dataset, t.standing, t.superseded_by, t.source_id,
           t.line_start, t.line_end, t.number_at
    FROM v_terms t
    UNION ALL
    SELECT 'register', r.register_term_id || ':' || r.value_kind, 'r:' || r.register_term_id, r.policy_id,
           r.policy_title, r.region_code, r.level, r.measure, NULL, r.value_kind, r.term_kind, 'point', NULL, NULL,
           r.value, NULL, r.unit,
           CASE r.value_kind WHEN 'rate' THEN format('{:g}%', r.value) WHEN 'cap' THEN format('{:g}万元', r.value)
                             WHEN 'duration' THEN format('{:g}个月', r.value) END,
           CASE WHEN r.value_kind = 'cap' THEN '≤' END, NULL, NULL, r.condition, NULL,
           r.citation, r.source_url, NULL, r.trust, 'wuhan_register_terms', r.standing, NULL, 'wuhan_policy_register',
           r.line, r.line, 0
    FROM v_register_terms r
    UNION ALL
    SELECT 'curated', c.curated_id || ':' || c.value_kind, 'c:' || c.curated_id, c.policy_id, c.policy_title,
           c.region_code, CASE c.level WHEN 'zone' THEN 'district' ELSE c.level END, c.measure, c.measure_printed,
           c.value_kind, c.term_kind, 'point', NULL, NULL, c.value, NULL, c.unit, NULL,
           CASE WHEN c.value_kind = 'cap' THEN '≤' END, NULL, NULL, c.condition, c.quote, c.source_url, c.source_url,
           c.source_title, c.trust, c.dataset,
           coalesce(policy_standing(c.policy_title, NULL, p.status_now), c.standing), NULL, c.dataset, NULL, NULL, 0
    FROM v_curated_terms c LEFT JOIN v_policies p USING (policy_id)
)
SELECT u.*, k.firm_incentive,
       best_candidate(u.term_kind, u.shape, u.standing, u.trust) AS best_ok,
       best_candidate(u.term_kind, u.shape, u.standing, u.trust) AND k.map_rate AS map_rate,
       best_candidate(u.term_kind, u.shape, u.standing, u.trust) AND k.map_cap AS map_cap
FROM u JOIN k ON k.slug = u.term_kind;

-- The map and the AI comparison at scale (mapai; built by load.build_map_ai_aggregates from v_measure_terms, so the
-- rules above stay the only rules). What changes with the day (a policy's status today) is not stored: the queries
-- check current_standing(status_now) of the policy, which with the stored part is best_candidate exactly.
-- The map's metrics of each policy: row measure = '' (one for every policy) holds its firm-facing incentive terms (every origin) and its
-- highest cap of any measure (万元); one row per measure holds that measure's best rate (%, a range's upper end).
-- value is a best candidate but for the day's status; origin, trust, citation and source_url are the term's giving it
-- (ties: corpus, then register, then curated).
CREATE TABLE map_policy_metrics (   -- stored by measure and region: a layer's rows are a few row groups
    policy_id  VARCHAR NOT NULL,    -- key (policy_id, measure)
    region_code VARCHAR,            -- the policy's
    measure    VARCHAR NOT NULL,
    n_terms    INTEGER,
    value      DOUBLE,
    origin     VARCHAR,
    trust      VARCHAR,
    citation   VARCHAR,
    source_url VARCHAR,
    sources    VARCHAR,             -- '' row: where the policy is printed (policy_citations), for the region's list
    source_ids VARCHAR[]            -- '' row: the sources it appears in (policy_sources), for the map's coverage
);
-- The firm-facing incentive terms of every origin (v_measure_terms, firm_incentive), stored by region and then in
-- the order the map lists them (newest policy first; its extracted terms in the text's order, then the register's,
-- then the curated rows): one region's terms are a few row groups. The standing and best_ok are the query's.
CREATE TABLE map_terms (
    region_code   VARCHAR,
    policy_id     VARCHAR NOT NULL,
    timeline_date DATE,
    title         VARCHAR,
    origin        VARCHAR NOT NULL,
    row_id        VARCHAR NOT NULL,   -- key
    level         VARCHAR,
    measure       VARCHAR,
    term_kind     VARCHAR,
    shape         VARCHAR,
    tier          VARCHAR,
    per_unit      VARCHAR,
    value_kind    VARCHAR,
    comparator    VARCHAR,
    value         DOUBLE,
    value_max     DOUBLE,
    unit          VARCHAR,
    basis         VARCHAR,
    condition     VARCHAR,
    quote         VARCHAR,
    citation      VARCHAR,
    source_url    VARCHAR,
    trust         VARCHAR,
    superseded_by VARCHAR,
    line_start    INTEGER,
    number_at     INTEGER
);
-- Every term the AI comparison reads (v_measure_terms): those of AI policies (title names 人工智能|AI|OPC|大模型|算力)
-- and every curated and register term, stored by region; policy_span is the policy's appearance (file:lines) that
-- holds a corpus term's lines. The standing and best_ok are computed by the query (they change with the day).
CREATE TABLE ai_terms (
    region_code     VARCHAR,
    origin          VARCHAR NOT NULL,
    row_id          VARCHAR NOT NULL,  -- key
    entry_id        VARCHAR NOT NULL,
    policy_id       VARCHAR NOT NULL,
    title           VARCHAR,
    doc_number      VARCHAR,
    issue_date      VARCHAR,
    measure         VARCHAR,
    measure_printed VARCHAR,
    value_kind      VARCHAR,
    term_kind       VARCHAR,
    shape           VARCHAR,
    tier            VARCHAR,
    per_unit        VARCHAR,
    value           DOUBLE,
    value_max       DOUBLE,
    unit            VARCHAR,
    number_printed  VARCHAR,
    comparator      VARCHAR,
    basis           VARCHAR,
    beneficiary     VARCHAR,
    condition       VARCHAR,
    quote           VARCHAR,
    citation        VARCHAR,
    policy_span     VARCHAR,
    source_url      VARCHAR,
    source_title    VARCHAR,
    trust           VARCHAR,
    dataset         VARCHAR,
    superseded_by   VARCHAR,
    line_start      INTEGER,
    line_end        INTEGER,
    number_at       INTEGER,
    -- the policy's status inputs (policies), so its status today is computed here as v_policies computes it
    status_mark     VARCHAR,
    effective_from  DATE,
    effective_to    DATE,
    issue_day       DATE
);
-- The regions one can compare on the AI page: entries (a corpus clause and measure, a curated or register row) per region.
CREATE TABLE ai_region_counts (
    region_code VARCHAR NOT NULL,   -- key
    corpus      INTEGER NOT NULL,
    curated     INTEGER NOT NULL,
    register    INTEGER NOT NULL
);
-- An AI policy: its title names 人工智能, AI, OPC, 大模型 or 算力 (the AI comparison's one rule).
CREATE MACRO ai_policy(title) AS regexp_matches(title, '人工智能|AI|OPC|大模型|算力');
-- The AI comparison's numbers of some regions: ai_terms with the policy's standing today, best_ok (best_candidate)
-- and shown: whether the number may be its entry's rate / cap / amount (a firm-facing incentive, term_kinds, or a
-- curated row); any other number (a budget share, a duration …) is listed as printed.
CREATE MACRO ai_numbers(regions) AS TABLE
WITH a AS (SELECT *, policy_standing(title, superseded_by,
                                      marked_status(status_mark, effective_from, effective_to, issue_day, current_date))
                         AS standing
           FROM ai_terms WHERE list_contains(regions, region_code))
SELECT a.*, best_candidate(a.term_kind, a.shape, a.standing, a.trust) AS best_ok,
       a.origin = 'curated' OR k.firm_incentive AS shown,
       CASE a.origin WHEN 'corpus' THEN a.policy_span WHEN 'register' THEN a.citation ELSE a.source_url END AS source,
       CASE a.value_kind WHEN 'rate' THEN 0 WHEN 'cap' THEN 1 WHEN 'amount' THEN 2 WHEN 'threshold' THEN 3 ELSE 4 END
           AS kind_rank
FROM a JOIN term_kinds k ON k.slug = a.term_kind;

-- The AI comparison's entries (one per corpus clause and measure, one per register or curated row) of some regions
-- and measures (NULL: all): its rate (and a range's upper end), cap and amount (the first shown number of each kind),
-- whether each may be best, its standing and the first number's lines; ref = its number on the page (measures in
-- their order, regions in the order given, corpus first); best = "★ 最优" of its measure's row: the highest rate
-- that may be best, ties to the higher cap; with no such rate in the row, the highest cap (ties stay tied);
-- cell_rank orders a cell's entries (best, rate, cap, ref), cell_n and region_n count them.
-- Only the short columns: every entry of the regions is ranked, and what a shown cell prints besides (quotes,
-- conditions, sources) is ai_entry_details() of the few shown. Ranking rows that carried their quotes and sources
-- took most of the AI page's query at a million policies (README "Queries at 1M, session 18").
CREATE MACRO ai_entries(regions, measures) AS TABLE
WITH n AS (
    SELECT entry_id, origin, region_code, measure, measure_printed, value_kind, value, value_max, best_ok, shown,
           standing, line_start, line_end,
           row_number() OVER (PARTITION BY entry_id ORDER BY kind_rank, row_id) AS k
    FROM ai_numbers(regions) WHERE measures IS NULL OR list_contains(measures, measure)
),
e AS (
    SELECT entry_id, min_by(origin, k) AS origin, min_by(region_code, k) AS region_code, min_by(measure, k) AS measure,
           min_by({'v': measure_printed}, k).v AS measure_printed,
           min_by({'v': value, 'm': value_max, 'ok': best_ok}, k)
               FILTER (WHERE value_kind = 'rate' AND value IS NOT NULL AND shown) AS r,
           min_by({'v': value, 'ok': best_ok}, k) FILTER (WHERE value_kind = 'cap' AND value IS NOT NULL AND shown) AS c,
           min_by(value, k) FILTER (WHERE value_kind = 'amount' AND value IS NOT NULL AND shown) AS amount,
           min_by(standing, k) FILTER (WHERE standing IS NOT NULL) AS standing,
           min_by({'s': line_start, 'e': line_end}, k) AS lines
    FROM n GROUP BY entry_id
),
numbered AS (
    SELECT e.entry_id, e.origin, e.region_code, e.measure, e.measure_printed, e.r.v AS rate, e.r.m AS rate_max,
           e.c.v AS cap, e.amount, coalesce(e.r.ok, false) AS rate_ok, coalesce(e.c.ok, false) AS cap_ok, e.standing,
           CASE WHEN e.origin = 'corpus' AND e.lines.s IS NOT NULL
                THEN e.lines.s || CASE WHEN e.lines.e <> e.lines.s THEN '-' || e.lines.e ELSE '' END
                ELSE '' END AS lines,
           CASE WHEN e.r.ok THEN e.r.v END AS r_ok, CASE WHEN e.c.ok THEN e.c.v END AS c_ok,
           row_number() OVER (ORDER BY coalesce(m.sort_order, 2147483647),
                                       coalesce(nullif(list_position(regions, e.region_code), 0), 2147483647),
                                       e.origin <> 'corpus', e.entry_id) AS ref
    FROM e LEFT JOIN measures m ON m.slug = e.measure
),
best AS (
    SELECT *, CASE WHEN count(r_ok) OVER w > 0
                   THEN r_ok IS NOT NULL AND {'r': r_ok, 'c': coalesce(c_ok, -1)}
                        = max({'r': r_ok, 'c': coalesce(c_ok, -1)}) FILTER (WHERE r_ok IS NOT NULL) OVER w
                   ELSE c_ok IS NOT NULL AND c_ok = max(c_ok) OVER w END AS best
    FROM numbered
    WINDOW w AS (PARTITION BY measure)
)
SELECT * EXCLUDE (r_ok, c_ok),
       row_number() OVER (PARTITION BY measure, region_code ORDER BY best DESC, r_ok DESC NULLS LAST,
                          c_ok DESC NULLS LAST, ref) AS cell_rank,
       count(*) OVER (PARTITION BY measure, region_code) AS cell_n,
       count(*) OVER (PARTITION BY region_code) AS region_n
FROM best;

-- What a shown entry's cell prints besides its numbers (entries: their entry_ids; regions: theirs, for
-- ai_numbers): the other numbers as printed, the thresholds, the conditions, basis and beneficiary, and its first
-- number's quote, source, trust mark and policy.
CREATE MACRO ai_entry_details(regions, entries) AS TABLE
WITH n AS (
    SELECT *, row_number() OVER (PARTITION BY entry_id ORDER BY kind_rank, row_id) AS k
    FROM ai_numbers(regions) WHERE list_contains(entries, entry_id)
),
e AS (
    SELECT entry_id,
           coalesce(list(number_printed ORDER BY k) FILTER (
               WHERE number_printed IS NOT NULL AND (value_kind NOT IN ('rate', 'cap', 'amount', 'threshold', 'statement')
                                                     OR (value_kind IN ('rate', 'cap', 'amount') AND NOT shown))), [])
               AS others,
           coalesce(list(coalesce(comparator, '') || number_printed ORDER BY k)
                    FILTER (WHERE value_kind = 'threshold' AND number_printed IS NOT NULL), []) AS thresholds,
           coalesce(list(condition ORDER BY k) FILTER (WHERE trim(coalesce(condition, '')) <> ''), []) AS conditions,
           min_by(basis, k) FILTER (WHERE basis IS NOT NULL) AS basis,
           min_by(beneficiary, k) FILTER (WHERE beneficiary IS NOT NULL) AS beneficiary,
           min_by({'quote': quote, 'source': source, 'source_url': source_url, 'source_title': source_title,
                   'trust': trust, 'dataset': dataset, 'policy_id': policy_id, 'policy_title': title,
                   'doc_number': doc_number, 'issue_date': issue_date, 'citation': citation}, k) AS f
    FROM n GROUP BY entry_id
)
SELECT e.entry_id, e.others, e.thresholds, e.conditions, e.basis, e.beneficiary, e.f.quote, e.f.source, e.f.source_url,
       e.f.source_title, e.f.trust, e.f.dataset, e.f.policy_id, e.f.policy_title, e.f.doc_number, e.f.issue_date,
       e.f.citation
FROM e;

-- queries16: counts the trends and overview pages would otherwise compute over every policy, built with the database
-- (load.build_period_aggregates). They serve the pages' default view (no topic, region or status filter: the
-- levels and the years are columns here); a query with such a filter reads the policies. Nothing that changes with
-- the day (status_now) is stored.
-- The policies per timeline month and level (month NULL: no timeline date; level NULL: unknown).
CREATE TABLE period_counts (
    month        DATE,              -- date_trunc('month', timeline_date)
    level        VARCHAR,
    policies     INTEGER NOT NULL,
    curated_only INTEGER NOT NULL,  -- resting only on curated rows (evidence_kind register_entry / curated_term)
    no_date      INTEGER NOT NULL,  -- no issue, effective or end date
    terms        BIGINT NOT NULL    -- the terms these policies state
);
-- The policies of each timeline month and level that appear in each source (a policy is in one month only, so the
-- months of a year add up to the year's distinct policies).
CREATE TABLE period_sources (
    month     DATE NOT NULL,
    level     VARCHAR,
    source_id VARCHAR NOT NULL,
    policies  INTEGER NOT NULL
);
-- With no level filter either: each period's largest source (the policies of the period it holds; ties: the
-- greater source_id, as trends/coverage_by_period) and how many sources hold some of its policies, per unit.
CREATE TABLE period_top_sources (
    unit         VARCHAR NOT NULL,  -- year | quarter | month
    period_start DATE NOT NULL,
    top_source   VARCHAR NOT NULL,
    top_count    BIGINT NOT NULL,
    n_sources    BIGINT NOT NULL
);
-- How many policies each region issued (the regions lookup's count).
CREATE TABLE region_policy_counts (
    region_code VARCHAR NOT NULL,   -- key
    policies    INTEGER NOT NULL
);
-- map_policy_metrics keyed by doc (v_policies.doc) instead of the 16-character id, without the '' row's sources cell, and
-- stored by measure and doc (doc follows the storage order, region first: a map layer's policies are one range of
-- docs). The map's layer query joins its policies to it on integers.
CREATE TABLE map_metric_docs (
    doc        INTEGER NOT NULL,    -- key (doc, measure)
    measure    VARCHAR NOT NULL,
    n_terms    INTEGER,
    value      DOUBLE,
    origin     VARCHAR,
    trust      VARCHAR,
    citation   VARCHAR,
    source_url VARCHAR,
    source_ids VARCHAR[]            -- '' row: the sources it appears in
);

-- The trends chart's bars of the default view (no topic, region or status filter), per timeline month, level and
-- primary topic: the policies and the three smallest (timeline date, title) of each, so that a year's or a
-- quarter's bar takes its first titles from its months' (the three smallest of a union are among each part's
-- three smallest). trends/counts_by_period reads it; load.build_period_aggregates fills it.
CREATE TABLE period_groups (
    month         DATE NOT NULL,      -- date_trunc('month', timeline_date): undated policies are not on the chart
    level         VARCHAR,
    primary_topic VARCHAR,
    policies      INTEGER NOT NULL,
    first_items   STRUCT(d DATE, t VARCHAR)[] NOT NULL   -- ascending; at most three
);

-- Policies in force on each of the given days, per level, per primary topic or per level × primary topic (split:
-- level | topic | cell; the column not split by is NULL): status by marked_status()
-- (the definition of status_now: a draft or a superseded policy is never in force, a lapsed one without a stated
-- end neither), each group's count and its three first (timeline date, title), ascending. One definition, used by
-- trends/in_force_on_days and by the build (in_force_months, by cell, which the query sums into its groups).
-- active = false: nothing is computed (the query's branch not taken). Written for a million policies:
--   * a day's count is the policies started by then less those ended before it (a policy whose end precedes its
--     start is never in force), read from each cell's running totals of starts and ends by an ASOF join per day,
--     not from every (day, policy) pair;
--   * the first items are looked for among each cell's earliest policies only (dated up to its 64th earliest
--     date, and up to its third earliest without an end: once those three have started no later day needs
--     another; every policy ordered before one of them is one of them), and among all of the cell's policies
--     only for a (day, cell) where fewer than three of those are in force while more are: usually none, and
--     `missing` is computed first so that the policies are not joined to every (day, cell) (by month over 37
--     years that join took 21 s at a million policies).
CREATE MACRO in_force_cells(days, levels, topics, region, year_from, year_to, include_undated, statuses, split, active) AS TABLE
WITH d AS (SELECT unnest(days::DATE[]) AS day),
p AS MATERIALIZED (   -- narrow, read once: the titles are read for the candidates below only
    SELECT doc, coalesce(timeline_date, DATE '9999-12-31') AS k, coalesce(effective_from, issue_date) AS starts,
           coalesce(effective_to, DATE '9999-12-31') AS ends,
           CASE WHEN split IN ('level', 'cell') THEN level END AS level,
           CASE WHEN split IN ('topic', 'cell') THEN primary_topic END AS primary_topic,
           CASE split WHEN 'level' THEN coalesce(level, '') WHEN 'topic' THEN coalesce(primary_topic, '')
                      ELSE coalesce(level, '') || chr(31) || coalesce(primary_topic, '') END AS cell
    FROM filtered_policies(levels, topics, region, year_from, year_to, include_undated, statuses)
    WHERE active AND coalesce(effective_from, issue_date) IS NOT NULL
      AND coalesce(status_mark, '') NOT IN ('draft', 'superseded')
      AND NOT (coalesce(status_mark, '') = 'lapsed' AND effective_to IS NULL)
      AND coalesce(effective_to, DATE '9999-12-31') >= coalesce(effective_from, issue_date)),
cells AS (SELECT DISTINCT cell, level, primary_topic FROM p),
grid AS (SELECT d.day, cells.cell FROM d CROSS JOIN cells),
started AS (SELECT grid.day, grid.cell, s.n FROM grid ASOF JOIN (
                SELECT cell, starts, sum(count(*)) OVER (PARTITION BY cell ORDER BY starts) AS n
                FROM p GROUP BY cell, starts) s ON s.cell = grid.cell AND s.starts <= grid.day),
ended AS (SELECT grid.day, grid.cell, e.n FROM grid ASOF JOIN (
              SELECT cell, ends, sum(count(*)) OVER (PARTITION BY cell ORDER BY ends) AS n
              FROM p WHERE ends < DATE '9999-12-31' GROUP BY cell, ends) e ON e.cell = grid.cell AND e.ends < grid.day),
counts AS (SELECT s.day, s.cell, CAST(s.n - coalesce(e.n, 0) AS BIGINT) AS policies
           FROM started s LEFT JOIN ended e ON e.day = s.day AND e.cell = s.cell
           WHERE s.n > coalesce(e.n, 0)),
early AS (SELECT cell, greatest(list_max(min(k, 64)),
                                coalesce(list_max(min(k, 3) FILTER (WHERE ends = DATE '9999-12-31')), DATE '0001-01-01')) AS k
          FROM p GROUP BY cell),
first AS MATERIALIZED (   -- materialised: the days are joined to these few, not to every policy
    SELECT p.*, t.title FROM p JOIN early e ON e.cell = p.cell AND p.k <= e.k JOIN v_policies t ON t.doc = p.doc),
cand AS (SELECT d.day, p.cell, count(*) AS n, min_by({'d': p.k, 't': p.title}, {'d': p.k, 't': p.title}, 3) AS items
         FROM d JOIN first p ON p.starts <= d.day AND p.ends >= d.day GROUP BY ALL),
missing AS MATERIALIZED (
    SELECT c.day, c.cell FROM counts c LEFT JOIN cand x ON x.day = c.day AND x.cell = c.cell
    WHERE coalesce(x.n, 0) < least(3, c.policies)),
rest AS (SELECT m.day, m.cell, min_by({'d': p.k, 't': p.title}, {'d': p.k, 't': p.title}, 3) AS items
         FROM missing m JOIN (SELECT p.*, t.title FROM p JOIN v_policies t ON t.doc = p.doc) p
         ON p.cell = m.cell AND p.starts <= m.day AND p.ends >= m.day
         GROUP BY ALL)
SELECT c.day, k.level, k.primary_topic, c.policies, coalesce(r.items, x.items) AS first_items
FROM counts c
JOIN cells k ON k.cell = c.cell
LEFT JOIN cand x ON x.day = c.day AND x.cell = c.cell
LEFT JOIN rest r ON r.day = c.day AND r.cell = c.cell;

-- in_force_cells() of every month end of the timeline's years (January of the first to December of the last),
-- for every policy: the trends chart in mode in_force reads its default view (no topic, region or status filter,
-- the whole year range; levels are a column here) from it. A period's end (year, quarter or month) is a month end.
CREATE TABLE in_force_months (
    day           DATE NOT NULL,
    level         VARCHAR,
    primary_topic VARCHAR,
    policies      BIGINT NOT NULL,
    first_items   STRUCT(d DATE, t VARCHAR)[] NOT NULL   -- ascending, at most three
);

-- The trends chart's bars of the default view ready to draw, one row per bar: period_groups summed into each
-- granularity (unit) and split, and in_force_months into each split, each bar with its three first titles. The
-- page reads these when no level is selected or the split is by level (a level is then a bar of its own); at a
-- million policies, by month and topic, the first titles' min_by over the groups' items was 30 of the query's
-- 40 ms. trends/counts_by_period and trends/in_force_on_days read them; load.build_period_aggregates fills them.
CREATE TABLE trend_bars (
    unit          VARCHAR NOT NULL,   -- year | quarter | month
    split         VARCHAR NOT NULL,   -- level | topic
    period_start  DATE NOT NULL,
    grp           VARCHAR,            -- the level or the primary topic (NULL: none)
    policies      BIGINT NOT NULL,
    first_titles  VARCHAR[] NOT NULL  -- by timeline date, then title
);
CREATE TABLE in_force_bars (
    split         VARCHAR NOT NULL,   -- level | topic
    day           DATE NOT NULL,      -- a month end (in_force_months)
    grp           VARCHAR,
    policies      BIGINT NOT NULL,
    first_titles  VARCHAR[] NOT NULL
);

-- Which schema built this file: the app refuses a file built by another version of data/schema.sql with a clear
-- message (dashboard/db.py) instead of failing on a missing table or column.
CREATE TABLE build_info (
    schema_id VARCHAR NOT NULL,    -- data.pipeline.schema_id.schema_id(): a digest of data/schema.sql
    built_on  DATE NOT NULL        -- the build day (statuses are computed for today, not stored)
);

-- queries17: what the overview's lists and the explorer's facets read at a million policies (built by
-- load.build_list_aggregates from the loaded tables; nothing that changes with the day is stored).
-- The dated policies with the columns the overview's newest list orders, filters and shows (and its status inputs;
-- the id and document number are read from the policies for the rows shown), stored newest first
-- (timeline_date DESC, title, doc): a top-N reads the first row groups only.
CREATE TABLE policy_timeline (
    timeline_date        DATE NOT NULL,   -- v_policies.timeline_date
    title                VARCHAR NOT NULL,
    doc                  INTEGER NOT NULL, -- key; v_policies.doc
    level                VARCHAR,
    region_code          VARCHAR,
    timeline_basis       VARCHAR,
    issue_date_precision VARCHAR,
    primary_topic        VARCHAR,
    evidence_kind        VARCHAR NOT NULL,
    trust                VARCHAR,
    status_mark          VARCHAR,
    effective_from       DATE,
    effective_to         DATE,
    issue_date           DATE
);
-- Each policy's dated events: issued (issue_date), took_effect (effective_from), expired (the day after
-- effective_to), stored newest first (day DESC, doc); level and timeline_date are the policy's. Titles and ids are
-- read from the policies for the few rows a list shows (the file is within 3x its data: README "Scale").
CREATE TABLE policy_events (
    day           DATE NOT NULL,
    event         VARCHAR NOT NULL,   -- issued | took_effect | expired
    doc           INTEGER NOT NULL,   -- key (doc, event); v_policies.doc
    level         VARCHAR,
    timeline_date DATE
);
-- policy_topics keyed by doc (v_policies.doc), stored in its order: a set of policies' topics joined on integers.
CREATE TABLE policy_topic_docs (
    doc   INTEGER NOT NULL,           -- key (doc, topic)
    topic VARCHAR NOT NULL
);
-- The overview's headline numbers for the default view (the levels and the years are columns here): the regions
-- that issued policies in each timeline year (NULL: undated) and level …
CREATE TABLE period_regions (
    year        INTEGER,            -- year(timeline_date)
    level       VARCHAR,
    region_code VARCHAR
);
-- … and how many of a year's and level's policies are in force on a day, as steps: the sum of n over the days up
-- to a day. A policy that may be in force (not a draft, superseded, or lapsed with no end) steps +1 on its start
-- (effective date, else issue date) and -1 the day after its end; one ending before it starts is never in force.
CREATE TABLE in_force_steps (
    year  INTEGER,                  -- year(timeline_date)
    level VARCHAR,
    day   DATE NOT NULL,
    n     BIGINT NOT NULL
);
-- The map's ranks (map/metric_by_region): within each policy region, each policy's place in the orders the layer
-- query picks by, so that it finds a region's cap or rate term and top three on integers and reads the titles and
-- the terms' evidence of those few policies only. 1 = first. w_*: the term giving a region's value (highest value,
-- then the greater title, then the greater citation); r_*: the top three for a metric (highest value, then newest,
-- then title); ties: the storage row. Which policies count (filters, status today) is the query's.
CREATE TABLE map_policy_ranks (   -- one row per policy, stored by doc
    doc           INTEGER NOT NULL,  -- key
    region_code   VARCHAR,
    timeline_date DATE,
    n_terms       INTEGER NOT NULL,  -- map_metric_docs '' row
    cap           DOUBLE,            -- map_metric_docs '' row: highest cap (万元)
    w_cap         INTEGER NOT NULL,
    r_cap         INTEGER NOT NULL,  -- metric max_cap
    r_terms       INTEGER NOT NULL,  -- metric terms
    r_date        INTEGER NOT NULL   -- metric policies: newest, then title
);
CREATE TABLE map_rate_ranks (     -- one row per policy and measure with a best rate, stored by measure and doc
    doc         INTEGER NOT NULL,  -- key (doc, measure)
    measure     VARCHAR NOT NULL,
    region_code VARCHAR,
    rate        DOUBLE,            -- map_metric_docs: the measure's best rate (%)
    w_rate      INTEGER NOT NULL,
    r_rate      INTEGER NOT NULL   -- metric best_rate
);
-- Each policy's id and doc, the id stored uncompressed: a set of ids (the explorer's results) is turned into docs by
-- hashing a million ids, and a compressed string column decompresses every vector first (at 1M: 8 ms instead of 20).
CREATE TABLE policy_ids (           -- stored by doc
    policy_id VARCHAR NOT NULL USING COMPRESSION uncompressed,   -- key
    doc       INTEGER NOT NULL
);
