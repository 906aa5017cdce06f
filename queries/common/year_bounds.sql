-- The first and last year a policy was issued or took effect. Used by: the years filter.
-- params:
SELECT min(year(timeline_date)) AS first_year, max(year(timeline_date)) AS last_year FROM v_policies
