-- Full-text search (BM25 over character bigrams) within the current filters; with no query, the newest first.
-- A policy matches when it holds at least 70% of the query's grams (all of them for short queries);
-- the exact phrase in the title or text ranks first. total: how many policies match (the list shows $limit).
-- Only the postings of the query's own grams are read (search_terms is sorted by term_id); the phrase is looked
-- for in the texts of those candidates only, unless a gram is not a CJK bigram (a single character, a Latin
-- word or a number can sit inside a longer token of a text, so the phrase is then looked for everywhere).
-- Used by: explorer.
-- params: $levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses, $grams, $phrase, $issuer, $limit
WITH q AS (SELECT term_id, idf FROM search_grams WHERE term IN (SELECT unnest($grams))),
need AS (SELECT CASE WHEN len($grams) <= 3 THEN len($grams) ELSE ceil(0.7 * len($grams)) END AS k,
                len(list_filter($grams, lambda g: NOT regexp_full_match(g, '[\x{4e00}-\x{9fff}]{2}'))) > 0 AS scan),
scored AS (
    SELECT d.policy_id,
           sum(q.idf * st.tf * 2.2 / (st.tf + 1.2 * (0.25 + 0.75 * d.len / s.avgdl))) AS score,
           count(*) AS matched
    FROM search_terms st JOIN q USING (term_id) JOIN search_docs d USING (doc) CROSS JOIN search_stats s
    GROUP BY d.policy_id
),
candidates AS (   -- every policy that can match, with its BM25 score
    SELECT policy_id, score FROM scored WHERE matched >= (SELECT k FROM need)
    UNION ALL
    SELECT p.policy_id, coalesce(s.score, 0) FROM policies p LEFT JOIN scored s USING (policy_id)
    WHERE (SELECT scan FROM need) AND $phrase <> '' AND coalesce(s.matched, 0) < (SELECT k FROM need)
      AND (contains(p.title, $phrase) OR contains(p.text, $phrase))
    UNION ALL
    SELECT policy_id, 0 FROM policies WHERE len($grams) = 0
),
hits AS (
    SELECT f.policy_id, f.title, f.doc_number, f.issuers, f.level, f.region_code, f.issue_date, f.issue_date_precision,
           f.effective_from, f.effective_to, f.status_now, f.primary_topic, f.timeline_date,
           round(c.score + CASE WHEN $phrase <> '' AND (contains(f.title, $phrase) OR contains(f.text, $phrase))
                                THEN 100 ELSE 0 END, 2) AS score
    FROM filtered_policies($levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses) f
    JOIN candidates c USING (policy_id)
    WHERE $issuer IS NULL OR list_contains(f.issuers, $issuer)
),
page AS (SELECT *, count(*) OVER () AS total FROM hits ORDER BY score DESC, timeline_date DESC NULLS LAST, title LIMIT $limit)
SELECT page.*, c.sources
FROM page LEFT JOIN v_policy_citations c USING (policy_id)
ORDER BY page.score DESC, page.timeline_date DESC NULLS LAST, page.title
