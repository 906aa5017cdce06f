"""Quantitative terms of a policy: rates, amounts and caps in 万元, thresholds, periods, counts.

A term is a number with a unit, inside a clause (text between 。；), read from
the source lines of the policy's text so that each term keeps its line span and
its quote. Numbers that are not terms — dates, years, article and document
numbers, phone numbers, numbers inside titles 《…》, names such as 5G — are
masked out before the scan. The measure comes from the vocabulary in
data/codebook/measures.csv: the most specific keyword in the phrase around the
number (between commas), else in the clause.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from data.reader.text import HEADING_START, cn_to_int, is_page_footer, strip_markup, to_halfwidth

MEASURES = Path(__file__).resolve().parents[1] / "codebook" / "measures.csv"
GENERIC = {"subsidy", "award", "other"}          # used only when nothing more specific is named
INCENTIVE = re.compile(r"补贴|补助|奖励|奖补|贴息|减免|免征|减征|减按|减半|返还|给予|资助|扶持|优惠|支持|降低|下调|减收|免收|退还|抵减|扣除|缓缴|延缓|延期|贷款|担保|税率|征收率|费率")
# Clauses whose numbers are not incentives: penalties, statistics of past results, tables.
NOT_INCENTIVE = re.compile(r"罚款|罚金|没收|处罚|截至|同比|已支持|累计|再创新高|质押金额达|\t.*\t")
TARGET = re.compile(r"力争|到\d{4}年|目标|达到|突破|(?<!不)超过|扩大到|扩大至|扩至|新增|培育|总数|总量|覆盖|增长|提升至|提高到|每年|全年")
CAP = re.compile(r"(?:最高|不超过|不高于|上限|封顶|最多|至多|单户)[^，,；;。]{0,12}$")
GRANT = re.compile(r"补贴|补助|奖励|奖补|资助|贴息|扶持|支持|给予")
AT_MOST_AFTER = re.compile(r"^\s*(?:[（(]含[）)])?\s*(?:以内|以下|为限|封顶|及以下)")
# 不低于 contains 低于 and 不超过 contains 超过: the negated forms are matched first, the bare ones only unnegated.
AT_LEAST_BEFORE = re.compile(r"(?:不低于|不少于|至少|(?<!不)超过|(?<!不)高于|以上|≥|>=|达到|突破)\s*$")
AT_LEAST_AFTER = re.compile(r"^\s*(?:以上|及以上)")
AT_MOST_BEFORE = re.compile(r"(?:≤|<=|不超过|不高于|(?<!不)低于|以内)\s*$")
CONDITION_NOUN = re.compile(r"营收|营业收入|收入|销售额|月销|所得额|职工|人数|员工|资产|规模|裁员|减员|贷款金额|金额在|项目|用电量|年纳税|纳税额")
BENEFICIARIES = ("中小微企业", "小微企业", "中小企业", "个体工商户", "小规模纳税人", "小型微利企业", "首贷户", "OPC",
                 "人工智能企业", "AI 企业", "AI企业", "高校毕业生", "科技型中小企业", "专精特新", "民营企业",
                 "制造业中小微企业", "创业投资企业", "困难企业", "参保企业", "外资研发中心", "退役士兵", "农民工")

# Spans that hold digits but no term.
NOT_TERMS = re.compile(
    r"《[^《》]*》"                                          # titles
    r"|[〔\[（(]\s*\d{4}\s*[〕\]）)]\s*\d+\s*号"              # 〔2023〕37号
    r"|\d{4}\s*年\s*(?:第\s*\d+\s*号|\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)"  # 2023年第6号, dates
    r"|\d{1,2}\s*月\s*\d{1,2}\s*日|\d{1,2}\s*月(?:份|底|末|初|中旬|上旬|下旬)"
    r"|\d{4}\s*[—\-–~至到]\s*\d{4}\s*年|\d{4}\s*年(?:度|底|末|前|以来|起|内)?"   # years and year ranges
    r"|第\s*[\d一二三四五六七八九十百]+\s*[条章款项批次届期号个年天位名轮]"
    r"|每月\s*\d{1,2}\s*日|前\s*\d+\s*位"
    r"|由\s*\d+(?:\.\d+)?\s*%?(?:\s*[—\-–~至到]\s*\d+(?:\.\d+)?\s*%?)?(?=\s*(?:提高|下调|降低|调整|上调|调减|调增)(?:至|到))"
    r"|\d{3,4}-\d{7,8}|1\d{10}"                              # phone numbers
    r"|\d+\s*[GgKk](?![A-Za-z\u4e00-\u9fff])|\d+G\+|[A-Z]+\d+|\d+\+N|\d+\.\d+\.\d+"  # 5G, P4, 1+N, versions
    r"|“[^”]{0,12}[\d一二两三四五六七八九十百千万][^”]{0,12}”"  # quoted names: “301”, “两个毫不动摇”
    r"|\d+\s*[:：∶]\s*\d+(?:\s*[:：∶]\s*\d+)*"               # ratios 1:1.2:2
)
_NUM = r"\d+(?:\.\d+)?|\d+\.\s\d+"                            # "1. 85" is 1.85 with a PDF space
CN = r"[一二两三四五六七八九十百千]+"
RANGE_LO = rf"(?:(?P<lo>{_NUM})\s*[—\-–~至到]\s*)?"
PATTERNS = [
    ("rate", re.compile(rf"(?P<n>{_NUM})\s*(?:%|％)\s*(?:[—\-–~至到]\s*(?P<n2>{_NUM})\s*%)?|(?P<n3>{_NUM})\s*%?\s*[—\-–~至到]\s*(?P<n4>{_NUM})\s*%")),
    ("rate", re.compile(rf"(?P<n>{_NUM})\s*个百分点")),
    ("rate", re.compile(rf"(?P<permille>{_NUM})\s*‰")),
    ("rate", re.compile(r"(?P<bp>\d+)\s*(?:BPs?|bps?|个基点)")),
    ("rate", re.compile(rf"百分之(?P<cn>{CN})")),
    ("rate", re.compile(r"(?P<half>减半)")),
    ("money", re.compile(rf"{RANGE_LO}(?P<n>{_NUM}|{CN})\s*(?P<u>亿元|万元|元|亿|万)(?!\s*(?:家|户|人|个|名|项|件|次|座|所|条|台|套|亩|平方|吨|千|卡|企|笔|美元|港元|欧元))")),
    ("duration", re.compile(rf"(?P<n>\d{{1,2}}|{CN})\s*(?P<u>个月|个工作日|年|天|日|周)(?![度底末期])")),
    ("count", re.compile(rf"{RANGE_LO}(?P<n>{_NUM}|{CN})\s*(?P<u>(?:万|亿)?(?:家次|人次|户次|家|户|人|名|个|项|件|所|座|场|条|套|台|笔|批))")),
]
PROCEDURE = re.compile(r"^[^，。；]*?(?:内)?(?:办理|受理|审核|审查|答复|办结|完成|作出|报送|反馈|公示)")  # deadlines of a procedure
DURATION_CONTEXT = re.compile(r"期限|不超过|连续|最长|为期|延长|延期|内|满|≤|期|每|以上|以内|试行|有效|免收|减免|缓缴|暂停|返还")
# "新增6个条款", "三个类型", "八个步骤", "一人公司": counted words that are not quantities of anything supported
NOT_COUNTED = re.compile(r"^\s*(?:条款|类型|步骤|方面|部门|章|举措|原则|环节|阶段|层次|渠道|机制|体系|公司|方向|重点|任务|板块)")
LIST_FIELD_LABEL = re.compile(r"^(?:主要内容|支持对象)\s+")  # the 鄂州 list's field names are not part of a quote
MONEY_FACTOR = {"元": 0.0001, "万元": 1, "万": 1, "亿元": 10_000, "亿": 10_000}
DURATION_MONTHS = {"个月": 1, "年": 12}


@dataclass
class Term:
    policy_id: str
    source_id: str
    line_start: int
    line_end: int
    quote: str
    measure: str
    value_kind: str
    value: float | None
    value_max: float | None
    unit: str
    unit_printed: str
    number_printed: str
    comparator: str | None
    basis: str | None
    beneficiary: str | None
    condition: str | None
    number_at: int = 0          # where the number starts in the quote (for highlighting)

    @property
    def term_id(self) -> str:
        key = f"{self.policy_id}|{self.source_id}|{self.line_start}|{self.number_at}|{self.number_printed}|{self.quote}"
        return "t" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


@lru_cache(maxsize=1)
def measure_keywords() -> tuple[tuple[str, re.Pattern | None], ...]:
    table = pd.read_csv(MEASURES, dtype=str, keep_default_na=False)
    return tuple((r.slug, re.compile(r.keywords) if r.keywords else None) for r in table.itertuples())


def classify_measure(phrase: str, clause: str) -> str:
    """The first measure (in vocabulary order) whose keywords the phrase names, else the clause."""
    for text in (phrase, clause):
        found = [slug for slug, kw in measure_keywords() if kw is not None and kw.search(text)]
        specific = [s for s in found if s not in GENERIC and s != "target"]
        if specific:
            return specific[0]
    if TARGET.search(clause) and not INCENTIVE.search(phrase):
        return "target"
    for text in (phrase, clause):
        found = [slug for slug, kw in measure_keywords() if kw is not None and kw.search(text) and slug in GENERIC]
        if found:
            return found[0]
    return "other"


def _number(text: str) -> float | None:
    text = text.replace(" ", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    value = cn_to_int(text)
    return float(value) if value is not None else None


def text_with_lines(lines: list[str], start: int, end: int, skip=None) -> tuple[str, list[int]]:
    """Lines start..end joined into one string (wrapped lines re-joined), and each character's line."""
    text, line_of = "", []
    for no in range(start, end + 1):
        raw = lines[no - 1]
        if not raw.strip() or is_page_footer(raw) or (skip and skip(raw)):
            continue
        piece = LIST_FIELD_LABEL.sub("", _untex(to_halfwidth(strip_markup(raw).strip())))
        if not piece:
            continue
        if HEADING_START.match(piece) and text and not text.endswith("\n"):
            text += "\n"                 # a numbered heading starts its own clause
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


def clauses(text: str) -> list[tuple[int, int]]:
    """(start, end) of each clause: split at 。；; and line breaks that end a paragraph."""
    out, start = [], 0
    for m in re.finditer(r"[。；;！？\n]", text):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def _masked(text: str) -> str:
    return NOT_TERMS.sub(lambda m: "□" * len(m.group(0)), text)


def _phrase(clause: str, at: int, end: int) -> str:
    """The comma-separated piece of the clause that holds the number."""
    left = max(clause.rfind(c, 0, at) for c in "，,、（(") + 1
    rights = [i for i in (clause.find(c, end) for c in "，,、）)") if i != -1]
    return clause[left:min(rights) if rights else len(clause)]


AI_POLICY = re.compile(r"人工智能|AI|OPC|大模型|算力")


def terms_in(text: str, line_of: list[int], *, policy_id: str, source_id: str, ai_policy: bool = False) -> list[Term]:
    """Terms of every clause; in an AI policy, a clause that names a measure without a number
    ("在人才方面，…纳入武昌英才") is kept as a `statement`, so the comparison shows it."""
    out: list[Term] = []
    masked = _masked(text)
    for c0, c1 in clauses(text):
        clause, scan = text[c0:c1].strip(), masked[c0:c1]
        offset = c0 + (len(text[c0:c1]) - len(text[c0:c1].lstrip()))
        scan = scan.strip()
        taken: list[tuple[int, int]] = []
        found: list[tuple[int, int, str, re.Match]] = []
        for kind, pattern in PATTERNS:
            for m in pattern.finditer(scan):
                if any(m.start() < b and a < m.end() for a, b in taken):
                    continue
                taken.append((m.start(), m.end()))
                found.append((m.start(), m.end(), kind, m))
        if NOT_INCENTIVE.search(clause):
            continue
        if ai_policy and not found:
            statement = _statement(clause, text, line_of, offset, policy_id, source_id)
            if statement:
                out.append(statement)
        for start, end, kind, m in sorted(found, key=lambda f: f[0]):
            term = _term(kind, m, clause, start, end)
            if term is None:
                continue
            value_kind, value, value_max, unit, unit_printed, number_printed, comparator = term
            phrase = _phrase(clause, start, end)
            measure = classify_measure(phrase, clause)
            if value_kind == "count" and TARGET.search(clause):
                measure = "target"  # 中小企业服务站扩大到600个: a count to reach is a target, whatever it counts
            if measure == "other" and not INCENTIVE.search(clause):
                continue  # a number in a procedure (…5 个工作日内受理), not a term of support
            line_start, line_end = line_of[offset], line_of[min(offset + len(clause), len(line_of)) - 1]
            out.append(Term(
                policy_id, source_id, line_start, line_end, clause, measure, value_kind, value, value_max,
                unit, unit_printed, number_printed, comparator, _basis(clause, start),
                next((b for b in BENEFICIARIES if b in clause), None), None, start))
    _attach_conditions(out)
    return out


def _statement(clause, text, line_of, offset, policy_id, source_id) -> Term | None:
    measure = classify_measure(clause, clause)
    if measure in GENERIC or measure in ("target", "period"):
        return None
    line_start, line_end = line_of[offset], line_of[min(offset + len(clause), len(line_of)) - 1]
    return Term(policy_id, source_id, line_start, line_end, clause, measure, "statement", None, None, "", "", "",
                None, None, next((b for b in BENEFICIARIES if b in clause), None), None, 0)


def _term(kind: str, m: re.Match, clause: str, start: int, end: int):
    """(value_kind, value, value_max, unit, unit_printed, number_printed, comparator) or None."""
    phrase_start = max(clause.rfind(c, 0, start) for c in "，,、（(") + 1
    before, after = clause[max(phrase_start, start - 14):start], clause[end:end + 6]
    printed = m.group(0).strip()
    groups = m.groupdict()
    comparator = _comparator(before, after)
    if kind == "rate":
        if groups.get("half"):
            return "rate", 50.0, None, "%", "减半", "减半", None
        if groups.get("cn"):
            return "rate", _number(m["cn"]), None, "%", "百分之", printed, comparator
        if groups.get("permille"):
            return "rate", _number(m["permille"]) / 10, None, "%", "‰", printed, comparator
        if groups.get("bp"):
            return "rate", _number(m["bp"]) / 100, None, "%", "BP", printed, comparator
        lo = _number(m["n"] or m["n3"])
        hi = groups.get("n2") or groups.get("n4")
        unit_printed = "个百分点" if "百分点" in printed else "%"
        value_kind = "threshold" if _is_condition(before, comparator) else "rate"
        return value_kind, lo, _number(hi) if hi else None, "%", unit_printed, printed, comparator
    if kind == "money":
        value = _number(m["n"])
        if value is None:
            return None
        lo = _number(groups["lo"]) if groups.get("lo") else None
        factor = MONEY_FACTOR[m["u"]]
        if _is_condition(before, comparator):
            value_kind = "threshold"    # 年营收≤50万, 应纳税所得额不超过300万元: who qualifies
        elif comparator == "≤" or CAP.search(before):
            value_kind, comparator = "cap", "≤"
        else:
            value_kind = "amount"
        low, high = (lo, value) if lo is not None else (value, None)
        return (value_kind, round(low * factor, 6), round(high * factor, 6) if high is not None else None,
                "万元", m["u"], printed, comparator)
    if kind == "duration":
        value = _number(m["n"])
        if value is None or (m["u"] != "个月" and not DURATION_CONTEXT.search(before + after)) \
                or PROCEDURE.search(clause[start:start + 24]):
            return None
        unit = "月" if m["u"] in DURATION_MONTHS else m["u"]
        months = value * DURATION_MONTHS.get(m["u"], 1)
        return "duration", months, None, unit, m["u"], printed, comparator
    if kind == "count":
        value = _number(m["n"])
        if value is None or m["u"] in ("条", "批") or NOT_COUNTED.match(after) or m["n"] == "一" \
                or not (TARGET.search(clause) or CONDITION_NOUN.search(before)):
            return None
        unit = m["u"]
        scale = 10_000 if unit.startswith("万") else 100_000_000 if unit.startswith("亿") else 1
        lo = _number(groups["lo"]) if groups.get("lo") else None
        low, high = (lo, value) if lo is not None else (value, None)
        value_kind = "threshold" if _is_condition(before + unit.lstrip("万亿"), comparator) else "count"
        return value_kind, low * scale, high * scale if high is not None else None, unit.lstrip("万亿"), unit, printed, comparator
    return None


def _is_condition(before: str, comparator: str | None) -> bool:
    """A bound on the beneficiary (营收, 职工人数 …), not on the support itself."""
    return comparator in ("≤", "≥") and bool(CONDITION_NOUN.search(before)) and not GRANT.search(before)


def _comparator(before: str, after: str) -> str | None:
    if AT_LEAST_BEFORE.search(before) or AT_LEAST_AFTER.match(after):
        return "≥"
    if AT_MOST_BEFORE.search(before) or AT_MOST_AFTER.match(after) or CAP.search(before):
        return "≤"
    return None


def _basis(clause: str, at: int) -> str | None:
    """'按成本 30%' → 成本; '按实际贴息金额的 50%' → 实际贴息金额."""
    m = re.search(r"按(?:照)?([^，,；。按%\d（()]{1,20}?)的?\s*$", clause[max(0, at - 24):at])
    basis = m[1].strip() if m else ""
    return basis if basis and not re.search(r"不超过|不高于|最高|以上|以下", basis) else None


def _attach_conditions(terms: list[Term]) -> None:
    """Give every term of a clause the thresholds stated in that clause."""
    by_clause: dict[tuple[int, str], list[Term]] = {}
    for t in terms:
        by_clause.setdefault((t.line_start, t.quote), []).append(t)
    for group in by_clause.values():
        conditions = [t for t in group if t.value_kind == "threshold"]
        for t in group:
            others = [c for c in conditions if c is not t]
            if others:
                t.condition = "；".join(_phrase(c.quote, c.quote.find(c.number_printed), c.quote.find(c.number_printed) + len(c.number_printed)) for c in others)


LIST_FIELDS_WITHOUT_TERMS = ("政策名称", "执行时间", "执行机关")  # names, dates and agencies, not terms


def policy_terms(policy, lines_of: dict[str, list[str]], source_id_of: dict[str, str]) -> list[Term]:
    """Terms of one policy, read from the source lines of its text (full text, else summary or entry)."""
    app = policy.text_source
    if app is None or app.text_lines is None:
        return []
    start, end = app.text_lines
    skip = (lambda raw: raw.strip().startswith(LIST_FIELDS_WITHOUT_TERMS)) if app.kind == "list_entry" else None
    text, line_of = text_with_lines(lines_of[app.source_file], start, end, skip=skip)
    return terms_in(text, line_of, policy_id=policy.policy_id, source_id=source_id_of[app.source_file],
                    ai_policy=bool(AI_POLICY.search(policy.title)))


def terms_frame(terms: list[Term]) -> pd.DataFrame:
    rows = [{"term_id": t.term_id, **t.__dict__} for t in terms]
    frame = pd.DataFrame(rows)
    return frame.drop_duplicates("term_id") if len(frame) else frame
