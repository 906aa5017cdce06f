-- The collection's size and mean length, for BM25. Used by: explorer (the in-memory search, dashboard/search_scores.py).
-- params:
SELECT n, avgdl FROM search_stats
