-- The quantified terms of one policy, in the order they are printed, with the file and lines they come from, the
-- clause each sits in (its heading), the term's kind and shape, and the policy's standing (expired, superseded …).
-- Used by: explorer (detail: the terms table and the highlighted source text).
-- params: $policy_id
SELECT t.term_id, t.measure, t.value_kind, t.term_kind, t.shape, t.tier, t.per_unit, t.value, t.value_max, t.unit,
       t.unit_printed, t.number_printed, t.number_at, t.previous_value, t.comparator, t.basis, t.beneficiary,
       t.condition, t.lead_in, t.quote, t.file, t.line_start, t.line_end, t.clause_id, c.heading AS clause_heading,
       t.standing, t.citation AS sources
FROM v_terms t LEFT JOIN clauses c USING (clause_id)
WHERE t.policy_id = $policy_id
ORDER BY t.line_start, t.line_end, t.quote, t.number_at
