-- Coverage of each period of the trend chart: how many of its policies (within the current filters) the largest
-- source holds, which source that is, and how many rest only on curated rows (register entries, curated terms: no
-- document of the corpus). scope_policies counts the period's policies at the filtered levels, region and years
-- whatever the topic or status: a period where it is 0 has no source at all and is drawn as no data, not zero.
-- Used by: trends (coverage notes, no-data periods).
-- Without a topic, region or status filter (the page's default) the counts are read from period_counts,
-- period_sources and period_top_sources (built with the database; a policy is in one month, so months add up to
-- quarters and years); with one, from the policies. Each branch's condition is on the parameters alone, so DuckDB
-- drops the other branch before running.
-- params: $levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses, $gran
WITH f AS (SELECT p.policy_id, p.evidence_kind,
                  date_trunc(CASE WHEN $gran IN ('year', 'quarter', 'month') THEN $gran ELSE 'year' END,
                             p.timeline_date)::DATE AS period_start
           FROM filtered_policies($levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses) p
           WHERE p.timeline_date IS NOT NULL),
c AS (SELECT date_trunc(CASE WHEN $gran IN ('year', 'quarter', 'month') THEN $gran ELSE 'year' END,
                        month)::DATE AS period_start, policies, curated_only, level
      FROM period_counts
      WHERE month BETWEEN make_date($year_from, 1, 1) AND make_date($year_to, 12, 31)
        AND ($levels IS NULL OR list_contains($levels, level))),
scope AS (SELECT period_start, CAST(sum(policies) AS BIGINT) AS scope_policies FROM c WHERE $region IS NULL GROUP BY 1
          UNION ALL
          SELECT date_trunc(CASE WHEN $gran IN ('year', 'quarter', 'month') THEN $gran ELSE 'year' END,
                            p.timeline_date)::DATE AS period_start, count(*) AS scope_policies
          FROM filtered_policies($levels, NULL, $region, $year_from, $year_to, $include_undated, NULL) p
          WHERE p.timeline_date IS NOT NULL AND $region IS NOT NULL GROUP BY 1),
per_source AS (SELECT f.period_start, ps.source_id, count(DISTINCT f.policy_id) AS n
               FROM f JOIN policy_sources ps USING (policy_id)
               WHERE NOT ($topics IS NULL AND $region IS NULL AND $statuses IS NULL) GROUP BY ALL
               UNION ALL
               SELECT date_trunc(CASE WHEN $gran IN ('year', 'quarter', 'month') THEN $gran ELSE 'year' END,
                                 month)::DATE, source_id, CAST(sum(policies) AS BIGINT)
               FROM period_sources
               WHERE $topics IS NULL AND $region IS NULL AND $statuses IS NULL AND $levels IS NOT NULL
                 AND list_contains($levels, level) AND month BETWEEN make_date($year_from, 1, 1) AND make_date($year_to, 12, 31)
               GROUP BY ALL),
top AS (SELECT period_start, arg_max(source_id, n ORDER BY n, source_id) AS top_source, max(n) AS top_count,
               count(*) AS n_sources
        FROM per_source GROUP BY 1
        UNION ALL
        SELECT period_start, top_source, top_count, n_sources FROM period_top_sources
        WHERE $topics IS NULL AND $region IS NULL AND $statuses IS NULL AND $levels IS NULL
          AND unit = CASE WHEN $gran IN ('year', 'quarter', 'month') THEN $gran ELSE 'year' END
          AND period_start BETWEEN make_date($year_from, 1, 1) AND make_date($year_to, 12, 31)),
totals AS (SELECT period_start, count(*) AS policies,
                  count(*) FILTER (WHERE evidence_kind IN ('register_entry', 'curated_term')) AS curated_only
           FROM f WHERE NOT ($topics IS NULL AND $region IS NULL AND $statuses IS NULL) GROUP BY 1
           UNION ALL
           SELECT period_start, CAST(sum(policies) AS BIGINT), CAST(sum(curated_only) AS BIGINT)
           FROM c WHERE $topics IS NULL AND $region IS NULL AND $statuses IS NULL GROUP BY 1)
SELECT s.period_start, s.scope_policies, coalesce(t.policies, 0) AS policies, coalesce(t.curated_only, 0) AS curated_only,
       top.top_source, top.top_count, top.n_sources, src.title AS top_title, src.title_en AS top_title_en,
       src.kind AS top_kind
FROM scope s
LEFT JOIN totals t USING (period_start)
LEFT JOIN top USING (period_start)
LEFT JOIN sources src ON src.source_id = top.top_source
ORDER BY s.period_start
