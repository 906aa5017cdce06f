"""The search's matches scored in memory, for a query of Chinese bigrams (most of what analysts type).

explorer/search_policies scores every match in SQL: at a million policies a word is in 90,000-350,000 of them, and
DuckDB's hash aggregate of their postings is most of the search's time (README "Session 23 at 1M"). Here the
postings of each gram asked for (doc, BM25 weight) are read once and kept; a search adds its grams' weights per
policy, keeps the policies holding enough grams within the filters, and passes the best 2 × limit and the number of
matches to explorer/search_policies, which looks for the phrase, settles the page and reads its rows as it does for
its own matches. The matches are the search_hits macro's (data/schema.sql) and the weights its expression, in the
same doubles (only the order of the sum may differ): tests/test_search_scores.py checks that both paths give the
same pages. When the best 2 × limit do not settle the page (few of them hold the
phrase), the query returns no rows and the search runs in SQL. Queries with a Latin word, a single character or
punctuation run in SQL: for them a policy may match from its text alone.
"""
from __future__ import annotations

import re
import threading
from collections import OrderedDict
from functools import partial
from typing import Callable, NamedTuple

import numpy as np
import pandas as pd
import streamlit as st

from dashboard import db

CJK_BIGRAM = re.compile(r"[\u4e00-\u9fff]{2}")
POSTINGS_BUDGET = 96 << 20    # bytes of postings kept per database (at 1M a common gram's are 4 MB)
POSTING_BYTES = 12            # a doc (int32) and its weight (double)
GRAMS_KEPT = 4096             # grams' numbers, idf and df
FILTER_SETS_KEPT = 16         # the filters' policies, one bool per policy (1 MB at 1M), for this many filter sets
SCORED = ("scored_docs", "scored_scores", "matches")
NOT_SCORED = dict.fromkeys(SCORED)
FILTERS = ("levels", "topics", "region", "year_from", "year_to", "include_undated", "statuses", "issuer")

Read = Callable[[str, dict], dict]      # (query name, parameters) → the columns as numpy arrays
READ_AS_ARRAYS = ("explorer/search_stats", "explorer/search_lengths", "explorer/search_days", "explorer/search_gram",
                  "explorer/gram_postings", "explorer/filtered_docs")   # the queries a Scorer reads


def scored_in_memory(grams: list[str]) -> bool:
    """Only a query whose grams are all Chinese bigrams: no policy then matches from its text alone."""
    return bool(grams) and all(CJK_BIGRAM.fullmatch(g) for g in grams)


def needed(grams: list[str]) -> int:
    """How many of the grams a match holds: all of up to three, else 70 % (the search_hits macro's rule)."""
    return len(grams) if len(grams) <= 3 else int(np.ceil(0.7 * len(grams)))


class Best(NamedTuple):
    """The best matches (storage rows) in order, their scores, and how many policies match in all."""
    docs: list[int]
    scores: list[float]
    matches: int


class _Kept:
    """A small least-recently-used store with a size budget, shared by the server's threads."""

    def __init__(self, budget: int, size: Callable = lambda _: 1):
        self.budget, self.size, self.used = budget, size, 0
        self.items: OrderedDict = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key, make):
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key]
        value = make()            # outside the lock: two threads may both read a gram, neither waits on the other
        with self.lock:
            if key not in self.items:
                self.items[key] = value
                self.used += self.size(value)
            while self.used > self.budget and len(self.items) > 1:
                self.used -= self.size(self.items.popitem(last=False)[1])
        return value


class Scorer:
    """One database file's search in memory: its policies' length norms and days, and the postings asked for."""

    def __init__(self, read: Read):
        self.read = read
        stats = read("explorer/search_stats", {})["avgdl"]
        avgdl = float(stats[0]) if len(stats) else 1.0          # no row: no policies, so no postings to weigh
        lengths, days = read("explorer/search_lengths", {}), read("explorer/search_days", {})
        # Arrays by doc. A built database numbers its policies 0 … n-1, but one whose rows were deleted has gaps;
        # as in SQL, a match must be indexed (search_docs) and a policy (v_policies, through the filters).
        size = int(max(lengths["doc"].max(initial=-1), days["doc"].max(initial=-1))) + 1
        self.indexed = np.zeros(size, bool)
        self.indexed[lengths["doc"]] = True
        self.dense = bool(self.indexed.all())             # as built: every doc indexed, nothing to drop
        # search_hits' 1.2 * (0.25 + 0.75 * len / avgdl): the same doubles (0.75 * len is exact either way)
        self.norm = np.ones(size)
        self.norm[lengths["doc"]] = 1.2 * (0.25 + 0.75 * lengths["len"].astype(np.float64) / avgdl)
        self.day = np.full(size, -2147483647, np.int32)
        self.day[days["doc"]] = days["day"]
        self.held = np.zeros(len(self.day), np.int16)      # per policy: the query's grams it holds
        self.summed = np.zeros(len(self.day))               # and their weights' sum
        self.scratch_lock = threading.Lock()
        self.postings_kept = _Kept(POSTINGS_BUDGET, lambda p: len(p[0]) * POSTING_BYTES)
        self.filters_kept = _Kept(FILTER_SETS_KEPT)
        self.grams_kept = _Kept(GRAMS_KEPT)

    def gram(self, gram: str) -> tuple[int, float, int] | None:
        """(term_id, idf, df) of a gram; None when no policy holds it."""
        def read():
            found = self.read("explorer/search_gram", {"term": gram})
            if not len(found["term_id"]):
                return None
            return int(found["term_id"][0]), float(found["idf"][0]), int(found["df"][0])
        return self.grams_kept.get(gram, read)

    def fits(self, grams: list[str]) -> bool:
        """Whether the grams' postings fit in half the budget (a pasted sentence of common grams would hold hundreds of
        MB while it is scored): if not, the search is scored in SQL."""
        return sum(found[2] for found in map(self.gram, grams) if found) * POSTING_BYTES <= POSTINGS_BUDGET / 2

    def postings(self, gram: str) -> tuple[np.ndarray, np.ndarray]:
        """(docs, weights) of a gram: search_hits' idf · tf · 2.2 / (tf + norm)."""
        def read():
            found = self.gram(gram)
            if found is None:
                return np.zeros(0, np.int32), np.zeros(0)
            term_id, idf, _ = found
            rows = self.read("explorer/gram_postings", {"term_id": term_id})
            docs, tf = rows["doc"].astype(np.int32), rows["tf"].astype(np.float64)
            if not (self.dense and (not len(docs) or docs.max() < len(self.day))):
                known = docs < len(self.day)
                known[known] = self.indexed[docs[known]]
                docs, tf = docs[known], tf[known]
            return docs, idf * tf * 2.2 / (tf + self.norm[docs])
        return self.postings_kept.get(gram, read)

    def within(self, filters: dict) -> np.ndarray | None:
        """Whether each policy is within the filters (None: all are)."""
        key = tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in sorted(filters.items()))

        def read():
            docs = self.read("explorer/filtered_docs", filters)["doc"]
            if len(docs) == len(self.day):
                return None
            mask = np.zeros(len(self.day), dtype=bool)
            mask[docs] = True
            return mask
        return self.filters_kept.get(key, read)

    def best(self, grams: list[str], filters: dict, limit: int) -> Best:
        """The best 2 × limit matches by score, then date (as explorer/search_policies' top), and their number."""
        found = [self.postings(g) for g in grams]
        mask = self.within(filters)
        # Added into two arrays kept for that, one search at a time (at 1M np.bincount's new 16 MB per search took
        # 9-38 ms, these 7-18). A gram's docs are distinct, so `+=` at them adds each once.
        with self.scratch_lock:
            try:
                for docs, weights in found:
                    self.held[docs] += 1
                    self.summed[docs] += weights
                hit = self.held >= needed(grams)
                if mask is not None:
                    hit &= mask
                hits = np.flatnonzero(hit)
                score = self.summed[hits]
            finally:
                for docs, _ in found:
                    self.held[docs] = 0
                    self.summed[docs] = 0.0
        matches = len(hits)
        k = min(2 * limit, matches)
        if k < matches:                 # those at or above the k-th score, then ordered; ties cut anywhere, as in SQL
            keep = score >= np.partition(score, matches - k)[matches - k]
            hits, score = hits[keep], score[keep]
        order = np.lexsort((-self.day[hits], -score))[:k]
        return Best(hits[order].tolist(), score[order].tolist(), matches)


def scored_params(scorer: Scorer | None, search: dict) -> dict:
    """explorer/search_policies' $scored_docs, $scored_scores and $matches for this search (all NULL when it is
    scored in SQL)."""
    grams = search["grams"]
    if scorer is None or not scored_in_memory(grams) or search["limit"] < 1 or not scorer.fits(grams):
        return NOT_SCORED
    best = scorer.best(grams, {k: search[k] for k in FILTERS}, search["limit"])
    return dict(zip(SCORED, best))


def search_rows(scorer: Scorer | None, run: Callable, search: dict):
    """explorer/search_policies' rows through `run(**parameters)`: scored in memory when they can be; when the best
    did not settle the page (matches, but no rows), scored in SQL."""
    scored = scored_params(scorer, search)
    rows = run(**search, **scored)
    if scored["matches"] and not len(rows):
        rows = run(**search, **NOT_SCORED)
    return rows


# At 1M a scorer holds 23 MB of arrays, up to 96 MB of postings and 16 MB of filters: the current file's and the
# one before (a session may still be on it after a rebuild)
@st.cache_resource(show_spinner=False, max_entries=2)
def _scorer(version: db.Version, _con) -> Scorer:
    return Scorer(lambda name, params: db.arrays(_con, name, **params))


# Keyed by the search itself, not by its best docs (db's cache would hash those lists on every call: 10-25 ms)
@st.cache_resource(show_spinner=False, max_entries=256)
def _searched(version: db.Version, search: dict, _con) -> pd.DataFrame:
    return search_rows(_scorer(version, _con), partial(db.uncached, "explorer/search_policies"), search)


db.CLEARED_WITH_RESULTS += [_searched, _scorer]


def search_policies(**search) -> pd.DataFrame:
    """explorer/search_policies as the explorer runs it, its matches scored in memory when they can be (a copy, as
    db.run_query's)."""
    if not scored_in_memory(search["grams"]):
        return db.run_query("explorer/search_policies", **search, **NOT_SCORED)
    version, con = db.pinned()
    return _searched(version, search, _con=con).copy(deep=False)
