"""Full-text search for Chinese: character bigrams, scored with BM25 in plain SQL.

DuckDB's fts extension is not used: it is downloaded from extensions.duckdb.org at
run time (unreachable offline) and its tokenizer splits on spaces, which Chinese
text has none of. Overlapping character bigrams (人工智能 → 人工 工智 智能) find
words without a dictionary; single characters and Latin words are indexed too.
The same `grams` tokenizes the documents at build time and the query in the page.
"""
from __future__ import annotations

import re
from collections import Counter

import pandas as pd

CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9+]*|\d+(?:\.\d+)?")
TITLE_WEIGHT = 3  # a word in the title counts as three in the text


def grams(text: str) -> Counter:
    """Bigrams of every CJK run (a one-character run counts itself), and lower-cased Latin words."""
    out: Counter = Counter()
    for run in CJK_RUN.findall(text or ""):
        if len(run) == 1:
            out[run] += 1
        out.update(run[i:i + 2] for i in range(len(run) - 1))
    out.update(w.lower() for w in LATIN_WORD.findall(text or ""))
    return out


def query_grams(query: str) -> list[str]:
    """The distinct grams of a search query, in order (a one-character query searches that character)."""
    found = list(dict.fromkeys(grams(query)))
    if not found:
        return []
    singles = [g for g in found if len(g) == 1 and CJK_RUN.fullmatch(g)]
    return found if len(found) > len(singles) or not singles else singles


def index_frames(policies) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The index in Python, (policy_id, term, tf) and (policy_id, len): the reference `build_index` must equal
    (tests/test_scale.py compares the two on the corpus)."""
    terms, docs = [], []
    for p in policies:
        counts = Counter()
        for g, n in grams(p.title).items():
            counts[g] += TITLE_WEIGHT * n
        counts.update(grams(" ".join([p.text or "", p.doc_number or "", " ".join(p.issuers)])))
        terms += [(p.policy_id, g, n) for g, n in counts.items()]
        docs.append((p.policy_id, sum(counts.values())))
    return (pd.DataFrame(terms, columns=["policy_id", "term", "tf"]),
            pd.DataFrame(docs, columns=["policy_id", "len"]))


# The same tokenizer as `grams`, in DuckDB's SQL (RE2: \p{Nd} is Python's \d), over the loaded policies:
# a million policies are indexed in minutes where Python would build 300 million tuples. Docs are numbered
# in the storage order of policies and indexed a batch at a time, so no aggregate holds every posting.
# A bigram also keeps where it stands (pos: its run of Chinese characters and its offset in the run; title runs
# and text runs apart), so an all-Chinese phrase is found from the postings alone, without reading any text.
# Runs, not character offsets: substr at an offset walks the UTF-8 string from its start. Small numbers pack
# into few bits: pos = run * RUN + offset, the text's runs numbered from TEXT_RUNS (a title has fewer runs), so
# no phrase spans title and text; a bigram deeper than RUN into one unbroken run keeps no position.
TEXT_RUNS = 1000
RUN = 4096
_CJK_RUNS = r"regexp_extract_all(body, '[\x{4e00}-\x{9fff}]+')"
_LATIN = r"regexp_extract_all(body, '[A-Za-z][A-Za-z0-9+]*|\p{Nd}+(?:\.\p{Nd}+)?')"
_GRAMS_OF = f"""
    SELECT doc, gram, sum(weight)::INTEGER AS tf,
           coalesce(list(pos ORDER BY pos) FILTER (WHERE pos IS NOT NULL), []::INTEGER[]) AS pos
    FROM (
        SELECT doc, weight, gram, CASE WHEN j < {RUN} THEN ((base + r) * {RUN} + j)::INTEGER END AS pos FROM (
            SELECT doc, weight, base, r, unnest(list_transform(range(1, length(run)), lambda i: substr(run, i, 2))) AS gram,
                   unnest(range(length(run) - 1)) AS j
            FROM (SELECT doc, weight, base, unnest(runs) AS run, unnest(range(len(runs))) AS r
                  FROM (SELECT doc, weight, base, {_CJK_RUNS} AS runs FROM parts))
            WHERE length(run) > 1)
        UNION ALL
        SELECT doc, weight, run, NULL FROM (SELECT doc, weight, unnest({_CJK_RUNS}) AS run FROM parts) WHERE length(run) = 1
        UNION ALL
        SELECT doc, weight, lower(unnest({_LATIN})), NULL FROM parts
    ) GROUP BY doc, gram"""
_PARTS = f"""
    WITH parts AS (
        SELECT doc, {TITLE_WEIGHT} AS weight, p.title AS body, 0 AS base
        FROM numbered d JOIN policies p USING (policy_id) WHERE doc BETWEEN $lo AND $hi
        UNION ALL
        SELECT doc, 1, coalesce(p.text, ''), {TEXT_RUNS}
        FROM numbered d JOIN policies p USING (policy_id) WHERE doc BETWEEN $lo AND $hi
        UNION ALL
        SELECT doc, 1, concat_ws(' ', coalesce(p.doc_number, ''), array_to_string(p.issuers, ' ')), NULL
        FROM numbered d JOIN policies p USING (policy_id) WHERE doc BETWEEN $lo AND $hi)"""
BATCH = 50_000
# Latin words as printed (case kept) in each title and text: a phrase of Latin letters alone (AI) stands in a title or
# text exactly when one of these words holds it (an occurrence of letters lies inside one word: a word runs on
# through letters, digits and +), so such a phrase is found without reading the texts. Few rows: Chinese policies
# print few Latin words.
WORD = r"[A-Za-z][A-Za-z0-9+]*"
_WORDS = f"""
    SELECT DISTINCT doc, word FROM (
        SELECT d.doc, unnest(regexp_extract_all(concat_ws(' ', p.title, p.text), '{WORD}')) AS word
        FROM numbered d JOIN policies p USING (policy_id))
    ORDER BY doc, word"""


def build_index(con) -> int:
    """Fill search_docs, search_grams, search_terms, search_stats and search_words from the policies table; returns
    the number of postings."""
    con.execute("CREATE TEMP TABLE numbered AS SELECT rowid::INTEGER AS doc, policy_id FROM policies")
    n = con.execute("SELECT count(*) FROM numbered").fetchone()[0]
    con.execute("CREATE TEMP TABLE raw_postings (doc INTEGER, gram VARCHAR, tf INTEGER, pos INTEGER[])")
    for lo in range(0, n, BATCH):
        con.execute(f"INSERT INTO raw_postings {_PARTS} {_GRAMS_OF}", {"lo": lo, "hi": lo + BATCH - 1})
    con.execute("""INSERT INTO search_docs SELECT d.doc, d.policy_id, coalesce(l.len, 0), p.title
                   FROM numbered d JOIN policies p USING (policy_id)
                   LEFT JOIN (SELECT doc, sum(tf)::INTEGER AS len FROM raw_postings GROUP BY doc) l USING (doc)
                   ORDER BY d.doc""")
    con.execute("INSERT INTO search_stats SELECT count(*), coalesce(avg(len), 0) FROM search_docs")
    con.execute("""INSERT INTO search_grams
                   SELECT (row_number() OVER (ORDER BY gram) - 1)::INTEGER, gram, df,
                          ln(1 + ($n - df + 0.5) / (df + 0.5))
                   FROM (SELECT gram, count(*)::INTEGER AS df FROM raw_postings GROUP BY gram) ORDER BY gram""", {"n": n})
    con.execute("""INSERT INTO search_terms SELECT g.term_id, r.doc, r.tf, r.pos
                   FROM raw_postings r JOIN search_grams g ON g.term = r.gram ORDER BY g.term_id, r.doc""")
    postings = con.execute("SELECT count(*) FROM search_terms").fetchone()[0]
    con.execute(f"INSERT INTO search_words {_WORDS}")
    con.execute("DROP TABLE raw_postings")
    con.execute("DROP TABLE numbered")
    return postings
