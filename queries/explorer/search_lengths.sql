-- Every policy's indexed length (weighted grams), in storage order (doc = row): the in-memory search computes BM25's
-- length norm from it and explorer/search_stats' avgdl as the search_hits macro does (data/schema.sql).
-- Used by: explorer (dashboard/search_scores.py).
-- params:
SELECT len FROM search_docs ORDER BY doc
