-- The AI comparison's matrix: the entries of the given regions and measures (NULL: all), each cell's first
-- $per_cell by rank (best first, then the highest rate and cap; cell_n says how many it has), with their ref [n],
-- "★ 最优" (best) and everything a cell shows (ai_entries in data/schema.sql: one rule for best with the map,
-- best_candidate; the quotes, conditions and sources of the shown entries only: ai_entry_details). Every evidence
-- kind: corpus (extracted), register, curated; each with trust and source.
-- Used by: ai (matrix, differences).
-- params: $regions, $measures, $per_cell
WITH e AS MATERIALIZED (SELECT * FROM ai_entries($regions, $measures) WHERE cell_rank <= $per_cell)
SELECT e.entry_id, e.origin, e.region_code, e.measure, e.measure_printed, e.rate, e.rate_max, e.cap, e.amount,
       e.rate_ok, e.cap_ok, e.standing, d.others, d.thresholds, d.conditions, d.basis, d.beneficiary, d.quote, d.source,
       d.source_url, d.source_title, d.trust, d.dataset, d.policy_id, d.policy_title, d.doc_number, d.issue_date,
       d.citation, e.lines, e.ref, e.best, e.cell_rank, e.cell_n, e.region_n
FROM e JOIN ai_entry_details($regions, (SELECT list(entry_id) FROM e)) d USING (entry_id)
ORDER BY e.ref
