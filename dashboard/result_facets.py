"""The breakdown of a search's results (the explorer's facets), counted from the rows the search returned.

(Of every match instead, on request: queries/explorer/match_breakdown.sql counts them in SQL; `grouped` reads its
rows into the same shape.)

The rows already hold each policy's level, status today, evidence kind, region, issuers and date, so those are
counted here, in Python, over at most one page of rows; only the topics (several per policy, not in the rows) come
from queries/explorer/result_topics.sql. Each facet is a list of (code, count), most first, then by code, a missing
code (None) last: the order the SQL facets had (tests/queries17_before/explorer/facets.sql is the oracle).
"""
from __future__ import annotations

from collections import Counter

import pandas as pd

COUNTED = {"level": "level", "status": "status_now", "evidence": "evidence_kind", "region": "region_code"}


def _known(value):
    """A cell's value, or None where pandas holds a missing one as NaN or NaT (a list of issuers is kept as it is)."""
    return None if value is None or value is pd.NaT or (isinstance(value, float) and value != value) else value


def _ranked(counts: Counter) -> list[tuple]:
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0] is None, kv[0] if kv[0] is not None else ""))


def issuer_counts(rows: pd.DataFrame) -> list[tuple]:
    """[(issuer, n), …]: how many of the rows each issuer signed (a policy of several issuers counts for each)."""
    return _ranked(Counter(i for names in rows.issuers.tolist() if _known(names) is not None for i in names))


def facet_counts(rows: pd.DataFrame, topics: pd.DataFrame) -> dict[str, list[tuple]]:
    """{facet: [(code, n), …]} of the result rows; topics: result_topics' (code, n) for the same policies.
    first_date / last_date: one (day 'YYYY-MM-DD' or None, how many rows are dated)."""
    out = {facet: _ranked(Counter(_known(v) for v in rows[column].tolist())) for facet, column in COUNTED.items()}
    out["topic"] = list(zip(topics.code.tolist(), topics.n.tolist()))
    out["issuer"] = issuer_counts(rows)
    days = [d for d in map(_known, rows.timeline_date.tolist()) if d is not None]
    out["first_date"] = [(min(days).strftime("%Y-%m-%d") if days else None, len(days))]
    out["last_date"] = [(max(days).strftime("%Y-%m-%d") if days else None, len(days))]
    return {facet: counts for facet, counts in out.items() if counts}


def grouped(rows: pd.DataFrame) -> dict[str, list[tuple]]:
    """match_breakdown's (facet, code, n) rows, in its order, as facet_counts' {facet: [(code, n), …]}."""
    out: dict[str, list[tuple]] = {}
    for facet, code, n in zip(rows.facet.tolist(), rows.code.tolist(), rows.n.tolist()):
        out.setdefault(facet, []).append((_known(code), n))
    return out
