-- queries17's oracle: the query as it was at 30762e0.
-- Each region of one map layer with its number of policies, incentive terms, highest subsidy cap (万元) and the
-- chosen measure's best rate (%), the evidence of that cap and rate, and its top three policies for the chosen
-- metric. Used by: map (choropleth, ranking, zones table).
--   $parent: the layer's parent region (420000 → Hubei's prefectures, 420100 → Wuhan's districts and zones).
--   $view:   issued  = policies whose region is this region or one under it (v_region_lineage);
--            applies = those plus the policies of its ancestors (national, provincial; for a district, Wuhan's).
--   $metric: policies | terms | max_cap | best_rate: orders each region's top three policies.
-- The shared region filter is not applied: on the map page `region` is the selected region, not a filter.
-- Blank is not zero: a region with no policy has policies = 0 and NULL terms; max_cap / best_rate are NULL
-- where no policy states such a term.
-- Terms of every evidence kind count, each as its policy's (the shared filters apply to it): extracted from a text
-- (origin corpus), the register of district policies (register) and the curated AI-support terms (curated).
-- Incentive terms: firm-facing incentives only (term_kinds.firm_incentive); never a target, threshold, budget share,
-- fee ceiling, fund size, loan or equity term. max_cap / best_rate follow the comparison's rule (best_candidate in
-- data/schema.sql): a current firm-facing incentive cap / rate, not per unit, not from a low-trust source. They are
-- read from map_policy_metrics (built with the database from v_measure_terms; joined on doc: map_metric_docs, the
-- same rows keyed by the policy's storage row, so a layer's policies are one range of it); the day's part of the rule,
-- current_standing(status_now), is checked here. cap_* / rate_*: the origin, trust mark, citation and URL of the
-- term giving the region's value (two policies of the same title with the same value: the greater citation, so the
-- answer does not depend on the order rows arrive in); top lists {title, value, origin, trust}.
-- params: $levels, $topics, $year_from, $year_to, $include_undated, $statuses, $parent, $view, $metric, $measure
WITH layer AS (
    SELECT * FROM regions WHERE parent_code = $parent AND level IN ('prefecture', 'district', 'zone')
),
scope AS (   -- (a layer region, a region whose policies count there)
    SELECT l.ancestor AS code, l.code AS policy_region FROM v_region_lineage l WHERE l.ancestor IN (SELECT code FROM layer)
    UNION
    SELECT l.code, l.ancestor FROM v_region_lineage l WHERE $view = 'applies' AND l.code IN (SELECT code FROM layer)
),
f AS (
    SELECT p.doc, p.title, p.region_code, p.timeline_date, current_standing(p.status_now) AS current
    FROM filtered_policies($levels, $topics, NULL, $year_from, $year_to, $include_undated, $statuses) p
    WHERE p.region_code IN (SELECT policy_region FROM scope)
),
pp AS (   -- each policy with its metrics, and the term giving each
    SELECT f.doc, f.title, f.region_code, f.timeline_date, coalesce(a.n_terms, 0) AS n_terms,
           CASE WHEN f.current THEN a.value END AS max_cap,
           CASE WHEN f.current AND a.value IS NOT NULL THEN {'origin': a.origin, 'trust': a.trust,
                'citation': a.citation, 'source_url': a.source_url, 'title': f.title} END AS cap_term,
           CASE WHEN f.current THEN r.value END AS best_rate,
           CASE WHEN f.current AND r.value IS NOT NULL THEN {'origin': r.origin, 'trust': r.trust,
                'citation': r.citation, 'source_url': r.source_url, 'title': f.title} END AS rate_term
    FROM f
    LEFT JOIN (SELECT * FROM map_metric_docs WHERE measure = '') a ON a.doc = f.doc
    LEFT JOIN (SELECT * FROM map_metric_docs WHERE measure = $measure) r ON r.doc = f.doc
),
ranked AS (
    SELECT pp.*, CASE $metric WHEN 'terms' THEN pp.n_terms WHEN 'max_cap' THEN pp.max_cap
                              WHEN 'best_rate' THEN pp.best_rate END AS metric_value,
           CASE $metric WHEN 'max_cap' THEN pp.cap_term WHEN 'best_rate' THEN pp.rate_term END AS metric_term
    FROM pp
),
by_region AS (   -- per policy region first (a few thousand groups), then per layer region below
    SELECT region_code, count(*) AS policies, sum(n_terms) AS terms,
           max(max_cap) AS max_cap, max_by(cap_term, {'v': max_cap, 't': cap_term.title, 'c': cap_term.citation}) FILTER (WHERE max_cap IS NOT NULL) AS cap_term,
           max(best_rate) AS best_rate, max_by(rate_term, {'v': best_rate, 't': rate_term.title, 'c': rate_term.citation}) FILTER (WHERE best_rate IS NOT NULL) AS rate_term,
           -- top three: metric value (highest first), then newest, then title
           min_by({'k': {'v': coalesce(-metric_value, 'infinity'::DOUBLE),
                         'd': coalesce(-epoch(timeline_date), 'infinity'::DOUBLE), 't': title},
                   'title': title, 'value': metric_value, 'origin': metric_term.origin, 'trust': metric_term.trust},
                  {'v': coalesce(-metric_value, 'infinity'::DOUBLE),
                   'd': coalesce(-epoch(timeline_date), 'infinity'::DOUBLE), 't': title}, 3)
               FILTER (WHERE $metric IN ('policies', 'terms') OR metric_value IS NOT NULL) AS top
    FROM ranked GROUP BY region_code
)
SELECT g.code, g.level, g.name, g.short_name, g.name_en, g.has_polygon, g.lon, g.lat,
       CAST(coalesce(sum(b.policies), 0) AS BIGINT) AS policies,
       CASE WHEN sum(b.policies) > 0 THEN CAST(coalesce(sum(b.terms), 0) AS BIGINT) END AS terms,
       max(b.max_cap) AS max_cap,
       max_by(b.cap_term, {'v': b.max_cap, 't': b.cap_term.title, 'c': b.cap_term.citation}) FILTER (WHERE b.max_cap IS NOT NULL) AS cap_term,
       max(b.best_rate) AS best_rate,
       max_by(b.rate_term, {'v': b.best_rate, 't': b.rate_term.title, 'c': b.rate_term.citation}) FILTER (WHERE b.best_rate IS NOT NULL) AS rate_term,
       coalesce(list_transform(list_sort(flatten(list(b.top) FILTER (WHERE b.top IS NOT NULL)))[1:3],
                               lambda x: {'title': x.title, 'value': x.value, 'origin': x.origin, 'trust': x.trust}), [])
           AS top
FROM layer g
LEFT JOIN scope s ON s.code = g.code
LEFT JOIN by_region b ON b.region_code = s.policy_region
GROUP BY g.code, g.level, g.name, g.short_name, g.name_en, g.has_polygon, g.lon, g.lat
ORDER BY g.code
