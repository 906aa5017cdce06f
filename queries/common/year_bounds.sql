-- The first and last year a policy was issued or took effect. Used by: the years filter.
-- params:
SELECT year(min(timeline_date)) AS first_year, year(max(timeline_date)) AS last_year FROM v_policies
