-- The incentive terms of the policies counted for one region on the map (same scope and term definition as
-- map/metric_by_region): measure, value, unit, the quote and its source file and lines. Used by: map (the
-- selected region's terms).
-- params: $levels, $topics, $year_from, $year_to, $include_undated, $statuses, $region, $view
WITH f AS (
    SELECT *
    FROM filtered_policies($levels, $topics, NULL, $year_from, $year_to, $include_undated, $statuses) p
    WHERE p.region_code IN (SELECT code FROM v_region_lineage WHERE ancestor = $region)
       OR ($view = 'applies' AND p.region_code IN (SELECT ancestor FROM v_region_lineage WHERE code = $region))
)
SELECT t.term_id, t.policy_id, f.title, f.level, f.region_code, t.measure, t.value_kind, t.comparator, t.value,
       t.value_max, t.unit, t.basis, t.quote,
       s.file || ':' || t.line_start || '-' || t.line_end AS source
FROM f JOIN terms t ON t.policy_id = f.policy_id JOIN sources s ON s.source_id = t.source_id
WHERE t.value_kind <> 'statement' AND t.measure NOT IN ('target', 'period')
ORDER BY f.timeline_date DESC NULLS LAST, f.title, t.line_start, t.number_at
