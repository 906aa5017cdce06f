-- Facet counts of a set of policies (the current search result): level, status today, evidence kind, region, topic (every topic
-- of a policy, as the topic filter matches), issuer, and the date span. Used by: explorer.
-- The ids are turned into storage rows (doc) once, in policy_ids (built with the database, the ids uncompressed);
-- the policies' columns are then read for those rows only, and their topics from policy_topic_docs (policy_topics
-- keyed by doc) on integers.
-- params: $ids
WITH d AS MATERIALIZED (SELECT doc FROM policy_ids WHERE policy_id IN (SELECT unnest($ids))),
p AS MATERIALIZED (SELECT level, status_now, evidence_kind, region_code, issuers, timeline_date FROM v_policies
                   WHERE doc IN (SELECT doc FROM d))
SELECT 'level' AS facet, level AS code, count(*) AS n FROM p GROUP BY level
UNION ALL SELECT 'status', status_now, count(*) FROM p GROUP BY status_now
UNION ALL SELECT 'evidence', evidence_kind, count(*) FROM p GROUP BY evidence_kind
UNION ALL SELECT 'region', region_code, count(*) FROM p GROUP BY region_code
UNION ALL SELECT 'topic', t.topic, count(*) FROM policy_topic_docs t WHERE t.doc IN (SELECT doc FROM d) GROUP BY t.topic
UNION ALL SELECT 'issuer', issuer, count(*) FROM (SELECT unnest(issuers) AS issuer FROM p) GROUP BY issuer
UNION ALL SELECT 'first_date', strftime(min(timeline_date), '%Y-%m-%d'), count(timeline_date) FROM p
UNION ALL SELECT 'last_date', strftime(max(timeline_date), '%Y-%m-%d'), count(timeline_date) FROM p
ORDER BY facet, n DESC, code
