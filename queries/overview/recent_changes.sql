-- What changed most recently, up to today: policies issued, taking effect or expiring. Used by: overview.
-- Read from policy_events (built with the database: each policy's three events, a policy with no such date giving
-- none, stored newest first), so the LIMIT stops the scan after the first row groups (the top-N filter and the day's
-- bound skip the others by their zone maps). Ties: title, event, then the policy's storage row. Without a topic,
-- region or status filter (the page's default) the levels and the policy's timeline date are its columns; with one,
-- the filtered policies' rows (docs) are looked up in it. Each branch's condition is on the parameters alone.
-- params: $levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses, $limit
SELECT policy_id, title, day, event FROM (
    (SELECT policy_id, title, day, event, doc FROM policy_events e
     WHERE $topics IS NULL AND $region IS NULL AND $statuses IS NULL
       AND ($levels IS NULL OR list_contains($levels, e.level))
       AND ((e.timeline_date IS NULL AND $include_undated)
            OR e.timeline_date BETWEEN make_date($year_from, 1, 1) AND make_date($year_to, 12, 31))
       AND e.day <= current_date
     ORDER BY e.day DESC, e.title, e.event, e.doc
     LIMIT $limit)
    UNION ALL
    (SELECT policy_id, title, day, event, doc FROM policy_events e
     WHERE NOT ($topics IS NULL AND $region IS NULL AND $statuses IS NULL)
       AND e.doc IN (SELECT doc FROM filtered_policies($levels, $topics, $region, $year_from, $year_to, $include_undated,
                                                       $statuses))
       AND e.day <= current_date
     ORDER BY e.day DESC, e.title, e.event, e.doc
     LIMIT $limit)
)
ORDER BY day DESC, title, event, doc
