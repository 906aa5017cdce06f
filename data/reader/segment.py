"""Documents out of a file's lines: the general reader's segmenter.

Chinese official documents (GB/T 9704 党政机关公文格式) are printed the same way in a single
file, a compilation or a web page: perhaps a 发文机关标志 (…文件) and a 发文字号 above the title;
a title (one to three lines) ending with the kind of document (通知/意见/办法/措施…); perhaps
the number under the title (as compilations print it); a 主送机关 salutation (各…：); the text;
the issuers' signature and the 成文日期. A title starts a document only when something confirms
it: a number, a salutation, a date under the title, a news lead, a letterhead above, or the
file's own table of contents. The text a cover notice issues (关于印发《X》的通知 → X) is part
of the notice, not a new document. A file with no confirmed title is still one document.

Layout rules for what is particular to some files (a contents list, a list of entries with
fields, a newsletter's summaries, a compilation hard-wrapped page by page) live in layouts/ and
are applied by `data.reader.documents` where their layout is recognised.
"""
from __future__ import annotations

import re

from data.reader.header import (ATTACHMENT_FILE, DATED_UNDER_TITLE, LETTERHEAD, NUMBERED, SALUTATION, TITLE_END,
                                TITLE_WORDS, clean, first_date, forwards, genre_of, inline_signature, is_issuer_line,
                                issuer_names, issuers_above_date, issuers_from_title, join_title, without_colophon)
from data.reader.model import Appearance
from data.reader.notes import note
from data.reader.text import (clean_title, doc_number_only, is_date_line, leading_number, normalize_doc_number,
                              paragraphs, parse_date, title_key, to_halfwidth)

TOC_LINE = re.compile(r"^(?P<text>.*?)\s*(?:\.{2,})?\s*\t\s*(?P<page>\d*)\s*$")
GLUED_NUMBER = re.compile(
    rf"^(?P<title>.+{TITLE_WORDS})\s*\d*\s*(?P<number>[\u4e00-\u9fff][\u4e00-\u9fff\s]{{0,20}}"
    r"(?:[〔（(\[]\s*\d{4}\s*[〕）)\]]\s*\d+\s*号|公告\s*\d{4}\s*年\s*第\s*\d+\s*号))$"
)
DECREE_HEAD = re.compile(r"^(?P<issuer>[\u4e00-\u9fff]{2,20})令$")
DECREE_NUMBER = re.compile(r"^第\s*(?P<no>\d+)\s*号$")
NEWS_LEAD = re.compile(r"^新华社|^本报|记者")
COLLECTION_HEADING = re.compile(r"(?:汇编|选编|摘编|目录|文件)$")  # a compilation's own title, a letterhead


def parse(lines: list[str], source_file: str) -> list[Appearance]:
    """Contents entries and documents; a file with no confirmed document start is one document."""
    toc, body_start, sections = contents(lines, source_file)
    toc_keys = {title_key(a.title) for a in toc}
    starts = _document_starts(lines, body_start, toc_keys, sections)
    out = list(toc)
    for i, start in enumerate(starts):
        end = starts[i + 1].line - 1 if i + 1 < len(starts) else len(lines)
        while end > start.line and (not lines[end - 1].strip() or _is_section_heading(lines, end, sections)):
            end -= 1
        out.append(_document(lines, source_file, start, end))
    if not starts:
        whole = whole_document(lines, source_file, body_start)
        out += [whole] if whole else []
    return out


def _is_section_heading(lines: list[str], no: int, sections: set[str]) -> bool:
    """A compilation's part heading (国务院文件, 部门文件, 省级政策 …) standing alone, not a letterhead."""
    text = clean(lines[no - 1])
    if text in sections:
        return True
    return (bool(re.fullmatch(r"[\u4e00-\u9fff]{2,8}(?:文件|政策|法规)", text))
            and not any(doc_number_only(t) for _, t in _next_texts(lines, no, 2)))


def whole_document(lines: list[str], source_file: str, start: int = 1) -> Appearance | None:
    """A file with no recognisable document start is still one document: its title is the first
    title-like line, or the name in 《》 of "现将《X》印发给你们"; what the text does not state stays empty."""
    texts = [(no, clean(lines[no - 1])) for no in range(start, len(lines) + 1) if clean(lines[no - 1])]
    if not texts:
        return None
    first, last = texts[0][0], texts[-1][0]
    header = _header_above(lines, texts[min(len(texts) - 1, 6)][0] + 1, first - 1)
    title_line = next((no for no, t in texts[:12] if _is_title_piece(t, set()) and TITLE_END.search(t)), None)
    if title_line:
        block = _title_block(lines, title_line, set())
        title, printed = join_title(lines, block)
        body_from = block[-1]
    else:
        named = next((m for _, t in texts[:40] for m in [re.search(r"(?:现将|将)《(?P<x>[^《》]{4,80})》", t)] if m), None)
        signed = _signed_without_title(lines, first - 1, last) if named is None else None
        titled = _is_title_piece(texts[0][1], set()) and len(texts[0][1]) >= 6
        untitled = _self_named(texts) if named is None and signed is None and not titled else None
        if named is None and signed is None and not titled and untitled is None:
            return None  # no title line, named document, signature or clauses naming themselves: not a policy document
        title = clean_title(named["x"]) if named else signed or untitled or clean_title(texts[0][1])
        printed, body_from = title, first - 1
    dated = first_date(lines, body_from, last)
    inline = None if dated else inline_signature(lines, body_from, last)
    cover = _cover_signature(lines, block[0], title) if title_line else ([], None)
    app = Appearance(source_file, "full_text", first, last, title, printed_title=printed,
                     doc_number=header.number or _number_below(lines, body_from),
                     issuers=issuers_above_date(lines, body_from, last) or (inline[0] if inline else [])
                     or header.issuers or issuers_from_title(printed) or cover[0],
                     issue_date=parse_date(dated[1]) if dated else parse_date(inline[1]) if inline else cover[1],
                     text=paragraphs(without_colophon(lines[body_from:last])), text_lines=(body_from + 1, last))
    if not title_line:
        app.notes.append(note("title_from_signature" if signed and not named
                              else "title_from_sentence" if untitled and not named else "title_from_text"))
    return app


# A body that names what it is (制定本意见, 本办法自…起施行): a policy printed without its title.
SELF_NAMED = re.compile(r"(?:制定|提出|出台)(?:如下|以下)?本?(?P<a>实施意见|若干意见|意见|实施办法|办法|实施细则|细则|若干措施|措施|"
                        r"方案|规定|若干政策)|(?:按照|根据|依照|依据|落实)?本(?P<b>实施意见|意见|办法|细则|措施|方案|规定)"
                        r"(?:自|所称|适用|由|执行|有效期|，|要求|规定)")


# clause numbers run into the text of a page printed on one line: "…提出如下意见： 一、重要意义 (一)…"
INLINE_CLAUSE = re.compile(r"(?<=[。：:；])\s*(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])")


def _self_named(texts: list[tuple[int, str]]) -> str | None:
    """'未载标题的意见（为把我县旅游业培育成为新的支柱产业…）' for a body with numbered clauses that names
    its own kind; the first sentence is the handle an analyst can search for."""
    body = " ".join(t for _, t in texts)
    named = SELF_NAMED.search(body)
    clauses = sum(1 for _, t in texts if NUMBERED.match(t)) + len(INLINE_CLAUSE.findall(body))
    if named is None or clauses < 2:
        return None
    first = re.sub(r"^各[^。：:]{1,80}[：:]\s*", "", texts[0][1]) or texts[0][1]   # not the 主送机关
    opening = re.split(r"[，。；：,]", first, maxsplit=1)[0][:24]
    return f"未载标题的{named['a'] or named['b']}（{opening}…）"


def _cover_signature(lines: list[str], title_start: int, title: str) -> tuple[list[str], object]:
    """(issuers, date) of a notice printed above the text it presents and signed there: 我委起草了《X（征求
    意见稿）》…征求意见 / 荆门市发展和改革委员会 / 2025年11月7日 / X. It must cite the title in 《》."""
    texts = [(no, clean(lines[no - 1])) for no in range(max(1, title_start - 15), title_start) if clean(lines[no - 1])]
    if len(texts) < 3 or not is_date_line(texts[-1][1]) or not is_issuer_line(texts[-2][1]):
        return [], None
    key = title_key(title)[:12]
    if not key or not any(key in title_key(m) for _, t in texts[:-2] for m in re.findall(r"《([^《》]+)》", t)):
        return [], None
    return issuer_names(texts[-2][1]), parse_date(texts[-1][1])


def _signed_without_title(lines: list[str], start: int, end: int) -> str | None:
    """A document with no title that closes with a signature (body names over a date line): its title is
    made from them and what it calls itself (武汉市经济和信息化局公示（2024年3月27日）)."""
    issuers = issuers_above_date(lines, start, end)
    dated = first_date(lines, start, end)
    if not issuers or not dated or not is_date_line(dated[1]):
        return None
    return f"{'、'.join(issuers)}{genre_of(' '.join(lines[start:end]))}（{dated[1]}）"


def _number_below(lines: list[str], title_end: int) -> str | None:
    for i, (_, text) in enumerate(_next_texts(lines, title_end, 3)):
        number = doc_number_only(text) or (leading_number(text) if i == 0 else None)
        if number:
            return number
    return None


class _Header:
    def __init__(self, line: int | None = None, number: str | None = None, issuers: list[str] | None = None):
        self.line, self.number, self.issuers = line, number, issuers or []


def _header_above(lines: list[str], title_start: int, floor: int) -> _Header:
    """The header zone above a title: 发文机关标志 (…文件), 发文字号, 签发人, 份号, 密级 lines.
    Only those: the header ends at the first line that is none of them."""
    header = _Header()
    no = title_start - 1
    while no > floor:
        text = clean(lines[no - 1])
        if text:
            compact = re.sub(r"\s+", "", text)
            letterhead = LETTERHEAD.match(compact)
            number = doc_number_only(text) or doc_number_only(re.sub(r"签发人[:：].*$", "", compact))
            if number:
                header.number, header.line = number, no
            elif letterhead:
                header.issuers, header.line = [letterhead["issuer"]], no
            elif re.match(r"^(?:签发人|份号|密级|紧急程度|特急|加急|[0-9]{6}$)", compact):
                header.line = no
            else:
                break
        no -= 1
    return header


# Contents ---------------------------------------------------------------------

def contents(lines: list[str], source_file: str) -> tuple[list[Appearance], int, set[str]]:
    """Contents entries ("title<TAB>page" lines under 目录), the first body line, and the part
    headings the contents use. The body begins where the first part heading, or the first
    entry's title, is printed again."""
    start = next((no for no, l in enumerate(lines[:400], 1) if re.sub(r"\s", "", l) == "目录"), None)
    if start is None:
        return [], 1, set()
    entries: list[Appearance] = []
    pending: tuple[int, str] | None = None  # a title line printed without its page
    section = None
    sections: list[str] = []
    for no in range(start + 1, len(lines) + 1):
        raw = lines[no - 1]
        text = raw.strip()
        if not text:
            continue
        if text in sections and entries:  # a part heading printed again: the body begins
            return entries, no, set(sections)
        if entries and pending is None and "\t" not in raw and title_key(clean_title(text)) == title_key(entries[0].title):
            return entries, no, set(sections)
        if "\t" not in raw and _next_is_contents_line(lines, no) and not TITLE_END.search(text) and len(text) <= 12:
            section = text
            sections.append(text)
            continue
        m = TOC_LINE.match(raw)
        if not m:  # a line with no tab: a title continued on the next line
            pending = (pending[0] if pending else no, (pending[1] if pending else "") + text)
            continue
        piece, page = m["text"].strip(), int(m["page"]) if m["page"] else None
        if page is None:
            pending = (pending[0] if pending else no, (pending[1] if pending else "") + piece)
            continue
        first = no
        if pending:
            first, piece = pending[0], pending[1] + piece
            pending = None
        _add_contents_line(entries, source_file, first, no, piece, page, section)
    return entries, (entries[-1].line_end + 1 if entries else start + 1), set(sections)


def _next_is_contents_line(lines: list[str], no: int) -> bool:
    nxt = _next_texts(lines, no, 1)
    return bool(nxt) and "\t" in lines[nxt[0][0] - 1]


def _add_contents_line(entries, source_file, first, no, piece, page, section) -> None:
    """Attach a number, date, decree number or issuer line to the entry above, or start an entry."""
    last = entries[-1] if entries else None
    same_page = last is not None and last.page == page
    number = doc_number_only(piece)
    if same_page and number and not last.doc_number:
        last.doc_number, last.line_end = number, no
        return
    decree = DECREE_NUMBER.match(piece.replace(" ", ""))
    if same_page and decree and DECREE_HEAD.match(last.title):
        last.doc_number = f"{_decree_issuer(last.title)}令第{int(decree['no'])}号"
        last.line_end = no
        return
    if same_page and DATED_UNDER_TITLE.match(piece):
        last.issue_date, last.line_end = parse_date(piece), no
        return
    if same_page and not TITLE_END.search(last.title) and not last.doc_number:
        glued = GLUED_NUMBER.match(to_halfwidth(piece))  # the title's second line, perhaps with its number
        last.title = clean_title(last.title + (glued["title"] if glued else piece))
        last.doc_number = normalize_doc_number(glued["number"]) if glued else None
        last.printed_title += piece
        last.line_end = no
        return
    if same_page and last.doc_number is None and is_issuer_line(piece):
        last.issuers, last.line_end = piece.split(), no
        return
    glued = GLUED_NUMBER.match(to_halfwidth(piece))
    title, number = (glued["title"], normalize_doc_number(glued["number"])) if glued else (piece, None)
    entries.append(Appearance(source_file, "toc", first, no, clean_title(title), printed_title=title,
                              doc_number=number, page=page, group=section))
    if len(entries) > 1:
        prior = [e for e in entries[:-1] if title_key(e.title) == title_key(entries[-1].title)]
        if prior:
            entries[-1].notes.append(note("listed_twice", line=prior[0].line_start))


def _decree_issuer(head: str) -> str:
    return DECREE_HEAD.match(head)["issuer"].removeprefix("中华人民共和国")


# Body -------------------------------------------------------------------------

class _Start:
    def __init__(self, line: int, title_lines: list[int], number: str | None = None,
                 decree: str | None = None, headless: bool = False, letterhead: list[str] | None = None):
        self.line, self.title_lines, self.number, self.decree, self.headless = line, title_lines, number, decree, headless
        self.letterhead = letterhead or []


def _is_title_piece(text: str, sections: set[str]) -> bool:
    """A line that can be part of a title: short, no sentence punctuation, not a heading,
    date or number. (A title's first line may be only issuer names: 财政部办公厅 银保监会办公厅.)"""
    return (bool(text) and len(text) <= 80 and not re.search(r"[。；：，！？;:!?]", text)
            and not is_date_line(text) and not doc_number_only(text) and text not in sections
            and not NUMBERED.match(text) and not (text.startswith(("（", "(")) and not TITLE_END.search(text))
            and not ATTACHMENT_FILE.search(text) and not COLLECTION_HEADING.search(text))


def _title_block(lines: list[str], end: int, sections: set[str]) -> list[int]:
    """Line numbers of a title that ends at `end`: up to three pieces, blank lines allowed between."""
    block = [end]
    # a last line like "（2023—2025年）》的通知" continues a line that itself ends like a title
    continues = clean(lines[end - 1]).startswith(("（", "(", "》", "的"))
    no = end - 1
    while no >= 1 and len(block) < 3:
        text = clean(lines[no - 1])
        if not text:
            no -= 1
            continue
        if not _is_title_piece(text, sections) or (TITLE_END.search(text) and not (continues and len(block) == 1)):
            break
        block.insert(0, no)
        no -= 1
    below = _next_texts(lines, end, 1)
    if below and TITLE_STAGE.fullmatch(below[0][1]):   # 实施意见 / （征求意见稿）: a draft says so under its title
        block.append(below[0][0])
    return block


TITLE_STAGE = re.compile(r"[（(](?:征求意见稿|草案|送审稿|试行|暂行|修订稿|公开征求意见稿)[）)]")


def _next_texts(lines: list[str], after: int, n: int) -> list[tuple[int, str]]:
    out = []
    no = after + 1
    while no <= len(lines) and len(out) < n:
        text = clean(lines[no - 1])
        if text:
            out.append((no, text))
        no += 1
    return out


def _confirm(lines, block: list[int], toc_keys: set[str], header: _Header) -> tuple[bool, str | None]:
    """A title is a document start when a number, a salutation, a date, a news lead, a header
    zone above it or the contents list confirms it; returns (confirmed, number)."""
    if header.number or header.issuers:
        return True, header.number
    ahead = _next_texts(lines, block[-1], 4)
    for i, (_, text) in enumerate(ahead):
        number = doc_number_only(text) or (leading_number(text) if i == 0 else None)
        if number is None and i + 1 < len(ahead):  # an announcement number split over two lines
            number = doc_number_only(text + ahead[i + 1][1])
        if number:
            return True, number
        if SALUTATION.match(text) or DATED_UNDER_TITLE.match(text) or NEWS_LEAD.search(text):
            return True, None
        if i >= 1 and not is_issuer_line(text):
            break
    title = clean_title("".join(clean(lines[n - 1]) for n in block))
    return title_key(title) in toc_keys, None


def _document_starts(lines: list[str], body_start: int, toc_keys: set[str], sections: set[str]) -> list[_Start]:
    starts: list[_Start] = []
    no = body_start
    while no <= len(lines):
        text = clean(lines[no - 1])
        decree = DECREE_HEAD.match(text)
        if decree:
            nxt = _next_texts(lines, no, 1)
            if nxt and DECREE_NUMBER.match(nxt[0][1].replace(" ", "")):
                number = f"{_decree_issuer(text)}令第{int(DECREE_NUMBER.match(nxt[0][1].replace(' ', ''))['no'])}号"
                starts.append(_Start(no, [no], number=number, decree=text))
                no = nxt[0][0] + 1
                continue
        if TITLE_END.search(text) and _is_title_piece(text, sections):
            block = _title_block(lines, no, sections)
            floor = _title_end_with_number(lines, starts[-1].title_lines[-1]) if starts else body_start - 1
            header = _header_above(lines, block[0], floor)
            if starts and block[0] <= starts[-1].title_lines[-1]:  # this line completes the title above
                ok, number = _confirm(lines, block, toc_keys, header)
                if ok:
                    last = starts[-1]
                    starts[-1] = _Start(last.line, sorted(set(last.title_lines) | set(block)),
                                        number=number or last.number, letterhead=last.letterhead)
                no += 1
                continue
            ok, number = _confirm(lines, block, toc_keys, header)
            if ok and not _forwarded_text(lines, starts, block):
                starts.append(_Start(header.line or block[0], block, number=number, letterhead=header.issuers))
        no += 1
    return [_headless(lines, s, starts[i - 1] if i else None) for i, s in enumerate(starts)]


def _title_end_with_number(lines: list[str], title_end: int) -> int:
    """The last line of a title and of the number printed right under it (compilations print so)."""
    nxt = _next_texts(lines, title_end, 1)
    return nxt[0][0] if nxt and doc_number_only(nxt[0][1]) else title_end


def _forwarded_text(lines, starts: list[_Start], block: list[int]) -> bool:
    """The measures a notice forwards (its title is inside the notice's title) are not a new document."""
    return bool(starts) and forwards(join_title(lines, starts[-1].title_lines)[0], join_title(lines, block)[0])


def _headless(lines, start: _Start, prev: _Start | None) -> _Start:
    """A notice printed without its title: its salutation, text, signature and date sit just
    above the title of what it forwards. Move the start up to the salutation."""
    if start.number or start.decree or prev is None:
        return start
    window = range(start.line - 1, max(prev.line, start.line - 14), -1)
    dated = False
    for no in window:
        text = clean(lines[no - 1])
        if is_date_line(text):
            dated = True
        elif SALUTATION.match(text) and dated:
            return _Start(no, start.title_lines, headless=True)
    return start


def _document(lines, source_file, start: _Start, end: int) -> Appearance:
    block_end = start.title_lines[-1]
    printed = " ".join(clean(lines[n - 1]) for n in start.title_lines)
    title = clean_title("".join(clean(lines[n - 1]) for n in start.title_lines))
    number = start.number
    if start.decree:  # the regulation's own title follows the decree text and its date
        title_no = _decree_title(lines, start.line, end)
        title = clean_title(lines[title_no - 1]) if title_no else title
        printed = lines[title_no - 1].strip() if title_no else printed
        block_end = title_no or block_end
    kind = "full_text"
    ahead = _next_texts(lines, block_end, 2)
    inline = inline_signature(lines, block_end, end) if first_date(lines, block_end, end) is None else None
    issuers = (issuers_above_date(lines, start.line, end) or (inline[0] if inline else []) or start.letterhead
               or issuers_from_title(printed))
    if start.decree:  # 中华人民共和国国务院令 is signed by the premier: the issuer is the body of the decree
        issuers = [_decree_issuer(start.decree)]
    if ahead and NEWS_LEAD.search(ahead[0][1]):
        kind = "summary"  # a news report of the policy, not its text
        inner = re.search(r"《([^《》]+)》", title)
        title = inner[1] if inner else title
    dated_from = start.line if start.decree or start.headless else block_end
    app = Appearance(source_file, kind, start.line, end, title, printed_title=printed, doc_number=number,
                     issuers=issuers, issue_date=_date(lines, dated_from, end) or (parse_date(inline[1]) if inline else None),
                     text=paragraphs(without_colophon(lines[block_end:end])), text_lines=(block_end + 1, end))
    if start.headless:
        app.notes.append(note("headless_notice", line=start.line))
    if start.decree:
        app.notes.append(note("promulgated_by", decree=start.decree, number=number))
    return app


def _decree_title(lines, start, end) -> int | None:
    seen_date = False
    for no in range(start + 1, min(end, start + 20) + 1):
        text = clean(lines[no - 1])
        if is_date_line(text):
            seen_date = True
        elif seen_date and text and _is_title_piece(text, set()):
            return no
    return None


def _date(lines, after: int, end: int):
    found = first_date(lines, after, end)
    return parse_date(found[1]) if found else None
