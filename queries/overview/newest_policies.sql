-- The newest policies (by issue date, else effective date; ties: title, then storage row) for the current filters,
-- with their sources. Used by: overview.
-- The filtered policies' rows (docs) are looked up in policy_timeline (built with the database: the dated policies
-- with the columns shown here, stored newest first), and only the $limit rows' ids and sources are read (from
-- policy_citations, joined on doc). Without a topic, region or status filter (the page's default) newest_policies.default answers
-- from policy_timeline alone.
-- params: $levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses, $limit
WITH top AS (
    SELECT * FROM policy_timeline t
    WHERE t.doc IN (SELECT doc FROM filtered_policies($levels, $topics, $region, $year_from, $year_to,
                                                      $include_undated, $statuses))
    ORDER BY t.timeline_date DESC, t.title, t.doc LIMIT $limit
)
SELECT c.policy_id, top.* EXCLUDE (doc, status_mark, effective_from, effective_to, issue_date), c.sources,
       marked_status(top.status_mark, top.effective_from, top.effective_to, top.issue_date, current_date) AS status_now
FROM top JOIN v_policy_citations c USING (doc) ORDER BY top.timeline_date DESC, top.title, top.doc
