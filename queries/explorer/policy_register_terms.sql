-- The register's terms of one policy (data/curated/wuhan_register_terms.csv): measure, rate, cap, threshold,
-- duration, the paraphrased condition (English as the register holds it, and in Chinese) and the page read.
-- Used by: explorer (detail).
-- params: $policy_id
SELECT rt.register_id, rt.line, rt.measure, rt.rate_pct, rt.cap_wan, rt.threshold, rt.duration_months,
       rt.condition_paraphrase, rt.threshold_zh, rt.condition_zh, rt.source_url, 'curated/wuhan_register_terms.csv:' || rt.line AS sources
FROM register_terms rt
WHERE rt.policy_id = $policy_id
ORDER BY rt.line
