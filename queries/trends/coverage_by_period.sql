-- Coverage of each period of the trend chart: how many of its policies (within the current filters) the largest
-- source holds, which source that is, and how many rest only on curated rows (register entries, curated terms: no
-- document of the corpus). scope_policies counts the period's policies at the filtered levels, region and years
-- whatever the topic or status: a period where it is 0 has no source at all and is drawn as no data, not zero.
-- Used by: trends (coverage notes, no-data periods).
-- Without a topic, region or status filter (the page's default) coverage_by_period.default reads stored counts.
-- Without a region, the scope is read from period_counts (built with the database: a policy is in one month, so
-- months add up to quarters and years); with one, from the policies. The branch's condition is on the parameters
-- alone, so DuckDB drops the other.
-- params: $levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses, $gran
WITH f AS (SELECT p.policy_id, p.evidence_kind,
                  date_trunc(CASE WHEN $gran IN ('year', 'quarter', 'month') THEN $gran ELSE 'year' END,
                             p.timeline_date)::DATE AS period_start
           FROM filtered_policies($levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses) p
           WHERE p.timeline_date IS NOT NULL),
scope AS (SELECT date_trunc(CASE WHEN $gran IN ('year', 'quarter', 'month') THEN $gran ELSE 'year' END,
                            month)::DATE AS period_start, CAST(sum(policies) AS BIGINT) AS scope_policies
          FROM period_counts
          WHERE $region IS NULL AND month BETWEEN make_date($year_from, 1, 1) AND make_date($year_to, 12, 31)
            AND ($levels IS NULL OR list_contains($levels, level))
          GROUP BY 1
          UNION ALL
          SELECT date_trunc(CASE WHEN $gran IN ('year', 'quarter', 'month') THEN $gran ELSE 'year' END,
                            p.timeline_date)::DATE AS period_start, count(*) AS scope_policies
          FROM filtered_policies($levels, NULL, $region, $year_from, $year_to, $include_undated, NULL) p
          WHERE p.timeline_date IS NOT NULL AND $region IS NOT NULL GROUP BY 1),
per_source AS (SELECT f.period_start, ps.source_id, count(DISTINCT f.policy_id) AS n
               FROM f JOIN policy_sources ps USING (policy_id) GROUP BY ALL),
top AS (SELECT period_start, arg_max(source_id, n ORDER BY n, source_id) AS top_source, max(n) AS top_count,
               count(*) AS n_sources
        FROM per_source GROUP BY 1),
totals AS (SELECT period_start, count(*) AS policies,
                  count(*) FILTER (WHERE evidence_kind IN ('register_entry', 'curated_term')) AS curated_only
           FROM f GROUP BY 1)
SELECT s.period_start, s.scope_policies, coalesce(t.policies, 0) AS policies, coalesce(t.curated_only, 0) AS curated_only,
       top.top_source, top.top_count, top.n_sources, src.title AS top_title, src.title_en AS top_title_en,
       src.kind AS top_kind
FROM scope s
LEFT JOIN totals t USING (period_start)
LEFT JOIN top USING (period_start)
LEFT JOIN sources src ON src.source_id = top.top_source
ORDER BY s.period_start
