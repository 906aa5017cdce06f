-- The source documents and the curated tables, and what the build found in each (curated: a table of
-- data/curated/, not a document of the corpus). Used by: overview, sources, the charts' source lines.
-- params:
SELECT s.source_id, s.file, s.title, s.title_en, s.publisher, s.publication_date, s.kind, s.policy_part,
       s.n_lines, s.kind IN ('register', 'curated terms') AS curated,
       count(DISTINCT ps.policy_id) AS policies, count(ps.policy_id) AS appearances,
       (SELECT count(*) FROM terms t WHERE t.source_id = s.source_id) AS terms
FROM sources s LEFT JOIN policy_sources ps USING (source_id)
GROUP BY ALL ORDER BY curated, s.file
