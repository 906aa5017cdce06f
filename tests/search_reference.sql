-- The oracle of tests/test_scale.py: explorer/search_policies as it was until session 16, written plainly (the
-- phrase is looked for in every match, the title of every match is read). The named query must return exactly
-- what this returns, for any search, filters and limit. Not used by the app.
-- Full-text search (BM25 over character bigrams) within the current filters; with no query, the newest first.
-- A policy matches when it holds at least 70% of the query's grams (all of them for short queries);
-- the exact phrase in the title or text ranks first. total: how many policies match (the list shows $limit).
-- Only the postings of the query's own grams are read (search_terms is sorted by term_id). An all-Chinese phrase
-- is found from the bigrams' positions in those postings, without reading any text; any other phrase (with a
-- space, a Latin word, a number, or one character) is looked for in the texts, as is a policy holding the phrase
-- but too few of the grams (possible only when a gram is not a CJK bigram). Conditions on parameters alone are
-- folded by DuckDB, so the branch a query does not need is never run. Used by: explorer.
-- params: $levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses, $grams, $phrase, $issuer, $limit
WITH phrase_grams AS (   -- an all-Chinese phrase's bigrams and where each sits in it
    SELECT (i - 1)::INTEGER AS off, substr($phrase, i, 2) AS term
    FROM range(1, length($phrase)) AS r(i)
    WHERE regexp_full_match($phrase, '[\x{4e00}-\x{9fff}]{2,}')
),
q AS (SELECT term_id, idf FROM search_grams WHERE term IN (SELECT unnest($grams))),
scored AS (
    SELECT st.doc,
           sum(q.idf * st.tf * 2.2 / (st.tf + 1.2 * (0.25 + 0.75 * d.len / s.avgdl))) AS score,
           count(*) AS matched
    FROM search_terms st JOIN q USING (term_id) JOIN search_docs d USING (doc) CROSS JOIN search_stats s
    GROUP BY st.doc
),
phrase_docs AS (    -- docs where the phrase's bigrams stand one after another
    SELECT DISTINCT doc FROM (
        SELECT doc, start FROM (
            SELECT st.doc, pg.off, unnest(st.pos) - pg.off AS start
            FROM phrase_grams pg JOIN search_grams g USING (term) JOIN search_terms st USING (term_id)
            WHERE length($phrase) > 2)
        GROUP BY doc, start
        HAVING count(*) = (SELECT count(*) FROM phrase_grams))   -- one row per offset: a position is listed once
    UNION ALL           -- a two-character phrase is its one bigram: any posting with a position
    SELECT st.doc FROM phrase_grams pg JOIN search_grams g USING (term) JOIN search_terms st USING (term_id)
    WHERE length($phrase) = 2 AND len(st.pos) > 0
),
candidates AS (     -- every policy that can match (by doc): its BM25 score, and whether the phrase was found by position
    SELECT doc, score, doc IN (SELECT doc FROM phrase_docs) AS phrase_found
    FROM scored WHERE matched >= CASE WHEN len($grams) <= 3 THEN len($grams) ELSE ceil(0.7 * len($grams)) END
    UNION ALL
    SELECT p.doc, 0, true FROM v_policies p
    WHERE len(list_filter($grams, lambda g: NOT regexp_full_match(g, '[\x{4e00}-\x{9fff}]{2}'))) > 0 AND $phrase <> ''
      AND (contains(p.title, $phrase) OR contains(p.text, $phrase))
      AND p.doc NOT IN (SELECT doc FROM scored WHERE matched >= CASE WHEN len($grams) <= 3 THEN len($grams) ELSE ceil(0.7 * len($grams)) END)
    UNION ALL
    SELECT doc, 0, false FROM v_policies WHERE len($grams) = 0
),
text_phrase AS (    -- the phrase looked for in the texts, when positions cannot tell
    SELECT doc FROM v_policies p
    WHERE $phrase <> '' AND NOT regexp_full_match($phrase, '[\x{4e00}-\x{9fff}]{2,}')
      AND (contains(p.title, $phrase) OR contains(p.text, $phrase))
),
hits AS MATERIALIZED (   -- the matches within the filters, with what orders them (the other columns for a page only)
    SELECT f.doc, f.timeline_date, f.title,
           round(c.score + CASE WHEN c.phrase_found OR f.doc IN (SELECT doc FROM text_phrase)
                                THEN 100 ELSE 0 END, 2) AS score
    FROM filtered_policies($levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses) f
    JOIN candidates c USING (doc)
    WHERE $issuer IS NULL OR list_contains(f.issuers, $issuer)
),
page AS (SELECT doc, score FROM hits ORDER BY score DESC, timeline_date DESC NULLS LAST, title, doc LIMIT $limit)
SELECT p.policy_id, p.title, p.doc_number, p.issuers, p.level, p.region_code, p.issue_date, p.issue_date_precision,
       p.effective_from, p.effective_to, p.status_now, p.primary_topic, p.timeline_date,
       p.evidence_kind, p.trust, p.official_url, page.score, (SELECT count(*) FROM hits) AS total, c.sources
FROM page JOIN v_policies p USING (doc) LEFT JOIN v_policy_citations c USING (doc)
ORDER BY page.score DESC, p.timeline_date DESC NULLS LAST, p.title, doc
