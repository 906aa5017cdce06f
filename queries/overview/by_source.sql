-- Every source file and what the build found in each (source_counts, counted when the database is built);
-- `added` is when data.ingest added it. Used by: overview, sources.
-- params:
SELECT s.source_id, s.file, s.title, coalesce(NULLIF(s.title_en, ''), s.title) AS title_en, s.publisher,
       s.publication_date, s.kind, s.policy_part, s.reader_layout, s.text_method, s.added, s.n_lines,
       c.policies::BIGINT AS policies, c.appearances::BIGINT AS appearances, c.terms::BIGINT AS terms
FROM sources s JOIN source_counts c USING (source_id)
ORDER BY s.file
