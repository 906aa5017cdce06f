"""Appearances → policies: the dedup rule, the best value of each field, jurisdiction.

The dedup rule: two appearances are the same policy when they carry the same
document number, or the same title (after `title_key`) and no conflicting
numbers, or when one is a notice that issues (印发/转发) the other by name.
Each appearance stays as one provenance row of its policy.
"""
from __future__ import annotations

import calendar
import hashlib
import re
from dataclasses import dataclass, field
from datetime import date

from data.reader import jurisdiction, periods
from data.reader.model import KINDS, Appearance
from data.reader.notes import note
from data.reader.text import PartialDate, title_key

# 关于印发《X》的通知 / 转发…《X》的通知 / 中共中央 国务院印发《X》: the notice (or report) and X are one policy.
ISSUING_NOTICE = re.compile(r"(?:印发|转发|发布)[^《》]*《(?P<inner>[^《》]+)》(?:的)?(?:通知|公告)?$")
KIND_RANK = {k: i for i, k in enumerate(KINDS)}


@dataclass
class Policy:
    policy_id: str
    appearances: list[Appearance]
    title: str = ""
    doc_number: str | None = None
    issuers: list[str] = field(default_factory=list)
    region_code: str | None = None
    level: str | None = None
    issue_date: PartialDate | None = None
    issue_date_note: str | None = None
    effective_from: PartialDate | None = None
    effective_to: PartialDate | None = None
    text: str = ""
    text_kind: str = ""
    text_source: Appearance | None = None
    fields: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    cites: list[str] = field(default_factory=list)      # policy ids this one cites
    supersedes: list[str] = field(default_factory=list)  # policy ids this one's text repeals
    topics: list[tuple[str, float, str]] = field(default_factory=list)  # (slug, score, evidence)

    @property
    def primary_topic(self) -> str | None:
        return self.topics[0][0] if self.topics else None


class _Groups:
    """Union-find over appearances that refuses to merge two different document numbers."""

    def __init__(self, apps: list[Appearance]):
        self.parent = list(range(len(apps)))
        self.numbers = [{a.doc_number} if a.doc_number else set() for a in apps]

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> bool:
        a, b = self.find(i), self.find(j)
        if a == b:
            return True
        if self.numbers[a] and self.numbers[b] and self.numbers[a] != self.numbers[b]:
            return False
        self.parent[b] = a
        self.numbers[a] |= self.numbers[b]
        return True


def inner_title(title: str) -> str | None:
    m = ISSUING_NOTICE.search(title)
    return m["inner"] if m else None


def merge(apps: list[Appearance], *, homes: dict[str, str | None], defaults: dict[str, str | None]) -> list[Policy]:
    """Group appearances into policies. `homes`/`defaults`: per source file, the city a
    "市…" issuer means and the region assumed when nothing in the text names one."""
    groups = _Groups(apps)
    by_number: dict[str, int] = {}
    for i, a in enumerate(apps):
        if a.doc_number:
            groups.union(by_number.setdefault(a.doc_number, i), i)
    by_key: dict[str, list[int]] = {}
    for i, a in enumerate(apps):
        by_key.setdefault(title_key(a.title), []).append(i)
    for i, a in enumerate(apps):
        for key in {title_key(a.title), title_key(inner_title(a.title) or ""), _about_key(a.title)} - {""}:
            for j in by_key.get(key, []):
                groups.union(j, i)
    members: dict[int, list[Appearance]] = {}
    for i, a in enumerate(apps):
        members.setdefault(groups.find(i), []).append(a)
    policies = [_policy(ms, homes, defaults) for ms in members.values()]
    seen: dict[str, Policy] = {}
    for p in policies:
        if p.policy_id in seen:  # two groups with the same key: only if numbers conflict on one title
            p.policy_id = _policy_id(f"{p.doc_number}|{p.title}|{p.appearances[0].line_start}")
        seen[p.policy_id] = p
    return sorted(policies, key=lambda p: (p.issue_date.as_date() if p.issue_date else date.min, p.title))


def _about_key(title: str) -> str:
    """'人力资源社会保障部 中华全国总工会…关于推进…的意见' → the key of '关于推进…的意见', which a news
    summary cites without its issuers. Only for titles whose head is a list of issuers."""
    head, sep, tail = title.partition("关于")
    if not sep or not head or re.search(r"印发|转发|发布", head):
        return ""
    return title_key(sep + tail)


def _best(apps: list[Appearance]) -> list[Appearance]:
    return sorted(apps, key=lambda a: (KIND_RANK[a.kind], a.source_file, a.line_start))


def _policy(apps: list[Appearance], homes, defaults) -> Policy:
    ranked = _best(apps)
    best = ranked[0]
    number = next((a.doc_number for a in ranked if a.doc_number), None)
    title = best.title
    p = Policy(policy_id=_policy_id(number or title_key(title)), appearances=ranked, title=title, doc_number=number)
    p.issuers = next((a.issuers for a in ranked if a.issuers), [])
    dated = [a for a in ranked if a.issue_date]
    if dated:
        # the most precise date, preferring full texts over summaries
        top = max(dated, key=lambda a: ({"day": 3, "month": 2, "year": 1}[a.issue_date.precision], -KIND_RANK[a.kind]))
        p.issue_date, p.issue_date_note = top.issue_date, top.issue_date_note
        others = {a.issue_date.iso() for a in dated if a.issue_date.precision == top.issue_date.precision}
        if len(others) > 1:
            p.notes.append(note("dates_disagree", dates=", ".join(sorted(others))))
    p.effective_from = next((a.effective_from for a in ranked if a.effective_from), None)
    p.effective_to = next((a.effective_to for a in ranked if a.effective_to), None)
    # the richest text: a full text before a summary, and the longer of two full texts
    with_text = sorted((a for a in ranked if a.text), key=lambda a: (KIND_RANK[a.kind], -len(a.text)))
    if with_text:
        p.text_source = with_text[0]
        p.text, p.text_kind = with_text[0].text, with_text[0].kind
    p.fields = next((a.fields for a in ranked if a.fields), {})
    if p.effective_from is None and p.effective_to is None and p.text_kind in ("full_text", "summary"):
        p.effective_from, p.effective_to = periods.stated_period(p.text, p.issue_date)
    for a in ranked:
        p.notes += [n for n in a.notes if n not in p.notes]
    p.region_code = _region(p, ranked, homes, defaults)
    p.level = jurisdiction.level_of_region(p.region_code)
    return p


def _region(p: Policy, apps: list[Appearance], homes, defaults) -> str | None:
    """The parser's hint, else what the text states, else the source's default, else the region its text speaks for (我县, 本市, 我省)."""
    hint = next((a.region_hint for a in apps if a.region_hint), None)
    file = apps[0].source_file
    return (hint or jurisdiction.stated_region(p.issuers, p.doc_number, p.title, homes.get(file))
            or defaults.get(file) or jurisdiction.speaking_region(p.text))


def _policy_id(key: str) -> str:
    return "p" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


def date_bounds(d: PartialDate | None, *, end: bool) -> date | None:
    """A partial date as a day: the first day of its period, or the last for an end date."""
    if d is None:
        return None
    if not end:
        return d.as_date()
    if d.day:
        return d.as_date()
    if d.month:
        return date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])
    return date(d.year, 12, 31)
