-- trends/periods in the page's default view (no topic, region or status filter): the first and last months of
-- period_counts (levels are its column), without the policies' branch, which costs DuckDB more to plan (the
-- filtered_policies macro) than the answer costs to compute. Used by: trends.
-- when null: $topics, $region, $statuses
-- params: $levels, $year_from, $year_to, $gran
WITH f AS (SELECT month AS timeline_date FROM period_counts
           WHERE ($levels IS NULL OR list_contains($levels, level))
             AND month BETWEEN make_date($year_from, 1, 1) AND make_date($year_to, 12, 31))
SELECT * FROM period_series((SELECT min(timeline_date) FROM f), (SELECT max(timeline_date) FROM f), $gran)
ORDER BY period_start
