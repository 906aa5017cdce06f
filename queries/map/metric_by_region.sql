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
    SELECT p.doc, p.region_code, p.timeline_date, current_standing(p.status_now) AS current
    FROM filtered_policies($levels, $topics, NULL, $year_from, $year_to, $include_undated, $statuses) p
    WHERE p.region_code IN (SELECT policy_region FROM scope)
),
pp AS MATERIALIZED (   -- each policy with its metrics, numbers only; k: the top three's order without the title
    SELECT f.doc, f.region_code, f.timeline_date, coalesce(a.n_terms, 0) AS n_terms,
           CASE WHEN f.current THEN a.value END AS max_cap, CASE WHEN f.current THEN r.value END AS best_rate,
           CASE $metric WHEN 'terms' THEN coalesce(a.n_terms, 0) WHEN 'max_cap' THEN CASE WHEN f.current THEN a.value END
                        WHEN 'best_rate' THEN CASE WHEN f.current THEN r.value END END AS metric_value,
           {'v': coalesce(-metric_value, 'infinity'::DOUBLE), 'd': coalesce(-epoch(f.timeline_date), 'infinity'::DOUBLE)}
               AS k
    FROM f
    LEFT JOIN (SELECT doc, n_terms, value FROM map_metric_docs WHERE measure = '') a ON a.doc = f.doc
    LEFT JOIN (SELECT doc, value FROM map_metric_docs WHERE measure = $measure) r ON r.doc = f.doc
),
counts AS (   -- per policy region first (a few thousand groups), then per layer region below
    SELECT region_code, count(*) AS policies, sum(n_terms) AS terms, max(max_cap) AS max_cap, max(best_rate) AS best_rate,
           -- the third best order among the policies ranked (metric value, highest first, then newest)
           min_by(k, k, 3) FILTER (WHERE $metric IN ('policies', 'terms') OR metric_value IS NOT NULL)[-1] AS third
    FROM pp GROUP BY region_code
),
cand AS (   -- the few policies that can give a region its cap or rate term or be one of its top three: their titles
    -- and terms' evidence are read for these only
    SELECT pp.*, pp.max_cap = c.max_cap AS is_cap, pp.best_rate = c.best_rate AS is_rate,
           ($metric IN ('policies', 'terms') OR pp.metric_value IS NOT NULL) AND pp.k <= c.third AS is_top
    FROM pp JOIN counts c USING (region_code)
    WHERE pp.max_cap = c.max_cap OR pp.best_rate = c.best_rate
       OR (($metric IN ('policies', 'terms') OR pp.metric_value IS NOT NULL) AND pp.k <= c.third)
),
terms AS (   -- and the term giving each metric
    SELECT c.*, d.title,
           CASE WHEN c.max_cap IS NOT NULL THEN {'origin': a.origin, 'trust': a.trust, 'citation': a.citation,
                'source_url': a.source_url, 'title': d.title} END AS cap_term,
           CASE WHEN c.best_rate IS NOT NULL THEN {'origin': r.origin, 'trust': r.trust, 'citation': r.citation,
                'source_url': r.source_url, 'title': d.title} END AS rate_term
    FROM cand c JOIN search_docs d USING (doc)
    LEFT JOIN (SELECT doc, origin, trust, citation, source_url FROM map_metric_docs WHERE measure = '') a ON a.doc = c.doc
    LEFT JOIN (SELECT doc, origin, trust, citation, source_url FROM map_metric_docs WHERE measure = $measure) r
        ON r.doc = c.doc
),
ranked AS (
    SELECT t.*, CASE $metric WHEN 'max_cap' THEN t.cap_term WHEN 'best_rate' THEN t.rate_term END AS metric_term
    FROM terms t
),
winners AS (
    SELECT region_code,
           max_by(cap_term, {'v': max_cap, 't': cap_term.title, 'c': cap_term.citation}) FILTER (WHERE is_cap) AS cap_term,
           max_by(rate_term, {'v': best_rate, 't': rate_term.title, 'c': rate_term.citation}) FILTER (WHERE is_rate) AS rate_term,
           -- top three: metric value (highest first), then newest, then title
           min_by({'k': {'v': k.v, 'd': k.d, 't': title},
                   'title': title, 'value': metric_value, 'origin': metric_term.origin, 'trust': metric_term.trust},
                  {'v': k.v, 'd': k.d, 't': title}, 3) FILTER (WHERE is_top) AS top
    FROM ranked GROUP BY region_code
),
by_region AS (
    SELECT c.region_code, c.policies, c.terms, c.max_cap, w.cap_term, c.best_rate, w.rate_term, w.top
    FROM counts c LEFT JOIN winners w USING (region_code)
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
