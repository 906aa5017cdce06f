-- The curated AI-support rows of one policy (peer_ai_terms, district_ai_terms): measure as printed, rate, cap,
-- condition, the quote, its URL and trust mark, and the CSV line. Used by: explorer (detail).
-- params: $policy_id
SELECT c.curated_id, c.dataset, c.measure, c.measure_printed, c.rate_pct, c.cap_wan, c.condition, c.quote,
       c.source_url, c.source_title, c.trust, 'curated/' || c.dataset || '.csv:' || ps.line_start AS sources
FROM curated_terms c JOIN policy_sources ps ON ps.record_id = c.curated_id AND ps.policy_id = c.policy_id
WHERE c.policy_id = $policy_id
ORDER BY c.dataset, ps.line_start
