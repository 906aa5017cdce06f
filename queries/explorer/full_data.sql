-- Every field of a set of policies (the current search result, in its order) for the "full data" download:
-- dates with their precision, effective period, status today, what it rests on (evidence kind, trust, official
-- page), all topics, list fields, term count, sources, text.
-- Used by: explorer.
-- params: $ids
SELECT p.policy_id, p.title, p.doc_number, array_to_string(p.issuers, '; ') AS issuers, p.level, p.region_code,
       r.name AS region, p.issue_date, p.issue_date_precision, p.issue_date_note, p.issue_date_note_zh,
       p.effective_from, p.effective_from_precision, p.effective_to, p.effective_to_precision,
       p.status_now, p.status_mark, p.evidence_kind, p.trust, p.official_url, p.primary_topic,
       (SELECT string_agg(pt.topic, '; ' ORDER BY pt.is_primary DESC, pt.score DESC)
        FROM policy_topics pt WHERE pt.policy_id = p.policy_id) AS topics,
       p.text_kind, p.list_category, p.beneficiaries, p.execution_period, p.executing_agency, p.notes, p.notes_zh,
       (SELECT count(*) FROM terms t WHERE t.policy_id = p.policy_id) AS terms,
       (SELECT string_agg(src.file || ':' || ps.line_start || '-' || ps.line_end || ' (' || ps.kind || ')', '; '
                          ORDER BY src.file, ps.line_start)
        FROM policy_sources ps JOIN sources src USING (source_id) WHERE ps.policy_id = p.policy_id) AS sources,
       p.text
FROM v_policies p LEFT JOIN regions r ON r.code = p.region_code
WHERE p.policy_id IN (SELECT unnest($ids))
ORDER BY list_position($ids, p.policy_id)
