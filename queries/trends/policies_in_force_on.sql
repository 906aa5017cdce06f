-- The policies in force on one day (marked_status(...) = 'in_force', as in in_force_on_days), one page of them
-- ($limit rows from $offset) with their sources; total: how many there are.
-- Used by: trends (the list under the chart in mode in_force).
-- params: $levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses, $day, $limit, $offset
WITH m AS (
    SELECT *, count(*) OVER () AS total
    FROM filtered_policies($levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses) p
    WHERE marked_status(p.status_mark, p.effective_from, p.effective_to, p.issue_date, $day::DATE) = 'in_force'
    ORDER BY p.timeline_date NULLS LAST, p.title, p.policy_id
    LIMIT $limit OFFSET $offset
)
SELECT m.policy_id, m.title, m.doc_number, m.level, m.region_code, m.primary_topic,
       m.timeline_date, m.timeline_basis,
       CASE m.timeline_basis WHEN 'issued' THEN m.issue_date_precision ELSE m.effective_from_precision END
           AS date_precision,
       m.status_now, m.evidence_kind, m.trust, c.sources, m.total
FROM m LEFT JOIN v_policy_citations c USING (policy_id)
ORDER BY m.timeline_date NULLS LAST, m.title, m.policy_id
