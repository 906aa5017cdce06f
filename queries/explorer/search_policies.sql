-- Full-text search (BM25 over character bigrams) within the current filters; with no query, the newest first.
-- A policy matches when it holds at least 70% of the query's grams (all of them for short queries);
-- the exact phrase in the title or text ranks first. total: how many policies match (the list shows $limit).
-- Only the postings of the query's own grams are read (search_terms is sorted by term_id). An all-Chinese phrase
-- is found from the bigrams' positions in those postings, without reading any text; any other phrase (with a
-- space, a Latin word, a number, or one character) is looked for in the texts, as is a policy holding the phrase
-- but too few of the grams (possible only when a gram is not a CJK bigram). Conditions on parameters alone are
-- folded by DuckDB, so the branch a query does not need is never run. Used by: explorer.
-- params: $levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses, $grams, $phrase, $issuer, $limit
WITH q AS (SELECT term_id, idf FROM search_grams WHERE term IN (SELECT unnest($grams))),
scored AS (
    SELECT st.doc,
           sum(q.idf * st.tf * 2.2 / (st.tf + 1.2 * (0.25 + 0.75 * d.len / s.avgdl))) AS score,
           count(*) AS matched
    FROM search_terms st JOIN q USING (term_id) JOIN search_docs d USING (doc) CROSS JOIN search_stats s
    GROUP BY st.doc
),
phrase_grams AS (   -- the phrase's bigrams and where each sits in it
    SELECT (i - 1)::INTEGER AS off, substr($phrase, i, 2) AS term
    FROM range(1, length($phrase)) AS r(i)
    WHERE regexp_full_match($phrase, '[\x{4e00}-\x{9fff}]{2,}')
),
phrase_docs AS (    -- docs where they stand one after another
    SELECT DISTINCT doc FROM (
        SELECT doc, start FROM (
            SELECT st.doc, pg.off, unnest(st.pos) - pg.off AS start
            FROM phrase_grams pg JOIN search_grams g USING (term) JOIN search_terms st USING (term_id))
        GROUP BY doc, start
        HAVING count(*) = (SELECT count(*) FROM phrase_grams))   -- one row per offset: a position is listed once
),
candidates AS (     -- every policy that can match: its BM25 score, and whether the phrase was found by position
    SELECT d.policy_id, s.score, s.doc IN (SELECT doc FROM phrase_docs) AS phrase_found
    FROM scored s JOIN search_docs d USING (doc)
    WHERE s.matched >= CASE WHEN len($grams) <= 3 THEN len($grams) ELSE ceil(0.7 * len($grams)) END
    UNION ALL
    SELECT p.policy_id, 0, true FROM policies p
    WHERE len(list_filter($grams, lambda g: NOT regexp_full_match(g, '[\x{4e00}-\x{9fff}]{2}'))) > 0 AND $phrase <> ''
      AND (contains(p.title, $phrase) OR contains(p.text, $phrase))
      AND p.policy_id NOT IN (SELECT d.policy_id FROM scored s JOIN search_docs d USING (doc)
                              WHERE s.matched >= CASE WHEN len($grams) <= 3 THEN len($grams)
                                                      ELSE ceil(0.7 * len($grams)) END)
    UNION ALL
    SELECT policy_id, 0, false FROM policies WHERE len($grams) = 0
),
text_phrase AS (    -- the phrase looked for in the texts, when positions cannot tell
    SELECT policy_id FROM policies p
    WHERE $phrase <> '' AND NOT regexp_full_match($phrase, '[\x{4e00}-\x{9fff}]{2,}')
      AND (contains(p.title, $phrase) OR contains(p.text, $phrase))
),
hits AS (
    SELECT f.policy_id, f.title, f.doc_number, f.issuers, f.level, f.region_code, f.issue_date, f.issue_date_precision,
           f.effective_from, f.effective_to, f.status_now, f.primary_topic, f.timeline_date,
           f.evidence_kind, f.trust, f.official_url,
           round(c.score + CASE WHEN c.phrase_found OR f.policy_id IN (SELECT policy_id FROM text_phrase)
                                THEN 100 ELSE 0 END, 2) AS score
    FROM filtered_policies($levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses) f
    JOIN candidates c USING (policy_id)
    WHERE $issuer IS NULL OR list_contains(f.issuers, $issuer)
),
page AS (SELECT *, count(*) OVER () AS total FROM hits ORDER BY score DESC, timeline_date DESC NULLS LAST, title LIMIT $limit)
SELECT page.*, c.sources
FROM page LEFT JOIN v_policy_citations c USING (policy_id)
ORDER BY page.score DESC, page.timeline_date DESC NULLS LAST, page.title
