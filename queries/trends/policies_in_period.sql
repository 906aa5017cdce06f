-- The policies placed in one period (timeline_date between its first and last day), one page of them
-- ($limit rows from $offset) with the precision of the date shown and their sources; total: how many there are.
-- The period's rows are ordered and counted on the columns that order them; the other columns are fetched
-- (by doc) for the page only. Used by: trends (the list under the chart).
-- params: $levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses, $day_from, $day_to, $limit, $offset
WITH m AS MATERIALIZED (
    SELECT p.doc, p.timeline_date, p.title, p.policy_id
    FROM filtered_policies($levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses) p
    WHERE p.timeline_date BETWEEN $day_from::DATE AND $day_to::DATE
),
page AS (SELECT doc FROM m ORDER BY timeline_date, title, policy_id LIMIT $limit OFFSET $offset)
SELECT p.policy_id, p.title, p.doc_number, p.level, p.region_code, p.primary_topic,
       p.timeline_date, p.timeline_basis,
       CASE p.timeline_basis WHEN 'issued' THEN p.issue_date_precision ELSE p.effective_from_precision END
           AS date_precision,
       p.status_now, p.evidence_kind, p.trust, c.sources, (SELECT count(*) FROM m) AS total
FROM page JOIN v_policies p USING (doc) LEFT JOIN v_policy_citations c USING (doc)
ORDER BY p.timeline_date, p.title, p.policy_id
