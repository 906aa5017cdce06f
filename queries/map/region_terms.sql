-- The incentive terms of the policies counted for one region on the map (same scope and term definition as
-- map/metric_by_region: firm-facing incentives only, of every evidence kind), a page at a time ($limit rows from
-- $offset; total = how many there are): origin (corpus = extracted from a text, register, curated), measure, kind,
-- value, unit, condition, the quote, its citation (file:lines, or the curated table's line) and URL, the trust mark,
-- the policy's standing (expired, superseded, draft are marked) and best_ok (best_candidate: may be a map's value).
-- Newest policy first; a policy's extracted terms in the text's order, then its register terms, then curated rows.
-- Read from map_terms (v_measure_terms stored by region, built with the database); standing and best_ok are
-- computed here from the policy's status today.
-- Used by: map (the selected region's terms).
-- params: $levels, $topics, $year_from, $year_to, $include_undated, $statuses, $region, $view, $limit, $offset
WITH scope AS (
    SELECT code FROM v_region_lineage WHERE ancestor = $region
    UNION
    SELECT ancestor FROM v_region_lineage WHERE $view = 'applies' AND code = $region
),
f AS (
    SELECT p.policy_id, p.status_now
    FROM filtered_policies($levels, $topics, NULL, $year_from, $year_to, $include_undated, $statuses) p
    WHERE p.region_code IN (SELECT code FROM scope)
),
t AS (
    SELECT m.*, policy_standing(m.title, m.superseded_by, f.status_now) AS standing,
           CASE m.origin WHEN 'corpus' THEN 0 WHEN 'register' THEN 1 ELSE 2 END AS origin_rank
    FROM map_terms m JOIN f USING (policy_id)
    WHERE m.region_code IN (SELECT code FROM scope)
)
SELECT origin, row_id AS term_id, policy_id, title, level, region_code, measure, term_kind, shape, tier, per_unit,
       value_kind, comparator, value, value_max, unit, basis, condition, quote, citation AS source, source_url,
       standing, trust, best_candidate(term_kind, shape, standing, trust) AS best_ok, count(*) OVER () AS total
FROM t
ORDER BY timeline_date DESC NULLS LAST, title, policy_id, origin_rank, line_start, number_at, term_id
LIMIT $limit OFFSET $offset
