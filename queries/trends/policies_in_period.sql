-- The policies placed in one period (timeline_date between its first and last day), one page of them
-- ($limit rows from $offset) with the precision of the date shown and their sources; total: how many there are.
-- Used by: trends (the list under the chart).
-- params: $levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses, $day_from, $day_to, $limit, $offset
WITH m AS (
    SELECT *, count(*) OVER () AS total
    FROM filtered_policies($levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses) p
    WHERE p.timeline_date BETWEEN $day_from::DATE AND $day_to::DATE
    ORDER BY p.timeline_date, p.title, p.policy_id
    LIMIT $limit OFFSET $offset
)
SELECT m.policy_id, m.title, m.doc_number, m.level, m.region_code, m.primary_topic,
       m.timeline_date, m.timeline_basis,
       CASE m.timeline_basis WHEN 'issued' THEN m.issue_date_precision ELSE m.effective_from_precision END
           AS date_precision,
       m.status_now, m.evidence_kind, m.trust, c.sources, m.total
FROM m LEFT JOIN v_policy_citations c USING (policy_id)
ORDER BY m.timeline_date, m.title, m.policy_id
