"""武汉中小企业 monthly (000_…): contents list, 热点聚焦 full texts, 新规新政 summaries.

Layout (May 2026 issue):
- the front contents list has sections "➤ 热点聚焦", "➤ 新规新政概述" (policy
  titles) among association sections (协会动态 …) that are not policies;
- each 热点聚焦 title is printed again later with its full text, headed by a
  bracketed promulgation note "(2024年2月7日湖北省人民政府令第432号公布, …)";
- after the heading "新规新政" each policy is a title line and a paragraph that
  names the issuer, the date (often month and day only) and the terms.
"""
from __future__ import annotations

import difflib
import re

from data.reader.model import Appearance
from data.reader.text import PartialDate, clean_title, join_wrapped, parse_date

POLICY_SECTIONS = ("热点聚焦", "新规新政概述")
SUMMARY_HEADING = "新规新政"
END_MARKERS = ("服务号", "订阅号", "协会地址")
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


def parse(lines: list[str], source_file: str, issue_year: int) -> list[Appearance]:
    toc = _contents(lines, source_file)
    body_start = max(a.line_end for a in toc) + 1 if toc else 1
    out = list(toc)
    out += _full_texts(lines, source_file, toc, body_start)
    out += _summaries(lines, source_file, toc, body_start, issue_year)
    _align_contents_titles(toc, out)
    return out


def _align_contents_titles(toc: list[Appearance], found: list[Appearance]) -> None:
    """A contents entry printed slightly differently (生物医学 / 生物学) cites the body's title."""
    bodies = [a.title for a in found if a.kind != "toc"]
    for entry in toc:
        if entry.title in bodies:
            continue
        close = difflib.get_close_matches(entry.title, bodies, n=1, cutoff=0.8)
        if close:
            entry.notes.append(f"contents list prints 《{entry.title}》; the body prints 《{close[0]}》")
            entry.title = close[0]


def _contents(lines: list[str], source_file: str) -> list[Appearance]:
    """Titles under the policy sections of the front contents list."""
    out: list[Appearance] = []
    group = None
    for no, line in enumerate(lines, 1):
        text = line.strip()
        if text.startswith("➤"):
            group = text.lstrip("➤ ").strip()
            continue
        if group is None or not text:
            continue
        if not text.startswith("➤") and _is_body_start(text, lines, no):
            break
        if group in POLICY_SECTIONS:
            out.append(Appearance(source_file, "toc", no, no, clean_title(text), printed_title=text, group=group))
    return out


def _is_body_start(text: str, lines: list[str], no: int) -> bool:
    """The contents end where the first section heading is printed again as a page heading."""
    return text in ("协会动态",) and no > 5


def _find_title(lines: list[str], title: str, start: int, end: int | None = None) -> int | None:
    """Line number (1-based) of the first line from `start` that prints `title`."""
    for no in range(start, (end or len(lines)) + 1):
        if clean_title(lines[no - 1]) == title:
            return no
    return None


def _full_texts(lines, source_file, toc, body_start) -> list[Appearance]:
    """热点聚焦 titles printed again with their full text."""
    out = []
    summary_heading = _find_heading(lines, SUMMARY_HEADING, body_start)
    for entry in (a for a in toc if a.group == "热点聚焦"):
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
        app.notes.append("promulgation history: " + note.strip("()（）"))


def _find_heading(lines, heading, start) -> int | None:
    for no in range(start, len(lines) + 1):
        if lines[no - 1].strip() == heading:
            return no
    return None


def _summaries(lines, source_file, toc, body_start, issue_year) -> list[Appearance]:
    heading = _find_heading(lines, SUMMARY_HEADING, body_start)
    if heading is None:
        return []
    titles = [a.title for a in toc if a.group == "新规新政概述"]
    # A title line is a short line without sentence punctuation; the contents list
    # is the reader's guide to which titles to expect.
    starts: list[tuple[int, str]] = []
    end_of_section = len(lines)
    for no in range(heading + 1, len(lines) + 1):
        text = lines[no - 1].strip()
        if not text:
            continue
        if text.startswith(END_MARKERS):
            end_of_section = no - 1
            break
        if _looks_like_title(text, titles):
            starts.append((no, text))
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
            app.notes.append(f"contents list prints the title as 《{close[0]}》")
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
                app.issue_date_note = "year taken from the newsletter's issue date"
    eff = EFFECTIVE.search(body)
    if eff:
        stated = eff["date"] or eff["date2"]
        app.effective_from = parse_date(stated, default_year=issue_year)
        if "年" not in stated:
            app.notes.append("effective date: year taken from the newsletter's issue date")
