-- Headline numbers for the current filters. Used by: overview.
-- params: $levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses
WITH f AS (SELECT * FROM filtered_policies($levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses))
SELECT (SELECT count(*) FROM f) AS policies,
       (SELECT count(*) FROM terms t WHERE t.policy_id IN (SELECT policy_id FROM f)) AS terms,
       (SELECT count(DISTINCT region_code) FROM f) AS regions,
       (SELECT max(issue_date) FROM f WHERE issue_date <= current_date) AS latest_issue,
       (SELECT count(*) FROM f WHERE status_now = 'in_force') AS in_force
