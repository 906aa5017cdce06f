"""A compilation printed page by page: every item starts on a new page (as the 2022 compilation
of national, 湖北省 and 咸宁市 texts prints them).

Recognised by its page footers and narrow hard-wrapped lines (`recognises`). Layout:
- no contents list; the text is hard-wrapped (the width is measured, not assumed), perhaps
  with a blank line after every line, and page footers "— 26 —" fall mid-sentence;
- every item begins on a new page; a line printed with one leading space is
  the first line of a PDF page (or, once, the line after a footer);
- an item is a document (title over one to four lines ending 通知 / 意见 / 公告 …,
  perhaps a number line, a salutation, the text, the issuers and the date) or a
  news report about one (a headline, then 近日 / 据悉 / 记者 … naming 《the policy》);
- a forwarding notice's date comes before the measures it forwards, and those
  measures start on a new page under their own title: they are not a new item;
- items are grouped by government (national items, then a province's, then a city's): an item
  whose issuer the text does not name belongs to the part it is printed in.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from data.reader import jurisdiction
from data.reader.model import Appearance, SourceContext
from data.reader.notes import note
from data.reader.header import (NUMBERED, SALUTATION, TITLE_END, clean, first_date, forwards,
                                       issuers_above_date, issuers_from_title, join_title, split_bodies)
from data.reader.text import (BODY_SUFFIX, clean_title, doc_number_only, is_date_line, is_page_footer,
                             paragraphs, parse_date)

NEWS_LEAD = re.compile(r"^(?:近年来|据悉|新华社|本报)|近日|日前|记者")
CLOSING = re.compile(r"^[（(](?:此件|本文).*[）)]$")
NAMED_POLICY = re.compile(r"(?:印发|发布实施|发布|出台|制定)了?《(?P<title>[^《》]{6,60})》")
LEGISLATURE_NUMBER = re.compile(r"^[（(]第(?P<no>[〇一二三四五六七八九十百千]+)号[）)]$")


@dataclass
class _Item:
    line: int
    title_lines: list[int]
    news: bool = False


def wrap_width(lines: list[str]) -> int:
    """The width the text is wrapped at: the 90th percentile of its line lengths."""
    widths = sorted(len(l.strip()) for l in lines if l.strip() and not is_page_footer(l))
    return widths[int(len(widths) * 0.9)] if widths else 0


def recognises(lines: list[str]) -> bool:
    """At least five page footers and lines wrapped narrower than a running text's."""
    return sum(1 for l in lines if is_page_footer(l)) >= 5 and 0 < wrap_width(lines) <= 32


def parse(lines: list[str], ctx: SourceContext) -> list[Appearance]:
    source_file = ctx.file
    longest = int(wrap_width(lines) * 1.35)  # a title line never runs much longer than the wrap
    items = _item_starts(lines, longest)
    out: list[Appearance] = []
    part = jurisdiction.COUNTRY
    for i, item in enumerate(items):
        end = items[i + 1].line - 1 if i + 1 < len(items) else len(lines)
        while end > item.line and (not lines[end - 1].strip() or is_page_footer(lines[end - 1])):
            end -= 1
        found = _news(lines, source_file, item, end, longest) if item.news else [_document(lines, source_file, item, end)]
        for app in found:
            region = jurisdiction.stated_region(app.issuers, app.doc_number, app.title, home=ctx.home)
            part = region or part
            app.region_hint = part
            if region is None:
                app.notes.append(note("region_from_part"))
            out.append(app)
    return out


def _page_starts(lines: list[str]) -> list[int]:
    starts, after_footer = [], True
    for no, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        if is_page_footer(raw):
            after_footer = True
            continue
        if after_footer or (raw.startswith(" ") and not raw.startswith("  ")):
            starts.append(no)
        after_footer = False
    return starts


def _texts(lines: list[str], start: int, n: int) -> list[tuple[int, str]]:
    """The next n non-blank lines from `start` (inclusive), footers skipped."""
    out, no = [], start
    while no <= len(lines) and len(out) < n:
        raw = lines[no - 1]
        if raw.strip() and not is_page_footer(raw):
            out.append((no, clean(raw)))
        no += 1
    return out


def _previous_text(lines: list[str], before: int) -> str:
    for no in range(before - 1, 0, -1):
        raw = lines[no - 1]
        if raw.strip() and not is_page_footer(raw):
            return clean(raw)
    return ""


def _title_like(text: str, longest: int) -> bool:
    return (len(text) <= longest and not re.search(r"[。，；！？]", text) and not is_date_line(text)
            and not doc_number_only(text) and not NUMBERED.match(text))


def _closes_item(text: str) -> bool:
    """The last line of an item: a date, a （此件…） note, the end of a sentence, or nothing."""
    return (not text or is_date_line(text) or bool(CLOSING.match(text)) or text.endswith(("。", "）", ")"))
            or len(text) <= 12)


def _item_starts(lines: list[str], longest: int) -> list[_Item]:
    items: list[_Item] = []
    for page in _page_starts(lines):
        head = _texts(lines, page, 8)
        closes = _closes_item(_previous_text(lines, page))
        lead = next((i for i, (_, t) in enumerate(head[:5]) if NEWS_LEAD.search(t)), None)
        if closes and lead and lead <= 4 and _title_like(head[0][1].replace("：", ""), longest):
            # a headline of one or two lines (a subtitle with commas is not part of it)
            headline = [no for no, t in head[:min(lead, 2)] if _title_like(t.replace("：", ""), longest)]
            items.append(_Item(page, headline, news=True))
            continue
        title_lines: list[int] = []
        for no, text in head[:4]:
            if not _title_like(text, longest):
                break
            title_lines.append(no)
            if TITLE_END.search(clean_title("".join(clean(lines[n - 1]) for n in title_lines))):
                break
        title = join_title(lines, title_lines)[0] if title_lines else ""
        after = [t for no, t in head if not title_lines or no > title_lines[-1]]
        if title and TITLE_END.search(title) and (_confirms(after[:3]) or closes):
            if items and not items[-1].news and forwards(join_title(lines, items[-1].title_lines)[0], title):
                continue  # the measures a notice issues, printed under their own title
            items.append(_Item(page, title_lines))
    return items


def _confirms(after: list[str]) -> bool:
    return any(doc_number_only(t) or SALUTATION.match(t) or t.startswith(("（", "(")) for t in after[:2])


def _number(lines: list[str], title_end: int, end: int) -> str | None:
    ahead = _texts(lines, title_end + 1, 6)
    for i, (no, text) in enumerate(ahead):
        if no > end:
            break
        number = doc_number_only(text) or (doc_number_only(text + ahead[i + 1][1]) if i + 1 < len(ahead) else None)
        if number:
            return number
        legislature = LEGISLATURE_NUMBER.match(text)
        if legislature and i and ahead[i - 1][1].endswith("公告"):
            return f"{ahead[i - 1][1]}第{legislature['no']}号"  # 湖北省人民代表大会常务委员会公告第三百二十四号
    return None


def _document(lines, source_file, item: _Item, end: int) -> Appearance:
    title, printed = join_title(lines, item.title_lines)
    title_end = item.title_lines[-1]
    dated = first_date(lines, title_end, end)
    app = Appearance(source_file, "full_text", item.line, end, title, printed_title=printed,
                     doc_number=_number(lines, title_end, end),
                     issuers=issuers_above_date(lines, title_end, end) or issuers_from_title(printed),
                     issue_date=parse_date(dated[1]) if dated else None,
                     text=paragraphs(lines[title_end:end]), text_lines=(title_end + 1, end))
    inner = re.search(r"印发《([^《》]+)》", title)
    if inner:
        app.notes.append(note("issues", inner=inner[1]))
    return app


def _news(lines, source_file, item: _Item, end: int, longest: int) -> list[Appearance]:
    """A news report summarises each policy it says was issued (印发《…》), or, with
    全文如下, prints it; one with no named policy is kept under its headline."""
    headline, printed = join_title(lines, item.title_lines)
    text, line_of = _text_with_lines(lines, item.title_lines[-1] + 1, end)
    mentions, seen = [], set()
    for m in NAMED_POLICY.finditer(text):
        name = clean_title(m["title"])
        if name not in seen and TITLE_END.search(name):
            seen.add(name)
            mentions.append((line_of[m.start()], name, _who(text, m.start())))
    if not mentions:
        mentions = [(item.line, headline, [])]
    out = []
    for k, (line, name, who) in enumerate(mentions):
        near_top = line - item.line < 40
        start = item.line if k == 0 and near_top else _section_start(lines, item.line if k == 0 else mentions[k - 1][0], line, longest)
        stop = _section_start(lines, line, mentions[k + 1][0], longest) - 1 if k + 1 < len(mentions) else end
        body = paragraphs(lines[start - 1:stop])
        kind = "full_text" if "全文如下" in body else "summary"
        dated = first_date(lines, start, stop) if kind == "full_text" else None
        app = Appearance(source_file, kind, start, stop, name, printed_title=printed if k == 0 else name,
                         issuers=who, issue_date=parse_date(dated[1]) if dated else None,
                         text=body, text_lines=(start, stop))
        app.notes.append(note("news_report", headline=headline))
        out.append(app)
    return out


def _text_with_lines(lines, start: int, end: int) -> tuple[str, list[int]]:
    """The lines start..end joined without breaks, and the line number of every character."""
    text, line_of = "", []
    for no in range(start, end + 1):
        piece = clean(lines[no - 1])
        if piece and not is_page_footer(piece):
            text += piece
            line_of += [no] * len(piece)
    return text, line_of


def _section_start(lines, after: int, mention: int, longest: int) -> int:
    """Where the section that names a policy begins: the sub-headline above the mention."""
    for no in range(mention - 1, after, -1):
        text = clean(lines[no - 1])
        before = _previous_text(lines, no)
        if text and _title_like(text, longest) and before.endswith(("。", "”")):
            return no
    return mention


def _who(text: str, at: int) -> list[str]:
    """'近日，中共中央办公厅、国务院办公厅印发了《…》' → the bodies named before the verb."""
    clause = re.split(r"[，。；：]", text[:at])[-1]
    clause = re.sub(r"^(?:我省)?(?:近日|日前|近期)?|(?:印发|发布实施|发布|出台|制定)了?$", "", clause)
    names = [n for p in re.split(r"[、和及]", clause) for n in split_bodies(p) if len(n) >= 2]
    return [n for n in names if BODY_SUFFIX.search(n)]
