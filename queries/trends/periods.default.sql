-- trends/periods in the page's default view (no topic, region or status filter): the first and last months of
-- period_counts (levels are its column), without the policies' branch, which costs DuckDB more to plan (the
-- filtered_policies macro) than the answer costs to compute. Used by: trends.
-- when null: $topics, $region, $statuses
-- params: $levels, $year_from, $year_to, $gran
WITH f AS (SELECT month AS timeline_date FROM period_counts
           WHERE ($levels IS NULL OR list_contains($levels, level))
             AND month BETWEEN make_date($year_from, 1, 1) AND make_date($year_to, 12, 31)),
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
