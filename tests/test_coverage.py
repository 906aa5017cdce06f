"""Coverage, stated where the numbers are: the coverage table, the notes on the trends chart and the map (burned
into their figures, so exported PNGs carry them), no data drawn as no data, and the overview's statement."""
from __future__ import annotations

import base64
import json
from pathlib import Path

import numpy as np
import pytest

from tests.conftest import ROOT

NATIONAL_2023 = "中国中小企业相关法规政策文件汇编（2023年1-12月）"
SHOTS = ROOT / "artifacts" / "screenshots"


def figure(at, i: int = 0) -> dict:
    return json.loads(at.get("plotly_chart")[i].proto.spec)


def values(array) -> list:
    if isinstance(array, dict):
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return list(array)


def annotations(fig: dict) -> str:
    return "\n".join(a.get("text", "") for a in fig["layout"].get("annotations", []))


# The table ------------------------------------------------------------------------------------------

def test_coverage_table_counts_each_policy_once_per_source(q):
    rows = q("SELECT source_id, sum(policies) AS n FROM coverage GROUP BY 1 ORDER BY 1")
    direct = q("SELECT source_id, count(DISTINCT policy_id) AS n FROM policy_sources GROUP BY 1 ORDER BY 1")
    assert rows == direct
    national = q("""SELECT source_id, sum(policies) AS n FROM coverage WHERE year = 2023 AND level = 'national'
                    GROUP BY 1 ORDER BY 2 DESC""")
    assert national[0] == {"source_id": "national_2023", "n": 80}
    assert q("SELECT count(*) AS n FROM v_policies WHERE year(timeline_date) = 2023 AND level = 'national'")[0]["n"] == 81
    assert q("SELECT count(*) AS n FROM coverage WHERE year = 2021")[0]["n"] == 0         # no source at all
    kinds = {r["evidence_kind"] for r in q("SELECT DISTINCT evidence_kind FROM coverage WHERE source_id = 'wuhan_policy_register'")}
    assert kinds == {"register_entry"}


# Trends -----------------------------------------------------------------------------------------------

def test_trends_note_names_the_single_source_of_2023(open_page):
    at = open_page("trends", level="national")
    note = f"2023 年：81 条中 80 条来自同一来源《{NATIONAL_2023}》"
    assert note in at.info[0].value.replace("\\", "")
    assert note in annotations(figure(at))                      # in the figure, so in its PNG export


def test_every_level_2023_and_register_years_are_noted(open_page):
    at = open_page("trends")
    text = annotations(figure(at))
    assert f"2023 年：89 条中 80 条来自同一来源《{NATIONAL_2023}》" in text
    assert "2025 年：16 条中 11 条只有登记表或人工整理条目" in text
    assert "2021 年：没有任何来源" in text


def test_a_period_with_no_source_is_drawn_as_no_data_not_zero(open_page):
    at = open_page("trends")
    fig = figure(at)
    for trace in fig["data"]:
        by_period = dict(zip(values(trace["x"]), values(trace["y"])))
        assert by_period["2021"] is None or np.isnan(by_period["2021"])
    periods = fig["layout"]["xaxis"]["categoryarray"]
    middle = (periods.index("2021") + 0.5) / len(periods)
    assert any(a.get("text") == "无数据" and abs(a["x"] - middle) < 1e-9 for a in fig["layout"]["annotations"])
    assert [s["x0"] * len(periods) for s in fig["layout"]["shapes"] if s["type"] == "rect"] == [periods.index("2021")]


def test_register_only_years_and_district_level(open_page):
    at = open_page("trends", level="district")
    text = annotations(figure(at))
    assert "2025 年：" in text and "只有登记表或人工整理条目" in text


# Map --------------------------------------------------------------------------------------------------

def test_wuhan_map_notes_the_districts_that_rest_on_the_register(open_page):
    at = open_page("map")
    note = at.info[0].value.replace("\\", "")
    assert "只有登记表或人工整理条目（非政策原文）：硚口区 2、汉阳区 1" in note and "东湖新技术开发区 8" in note
    fig_text = annotations(figure(at))
    assert "硚口区 2" in fig_text and "来源：5 份语料文件" in fig_text and "未发现政策的地区只表示" in fig_text


def test_hubei_map_notes_ezhou_rests_on_one_list(open_page):
    at = open_page("map", layer="hubei")
    assert "《鄂州市支持中小企业政策清单（一）》：鄂州市 22/23" in annotations(figure(at))


# Overview -------------------------------------------------------------------------------------------------

def test_overview_says_what_the_database_covers_and_what_not(open_page):
    at = open_page("overview")
    text = "\n".join(m.value for m in at.markdown).replace("\\", "")
    assert "17 条区级政策中 16 条" in text and "武汉 17 个区和功能区中的 8 个" in text
    assert "没有任何来源的年份" in text and "2021" in text
    assert "江岸区、江汉区、青山区" in text
    summary = next(d.value for d in at.dataframe if "登记表条目" in d.value.columns)
    district = summary[summary["层级"] == "区级"].iloc[0]
    assert district["政策数"] == 17 and district["登记表条目"] == 16 and district["摘要"] == 1


def test_sources_page_says_it_ignores_the_sidebar_filters(open_page):
    at = open_page("sources", level="district")
    assert "不受左侧筛选条件影响" in at.info[0].value
    table = at.dataframe[0].value
    assert "association newsletter" not in set(table["类型"]) and "协会月刊" in set(table["类型"])


# In a browser ------------------------------------------------------------------------------------------------

@pytest.mark.browser
def test_no_request_leaves_the_host_and_the_charts_show_their_notes(browser, app_server):
    """Every page in headless Chromium: nothing is fetched from outside 127.0.0.1 (the favicon is local);
    screenshots of the trends chart and the Wuhan map with their coverage notes."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    outside = []
    ctx = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="zh-CN")

    def route(r):
        if r.request.url.startswith(app_server):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()
    ctx.route("**/*", route)
    page = ctx.new_page()
    try:
        for path, shot in (("/", None), ("/trends", "trends-coverage.png"), ("/map", "map-wuhan-coverage.png"),
                           ("/explorer?q=硚口", None), ("/sources", None), ("/ai", None)):
            page.goto(app_server + path)
            page.wait_for_selector("[data-testid='stApp']", timeout=30000)
            page.wait_for_function("() => !document.querySelector(\"[data-testid='stSkeleton']\")"
                                   " && !document.querySelector(\"[data-testid='stStatusWidget']\")", timeout=60000)
            page.wait_for_timeout(1500)
            icons = page.evaluate("() => [...document.querySelectorAll('link[rel*=icon]')].map(l => l.href)")
            assert icons and all(i.startswith(app_server) for i in icons), icons
            if shot:
                chart = page.locator("[data-testid='stPlotlyChart']").first
                chart.scroll_into_view_if_needed()
                page.get_by_text("覆盖说明").first.wait_for(timeout=15000)
                chart.screenshot(path=str(SHOTS / shot))
    finally:
        ctx.close()
    assert outside == []
