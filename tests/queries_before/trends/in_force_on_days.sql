-- Policies in force on each given day (the last day of each period), per group: status by the schema's
-- marked_status(status_mark, effective_from, effective_to, issue_date, day) macro, the same definition as
-- status_now (a draft or a superseded policy is never in force; a lapsed one without a stated end neither).
-- A policy with only an end date counts while that date has not passed, even though it has no place on the
-- timeline. Used by: trends (mode in_force).
-- policy_status(...) = 'in_force' is written out as two inequalities (a start on or before the day, an end on or
-- after it), so that DuckDB joins the days with a range join instead of testing every policy on every day.
-- params: $levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses, $days, $split
WITH d AS (SELECT unnest($days::DATE[]) AS day),
p AS (SELECT title, timeline_date, coalesce(effective_from, issue_date) AS starts,
             coalesce(effective_to, DATE '9999-12-31') AS ends,
             CASE $split WHEN 'topic' THEN primary_topic ELSE level END AS grp
      FROM filtered_policies($levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses)
      WHERE coalesce(effective_from, issue_date) IS NOT NULL
        AND coalesce(status_mark, '') NOT IN ('draft', 'superseded')
        AND NOT (coalesce(status_mark, '') = 'lapsed' AND effective_to IS NULL))
SELECT d.day, p.grp,
       count(*) AS policies,
       min_by(p.title, {'d': coalesce(p.timeline_date, DATE '9999-12-31'), 't': p.title}, 3) AS first_titles
FROM d JOIN p ON p.starts <= d.day AND p.ends >= d.day
GROUP BY ALL
ORDER BY d.day, p.grp
