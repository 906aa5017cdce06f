-- Policies placed on the timeline per period and group (level, or primary topic so that every policy counts
-- once), with the first few titles of each bar by date. A policy sits in the period of its timeline_date
-- (issue date, else effective date); undated policies are not counted here (see undated_counts).
-- The first titles are the three smallest (date, title) of each bar (min_by keeps three, no sort of every title).
-- Without a topic, region or status filter (the page's default) the bars are sums of period_groups (built with the
-- database: months, levels and primary topics are its columns, each with its three first titles); with one, they
-- are counted over the policies. Each branch's condition is on the parameters alone, so DuckDB drops the other.
-- (A bar's first titles are min_by over its groups' unnested items: faster than sorting the concatenated lists.)
-- Used by: trends (stacked, share and cumulative modes).
-- params: $levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses, $gran, $split
WITH g AS (SELECT date_trunc(CASE WHEN $gran IN ('year', 'quarter', 'month') THEN $gran ELSE 'year' END, month)::DATE AS period_start,
                  CASE $split WHEN 'topic' THEN primary_topic ELSE level END AS grp, policies, first_items
           FROM period_groups
           WHERE $topics IS NULL AND $region IS NULL AND $statuses IS NULL
             AND ($levels IS NULL OR list_contains($levels, level))
             AND month BETWEEN make_date($year_from, 1, 1) AND make_date($year_to, 12, 31)),
counts AS (SELECT period_start, grp, sum(policies)::BIGINT AS policies FROM g GROUP BY ALL),
firsts AS (SELECT period_start, grp, min_by(item.t, item, 3) AS first_titles
           FROM (SELECT period_start, grp, unnest(first_items) AS item FROM g) GROUP BY ALL)
SELECT counts.period_start, counts.grp, counts.policies, firsts.first_titles
FROM counts JOIN firsts ON firsts.period_start = counts.period_start
                   AND firsts.grp IS NOT DISTINCT FROM counts.grp   -- NULL: no level or topic
UNION ALL
SELECT date_trunc(CASE WHEN $gran IN ('year', 'quarter', 'month') THEN $gran ELSE 'year' END, timeline_date)::DATE AS period_start,
       CASE $split WHEN 'topic' THEN primary_topic ELSE level END AS grp,
       count(*) AS policies,
       min_by(title, {'d': timeline_date, 't': title}, 3) AS first_titles
FROM filtered_policies($levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses)
WHERE timeline_date IS NOT NULL AND NOT ($topics IS NULL AND $region IS NULL AND $statuses IS NULL)
GROUP BY ALL
ORDER BY period_start, grp
