"""What a source parser returns: appearances of policies, not yet merged.

One policy can appear several times (a contents entry and its body, a summary
and the full text, the same document printed twice); `normalize.py` merges
appearances into policies and keeps each appearance as a provenance row.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from data.reader.text import PartialDate

# Provenance kinds, in order of how much of the policy they carry.
KINDS = ("full_text", "summary", "list_entry", "toc", "citation", "register_entry", "curated_term")


@dataclass
class SourceContext:
    """What is known of a file before reading it: from its data/sources.csv row when a person
    annotated it, else from the file's own first lines. Layout rules read it; none branches on it."""
    file: str
    title: str | None = None
    publisher: str | None = None
    date: PartialDate | None = None
    home: str | None = None        # gazetteer code of the place a bare 省…/市…/区… issuer means


@dataclass
class Appearance:
    source_file: str
    kind: str                      # one of KINDS
    line_start: int                # 1-based, inclusive
    line_end: int
    title: str                     # as a reader cites it (cleaned)
    printed_title: str = ""        # the title lines as printed (joined), for the quote column
    doc_number: str | None = None
    issuers: list[str] = field(default_factory=list)
    issue_date: PartialDate | None = None
    issue_date_note: str | None = None       # e.g. "year taken from the issue date of the newsletter"
    effective_from: PartialDate | None = None
    effective_to: PartialDate | None = None
    region_hint: str | None = None           # gazetteer code when the parser knows it
    text: str = ""                           # body or summary text, re-joined
    text_lines: tuple[int, int] | None = None  # where `text` starts and ends
    fields: dict[str, str] = field(default_factory=dict)  # list-entry fields (支持对象 …)
    cites: list["Appearance"] = field(default_factory=list)  # documents a list entry cites
    group: str | None = None                 # section heading it sits under (目录 category …)
    page: int | None = None                  # printed page number (contents entries)
    notes: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown appearance kind {self.kind!r}")
        if not self.title:
            raise ValueError(f"{self.source_file}:{self.line_start}: appearance without a title")
        if self.line_end < self.line_start:
            raise ValueError(f"{self.source_file}:{self.line_start}: line_end before line_start")
