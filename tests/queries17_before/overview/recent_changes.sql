-- queries17's oracle: the query as it was at 30762e0, with the storage row (doc) breaking ties of day, title, event.
-- What changed most recently, up to today: policies issued, taking effect or expiring. Used by: overview.
-- One pass over the filtered policies, each giving its three events (a policy with no such date gives none).
-- params: $levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses, $limit
WITH events AS (
    SELECT policy_id, title, doc, unnest([issue_date, effective_from, effective_to + 1]) AS day,
           unnest(['issued', 'took_effect', 'expired']) AS event
    FROM filtered_policies($levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses)
)
SELECT policy_id, title, day, event FROM events
WHERE day IS NOT NULL AND day <= current_date
ORDER BY day DESC, title, event, doc
LIMIT $limit
