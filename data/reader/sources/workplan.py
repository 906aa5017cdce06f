"""武汉市人民政府办公厅 武政办〔2024〕30号 (004_…): one notice with its work plan.

Layout: a letterhead (武汉市人民政府办公厅文件), the number line, the title
broken over two lines, the notice text, the signature and date, then the
attached 工作方案 with numbered targets; a 抄送 colophon is dropped into the
middle of the last section, and new pages start with a leading space.
"""
from __future__ import annotations

import re

from data.reader.model import Appearance
from data.reader.text import (clean_title, doc_number_only, is_date_line, join_wrapped,
                             parse_date)

LETTERHEAD = re.compile(r"^(?P<issuer>.+?)文件$")
COLOPHON_START = re.compile(r"^\s*抄送[:：]")
COLOPHON_END = re.compile(r"印发\s*$")


def parse(lines: list[str], source_file: str) -> list[Appearance]:
    texts = [(no, l.strip()) for no, l in enumerate(lines, 1) if l.strip()]
    issuer = next((LETTERHEAD.match(t)["issuer"] for _, t in texts[:3] if LETTERHEAD.match(t)), None)
    number_no, number = next(((no, doc_number_only(t)) for no, t in texts[:5] if doc_number_only(t)), (None, None))
    if number_no is None:
        raise ValueError(f"{source_file}: no document number near the top; is this the work plan?")
    # The title runs from the number line to the salutation (…: / …：).
    title_lines = []
    for no, t in texts:
        if no <= number_no:
            continue
        if t.endswith(("：", ":")):
            break
        title_lines.append(t)
    date_no, date_text = next(((no, t) for no, t in texts if is_date_line(t)), (None, None))
    body = _without_colophon(lines)
    end = max(no for no, _ in texts)
    app = Appearance(
        source_file, "full_text", texts[0][0], end, clean_title("".join(title_lines)),
        printed_title=" ".join(title_lines), doc_number=number, issuers=[issuer] if issuer else [],
        issue_date=parse_date(date_text) if date_text else None, region_hint="420100",
        text=join_wrapped(body[number_no:]), text_lines=(number_no + 1, end),
    )
    if date_no:
        app.notes.append(f"dated at line {date_no}; the attached 工作方案 follows")
    return [app]


def _without_colophon(lines: list[str]) -> list[str]:
    """The lines without the 抄送 … 印发 block the PDF dropped into the last section."""
    out, inside = [], False
    for line in lines:
        if COLOPHON_START.search(line):
            inside = True
        if not inside:
            out.append(line)
        elif COLOPHON_END.search(line):
            inside = False
    return out
