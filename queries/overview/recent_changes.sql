-- What changed most recently, up to today: policies issued, taking effect or expiring. Used by: overview.
-- params: $levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses, $limit
WITH f AS (SELECT * FROM filtered_policies($levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses)),
events AS (
    SELECT policy_id, title, issue_date AS day, 'issued' AS event FROM f WHERE issue_date IS NOT NULL
    UNION ALL SELECT policy_id, title, effective_from, 'took_effect' FROM f WHERE effective_from IS NOT NULL
    UNION ALL SELECT policy_id, title, effective_to + 1, 'expired' FROM f WHERE effective_to IS NOT NULL
)
SELECT policy_id, title, day, event FROM events WHERE day <= current_date ORDER BY day DESC, title LIMIT $limit
