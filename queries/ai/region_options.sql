-- The regions one can compare, with how many AI-support terms each has (corpus clauses + curated rows): Wuhan's districts and zones with terms first, then the rest of the gazetteer. Used by: ai (the compare picker).
-- params:
-- An AI policy is one whose title matches 人工智能|AI|OPC|大模型|算力 (the same rule as ai/compared_terms.sql).
WITH corpus AS (
    SELECT p.region_code, count(DISTINCT (t.policy_id, t.source_id, t.line_start, t.line_end, t.measure)) AS n
    FROM terms t JOIN policies p USING (policy_id)
    WHERE regexp_matches(p.title, '人工智能|AI|OPC|大模型|算力')
    GROUP BY p.region_code
),
curated AS (
    SELECT region_code, count(*) AS n FROM curated_terms GROUP BY region_code
)
SELECT r.code, r.level, r.parent_code, r.name, r.name_en,
       coalesce(parent_code = '420100' AND r.level IN ('district', 'zone'), false) AS wuhan_district,
       coalesce(c.n, 0) AS corpus_terms, coalesce(k.n, 0) AS curated_terms,
       coalesce(c.n, 0) + coalesce(k.n, 0) AS ai_terms
FROM regions r
LEFT JOIN corpus c ON c.region_code = r.code
LEFT JOIN curated k ON k.region_code = r.code
ORDER BY (wuhan_district AND ai_terms > 0) DESC, wuhan_district DESC,
         CASE r.level WHEN 'province' THEN 0 WHEN 'prefecture' THEN 1 WHEN 'country' THEN 3 ELSE 2 END, r.code
