-- The incentive terms of the policies counted for one region on the map (same scope and term definition as
-- map/metric_by_region: firm-facing incentives only), and the curated district terms of the same regions
-- (origin curated, with their URL and trust): measure, kind, value, unit, the quote, its citation and the
-- policy's standing (expired, superseded, draft are marked). Used by: map (the selected region's terms).
-- params: $levels, $topics, $year_from, $year_to, $include_undated, $statuses, $region, $view
WITH f AS (
    SELECT *
    FROM filtered_policies($levels, $topics, NULL, $year_from, $year_to, $include_undated, $statuses) p
    WHERE p.region_code IN (SELECT code FROM v_region_lineage WHERE ancestor = $region)
       OR ($view = 'applies' AND p.region_code IN (SELECT ancestor FROM v_region_lineage WHERE code = $region))
),
corpus AS (
    SELECT 'corpus' AS origin, t.term_id, t.policy_id, f.title, f.level, f.region_code, t.measure, t.term_kind,
           t.shape, t.tier, t.per_unit, t.value_kind, t.comparator, t.value, t.value_max, t.unit, t.basis, t.quote,
           t.citation AS source, t.standing, CAST(NULL AS VARCHAR) AS trust, f.timeline_date, t.line_start,
           t.number_at
    FROM f JOIN v_terms t ON t.policy_id = f.policy_id
    WHERE t.firm_incentive
),
curated AS (
    SELECT 'curated' AS origin, c.curated_id || ':' || c.value_kind AS term_id, c.policy_id,
           c.policy_title AS title, CASE c.level WHEN 'zone' THEN 'district' ELSE c.level END AS level,
           c.region_code, c.measure, c.term_kind, 'point' AS shape, CAST(NULL AS VARCHAR) AS tier,
           CAST(NULL AS VARCHAR) AS per_unit, c.value_kind, CASE WHEN c.value_kind = 'cap' THEN '≤' END AS comparator,
           c.value, CAST(NULL AS DOUBLE) AS value_max, c.unit, CAST(NULL AS VARCHAR) AS basis, c.quote,
           c.source_url AS source, c.standing, c.trust, CAST(NULL AS DATE) AS timeline_date,
           CAST(NULL AS INTEGER) AS line_start, 0 AS number_at
    FROM v_curated_terms c
    WHERE c.value_kind <> 'statement'
      AND ($levels IS NULL OR list_contains($levels, CASE c.level WHEN 'zone' THEN 'district' ELSE c.level END))
      AND (c.region_code IN (SELECT code FROM v_region_lineage WHERE ancestor = $region)
           OR ($view = 'applies' AND c.region_code IN (SELECT ancestor FROM v_region_lineage WHERE code = $region)))
)
SELECT * EXCLUDE (timeline_date, line_start, number_at)
FROM (SELECT * FROM corpus UNION ALL BY NAME SELECT * FROM curated)
ORDER BY origin, timeline_date DESC NULLS LAST, title, line_start, number_at, term_id
