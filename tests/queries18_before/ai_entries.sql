-- ai_entries() as it was at fc457e5 (data/schema.sql), as a temporary macro: the oracle of the light / detail
-- split of session 18 (tests/test_queries18.py creates it on the test's connection).
-- The AI comparison's entries (one per corpus clause and measure, one per register or curated row) of some regions
-- and measures (NULL: all): its rate (and a range's upper end), cap and amount (the first shown number of each kind),
-- whether each may be best, the other numbers as printed, thresholds, conditions, and the first number's quote and
-- source; ref = its number on the page (measures in their order, regions in the order given, corpus first); best =
-- "★ 最优" of its measure's row: the highest rate that may be best, ties to the higher cap; with no such rate in the
-- row, the highest cap (ties stay tied); cell_rank orders a cell's entries (best, rate, cap, ref), cell_n and
-- region_n count them.
CREATE OR REPLACE TEMP MACRO ai_entries_before(regions, measures) AS TABLE
WITH n AS (
    SELECT *, row_number() OVER (PARTITION BY entry_id ORDER BY kind_rank, row_id) AS k
    FROM ai_numbers(regions) WHERE measures IS NULL OR list_contains(measures, measure)
),
e AS (
    SELECT entry_id, min_by(origin, k) AS origin, min_by(region_code, k) AS region_code, min_by(measure, k) AS measure,
           min_by({'v': measure_printed}, k).v AS measure_printed,
           min_by({'v': value, 'm': value_max, 'ok': best_ok}, k)
               FILTER (WHERE value_kind = 'rate' AND value IS NOT NULL AND shown) AS r,
           min_by({'v': value, 'ok': best_ok}, k) FILTER (WHERE value_kind = 'cap' AND value IS NOT NULL AND shown) AS c,
           min_by(value, k) FILTER (WHERE value_kind = 'amount' AND value IS NOT NULL AND shown) AS amount,
           min_by(standing, k) FILTER (WHERE standing IS NOT NULL) AS standing,
           coalesce(list(number_printed ORDER BY k) FILTER (
               WHERE number_printed IS NOT NULL AND (value_kind NOT IN ('rate', 'cap', 'amount', 'threshold', 'statement')
                                                     OR (value_kind IN ('rate', 'cap', 'amount') AND NOT shown))), [])
               AS others,
           coalesce(list(coalesce(comparator, '') || number_printed ORDER BY k)
                    FILTER (WHERE value_kind = 'threshold' AND number_printed IS NOT NULL), []) AS thresholds,
           coalesce(list(condition ORDER BY k) FILTER (WHERE trim(coalesce(condition, '')) <> ''), []) AS conditions,
           min_by(basis, k) FILTER (WHERE basis IS NOT NULL) AS basis,
           min_by(beneficiary, k) FILTER (WHERE beneficiary IS NOT NULL) AS beneficiary,
           min_by({'quote': quote, 'source': source, 'source_url': source_url, 'source_title': source_title,
                   'trust': trust, 'dataset': dataset, 'policy_id': policy_id, 'policy_title': title,
                   'doc_number': doc_number, 'issue_date': issue_date, 'line_start': line_start,
                   'line_end': line_end, 'citation': citation}, k) AS f
    FROM n GROUP BY entry_id
),
numbered AS (
    SELECT e.entry_id, e.origin, e.region_code, e.measure, e.measure_printed, e.r.v AS rate, e.r.m AS rate_max,
           e.c.v AS cap, e.amount, coalesce(e.r.ok, false) AS rate_ok, coalesce(e.c.ok, false) AS cap_ok, e.standing,
           e.others, e.thresholds, e.conditions, e.basis, e.beneficiary, e.f.quote, e.f.source, e.f.source_url,
           e.f.source_title, e.f.trust, e.f.dataset, e.f.policy_id, e.f.policy_title, e.f.doc_number, e.f.issue_date,
           e.f.citation,
           CASE WHEN e.origin = 'corpus' AND e.f.line_start IS NOT NULL
                THEN e.f.line_start || CASE WHEN e.f.line_end <> e.f.line_start THEN '-' || e.f.line_end ELSE '' END
                ELSE '' END AS lines,
           CASE WHEN e.r.ok THEN e.r.v END AS r_ok, CASE WHEN e.c.ok THEN e.c.v END AS c_ok,
           row_number() OVER (ORDER BY coalesce(m.sort_order, 2147483647),
                                       coalesce(nullif(list_position(regions, e.region_code), 0), 2147483647),
                                       e.origin <> 'corpus', e.entry_id) AS ref
    FROM e LEFT JOIN measures m ON m.slug = e.measure
),
best AS (
    SELECT *, CASE WHEN count(r_ok) OVER w > 0
                   THEN r_ok IS NOT NULL AND {'r': r_ok, 'c': coalesce(c_ok, -1)}
                        = max({'r': r_ok, 'c': coalesce(c_ok, -1)}) FILTER (WHERE r_ok IS NOT NULL) OVER w
                   ELSE c_ok IS NOT NULL AND c_ok = max(c_ok) OVER w END AS best
    FROM numbered
    WINDOW w AS (PARTITION BY measure)
)
SELECT * EXCLUDE (r_ok, c_ok),
       row_number() OVER (PARTITION BY measure, region_code ORDER BY best DESC, r_ok DESC NULLS LAST,
                          c_ok DESC NULLS LAST, ref) AS cell_rank,
       count(*) OVER (PARTITION BY measure, region_code) AS cell_n,
       count(*) OVER (PARTITION BY region_code) AS region_n
FROM best;
