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
-- Incentive terms: quantified terms except goals (target) and validity periods (period); a measure named without
-- a number (value_kind statement) is not counted. Subsidy caps: value_kind cap in 万元, goals excluded.
-- params: $levels, $topics, $year_from, $year_to, $include_undated, $statuses, $parent, $view, $metric, $measure
WITH f AS (
    SELECT policy_id, title, region_code, timeline_date
    FROM filtered_policies($levels, $topics, NULL, $year_from, $year_to, $include_undated, $statuses)
),
per_policy AS (
    SELECT f.policy_id, f.title, f.region_code, f.timeline_date,
           count(t.term_id) FILTER (WHERE t.value_kind <> 'statement' AND t.measure NOT IN ('target', 'period'))
               AS n_terms,
           max(t.value) FILTER (WHERE t.value_kind = 'cap' AND t.unit = '万元' AND t.measure <> 'target') AS max_cap,
           max(greatest(t.value, coalesce(t.value_max, t.value)))
               FILTER (WHERE t.value_kind = 'rate' AND t.unit = '%' AND t.measure = $measure) AS best_rate
    FROM f LEFT JOIN terms t ON t.policy_id = f.policy_id
    GROUP BY f.policy_id, f.title, f.region_code, f.timeline_date
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
    FROM scope s JOIN per_policy p ON p.region_code = s.policy_region
    WHERE s.code IN (SELECT code FROM layer)
)
SELECT g.code, g.level, g.name, g.short_name, g.name_en, g.has_polygon, g.lon, g.lat,
       count(c.policy_id) AS policies,
       CASE WHEN count(c.policy_id) > 0 THEN coalesce(sum(c.n_terms), 0) END AS terms,
       max(c.max_cap) AS max_cap,
       max(c.best_rate) AS best_rate,
       coalesce(list({'title': c.title, 'value': c.metric_value}
                     ORDER BY c.metric_value DESC NULLS LAST, c.timeline_date DESC NULLS LAST, c.title)
                FILTER (WHERE c.policy_id IS NOT NULL
                          AND ($metric IN ('policies', 'terms') OR c.metric_value IS NOT NULL)), [])[1:3] AS top
FROM layer g LEFT JOIN counted c ON c.code = g.code
GROUP BY g.code, g.level, g.name, g.short_name, g.name_en, g.has_polygon, g.lon, g.lat
ORDER BY g.code
