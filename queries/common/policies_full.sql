-- Every policy matching the shared filters, with all its fields, topics and sources: the "full data" download. Used by: overview, trends, map.
-- The download is built when its button is clicked (dashboard/exports.py) and holds at most 100,000 policies
-- (the newest), so one download cannot take the server's memory.
-- params: $levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses
SELECT p.policy_id, p.title, p.doc_number, p.issuers, p.level, p.region_code, r.name AS region, p.issue_date,
       p.issue_date_precision, p.issue_date_note, p.issue_date_note_zh, p.effective_from, p.effective_to, p.status_now, p.evidence_kind, p.trust, p.official_url, p.primary_topic,
       (SELECT string_agg(pt.topic, '; ' ORDER BY pt.is_primary DESC, pt.score DESC)
        FROM policy_topics pt WHERE pt.policy_id = p.policy_id) AS topics,
       (SELECT count(*) FROM terms t WHERE t.policy_id = p.policy_id) AS terms,
       p.beneficiaries, p.execution_period, p.executing_agency, p.notes, p.notes_zh, c.sources
FROM filtered_policies($levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses) p
LEFT JOIN regions r ON r.code = p.region_code
LEFT JOIN v_policy_citations c USING (policy_id)
ORDER BY p.timeline_date DESC NULLS LAST, p.title
LIMIT 100000
