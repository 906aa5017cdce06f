-- queries/ai/compared_entries.sql as it was at fc457e5, on ai_entries_before (ai_entries.sql).
-- The AI comparison's matrix: the entries of the given regions and measures (NULL: all), each cell's first
-- $per_cell by rank (best first, then the highest rate and cap; cell_n says how many it has), with their ref [n],
-- "★ 最优" (best) and everything a cell shows (ai_entries in data/schema.sql: one rule for best with the map,
-- best_candidate). Every evidence kind: corpus (extracted), register, curated; each with trust and source.
-- Used by: ai (matrix, differences).
-- params: $regions, $measures, $per_cell
SELECT * FROM ai_entries_before($regions, $measures) WHERE cell_rank <= $per_cell ORDER BY ref
