-- trends/counts_by_period in the page's default view (no topic, region or status filter): the bars are sums of
-- period_groups (built with the database: months, levels and primary topics are its columns, each with its three
-- first titles). A bar's first titles are min_by over its groups' unnested items: faster than sorting the
-- concatenated lists. Used by: trends.
-- when null: $topics, $region, $statuses
-- params: $levels, $year_from, $year_to, $gran, $split
WITH g AS (SELECT date_trunc(CASE WHEN $gran IN ('year', 'quarter', 'month') THEN $gran ELSE 'year' END, month)::DATE AS period_start,
                  CASE $split WHEN 'topic' THEN primary_topic ELSE level END AS grp, policies, first_items
           FROM period_groups
           WHERE ($levels IS NULL OR list_contains($levels, level))
             AND month BETWEEN make_date($year_from, 1, 1) AND make_date($year_to, 12, 31)),
counts AS (SELECT period_start, grp, sum(policies)::BIGINT AS policies FROM g GROUP BY ALL),
firsts AS (SELECT period_start, grp, min_by(item.t, item, 3) AS first_titles
           FROM (SELECT period_start, grp, unnest(first_items) AS item FROM g) GROUP BY ALL)
SELECT counts.period_start, counts.grp, counts.policies, firsts.first_titles
FROM counts JOIN firsts ON firsts.period_start = counts.period_start
                   AND firsts.grp IS NOT DISTINCT FROM counts.grp   -- NULL: no level or topic
ORDER BY period_start, grp
