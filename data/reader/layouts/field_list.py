"""A policy list with fields: numbered entries, each with 政策名称 / 主要内容 / 支持对象 / 执行时间 /
执行机关, perhaps followed by full documents (as 鄂州's 2020 list prints them).

Recognised by its field lines (`recognises`). Layout:
- contents: category headings (降低企业成本政策 …) with entries "1、降低用水用电用气成本政策<TAB>1",
  then perhaps a part with document titles (an entry whose heading has no fields is a document);
- each list entry: its heading line, then tab-separated fields 政策名称 / 主要内容 /
  支持对象 / 执行时间 / 执行机关 (主要内容 may carry <p> tags);
- 政策名称 cites one or more source documents: 《title》(number), 《title》（number）…;
- the six documents follow, each a title (sometimes split by a stray space),
  issuer lines, a number line, the text and a closing date; the second is an
  "一图读懂" digest rather than the document's text.
"""
from __future__ import annotations

import re

from data.reader import jurisdiction
from data.reader.model import Appearance, SourceContext
from data.reader.notes import note
from data.reader.periods import execution_period
from data.reader.header import is_issuer_line, issuers_from_title
from data.reader.text import (PartialDate, clean_title, is_date_line, join_wrapped,
                             normalize_doc_number, parse_date, strip_markup, title_key)

FIELDS = ("政策名称", "主要内容", "支持对象", "执行时间", "执行机关")
FIELD_LINE = re.compile(rf"^({'|'.join(FIELDS)})\s+(.*)$")
TOC_ENTRY = re.compile(r"^(?P<no>\d{1,2})、(?P<title>.+?)\s+(?P<page>\d{1,3})\s*$")
CITATION = re.compile(r"《(?P<title>[^《》]*(?:《[^《》]*》[^《》]*)*)》\s*(?:[（(](?P<number>[^（()）]*?\d+\s*号)[）)])?")


def recognises(lines: list[str]) -> bool:
    """At least five entries that each print a 政策名称 and a 主要内容 field."""
    names = sum(1 for l in lines if re.match(r"^\s*政策名称\s", l))
    contents = sum(1 for l in lines if re.match(r"^\s*主要内容\s", l))
    return min(names, contents) >= 5


def parse(lines: list[str], ctx: SourceContext) -> list[Appearance]:
    """Contents, list entries (with the documents they cite) and the documents after the list."""
    source_file = ctx.file
    toc = _contents(lines, source_file)
    body_start = max(a.line_end for a in toc) + 1
    entries = [a for a in toc if _has_fields(lines, a.title, body_start)]
    docs = [a for a in toc if a not in entries]
    out = list(toc)
    out += _list_entries(lines, ctx, entries, body_start)
    out += _documents(lines, ctx, docs, body_start)
    return out


def _has_fields(lines: list[str], title: str, body_start: int) -> bool:
    """Is the entry titled `title` printed in the body with field lines under it?"""
    for no in range(body_start, len(lines) + 1):
        if clean_title(lines[no - 1]) == title:
            return any(FIELD_LINE.match(l.strip()) for l in lines[no:no + 3])
    return False


def _contents(lines, source_file) -> list[Appearance]:
    out, group, started = [], None, False
    for no, line in enumerate(lines, 1):
        text = line.strip()
        if text.replace(" ", "") == "目录":
            started = True
            continue
        if not started or not text:
            continue
        m = TOC_ENTRY.match(text)
        if m:
            out.append(Appearance(source_file, "toc", no, no, clean_title(m["title"]), printed_title=m["title"],
                                  group=group, page=int(m["page"])))
        elif out and not FIELD_LINE.match(text) and len(text) < 30 and "\t" not in text:
            if any(a.title == clean_title(text) for a in out):
                break  # a contents title printed again: the body has begun
            group = text
        elif out:
            break
        else:
            group = text
    return out


def _list_entries(lines, ctx: SourceContext, entries, body_start) -> list[Appearance]:
    source_file = ctx.file
    headings = []
    for entry in entries:
        for no in range(body_start, len(lines) + 1):
            if clean_title(lines[no - 1]) == entry.title:
                headings.append((no, entry))
                break
    headings.sort(key=lambda h: h[0])
    out = []
    for i, (start, entry) in enumerate(headings):
        end = headings[i + 1][0] - 1 if i + 1 < len(headings) else _last_field_line(lines, start)
        fields, field_lines = _fields(lines, start + 1, end)
        while end > start and not lines[end - 1].strip():
            end -= 1
        # The entry is administered by its 执行机关; 鄂州市经信局 only compiled the list.
        agencies = [a for a in re.split(r"[、，,]", fields.get("执行机关", "")) if a]
        app = Appearance(
            source_file, "list_entry", start, end, entry.title, printed_title=lines[start - 1].strip(),
            issuers=agencies, region_hint=ctx.home, group=entry.group,
            text=fields.get("主要内容", ""), fields=fields, text_lines=(start + 1, end),
        )
        # An entry states no issue date of its own; the list's date is not one.
        listed = [x for x in (ctx.publisher, ctx.date.iso() if ctx.date else None) if x]
        app.notes.append(note("listed_in", where=ctx.title or source_file,
                              listed=f"（{'，'.join(listed)}）" if listed else "",
                              listed_en=f" ({', '.join(listed)})" if listed else ""))
        app.effective_from, app.effective_to = execution_period(fields.get("执行时间", ""))
        app.cites = _citations(fields.get("政策名称", ""), source_file, field_lines.get("政策名称", start))
        out.append(app)
    return out


def _last_field_line(lines, start) -> int:
    last = start
    for no in range(start + 1, len(lines) + 1):
        text = lines[no - 1].strip()
        if FIELD_LINE.match(text):
            last = no
        elif text and last > start and not lines[last - 1].strip().startswith("执行机关"):
            last = no  # continuation of a field
        elif text and lines[last - 1].strip().startswith("执行机关"):
            break
    return last


def _fields(lines, start, end) -> tuple[dict[str, str], dict[str, int]]:
    """The entry's fields, and the line each field starts on."""
    fields: dict[str, list[str]] = {}
    first_line: dict[str, int] = {}
    current = None
    for no in range(start, end + 1):
        text = lines[no - 1].strip()
        m = FIELD_LINE.match(text)
        if m:
            current = m[1]
            fields[current], first_line[current] = [m[2]], no
        elif current and text:
            fields[current].append(text)
    joined = {k: re.sub(r"\s+", " ", strip_markup(" ".join(v))).strip() for k, v in fields.items()}
    return joined, first_line


def _citations(field: str, source_file: str, line: int) -> list[Appearance]:
    """The documents a 政策名称 field cites, with their numbers when printed."""
    out = []
    for m in CITATION.finditer(field):
        title = clean_title(m["title"])
        number = normalize_doc_number(m["number"]) if m["number"] else None
        if m["number"] and number is None:
            number = announcement_number(title, m["number"])
        out.append(Appearance(source_file, "citation", line, line, title, printed_title=m[0],
                              doc_number=number, issuers=issuers_from_title(m["title"])))
    return out


def announcement_number(title: str, printed: str) -> str | None:
    """'（2020年第8号）' under a 公告 title → 财政部税务总局公告2020年第8号."""
    m = re.search(r"(\d{4})\s*年\s*第\s*(\d+)\s*号", printed)
    if not m or not title.endswith("公告"):
        return None
    issuer = re.sub(r"\s+", "", title.split("关于")[0])  # 财政部税务总局公告…, as numbers are written
    return f"{issuer}公告{m[1]}年第{int(m[2])}号" if issuer else None


def _documents(lines, ctx: SourceContext, docs, body_start) -> list[Appearance]:
    source_file = ctx.file
    """The six documents after the list: find each title, read number, issuers, date."""
    found = []
    for doc in docs:
        key = title_key(doc.title)
        for no in range(body_start, len(lines) + 1):
            if title_key(clean_title(lines[no - 1])) == key:
                found.append((no, doc))
                break
    # an "一图读懂" digest starts at that heading, two lines above its title
    found = sorted(((no - 2, doc, True) if no > 2 and lines[no - 3].strip() == "一图读懂" else (no, doc, False))
                   for no, doc in found)
    out = []
    for i, (start, doc, digest) in enumerate(found):
        end = found[i + 1][0] - 1 if i + 1 < len(found) else len(lines)
        while end > start and not lines[end - 1].strip():
            end -= 1
        block = lines[start - 1:end]
        number = next((normalize_doc_number(l) for l in block[:12] if normalize_doc_number(l)), None)
        date_line = next((l for l in reversed(block) if is_date_line(l)), None)
        app = Appearance(
            source_file, "summary" if digest else "full_text", start, end, doc.title,
            printed_title=clean_title(lines[start + 1 if digest else start - 1]), doc_number=number,
            issue_date=parse_date(date_line) if date_line else None,
            issuers=_document_issuers(doc.title, lines, start, end, ctx.home),
            text=join_wrapped(block[1:]), text_lines=(start + 1, end),
        )
        if digest:
            app.notes.append(note("digest"))
        out.append(app)
    return out


def _document_issuers(title, lines, start, end, home: str | None) -> list[str]:
    head = title.split("关于")[0]
    province = jurisdiction.province_name(home) if home else None
    if head.startswith("省人民政府") and province:  # 省… in a list of one province's policies
        return [province + head.removeprefix("省")]
    if re.search(r"部门$", head):  # 十五部门: the names are printed as a block under the title
        names = []
        for no in range(start + 1, min(end, start + 10) + 1):
            if is_issuer_line(lines[no - 1]):
                names += lines[no - 1].split()
        return names or [head]
    return [head] if head else []
