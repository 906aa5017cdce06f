-- The regions one can compare, with how many AI-support entries each has (corpus clauses + register rows + curated
-- rows, ai_region_counts: built with the database from ai_terms): Wuhan's districts and zones with terms first, then
-- the rest of the gazetteer. Used by: ai (the compare picker).
-- params:
SELECT r.code, r.level, r.parent_code, r.name, r.name_en,
       coalesce(parent_code = '420100' AND r.level IN ('district', 'zone'), false) AS wuhan_district,
       coalesce(c.corpus, 0) AS corpus_terms, coalesce(c.curated, 0) + coalesce(c.register, 0) AS curated_terms,
       coalesce(c.corpus, 0) + coalesce(c.curated, 0) + coalesce(c.register, 0) AS ai_terms
FROM regions r
LEFT JOIN ai_region_counts c ON c.region_code = r.code
ORDER BY (wuhan_district AND ai_terms > 0) DESC, wuhan_district DESC,
         CASE r.level WHEN 'province' THEN 0 WHEN 'prefecture' THEN 1 WHEN 'country' THEN 3 ELSE 2 END, r.code
