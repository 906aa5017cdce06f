-- How many policies within the current filters the trend chart cannot place: no timeline date (neither issue
-- nor effective date), and no stated date at all (not even an end date, so never known to be in force).
-- Used by: trends (the chart's subtitle).
-- Without a topic, region or status filter (the page's default) the counts are sums of period_counts (built with
-- the database: levels and months are its columns); with one, counted over the policies. Each branch's condition
-- is on the parameters alone, so DuckDB drops the other before running.
-- params: $levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses
SELECT coalesce(sum(policies), 0)::BIGINT AS policies,
       coalesce(sum(policies) FILTER (WHERE month IS NULL), 0)::BIGINT AS no_timeline_date,
       coalesce(sum(no_date), 0)::BIGINT AS no_date_at_all
FROM period_counts
WHERE $topics IS NULL AND $region IS NULL AND $statuses IS NULL
  AND ($levels IS NULL OR list_contains($levels, level))
  AND ((month IS NULL AND $include_undated) OR month BETWEEN make_date($year_from, 1, 1) AND make_date($year_to, 12, 31))
HAVING $topics IS NULL AND $region IS NULL AND $statuses IS NULL   -- no row at all from the branch not taken
UNION ALL
SELECT count(*) AS policies,
       count(*) FILTER (WHERE timeline_date IS NULL) AS no_timeline_date,
       count(*) FILTER (WHERE issue_date IS NULL AND effective_from IS NULL AND effective_to IS NULL) AS no_date_at_all
FROM filtered_policies($levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses)
WHERE NOT ($topics IS NULL AND $region IS NULL AND $statuses IS NULL)
HAVING NOT ($topics IS NULL AND $region IS NULL AND $statuses IS NULL)
