"""One path for every file: read → segment (with a layout rule where one is recognised) → header.

`read_documents(path, ctx)` is a pure function of the file and what a person annotated about it
(`SourceContext`), so files can be read in parallel (a process pool, or a cluster engine) and in
any order. It returns the file's text and the appearances of policies in it, with the page of
each appearance when the file has pages.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from data.reader import jurisdiction, segment
from data.reader.layouts import field_list, newsletter, paged_compilation
from data.reader.model import Appearance, SourceContext
from data.reader.notes import FIELDS_ZH, note
from data.reader.read import SourceText, read_file
from data.reader.text import PartialDate, normalize_doc_number, parse_date

# Each layout rule: recognises(lines) -> bool, parse(lines, ctx) -> appearances. The first that
# recognises the file and finds a document in it reads it; otherwise the general segmenter does.
LAYOUTS = {"field list": field_list, "newsletter": newsletter, "paged compilation": paged_compilation}
BODY_KINDS = {"full_text", "summary", "list_entry"}


@dataclass
class ReadResult:
    text: SourceText
    appearances: list[Appearance]
    layout: str                  # which rule read it: "documents" (the general segmenter) or a layout's name
    context: SourceContext


def read_documents(path: Path, ctx: SourceContext) -> ReadResult:
    src = read_file(path)
    layout, apps = segment_text(src.lines, ctx)
    if ctx.home is None:  # an unannotated file: the place its own first document names
        ctx.home = home_of(apps) or masthead_home(src.lines)
        if ctx.home:
            layout, apps = segment_text(src.lines, ctx)
    record_header(src.lines, apps)
    for a in apps + [c for a in apps for c in a.cites]:
        if a.page is None and src.pages[a.line_start - 1] is not None:
            a.page = src.pages[a.line_start - 1]
    if src.notes:
        for a in apps:
            a.notes += src.notes
    return ReadResult(src, apps, layout, ctx)


def segment_text(lines: list[str], ctx: SourceContext) -> tuple[str, list[Appearance]]:
    for name, layout in LAYOUTS.items():
        if layout.recognises(lines):
            apps = layout.parse(lines, ctx)
            if any(a.kind in BODY_KINDS for a in apps):
                return name, apps
    return "documents", segment.parse(lines, ctx.file)


def home_of(apps: list[Appearance]) -> str | None:
    """The region the file's first dated or numbered document states of itself."""
    for a in apps:
        if a.kind in BODY_KINDS:
            code = jurisdiction.stated_region(a.issuers, a.doc_number, a.title, None)
            if code and code != jurisdiction.COUNTRY:
                return code
    return None


# A gazette's masthead: 咸宁市人民政府主办, 湖北省人民政府公报, 武汉市人民政府公报 2024年第3期
MASTHEAD = re.compile(r"^(?P<body>[\u4e00-\u9fff]{2,20}?(?:人民政府|政府)(?:办公厅|办公室)?)(?:主办|公报)")


def masthead_home(lines: list[str]) -> str | None:
    """The region of the body whose gazette this file is, named on one of its first lines."""
    for line in lines[:5]:
        m = MASTHEAD.match(line.strip().replace(" ", ""))
        if m:
            code = jurisdiction.region_of_issuer(m["body"])
            if code and code != jurisdiction.COUNTRY:
                return code
    return None


def context_from_text(file: str, result_apps: list[Appearance]) -> dict[str, str]:
    """Metadata of an unannotated file, from its first document: title, publisher, date."""
    first = next((a for a in result_apps if a.kind in BODY_KINDS), None)
    if first is None:
        return {"title": file, "publisher": "", "publication_date": ""}
    return {"title": first.title, "publisher": "；".join(first.issuers),
            "publication_date": first.issue_date.iso() if first.issue_date else ""}


# A law database's record header above the text: 【发布文号】新政发[1994]103号, 【发布日期】1994-12-27 …
RECORD_FIELD = re.compile(r"^【(?P<key>发布文号|文号|发文字号|发布日期|成文日期|生效日期|施行日期|实施日期|失效日期|"
                          r"发布部门|发文机关|颁布单位)】\s*(?P<value>.*?)\s*$")


def record_header(lines: list[str], apps: list[Appearance]) -> None:
    """Fill what the file's first document leaves unstated from a record header on its first lines
    (what the text itself states always wins; '-----' is a field left empty)."""
    fields = {m["key"]: m["value"] for line in lines[:12] for m in [RECORD_FIELD.match(line.strip())]
              if m and re.search(r"[\w\u4e00-\u9fff]", m["value"])}
    first = next((a for a in apps if a.kind in BODY_KINDS), None)
    if not fields or first is None:
        return
    pick = lambda *keys: next((fields[k] for k in keys if k in fields), None)
    filled = []
    number = pick("发布文号", "文号", "发文字号")
    if first.doc_number is None and number and normalize_doc_number(number):
        first.doc_number = normalize_doc_number(number)
        filled.append("doc_number")
    for attr, keys in (("issue_date", ("成文日期", "发布日期")), ("effective_from", ("生效日期", "施行日期", "实施日期")),
                       ("effective_to", ("失效日期",))):
        if getattr(first, attr) is None and pick(*keys) and partial_date(pick(*keys)):
            setattr(first, attr, partial_date(pick(*keys)))
            filled.append(attr)
    issuer = pick("发布部门", "发文机关", "颁布单位")
    if not first.issuers and issuer:
        first.issuers = [n for n in re.split(r"[\s、，,；;]+", issuer) if n]
        filled.append("issuers")
    if filled:
        first.notes.append(note("record_header", fields=", ".join(filled), fields_zh="、".join(FIELDS_ZH.get(f, f) for f in filled)))


def partial_date(text: str | None) -> PartialDate | None:
    """'2026-05-29', '2020-07', '2022' (as data/sources.csv writes dates) or a date in Chinese."""
    if not text:
        return None
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", text.strip())
    if m:
        return PartialDate(int(m[1]), int(m[2]) if m[2] else None, int(m[3]) if m[3] else None)
    return parse_date(text)
