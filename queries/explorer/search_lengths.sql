-- Every indexed policy's length (weighted grams), by doc: the in-memory search computes BM25's length norm from it
-- and explorer/search_stats' avgdl as the search_hits macro does (data/schema.sql).
-- Used by: explorer (dashboard/search_scores.py).
-- params:
SELECT doc, len FROM search_docs
