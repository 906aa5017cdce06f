-- What the database does not cover (whatever the sidebar filters): the years between the first and the last dated
-- policy with no source at all (no row of the coverage table), and Wuhan's districts and zones with no policy found.
-- Used by: overview (coverage).
-- params:
WITH span AS (SELECT min(year) AS lo, max(year) AS hi FROM coverage WHERE year IS NOT NULL),
years AS (SELECT unnest(generate_series(lo, hi)) AS year FROM span)
SELECT 'year' AS gap, CAST(y.year AS VARCHAR) AS code, CAST(y.year AS VARCHAR) AS name, CAST(y.year AS VARCHAR) AS name_en
FROM years y WHERE y.year NOT IN (SELECT year FROM coverage WHERE year IS NOT NULL)
UNION ALL
SELECT 'wuhan_unit', r.code, r.name, r.name_en
FROM regions r
WHERE r.parent_code = '420100' AND r.code NOT IN (SELECT region_code FROM coverage)
ORDER BY gap, code
