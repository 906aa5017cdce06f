-- How many appearances of each kind the build found in each source (source_kinds, counted when the database
-- is built). Used by: sources.
-- params:
SELECT s.file, k.kind, k.appearances::BIGINT AS appearances, k.policies::BIGINT AS policies
FROM source_kinds k JOIN sources s USING (source_id)
ORDER BY s.file, k.kind
