-- The curated (not from the corpus) AI-support rows per dataset, source and trust. Used by: sources.
-- params:
SELECT dataset, trust, regexp_extract(source_url, '^https?://([^/]+)', 1) AS host, count(*) AS rows,
       min(source_title) AS example_title
FROM curated_terms GROUP BY ALL ORDER BY dataset, rows DESC, host, trust   -- a total order: the same page every time
