-- The newest policies (by issue date, else effective date) for the current filters, with their sources. Used by: overview.
-- params: $levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses, $limit
WITH newest AS (
    SELECT * FROM filtered_policies($levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses)
    WHERE timeline_date IS NOT NULL
    ORDER BY timeline_date DESC, title
    LIMIT $limit
)
SELECT p.policy_id, p.title, p.doc_number, p.level, p.region_code, p.timeline_date, p.timeline_basis,
       p.issue_date_precision, p.status_now, p.primary_topic,
       string_agg(s.file || ':' || ps.line_start || '-' || ps.line_end, '; ' ORDER BY s.file, ps.line_start) AS sources
FROM newest p
JOIN policy_sources ps USING (policy_id) JOIN sources s USING (source_id)
GROUP BY ALL
ORDER BY p.timeline_date DESC, p.title
