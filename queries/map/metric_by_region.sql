-- Each region of one map layer with its number of policies, incentive terms, highest subsidy cap (万元) and the
-- chosen measure's best rate (%), the evidence of that cap and rate, and its top three policies for each metric
-- (top_policies: the newest; top_terms; top_max_cap; top_best_rate): one query for every metric, so that choosing
-- another metric on the page reads none. Used by: map (choropleth, ranking, zones table).
--   $parent: the layer's parent region (420000 → Hubei's prefectures, 420100 → Wuhan's districts and zones).
--   $view:   issued  = policies whose region is this region or one under it (v_region_lineage);
--            applies = those plus the policies of its ancestors (national, provincial; for a district, Wuhan's).
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
-- answer does not depend on the order rows arrive in); each top_* lists {title, value, origin, trust}.
-- params: $levels, $topics, $year_from, $year_to, $include_undated, $statuses, $parent, $view, $measure
WITH layer AS (
    SELECT * FROM regions WHERE parent_code = $parent AND level IN ('prefecture', 'district', 'zone')
),
scope AS (   -- (a layer region, a region whose policies count there)
    SELECT l.ancestor AS code, l.code AS policy_region FROM v_region_lineage l WHERE l.ancestor IN (SELECT code FROM layer)
    UNION
    SELECT l.code, l.ancestor FROM v_region_lineage l WHERE $view = 'applies' AND l.code IN (SELECT code FROM layer)
),
f AS (
    SELECT p.doc, p.region_code, current_standing(p.status_now) AS current
    FROM filtered_policies($levels, $topics, NULL, $year_from, $year_to, $include_undated, $statuses) p
    WHERE p.region_code IN (SELECT policy_region FROM scope)
),
pp AS (   -- each policy with its metrics and its places in the orders (map_policy_ranks, map_rate_ranks)
    SELECT f.doc, f.region_code, f.current, k.n_terms, k.cap, k.w_cap, k.r_date, k.r_terms, k.r_cap,
           r.rate, r.w_rate, r.r_rate
    FROM f JOIN map_policy_ranks k USING (doc)
    LEFT JOIN (SELECT doc, rate, w_rate, r_rate FROM map_rate_ranks WHERE measure = $measure) r ON r.doc = f.doc
),
counts AS (   -- per policy region first (a few thousand groups), then per layer region below
    SELECT region_code, count(*) AS policies, sum(n_terms) AS terms,
           max(cap) FILTER (WHERE current) AS max_cap, max(rate) FILTER (WHERE current) AS best_rate,
           arg_min(doc, w_cap) FILTER (WHERE current AND cap IS NOT NULL) AS cap_doc,
           arg_min(doc, w_rate) FILTER (WHERE current AND rate IS NOT NULL) AS rate_doc,
           -- the top three of each metric: a cap or rate ranks only where it is current
           min_by(doc, r_date, 3) AS top_policies, min_by(doc, r_terms, 3) AS top_terms,
           min_by(doc, r_cap, 3) FILTER (WHERE current AND cap IS NOT NULL) AS top_max_cap,
           min_by(doc, r_rate, 3) FILTER (WHERE current AND rate IS NOT NULL) AS top_best_rate
    FROM pp GROUP BY region_code
),
items AS (   -- (a policy region, a metric, its top three)
    SELECT region_code, 'policies' AS metric, top_policies AS docs FROM counts
    UNION ALL SELECT region_code, 'terms', top_terms FROM counts
    UNION ALL SELECT region_code, 'max_cap', top_max_cap FROM counts
    UNION ALL SELECT region_code, 'best_rate', top_best_rate FROM counts
),
top AS (   -- each metric's top three of the region with their titles and the term giving each value, in order
    SELECT region_code,
           list(item ORDER BY i) FILTER (WHERE metric = 'policies') AS top_policies,
           list(item ORDER BY i) FILTER (WHERE metric = 'terms') AS top_terms,
           list(item ORDER BY i) FILTER (WHERE metric = 'max_cap') AS top_max_cap,
           list(item ORDER BY i) FILTER (WHERE metric = 'best_rate') AS top_best_rate
    FROM (SELECT t.region_code, t.metric, t.i,
                 {'k': {'v': coalesce(-t.value, 'infinity'::DOUBLE),
                        'd': coalesce(-epoch(t.timeline_date), 'infinity'::DOUBLE), 't': d.title},
                  'title': d.title, 'value': t.value, 'origin': t.origin, 'trust': t.trust} AS item
          FROM (SELECT c.region_code, c.metric, u.i, u.doc, k.timeline_date,
                       CASE c.metric WHEN 'terms' THEN k.n_terms WHEN 'max_cap' THEN k.cap WHEN 'best_rate' THEN r.value
                       END AS value,
                       CASE c.metric WHEN 'max_cap' THEN a.origin WHEN 'best_rate' THEN r.origin END AS origin,
                       CASE c.metric WHEN 'max_cap' THEN a.trust WHEN 'best_rate' THEN r.trust END AS trust
                FROM items c, unnest(c.docs) WITH ORDINALITY AS u(doc, i)
                JOIN map_policy_ranks k ON k.doc = u.doc
                LEFT JOIN map_metric_docs a ON a.doc = u.doc AND a.measure = ''
                LEFT JOIN map_metric_docs r ON r.doc = u.doc AND r.measure = $measure) t
          JOIN search_docs d USING (doc))
    GROUP BY region_code
),
by_region AS (
    SELECT c.region_code, c.policies, c.terms, c.max_cap,
           {'origin': a.origin, 'trust': a.trust, 'citation': a.citation, 'source_url': a.source_url, 'title': ad.title}
               AS cap_term,
           c.best_rate,
           {'origin': r.origin, 'trust': r.trust, 'citation': r.citation, 'source_url': r.source_url, 'title': rd.title}
               AS rate_term,
           top.top_policies, top.top_terms, top.top_max_cap, top.top_best_rate
    FROM counts c
    LEFT JOIN map_metric_docs a ON a.doc = c.cap_doc AND a.measure = '' LEFT JOIN search_docs ad ON ad.doc = c.cap_doc
    LEFT JOIN map_metric_docs r ON r.doc = c.rate_doc AND r.measure = $measure LEFT JOIN search_docs rd ON rd.doc = c.rate_doc
    LEFT JOIN top USING (region_code)
)
SELECT * EXCLUDE (tops), tops[1] AS top_policies, tops[2] AS top_terms, tops[3] AS top_max_cap, tops[4] AS top_best_rate
FROM (
    SELECT g.code, g.level, g.name, g.short_name, g.name_en, g.has_polygon, g.lon, g.lat,
           CAST(coalesce(sum(b.policies), 0) AS BIGINT) AS policies,
           CASE WHEN sum(b.policies) > 0 THEN CAST(coalesce(sum(b.terms), 0) AS BIGINT) END AS terms,
           max(b.max_cap) AS max_cap,
           max_by(b.cap_term, {'v': b.max_cap, 't': b.cap_term.title, 'c': b.cap_term.citation}) FILTER (WHERE b.max_cap IS NOT NULL) AS cap_term,
           max(b.best_rate) AS best_rate,
           max_by(b.rate_term, {'v': b.best_rate, 't': b.rate_term.title, 'c': b.rate_term.citation}) FILTER (WHERE b.best_rate IS NOT NULL) AS rate_term,
           -- each metric's top three over the layer region's policy regions: their lists merged, sorted, cut
           list_transform([list(b.top_policies), list(b.top_terms), list(b.top_max_cap), list(b.top_best_rate)],
                          lambda tops: list_transform(list_sort(flatten(list_filter(tops, lambda x: x IS NOT NULL)))[1:3],
                                                      lambda x: {'title': x.title, 'value': x.value, 'origin': x.origin,
                                                                 'trust': x.trust})) AS tops
    FROM layer g
    LEFT JOIN scope s ON s.code = g.code
    LEFT JOIN by_region b ON b.region_code = s.policy_region
    GROUP BY g.code, g.level, g.name, g.short_name, g.name_en, g.has_polygon, g.lon, g.lat
)
ORDER BY code
