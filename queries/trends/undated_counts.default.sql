-- trends/undated_counts in the page's default view (no topic, region or status filter): sums of period_counts
-- (built with the database: levels and months are its columns).
-- Used by: trends (the chart's subtitle).
-- when null: $topics, $region, $statuses
-- params: $levels, $year_from, $year_to, $include_undated
SELECT coalesce(sum(policies), 0)::BIGINT AS policies,
       coalesce(sum(policies) FILTER (WHERE month IS NULL), 0)::BIGINT AS no_timeline_date,
       coalesce(sum(no_date), 0)::BIGINT AS no_date_at_all
FROM period_counts
WHERE ($levels IS NULL OR list_contains($levels, level))
  AND ((month IS NULL AND $include_undated) OR month BETWEEN make_date($year_from, 1, 1) AND make_date($year_to, 12, 31))
