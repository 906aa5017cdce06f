-- Every policy's timeline day, by doc, by which the in-memory search orders matches of equal score: days since
-- 1970-01-01, and 1 - 2^31 when undated (it sorts last, as DATE '-infinity' does, and negates in 32 bits).
-- Used by: explorer (dashboard/search_scores.py).
-- params:
SELECT doc, coalesce(timeline_date - DATE '1970-01-01', -2147483647)::INTEGER AS day FROM v_policies
