-- trends/coverage_by_period in the page's default view (no topic, region or status filter), from tables built with
-- the database: period_counts (policies and curated-only policies by month and level), period_sources (by month,
-- level and source) and, at every level, period_top_sources (each period's largest source). A policy is in one
-- month, so months add up to quarters and years. The levels' branch condition is on the parameters alone, so
-- DuckDB drops the other.
-- Used by: trends (coverage notes, no-data periods).
-- when null: $topics, $region, $statuses
-- params: $levels, $year_from, $year_to, $gran
WITH c AS (SELECT date_trunc(CASE WHEN $gran IN ('year', 'quarter', 'month') THEN $gran ELSE 'year' END,
                             month)::DATE AS period_start,
                  CAST(sum(policies) AS BIGINT) AS policies, CAST(sum(curated_only) AS BIGINT) AS curated_only
           FROM period_counts
           WHERE month BETWEEN make_date($year_from, 1, 1) AND make_date($year_to, 12, 31)
             AND ($levels IS NULL OR list_contains($levels, level))
           GROUP BY 1),
per_source AS (SELECT date_trunc(CASE WHEN $gran IN ('year', 'quarter', 'month') THEN $gran ELSE 'year' END,
                                 month)::DATE AS period_start, source_id, CAST(sum(policies) AS BIGINT) AS n
               FROM period_sources
               WHERE $levels IS NOT NULL AND list_contains($levels, level)
                 AND month BETWEEN make_date($year_from, 1, 1) AND make_date($year_to, 12, 31)
               GROUP BY ALL),
top AS (SELECT period_start, arg_max(source_id, n ORDER BY n, source_id) AS top_source, max(n) AS top_count,
               count(*) AS n_sources
        FROM per_source GROUP BY 1
        UNION ALL
        SELECT period_start, top_source, top_count, n_sources FROM period_top_sources
        WHERE $levels IS NULL AND unit = CASE WHEN $gran IN ('year', 'quarter', 'month') THEN $gran ELSE 'year' END
          AND period_start BETWEEN make_date($year_from, 1, 1) AND make_date($year_to, 12, 31))
SELECT c.period_start, c.policies AS scope_policies, c.policies, c.curated_only,
       top.top_source, top.top_count, top.n_sources, src.title AS top_title, src.title_en AS top_title_en,
       src.kind AS top_kind
FROM c
LEFT JOIN top USING (period_start)
LEFT JOIN sources src ON src.source_id = top.top_source
ORDER BY c.period_start
