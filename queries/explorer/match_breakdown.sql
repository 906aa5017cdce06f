-- The breakdown of every match of a search (not only the listed rows): level, status today, evidence kind, region,
-- topic (every topic of a policy, as the topic filter matches), issuer, and the date span, as explorer/search_policies
-- matches them (the same search_hits macro). Run on a click: at a million policies a word matches 100,000 or more.
-- The $per_facet largest of each facet (the page shows 8-12; a million policies have thousands of issuers).
-- Used by: explorer (结果分布, "all matches").
-- params: $levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses, $grams, $phrase, $issuer, $per_facet
WITH d AS MATERIALIZED (
    SELECT doc FROM search_hits($levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses, $grams,
                                $phrase, $issuer)
),
p AS MATERIALIZED (SELECT level, status_now, evidence_kind, region_code, issuers, timeline_date FROM v_policies
                   WHERE doc IN (SELECT doc FROM d))
SELECT * FROM (
SELECT 'level' AS facet, level AS code, count(*) AS n FROM p GROUP BY level
UNION ALL SELECT 'status', status_now, count(*) FROM p GROUP BY status_now
UNION ALL SELECT 'evidence', evidence_kind, count(*) FROM p GROUP BY evidence_kind
UNION ALL SELECT 'region', region_code, count(*) FROM p GROUP BY region_code
UNION ALL SELECT 'topic', t.topic, count(*) FROM policy_topic_docs t WHERE t.doc IN (SELECT doc FROM d) GROUP BY t.topic
UNION ALL SELECT 'issuer', issuer, count(*) FROM (SELECT unnest(issuers) AS issuer FROM p) GROUP BY issuer
UNION ALL SELECT 'first_date', strftime(min(timeline_date), '%Y-%m-%d'), count(timeline_date) FROM p
UNION ALL SELECT 'last_date', strftime(max(timeline_date), '%Y-%m-%d'), count(timeline_date) FROM p
)
QUALIFY row_number() OVER (PARTITION BY facet ORDER BY n DESC, code) <= $per_facet
ORDER BY facet, n DESC, code
