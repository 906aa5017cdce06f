-- The quantified terms of one policy, in the order they are printed, with the file and lines they come from.
-- Used by: explorer (detail: the terms table and the highlighted source text).
-- params: $policy_id
SELECT t.term_id, t.measure, t.value_kind, t.value, t.value_max, t.unit, t.unit_printed, t.number_printed, t.number_at,
       t.comparator, t.basis, t.beneficiary, t.condition, t.quote, s.file, t.line_start, t.line_end,
       s.file || ':' || t.line_start || '-' || t.line_end AS sources
FROM terms t JOIN sources s USING (source_id)
WHERE t.policy_id = $policy_id
ORDER BY t.line_start, t.line_end, t.quote, t.number_at
