"""The gazetteer (geo/gazetteer.csv): the one region table, its codes, names, aliases and polygons."""
import pytest

from geo.gazetteer import boundaries, load_gazetteer, resolve_region

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
    assert set(gaz[gaz.level == "prefecture"].index) == set(HUBEI_PREFECTURES)
    assert set(gaz[(gaz.level == "district")].index) == set(WUHAN_DISTRICTS)
    assert gaz.at["420000", "name"] == "湖北省" and gaz.at["420100", "parent_code"] == "420000"


def test_development_zones_are_zones_under_wuhan_without_polygons():
    gaz = load_gazetteer().set_index("code")
    zones = gaz[gaz.level == "zone"]
    assert set(zones.name) >= {"东湖新技术开发区", "武汉经济技术开发区", "东湖生态旅游风景区", "长江新区"}
    assert set(zones.parent_code) == {"420100"}
    assert not zones.has_polygon.any() and zones.lon.notna().all()


@pytest.mark.parametrize("alias, code", [
    ("恩施州", "422800"), ("东湖高新区", "420190"), ("光谷", "420190"), ("经开区", "420191"), ("武汉", "420100"),
    ("鄂州", "420700"), ("咸宁", "421200"), (" 武昌区 ", "420106"), ("襄樊", None), ("", None)])
def test_names_and_aliases_resolve_to_codes(alias, code):
    assert resolve_region(alias) == code


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
