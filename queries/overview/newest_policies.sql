-- The newest policies (by issue date, else effective date) for the current filters, with their sources. Used by: overview.
-- params: $levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses, $limit
SELECT p.policy_id, p.title, p.doc_number, p.level, p.region_code, r.name AS region_zh, r.name_en AS region_en,
       p.timeline_date, p.timeline_basis, p.issue_date_precision, p.status_now, p.primary_topic,
       (SELECT string_agg(s.file || ':' || ps.line_start || '-' || ps.line_end, '; ' ORDER BY s.file, ps.line_start)
        FROM policy_sources ps JOIN sources s USING (source_id) WHERE ps.policy_id = p.policy_id) AS sources
FROM filtered_policies($levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses) p
LEFT JOIN regions r ON r.code = p.region_code
WHERE p.timeline_date IS NOT NULL
ORDER BY p.timeline_date DESC, p.title
LIMIT $limit
