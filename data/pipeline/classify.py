"""Topics of a policy from the taxonomy's keywords (data/codebook/topics.csv).

A topic applies when a title keyword matches, or when at least
MIN_TEXT_KEYWORDS distinct text keywords occur in the text; the primary topic
is the one with the highest score (title matches weigh most), ties going to
the topic with the lower `precedence` (the instrument — tax, finance, talent —
before the circumstance (relief) and the sector). Issuers' names are not read: 工业和信息化部关于… is scored on
关于…. Every row keeps the keywords that decided it as evidence.
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
    precedence: int


def load_topics() -> pd.DataFrame:
    return pd.read_csv(CODEBOOK, dtype=str, keep_default_na=False)


@lru_cache(maxsize=1)
def _topics() -> tuple[Topic, ...]:
    def patterns(cell: str) -> tuple[re.Pattern, ...]:
        return tuple(re.compile(p) for p in cell.split("|") if p)
    return tuple(Topic(r.slug, patterns(r.title_keywords), patterns(r.text_keywords), int(r.precedence))
                 for r in load_topics().itertuples())


def _distinct_spans(patterns: tuple[re.Pattern, ...], text: str) -> int:
    """How many separate places of the text the patterns match (制造 and 制造业 on one word count once)."""
    spans = sorted(m.span() for p in patterns for m in p.finditer(text))
    count, end = 0, -1
    for a, b in spans:
        if a >= end:
            count += 1
        end = max(end, b)
    return count


def classify(title: str, text: str) -> list[tuple[str, float, str]]:
    """[(slug, score, evidence)], primary first; never empty (falls back to 'other')."""
    found = []
    head, sep, tail = title.partition("关于")
    if sep and not re.search(r"印发|转发", head):
        title = sep + tail  # the issuers' names say who, not what
    for topic in _topics():
        in_title = [p.pattern for p in topic.title_keywords if p.search(title)]
        in_text = [p.pattern for p in topic.text_keywords if p.search(text)]
        if in_title or len(in_text) >= MIN_TEXT_KEYWORDS:
            score = TITLE_WEIGHT * _distinct_spans(topic.title_keywords, title) + len(in_text)
            evidence = "; ".join(filter(None, [
                "title: " + ", ".join(in_title) if in_title else "",
                "text: " + ", ".join(in_text) if in_text else "",
            ]))
            found.append((topic.slug, float(score), evidence, topic.precedence))
    if not found:
        return [(FALLBACK, 0.0, "no keyword of any topic matched")]
    found.sort(key=lambda t: (-t[1], t[3]))
    return [(slug, score, evidence) for slug, score, evidence, _ in found]
