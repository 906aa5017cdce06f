"""The 2022 national / 湖北省 / 咸宁市 compilation (003_…): hard-wrapped full texts with page footers
(— N —), news-style summaries before some documents, no contents list.

Every value asserted here was read in data/raw/003_9b32ac1237c71b4b.txt; line numbers are 1-based.
"""
import re
from datetime import date

import pytest

from tests.conftest import policy_by_title, provenance

COMPILATION = "compilation_2022"
FOOTER = re.compile(r"—\s*\d+\s*—")


def policy_by_number(q, doc_number: str) -> dict:
    rows = q("SELECT * FROM policies WHERE doc_number = $n", n=doc_number)
    assert len(rows) == 1, f"expected one policy numbered {doc_number!r}, found {len(rows)}"
    return rows[0]


def policy_at(q, kind: str, line_start: int) -> dict:
    rows = q("""SELECT p.* FROM policies p JOIN policy_sources s USING (policy_id)
                WHERE s.source_id = $s AND s.kind = $k AND s.line_start = $l""",
             s=COMPILATION, k=kind, l=line_start)
    assert len(rows) == 1, f"expected one {kind} at line {line_start}, found {len(rows)}"
    return rows[0]


def spans(q, policy_id: str) -> set[tuple]:
    return {(r["kind"], r["line_start"], r["line_end"])
            for r in provenance(q, policy_id) if r["source_id"] == COMPILATION}


def nospace(s: str) -> str:
    return re.sub(r"\s+", "", s)


# --- 关于推进新时代和谐劳动关系创建活动的意见: news summary (1–96) + full text (97–561)

def test_harmonious_labour_relations_full_text(q):
    """97–101 title over five lines (意见 alone on 101, after a blank line); no number line;
    signatories letter-spaced 553–559; date 561 2023 年 1 月 3 日."""
    p = policy_at(q, "full_text", 97)
    assert nospace(p["title"]) == ("人力资源社会保障部中华全国总工会中国企业联合会/中国企业家协会"
                                   "中华全国工商业联合会关于推进新时代和谐劳动关系创建活动的意见")
    assert p["doc_number"] is None
    assert p["issuers"] == ["人力资源社会保障部", "中华全国总工会", "中国企业联合会/中国企业家协会", "中华全国工商业联合会"]
    assert p["issue_date"] == date(2023, 1, 3)
    assert (p["level"], p["region_code"]) == ("national", "100000")
    assert ("full_text", 97, 561) in spans(q, p["policy_id"])


def test_harmonious_labour_relations_summary_and_full_text_are_one_policy(q):
    p = policy_at(q, "full_text", 97)
    assert spans(q, p["policy_id"]) == {("summary", 1, 96), ("full_text", 97, 561)}
    assert q("SELECT title FROM policies WHERE title = '关于推进新时代和谐劳动关系创建活动的意见'") == []


# --- 鄂政办发〔2022〕40号: the notice (5720) with the measures it issues (5733)

def test_hubei_market_vitality_notice_includes_its_measures(q):
    """5720–5723 省人民政府办公厅印发 / 关于进一步激发市场活力稳住经济增长 / (blank) / 若干措施的通知,
    5724 鄂政办发〔2022〕40 号, 5732 2022 年 8 月 25 日, then 5733 关于进一步激发市场活力稳住经济增长的 / 若干措施."""
    p = policy_by_number(q, "鄂政办发〔2022〕40号")
    assert nospace(p["title"]) == "省人民政府办公厅印发关于进一步激发市场活力稳住经济增长若干措施的通知"
    assert p["issue_date"] == date(2022, 8, 25)
    assert (p["level"], p["region_code"]) == ("provincial", "420000")
    assert spans(q, p["policy_id"]) == {("full_text", 5720, 6033)}
    assert "提出如下措施" in p["text"]                       # 5740, in the measures
    assert "实施“首贷户”贷款贴息" in p["text"]               # measure 一
    assert nospace(p["text"]).endswith("更好促进经济平稳增长。")  # 6033
    separate = q("""SELECT title FROM policies
                    WHERE replace(title, ' ', '') IN ('关于进一步激发市场活力稳住经济增长的若干措施',
                                                      '关于进一步激发市场活力稳住经济增长若干措施')""")
    assert separate == []


# --- the 工作清单 notice printed twice

def test_hubei_work_list_notice_printed_twice_is_one_policy(q):
    """7000 省人民政府办公厅 / 7001 关于印发贯彻落实中央扎实稳住经济 / 7003 一揽子政策措施工作清单的通知,
    dated 7134; again 9647–9648 with a different break, dated 9779, ending （本文有删减） 9781."""
    rows = q("SELECT * FROM policies WHERE title = '省人民政府办公厅关于印发贯彻落实中央扎实稳住经济一揽子政策措施工作清单的通知'")
    assert len(rows) == 1
    p = rows[0]
    assert p["issue_date"] == date(2022, 6, 3)
    assert (p["level"], p["region_code"]) == ("provincial", "420000")
    assert spans(q, p["policy_id"]) == {("full_text", 7000, 7134), ("full_text", 9647, 9781)}


# --- 湖北省优化营商环境条例 (7588)

def test_hubei_business_environment_regulation(q):
    """7594 湖北省人民代表大会常务委员会公告 / 7595 （第三百二十四号）; signed 7603, dated 7605 2022 年 11 月 25 日."""
    p = policy_by_title(q, "湖北省优化营商环境条例")
    assert p["doc_number"] == "湖北省人民代表大会常务委员会公告第三百二十四号"
    assert (p["issue_date"], p["issue_date_precision"]) == (date(2022, 11, 25), "day")
    assert p["issuers"] == ["湖北省人民代表大会常务委员会"]
    assert (p["level"], p["region_code"]) == ("provincial", "420000")
    assert spans(q, p["policy_id"]) == {("full_text", 7588, 8552)}
    assert nospace(p["text"]).endswith("《湖北省优化经济发展环境条例》同时废止。")  # 8550–8552


def test_hubei_business_environment_regulation_takes_effect_2023_03_01(q):
    assert policy_by_title(q, "湖北省优化营商环境条例")["effective_from"] == date(2023, 3, 1)


# --- the page footer at 4416 and the item after it

def test_item_after_page_footer(q):
    """4412 2022 年 9 月 14 日 ends 国家税务总局公告…第17号; 4416 is the footer — 154 —; the next title starts
    at 4418 without the usual leading space: 国家发展改革委等部门印发《养老托育服务业 / 纾困扶持若干政策措施》的通知."""
    before = policy_by_number(q, "国家税务总局财政部公告2022年第17号")
    assert before["issue_date"] == date(2022, 9, 14)
    assert spans(q, before["policy_id"]) == {("full_text", 4352, 4412)}
    p = policy_by_number(q, "发改财金〔2022〕1356号")
    assert nospace(p["title"]) == "国家发展改革委等部门印发《养老托育服务业纾困扶持若干政策措施》的通知"
    assert p["issue_date"] == date(2022, 8, 29)          # 4707
    assert (p["level"], p["region_code"]) == ("national", "100000")
    assert spans(q, p["policy_id"]) == {("full_text", 4418, 4707)}


def test_elderly_care_measures_have_thirteen_issuers(q):
    p = policy_by_number(q, "发改财金〔2022〕1356号")
    assert p["issuers"] == ["国家发展改革委", "教育部", "科技部", "民政部", "财政部", "人力资源社会保障部",
                            "住房城乡建设部", "卫生健康委", "人民银行", "国务院国资委", "税务总局",
                            "市场监管总局", "银保监会"]


def test_innovation_capacity_plan_has_two_issuers(q):
    assert policy_by_number(q, "国科发区〔2022〕220号")["issuers"] == ["科技部", "财政部"]


def test_individual_business_regulation_summary_issuer(q):
    assert policy_by_title(q, "促进个体工商户发展条例")["issuers"] == ["国务院"]


# --- 咸宁市 documents

def test_xianning_5g_industrial_internet_plan(q):
    """10223–10226 title over three lines (通知 alone); signed 10234 咸宁市人民政府办公室, dated 10236."""
    p = policy_at(q, "full_text", 10223)
    assert nospace(p["title"]) == "市人民政府办公室关于印发咸宁市5G+工业互联网融合发展行动方案（2022—2024年）的通知"
    assert (p["level"], p["region_code"]) == ("municipal", "421200")
    assert p["issuers"] == ["咸宁市人民政府办公室"]
    assert p["issue_date"] == date(2022, 5, 27)
    assert spans(q, p["policy_id"]) == {("full_text", 10223, 10580)}


def test_xianning_market_vitality_rules(q):
    """10581 市人民政府办公室印发关于进一步激发市场 / 活力稳住经济增长实施细则的通知; signed 10590, dated 10592;
    the file's last text line is 10890."""
    p = policy_at(q, "full_text", 10581)
    assert nospace(p["title"]) == "市人民政府办公室印发关于进一步激发市场活力稳住经济增长实施细则的通知"
    assert (p["level"], p["region_code"]) == ("municipal", "421200")
    assert p["issuers"] == ["咸宁市人民政府办公室"]
    assert p["issue_date"] == date(2022, 11, 1)
    assert spans(q, p["policy_id"]) == {("full_text", 10581, 10890)}


# --- an item with no issuer printed

def test_private_economy_measures_without_issuer_are_provincial(q):
    """9782 关于进一步促进民营经济发展的若干措施: no notice, number, issuer or date; 我省 and 省直 责任单位 make it Hubei's."""
    p = policy_by_title(q, "关于进一步促进民营经济发展的若干措施")
    assert (p["level"], p["region_code"]) == ("provincial", "420000")
    assert p["issuers"] == []
    assert p["doc_number"] is None
    assert p["issue_date"] is None
    assert spans(q, p["policy_id"]) == {("full_text", 9782, 10152)}


# --- whole-source facts

def test_page_footers_never_reach_a_policy_text(q):
    """Footers — 26 — (1035) … — 315 — (10538) sit inside nine bodies."""
    rows = q("""SELECT DISTINCT p.title, p.text FROM policies p JOIN policy_sources s USING (policy_id)
                WHERE s.source_id = $s""", s=COMPILATION)
    assert rows
    assert [r["title"] for r in rows if FOOTER.search(r["text"] or "")] == []


def test_csrc_press_qa_is_a_summary(q):
    """3758 证监会决定调整优化 5项措施 / 支持房企股权融资 is a spokesman's 答记者问 (3761–3763): a news item, not the
    text of a document (no issuer, number or date lines)."""
    p = policy_at(q, "summary", 3758)
    assert p["text_kind"] == "summary"
    assert spans(q, p["policy_id"]) == {("summary", 3758, 3834)}


def test_provenance_row_counts(q):
    """Full texts: 38 appearances (37 documents, the 工作清单 notice twice). Summaries: 1 (劳动关系), 648 (个体工商户:
    the section of the feature at 562 that is about the 条例), 725 (信用提升), 3758 (证监会答记者问),
    9368 (金融营商环境“微改”), 10153 (应急转贷纾困基金)."""
    rows = q("""SELECT kind, count(*) AS n FROM policy_sources WHERE source_id = $s GROUP BY kind ORDER BY kind""",
             s=COMPILATION)
    assert {r["kind"]: r["n"] for r in rows} == {"full_text": 38, "summary": 6}
    summaries = q("SELECT line_start FROM policy_sources WHERE source_id = $s AND kind = 'summary' ORDER BY 1",
                  s=COMPILATION)
    assert [r["line_start"] for r in summaries] == [1, 648, 725, 3758, 9368, 10153]


def test_distinct_policies(q):
    rows = q("SELECT count(DISTINCT policy_id) AS n FROM policy_sources WHERE source_id = $s", s=COMPILATION)
    assert rows[0]["n"] == 42
