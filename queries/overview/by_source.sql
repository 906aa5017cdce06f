-- The source documents and what the build found in each (source_counts, counted when the database is built).
-- Used by: overview, sources.
-- params:
SELECT s.source_id, s.file, s.title, s.title_en, s.publisher, s.publication_date, s.kind, s.policy_part,
       s.n_lines, c.policies::BIGINT AS policies, c.appearances::BIGINT AS appearances, c.terms::BIGINT AS terms
FROM sources s JOIN source_counts c USING (source_id)
ORDER BY s.file
