-- overview/recent_changes in the page's default view (no topic, region or status filter): read from policy_events
-- (built with the database: each policy's three events, stored newest first, the levels and the policy's timeline
-- date its columns). The $limit-th newest day is found on days alone (the LIMIT stops the scan after the first row
-- groups: the top-N filter and the day's bound skip the others by their zone maps), then only the events from that
-- day on are given their ids and titles (from search_docs: joined on doc, in whose order it is stored, so only the
-- row groups holding those rows are read; the policies' own columns would be read whole) and ordered. Used by: overview.
-- when null: $topics, $region, $statuses
-- params: $levels, $year_from, $year_to, $include_undated, $limit
WITH cut AS (   -- the $limit-th newest day up to today (ties included below)
    SELECT day FROM policy_events e
    WHERE ($levels IS NULL OR list_contains($levels, e.level))
      AND ((e.timeline_date IS NULL AND $include_undated)
           OR e.timeline_date BETWEEN make_date($year_from, 1, 1) AND make_date($year_to, 12, 31))
      AND e.day <= current_date
    ORDER BY e.day DESC LIMIT 1 OFFSET greatest($limit - 1, 0)
),
top AS (
    SELECT e.day, e.event, e.doc FROM policy_events e
    WHERE ($levels IS NULL OR list_contains($levels, e.level))
      AND ((e.timeline_date IS NULL AND $include_undated)
           OR e.timeline_date BETWEEN make_date($year_from, 1, 1) AND make_date($year_to, 12, 31))
      AND e.day BETWEEN coalesce((SELECT max(day) FROM cut), DATE '-infinity') AND current_date
)
SELECT d.policy_id, d.title, top.day, top.event
FROM top JOIN search_docs d USING (doc)
ORDER BY top.day DESC, d.title, top.event, top.doc
LIMIT $limit
