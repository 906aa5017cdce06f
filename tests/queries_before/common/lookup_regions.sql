-- The gazetteer with how many policies each region issued. Used by: every page (region filter, labels), map.
-- label / label_en: the name, with its parent's name where several regions share it (鼓楼区（南京）).
-- Order: the country, then Hubei (the province, its prefectures, Wuhan's districts and zones, its other
-- districts and counties), then the other provinces, their prefectures, their districts and counties.
-- params:
SELECT r.code, r.level, r.parent_code, r.name, r.short_name, r.name_en, r.has_polygon, r.lon, r.lat,
       (SELECT count(*) FROM policies p WHERE p.region_code = r.code) AS policies,
       CASE WHEN count(*) OVER (PARTITION BY r.name) > 1 THEN r.name || '（' || pr.short_name || '）'
            ELSE r.name END AS label,
       CASE WHEN count(*) OVER (PARTITION BY r.name_en) > 1 THEN r.name_en || ' (' || pr.name_en || ')'
            ELSE r.name_en END AS label_en
FROM regions r
LEFT JOIN regions pr ON pr.code = r.parent_code
ORDER BY r.code <> '100000', NOT starts_with(r.code, '42'),
         CASE r.level WHEN 'country' THEN 0 WHEN 'province' THEN 1 WHEN 'prefecture' THEN 2 ELSE 3 END,
         coalesce(r.parent_code, '') <> '420100', r.code
