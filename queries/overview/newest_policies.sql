-- The newest policies (by issue date, else effective date; ties: title, then storage row) for the current filters,
-- with their sources. Used by: overview.
-- Read from policy_timeline (built with the database: the dated policies with the columns shown here, stored newest
-- first), so the LIMIT stops the scan after the first row groups (DuckDB's top-N filter skips the older ones by
-- their zone maps) and only the $limit rows' columns are read (their ids and document numbers from the policies).
-- Without a topic, region or status filter (the page's default) the levels and years are its columns; with one,
-- the filtered policies' rows (docs) are looked up in it.
-- Each branch's condition is on the parameters alone, so DuckDB drops the other before running.
-- params: $levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses, $limit
WITH cut AS (   -- the default view's $limit-th date: the titles that order the page are read from there on only
    SELECT t.timeline_date AS day FROM policy_timeline t
    WHERE $topics IS NULL AND $region IS NULL AND $statuses IS NULL
      AND ($levels IS NULL OR list_contains($levels, t.level))
      AND t.timeline_date BETWEEN make_date($year_from, 1, 1) AND make_date($year_to, 12, 31)
    ORDER BY t.timeline_date DESC LIMIT 1 OFFSET greatest($limit - 1, 0)
),
top AS (
    (SELECT * FROM policy_timeline t
     WHERE $topics IS NULL AND $region IS NULL AND $statuses IS NULL
       AND ($levels IS NULL OR list_contains($levels, t.level))
       AND t.timeline_date BETWEEN greatest(make_date($year_from, 1, 1), coalesce((SELECT day FROM cut), DATE '-infinity'))
                               AND make_date($year_to, 12, 31)
     ORDER BY t.timeline_date DESC, t.title, t.doc
     LIMIT $limit)
    UNION ALL
    (SELECT * FROM policy_timeline t
     WHERE NOT ($topics IS NULL AND $region IS NULL AND $statuses IS NULL)
       AND t.doc IN (SELECT doc FROM filtered_policies($levels, $topics, $region, $year_from, $year_to,
                                                      $include_undated, $statuses))
     ORDER BY t.timeline_date DESC, t.title, t.doc
     LIMIT $limit)
)
SELECT p.policy_id, top.title, p.doc_number, top.level, top.region_code, top.timeline_date, top.timeline_basis,
       top.issue_date_precision,
       marked_status(top.status_mark, top.effective_from, top.effective_to, top.issue_date, current_date) AS status_now,
       top.primary_topic, top.evidence_kind, top.trust, c.sources
FROM top JOIN v_policy_citations c USING (doc) JOIN v_policies p USING (doc)
ORDER BY top.timeline_date DESC, top.title, top.doc
