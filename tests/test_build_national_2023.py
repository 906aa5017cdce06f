"""The national compilation 2023 (002_…): contents with page numbers, bodies under 国务院文件 / 部门文件.

Every value asserted here was read in data/raw/002_802860970c280f04.txt; line numbers are 1-based.
"""
import re
from datetime import date

import pytest

from tests.conftest import policy_by_title, provenance

NATIONAL = "national_2023"


def policy_by_number(q, doc_number: str) -> dict:
    rows = q("SELECT * FROM policies WHERE doc_number = $n", n=doc_number)
    assert len(rows) == 1, f"expected one policy numbered {doc_number!r}, found {len(rows)}"
    return rows[0]


def spans(q, policy_id: str, source_id: str = NATIONAL) -> set[tuple]:
    return {(r["kind"], r["line_start"], r["line_end"])
            for r in provenance(q, policy_id) if r["source_id"] == source_id}


def nospace(s: str) -> str:
    return re.sub(r"\s+", "", s)


PPP_NOTICE = "国务院办公厅转发国家发展改革委、财政部《关于规范实施政府和社会资本合作新机制的指导意见》的通知"


# --- 国办函〔2023〕115号: contents twice + a third contents entry, orphan heading, full notice, headless copy

def test_ppp_notice_printed_three_times_is_one_policy(q):
    """Contents lines 34–35 (p.116) and 38–39 (p.142) list the notice; line 136 lists the forwarded
    指导意见 (p.526). In the body: an orphan heading (1151 title, 1153 number, then 财金〔2023〕75号
    starts at 1155), the full notice at 1486 and a copy at 5678 that starts at the salutation."""
    p = policy_by_number(q, "国办函〔2023〕115号")
    assert p["title"] == PPP_NOTICE
    assert p["issuers"] == ["国务院办公厅"]                      # lines 1494 / 5682
    assert (p["issue_date"], p["issue_date_precision"]) == (date(2023, 11, 3), "day")  # 1496 / 5684
    assert (p["level"], p["region_code"]) == ("national", "100000")
    rows = provenance(q, p["policy_id"])
    assert {(r["kind"], r["line_start"]) for r in rows} == {
        ("toc", 34), ("toc", 38), ("toc", 136),
        ("full_text", 1151), ("full_text", 1486), ("full_text", 5678),
    }
    toc = {r["line_start"]: (r["line_end"], r["page"], r["section"]) for r in rows if r["kind"] == "toc"}
    assert toc == {34: (35, 116, "国务院文件"), 38: (39, 142, "国务院文件"), 136: (137, 526, "部门文件")}
    full = {r["line_start"]: r["line_end"] for r in rows if r["kind"] == "full_text"}
    assert full[1151] == 1153   # heading + number only
    assert full[5678] == 5851   # …30. 具有发电功能的大中型水利项目; 5853 is the next decree
    headless = next(r for r in rows if r["line_start"] == 136)
    assert headless["printed_title"] == "关于规范实施政府和社会资本合作新机制的指导意见"
    # the forwarded guideline (1500, 5688, contents line 136) does not become a policy of its own
    assert q("SELECT title FROM policies WHERE title = '关于规范实施政府和社会资本合作新机制的指导意见'") == []


def test_ppp_notice_full_text_ends_before_the_section_heading(q):
    p = policy_by_number(q, "国办函〔2023〕115号")
    assert ("full_text", 1486, 1666) in spans(q, p["policy_id"])


def test_ppp_notice_text_is_the_notice_not_the_orphan_heading(q):
    p = policy_by_number(q, "国办函〔2023〕115号")
    assert p["text_kind"] == "full_text"
    assert "已经国务院同意，现转发给你们，请认真贯彻落实" in p["text"]       # 1492
    assert "政府和社会资本合作（PPP）实施近十年来" in p["text"]             # 1504
    assert "具有发电功能的大中型水利项目" in p["text"]                     # 1666


def test_orphan_heading_neighbour_is_the_inclusive_finance_fund_notice(q):
    """财金〔2023〕75号 at 1155 is not in the contents; its attached 管理办法 (1171) is part of it."""
    p = policy_by_number(q, "财金〔2023〕75号")
    assert p["title"] == "关于印发《普惠金融发展专项资金管理办法》的通知"
    assert p["issuers"] == ["财政部"]                  # 1165
    assert p["issue_date"] == date(2023, 9, 4)         # 1167
    assert p["level"] == "national"
    assert spans(q, p["policy_id"]) == {("full_text", 1155, 1405)}
    assert q("SELECT title FROM policies WHERE title = '普惠金融发展专项资金管理办法'") == []


# --- 国办发〔2023〕29号: ** title over two lines at 990, printed again at 5409

def test_government_services_opinion_printed_twice_is_one_policy(q):
    p = policy_by_number(q, "国办发〔2023〕29号")
    # 990–991: **国务院办公厅关于依托全国一体化政务服务平台 / 建立政务服务效能提升常态化工作机制的意见**
    assert p["title"] == "国务院办公厅关于依托全国一体化政务服务平台建立政务服务效能提升常态化工作机制的意见"
    assert p["issuers"] == ["国务院办公厅"]
    assert p["issue_date"] == date(2023, 8, 18)        # 1049 and 5468
    # contents: title over lines 30–31, number on 32, page 94
    assert spans(q, p["policy_id"]) == {("toc", 30, 32), ("full_text", 990, 1049), ("full_text", 5409, 5470)}
    toc = next(r for r in provenance(q, p["policy_id"]) if r["kind"] == "toc")
    assert (toc["page"], toc["section"]) == (94, "国务院文件")
    assert nospace(toc["printed_title"]) == nospace(p["title"])


# --- decrees: the contents name only 中华人民共和国国务院令 / 国家市场监督管理总局令

def test_state_council_decree_765_is_the_social_insurance_regulation(q):
    """760 中华人民共和国国务院令 / 762 第 765 号 / 768 2023 年 8 月 16 日 / 770 社会保险经办条例."""
    p = policy_by_number(q, "国务院令第765号")
    assert p["title"] == "社会保险经办条例"
    assert (p["issue_date"], p["issue_date_precision"]) == (date(2023, 8, 16), "day")
    assert (p["level"], p["text_kind"]) == ("national", "full_text")
    assert p["text"].rstrip().endswith("第六十三条 本条例自2023年12月1日起施行。")  # 988
    assert spans(q, p["policy_id"]) == {("toc", 28, 29), ("full_text", 760, 988)}
    toc = next(r for r in provenance(q, p["policy_id"]) if r["kind"] == "toc")
    assert (toc["printed_title"], toc["page"], toc["section"]) == ("中华人民共和国国务院令", 78, "国务院文件")


def test_state_council_decree_762_is_the_private_fund_regulation(q):
    """4023 中华人民共和国国务院令 / 4024 第 762 号 / 4030 2023 年 7 月 3 日 / 4032 私募投资基金监督管理条例;
    listed under 部门文件 in the contents (lines 92–93, p.378)."""
    p = policy_by_number(q, "国务院令第762号")
    assert p["title"] == "私募投资基金监督管理条例"
    assert p["issue_date"] == date(2023, 7, 3)
    assert spans(q, p["policy_id"]) == {("toc", 92, 93), ("full_text", 4023, 4389)}
    toc = next(r for r in provenance(q, p["policy_id"]) if r["kind"] == "toc")
    assert (toc["page"], toc["section"]) == (378, "部门文件")


def test_samr_order_82_is_the_enterprise_name_measures(q):
    """5853 国家市场监督管理总局令 / 5855 第 82 号 / 5861 2023 年 8 月 29 日 / 5863 企业名称登记管理规定实施办法."""
    p = policy_by_number(q, "国家市场监督管理总局令第82号")
    assert p["title"] == "企业名称登记管理规定实施办法"
    assert p["issue_date"] == date(2023, 8, 29)
    assert spans(q, p["policy_id"]) == {("toc", 138, 139), ("full_text", 5853, 6140)}
    toc = next(r for r in provenance(q, p["policy_id"]) if r["kind"] == "toc")
    assert (toc["printed_title"], toc["page"]) == ("国家市场监督管理总局令", 538)


def test_decree_issuers_come_from_the_decree_heading(q):
    assert policy_by_number(q, "国务院令第765号")["issuers"] == ["国务院"]
    assert policy_by_number(q, "国务院令第762号")["issuers"] == ["国务院"]
    assert policy_by_number(q, "国家市场监督管理总局令第82号")["issuers"] == ["国家市场监督管理总局"]


def test_decree_effective_dates(q):
    assert policy_by_number(q, "国务院令第765号")["effective_from"] == date(2023, 12, 1)
    assert policy_by_number(q, "国务院令第762号")["effective_from"] == date(2023, 9, 1)
    assert policy_by_number(q, "国家市场监督管理总局令第82号")["effective_from"] == date(2023, 10, 1)


# --- contents layout traps

def test_contents_number_glued_to_title(q):
    """Line 63: 关于印发创建世界一流示范企业和专精特新示范企业名单的通知国资厅发改革（2023）4号<TAB>209."""
    p = policy_by_number(q, "国资厅发改革〔2023〕4号")
    assert p["title"] == "关于印发创建世界一流示范企业和专精特新示范企业名单的通知"
    assert p["issuers"] == ["国务院国资委办公厅"]      # signature 2206
    assert p["issue_date"] == date(2023, 2, 28)        # 2208
    assert spans(q, p["policy_id"]) == {("toc", 63, 63), ("full_text", 2194, 2208)}
    toc = next(r for r in provenance(q, p["policy_id"]) if r["kind"] == "toc")
    assert (toc["page"], toc["section"]) == (209, "部门文件")


def test_glued_contents_number_is_not_part_of_printed_title(q):
    p = policy_by_number(q, "国资厅发改革〔2023〕4号")
    toc = next(r for r in provenance(q, p["policy_id"]) if r["kind"] == "toc")
    assert toc["printed_title"] == "关于印发创建世界一流示范企业和专精特新示范企业名单的通知"


def test_contents_title_over_two_lines_with_glued_number(q):
    """Lines 151–152: 商务部等12部门关于加快生活服务数字化 / 赋能的指导意见商服贸发〔2023〕302号 (p.600);
    body 6631 / 6633 with a blank line inside the title, ending at the last line of the file (6737)."""
    p = policy_by_number(q, "商服贸发〔2023〕302号")
    assert nospace(p["title"]) == "商务部等12部门关于加快生活服务数字化赋能的指导意见"
    assert p["issue_date"] == date(2023, 12, 15)
    assert len(p["issuers"]) == 12 and p["issuers"][0] == "商务部" and p["issuers"][-1] == "国家数据局"
    assert spans(q, p["policy_id"]) == {("toc", 151, 152), ("full_text", 6631, 6737)}
    toc = next(r for r in provenance(q, p["policy_id"]) if r["kind"] == "toc")
    assert toc["page"] == 600


# --- bodies that are not in the contents, titles broken over lines

def test_body_not_in_contents_foreign_trade_opinion(q):
    p = policy_by_number(q, "国办发〔2023〕10号")
    assert p["title"] == "国务院办公厅关于推动外贸稳规模优结构的意见"   # 436
    assert p["issuers"] == ["国务院办公厅"]                           # 504
    assert p["issue_date"] == date(2023, 4, 11)                        # 506
    assert spans(q, p["policy_id"]) == {("full_text", 436, 506)}      # no contents row


def test_title_broken_over_a_blank_line(q):
    """2708 工业和信息化部办公厅 教育部办公厅关于开展 2023 / 2709 年全国中小企业 / 2710 (blank) /
    2711 网上百日招聘高校毕业生活动的通知; not in the contents."""
    p = policy_by_number(q, "工信厅联企业函〔2023〕85号")
    assert nospace(p["title"]) == "工业和信息化部办公厅教育部办公厅关于开展2023年全国中小企业网上百日招聘高校毕业生活动的通知"
    assert p["issuers"] == ["工业和信息化部办公厅", "教育部办公厅"]
    assert p["issue_date"] == date(2023, 4, 12)
    assert spans(q, p["policy_id"]) == {("full_text", 2708, 2765)}


def test_announcement_number_split_over_two_lines(q):
    """5185 财政部 税务总局 国家发展改革委 中国证监会公告 2023 / 5186 年第 24 号."""
    p = policy_by_title(q, "关于延续实施创业投资企业个人合伙人所得税政策的公告")
    assert p["doc_number"] == "财政部税务总局国家发展改革委中国证监会公告2023年第24号"
    assert p["issuers"] == ["财政部", "税务总局", "国家发展改革委", "中国证监会"]
    assert p["issue_date"] == date(2023, 8, 21)
    assert spans(q, p["policy_id"]) == {("toc", 122, 123), ("full_text", 5183, 5230)}


# --- the news report of 数字中国建设整体布局规划

def test_digital_china_news_report_is_a_summary_with_its_contents_entry(q):
    """Contents line 21 (p.22); body 284 is a 新华社 report (286 新华社北京2月27日电 近日，中共中央、国务院印发了…),
    not the plan itself."""
    p = policy_by_title(q, "数字中国建设整体布局规划")
    assert p["text_kind"] == "summary"
    assert (p["level"], p["region_code"]) == ("national", "100000")
    assert p["doc_number"] is None
    assert p["issue_date"] is None                     # the report says only 近日
    assert spans(q, p["policy_id"]) == {("toc", 21, 21), ("summary", 284, 316)}
    assert p["text"].startswith("新华社北京2月27日电")


def test_digital_china_issuers(q):
    assert policy_by_title(q, "数字中国建设整体布局规划")["issuers"] == ["中共中央", "国务院"]


# --- issuers and dates read from the body

def test_ten_department_internship_notice_issuers(q):
    rows = q("SELECT * FROM policies WHERE title LIKE '%百万就业见习岗位募集计划的通知'")
    assert len(rows) == 1
    assert rows[0]["issuers"] == ["人力资源社会保障部", "教育部", "科技部", "工业和信息化部", "民政部", "财政部",
                                  "商务部", "国务院国有资产监督管理委员会", "共青团中央", "全国工商联"]


def test_labour_risk_campaign_issuers(q):
    p = policy_by_number(q, "人社部函〔2023〕57号")
    assert p["issuers"] == ["人力资源社会保障部", "全国总工会", "中国企业联合会/中国企业家协会", "全国工商联"]


def test_small_scale_vat_announcement_runs_to_2027(q):
    p = policy_by_number(q, "财政部税务总局公告2023年第19号")
    assert p["issue_date"] == date(2023, 8, 1)
    assert p["effective_to"] == date(2027, 12, 31)


# --- whole-source facts

def test_distinct_policies_of_the_compilation(q):
    """90 appearances in the body (89 texts + the 284 report) less three second appearances
    (orphan heading 1151, copy 5409, headless copy 5678): 87 documents; every contents entry has its body."""
    rows = q("SELECT count(DISTINCT policy_id) AS n FROM policy_sources WHERE source_id = $s", s=NATIONAL)
    assert rows[0]["n"] == 87
    orphans = q("""
        SELECT policy_id FROM policy_sources WHERE source_id = $s GROUP BY policy_id
        HAVING bool_and(kind = 'toc')""", s=NATIONAL)
    assert orphans == []


def test_contents_rows(q):
    rows = q("SELECT * FROM policy_sources WHERE source_id = $s AND kind = 'toc'", s=NATIONAL)
    assert len(rows) == 72
    assert len({r["policy_id"] for r in rows}) == 70          # 国办函〔2023〕115号 is listed three times
    assert sum(r["section"] == "国务院文件" for r in rows) == 12  # lines 18–39
    assert sum(r["section"] == "部门文件" for r in rows) == 60    # lines 43–152
    assert all(r["page"] is not None for r in rows)


def test_every_policy_of_the_compilation_is_national(q):
    rows = q("""SELECT DISTINCT p.level, p.region_code FROM policies p JOIN policy_sources s USING (policy_id)
                WHERE s.source_id = $s""", s=NATIONAL)
    assert rows == [{"level": "national", "region_code": "100000"}]


def test_no_title_carries_page_furniture(q):
    furniture = re.compile(r"\t|—\s*\d+\s*—|\.{2,}|…|\*\*")
    bad = [r["title"] for r in q("SELECT title FROM policies") if furniture.search(r["title"])]
    assert bad == []
