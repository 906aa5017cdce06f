-- The newest policies (by issue date, else effective date) for the current filters, with their sources. Used by: overview.
-- params: $levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses, $limit
SELECT p.policy_id, p.title, p.doc_number, p.level, p.region_code, p.timeline_date, p.timeline_basis,
       p.issue_date_precision, p.status_now, p.primary_topic, p.evidence_kind, p.trust, c.sources
FROM filtered_policies($levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses) p
JOIN v_policy_citations c USING (policy_id)
WHERE p.timeline_date IS NOT NULL
ORDER BY p.timeline_date DESC, p.title
LIMIT $limit
