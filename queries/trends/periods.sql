-- Every period (year, quarter or month) from the first to the last dated policy within the current filters,
-- empty ones included, keyed 2023 / 2023-Q2 / 2023-05. Policies are dated by timeline_date (issue date, else
-- effective date). Used by: trends (the chart's x axis, the period picker, the in-force days).
-- The first and last dates over the policies; without a topic, region or status filter (the page's default)
-- trends/periods.default.sql answers from period_counts.
-- params: $levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses, $gran
WITH f AS (SELECT timeline_date
           FROM filtered_policies($levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses)
           WHERE timeline_date IS NOT NULL)
SELECT * FROM period_series((SELECT min(timeline_date) FROM f), (SELECT max(timeline_date) FROM f), $gran)
ORDER BY period_start
