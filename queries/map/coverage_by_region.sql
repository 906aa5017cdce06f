-- Coverage of each region of one map layer (same scope as map/metric_by_region): its policies, how many the largest
-- source holds and which source that is, how many rest only on curated rows (register entries, curated terms), and
-- its sources as one cell ("file (policies); …"). Used by: map (coverage notes, the ranking table's sources column).
-- Counted per policy region first, then added up for each layer region over its scope (the scope's regions are
-- distinct and a policy is in one region): a policy of Wuhan is not joined once for every district it applies to.
-- params: $levels, $topics, $year_from, $year_to, $include_undated, $statuses, $parent, $view
WITH layer AS (SELECT * FROM regions WHERE parent_code = $parent AND level IN ('prefecture', 'district', 'zone')),
scope AS (   -- (a layer region, a region whose policies count there)
    SELECT l.ancestor AS code, l.code AS policy_region FROM v_region_lineage l WHERE l.ancestor IN (SELECT code FROM layer)
    UNION
    SELECT l.code, l.ancestor FROM v_region_lineage l WHERE $view = 'applies' AND l.code IN (SELECT code FROM layer)
),
f AS (
    SELECT doc, region_code, evidence_kind
    FROM filtered_policies($levels, $topics, NULL, $year_from, $year_to, $include_undated, $statuses)
    WHERE region_code IN (SELECT policy_region FROM scope)
),
per_region AS (   -- per policy region first (each policy is in one region): a layer region adds up its scope's
    SELECT region_code, count(*) AS policies,
           count(*) FILTER (WHERE evidence_kind IN ('register_entry', 'curated_term')) AS curated_only
    FROM f GROUP BY 1
),
region_sources AS (   -- each policy's sources are kept with the map's metrics (map_metric_docs: by doc, in its order)
    SELECT f.region_code, unnest(a.source_ids) AS source_id
    FROM f JOIN (SELECT doc, source_ids FROM map_metric_docs WHERE measure = '') a ON a.doc = f.doc
),
per_source AS (
    SELECT s.code, r.source_id, CAST(sum(r.n) AS BIGINT) AS n
    FROM (SELECT region_code, source_id, count(*) AS n FROM region_sources GROUP BY ALL) r
    JOIN scope s ON s.policy_region = r.region_code
    GROUP BY ALL
),
top AS (SELECT ps.code, arg_max(ps.source_id, ps.n ORDER BY ps.n, ps.source_id) AS top_source, max(ps.n) AS top_count,
               count(*) AS n_sources,
               string_agg(s.file || ' (' || ps.n || ')', '; ' ORDER BY ps.n DESC, s.file) AS sources
        FROM per_source ps JOIN sources s USING (source_id) GROUP BY 1),
counted AS (
    SELECT s.code, CAST(sum(r.policies) AS BIGINT) AS policies, CAST(sum(r.curated_only) AS BIGINT) AS curated_only
    FROM scope s JOIN per_region r ON r.region_code = s.policy_region GROUP BY 1
)
SELECT g.code, g.name, g.name_en, coalesce(any_value(c.policies), 0) AS policies,
       coalesce(any_value(c.curated_only), 0) AS curated_only,
       any_value(top.top_source) AS top_source, any_value(top.top_count) AS top_count,
       any_value(top.n_sources) AS n_sources, any_value(src.title) AS top_title, any_value(src.title_en) AS top_title_en,
       any_value(src.kind) AS top_kind, coalesce(any_value(top.sources), '') AS sources
FROM layer g
LEFT JOIN counted c ON c.code = g.code
LEFT JOIN top ON top.code = g.code
LEFT JOIN sources src ON src.source_id = top.top_source
GROUP BY g.code, g.name, g.name_en
ORDER BY g.code
