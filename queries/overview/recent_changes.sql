-- What changed most recently, up to today: policies issued, taking effect or expiring. Used by: overview.
-- Read from policy_events (built with the database: each policy's three events, a policy with no such date giving
-- none, stored newest first), the filtered policies' rows (docs) looked up in it: the $limit-th newest day is found
-- on days alone, then only the events from that day on are given their ids and titles (from search_docs,
-- joined on doc) and ordered.
-- Ties: title, event, then the policy's storage row. Without a topic, region or status filter (the page's default)
-- recent_changes.default answers from policy_events alone.
-- params: $levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses, $limit
WITH f AS MATERIALIZED (
    SELECT doc FROM filtered_policies($levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses)
),
cut AS (   -- the $limit-th newest day up to today (ties included below)
    SELECT day FROM policy_events e
    WHERE e.doc IN (SELECT doc FROM f) AND e.day <= current_date
    ORDER BY e.day DESC LIMIT 1 OFFSET greatest($limit - 1, 0)
),
top AS (
    SELECT e.day, e.event, e.doc FROM policy_events e
    WHERE e.doc IN (SELECT doc FROM f)
      AND e.day BETWEEN coalesce((SELECT max(day) FROM cut), DATE '-infinity') AND current_date
)
SELECT d.policy_id, d.title, top.day, top.event
FROM top JOIN search_docs d USING (doc)
ORDER BY top.day DESC, d.title, top.event, top.doc
LIMIT $limit
