-- Full-text search (BM25 over character bigrams) within the current filters; with no query, the newest first.
-- A policy matches when it holds at least 70% of the query's grams (all of them for short queries);
-- the exact phrase in the title or text ranks first. Used by: explorer.
-- params: $levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses, $grams, $phrase, $issuer, $limit
WITH q AS (SELECT DISTINCT unnest($grams) AS term),
stats AS (SELECT count(*) AS n, avg(len) AS avgdl FROM search_docs),
df AS (SELECT term, count(*) AS df FROM search_terms WHERE term IN (SELECT term FROM q) GROUP BY term),
scored AS (
    SELECT st.policy_id,
           sum(ln(1 + (stats.n - df.df + 0.5) / (df.df + 0.5)) * st.tf * 2.2
               / (st.tf + 1.2 * (0.25 + 0.75 * d.len / stats.avgdl))) AS score,
           count(*) AS matched
    FROM search_terms st JOIN df USING (term) JOIN search_docs d USING (policy_id) CROSS JOIN stats
    GROUP BY st.policy_id
),
f AS (SELECT * FROM filtered_policies($levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses)
      WHERE $issuer IS NULL OR list_contains(issuers, $issuer))
SELECT f.policy_id, f.title, f.doc_number, f.issuers, f.level, f.region_code, f.issue_date, f.issue_date_precision,
       f.effective_from, f.effective_to, f.status_now, f.primary_topic, f.timeline_date,
       f.evidence_kind, f.trust, f.official_url,
       round(coalesce(s.score, 0) + CASE WHEN $phrase <> '' AND (contains(f.title, $phrase) OR contains(f.text, $phrase))
                                         THEN 100 ELSE 0 END, 2) AS score,
       (SELECT c.sources FROM v_policy_citations c WHERE c.policy_id = f.policy_id) AS sources
FROM f LEFT JOIN scored s USING (policy_id)
WHERE len($grams) = 0
   OR s.matched >= CASE WHEN len($grams) <= 3 THEN len($grams) ELSE ceil(0.7 * len($grams)) END
   OR ($phrase <> '' AND (contains(f.title, $phrase) OR contains(f.text, $phrase)))
ORDER BY score DESC, f.timeline_date DESC NULLS LAST, f.title
LIMIT $limit
