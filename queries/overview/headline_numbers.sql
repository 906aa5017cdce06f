-- Headline numbers for the current filters. Used by: overview.
-- Without a topic, region or status filter (the page's default) every number is read from tables built with the
-- database, where the levels and the years are columns: the policies and terms from period_counts, the regions from
-- period_regions, the latest issue date from policy_timeline (stored newest first: the first rows up to today), and
-- those in force today from in_force_steps (the sum of the steps up to today). With such a filter, one pass over
-- the filtered policies, their terms joined on doc (policy_term_counts). Each branch's condition is on the
-- parameters alone, so DuckDB drops the other before running.
-- params: $levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses
SELECT c.policies, c.terms,
       (SELECT count(DISTINCT region_code) FROM period_regions
        WHERE ($levels IS NULL OR list_contains($levels, level))
          AND ((year IS NULL AND $include_undated) OR year BETWEEN $year_from AND $year_to)) AS regions,
       (SELECT timeline_date FROM policy_timeline
        WHERE issue_date IS NOT NULL AND timeline_date <= current_date   -- a policy's issue date is its timeline date
          AND ($levels IS NULL OR list_contains($levels, level))
          AND timeline_date BETWEEN make_date($year_from, 1, 1) AND make_date($year_to, 12, 31)
        ORDER BY timeline_date DESC LIMIT 1) AS latest_issue,
       (SELECT coalesce(sum(n), 0)::BIGINT FROM in_force_steps
        WHERE day <= current_date AND ($levels IS NULL OR list_contains($levels, level))
          AND ((year IS NULL AND $include_undated) OR year BETWEEN $year_from AND $year_to)) AS in_force
FROM (SELECT coalesce(sum(policies), 0)::BIGINT AS policies, coalesce(sum(terms), 0)::BIGINT AS terms
      FROM period_counts
      WHERE ($levels IS NULL OR list_contains($levels, level))
        AND ((month IS NULL AND $include_undated)
             OR month BETWEEN make_date($year_from, 1, 1) AND make_date($year_to, 12, 31))) c
WHERE $topics IS NULL AND $region IS NULL AND $statuses IS NULL
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
