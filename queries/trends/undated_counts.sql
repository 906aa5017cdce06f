-- How many policies within the current filters the trend chart cannot place: no timeline date (neither issue
-- nor effective date), and no stated date at all (not even an end date, so never known to be in force).
-- Used by: trends (the chart's subtitle).
-- Without a topic, region or status filter (the page's default) undated_counts.default answers from stored counts.
-- params: $levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses
SELECT count(*) AS policies,
       count(*) FILTER (WHERE timeline_date IS NULL) AS no_timeline_date,
       count(*) FILTER (WHERE issue_date IS NULL AND effective_from IS NULL AND effective_to IS NULL) AS no_date_at_all
FROM filtered_policies($levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses)
