-- The policies in force on one day (marked_status(...) = 'in_force', as in in_force_on_days), one page of them
-- ($limit rows from $offset) with their sources; total: how many there are. The matching rows are counted, and the
-- ($limit + $offset)-th earliest date found, on their dates alone; only the rows dated up to that day (ties
-- included) are ordered by date, title and id, and the page's columns are read in the same pass.
-- Used by: trends (the list under the chart in mode in_force).
-- params: $levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses, $day, $limit, $offset
WITH m AS MATERIALIZED (   -- narrow: doc and date
    SELECT p.doc, p.timeline_date
    FROM filtered_policies($levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses) p
    WHERE marked_status(p.status_mark, p.effective_from, p.effective_to, p.issue_date, $day::DATE) = 'in_force'
),
stats AS MATERIALIZED (   -- the page ends on or before the ($limit + $offset)-th earliest date (NULL: undated ones too)
    SELECT count(*) AS total, count(timeline_date) AS dated,
           list_max(min(timeline_date, ($limit + $offset)::BIGINT)) AS last_day
    FROM m
),
page AS MATERIALIZED (   -- ordered, and every column read, in one pass over the few candidates
    SELECT p.doc, p.policy_id, p.title, p.doc_number, p.level, p.region_code, p.primary_topic,
           p.timeline_date, p.timeline_basis,
           CASE p.timeline_basis WHEN 'issued' THEN p.issue_date_precision ELSE p.effective_from_precision END
               AS date_precision,
           p.status_now, p.evidence_kind, p.trust
    FROM v_policies p
    WHERE p.doc IN (SELECT m.doc FROM m, stats s
                    WHERE s.dated < $limit + $offset OR m.timeline_date <= s.last_day)
    ORDER BY p.timeline_date NULLS LAST, p.title, p.policy_id LIMIT $limit OFFSET $offset
)
SELECT p.* EXCLUDE (doc), c.sources, (SELECT total FROM stats) AS total
FROM page p LEFT JOIN v_policy_citations c USING (doc)
ORDER BY p.timeline_date NULLS LAST, p.title, p.policy_id
