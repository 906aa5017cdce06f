-- What changed most recently, up to today: policies issued, taking effect or expiring. Used by: overview.
-- Read from policy_events (built with the database: each policy's three events, a policy with no such date giving
-- none, stored newest first): the $limit-th newest day is found on days alone (the LIMIT stops the scan after the
-- first row groups: the top-N filter and the day's bound skip the others by their zone maps), then only the events
-- from that day on are given their titles (read from the policies) and ordered. Ties: title, event, then the
-- policy's storage row. Without a topic, region or status filter (the page's default) the levels and the policy's
-- timeline date are its columns; with one, the filtered policies' rows (docs) are looked up in it. Each branch's
-- condition is on the parameters alone, so DuckDB drops the other.
-- params: $levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses, $limit
WITH f AS MATERIALIZED (   -- the filtered policies (empty in the default view)
    SELECT doc FROM filtered_policies($levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses)
    WHERE NOT ($topics IS NULL AND $region IS NULL AND $statuses IS NULL)
),
cut AS (   -- the $limit-th newest day up to today (ties included below)
    (SELECT day FROM policy_events e
     WHERE $topics IS NULL AND $region IS NULL AND $statuses IS NULL
       AND ($levels IS NULL OR list_contains($levels, e.level))
       AND ((e.timeline_date IS NULL AND $include_undated)
            OR e.timeline_date BETWEEN make_date($year_from, 1, 1) AND make_date($year_to, 12, 31))
       AND e.day <= current_date
     ORDER BY e.day DESC LIMIT 1 OFFSET greatest($limit - 1, 0))
    UNION ALL
    (SELECT day FROM policy_events e
     WHERE NOT ($topics IS NULL AND $region IS NULL AND $statuses IS NULL)
       AND e.doc IN (SELECT doc FROM f) AND e.day <= current_date
     ORDER BY e.day DESC LIMIT 1 OFFSET greatest($limit - 1, 0))
),
top AS (
    SELECT e.day, e.event, e.doc FROM policy_events e
    WHERE $topics IS NULL AND $region IS NULL AND $statuses IS NULL
      AND ($levels IS NULL OR list_contains($levels, e.level))
      AND ((e.timeline_date IS NULL AND $include_undated)
           OR e.timeline_date BETWEEN make_date($year_from, 1, 1) AND make_date($year_to, 12, 31))
      AND e.day BETWEEN coalesce((SELECT max(day) FROM cut), DATE '-infinity') AND current_date
    UNION ALL
    SELECT e.day, e.event, e.doc FROM policy_events e
    WHERE NOT ($topics IS NULL AND $region IS NULL AND $statuses IS NULL)
      AND e.doc IN (SELECT doc FROM f)
      AND e.day BETWEEN coalesce((SELECT max(day) FROM cut), DATE '-infinity') AND current_date
)
SELECT p.policy_id, p.title, top.day, top.event
FROM top JOIN v_policies p USING (doc)
ORDER BY top.day DESC, p.title, top.event, top.doc
LIMIT $limit
