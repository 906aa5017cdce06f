-- The register's rows (data/curated/wuhan_policy_register.csv) per kind of page read, trust mark and host, with
-- how many name an official URL. Used by: sources.
-- params:
SELECT ps.page_kind, ps.trust, regexp_extract(ps.page_url, '^https?://([^/]+)', 1) AS host, count(*) AS rows,
       count(ps.official_url) AS with_official_url, arg_min(ps.printed_title, ps.line_start) AS example_title
FROM policy_sources ps
WHERE ps.kind = 'register_entry'
GROUP BY ALL
ORDER BY rows DESC, host, ps.page_kind, ps.trust   -- a total order: the same page every time
