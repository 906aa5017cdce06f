-- queries17's oracle: the query as it was at 30762e0.
-- Headline numbers for the current filters. Used by: overview.
-- One pass over the filtered policies for what depends on the day or is not additive (in force today, the latest
-- issue date, distinct regions). The terms: without a topic, region or status filter (the page's default) the sum
-- of period_counts over the chosen levels and years (built with the database); with one, the policies joined to
-- their term counts (policy_term_counts, on doc). Each branch's condition is on the parameters alone, so DuckDB
-- drops the other before running.
-- params: $levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses
SELECT count(*) AS policies,
       (SELECT coalesce(sum(terms), 0)::BIGINT FROM period_counts
        WHERE ($levels IS NULL OR list_contains($levels, level))
          AND ((month IS NULL AND $include_undated)
               OR month BETWEEN make_date($year_from, 1, 1) AND make_date($year_to, 12, 31))) AS terms,
       count(DISTINCT f.region_code) AS regions,
       max(f.issue_date) FILTER (WHERE f.issue_date <= current_date) AS latest_issue,
       -- status_now = 'in_force' (marked_status on today) written out as comparisons: no status string per policy
       count(*) FILTER (WHERE coalesce(f.status_mark, '') NOT IN ('draft', 'superseded')
                          AND NOT (coalesce(f.status_mark, '') = 'lapsed' AND f.effective_to IS NULL)
                          AND coalesce(f.effective_from, f.issue_date) <= current_date
                          AND coalesce(f.effective_to, DATE '9999-12-31') >= current_date) AS in_force
FROM filtered_policies($levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses) f
WHERE $topics IS NULL AND $region IS NULL AND $statuses IS NULL
HAVING $topics IS NULL AND $region IS NULL AND $statuses IS NULL   -- no row at all from the branch not taken
UNION ALL
SELECT count(*) AS policies,
       coalesce(sum(k.terms), 0)::BIGINT AS terms,
       count(DISTINCT f.region_code) AS regions,
       max(f.issue_date) FILTER (WHERE f.issue_date <= current_date) AS latest_issue,
       count(*) FILTER (WHERE f.status_now = 'in_force') AS in_force
FROM filtered_policies($levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses) f
LEFT JOIN policy_term_counts k USING (doc)
WHERE NOT ($topics IS NULL AND $region IS NULL AND $statuses IS NULL)
HAVING NOT ($topics IS NULL AND $region IS NULL AND $statuses IS NULL)
