-- Headline numbers for the current filters: one pass over the filtered policies, their terms joined on doc
-- (policy_term_counts). Used by: overview.
-- Without a topic, region or status filter (the page's default) headline_numbers.default answers from stored tables.
-- params: $levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses
SELECT count(*) AS policies,
       coalesce(sum(k.terms), 0)::BIGINT AS terms,
       count(DISTINCT f.region_code) AS regions,
       max(f.issue_date) FILTER (WHERE f.issue_date <= current_date) AS latest_issue,
       count(*) FILTER (WHERE f.status_now = 'in_force') AS in_force
FROM filtered_policies($levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses) f
LEFT JOIN policy_term_counts k USING (doc)
