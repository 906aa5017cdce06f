-- overview/newest_policies in the page's default view (no topic, region or status filter): read from policy_timeline
-- (built with the database: the dated policies stored newest first, the levels and dates its columns), so the LIMIT
-- stops the scan after the first row groups (DuckDB's top-N filter skips the older ones by their zone maps) and only
-- the $limit rows' columns are read (their ids with their sources, from policy_citations: joined on doc, stored in
-- its order, so only the row groups holding those rows are read; never the policies). Used by: overview.
-- when null: $topics, $region, $statuses
-- params: $levels, $year_from, $year_to, $limit
WITH cut AS (   -- the $limit-th date: the titles that order the page are read from there on only
    SELECT t.timeline_date AS day FROM policy_timeline t
    WHERE ($levels IS NULL OR list_contains($levels, t.level))
      AND t.timeline_date BETWEEN make_date($year_from, 1, 1) AND make_date($year_to, 12, 31)
    ORDER BY t.timeline_date DESC LIMIT 1 OFFSET greatest($limit - 1, 0)
),
top AS (
    SELECT * FROM policy_timeline t
    WHERE ($levels IS NULL OR list_contains($levels, t.level))
      AND t.timeline_date BETWEEN greatest(make_date($year_from, 1, 1), coalesce((SELECT day FROM cut), DATE '-infinity'))
                              AND make_date($year_to, 12, 31)
    ORDER BY t.timeline_date DESC, t.title, t.doc
    LIMIT $limit
)
SELECT c.policy_id, top.* EXCLUDE (doc, status_mark, effective_from, effective_to, issue_date), c.sources,
       marked_status(top.status_mark, top.effective_from, top.effective_to, top.issue_date, current_date) AS status_now
FROM top JOIN v_policy_citations c USING (doc) ORDER BY top.timeline_date DESC, top.title, top.doc
