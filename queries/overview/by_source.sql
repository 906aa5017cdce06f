-- The five source documents and what the build found in each. Used by: overview, sources.
-- params:
SELECT s.source_id, s.file, s.title, s.title_en, s.publisher, s.publication_date, s.kind, s.policy_part,
       s.n_lines, count(DISTINCT ps.policy_id) AS policies, count(ps.policy_id) AS appearances,
       (SELECT count(*) FROM terms t WHERE t.source_id = s.source_id) AS terms
FROM sources s LEFT JOIN policy_sources ps USING (source_id)
GROUP BY ALL ORDER BY s.file
