-- Policies in force on each given day (the last day of each period), per group (level, or primary topic), with
-- the first three titles (earliest timeline date, then title): the in_force_cells() macro of data/schema.sql
-- (status by marked_status(), the definition of status_now).
-- A policy with only an end date counts while that date has not passed, even though it has no place on the
-- timeline. Used by: trends (mode in_force). $days are distinct days (the page's period ends).
-- Without a topic, region or status filter, over the whole year range and on month ends within it (the page's
-- default view: every period ends on a month end), the groups are read ready from in_force_bars when no level is
-- selected or the split is by level, else they are sums of in_force_months' level × topic cells (both built with
-- the database); otherwise in_force_cells() computes them over the policies. Whether the stored tables answer
-- depends on the parameters alone: their branches read a few thousand rows, and in_force_cells()'s condition is
-- written out on the parameters, so DuckDB drops it when they do.
-- $titles: whether each bar's first titles are wanted (a hover lists them up to 160 periods); else they are [].
-- params: $levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses, $days, $split, $titles
WITH stored AS (   -- the default view: the stored tables answer
    SELECT $topics IS NULL AND $region IS NULL AND $statuses IS NULL AND $include_undated
           AND list_bool_and(list_transform($days::DATE[], lambda x: x = last_day(x)
                                            AND x BETWEEN make_date($year_from, 1, 1) AND make_date($year_to, 12, 31)))
           AS ok),
ready AS (
    SELECT day, grp, policies, CASE WHEN $titles THEN first_titles ELSE []::VARCHAR[] END AS first_titles FROM in_force_bars
    WHERE (SELECT ok FROM stored) AND ($levels IS NULL OR $split IS DISTINCT FROM 'topic')
      AND split = CASE $split WHEN 'topic' THEN 'topic' ELSE 'level' END
      AND list_contains($days::DATE[], day)
      AND ($levels IS NULL OR list_contains($levels, grp))),
cells AS (
    SELECT day, level, primary_topic, policies, first_items FROM in_force_months
    WHERE (SELECT ok FROM stored) AND $levels IS NOT NULL AND $split = 'topic'
      AND list_contains($days::DATE[], day)
      AND list_contains($levels, level)
    UNION ALL
    SELECT * FROM in_force_cells($days, $levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses, $split,
        NOT ($topics IS NULL AND $region IS NULL AND $statuses IS NULL AND $include_undated
             AND list_bool_and(list_transform($days::DATE[], lambda x: x = last_day(x)
                                              AND x BETWEEN make_date($year_from, 1, 1) AND make_date($year_to, 12, 31)))))
),
g AS (SELECT day, CASE $split WHEN 'topic' THEN primary_topic ELSE level END AS grp, policies, first_items FROM cells),
counts AS (SELECT day, grp, sum(policies)::BIGINT AS policies FROM g GROUP BY ALL),
firsts AS (SELECT day, grp, min_by(item.t, item, 3) AS first_titles
           FROM (SELECT day, grp, unnest(first_items) AS item FROM g) GROUP BY ALL)
SELECT * FROM ready
UNION ALL
SELECT counts.day, counts.grp, counts.policies, CASE WHEN $titles THEN firsts.first_titles ELSE []::VARCHAR[] END AS first_titles
FROM counts JOIN firsts ON firsts.day = counts.day AND firsts.grp IS NOT DISTINCT FROM counts.grp   -- NULL: no level or topic
ORDER BY day, grp
