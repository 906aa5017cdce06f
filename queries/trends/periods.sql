-- Every period (year, quarter or month) from the first to the last dated policy within the current filters,
-- empty ones included, keyed 2023 / 2023-Q2 / 2023-05. Policies are dated by timeline_date (issue date, else
-- effective date). Used by: trends (the chart's x axis, the period picker, the in-force days).
-- The first and last dates over the policies; without a topic, region or status filter (the page's default)
-- trends/periods.default.sql answers from period_counts.
-- params: $levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses, $gran
WITH f AS (SELECT timeline_date
           FROM filtered_policies($levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses)
           WHERE timeline_date IS NOT NULL),
k AS (SELECT CASE $gran WHEN 'year' THEN INTERVAL 1 YEAR WHEN 'quarter' THEN INTERVAL 3 MONTH
                        ELSE INTERVAL 1 MONTH END AS step),
b AS (SELECT date_trunc(CASE WHEN $gran IN ('year', 'quarter', 'month') THEN $gran ELSE 'year' END, min(timeline_date))::TIMESTAMP AS lo,
             date_trunc(CASE WHEN $gran IN ('year', 'quarter', 'month') THEN $gran ELSE 'year' END, max(timeline_date))::TIMESTAMP AS hi FROM f),
s AS (SELECT unnest(generate_series(b.lo, b.hi, k.step)) AS start, k.step FROM b, k WHERE b.lo IS NOT NULL)
SELECT CASE $gran WHEN 'year' THEN strftime(start, '%Y')
                  WHEN 'quarter' THEN strftime(start, '%Y') || '-Q' || quarter(start)
                  ELSE strftime(start, '%Y-%m') END AS period,
       start::DATE AS period_start,
       (start + step - INTERVAL 1 DAY)::DATE AS period_end
FROM s
ORDER BY period_start
