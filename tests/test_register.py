"""The register of district policies and the curated term tables as rows of one policies table.

Every curated row that names a policy becomes, or links to, a policy (deduplicated by document number, then title,
then official URL); its provenance row carries the evidence kind and trust; drafts are never in force.
"""
from __future__ import annotations

import csv
import io
import json
import shutil

import pandas as pd
import pytest

from data.pipeline import curated
from tests.conftest import ROOT

REGISTER_CSV = ROOT / "data" / "curated" / "wuhan_policy_register.csv"
QIAOKOU_AI = "硚政规〔2025〕1号"
QIAOKOU_URL = "https://www.qiaokou.gov.cn/xxgk/zc/gfxwj/202508/t20250806_2630303.shtml"
WUCHANG_AI = "武昌区关于支持人工智能产业发展的若干措施"


def register_rows() -> list[dict]:
    with REGISTER_CSV.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def by_record(q, record_id: str) -> dict:
    rows = q("""SELECT p.*, v.status_now FROM policy_sources ps JOIN policies p USING (policy_id)
                JOIN v_policies v USING (policy_id) WHERE ps.record_id = $r""", r=record_id)
    assert len(rows) == 1, record_id
    return rows[0]


# The build ------------------------------------------------------------------------------------------

def test_every_register_row_is_a_policy_with_its_trust_and_urls(q):
    rows = register_rows()
    assert len(rows) == 40
    prov = q("SELECT * FROM policy_sources WHERE kind = 'register_entry' ORDER BY line_start")
    assert [p["record_id"] for p in prov] == [r["register_id"] for r in rows]
    for p, r in zip(prov, rows):
        assert p["trust"] == r["trust"] and p["page_url"] == r["source_url"] and p["page_kind"] == r["source_kind"]
        assert p["official_url"] == (r["official_url"] or None)
        assert p["printed_title"] == r["title"]
    assert q("SELECT count(*) AS n FROM register_terms")[0]["n"] == 47
    assert q("SELECT count(DISTINCT register_id) AS n FROM register_terms")[0]["n"] == 14


def test_every_curated_term_row_links_to_a_policy(q):
    assert q("SELECT count(*) AS n FROM curated_terms WHERE policy_id IS NULL")[0]["n"] == 0
    assert q("SELECT count(*) AS n FROM policy_sources WHERE kind = 'curated_term'")[0]["n"] == \
        q("SELECT count(*) AS n FROM curated_terms")[0]["n"] == 65
    assert q("""SELECT count(*) AS n FROM curated_terms c JOIN policy_sources ps
                ON ps.record_id = c.curated_id AND ps.policy_id = c.policy_id""")[0]["n"] == 65


def test_deduplicated_by_number_then_title_against_the_corpus_and_each_other(q):
    # the corpus' 武昌区 policy is the register's WH-D-001 (by title) and gains its document number
    wuchang = by_record(q, "WH-D-001")
    assert wuchang["title"] == WUCHANG_AI and wuchang["doc_number"] == "武昌政规〔2026〕2号"
    kinds = {r["kind"] for r in q("SELECT kind FROM policy_sources WHERE policy_id = $p", p=wuchang["policy_id"])}
    assert kinds == {"summary", "toc", "register_entry", "curated_term"} and wuchang["evidence_kind"] == "summary"
    # the tracker's 硚口 rows (same number) and the 汉阳 repost rows (same title once annotations go) are one policy each
    qiaokou = by_record(q, "WH-D-002")
    assert q("SELECT count(*) AS n FROM curated_terms WHERE policy_id = $p", p=qiaokou["policy_id"])[0]["n"] == 6
    hanyang = by_record(q, "WH-D-004")
    assert {r["dataset"] for r in q("SELECT dataset FROM curated_terms WHERE policy_id = $p",
                                    p=hanyang["policy_id"])} == {"district_ai_terms"}
    # the 2025 东湖 software measures: register, tracker (by number) and the AFPBB repost (by title, 关于 aside)
    software = by_record(q, "WH-Z-011")
    assert {r["dataset"] for r in q("SELECT dataset FROM curated_terms WHERE policy_id = $p",
                                    p=software["policy_id"])} == {"peer_ai_terms", "district_ai_terms"}
    # ... while the 2023 edition (no number, no 东湖高新区 prefix) and a draft stay apart from their successors
    assert by_record(q, "WH-Z-010")["policy_id"] != software["policy_id"]
    assert by_record(q, "WH-M-029")["policy_id"] != by_record(q, "WH-M-028")["policy_id"]
    # no two policies share a document number
    assert q("SELECT doc_number FROM policies WHERE doc_number IS NOT NULL GROUP BY 1 HAVING count(*) > 1") == []


def test_drafts_are_never_in_force_superseded_and_lapsed_are_marked(q):
    drafts = {r["register_id"] for r in register_rows() if r["status_note"].startswith("draft")}
    assert drafts == {"WH-D-008", "WH-M-018", "WH-M-029", "WH-M-030", "WH-M-033", "HB-P-037"}
    for record in drafts:
        row = by_record(q, record)
        assert row["status_mark"] == "draft" and row["status_now"] == "draft" and row["status"] == "draft"
    # a draft with a date in the past is still not in force on any day
    assert q("""SELECT count(*) AS n FROM policies WHERE status_mark = 'draft'
                AND marked_status(status_mark, effective_from, effective_to, issue_date, DATE '2030-01-01') = 'in_force'
             """)[0]["n"] == 0
    assert by_record(q, "WH-M-019")["status_mark"] is None        # "without the 征求意见稿 label": not a draft
    assert by_record(q, "WH-M-028")["status_mark"] == "lapsed"    # "supersedes draft WH-M-029": not a draft itself
    assert by_record(q, "WH-Z-010")["status_now"] == "superseded"
    lapsed = by_record(q, "WH-M-022")                             # annual plan for 2023 (lapsed end-2023)
    assert str(lapsed["effective_to"]) == "2023-12-31" and lapsed["status"] == "expired"


def test_counts_per_level_before_and_after_the_register(q):
    levels = {r["level"]: r["n"] for r in q("SELECT level, count(*) AS n FROM policies GROUP BY 1")}
    # before: national 141, provincial 26, municipal 25, district 1 (the corpus alone)
    assert levels == {"national": 141, "provincial": 30, "municipal": 54, "district": 17}


def test_a_register_row_with_an_unknown_region_names_file_and_line(tmp_path, monkeypatch):
    copy = tmp_path / "curated"
    shutil.copytree(ROOT / "data" / "curated", copy)
    text = (copy / "wuhan_policy_register.csv").read_text(encoding="utf-8").replace("WH-D-003,420104,", "WH-D-003,429999,")
    (copy / "wuhan_policy_register.csv").write_text(text, encoding="utf-8")
    monkeypatch.setattr(curated, "CURATED", copy)
    with pytest.raises(curated.CuratedError, match=r"data/curated/wuhan_policy_register.csv:4: region_code '429999'"):
        curated.register_appearances()


# The pages --------------------------------------------------------------------------------------------

def test_searching_qiaokou_finds_its_ai_measures_with_official_url_and_trust(open_page):
    at = open_page("explorer", q="硚口")
    table = at.dataframe[0].value
    row = table[table["发文字号"] == QIAOKOU_AI].iloc[0]
    assert row["官方网址"] == QIAOKOU_URL and row["依据"] == "登记表条目" and row["可信度"] == "中高"
    assert "wuhan_policy_register.csv:3 (WH-D-002)" in row["来源"]


def test_the_detail_of_a_register_policy_shows_its_provenance_and_terms(open_page, q):
    pid = q("SELECT policy_id FROM policies WHERE doc_number = $d", d=QIAOKOU_AI)[0]["policy_id"]
    at = open_page("explorer", q="硚口", policy=pid)
    details = "\n".join(m.value for m in at.markdown)
    assert f"]({QIAOKOU_URL})" in details                       # the official page, as a link
    assert "登记表条目" in details and "中高" in details
    prov = next(d.value for d in at.dataframe if "条目编号" in d.value.columns)
    assert "WH-D-002" in set(prov["条目编号"]) and set(prov["可信度"]) == {"中高", "官方文件的二手摘要"}
    terms = next(d.value for d in at.dataframe if "条件（转述）" in d.value.columns)
    assert len(terms) == 5


def test_the_district_filter_lists_every_district_policy_of_register_and_corpus(open_page, q):
    at = open_page("explorer", level="district")
    listed = set(at.dataframe[0].value["标题"])
    expected = {r["title"] for r in q("SELECT title FROM policies WHERE level = 'district'")}
    register = {r["title"] for r in q("""SELECT DISTINCT p.title FROM policies p JOIN policy_sources ps USING (policy_id)
                                         WHERE ps.record_id LIKE 'WH-D-%' OR ps.record_id LIKE 'WH-Z-%'""")}
    corpus = {r["title"] for r in q("""SELECT DISTINCT p.title FROM policies p JOIN policy_sources ps USING (policy_id)
                                       JOIN sources s USING (source_id)
                                       WHERE p.level = 'district' AND s.kind NOT IN ('register', 'curated terms')""")}
    assert listed == expected and register | corpus <= listed and len(listed) == 17
    assert WUCHANG_AI in corpus


def test_the_wuhan_map_colours_every_district_and_zone_the_register_covers(open_page, q):
    at = open_page("map")
    fig = json.loads(at.get("plotly_chart")[0].proto.spec)
    coloured = {code for d in fig["data"] if d["type"] == "choropleth" and d.get("coloraxis") and d.get("geo", "geo") == "geo"
                for code in d["locations"]}
    zones = [d for d in fig["data"] if d["type"] == "scattergeo" and d.get("customdata") and d.get("geo", "geo") == "geo"]
    zone_values = {c[0]: colour for d in zones for c, colour in zip(d["customdata"], d["marker"]["color"])}
    covered = {r["region_code"] for r in register_rows() if r["level"] in ("district", "zone")}
    assert len(covered) == 8
    assert covered - {"420190"} <= coloured and zone_values["420190"] != zone_values["420191"]   # 420191: none found
    table = at.dataframe[1].value
    assert "来源" in table.columns
    qiaokou = table[table["代码"] == "420104"].iloc[0]
    assert "curated/wuhan_policy_register.csv (2)" in qiaokou["来源"]


# Loose ends -------------------------------------------------------------------------------------------

def test_excel_keeps_numbers_and_dates_as_real_types():
    from openpyxl import load_workbook

    from dashboard.exports import xlsx_bytes
    frame = pd.DataFrame({"代码": ["420104"], "政策数": [2], "最高补贴上限（万元）": ["1,000"], "日期": ["2025-08-05"],
                          "发文日期": ["2025-08"]})
    sheet = load_workbook(io.BytesIO(xlsx_bytes(frame))).active
    code, count, cap, day, month = (c.value for c in sheet[2])
    assert code == "420104" and count == 2 and cap == 1000 and month == "2025-08"
    assert hasattr(day, "year") and (day.year, day.month, day.day) == (2025, 8, 5)


def test_full_data_download_has_chinese_headers_and_the_filters_in_its_name(monkeypatch):
    from dashboard import exports
    from dashboard.exports import full_frame
    offered = []

    class Column:
        def download_button(self, label, data, file_name, *args, **kwargs):
            offered.append((label, data, file_name))
    monkeypatch.setattr(exports.st, "columns", lambda n: [Column() for _ in range(n)])
    exports.download_buttons(pd.DataFrame({"标题": ["x"]}), "newest_policies", {"level": "district"},
                             full=pd.DataFrame({"title": ["x"], "level": ["district"]}))
    (_, data, name), = [o for o in offered if o[0] == "下载全部数据"]
    assert name == "newest_policies_full_level-district.csv"
    assert data.decode("utf-8-sig").splitlines() == ["标题,层级", "x,区级"]
    frame = full_frame(pd.DataFrame({"policy_id": ["p1"], "level": ["district"], "evidence_kind": ["register_entry"],
                                     "trust": ["medium-high"], "status_now": ["draft"]}))
    assert list(frame.columns) == ["政策编号", "层级", "依据", "可信度", "时效性"]
    assert frame.iloc[0].tolist() == ["p1", "区级", "登记表条目", "中高", "征求意见稿（未生效）"]


def test_a_bad_code_in_a_compare_link_keeps_the_valid_one(open_page):
    at = open_page("ai", compare="999999~420106")
    assert at.session_state["w.compare"] == ["420106"]
    assert "999999~420106" in at.code[0].value


def test_a_period_outside_the_data_is_ignored(open_page):
    at = open_page("trends", period="1999")
    assert any("period='1999'" in c.value and "不在数据的年份范围内" in c.value for c in at.code)
    assert not [s for s in at.subheader if "1999" in s.value]
