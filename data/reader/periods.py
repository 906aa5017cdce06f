"""When a policy applies: the periods a text states (起施行, 执行至, 有效期 …).

Only stated dates count. "自发布之日起施行" takes the issue date; "有效期 N 年"
counts from the start. Dates are read from the end of a text first, where
Chinese documents put their 施行 clause.
"""
from __future__ import annotations

import re

from data.reader.text import PartialDate, cn_to_int, parse_date, to_halfwidth

_D = r"\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?"
# A period of the document itself: "本公告执行期限为 A 至 B", "自 A 起至 B 止执行" — not a measure's own window.
OWN = r"(?:本(?:公告|通知|办法|规定|措施|意见|方案|政策|细则|条例)[^。；]{0,12}|(?:执行|实施|有效)期(?:限)?(?:为)?)"
FROM_TO = re.compile(
    rf"{OWN}(?:自|从)?\s*(?P<a>{_D})\s*(?:起)?\s*(?:至|到|—|-|–)\s*(?P<b>{_D}|\d{{1,2}}\s*月\s*\d{{1,2}}\s*日)"
    rf"|(?:自|从)\s*(?P<a2>{_D})\s*(?:起)?\s*(?:至|到)\s*(?P<b2>{_D})\s*(?:止)?\s*(?:执行|施行|实施|有效)")
FROM = re.compile(rf"(?:自|从|于)\s*(?P<a>{_D})\s*(?:起)?\s*(?:开始)?\s*(?:施行|实施|执行|生效)")
UNTIL = re.compile(rf"(?:执行|实施|有效期|施行)(?:期限)?(?:至|到|截至)\s*(?P<b>{_D})")
ON_ISSUE = re.compile(r"自(?:印发|发布|公布)之日起(?:施行|实施|执行|生效)")
VALID_FOR = re.compile(r"(?:有效期|实施期限|执行期限|实施期)(?:为)?\s*(?P<n>\d{1,2}|[一二两三四五六七八九十]+)\s*年"
                       r"|(?:暂定|有效期)?\s*(?P<n2>\d{1,2}|[一二两三四五六七八九十]+)\s*年有效期")
# "本方案实施期限为2016年至2018年": a period stated in whole years.
YEAR_SPAN = re.compile(rf"{OWN}(?:自|从)?\s*(?P<a>\d{{4}})\s*年\s*(?:起)?\s*(?:至|到|—|-|–)\s*(?P<b>\d{{4}})\s*年(?!\s*\d{{1,2}}\s*月)")


def stated_period(text: str, issued: PartialDate | None) -> tuple[PartialDate | None, PartialDate | None]:
    """(effective_from, effective_to) as the text states them; None where it does not."""
    text = to_halfwidth(text)
    tail = text[-600:]
    start = end = None
    m = FROM_TO.search(tail)
    if m:
        a, b = m["a"] or m["a2"], m["b"] or m["b2"]
        start = parse_date(a)
        end = parse_date(b) or (parse_date(b, default_year=start.year) if start else None)
    if start is None:
        m = YEAR_SPAN.search(tail)
        if m:
            start, end = PartialDate(int(m["a"])), PartialDate(int(m["b"]))
    if start is None:
        m = FROM.search(tail)
        start = parse_date(m["a"]) if m else None
    if start is None and ON_ISSUE.search(tail):
        start = issued
    if end is None:
        m = UNTIL.search(tail)
        end = parse_date(m["b"]) if m else None
    if end is None and start is not None:
        m = VALID_FOR.search(tail)
        years = _years(m["n"] or m["n2"]) if m else None
        if years:
            end = PartialDate(start.year + years, start.month, start.day)
            if start.day:  # 有效期 3 年 from 2023-03-01 runs to 2026-02-28
                from datetime import timedelta
                last = end.as_date() - timedelta(days=1)
                end = PartialDate(last.year, last.month, last.day)
    if end is not None and issued is not None and end.as_date() < issued.as_date():
        end = None  # a period that ends before the document was issued is a measure's, not the document's
    return start, end


def _years(n: str) -> int | None:
    return int(n) if n.isdigit() else cn_to_int(n)


def execution_period(text: str) -> tuple[PartialDate | None, PartialDate | None]:
    """A list entry's 执行时间: '2020年2月–2020年12月底', '2020年3月1日—5月31日', '至2020年底', '2020年1月起'."""
    text = text.strip()
    if not text or text == "长期":
        return None, None
    m = re.match(r"^至\s*(\d{4})\s*年底", text)
    if m:
        return None, PartialDate(int(m[1]), 12, 31)
    m = re.search(r"截至\s*(.+)$", text)
    if m:
        return None, parse_date(m[1])
    parts = re.split(r"\s*[–—\-－~至]+\s*", text, maxsplit=1)
    start = parse_date(parts[0]) or _year_month(parts[0])
    end = None
    if len(parts) > 1:
        tail = parts[1]
        end = parse_date(tail) or _year_month(tail)
        if end is None and start:  # '5月31日' inherits the start's year
            end = parse_date(tail, default_year=start.year)
    return start, end


def _year_month(text: str) -> PartialDate | None:
    m = re.search(r"(\d{4})\s*年\s*(\d{1,2})\s*月", text)
    if m:
        return PartialDate(int(m[1]), int(m[2]))
    m = re.search(r"(\d{4})\s*年", text)
    return PartialDate(int(m[1])) if m else None
