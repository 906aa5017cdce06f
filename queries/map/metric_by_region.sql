-- Each region of one map layer with its number of policies, incentive terms, highest subsidy cap (万元) and the
-- chosen measure's best rate (%), and its top three policies for the chosen metric. Used by: map (choropleth,
-- ranking, zones table).
--   $parent: the layer's parent region (420000 → Hubei's prefectures, 420100 → Wuhan's districts and zones).
--   $view:   issued  = policies whose region is this region or one under it (v_region_lineage);
--            applies = those plus the policies of its ancestors (national, provincial; for a district, Wuhan's).
--   $metric: policies | terms | max_cap | best_rate: orders each region's top three policies.
-- The shared region filter is not applied: on the map page `region` is the selected region, not a filter.
-- Blank is not zero: a region with no policy has policies = 0 and NULL terms; max_cap / best_rate are NULL
-- where no policy states such a term.
-- Incentive terms: firm-facing incentives only (term_kinds.firm_incentive: a rate, amount or cap a firm receives,
-- a reduced tax rate); never a target, threshold, budget share, fee ceiling, fund size, loan or equity term.
-- max_cap / best_rate follow the comparison's rule (best_candidate in data/schema.sql, v_measure_terms): a current
-- firm-facing incentive cap / rate, not per unit. They also read the curated district terms (curated_terms,
-- origin curated, not low trust; only the level filter applies to them): curated_cap / curated_rate say that the
-- region's value is a curated one, and top lists them with curated = true.
-- params: $levels, $topics, $year_from, $year_to, $include_undated, $statuses, $parent, $view, $metric, $measure
WITH f AS (
    SELECT policy_id, title, region_code, timeline_date
    FROM filtered_policies($levels, $topics, NULL, $year_from, $year_to, $include_undated, $statuses)
),
mt AS (
    SELECT * FROM v_measure_terms
),
per_policy AS (
    SELECT f.policy_id, f.title, f.region_code, f.timeline_date, false AS curated,
           (SELECT count(*) FROM v_terms t WHERE t.policy_id = f.policy_id AND t.firm_incentive) AS n_terms,
           (SELECT max(m.value) FROM mt m WHERE m.origin = 'corpus' AND m.policy_id = f.policy_id AND m.map_cap
                AND m.unit = '万元') AS max_cap,
           (SELECT max(greatest(m.value, coalesce(m.value_max, m.value))) FROM mt m
            WHERE m.origin = 'corpus' AND m.policy_id = f.policy_id AND m.map_rate AND m.unit = '%'
              AND m.measure = $measure) AS best_rate
    FROM f
),
curated AS (   -- one row per curated policy title and region, for the measure metrics only
    SELECT 'c:' || m.region_code || ':' || m.title AS policy_id, m.title, m.region_code,
           CAST(NULL AS DATE) AS timeline_date, true AS curated, 0 AS n_terms,
           max(m.value) FILTER (WHERE m.map_cap AND m.unit = '万元') AS max_cap,
           max(m.value) FILTER (WHERE m.map_rate AND m.unit = '%' AND m.measure = $measure) AS best_rate
    FROM mt m
    WHERE m.origin = 'curated' AND $metric IN ('max_cap', 'best_rate')
      AND ($levels IS NULL OR list_contains($levels, m.level))
    GROUP BY m.region_code, m.title
),
layer AS (
    SELECT * FROM regions WHERE parent_code = $parent AND level IN ('prefecture', 'district', 'zone')
),
scope AS (   -- (a region, a region whose policies count there)
    SELECT l.ancestor AS code, l.code AS policy_region FROM v_region_lineage l
    UNION
    SELECT l.code, l.ancestor FROM v_region_lineage l WHERE $view = 'applies'
),
counted AS (
    SELECT s.code, p.*,
           CASE $metric WHEN 'terms' THEN p.n_terms WHEN 'max_cap' THEN p.max_cap
                        WHEN 'best_rate' THEN p.best_rate END AS metric_value
    FROM scope s JOIN (SELECT * FROM per_policy UNION ALL BY NAME SELECT * FROM curated) p
         ON p.region_code = s.policy_region
    WHERE s.code IN (SELECT code FROM layer)
)
SELECT g.code, g.level, g.name, g.short_name, g.name_en, g.has_polygon, g.lon, g.lat,
       count(c.policy_id) FILTER (WHERE NOT c.curated) AS policies,
       CASE WHEN count(c.policy_id) FILTER (WHERE NOT c.curated) > 0 THEN coalesce(sum(c.n_terms), 0) END AS terms,
       max(c.max_cap) AS max_cap,
       max(c.best_rate) AS best_rate,
       coalesce(max(c.max_cap) FILTER (WHERE c.curated) >= coalesce(max(c.max_cap) FILTER (WHERE NOT c.curated), -1),
                false) AS curated_cap,
       coalesce(max(c.best_rate) FILTER (WHERE c.curated) >= coalesce(max(c.best_rate) FILTER (WHERE NOT c.curated), -1),
                false) AS curated_rate,
       coalesce(list({'title': c.title, 'value': c.metric_value, 'curated': c.curated}
                     ORDER BY c.metric_value DESC NULLS LAST, c.timeline_date DESC NULLS LAST, c.title)
                FILTER (WHERE c.policy_id IS NOT NULL
                          AND (($metric IN ('policies', 'terms') AND NOT c.curated) OR c.metric_value IS NOT NULL)),
                [])[1:3] AS top
FROM layer g LEFT JOIN counted c ON c.code = g.code
GROUP BY g.code, g.level, g.name, g.short_name, g.name_en, g.has_polygon, g.lon, g.lat
ORDER BY g.code
