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
    """(search_terms rows: policy_id, term, tf) and (search_docs rows: policy_id, len)."""
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
