-- How many corpus files and curated tables the database holds (curated: kind register or curated terms, a table
-- of data/curated/). Used by: the charts' source lines (dashboard/coverage.py).
-- params:
SELECT count(*) FILTER (WHERE kind NOT IN ('register', 'curated terms')) AS corpus_files,
       count(*) FILTER (WHERE kind IN ('register', 'curated terms')) AS curated_tables
FROM sources
