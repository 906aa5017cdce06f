-- Every source file of the corpus and what the build found in each (the curated tables of data/curated/ are
-- sources too, listed by overview/source_counts and the sources page); `added` is when data.ingest added it.
-- Used by: overview, sources, chart views.
-- params:
SELECT s.source_id, s.file, s.title, coalesce(NULLIF(s.title_en, ''), s.title) AS title_en, s.publisher,
       s.publication_date, s.kind, s.policy_part, s.reader_layout, s.text_method, s.added,
       s.n_lines, count(DISTINCT ps.policy_id) AS policies, count(ps.policy_id) AS appearances,
       (SELECT count(*) FROM terms t WHERE t.source_id = s.source_id) AS terms
FROM sources s LEFT JOIN policy_sources ps USING (source_id)
WHERE s.kind NOT IN ('register', 'curated terms')
GROUP BY ALL ORDER BY s.file
