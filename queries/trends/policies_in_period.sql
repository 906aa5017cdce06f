-- The policies placed in one period (timeline_date between its first and last day), with the precision of
-- the date shown and their sources. Used by: trends (the list under the chart).
-- params: $levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses, $day_from, $day_to
SELECT p.policy_id, p.title, p.doc_number, p.level, p.region_code, p.primary_topic,
       p.timeline_date, p.timeline_basis,
       CASE p.timeline_basis WHEN 'issued' THEN p.issue_date_precision ELSE p.effective_from_precision END
           AS date_precision,
       p.status_now, p.evidence_kind, p.trust,
       (SELECT c.sources FROM v_policy_citations c WHERE c.policy_id = p.policy_id) AS sources
FROM filtered_policies($levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses) p
WHERE p.timeline_date BETWEEN $day_from::DATE AND $day_to::DATE
ORDER BY p.timeline_date, p.title
