"""The 鄂州 SME policy list (001_…): contents, 17 tab-separated entries (政策名称 / 主要内容 / 支持对象 /
执行时间 / 执行机关) under five categories, then six provincial and national documents.

Every value asserted here was read in data/raw/001_4e805e3482252d69.txt; line numbers are 1-based.
"""
import re
from datetime import date

import pytest

from tests.conftest import policy_by_title, provenance

EZHOU = "ezhou_list_2020"

# entry heading line → (title, category) as printed: contents lines 16–46, entries 57–192
ENTRIES = {
    57: ("降低用水用电用气成本政策", "降低企业成本政策"),
    66: ("给予电费补贴的政策", "降低企业成本政策"),
    74: ("阶段性降低物流成本政策", "降低企业成本政策"),
    82: ("阶段性减免市场主体房屋租金政策", "降低企业成本政策"),
    90: ("退还增值税增量留抵税额政策", "财税支持政策"),
    98: ("企业所得税税前扣除", "财税支持政策"),
    106: ("阶段性免征增值税政策", "财税支持政策"),
    114: ("捐赠支出税前扣除政策", "财税支持政策"),
    122: ("阶段性免征三项社会保险费政策", "稳岗支持政策"),
    130: ("阶段性减征职工基本医疗保险费政策", "稳岗支持政策"),
    138: ("失业保险返还政策", "稳岗支持政策"),
    146: ("阶段性调整住房公积金缴存比例政策", "稳岗支持政策"),
    154: ("防疫重点企业专项金融信贷贴息政策", "金融支持政策"),
    162: ("应对疫情纾困专项贴息政策", "金融支持政策"),
    170: ("规上企业建立研发机构支持政策", "创新发展支持政策"),
    178: ("创新产品应用示范企业支持政策", "创新发展支持政策"),
    186: ("省级制造业创新中心培育建设支持政策", "创新发展支持政策"),
}


def list_entries(q) -> list[dict]:
    return q("""SELECT p.*, s.line_start, s.line_end FROM policies p JOIN policy_sources s USING (policy_id)
                WHERE s.source_id = $s AND s.kind = 'list_entry' ORDER BY s.line_start""", s=EZHOU)


def cited_numbers(q, policy_id: str) -> set:
    rows = q("""SELECT t.doc_number FROM policy_relations r JOIN policies t ON t.policy_id = r.to_policy
                WHERE r.from_policy = $p AND r.relation = 'cites'""", p=policy_id)
    return {r["doc_number"] for r in rows}


def test_seventeen_list_entries_keep_their_columns_and_category(q):
    rows = list_entries(q)
    assert len(rows) == 17
    assert {r["line_start"]: (r["title"], r["list_category"]) for r in rows} == ENTRIES
    # each entry runs from its heading to its 执行机关 line (64, 72, … 192); the first has a blank line inside
    ends = [64, 72, 80, 88, 96, 104, 112, 120, 128, 136, 144, 152, 160, 168, 176, 184, 192]
    assert [r["line_end"] for r in rows] == ends
    for r in rows:
        assert r["text_kind"] == "list_entry"
        assert r["beneficiaries"] and r["execution_period"] and r["executing_agency"], r["title"]


def test_rent_relief_entry(q):
    """82 阶段性减免市场主体房屋租金政策; 86 支持对象 承租国有资产类经营用房的中小微企业;
    87 执行时间 2020年3月–2020年12月底; 88 执行机关 市人民政府国有资产监督管理委员会; contents line 21, page 5."""
    p = policy_by_title(q, "阶段性减免市场主体房屋租金政策")
    assert p["beneficiaries"] == "承租国有资产类经营用房的中小微企业"
    assert p["execution_period"] == "2020年3月–2020年12月底"
    assert p["executing_agency"] == "市人民政府国有资产监督管理委员会"
    assert p["list_category"] == "降低企业成本政策"
    assert (p["effective_from"], p["effective_to"]) == (date(2020, 3, 1), date(2020, 12, 31))
    rows = provenance(q, p["policy_id"])
    assert {(r["kind"], r["line_start"], r["line_end"]) for r in rows} == {("toc", 21, 21), ("list_entry", 82, 88)}
    assert next(r["page"] for r in rows if r["kind"] == "toc") == 5
    assert cited_numbers(q, p["policy_id"]) == {"鄂政发〔2020〕6号"}  # 84


def test_open_ended_period_has_only_an_end(q):
    """79 执行时间 至2020年底: an end, no start."""
    p = policy_by_title(q, "阶段性降低物流成本政策")
    assert p["execution_period"] == "至2020年底"
    assert (p["effective_from"], p["effective_to"]) == (None, date(2020, 12, 31))


def test_vat_refund_entry_cites_two_announcements(q):
    """92 政策名称: 《财政部 税务总局关于…有关税收政策的公告》（2020年第8号）、《国家税务总局关于…征收管理事项的公告》（2020年第4号）."""
    p = policy_by_title(q, "退还增值税增量留抵税额政策")
    assert cited_numbers(q, p["policy_id"]) == {"财政部税务总局公告2020年第8号", "国家税务总局公告2020年第4号"}
    assert p["execution_period"] == "2020年1月起"
    assert p["executing_agency"] == "市税务局"


def test_provincial_decree_6_cited_by_four_entries_is_one_policy(q):
    """76, 84, 124, 140: 《省人民政府关于印发湖北省促进经济社会加快发展若干政策措施的通知》(鄂政发〔2020〕6号)."""
    rows = q("SELECT * FROM policies WHERE doc_number = '鄂政发〔2020〕6号'")
    assert len(rows) == 1
    p = rows[0]
    assert p["title"] == "省人民政府关于印发湖北省促进经济社会加快发展若干政策措施的通知"
    assert (p["level"], p["region_code"]) == ("provincial", "420000")
    citing = q("""SELECT f.title FROM policy_relations r JOIN policies f ON f.policy_id = r.from_policy
                  WHERE r.to_policy = $p AND r.relation = 'cites' ORDER BY 1""", p=p["policy_id"])
    assert {r["title"] for r in citing} == {"阶段性降低物流成本政策", "阶段性减免市场主体房屋租金政策",
                                            "阶段性免征三项社会保险费政策", "失业保险返还政策"}
    assert len(citing) == 4


def test_citation_rows_point_at_the_policy_name_line(q):
    p = q("SELECT policy_id FROM policies WHERE doc_number = '鄂政发〔2020〕6号'")[0]
    rows = [r for r in provenance(q, p["policy_id"]) if r["kind"] == "citation"]
    assert sorted((r["line_start"], r["line_end"]) for r in rows) == [(76, 76), (84, 84), (124, 124), (140, 140)]


def test_list_entries_are_municipal_ezhou(q):
    rows = list_entries(q)
    assert {(r["level"], r["region_code"]) for r in rows} == {("municipal", "420700")}


def test_no_list_entry_has_an_issue_date(q):
    """The list gives 执行时间 per entry but never a date of issue."""
    rows = list_entries(q)
    assert [r["title"] for r in rows if r["issue_date"] is not None] == []


def test_health_industry_digest_is_a_summary(q):
    """238 一图读懂 / 240 关于加快全省 大健康产业发展的意见: an infographic digest (湖北省大健康发展30条意见, 246),
    contents line 51 page 22; ends at 487 before 十五部门… at 489."""
    p = policy_by_title(q, "关于加快全省大健康产业发展的意见")
    assert p["text_kind"] == "summary"
    assert (p["level"], p["region_code"]) == ("provincial", "420000")
    assert p["doc_number"] is None and p["issue_date"] is None
    rows = provenance(q, p["policy_id"])
    assert {(r["kind"], r["line_start"], r["line_end"]) for r in rows} == {("toc", 51, 51), ("summary", 238, 487)}
    assert next(r["page"] for r in rows if r["kind"] == "toc") == 22


def test_fifteen_department_guideline(q):
    """489 heading; 491–496 fifteen issuing bodies; 499 工信部联政法〔2020〕101号; 561 2020年6月30日."""
    p = q("SELECT * FROM policies WHERE doc_number = '工信部联政法〔2020〕101号'")
    assert len(p) == 1
    p = p[0]
    assert p["title"].endswith("关于进一步促进服务型制造发展的指导意见")
    assert p["issuers"] == ["工业和信息化部", "国家发展和改革委员会", "教育部", "科学技术部", "财政部",
                            "人力资源和社会保障部", "自然资源部", "生态环境部", "商务部", "中国人民银行",
                            "国家市场监督管理总局", "国家统计局", "中国银行保险监督管理委员会",
                            "中国证券监督管理委员会", "国家知识产权局"]
    assert len(p["issuers"]) == 15
    assert p["issue_date"] == date(2020, 6, 30)
    assert (p["level"], p["region_code"]) == ("national", "100000")
    rows = provenance(q, p["policy_id"])
    assert {(r["kind"], r["line_start"], r["line_end"]) for r in rows} == {("toc", 52, 52), ("full_text", 489, 561)}


def test_seventeen_department_opinion_prints_only_twelve_bodies(q):
    """The title says 十七部门 but the issuer block 565–569 prints twelve names: keep what is printed."""
    p = q("SELECT * FROM policies WHERE doc_number = '工信部联企业〔2020〕108号'")[0]
    assert len(p["issuers"]) == 12
    assert (p["issuers"][0], p["issuers"][-1]) == ("工业和信息化部", "国家知识产权局")
    assert p["issue_date"] == date(2020, 7, 3)       # 646


def test_last_document_dated_on_the_files_last_line(q):
    """714 省人民政府办公厅关于印发加快推进 科技创新促进经济稳定增长 若干措施的通知, 716 鄂政办发〔2020〕26号;
    the date 2020年5月19日 is line 784, the last line, printed without a trailing newline."""
    p = q("SELECT * FROM policies WHERE doc_number = '鄂政办发〔2020〕26号'")[0]
    assert p["issue_date"] == date(2020, 5, 19)
    assert (p["level"], p["region_code"]) == ("provincial", "420000")
    spans = {(r["kind"], r["line_start"], r["line_end"]) for r in provenance(q, p["policy_id"])}
    assert spans == {("toc", 55, 55), ("full_text", 714, 784)}


def test_contents_printed_titles_carry_no_page_leader(q):
    rows = q("SELECT printed_title, page FROM policy_sources WHERE source_id = $s AND kind = 'toc'", s=EZHOU)
    assert len(rows) == 23
    assert [r["printed_title"] for r in rows
            if "\t" in r["printed_title"] or re.search(r"\s\d+$", r["printed_title"])] == []
