-- overview/headline_numbers in the page's default view (no topic, region or status filter), from tables built with
-- the database where the levels and the years are columns: the policies and terms from period_counts, the regions
-- from period_regions, the latest issue date from policy_timeline (stored newest first: the first rows up to today),
-- and those in force today from in_force_steps (the sum of the steps up to today). Used by: overview.
-- when null: $topics, $region, $statuses
-- params: $levels, $year_from, $year_to, $include_undated
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
