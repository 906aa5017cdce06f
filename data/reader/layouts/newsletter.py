"""A newsletter: a front contents list of sections ("➤ 协会动态", "➤ 热点聚焦", …), policy full
texts and a section of one-paragraph policy summaries (as the 武汉中小企业 monthly prints them).

Recognised by its "➤" section lines (`recognises`). Layout:
- the sections whose entries are mostly policy titles (ending 办法/措施/公告/法 …) are policy
  sections; the others (association news, company profiles) are not policies;
- the body starts where a section name is printed again as a heading;
- a policy section whose name (less 概述/速览/摘要) is printed again as a heading holds
  summaries: a title line and a paragraph that names the issuer, the date (often month and day
  only: the year is the newsletter's) and the terms; the summaries end with the last sentence;
- a policy section with no such heading has full texts: each title printed again with its text,
  perhaps headed by a bracketed promulgation note "(2024年2月7日湖北省人民政府令第432号公布, …)".
"""
from __future__ import annotations

import difflib
import re

from data.reader.header import TITLE_WORDS
from data.reader.model import Appearance, SourceContext
from data.reader.notes import note as make_note   # `note` is the promulgation note below
from data.reader.text import PartialDate, clean_title, join_wrapped, parse_date

SECTION = re.compile(r"^➤\s*(?P<name>\S.*)$")
POLICY_TITLE_END = re.compile(TITLE_WORDS + r"》?(?:[（(][^（）()]{1,16}[）)])?$|(?:法|规则|办法|条例)$")
DIGEST_SUFFIX = re.compile(r"(?:概述|速览|摘要|摘编|综述)$")
VERBS = r"(?:联合|修订)?(?:印发|发布|引发|公布|出台)(?:修订后)?(?:的)?"
# "武昌区人民政府 5 月 7 日印发《…》", "国家发展改革委印发《…》", "财政部、税务总局《…》提出"
SUMMARY_LEAD = re.compile(
    rf"^(?P<issuer>[^《》，。]*?)\s*(?P<date>(?:\d{{4}}\s*年\s*)?\d{{1,2}}\s*月(?:\s*\d{{1,2}}\s*日)?)?\s*(?:{VERBS})?\s*《"
)
# An issuer names a body; "交通运输行业标准《…》" names a kind of document instead.
ISSUER_END = re.compile(r"(?:部|委|局|署|院|厅|政府|办|会|行|部门|中心|总局)$")
_MD = r"(?:\d{4}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日"
EFFECTIVE = re.compile(
    rf"自\s*(?P<date>{_MD})\s*起|(?P<date2>{_MD})\s*起?\s*(?:正式)?(?:施行|实施|执行)"
)


def recognises(lines: list[str]) -> bool:
    """At least three "➤" section lines near the top, one of them a policy section."""
    sections = [l for l in lines[:300] if SECTION.match(l.strip())]
    return len(sections) >= 3 and bool(_policy_groups(lines))


def parse(lines: list[str], ctx: SourceContext) -> list[Appearance]:
    source_file = ctx.file
    issue_year = ctx.date.year if ctx.date else _year_of_issue(lines)
    toc = _contents(lines, source_file)
    body_start = max(a.line_end for a in toc) + 1 if toc else 1
    summary_groups = {g: h for g in {a.group for a in toc} if (h := _find_heading(lines, _heading_of(g), body_start))}
    out = list(toc)
    out += _full_texts(lines, source_file, toc, body_start, summary_groups)
    for group, heading in summary_groups.items():
        out += _summaries(lines, source_file, toc, group, heading, issue_year)
    _align_contents_titles(toc, out)
    return out


def _year_of_issue(lines: list[str]) -> int | None:
    found = next((d for l in lines[:40] if (d := parse_date(l))), None)
    return found.year if found else None


def _heading_of(group: str) -> str:
    return DIGEST_SUFFIX.sub("", group)


def _groups(lines: list[str]) -> dict[str, list[str]]:
    """Contents sections and their entries, up to where a section name is printed again."""
    groups: dict[str, list[str]] = {}
    current = None
    for line in lines:
        text = line.strip()
        m = SECTION.match(text)
        if m:
            current = m["name"].strip()
            groups[current] = []
        elif current and text:
            if text in groups:
                break
            groups[current].append(text)
    return groups


def _policy_groups(lines: list[str]) -> set[str]:
    """Sections whose entries are mostly policy titles."""
    return {g for g, entries in _groups(lines).items()
            if entries and sum(bool(POLICY_TITLE_END.search(clean_title(e))) for e in entries) > len(entries) / 2}


def _align_contents_titles(toc: list[Appearance], found: list[Appearance]) -> None:
    """A contents entry printed slightly differently (生物医学 / 生物学) cites the body's title."""
    bodies = [a.title for a in found if a.kind != "toc"]
    for entry in toc:
        if entry.title in bodies:
            continue
        close = difflib.get_close_matches(entry.title, bodies, n=1, cutoff=0.8)
        if close:
            entry.notes.append(make_note("contents_vs_body", listed=entry.title, body=close[0]))
            entry.title = close[0]


def _contents(lines: list[str], source_file: str) -> list[Appearance]:
    """Titles under the policy sections of the front contents list."""
    out: list[Appearance] = []
    policy_groups = _policy_groups(lines)
    names: set[str] = set()
    group = None
    for no, line in enumerate(lines, 1):
        text = line.strip()
        m = SECTION.match(text)
        if m:
            group = m["name"].strip()
            names.add(group)
            continue
        if group is None or not text:
            continue
        if text in names:  # a section name printed again as a heading: the body has begun
            break
        if group in policy_groups:
            out.append(Appearance(source_file, "toc", no, no, clean_title(text), printed_title=text, group=group))
    return out


def _find_title(lines: list[str], title: str, start: int, end: int | None = None) -> int | None:
    """Line number (1-based) of the first line from `start` that prints `title`."""
    for no in range(start, (end or len(lines)) + 1):
        if clean_title(lines[no - 1]) == title:
            return no
    return None


def _full_texts(lines, source_file, toc, body_start, summary_groups: dict[str, int]) -> list[Appearance]:
    """Titles of the policy sections without a summary heading, printed again with their full text."""
    out = []
    summary_heading = min(summary_groups.values(), default=None)
    for entry in (a for a in toc if a.group not in summary_groups):
        start = _find_title(lines, entry.title, body_start)
        if start is None:
            continue
        end = (summary_heading or len(lines) + 1) - 1
        while end > start and not lines[end - 1].strip():
            end -= 1
        note = next((lines[n - 1].strip() for n in range(start + 1, end + 1) if lines[n - 1].strip()), "")
        body = join_wrapped(lines[start:end])
        app = Appearance(source_file, "full_text", start, end, entry.title, printed_title=lines[start - 1].strip(),
                         text=body, text_lines=(start + 1, end))
        _promulgation(app, note)
        eff = EFFECTIVE.search(body[-300:])
        if eff:
            app.effective_from = parse_date(eff["date"] or eff["date2"])
        out.append(app)
    return out


def _promulgation(app: Appearance, note: str) -> None:
    """'(2024年2月7日湖北省人民政府令第432号公布, 根据…第一次修订, 2026年4月13日湖北省人民政府令第439号
    第二次修订)': the text printed is the latest version, so its number and date are the latest decree's."""
    decrees = list(re.finditer(r"(?P<date>\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)(?P<issuer>[\u4e00-\u9fff]+?)令"
                               r"\s*第\s*(?P<no>\d+)\s*号(?P<act>公布|[^,，)）]*修订|[^,，)）]*修正)?", note))
    if not decrees:
        return
    latest = decrees[-1]
    app.issue_date = parse_date(latest["date"])
    app.issuers = [latest["issuer"]]
    app.doc_number = f"{latest['issuer']}令第{latest['no']}号"
    if len(decrees) > 1 or "修订" in note:
        app.notes.append(make_note("promulgation_history", history=note.strip("()（）")))


def _find_heading(lines, heading, start) -> int | None:
    for no in range(start, len(lines) + 1):
        if lines[no - 1].strip() == heading:
            return no
    return None


def _summaries(lines, source_file, toc, group: str, heading: int, issue_year) -> list[Appearance]:
    titles = [a.title for a in toc if a.group == group]
    # A title line is a short line without sentence punctuation; the contents list
    # is the reader's guide to which titles to expect.
    starts: list[tuple[int, str]] = []
    end_of_section = heading
    for no in range(heading + 1, len(lines) + 1):
        text = lines[no - 1].strip()
        if not text:
            continue
        if SECTION.match(text):
            break
        if _looks_like_title(text, titles):
            starts.append((no, text))
        elif starts and text.endswith(("。", "）", ")", "”")):
            end_of_section = no  # the summaries end with the last sentence (a colophon may follow)
    out = []
    for i, (no, text) in enumerate(starts):
        nxt = starts[i + 1][0] - 1 if i + 1 < len(starts) else end_of_section
        while nxt > no and not lines[nxt - 1].strip():
            nxt -= 1
        body = join_wrapped(lines[no:nxt])
        app = Appearance(source_file, "summary", no, nxt, clean_title(text), printed_title=text,
                         text=body, text_lines=(no + 1, nxt))
        _summary_facts(app, body, issue_year)
        close = difflib.get_close_matches(app.title, titles, n=1, cutoff=0.8)
        if close and close[0] != app.title:
            app.notes.append(make_note("contents_title", listed=close[0]))
        out.append(app)
    return out


def _looks_like_title(text: str, titles: list[str]) -> bool:
    if clean_title(text) in titles:
        return True
    if len(text) > 45 or re.search(r"[。，；：！？]", text):
        return False
    return bool(difflib.get_close_matches(clean_title(text), titles, n=1, cutoff=0.8))


def _summary_facts(app: Appearance, body: str, issue_year: int) -> None:
    """Issuer, issue date and effective date from the summary's first sentence."""
    lead = SUMMARY_LEAD.match(body)
    if lead:
        issuer = lead["issuer"].strip(" ，,")
        issuer = re.sub(r"\s+", "", issuer)
        if issuer and ISSUER_END.search(issuer):
            app.issuers = [p for p in re.split(r"[、和及]", issuer) if p] if "、" in issuer else [issuer]
        if lead["date"]:
            app.issue_date = parse_date(lead["date"], default_year=issue_year)
            if app.issue_date is None:  # month only: '4 月发布'
                mo = re.search(r"(\d{1,2})\s*月", lead["date"])
                app.issue_date = PartialDate(issue_year, int(mo[1])) if mo else None
            if app.issue_date and "年" not in lead["date"]:
                app.issue_date_note = make_note("date_year_from_issue")
    eff = EFFECTIVE.search(body)
    if eff:
        stated = eff["date"] or eff["date2"]
        app.effective_from = parse_date(stated, default_year=issue_year)
        if "年" not in stated:
            app.notes.append(make_note("year_from_issue"))
