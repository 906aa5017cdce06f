-- Headline numbers for the current filters. Used by: overview.
-- One pass over the filtered policies; the terms are counted per policy when the database is built
-- (policy_term_counts, stored in doc order), so no query joins every term, and the join compares integers.
-- params: $levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses
SELECT count(*) AS policies,
       coalesce(sum(k.terms), 0)::BIGINT AS terms,
       count(DISTINCT f.region_code) AS regions,
       max(f.issue_date) FILTER (WHERE f.issue_date <= current_date) AS latest_issue,
       count(*) FILTER (WHERE f.status_now = 'in_force') AS in_force
FROM filtered_policies($levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses) f
LEFT JOIN policy_term_counts k USING (doc)
