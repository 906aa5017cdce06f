-- A gram's number, BM25 idf and how many policies hold it; no row when none does.
-- Used by: explorer (dashboard/search_scores.py).
-- params: $term
SELECT term_id, idf, df FROM search_grams WHERE term = $term
