-- queries17's oracle: the query as it was at 30762e0.
-- Facet counts of a set of policies (the current search result): level, status today, evidence kind, region, topic (every topic
-- of a policy, as the topic filter matches), issuer, and the date span. Used by: explorer.
-- params: $ids
WITH p AS (SELECT * FROM v_policies WHERE policy_id IN (SELECT unnest($ids)))
SELECT 'level' AS facet, level AS code, count(*) AS n FROM p GROUP BY level
UNION ALL SELECT 'status', status_now, count(*) FROM p GROUP BY status_now
UNION ALL SELECT 'evidence', evidence_kind, count(*) FROM p GROUP BY evidence_kind
UNION ALL SELECT 'region', region_code, count(*) FROM p GROUP BY region_code
UNION ALL SELECT 'topic', pt.topic, count(*) FROM policy_topics pt WHERE pt.policy_id IN (SELECT policy_id FROM p) GROUP BY pt.topic
UNION ALL SELECT 'issuer', issuer, count(*) FROM (SELECT unnest(issuers) AS issuer FROM p) GROUP BY issuer
UNION ALL SELECT 'first_date', strftime(min(timeline_date), '%Y-%m-%d'), count(timeline_date) FROM p
UNION ALL SELECT 'last_date', strftime(max(timeline_date), '%Y-%m-%d'), count(timeline_date) FROM p
ORDER BY facet, n DESC, code
