-- The policies within the shared filters and signed by $issuer (if given), as the search_hits macro keeps them
-- (data/schema.sql), by storage row. Used by: explorer (the in-memory search, dashboard/search_scores.py).
-- params: $levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses, $issuer
SELECT doc FROM filtered_policies($levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses)
WHERE $issuer IS NULL OR list_contains(issuers, $issuer)
