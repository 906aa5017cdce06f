-- The register's rows (data/curated/wuhan_policy_register.csv) per kind of page read, trust mark and host, with
-- how many name an official URL. Used by: sources.
-- params:
SELECT ps.page_kind, ps.trust, regexp_extract(ps.page_url, '^https?://([^/]+)', 1) AS host, count(*) AS rows,
       count(ps.official_url) AS with_official_url, any_value(ps.printed_title ORDER BY ps.line_start) AS example_title
FROM policy_sources ps
WHERE ps.kind = 'register_entry'
GROUP BY ALL
ORDER BY rows DESC, host
