-- The policies counted for one region on the map (same scope as map/metric_by_region), newest first, a page at a
-- time ($limit rows from $offset; total = how many there are), each with its incentive-term count, highest subsidy
-- cap and the chosen measure's best rate (the rules and the table of map/metric_by_region: terms of every evidence
-- kind, best_candidate), the origin, trust and citation of the term giving each, and its sources.
-- Used by: map (the selected region's policies).
-- params: $levels, $topics, $year_from, $year_to, $include_undated, $statuses, $region, $view, $measure, $limit, $offset
WITH scope AS (
    SELECT code FROM v_region_lineage WHERE ancestor = $region
    UNION
    SELECT ancestor FROM v_region_lineage WHERE $view = 'applies' AND code = $region
),
f AS (
    SELECT p.*, count(*) OVER () AS total
    FROM filtered_policies($levels, $topics, NULL, $year_from, $year_to, $include_undated, $statuses) p
    WHERE p.region_code IN (SELECT code FROM scope)
    ORDER BY p.timeline_date DESC NULLS LAST, p.title, p.policy_id
    LIMIT $limit OFFSET $offset
)
SELECT f.policy_id, f.title, f.doc_number, f.issuers, f.level, f.region_code, r.name AS region_zh,
       r.name_en AS region_en, f.timeline_date, f.timeline_basis, f.status_now, f.primary_topic,
       f.evidence_kind, f.trust, f.total,
       coalesce(a.n_terms, 0) AS n_terms,
       CASE WHEN current_standing(f.status_now) THEN a.value END AS max_cap,
       CASE WHEN current_standing(f.status_now) AND a.value IS NOT NULL THEN a.origin END AS cap_origin,
       CASE WHEN current_standing(f.status_now) AND a.value IS NOT NULL THEN a.trust END AS cap_trust,
       CASE WHEN current_standing(f.status_now) AND a.value IS NOT NULL THEN a.citation END AS cap_citation,
       CASE WHEN current_standing(f.status_now) THEN m.value END AS best_rate,
       CASE WHEN current_standing(f.status_now) AND m.value IS NOT NULL THEN m.origin END AS rate_origin,
       CASE WHEN current_standing(f.status_now) AND m.value IS NOT NULL THEN m.trust END AS rate_trust,
       CASE WHEN current_standing(f.status_now) AND m.value IS NOT NULL THEN m.citation END AS rate_citation,
       a.sources
FROM f
LEFT JOIN regions r ON r.code = f.region_code
LEFT JOIN map_policy_metrics a ON a.policy_id = f.policy_id AND a.measure = ''
    AND a.region_code IN (SELECT code FROM scope)
LEFT JOIN map_policy_metrics m ON m.policy_id = f.policy_id AND m.measure = $measure
    AND m.region_code IN (SELECT code FROM scope)
ORDER BY f.timeline_date DESC NULLS LAST, f.title, f.policy_id
