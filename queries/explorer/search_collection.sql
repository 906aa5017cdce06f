-- What the in-memory search keeps of every policy, in storage order (doc = row). Used by: explorer
-- (dashboard/search_scores.py):
-- BM25's length norm of its postings' weights (the search_hits macro's, data/schema.sql) and its timeline day
-- (days since 1970-01-01; 1 - 2^31 when undated: it sorts last, as DATE '-infinity' does, and negates in 32 bits).
-- params:
SELECT 1.2 * (0.25 + 0.75 * d.len / s.avgdl) AS norm,
       coalesce(p.timeline_date - DATE '1970-01-01', -2147483647)::INTEGER AS day
FROM search_docs d JOIN v_policies p USING (doc) CROSS JOIN search_stats s
ORDER BY d.doc
