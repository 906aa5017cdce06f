-- The policies in force on one day (marked_status(...) = 'in_force', as in in_force_on_days), one page of them
-- ($limit rows from $offset) with their sources; total: how many there are. The matching rows are ordered and
-- counted on the columns that order them; the other columns are fetched (by doc) for the page only.
-- Used by: trends (the list under the chart in mode in_force).
-- params: $levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses, $day, $limit, $offset
WITH m AS MATERIALIZED (
    SELECT p.doc, p.timeline_date, p.title, p.policy_id
    FROM filtered_policies($levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses) p
    WHERE marked_status(p.status_mark, p.effective_from, p.effective_to, p.issue_date, $day::DATE) = 'in_force'
),
page AS (SELECT doc FROM m ORDER BY timeline_date NULLS LAST, title, policy_id LIMIT $limit OFFSET $offset)
SELECT p.policy_id, p.title, p.doc_number, p.level, p.region_code, p.primary_topic,
       p.timeline_date, p.timeline_basis,
       CASE p.timeline_basis WHEN 'issued' THEN p.issue_date_precision ELSE p.effective_from_precision END
           AS date_precision,
       p.status_now, p.evidence_kind, p.trust, c.sources, (SELECT count(*) FROM m) AS total
FROM page JOIN v_policies p USING (doc) LEFT JOIN v_policy_citations c USING (doc)
ORDER BY p.timeline_date NULLS LAST, p.title, p.policy_id
