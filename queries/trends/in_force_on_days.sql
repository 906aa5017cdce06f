-- Policies in force on each given day (the last day of each period), per group: status by the schema's
-- marked_status(status_mark, effective_from, effective_to, issue_date, day) macro, the same definition as
-- status_now (a draft or a superseded policy is never in force; a lapsed one without a stated end neither).
-- A policy with only an end date counts while that date has not passed, even though it has no place on the
-- timeline. Used by: trends (mode in_force). $days are distinct days (the page's period ends).
-- policy_status(...) = 'in_force' is written out as two inequalities (a start on or before the day, an end on or
-- after it). Written for a million policies: the count of a day is the policies started by then less those
-- ended before it (a policy whose end precedes its start is never in force), read from each group's running
-- totals of starts and ends (an ASOF join per day), not from every (day, policy) pair; the first three titles
-- (earliest timeline date, then title) are looked for among each group's earliest policies only (those dated up
-- to its 64th earliest date, and up to its third earliest without an end: once those three have started, no
-- later day needs another; every policy ordered before one of them is one of them), and among all of the
-- group's policies only for a day where fewer than three of those are in force while more are (usually none:
-- `missing` is computed first, so that the policies are not joined to every day and group; by month over 37
-- years that join took 21 s at a million policies).
-- params: $levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses, $days, $split
WITH d AS (SELECT unnest($days::DATE[]) AS day),
p AS MATERIALIZED (   -- narrow, read once: the titles are read for the candidates below only
      SELECT doc, coalesce(timeline_date, DATE '9999-12-31') AS k, coalesce(effective_from, issue_date) AS starts,
             coalesce(effective_to, DATE '9999-12-31') AS ends,
             CASE $split WHEN 'topic' THEN primary_topic ELSE level END AS grp
      FROM filtered_policies($levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses)
      WHERE coalesce(effective_from, issue_date) IS NOT NULL
        AND coalesce(status_mark, '') NOT IN ('draft', 'superseded')
        AND NOT (coalesce(status_mark, '') = 'lapsed' AND effective_to IS NULL)
        AND coalesce(effective_to, DATE '9999-12-31') >= coalesce(effective_from, issue_date)),
groups AS (SELECT DISTINCT grp, coalesce(grp, '') AS g FROM p),   -- g: grp as an ASOF key (no level is '')
grid AS (SELECT d.day, groups.grp, groups.g FROM d CROSS JOIN groups),
started AS (SELECT grid.day, grid.grp, s.n FROM grid ASOF JOIN (
                SELECT coalesce(grp, '') AS g, starts, sum(count(*)) OVER (PARTITION BY grp ORDER BY starts) AS n
                FROM p GROUP BY grp, starts) s ON s.g = grid.g AND s.starts <= grid.day),
ended AS (SELECT grid.day, grid.grp, e.n FROM grid ASOF JOIN (
              SELECT coalesce(grp, '') AS g, ends, sum(count(*)) OVER (PARTITION BY grp ORDER BY ends) AS n
              FROM p WHERE ends < DATE '9999-12-31' GROUP BY grp, ends) e ON e.g = grid.g AND e.ends < grid.day),
counts AS (SELECT s.day, s.grp, CAST(s.n - coalesce(e.n, 0) AS BIGINT) AS policies
           FROM started s LEFT JOIN ended e ON e.day = s.day AND e.grp IS NOT DISTINCT FROM s.grp
           WHERE s.n > coalesce(e.n, 0)),
early AS (SELECT grp, greatest(list_max(min(k, 64)),
                                coalesce(list_max(min(k, 3) FILTER (WHERE ends = DATE '9999-12-31')), DATE '0001-01-01')) AS k
           FROM p GROUP BY grp),
first AS MATERIALIZED (   -- materialised: the days are joined to these few, not to every policy
    SELECT p.*, t.title FROM p JOIN early e ON e.grp IS NOT DISTINCT FROM p.grp AND p.k <= e.k
    JOIN v_policies t ON t.doc = p.doc),
cand AS (SELECT d.day, p.grp, count(*) AS n, min_by(p.title, {'d': p.k, 't': p.title}, 3) AS first_titles
         FROM d JOIN first p ON p.starts <= d.day AND p.ends >= d.day GROUP BY ALL),
missing AS MATERIALIZED (   -- first: usually empty, and then the policies are not joined to every (day, group)
    SELECT c.day, c.grp FROM counts c LEFT JOIN cand x ON x.day = c.day AND x.grp IS NOT DISTINCT FROM c.grp
            WHERE coalesce(x.n, 0) < least(3, c.policies)),
rest AS (SELECT m.day, m.grp, min_by(p.title, {'d': p.k, 't': p.title}, 3) AS first_titles
         FROM missing m JOIN (SELECT p.*, t.title FROM p JOIN v_policies t ON t.doc = p.doc) p
         ON p.grp IS NOT DISTINCT FROM m.grp AND p.starts <= m.day AND p.ends >= m.day
         GROUP BY ALL)
SELECT c.day, c.grp, c.policies, coalesce(r.first_titles, x.first_titles) AS first_titles
FROM counts c
LEFT JOIN cand x ON x.day = c.day AND x.grp IS NOT DISTINCT FROM c.grp
LEFT JOIN rest r ON r.day = c.day AND r.grp IS NOT DISTINCT FROM c.grp
ORDER BY c.day, c.grp
