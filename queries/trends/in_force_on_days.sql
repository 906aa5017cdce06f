-- Policies in force on each given day (the last day of each period), per group: status by the schema's
-- marked_status(status_mark, effective_from, effective_to, issue_date, day) macro, the same definition as status_now
-- (a draft is never in force).
-- A policy with only an end date counts while that date has not passed, even though it has no place on the
-- timeline. Used by: trends (mode in_force).
-- params: $levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses, $days, $split
WITH d AS (SELECT unnest($days::DATE[]) AS day)
SELECT d.day,
       CASE $split WHEN 'topic' THEN p.primary_topic ELSE p.level END AS grp,
       count(*) AS policies,
       list(p.title ORDER BY p.timeline_date NULLS LAST, p.title)[1:3] AS first_titles
FROM d JOIN filtered_policies($levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses) p
     ON marked_status(p.status_mark, p.effective_from, p.effective_to, p.issue_date, d.day) = 'in_force'
GROUP BY ALL
ORDER BY d.day, grp
