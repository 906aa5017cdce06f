"""A policy's text as clauses: 章/条, 一、 （一） 1. (1) ①, list items, and the paragraphs under them.

The text is read from the source lines of the policy (`text_with_lines`: wrapped lines re-joined, one paragraph
per line, every character mapped to its source line). Each paragraph is a clause; a paragraph that opens with a
marker (第三条, 二、, （一）, 1., (1), ①, a "- " list item) also opens a level of the outline, and unmarked
paragraphs sit under the last marked one. Levels follow the order in which marker styles first appear (a
document may use 一、 → （一） → 1. or 第一条 → （一）), so a marker style already open closes the deeper ones.

A clause keeps a stable id (the policy id and its outline path, e.g. `p…:三/（二）/¶1`, not line numbers),
its heading (the marked paragraph's short title: "六、支持会展业加快恢复。" → 支持会展业加快恢复), its line
span and, for an item under a lead-in that ends in "：" (对符合以下条件的…，可享受奖补支持：), that lead-in, so
a condition stated once is carried to every item.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from data.reader.text import HEADING_START, is_page_footer, strip_markup, to_halfwidth

CN_NUM = "一二三四五六七八九十百零〇"
# Marker styles, each with the pattern that opens a paragraph with it.
MARKERS: list[tuple[str, re.Pattern]] = [
    ("chapter", re.compile(rf"^第[{CN_NUM}\d]+[章节](?=\s|$|[^\d])")),
    ("article", re.compile(rf"^第[{CN_NUM}\d]+条(?=\s|[^\d]|$)")),
    ("cn", re.compile(rf"^[{CN_NUM}]+[、．.](?!\d)")),
    ("paren_cn", re.compile(rf"^[（(][{CN_NUM}]+[）)]")),
    ("num", re.compile(r"^\d{1,2}[、.．](?!\d)\s*")),
    ("paren_num", re.compile(r"^[（(]\d{1,2}[）)]")),
    ("circled", re.compile(r"^[①-⑳]")),
    ("item", re.compile(r"^[-•·]\s+")),
]
LEAD_IN_END = ("：", ":")
FIXED = {"chapter": 0, "article": 1}
# A heading is the marked paragraph's first sentence when it is short: "（三）支持会展业加快恢复。…"
HEADING = re.compile(r"^(?P<h>[^。；：:！？]{2,40}?)(?:[。：:]|$)")
LIST_FIELD_LABEL = re.compile(r"^(?:主要内容|支持对象)\s+")  # the 鄂州 list's field names are not part of a quote


@dataclass
class Clause:
    clause_id: str
    policy_id: str
    source_id: str
    path: str                  # outline path: 三/（二）/¶1
    marker: str | None         # as printed: 第二十三条, 三、, （二）, 1., -
    style: str | None          # the marker's style (see MARKERS), None for an unmarked paragraph
    depth: int
    parent_id: str | None
    heading: str | None        # the nearest heading: this clause's own, else its parent's
    lead_in: str | None        # the lead-in ending in ： the item sits under
    start: int                 # character offsets in the policy text
    end: int
    line_start: int
    line_end: int
    text: str


def text_with_lines(lines: list[str], start: int, end: int, skip=None) -> tuple[str, list[int]]:
    """Lines start..end joined into one string (wrapped lines re-joined, one paragraph per line), and each
    character's line."""
    text, line_of = "", []
    for no in range(start, end + 1):
        raw = lines[no - 1]
        if not raw.strip() or is_page_footer(raw) or (skip and skip(raw)):
            continue
        piece = LIST_FIELD_LABEL.sub("", _untex(to_halfwidth(strip_markup(raw).strip())))
        if not piece:
            continue
        if (HEADING_START.match(piece) or MARKERS[-1][1].match(piece)) and text and not text.endswith("\n"):
            text += "\n"                 # a numbered heading or a list item starts its own paragraph
            line_of.append(no)
        if text and text[-1].isascii() and text[-1].isalnum() and piece[0].isascii() and piece[0].isalnum():
            piece = " " + piece
        if _ends_paragraph(raw) or (HEADING_START.match(piece) and len(piece) < 20):
            piece = piece + "\n"
        text += piece
        line_of += [no] * len(piece)
    return text, line_of


def _untex(text: str) -> str:
    """'$\\geq 50\\%$' (LaTeX left by the PDF extraction) → '≥50%'."""
    if "$" not in text:
        return text
    text = re.sub(r"\\geq\s*", "≥", text)
    text = re.sub(r"\\leq\s*", "≤", text)
    return text.replace("\\%", "%").replace("$", "")


def _ends_paragraph(raw: str) -> bool:
    return raw.rstrip().endswith(("。", "；", "：", ":"))


def marker_of(paragraph: str) -> tuple[str, str] | None:
    """(style, marker as printed) of a paragraph's opening marker, or None."""
    for style, pattern in MARKERS:
        m = pattern.match(paragraph)
        if m:
            return style, m.group(0).strip()
    return None


def _split_inline(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A paragraph split where an enumeration runs on inside it: '…支持：（一）…；（二）…' → three pieces."""
    cuts = [start]
    for m in re.finditer(r"(?<=[：:；;。])\s*(?=[（(][一二三四五六七八九十\d]{1,3}[）)]|[①-⑳])", text[start:end]):
        cut = start + m.end()
        if cut - cuts[-1] > 1:
            cuts.append(cut)
    return [(a, b) for a, b in zip(cuts, cuts[1:] + [end]) if text[a:b].strip()]


def split(text: str, line_of: list[int], *, policy_id: str, source_id: str) -> list[Clause]:
    """The clauses of a policy text, in reading order."""
    pieces: list[tuple[int, int]] = []
    at = 0
    for para in text.split("\n"):
        a, b = at, at + len(para)
        at = b + 1
        lead = len(para) - len(para.lstrip())
        a, b = a + lead, a + len(para.rstrip()) if para.strip() else a
        if b > a:
            pieces += _split_inline(text, a, b)
    out: list[Clause] = []
    stack: list[Clause] = []             # the open marked clauses, outermost first
    styles: list[str] = []               # their styles, in the same order
    counters: dict[str, int] = {}        # paragraphs seen under each parent path
    lead_in: tuple[int, str, int] | None = None  # (depth of its items, text, items seen)
    for a, b in pieces:
        body = text[a:b]
        found = marker_of(body)
        if found:
            style, marker = found
            if style in FIXED:           # 章 above 条 above everything else, whatever came first
                k = next((i for i, s in enumerate(styles) if s not in FIXED or FIXED[s] >= FIXED[style]),
                         len(styles))
                del stack[k:], styles[k:]
            elif style in styles:        # a sibling (or an ancestor's sibling): close the deeper levels
                k = styles.index(style)
                del stack[k:], styles[k:]
            depth = len(stack)
            parent = stack[-1] if stack else None
            if style == "item":      # "- （二）…": a list item that carries its own number
                ppath = (parent.path if parent else "") + "-"
                counters[ppath] = counters.get(ppath, 0) + 1
                inner = marker_of(body[len(marker):].lstrip())
                key = inner[1] if inner else f"-{counters[ppath]}"
            else:
                key = marker
            path = (parent.path + "/" if parent else "") + key
            rest = body[len(marker):].strip() if body.startswith(marker) else body
            h = HEADING.match(rest)
            own = h is not None and style != "item" and (
                len(rest) <= len(h["h"]) + 1 and not rest.endswith(LEAD_IN_END)  # the whole paragraph
                or rest[len(h["h"])] == "。"                                       # its first sentence
                or rest[len(h["h"])] in "：:" and len(h["h"]) <= 12)               # 支持范围：
            heading = h["h"].strip() if own else (parent.heading if parent else None)
        else:
            style, marker = None, None
            parent = stack[-1] if stack else None
            depth = len(stack)
            ppath = parent.path if parent else ""
            counters[ppath] = counters.get(ppath, 0) + 1
            path = (ppath + "/" if ppath else "") + f"¶{counters[ppath]}"
            heading = parent.heading if parent else None
        if path in {c.path for c in out}:  # a marker printed twice (a numbering slip): keep ids unique
            path += f"~{sum(1 for c in out if c.path.split('~')[0] == path) + 1}"
        # a lead-in (…可享受奖补支持：) carries to the items after it, until the outline climbs above it or
        # an unmarked paragraph follows the items
        if lead_in is not None:
            lead_depth, lead_text, items = lead_in
            if depth < lead_depth or (not found and items):
                lead_in = None
        carried = lead_in[1] if lead_in is not None else None
        clause = Clause(f"{policy_id}:{path}", policy_id, source_id, path, marker, style, depth,
                        parent.clause_id if parent else None, heading, carried, a, b,
                        line_of[a], line_of[b - 1], body)
        out.append(clause)
        if lead_in is not None:
            lead_in = (lead_in[0], lead_in[1], lead_in[2] + 1)
        if found:
            stack.append(clause)
            styles.append(style)
        if body.rstrip().endswith(LEAD_IN_END):
            lead_in = (len(stack), body.strip(), 0)
    return out


def clause_at(clauses: list[Clause], offset: int) -> Clause | None:
    """The clause that holds a character offset of the text."""
    for c in clauses:
        if c.start <= offset < c.end:
            return c
    return None
