-- queries/ai/compared_terms.sql as it was at fc457e5, on ai_entries_before (ai_entries.sql).
-- Every AI-support number of the given regions and measures (NULL: all), one row per number, a page at a time
-- ($limit rows from $offset; total = how many there are), in the matrix's order: ref is its entry's [n]
-- (ai_entries), then rate, cap, amount, threshold, the rest. Every evidence kind side by side: extracted from the
-- corpus (origin corpus: terms of AI policies, ai_policy(); source = the policy's appearance file:lines holding the
-- term), the register (cited by its CSV line, with the page URL) and the curated rows (URL); each with its term kind,
-- its policy's standing today, trust mark and best_ok (best_candidate). Read from ai_terms (built with the database
-- from v_measure_terms). Used by: ai (the detail table and its download).
-- params: $regions, $measures, $limit, $offset
SELECT n.origin, n.entry_id, n.region_code, n.measure, n.measure_printed, n.value_kind, n.term_kind, n.shape, n.tier,
       n.per_unit, n.standing, n.best_ok, n.value, n.value_max, n.unit, n.number_printed, n.comparator, n.basis,
       n.beneficiary, n.condition, n.quote, n.source, n.citation, n.line_start, n.line_end, n.source_url,
       n.source_title, n.trust, n.dataset, n.policy_id, n.title AS policy_title, n.doc_number, n.issue_date, n.row_id,
       e.ref, e.lines, count(*) OVER () AS total
FROM ai_numbers($regions) n
JOIN ai_entries_before($regions, $measures) e USING (entry_id)
ORDER BY e.ref, n.kind_rank, n.row_id
LIMIT $limit OFFSET $offset
