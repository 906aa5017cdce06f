"""发文趋势 Trends, rendered with AppTest on the real database, and once in headless Chromium.

The chart's numbers are checked against SQL run directly on the session database (`q`), with the same
definitions the page states: a policy sits in the period of its timeline_date (issue date, else effective
date), and "in force" is the schema's policy_status() on the period's last day.
"""
from __future__ import annotations

import base64
import json
import re
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from dashboard.charts_trends import period_bounds, period_of_selection

NATIONAL_2023_FILE = "002_802860970c280f04.txt"
HARMONIOUS_LABOUR = ("人力资源社会保障部 中华全国总工会 中国企业联合会/中国企业家协会 中华全国工商业联合会"
                     "关于推进新时代和谐劳动关系创建活动的意见")
LIST_COLUMNS = ["标题", "发文字号", "层级", "地区", "日期", "时效性", "依据", "可信度", "来源"]


def figure(at) -> dict:
    charts = at.get("plotly_chart")
    assert len(charts) == 1, "expected one chart on the page"
    return json.loads(charts[0].proto.spec)


def values(array) -> list:
    """A trace's x or y: plotly writes numeric arrays as base64 typed arrays ({dtype, bdata})."""
    if isinstance(array, dict):
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return list(array)


def series(at) -> dict[str, dict[str, float]]:
    """{trace name: {period: value}} of the page's chart."""
    return {d["name"]: dict(zip(values(d["x"]), values(d["y"]))) for d in figure(at)["data"]}


def totals(at) -> dict[str, float]:
    """{period: sum of the traces}; a period with no source at all has no bar (None), and totals 0 here."""
    out: dict[str, float] = {}
    for by_period in series(at).values():
        for period, value in by_period.items():
            out[period] = out.get(period, 0) + (value or 0)
    return out


def dated(q) -> int:
    return q("SELECT count(*) AS n FROM v_policies WHERE timeline_date IS NOT NULL")[0]["n"]


def test_default_view_counts_every_dated_policy_once(open_page, q):
    at = open_page("trends")
    fig = figure(at)
    assert {d["type"] for d in fig["data"]} == {"bar"} and fig["layout"]["barmode"] == "stack"
    assert sum(totals(at).values()) == dated(q)
    by_year = q("SELECT year(timeline_date)::VARCHAR AS y, count(*) AS n FROM v_policies "
                "WHERE timeline_date IS NOT NULL GROUP BY 1")
    assert {r["y"]: r["n"] for r in by_year} == {k: v for k, v in totals(at).items() if v}
    assert list(totals(at)) == [str(y) for y in range(2020, 2027)]   # 2021 has none and is shown empty
    assert series(at)["区级"]["2026"] == q("SELECT count(*) AS n FROM v_policies WHERE level = 'district' "
                                            "AND year(timeline_date) = 2026")[0]["n"]
    undated = q("SELECT count(*) AS n FROM v_policies WHERE timeline_date IS NULL")[0]["n"]
    assert f"另有 {undated} 条政策没有日期" in fig["layout"]["title"]["text"]


def test_hover_shows_the_count_and_the_first_titles_of_the_bar(open_page, q):
    at = open_page("trends")
    national = next(d for d in figure(at)["data"] if d["name"] == "国家")
    assert "政策数: %{y}" in national["hovertemplate"]
    point = next(c for c in national["customdata"] if c[0] == "2023")
    first = q("SELECT title FROM v_policies WHERE level = 'national' AND year(timeline_date) = 2023 "
              "ORDER BY timeline_date, title LIMIT 3")
    n = q("SELECT count(*) AS n FROM v_policies WHERE level = 'national' AND year(timeline_date) = 2023")[0]["n"]
    lines = point[1].split("<br>")
    assert len(lines) == 4 and lines[-1] == f"· … 等 {n - 3} 条" and point[2] == n
    for line, row in zip(lines, first):
        assert line.removeprefix("· ").rstrip("…") in row["title"].replace("&", "&amp;")


def test_quarters_split_by_primary_topic(open_page, q):
    at = open_page("trends", gran="quarter", split="topic")
    assert all(re.fullmatch(r"\d{4}-Q[1-4]", p) for p in totals(at))
    assert len(totals(at)) == 27                                      # 2020-Q1 … 2026-Q3, empty quarters included
    by_topic = q("SELECT t.label_zh AS topic, count(*) AS n FROM v_policies p JOIN topics t ON t.slug = p.primary_topic "
                 "WHERE p.timeline_date IS NOT NULL GROUP BY 1")
    assert {name: sum(x or 0 for x in v.values()) for name, v in series(at).items()} == \
        {r["topic"]: r["n"] for r in by_topic}
    q2 = q("SELECT count(*) AS n FROM v_policies WHERE timeline_date BETWEEN DATE '2023-04-01' AND DATE '2023-06-30'")
    assert totals(at)["2023-Q2"] == q2[0]["n"]


def test_share_mode_sums_to_100_percent_per_period(open_page):
    at = open_page("trends", mode="share")
    sums = totals(at)
    for period, total in sums.items():
        assert total == pytest.approx(100.0, abs=0.01) or (period == "2021" and total == 0), period
    assert series(at)["国家"]["2023"] == pytest.approx(100 * 81 / 89, abs=1e-3)   # 81 of 2023's 89 are national
    assert figure(at)["layout"]["yaxis"]["ticksuffix"] == "%"


def test_cumulative_lines_end_at_the_total(open_page, q):
    at = open_page("trends", mode="cumulative", gran="month")
    lines = series(at)
    assert {d["type"] for d in figure(at)["data"]} == {"scatter"}
    for name, by_period in lines.items():
        steps = list(by_period.values())
        assert steps == sorted(steps), f"{name} goes down"
    assert sum(list(v.values())[-1] for v in lines.values()) == dated(q)
    national = q("SELECT count(*) AS n FROM v_policies WHERE level = 'national' AND timeline_date IS NOT NULL")
    assert list(lines["国家"].values())[-1] == national[0]["n"]


def test_in_force_counts_what_policy_status_says(open_page, q):
    at = open_page("trends", mode="in_force")
    lines = series(at)
    for day, period in ((date(2026, 12, 31), "2026"), (date(2023, 12, 31), "2023")):
        rows = q("SELECT level, count(*) AS n FROM v_policies "
                 "WHERE marked_status(status_mark, effective_from, effective_to, issue_date, $day) = 'in_force' "
                 "GROUP BY level",
                 day=day)
        expected = {r["level"]: r["n"] for r in rows}
        shown = {name: by_period[period] for name, by_period in lines.items() if by_period[period]}
        assert shown == {label: expected[code] for code, label in
                         (("national", "国家"), ("provincial", "省级"), ("municipal", "市级"), ("district", "区级"))
                         if code in expected}, period
    never = q("SELECT count(*) AS n FROM v_policies "
              "WHERE issue_date IS NULL AND effective_from IS NULL AND effective_to IS NULL")[0]["n"]
    assert f"{never} 条政策没有任何日期" in figure(at)["layout"]["title"]["text"]


def test_period_2023_lists_the_national_compilation_and_one_more(open_page, q):
    at = open_page("trends", period="2023")
    table = at.dataframe[0].value
    assert list(table.columns) == LIST_COLUMNS
    assert at.subheader[0].value == f"2023 的政策（{len(table)} 条）"
    in_2023 = {r["title"] for r in q("SELECT title FROM v_policies WHERE year(timeline_date) = 2023")}
    compiled = {r["title"] for r in q(
        "SELECT title FROM v_policies p WHERE year(timeline_date) = 2023 AND EXISTS (SELECT 1 FROM policy_sources ps "
        "WHERE ps.policy_id = p.policy_id AND ps.source_id = 'national_2023')")}
    every_dated_compiled = q(
        "SELECT count(*) AS n FROM v_policies p WHERE timeline_date IS NOT NULL AND EXISTS (SELECT 1 FROM "
        "policy_sources ps WHERE ps.policy_id = p.policy_id AND ps.source_id = 'national_2023')")[0]["n"]
    assert set(table["标题"]) == in_2023 and len(table) == len(in_2023)
    assert len(compiled) == every_dated_compiled                      # every dated policy of the compilation is of 2023
    # the one 2023 document of the corpus not in the 2023 compilation: issued 2023-01-03, printed in the 2022
    # compilation; the others are register or curated entries
    curated = {r["title"] for r in q("SELECT title FROM v_policies WHERE year(timeline_date) = 2023 "
                                     "AND evidence_kind IN ('register_entry', 'curated_term')")}
    assert in_2023 - compiled - curated == {HARMONIOUS_LABOUR}
    row = table[table["标题"] == HARMONIOUS_LABOUR].iloc[0]
    assert row["日期"] == "2023-01-03" and row["层级"] == "国家" and "003_9b32ac1237c71b4b.txt" in row["来源"]
    assert all(NATIONAL_2023_FILE in s for s in table[table["标题"].isin(compiled)]["来源"])
    assert list(table["日期"].str[:7]) == sorted(table["日期"].str[:7])   # 2023-03 (to the month) beside 2023-03-01


def test_level_filter_district_counts_the_register_and_the_corpus(open_page, q):
    at = open_page("trends", level="district")
    by_year = q("SELECT year(timeline_date)::VARCHAR AS y, count(*) AS n FROM v_policies WHERE level = 'district' "
                "AND timeline_date IS NOT NULL GROUP BY 1")
    assert {k: v for k, v in series(at)["区级"].items() if v} == {r["y"]: r["n"] for r in by_year}
    assert "层级：区级" in figure(at)["layout"]["title"]["text"]


def test_malformed_period_is_ignored_with_a_notice(open_page):
    for bad in ("bad", "2023-Q5", "2023-13"):
        at = open_page("trends", period=bad)
        assert at.warning, bad
        assert "period" in at.code[0].value
        assert not at.dataframe and not at.subheader              # no list, and the chart still renders
        assert figure(at)["data"]


def test_a_period_without_policies_says_so(open_page):
    at = open_page("trends", period="2021")
    assert at.subheader[0].value == "2021 的政策（0 条）"
    assert "2021 没有符合当前筛选的政策。" in [i.value for i in at.info]


def test_english_axis_labels(open_page):
    at = open_page("trends", lang="en")
    layout = figure(at)["layout"]
    assert layout["xaxis"]["title"]["text"] == "Period"
    assert layout["yaxis"]["title"]["text"] == "Policies"
    assert layout["title"]["text"].startswith("Policies issued per period")
    assert set(series(at)) == {"National", "Provincial", "Municipal", "District"}
    assert "About the dates" in " ".join(c.value for c in at.caption)


def test_period_picker_writes_the_url_and_lists_the_period(open_page, q):
    at = open_page("trends", gran="quarter")
    picker = at.selectbox(key="w.period")
    assert picker.options[1:3] == ["2020-Q1", "2020-Q2"]
    picker.select("2023-Q2").run()
    assert at.query_params["period"] == "2023-Q2"
    n = q("SELECT count(*) AS n FROM v_policies WHERE timeline_date BETWEEN DATE '2023-04-01' AND DATE '2023-06-30'")
    assert len(at.dataframe[0].value) == n[0]["n"]


def test_in_force_mode_lists_the_policies_in_force_on_the_last_day(open_page, q):
    at = open_page("trends", mode="in_force", period="2026")
    expected = q("SELECT count(*) AS n FROM v_policies "
                 "WHERE marked_status(status_mark, effective_from, effective_to, issue_date, DATE '2026-12-31') "
                 "= 'in_force'")
    assert at.subheader[0].value == f"2026-12-31 有效的政策（{expected[0]['n']} 条）"
    assert len(at.dataframe[0].value) == expected[0]["n"]


def test_effective_dates_are_marked_and_stated_precision_kept(open_page, q):
    at = open_page("trends", period="2020")
    table = at.dataframe[0].value
    by_effective = q("SELECT count(*) AS n FROM v_policies WHERE year(timeline_date) = 2020 "
                     "AND timeline_basis = 'effective'")[0]["n"]
    assert table["日期"].str.endswith("(施行)").sum() == by_effective > 0
    month_only = q("SELECT title, strftime(issue_date, '%Y-%m') AS shown FROM v_policies "
                   "WHERE issue_date_precision = 'month'")
    for row in month_only:
        year = row["shown"][:4]
        listed = open_page("trends", period=year).dataframe[0].value
        assert listed[listed["标题"] == row["title"]]["日期"].iloc[0] == row["shown"]


def test_period_keys_and_chart_clicks():
    assert period_bounds("2023") == (date(2023, 1, 1), date(2023, 12, 31))
    assert period_bounds("2023-Q4") == (date(2023, 10, 1), date(2023, 12, 31))
    assert period_bounds("2024-02") == (date(2024, 2, 1), date(2024, 2, 29))
    assert period_bounds("2023-Q5") is None and period_bounds(None) is None
    click = {"selection": {"points": [{"x": "2023-Q2", "y": 5, "curve_number": 0,
                                       "customdata": ["2023-Q2", "· …", 5]}], "point_indices": [13]}}
    assert period_of_selection(click) == "2023-Q2"
    assert period_of_selection({"selection": {"points": [], "point_indices": []}}) is None
    assert period_of_selection(None) is None


# Browser ---------------------------------------------------------------------------------

@pytest.mark.browser
def test_trends_in_a_browser(browse):
    shots = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"     # git-ignored
    shots.mkdir(parents=True, exist_ok=True)

    page = browse("/trends?gran=quarter&split=topic", wait_text="各时段发文数")
    chart = page.locator("[data-testid='stPlotlyChart'] .js-plotly-plot").first
    chart.wait_for(timeout=30000)
    assert chart.is_visible()
    assert page.locator(".xtick text", has_text="2023-Q2").count() >= 1
    page.screenshot(path=str(shots / "trends-quarter-topic.png"), full_page=True)

    page = browse("/trends?period=2023", wait_text="2023 的政策")
    chart = page.locator("[data-testid='stPlotlyChart'] .js-plotly-plot").first
    chart.wait_for(timeout=30000)
    assert chart.is_visible()
    table = page.locator("[data-testid='stDataFrame']").first
    table.wait_for(timeout=30000)
    table.scroll_into_view_if_needed()
    assert table.is_visible()
    page.screenshot(path=str(shots / "trends-period-2023.png"), full_page=True)

    # a click on the 2022 bar of the national level writes period=2022 into the address, and lists it
    page = browse("/trends", wait_text="各时段发文数")
    page.locator("[data-testid='stPlotlyChart'] .barlayer").first.wait_for(timeout=30000)
    box = page.locator("[data-testid='stPlotlyChart'] .barlayer .trace").first.locator(".point").nth(2).bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)   # plotly's drag layer is on top
    page.wait_for_url(re.compile(r"period=2022"), timeout=30000)
    page.get_by_text("2022 的政策").first.wait_for(timeout=30000)
    page.screenshot(path=str(shots / "trends-clicked-2022.png"), full_page=True)
