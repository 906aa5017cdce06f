-- Every AI-support term of the given regions, one row per number, from the corpus and from the curated tables side by side. Used by: ai (matrix, differences, long table).
-- params: $regions
-- Corpus: terms of AI policies (title matches 人工智能|AI|OPC|大模型|算力), region = the policy's region; the source is
-- the policy's appearance (file:lines) that contains the term's lines. entry_id groups the numbers of one clause and measure.
-- Curated: curated_terms unpivoted (v_curated_terms: a rate row and a cap row; a statement row when it has neither),
-- with its URL and trust. Every row has its term kind, the policy's standing (draft / superseded / expired …) and
-- best_ok: whether it may be "★ 最优" (best_candidate in data/schema.sql, the rule the map uses too).
WITH ai_policies AS (
    SELECT policy_id, title, doc_number, region_code, issue_date
    FROM policies
    WHERE regexp_matches(title, '人工智能|AI|OPC|大模型|算力') AND list_contains($regions, region_code)
),
corpus AS (
    SELECT 'corpus' AS origin,
           'k:' || t.policy_id || ':' || t.source_id || ':' || t.line_start || '-' || t.line_end || ':' || t.measure AS entry_id,
           p.region_code, t.measure, CAST(NULL AS VARCHAR) AS measure_printed,
           t.value_kind, t.term_kind, t.shape, t.tier, t.per_unit, t.standing,
           best_candidate(t.term_kind, t.shape, t.standing, NULL) AS best_ok,
           t.value, t.value_max, t.unit, t.number_printed, t.comparator, t.basis, t.beneficiary,
           t.condition, t.quote,
           s.file || ':' || coalesce(
               (SELECT ps.line_start || '-' || ps.line_end FROM policy_sources ps
                WHERE ps.policy_id = t.policy_id AND ps.source_id = t.source_id
                  AND ps.line_start <= t.line_start AND ps.line_end >= t.line_end
                ORDER BY ps.line_end - ps.line_start, ps.line_start LIMIT 1),
               t.line_start || '-' || t.line_end) AS source,
           t.line_start, t.line_end,
           CAST(NULL AS VARCHAR) AS source_url, s.title AS source_title,
           CAST(NULL AS VARCHAR) AS trust, CAST(NULL AS VARCHAR) AS dataset,
           p.policy_id, p.title AS policy_title, p.doc_number, CAST(p.issue_date AS VARCHAR) AS issue_date,
           t.term_id AS row_id
    FROM v_terms t
    JOIN ai_policies p USING (policy_id)
    JOIN sources s ON s.source_id = t.source_id
),
curated AS (
    SELECT c.* FROM v_curated_terms c WHERE list_contains($regions, c.region_code)
)
SELECT * FROM corpus
UNION ALL BY NAME
SELECT 'curated' AS origin, 'c:' || curated_id AS entry_id, region_code, measure, measure_printed,
       value_kind, term_kind, 'point' AS shape, CAST(NULL AS VARCHAR) AS tier, CAST(NULL AS VARCHAR) AS per_unit,
       standing, best_candidate(term_kind, 'point', standing, trust) AS best_ok, value, CAST(NULL AS DOUBLE) AS value_max, unit, CAST(NULL AS VARCHAR) AS number_printed,
       CAST(NULL AS VARCHAR) AS comparator, CAST(NULL AS VARCHAR) AS basis, CAST(NULL AS VARCHAR) AS beneficiary,
       condition, quote, source_url AS source, CAST(NULL AS INTEGER) AS line_start, CAST(NULL AS INTEGER) AS line_end,
       source_url, source_title, trust, dataset,
       policy_id, policy_title, doc_number, issue_date, curated_id AS row_id
FROM curated
ORDER BY region_code, measure, origin, entry_id,
         CASE value_kind WHEN 'rate' THEN 0 WHEN 'cap' THEN 1 WHEN 'amount' THEN 2 WHEN 'threshold' THEN 3 ELSE 4 END, row_id
