-- Full-text search (BM25 over character bigrams) within the current filters; with no query, the newest first.
-- The matches are the search_hits macro's (data/schema.sql: a policy holds at least 70% of the query's grams, all
-- of them for short queries; explorer/match_breakdown counts the same ones); the exact phrase in the title or text
-- ranks first. total: how many policies match (the list shows $limit). An all-Chinese phrase is found from the
-- bigrams' positions in the postings, without reading any text; a phrase of Latin letters alone (AI) from the words
-- printed in the titles and texts (search_words); any other phrase (with a space, a number, or one character) is
-- looked for in the texts. Conditions on parameters alone are folded by DuckDB, so the branch a query does not
-- need is never run. Used by: explorer.
-- At a million policies a word matches ~200,000 of them: every match is scored and counted (narrow rows: doc, date,
-- score), but the phrase is looked for only in the best 2 × $limit by score ("top"), which hold the page whenever
-- their $limit-th score with its phrase bonus is above what any other policy can reach; otherwise ("unsettled":
-- few of them hold the phrase) the phrase is looked for in every match, as before. Titles, which break ties after
-- score and date, and the page's columns are read for the page's rows only (the titles from search_docs, stored
-- uncompressed for that). The answer is the same either way.
-- Scored in memory (dashboard/search_scores.py, for a query of Chinese bigrams): $scored_docs and $scored_scores are
-- the best 2 × $limit matches by score and date, and $matches their number; NULL: the matches are scored here.
-- params: $levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses, $grams, $phrase, $issuer, $limit, $scored_docs, $scored_scores, $matches
WITH phrase_grams AS (   -- the bigrams that cover an all-Chinese phrase (offsets 0, 2, 4, … and the last), where each
    -- sits in it: when these stand where the phrase puts them, so do the bigrams between (their characters are theirs;
    -- only past 4,096 characters of one unbroken Chinese run, where positions stop, could the two tests differ)
    SELECT (i - 1)::INTEGER AS off, substr($phrase, i, 2) AS term
    FROM range(1, length($phrase)) AS r(i)
    WHERE regexp_full_match($phrase, '[\x{4e00}-\x{9fff}]{2,}') AND ((i - 1) % 2 = 0 OR i = length($phrase) - 1)
),
hits AS MATERIALIZED (   -- the matches within the filters, with what orders them but the title (data/schema.sql)
    SELECT * FROM search_hits($levels, $topics, $region, $year_from, $year_to, $include_undated, $statuses, $grams,
                              $phrase, $issuer)
    WHERE $scored_docs IS NULL
    UNION ALL           -- or the best of them, scored in memory (their number is $matches)
    SELECT s.doc, p.timeline_date, s.score, false
    FROM (SELECT unnest($scored_docs) AS doc, unnest($scored_scores) AS score) s JOIN v_policies p USING (doc)
    WHERE $scored_docs IS NOT NULL
),
matches AS (SELECT coalesce($matches, (SELECT count(*) FROM hits)) AS n),
word_docs AS (SELECT doc FROM search_word_docs($phrase)),
top AS MATERIALIZED (
    SELECT doc, score, timeline_date, coalesce(timeline_date, DATE '-infinity') AS day, text_found FROM hits
    ORDER BY score DESC, day DESC LIMIT 2 * $limit
),
phrase_top AS MATERIALIZED (   -- the policies of top where the phrase's bigrams stand one after another, or that print it
    SELECT DISTINCT doc FROM (
        SELECT doc, start FROM (
            SELECT st.doc, unnest(st.pos) - pg.off AS start
            FROM phrase_grams pg JOIN search_grams g USING (term) JOIN search_terms st USING (term_id)
            WHERE length($phrase) > 2 AND st.doc IN (SELECT doc FROM top))
        GROUP BY doc, start
        HAVING count(*) = (SELECT count(*) FROM phrase_grams))   -- one row per offset: a position is listed once
    UNION ALL           -- a two-character phrase is its one bigram: any posting with a position
    SELECT st.doc FROM phrase_grams pg JOIN search_grams g USING (term) JOIN search_terms st USING (term_id)
    WHERE length($phrase) = 2 AND len(st.pos) > 0 AND st.doc IN (SELECT doc FROM top)
    UNION ALL
    SELECT doc FROM top WHERE doc IN (SELECT doc FROM word_docs)
    UNION ALL           -- (the CASE keeps the test on the text after the join: it reads only these policies' texts)
    SELECT t.doc FROM top t JOIN v_policies p USING (doc)
    WHERE $phrase <> '' AND NOT regexp_full_match($phrase, '[\x{4e00}-\x{9fff}]{2,}|[A-Za-z]+')
      AND CASE WHEN t.score >= 0 THEN contains(p.title, $phrase) OR contains(p.text, $phrase) END
),
top_scored AS MATERIALIZED (
    SELECT doc, timeline_date,
           round(score + CASE WHEN text_found OR doc IN (SELECT doc FROM phrase_top) THEN 100 ELSE 0 END, 2) AS score
    FROM top
),
settled AS MATERIALIZED (   -- top holds the page: its $limit-th score is above what a policy outside it can reach
    -- (top's lowest score, plus the phrase's 100); or, with no query (every score 0), its $limit-th date is later than
    -- its last; or top holds every match
    SELECT (SELECT n FROM matches) <= (SELECT count(*) FROM top)
           OR coalesce((SELECT score FROM top_scored ORDER BY score DESC LIMIT 1 OFFSET greatest($limit - 1, 0))
                       > (SELECT round(min(score) + 100, 2) FROM top), false)
           OR (len($grams) = 0 AND coalesce((SELECT day FROM top ORDER BY day DESC LIMIT 1 OFFSET greatest($limit - 1, 0))
                                             > (SELECT min(day) FROM top), false)) AS ok
),
unsettled AS MATERIALIZED (   -- empty when settled: what joins it is not run. Scored in memory, hits holds only the
    -- best, and the page is not settled from them: no rows then (the caller runs the search here instead)
    SELECT 1 AS one FROM settled WHERE NOT ok AND $scored_docs IS NULL
),
phrase_all AS (     -- unsettled: the phrase looked for in every match, as in phrase_top (the gate joins above the
    -- postings' scan: below it, an empty gate would leave the scan without its term filter)
    SELECT DISTINCT doc FROM (
        SELECT doc, start FROM (
            SELECT x.doc, unnest(x.pos) - x.off AS start
            FROM (SELECT st.doc, st.pos, pg.off
                  FROM phrase_grams pg JOIN search_grams g USING (term) JOIN search_terms st USING (term_id)
                  WHERE length($phrase) > 2) x CROSS JOIN unsettled)
        GROUP BY doc, start
        HAVING count(*) = (SELECT count(*) FROM phrase_grams))
    UNION ALL
    SELECT x.doc FROM (SELECT st.doc FROM phrase_grams pg JOIN search_grams g USING (term) JOIN search_terms st USING (term_id)
                       WHERE length($phrase) = 2 AND len(st.pos) > 0) x CROSS JOIN unsettled
    UNION ALL
    SELECT w.doc FROM word_docs w CROSS JOIN unsettled
    UNION ALL
    SELECT h.doc FROM hits h CROSS JOIN unsettled JOIN v_policies p USING (doc)
    WHERE $phrase <> '' AND NOT regexp_full_match($phrase, '[\x{4e00}-\x{9fff}]{2,}|[A-Za-z]+')
      AND CASE WHEN h.score >= 0 THEN contains(p.title, $phrase) OR contains(p.text, $phrase) END
),
ranked AS MATERIALIZED (
    SELECT t.doc, t.timeline_date, t.score FROM top_scored t CROSS JOIN settled WHERE settled.ok
    UNION ALL
    SELECT h.doc, h.timeline_date,
           round(h.score + CASE WHEN h.text_found OR h.doc IN (SELECT doc FROM phrase_all) THEN 100 ELSE 0 END, 2)
    FROM hits h CROSS JOIN unsettled
),
cut AS MATERIALIZED (   -- the page's last row by score and date
    SELECT score, coalesce(timeline_date, DATE '-infinity') AS day FROM ranked
    ORDER BY score DESC, day DESC LIMIT 1 OFFSET greatest($limit - 1, 0)
),
page AS (           -- the page, and the rows tied with its last on score and date (their titles order them)
    SELECT r.doc, r.score FROM ranked r LEFT JOIN cut ON true
    WHERE cut.score IS NULL OR r.score > cut.score
       OR (r.score = cut.score AND coalesce(r.timeline_date, DATE '-infinity') >= cut.day)
)
SELECT p.policy_id, d.title, p.doc_number, p.issuers, p.level, p.region_code, p.issue_date, p.issue_date_precision,
       p.effective_from, p.effective_to, p.status_now, p.primary_topic, p.timeline_date,
       p.evidence_kind, p.trust, p.official_url, page.score, (SELECT n FROM matches) AS total, c.sources
FROM page JOIN v_policies p USING (doc) JOIN search_docs d USING (doc) LEFT JOIN v_policy_citations c USING (doc)
ORDER BY page.score DESC, p.timeline_date DESC NULLS LAST, d.title, doc
LIMIT $limit
