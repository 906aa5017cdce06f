-- A gram's number and BM25 idf; no row when no policy holds it. Used by: explorer (dashboard/search_scores.py).
-- params: $term
SELECT term_id, idf FROM search_grams WHERE term = $term
