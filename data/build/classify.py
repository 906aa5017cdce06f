"""Topics of a policy from the taxonomy's keywords (data/codebook/topics.csv).

A topic applies when a title keyword matches, or when at least
MIN_TEXT_KEYWORDS distinct text keywords occur in the text; the primary topic
is the one with the highest score (title matches weigh most). Every row keeps
the keywords that decided it as evidence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

CODEBOOK = Path(__file__).resolve().parents[1] / "codebook" / "topics.csv"
TITLE_WEIGHT = 5.0
MIN_TEXT_KEYWORDS = 3
FALLBACK = "other"


@dataclass(frozen=True)
class Topic:
    slug: str
    title_keywords: tuple[re.Pattern, ...]
    text_keywords: tuple[re.Pattern, ...]
    sort_order: int


def load_topics() -> pd.DataFrame:
    return pd.read_csv(CODEBOOK, dtype=str, keep_default_na=False)


@lru_cache(maxsize=1)
def _topics() -> tuple[Topic, ...]:
    def patterns(cell: str) -> tuple[re.Pattern, ...]:
        return tuple(re.compile(p) for p in cell.split("|") if p)
    return tuple(Topic(r.slug, patterns(r.title_keywords), patterns(r.text_keywords), int(r.sort_order))
                 for r in load_topics().itertuples())


def classify(title: str, text: str) -> list[tuple[str, float, str]]:
    """[(slug, score, evidence)], primary first; never empty (falls back to 'other')."""
    found = []
    for topic in _topics():
        in_title = [p.pattern for p in topic.title_keywords if p.search(title)]
        in_text = [p.pattern for p in topic.text_keywords if p.search(text)]
        if in_title or len(in_text) >= MIN_TEXT_KEYWORDS:
            score = TITLE_WEIGHT * len(in_title) + len(in_text)
            evidence = "; ".join(filter(None, [
                "title: " + ", ".join(in_title) if in_title else "",
                "text: " + ", ".join(in_text) if in_text else "",
            ]))
            found.append((topic.slug, float(score), evidence, topic.sort_order))
    if not found:
        return [(FALLBACK, 0.0, "no keyword of any topic matched")]
    found.sort(key=lambda t: (-t[1], t[3]))
    return [(slug, score, evidence) for slug, score, evidence, _ in found]
