-- Coverage of each region of one map layer (same scope as map/metric_by_region): its policies, how many the largest
-- source holds and which source that is, how many rest only on curated rows (register entries, curated terms), and
-- its sources as one cell ("file (policies); …"). Used by: map (coverage notes, the ranking table's sources column).
-- params: $levels, $topics, $year_from, $year_to, $include_undated, $statuses, $parent, $view
WITH layer AS (SELECT * FROM regions WHERE parent_code = $parent AND level IN ('prefecture', 'district', 'zone')),
scope AS (   -- (a layer region, a region whose policies count there)
    SELECT l.ancestor AS code, l.code AS policy_region FROM v_region_lineage l WHERE l.ancestor IN (SELECT code FROM layer)
    UNION
    SELECT l.code, l.ancestor FROM v_region_lineage l WHERE $view = 'applies' AND l.code IN (SELECT code FROM layer)
),
f AS (
    SELECT policy_id, region_code, evidence_kind
    FROM filtered_policies($levels, $topics, NULL, $year_from, $year_to, $include_undated, $statuses)
    WHERE region_code IN (SELECT policy_region FROM scope)
),
counted AS (
    SELECT s.code, f.policy_id, f.evidence_kind
    FROM scope s JOIN f ON f.region_code = s.policy_region
),
per_source AS (   -- each policy's sources are kept with the map's metrics (map_policy_metrics, stored by region)
    SELECT code, source_id, count(*) AS n
    FROM (SELECT c.code, unnest(a.source_ids) AS source_id
          FROM counted c
          JOIN (SELECT policy_id, source_ids FROM map_policy_metrics
                WHERE measure = '' AND region_code IN (SELECT policy_region FROM scope)) a ON a.policy_id = c.policy_id)
    GROUP BY ALL
),
top AS (SELECT ps.code, arg_max(ps.source_id, ps.n ORDER BY ps.n, ps.source_id) AS top_source, max(ps.n) AS top_count,
               count(*) AS n_sources,
               string_agg(s.file || ' (' || ps.n || ')', '; ' ORDER BY ps.n DESC, s.file) AS sources
        FROM per_source ps JOIN sources s USING (source_id) GROUP BY 1)
SELECT g.code, g.name, g.name_en, count(DISTINCT c.policy_id) AS policies,
       count(DISTINCT c.policy_id) FILTER (WHERE c.evidence_kind IN ('register_entry', 'curated_term')) AS curated_only,
       any_value(top.top_source) AS top_source, any_value(top.top_count) AS top_count,
       any_value(top.n_sources) AS n_sources, any_value(src.title) AS top_title, any_value(src.title_en) AS top_title_en,
       any_value(src.kind) AS top_kind, coalesce(any_value(top.sources), '') AS sources
FROM layer g
LEFT JOIN counted c ON c.code = g.code
LEFT JOIN top ON top.code = g.code
LEFT JOIN sources src ON src.source_id = top.top_source
GROUP BY g.code, g.name, g.name_en
ORDER BY g.code
