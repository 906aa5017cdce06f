"""The parts of a Chinese official document's header and footer (GB/T 9704 党政机关公文格式).

A 发文机关标志 (…文件), a 发文字号, a title ending with the kind of document (…的通知, …意见),
a 主送机关 salutation (各省、自治区…：), the text, the issuing bodies' signature, the 成文日期, and
perhaps a 抄送 … 印发 colophon. These helpers recognise each part; `segment.py` and the layout
rules put them together.
"""
from __future__ import annotations

import re

from data.reader.text import BODY_SUFFIX, clean_title, is_date_line, strip_markup, title_key

TITLE_WORDS = r"(?:通知|意见|公告|通告|办法|方案|规划|决定|规定|条例|措施|举措|细则|计划|指引|批复|规则|要点|名单|意见书|公示|通报|指南|清单|章程)"
# A title ends with the kind of document, perhaps closing a 《》 and adding （试行） or （2023—2025年）.
TITLE_END = re.compile(TITLE_WORDS + r"》?(?:[（(][^（）()]{1,16}[）)])?$")
SALUTATION = re.compile(r"^(?=[^。]{4,160}[：:]$)(?:各|.*[，、]各|.*(?:人民政府|委员会|厅|局|单位|机构|兵团|会)[：:]$)")
DATED_UNDER_TITLE = re.compile(r"^[（(]\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*[）)]$")
NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.、．]|第[一二三四五六七八九十]+[章条]|附件|附表)")
ATTACHMENT_FILE = re.compile(r"\.(?:pdf|ofd|docx?|xlsx?|wps)\b|\]\(", re.I)  # 附件 download lines
ISSUING = re.compile(r"印发|转发")
# 发文机关标志: "武汉市人民政府办公厅文件", "中共湖北省委 湖北省人民政府文件" (spaces already removed).
LETTERHEAD = re.compile(r"^(?P<issuer>[\u4e00-\u9fff]{3,40}?(?:人民政府|政府|办公厅|办公室|委员会|厅|局|部|委|院|会|署|省委|市委|区委|县委))文件$")
COLOPHON_START = re.compile(r"^\s*抄送[:：]")
COLOPHON_END = re.compile(r"印发\s*$")
# A second body glued to the first: 人力资源社会保障部住房城乡建设部, 财政部税务总局.
GLUED_BODY = re.compile(r"(?<=[部委局署])(?=(?:国家|中国|财政|税务|人力|住房|交通|水利|农业|商务|科技|科学|教育|工业|自然|"
                        r"生态|文化|民政|公安|司法|海关|市场|金融|证监|银保监|退役|应急|全国|中华))")


def without_colophon(lines: list[str]) -> list[str]:
    """The lines without a 抄送 … 印发 colophon block (which a PDF may drop mid-text)."""
    out, inside = [], False
    for line in lines:
        if COLOPHON_START.search(line):
            inside = True
        if not inside:
            out.append(line)
        elif COLOPHON_END.search(line):
            inside = False
    return out


def clean(line: str) -> str:
    return strip_markup(line).strip()


def is_issuer_line(text: str) -> bool:
    """'国家发展改革委 财政部', '财 政 部', '银 \u2003保 \u2003监 \u2003会': body names only."""
    text = text.strip()
    if not text or re.search(r"[，。；：、《》“”（）()0-9]", text) or len(text) > 60:
        return False
    return all(BODY_SUFFIX.search(p) for p in issuer_names(text))


def issuer_names(text: str) -> list[str]:
    """The bodies on a signature line: split at spaces, undo letter-spacing, split glued names."""
    parts = text.split()
    if all(len(p) == 1 for p in parts):  # letter-spaced: 财 政 部
        parts = ["".join(parts)]
    return [name for p in parts for name in (split_bodies(p) if "/" not in p else [p])]


def split_bodies(name: str) -> list[str]:
    """'人力资源社会保障部住房城乡建设部' → two ministries; '国家知识产权局办公室' stays one."""
    name = re.sub(r"^(?:近日|日前|近期)|(?:正式|联合|共同|已经)$", "", name.strip())
    return [q for p in GLUED_BODY.split(name) if p for q in _split_local_bodies(p)]


def _split_local_bodies(name: str) -> list[str]:
    """'黄浦区教育局黄浦区文化和旅游局' → two bureaus: a body's name ends and the place that
    began the first name begins again."""
    place = re.match(r"^[\u4e00-\u9fff]{1,7}?[省市区县旗州盟]", name)
    if not place or len(name) < 2 * len(place[0]) + 2:
        return [name]
    parts = re.split(rf"(?<=[局会室厅委部院办署])(?={re.escape(place[0])})", name)
    return [p for p in parts if p]


def issuers_above_date(lines: list[str], start: int, end: int) -> list[str]:
    """The signature: the issuer lines right above the first date line standing alone."""
    for no in range(start + 1, end + 1):
        if is_date_line(clean(lines[no - 1])):
            names: list[str] = []
            back = no - 1
            while back > start:
                text = clean(lines[back - 1])
                if text:
                    if not is_issuer_line(text):
                        break
                    names = issuer_names(text) + names
                back -= 1
            return names
    return []


# A signature run into the text, as in a document printed on one line: "…请认真抓好贯彻落实。安顺市人民政府
# 2023年9月5日（此件公开发布）". The date must close the text there (end, a space, or （此件…）), so that
# "省财政厅2023年3月1日印发的…" in a sentence is not taken for one.
INLINE_SIGNATURE = re.compile(r"[。！；]\s*(?P<issuer>[\u4e00-\u9fff]{2,40}?(?:人民政府|政府|办公厅|办公室|委员会|厅|局|部|委|院|署))"
                              r"\s*(?P<date>\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)(?=\s|$|[（(]此件)")


def inline_signature(lines: list[str], after: int, end: int) -> tuple[list[str], str] | None:
    """(issuers, date text) of the first signature run into a line of the text, or None."""
    for no in range(after + 1, end + 1):
        m = INLINE_SIGNATURE.search(clean(lines[no - 1]))
        if m:
            return issuer_names(m["issuer"]), m["date"]
    return None


# What an untitled document calls itself in its closing formula: 现予以公示, 特此公告 …
GENRE = [(re.compile(r"予以公示|现将.{0,20}公示如下|公示时间|公示期"), "公示"), (re.compile(r"特此公告|现公告如下|现予公告"), "公告"),
         (re.compile(r"特此通告|现通告如下"), "通告"), (re.compile(r"特此通报|现通报如下"), "通报"),
         (re.compile(r"特此通知|现通知如下|现将有关事项通知如下|印发给你们|转发给你们|请遵照执行|请认真贯彻执行"), "通知")]


def genre_of(text: str) -> str:
    return next((word for pattern, word in GENRE if pattern.search(text)), "文件")


def issuers_from_title(printed: str) -> list[str]:
    """'工业和信息化部办公厅 教育部办公厅关于…', '中共中央 国务院印发《…》' → the bodies named first."""
    m = re.match(r"^(?P<head>[^《》]+?)(?:关于|印发|转发)", printed)
    if not m:
        return []
    head = re.sub(r"等\s*(\d+|[一二三四五六七八九十]+)\s*部门", r"等\1部门", m["head"])
    names = [n for part in re.split(r"[\s、]+", head) for n in split_bodies(part)]
    return names if all(BODY_SUFFIX.search(n) or n in ("中共中央",) for n in names) else []


def forwards(notice_title: str, title: str) -> bool:
    """Is `title` the text that the notice `notice_title` issues or forwards (关于印发X的通知 → X)?"""
    if not ISSUING.search(notice_title):
        return False
    here = title_key(title).removeprefix("关于").replace("的", "")
    return bool(here) and here in title_key(notice_title).replace("的", "")


def first_date(lines: list[str], after: int, end: int) -> tuple[int, str] | None:
    """The first date under the title: '（2023年7月14日）' or a date line standing alone."""
    for no in range(after + 1, end + 1):
        text = clean(lines[no - 1])
        if DATED_UNDER_TITLE.match(text) or is_date_line(text):
            return no, text
    return None


def join_title(lines: list[str], numbers: list[int]) -> tuple[str, str]:
    """(title as cited, title as printed) from the title's line numbers."""
    printed = " ".join(clean(lines[n - 1]) for n in numbers)
    return clean_title("".join(clean(lines[n - 1]) for n in numbers)), printed
