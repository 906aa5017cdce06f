"""Small text steps shared by every source parser.

Line numbers everywhere are 1-based, as an editor shows them, so that a
provenance row can be checked with `sed -n 'START,ENDp' data/raw/FILE`.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

# Page furniture -------------------------------------------------------------

PAGE_FOOTER = re.compile(r"^\s*[—–\-－]+\s*\d{1,4}\s*[—–\-－]+\s*$")
TOC_LEADER = re.compile(r"\s*(?:\.{2,}|…{1,}|·{3,})\s*\d*\s*$")


def is_page_footer(line: str) -> bool:
    """'— 315 —' style page numbers printed at the foot of a PDF page."""
    return bool(PAGE_FOOTER.match(line))


def strip_markup(text: str) -> str:
    """Drop the markdown bold markers and headings and the HTML paragraph tags some extractions carry."""
    text = text.replace("**", "")
    text = re.sub(r"</?p>", " ", text)
    text = re.sub(r"^\s*#{1,6}\s+", "", text)
    return text


# How the name of a government body ends (财政部, 国家税务总局, 中华全国工商业联合会, 国务院办公厅 …).
BODY_SUFFIX = re.compile(
    r"(?:部|委|局|署|院|厅|行|会|办公室|总局|中心|法院|政府|银行|联合会|协会|企业家协会|综合司|司|中央|工商联|领导小组|指挥部|"
    r"等\d*部门|等[一二三四五六七八九十]+部门)$"
)


# A web page's list furniture before a title: "•【区级】", "■ ", "【转载】".
WEB_FURNITURE = re.compile(r"^(?:[•·●■◆▶►★☆]\s*)?(?:【[^】]{1,8}】\s*)*")


def clean_title(text: str) -> str:
    """A title as a reader cites it: one line, no furniture, no stray spaces.

    PDF extraction pads CJK text with spaces (常态化 工作机制, 2026 年, 人工智能 OPC
    发展); a space is kept between two Latin letters or digits, and between the
    names of joint issuers before 关于 (财政部 税务总局关于…).
    """
    text = strip_markup(text)
    text = TOC_LEADER.sub("", text)
    text = WEB_FURNITURE.sub("", text.strip())
    text = re.sub(r"\s+", " ", text).strip()
    # a web page's heading: 京政办发〔2016〕26号《北京市人民政府办公厅关于…的通知》 → the title alone
    text = re.sub(r"^[\u4e00-\u9fff]{1,14}\s*[〔(（\[]\s*\d{4}\s*[〕)）\]]\s*\d{1,4}\s*号\s*(?=《)", "", text)
    if text.startswith("《") and text.endswith("》") and text.count("《") == 1:
        text = text[1:-1]
    head, sep, tail = text.partition("关于")
    names = head.split()
    if sep and len(names) > 1 and all(BODY_SUFFIX.search(n) for n in names):
        return " ".join(names) + sep + _unspace(tail)
    return _unspace(text)


def _unspace(text: str) -> str:
    return re.sub(r"(?<![A-Za-z0-9]) | (?![A-Za-z0-9])", "", text)


def title_key(title: str) -> str:
    """Key for matching the same title printed in different ways."""
    t = unicodedata.normalize("NFKC", title)
    t = t.replace("〔", "(").replace("〕", ")").replace("[", "(").replace("]", ")")
    t = re.sub(r"[\s《》〈〉<>“”\"'‘’「」、，,。.·:：]", "", t)
    return t


# Numbers and dates ------------------------------------------------------------

def to_halfwidth(text: str) -> str:
    """Full-width digits, Latin letters and %, ( ) to ASCII; CJK punctuation kept."""
    out = []
    for ch in text:
        code = ord(ch)
        if 0xFF10 <= code <= 0xFF19 or 0xFF21 <= code <= 0xFF3A or 0xFF41 <= code <= 0xFF5A:
            out.append(chr(code - 0xFEE0))
        elif ch in "％．":
            out.append(chr(code - 0xFEE0))
        else:
            out.append(ch)
    return "".join(out)


CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
CN_NUMERAL = re.compile(r"[零〇○一二两三四五六七八九十百千万亿]+")


def cn_to_int(text: str) -> int | None:
    """三 → 3, 十五 → 15, 二〇二六 → 2026, 一千万 → 10000000; None if not a numeral."""
    if not text or any(ch not in CN_DIGITS and ch not in CN_UNITS for ch in text):
        return None
    if all(ch in CN_DIGITS for ch in text):  # digit by digit, as years are written
        return int("".join(str(CN_DIGITS[ch]) for ch in text))
    total, section, digit = 0, 0, 0
    for ch in text:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        else:
            unit = CN_UNITS[ch]
            if unit >= 10_000:
                section = (section + digit) * unit
                total += section
                section = 0
            else:
                section += (digit or 1) * unit
            digit = 0
    return total + section + digit


@dataclass(frozen=True)
class PartialDate:
    """A date as precise as the text states it."""
    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def as_date(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def iso(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"


_NUM = r"[0-9０-９]{1,4}|[零〇○一二三四五六七八九十]{1,4}"
DATE_FULL = re.compile(rf"(?P<y>{_NUM})\s*年\s*(?P<m>{_NUM})\s*月(?:\s*(?P<d>{_NUM})\s*日)?")
DATE_MONTH_DAY = re.compile(rf"(?<![年0-9])(?P<m>[0-9０-９]{{1,2}})\s*月\s*(?P<d>[0-9０-９]{{1,2}})\s*日")


def _num(text: str) -> int | None:
    text = to_halfwidth(text)
    return int(text) if text.isdigit() else cn_to_int(text)


def parse_date(text: str, *, default_year: int | None = None) -> PartialDate | None:
    """The first date in text: '2023 年 1 月 3 日', '二〇二六年五月二十九日', '5 月 7 日'.

    A month-and-day date only counts when `default_year` is given (the caller
    knows the year from the source's own date and records that it did so).
    """
    m = DATE_FULL.search(text)
    if m:
        y, mo = _num(m["y"]), _num(m["m"])
        d = _num(m["d"]) if m["d"] else None
        if y and 1900 <= y <= 2100 and mo and 1 <= mo <= 12 and (d is None or 1 <= d <= 31):
            return PartialDate(y, mo, d)
    if default_year:
        m = DATE_MONTH_DAY.search(text)
        if m:
            mo, d = _num(m["m"]), _num(m["d"])
            if mo and 1 <= mo <= 12 and d and 1 <= d <= 31:
                return PartialDate(default_year, mo, d)
    return None


DATE_LINE = re.compile(rf"^\s*(?:{_NUM})\s*年\s*(?:{_NUM})\s*月\s*(?:{_NUM})\s*日\s*$")


def is_date_line(line: str) -> bool:
    """A line that is only a date: the 成文日期 that closes a document."""
    return bool(DATE_LINE.match(line))


# Document numbers -------------------------------------------------------------

# 国办函〔2023〕7号, 国办函（2023）7号, 工信部企业函〔2023〕3 号, 鄂政办发[2020]5号
DOC_NUMBER = re.compile(
    r"(?P<prefix>[\u4e00-\u9fff]{1,14}?)\s*[〔（(\[［【]\s*(?P<year>(?:19|20)\d{2})\s*[〕）)\]］】]\s*(?P<no>\d{1,4})\s*号"
)
# 财政部 税务总局公告 2023 年第 2 号, 国家税务总局公告 2023 年第 6 号
ANNOUNCEMENT_NUMBER = re.compile(
    r"(?P<prefix>[\u4e00-\u9fff]{1,30}?公告)\s*(?P<year>(?:19|20)\d{2})\s*年\s*第\s*(?P<no>\d{1,4})\s*号"
)
DECREE_NUMBER = re.compile(
    r"(?P<prefix>(?:中华人民共和国)?[\u4e00-\u9fff]{0,16}?(?:国务院|政府|总局|部|委员会|银行)令)\s*第\s*(?P<no>\d{1,4})\s*号"
)


def normalize_doc_number(text: str) -> str | None:
    """The first document number in text, in the form 国办发〔2023〕37号."""
    if "号" not in text:
        return None
    text = re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])", "", to_halfwidth(text))
    m = DOC_NUMBER.search(text)
    if m:
        # the prefix is an issuer's abbreviation: cut off any title glued in front of it
        prefix = re.split(r"的|关于|通知|意见|公告|通告|办法|方案|措施|规定", m["prefix"])[-1]
        if prefix:
            return f"{prefix}〔{m['year']}〕{int(m['no'])}号"
    m = ANNOUNCEMENT_NUMBER.search(text)
    if m:
        prefix = re.sub(r"\s+", "", m["prefix"])
        return f"{prefix}{m['year']}年第{int(m['no'])}号"
    m = DECREE_NUMBER.search(text)
    if m:
        return f"{m['prefix']}第{int(m['no'])}号"
    return None


def doc_number_only(line: str) -> str | None:
    """The normalised number when the line holds a document number and nothing else."""
    stripped = re.sub(r"\s+", "", to_halfwidth(strip_markup(line)))
    number = normalize_doc_number(stripped)
    if number and len(stripped) <= len(number) + 2:
        return number
    return None


def leading_number(line: str) -> str | None:
    """The number that opens a line whose text runs on after it, as a page printed without line breaks
    has it: '桂政发〔2006〕17 号　各市、县人民政府：…', '（新政发〔1994〕103号）伊犁哈萨克自治州，…：'.
    Not '国办发〔2023〕7号文件要求…' nor '（工信部联企业〔2023〕196号）以及《…': numbers a sentence cites."""
    text = to_halfwidth(strip_markup(line)).strip()
    m = re.match(r"^(?P<open>[(（])?\s*(?P<n>[\u4e00-\u9fff]{1,14}\s*[〔(（\[［【]\s*(?:19|20)\d{2}\s*[〕)）\]］】]\s*\d{1,4}\s*号)"
                 r"\s*(?P<close>[)）])?", text)
    if not m or bool(m["open"]) != bool(m["close"]):
        return None
    after = text[m.end():].strip()
    # what runs on is the 主送机关 (各市、县人民政府：), not the sentence that cites it ('…号）以及《…')
    if not after or re.match(r"^[^。；：:《》]{2,160}[：:]", after):
        return normalize_doc_number(m["n"])
    return None


# Paragraphs -------------------------------------------------------------------

SENTENCE_END = "。；;！？!?：:）)”」"


def join_wrapped(lines: list[str]) -> str:
    """Re-join lines that a PDF wrapped mid-sentence into one string.

    CJK text has no spaces between words, so wrapped pieces are concatenated;
    a space is kept only between two Latin/digit characters.
    """
    out = ""
    for raw in lines:
        piece = raw.strip()
        if not piece or is_page_footer(piece):
            continue
        if out and out[-1].isascii() and out[-1].isalnum() and piece[0].isascii() and piece[0].isalnum():
            out += " "
        out += piece
    return out


HEADING_START = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|第[一二三四五六七八九十百]+[章节条]|\d+[.、．]\s*\S)")
PARAGRAPH_END = "。！？；：!?;:"


def paragraphs(lines: list[str]) -> str:
    """Body text with the PDF's hard line wraps undone: one paragraph per line.

    A wrapped line runs to the full text width; a paragraph ends at a line that
    stops short of it, ends a sentence, or is followed by a numbered heading.
    """
    pieces = [l.strip() for l in lines if l.strip() and not is_page_footer(l)]
    if not pieces:
        return ""
    widths = sorted(len(p) for p in pieces)
    full = widths[int(len(widths) * 0.9)] if len(widths) > 4 else max(widths)
    out: list[str] = []
    current = ""
    for i, piece in enumerate(pieces):
        current = join_wrapped([current, piece]) if current else piece
        nxt = pieces[i + 1] if i + 1 < len(pieces) else ""
        if (piece[-1] in PARAGRAPH_END or len(piece) < 0.8 * full or HEADING_START.match(nxt)
                or HEADING_START.match(piece) and len(piece) < 0.8 * full):
            out.append(current)
            current = ""
    if current:
        out.append(current)
    return "\n".join(out)
