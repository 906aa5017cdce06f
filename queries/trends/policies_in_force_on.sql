-- The policies in force on one day (marked_status(...) = 'in_force', as in in_force_on_days), with their
-- sources. Used by: trends (the list under the chart in mode in_force).
-- params: $levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses, $day
SELECT p.policy_id, p.title, p.doc_number, p.level, p.region_code, p.primary_topic,
       p.timeline_date, p.timeline_basis,
       CASE p.timeline_basis WHEN 'issued' THEN p.issue_date_precision ELSE p.effective_from_precision END
           AS date_precision,
       p.status_now, p.evidence_kind, p.trust,
       (SELECT c.sources FROM v_policy_citations c WHERE c.policy_id = p.policy_id) AS sources
FROM filtered_policies($levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses) p
WHERE marked_status(p.status_mark, p.effective_from, p.effective_to, p.issue_date, $day::DATE) = 'in_force'
ORDER BY p.timeline_date NULLS LAST, p.title
