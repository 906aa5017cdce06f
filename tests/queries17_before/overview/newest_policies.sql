-- queries17's oracle: the query as it was at 30762e0, with the storage row (doc) breaking ties of date and title,
-- without the document number, which the overview does not show, and its columns in the order of session 19's.
-- The newest policies (by issue date, else effective date) for the current filters, with their sources. Used by: overview.
-- The sources are joined to the $limit rows shown, not to every policy (every policy has at least one).
-- params: $levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses, $limit
WITH top AS (
    SELECT p.policy_id, p.title, p.level, p.region_code, p.timeline_date, p.timeline_basis,
           p.issue_date_precision, p.status_now, p.primary_topic, p.evidence_kind, p.trust, p.doc
    FROM filtered_policies($levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses) p
    WHERE p.timeline_date IS NOT NULL
    ORDER BY p.timeline_date DESC, p.title, p.doc
    LIMIT $limit
)
SELECT top.policy_id, top.timeline_date, top.title, top.level, top.region_code, top.timeline_basis,
       top.issue_date_precision, top.primary_topic, top.evidence_kind, top.trust, c.sources, top.status_now
FROM top JOIN v_policy_citations c USING (policy_id)
ORDER BY top.timeline_date DESC, top.title, top.doc
