-- trends/counts_by_period in the page's default view (no topic, region or status filter), from tables built with
-- the database. With no level selected, or split by level (a level is then a bar of its own), the bars are read
-- ready from trend_bars; otherwise (split by topic within some levels) they are sums of period_groups (months,
-- levels and primary topics are its columns, each with its three first titles), a bar's first titles min_by over
-- its groups' unnested items. Each branch's condition is on the parameters alone, so DuckDB drops the other.
-- Used by: trends.
-- when null: $topics, $region, $statuses
-- $titles: whether each bar's first titles are wanted (a hover lists them up to 160 periods); else they are [].
-- params: $levels, $year_from, $year_to, $gran, $split, $titles
WITH ready AS (
    SELECT period_start, grp, policies, CASE WHEN $titles THEN first_titles ELSE []::VARCHAR[] END AS first_titles FROM trend_bars
    WHERE ($levels IS NULL OR $split IS DISTINCT FROM 'topic')
      AND unit = CASE WHEN $gran IN ('year', 'quarter', 'month') THEN $gran ELSE 'year' END
      AND split = CASE $split WHEN 'topic' THEN 'topic' ELSE 'level' END
      AND ($levels IS NULL OR list_contains($levels, grp))
      AND period_start BETWEEN make_date($year_from, 1, 1) AND make_date($year_to, 12, 31)),
g AS (SELECT date_trunc(CASE WHEN $gran IN ('year', 'quarter', 'month') THEN $gran ELSE 'year' END, month)::DATE AS period_start,
             primary_topic AS grp, policies, first_items
      FROM period_groups
      WHERE $levels IS NOT NULL AND $split = 'topic' AND list_contains($levels, level)
        AND month BETWEEN make_date($year_from, 1, 1) AND make_date($year_to, 12, 31)),
counts AS (SELECT period_start, grp, sum(policies)::BIGINT AS policies FROM g GROUP BY ALL),
firsts AS (SELECT period_start, grp, min_by(item.t, item, 3) AS first_titles
           FROM (SELECT period_start, grp, unnest(first_items) AS item FROM g) GROUP BY ALL)
SELECT * FROM ready
UNION ALL
SELECT counts.period_start, counts.grp, counts.policies, CASE WHEN $titles THEN firsts.first_titles ELSE []::VARCHAR[] END AS first_titles
FROM counts JOIN firsts ON firsts.period_start = counts.period_start
                   AND firsts.grp IS NOT DISTINCT FROM counts.grp   -- NULL: no primary topic
ORDER BY period_start, grp
