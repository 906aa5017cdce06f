-- Policies placed on the timeline per period and group (level, or primary topic so that every policy counts
-- once), with the first few titles of each bar by date. A policy sits in the period of its timeline_date
-- (issue date, else effective date); undated policies are not counted here (see undated_counts).
-- The first titles are the three smallest (date, title) of each bar (min_by keeps three, no sort of every title).
-- Without a topic, region or status filter (the page's default) counts_by_period.default sums stored counts.
-- Used by: trends (stacked, share and cumulative modes).
-- $titles: whether each bar's first titles are wanted (a hover lists them up to 160 periods); else they are [].
-- params: $levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses, $gran, $split, $titles
SELECT date_trunc(CASE WHEN $gran IN ('year', 'quarter', 'month') THEN $gran ELSE 'year' END, timeline_date)::DATE AS period_start,
       CASE $split WHEN 'topic' THEN primary_topic ELSE level END AS grp,
       count(*) AS policies,
       CASE WHEN $titles THEN min_by(title, {'d': timeline_date, 't': title}, 3) ELSE []::VARCHAR[] END AS first_titles
FROM filtered_policies($levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses)
WHERE timeline_date IS NOT NULL
GROUP BY ALL
ORDER BY period_start, grp
