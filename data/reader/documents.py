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
from data.reader.read import SourceText, read_file
from data.reader.text import PartialDate, parse_date

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


def partial_date(text: str | None) -> PartialDate | None:
    """'2026-05-29', '2020-07', '2022' (as data/sources.csv writes dates) or a date in Chinese."""
    if not text:
        return None
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", text.strip())
    if m:
        return PartialDate(int(m[1]), int(m[2]) if m[2] else None, int(m[3]) if m[3] else None)
    return parse_date(text)
