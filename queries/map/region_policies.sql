-- The policies counted for one region on the map (same scope as map/metric_by_region), newest first, each with
-- its incentive-term count, highest subsidy cap, the chosen measure's best rate (the rules of
-- map/metric_by_region) and its sources. Used by: map
-- (the selected region's policies).
-- params: $levels, $topics, $year_from, $year_to, $include_undated, $statuses, $region, $view, $measure
WITH f AS (
    SELECT *
    FROM filtered_policies($levels, $topics, NULL, $year_from, $year_to, $include_undated, $statuses) p
    WHERE p.region_code IN (SELECT code FROM v_region_lineage WHERE ancestor = $region)
       OR ($view = 'applies' AND p.region_code IN (SELECT ancestor FROM v_region_lineage WHERE code = $region))
)
SELECT f.policy_id, f.title, f.doc_number, f.issuers, f.level, f.region_code, r.name AS region_zh,
       r.name_en AS region_en, f.timeline_date, f.timeline_basis, f.status_now, f.primary_topic,
       f.evidence_kind, f.trust,
       (SELECT count(*) FROM v_terms t WHERE t.policy_id = f.policy_id AND t.firm_incentive) AS n_terms,
       (SELECT max(m.value) FROM v_measure_terms m WHERE m.origin = 'corpus' AND m.policy_id = f.policy_id
           AND m.map_cap AND m.unit = '万元') AS max_cap,
       (SELECT max(greatest(m.value, coalesce(m.value_max, m.value))) FROM v_measure_terms m
        WHERE m.origin = 'corpus' AND m.policy_id = f.policy_id AND m.map_rate AND m.unit = '%'
          AND m.measure = $measure) AS best_rate,
       (SELECT c.sources FROM v_policy_citations c WHERE c.policy_id = f.policy_id) AS sources
FROM f LEFT JOIN regions r ON r.code = f.region_code
ORDER BY f.timeline_date DESC NULLS LAST, f.title
