-- What the database covers, per level (whatever the sidebar filters): policies by what they rest on (their best
-- evidence kind), the years their dates span, how many have no date, how many regions they come from.
-- Used by: overview (coverage).
-- params:
SELECT p.level, count(*) AS policies,
       count(*) FILTER (WHERE p.evidence_kind = 'full_text') AS full_text,
       count(*) FILTER (WHERE p.evidence_kind = 'summary') AS summary,
       count(*) FILTER (WHERE p.evidence_kind IN ('list_entry', 'toc', 'citation')) AS listed,
       count(*) FILTER (WHERE p.evidence_kind = 'register_entry') AS register_entry,
       count(*) FILTER (WHERE p.evidence_kind = 'curated_term') AS curated_term,
       count(*) FILTER (WHERE p.status_mark = 'draft') AS drafts,
       min(year(p.timeline_date)) AS first_year, max(year(p.timeline_date)) AS last_year,
       count(*) FILTER (WHERE p.timeline_date IS NULL) AS undated,
       count(DISTINCT p.region_code) AS regions
FROM v_policies p
GROUP BY p.level
ORDER BY list_position(['national', 'provincial', 'municipal', 'district'], p.level)
