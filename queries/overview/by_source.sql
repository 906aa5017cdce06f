-- Every source file and curated table, and what the build found in each (curated: a table of data/curated/, not a
-- document of the corpus); `added` is when data.ingest added it. Used by: overview, sources, the charts' source lines.
-- params:
SELECT s.source_id, s.file, s.title, coalesce(NULLIF(s.title_en, ''), s.title) AS title_en, s.publisher,
       s.publication_date, s.kind, s.policy_part, s.reader_layout, s.text_method, s.added,
       s.n_lines, s.kind IN ('register', 'curated terms') AS curated,
       count(DISTINCT ps.policy_id) AS policies, count(ps.policy_id) AS appearances,
       (SELECT count(*) FROM terms t WHERE t.source_id = s.source_id) AS terms
FROM sources s LEFT JOIN policy_sources ps USING (source_id)
GROUP BY ALL ORDER BY curated, s.file
