-- Every appearance of one policy in the sources: file, kind, line span, title as printed, page, section, and for a
-- curated row its trust mark, official URL, the page the facts were read on and its kind. Used by: explorer (detail).
-- params: $policy_id
SELECT s.file, s.title AS source_title, s.title_en AS source_title_en, ps.kind, ps.line_start, ps.line_end,
       ps.printed_title, ps.page, ps.section, ps.trust, ps.official_url, ps.page_url, ps.page_kind, ps.record_id,
       s.file || ':' || ps.line_start || '-' || ps.line_end AS sources
FROM policy_sources ps JOIN sources s USING (source_id)
WHERE ps.policy_id = $policy_id
ORDER BY s.file, ps.line_start
