-- How many appearances of each kind the build found in each source. Used by: sources.
-- params:
SELECT s.file, ps.kind, count(*) AS appearances, count(DISTINCT ps.policy_id) AS policies
FROM policy_sources ps JOIN sources s USING (source_id)
GROUP BY ALL ORDER BY s.file, ps.kind
