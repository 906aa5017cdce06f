-- How many of a set of policies (the current search result) hold each topic: every topic of a policy, as the topic
-- filter matches. The explorer counts the other facets (level, status, region, issuer, dates) from the result rows
-- it already has (dashboard/result_facets.py); a policy's topics are not among them. Used by: explorer.
-- The ids are turned into storage rows (doc) once, in policy_ids (built with the database, the ids uncompressed);
-- the topics are then read from policy_topic_docs (policy_topics keyed by doc) on integers.
-- params: $ids
WITH d AS MATERIALIZED (SELECT doc FROM policy_ids WHERE policy_id IN (SELECT unnest($ids)))
SELECT topic AS code, count(*) AS n FROM policy_topic_docs WHERE doc IN (SELECT doc FROM d)
GROUP BY topic ORDER BY n DESC, code
