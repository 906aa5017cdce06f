-- Every source file of the corpus and what the build found in each (source_counts, counted when the database
-- is built; the curated tables of data/curated/ are sources too, listed by overview/source_counts and the
-- sources page); `added` is when data.ingest added it. Used by: overview, sources, chart views.
-- params:
SELECT s.source_id, s.file, s.title, coalesce(NULLIF(s.title_en, ''), s.title) AS title_en, s.publisher,
       s.publication_date, s.kind, s.policy_part, s.reader_layout, s.text_method, s.added, s.n_lines,
       c.policies::BIGINT AS policies, c.appearances::BIGINT AS appearances, c.terms::BIGINT AS terms
FROM sources s JOIN source_counts c USING (source_id)
WHERE s.kind NOT IN ('register', 'curated terms')
ORDER BY s.file
