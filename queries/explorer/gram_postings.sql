-- One gram's postings, weighted in memory as the search_hits macro weights them (data/schema.sql). Only the gram's
-- own row groups are read (search_terms is sorted by term_id). Used by: explorer (dashboard/search_scores.py).
-- params: $term_id
SELECT doc, tf FROM search_terms WHERE term_id = $term_id
