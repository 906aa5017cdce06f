-- The gazetteer with how many policies each region issued. Used by: every page (region filter, labels), map.
-- params:
SELECT r.code, r.level, r.parent_code, r.name, r.short_name, r.name_en, r.has_polygon, r.lon, r.lat,
       (SELECT count(*) FROM policies p WHERE p.region_code = r.code) AS policies
FROM regions r
ORDER BY CASE r.level WHEN 'country' THEN 0 WHEN 'province' THEN 1 WHEN 'prefecture' THEN 2 ELSE 3 END, r.code
