"""Jurisdiction (data/reader/jurisdiction.py): a document's region and level from its issuer, number and title,
for all of China, with real issuers and numbers."""
import pytest

from data.reader.jurisdiction import (COUNTRY, HUBEI, city_of, level_of_region, province_of, region_in_text,
                                      region_of_issuer, region_of_number, stated_region)


@pytest.mark.parametrize("number, home, code, level", [
    ("赣府发〔2023〕12号", None, "360000", "provincial"),
    ("沪府办规〔2024〕3号", None, "310000", "provincial"),
    ("苏政发〔2022〕1号", None, "320000", "provincial"),
    ("浙政办发〔2023〕3号", None, "330000", "provincial"),
    ("粤府〔2023〕42号", None, "440000", "provincial"),
    ("川府发〔2022〕22号", None, "510000", "provincial"),
    ("京政发〔2023〕17号", None, "110000", "provincial"),
    ("津政办规〔2023〕7号", None, "120000", "provincial"),
    ("渝府发〔2022〕43号", None, "500000", "provincial"),
    ("冀政字〔2023〕1号", None, "130000", "provincial"),
    ("晋政发〔2023〕3号", None, "140000", "provincial"),
    ("蒙政发〔2022〕8号", None, "150000", "provincial"),
    ("辽政发〔2023〕2号", None, "210000", "provincial"),
    ("吉政发〔2023〕1号", None, "220000", "provincial"),   # the province wins over 吉安 / 吉林市
    ("黑政规〔2022〕5号", None, "230000", "provincial"),
    ("皖政〔2023〕11号", None, "340000", "provincial"),
    ("闽政〔2022〕9号", None, "350000", "provincial"),
    ("鲁政发〔2023〕3号", None, "370000", "provincial"),
    ("豫政〔2023〕20号", None, "410000", "provincial"),
    ("鄂政发〔2020〕5号", None, HUBEI, "provincial"),
    ("湘政发〔2022〕7号", None, "430000", "provincial"),
    ("桂政发〔2022〕17号", None, "450000", "provincial"),
    ("琼府〔2023〕2号", None, "460000", "provincial"),
    ("黔府发〔2023〕1号", None, "520000", "provincial"),
    ("贵府发〔2023〕1号", None, "520000", "provincial"),
    ("云政发〔2022〕20号", None, "530000", "provincial"),
    ("滇政发〔2022〕20号", None, "530000", "provincial"),
    ("藏政发〔2023〕5号", None, "540000", "provincial"),
    ("陕政发〔2023〕7号", None, "610000", "provincial"),
    ("甘政发〔2022〕36号", None, "620000", "provincial"),
    ("青政〔2023〕12号", None, "630000", "provincial"),
    ("宁政发〔2023〕6号", None, "640000", "provincial"),
    ("新政发〔2022〕50号", None, "650000", "provincial"),
    ("鄂州政发〔2020〕3号", None, "420700", "municipal"),   # a full name before the province's 鄂
    ("武政办〔2024〕30号", "420100", "420100", "municipal"),
    ("武政办〔2024〕30号", "421200", "420100", "municipal"),   # 武 is Wuhan among Hubei's prefectures
    ("咸政发〔2022〕3号", "421200", "421200", "municipal"),
    ("咸政发〔2022〕3号", "610000", "610400", "municipal"),   # in a Shaanxi source 咸 is 咸阳
    ("深府〔2023〕1号", "440000", "440300", "municipal"),
    ("穗府〔2023〕6号", None, "440100", "municipal"),
    ("义政发〔2023〕1号", "330700", "330782", "district"),   # a county-level city of 金华
    ("国办发〔2023〕37号", None, COUNTRY, "national"),
    ("财税〔2023〕12号", "420100", COUNTRY, "national"),
    ("工信部企业函〔2023〕1号", None, COUNTRY, "national"),
    ("公安部令第160号", None, COUNTRY, "national"),       # not 公安县
])
def test_document_number_prefixes(number, home, code, level):
    assert region_of_number(number, home) == code
    assert level_of_region(code) == level


@pytest.mark.parametrize("number, home", [
    ("武政办〔2024〕30号", None),      # 武汉 or 武威: no context, no guess
    ("咸政发〔2022〕3号", None),       # 咸宁 or 咸阳
    ("江政发〔2023〕1号", "420100"),   # 江岸, 江汉 or 江夏
])
def test_an_ambiguous_one_character_prefix_stays_unresolved(number, home):
    assert region_of_number(number, home) is None


@pytest.mark.parametrize("issuer, home, code, level", [
    ("东莞市人民政府", None, "441900", "municipal"),
    ("义乌市人民政府", None, "330782", "district"),
    ("武昌区人民政府", None, "420106", "district"),
    ("武汉市江岸区人民政府", None, "420102", "district"),   # followed down from the city
    ("北京市朝阳区人民政府", None, "110105", "district"),
    ("上海市浦东新区人民政府", None, "310115", "district"),
    ("江西省人民政府办公厅", None, "360000", "provincial"),
    ("广西壮族自治区人民政府", None, "450000", "provincial"),
    ("苏州工业园区管理委员会", None, "320500", "municipal"),
    ("恩施州人民政府", None, "422800", "municipal"),
    ("湘西土家族苗族自治州人民政府", None, "433100", "municipal"),
    ("长阳土家族自治县人民政府", None, "420528", "district"),
    ("中共湖北省委", None, HUBEI, "provincial"),
    ("湖北银保监局", None, HUBEI, "provincial"),
    ("人行武汉分行", None, HUBEI, "provincial"),
    ("国家税务总局江西省税务局", None, "360000", "provincial"),
    ("荆州市公安局", None, "421000", "municipal"),
    ("工业和信息化部", "440300", COUNTRY, "national"),
    ("国务院办公厅", "360000", COUNTRY, "national"),
    ("市场监管总局", "420100", COUNTRY, "national"),
    # the document's own place
    ("省人民政府", "360100", "360000", "provincial"),
    ("省政府办公厅", "440300", "440000", "provincial"),
    ("市人民政府", "440305", "440300", "municipal"),
    ("市人民政府办公厅", "110105", "110000", "provincial"),   # 市 in a Beijing document is the 直辖市
    ("区人民政府", "420106", "420106", "district"),
    ("自治区人民政府", "450100", "450000", "provincial"),
    # names several regions share: by context
    ("朝阳区人民政府", "110000", "110105", "district"),
    ("朝阳区人民政府", "220100", "220104", "district"),
    ("和平区人民政府", "120000", "120101", "district"),
    ("青山区人民政府", "150200", "150204", "district"),
    ("经开区管委会", "420100", "420191", "district"),
])
def test_issuers(issuer, home, code, level):
    assert region_of_issuer(issuer, home) == code
    assert level_of_region(code) == level


@pytest.mark.parametrize("issuer, home", [
    ("省人民政府", None), ("省政府", None), ("市人民政府", None), ("市人民政府", "360000"),  # never Hubei by default
    ("区人民政府", "420100"),
    ("朝阳区人民政府", None), ("和平区人民政府", None), ("城关镇人民政府", None),   # shared names, no context
    ("新区管委会", None), ("高新区管委会", None), ("开发区管委会", "420100"), ("东区", None),   # common words
    ("经开区管委会", "421200"),   # Wuhan's 经开区 is not the one of a 咸宁 document
    ("某某协会", "420100"),
])
def test_unresolved_rather_than_a_guess(issuer, home):
    assert region_of_issuer(issuer, home) is None


def test_relative_words_resolve_against_the_documents_own_place():
    # 我省 in a 江西 document; 全省 in a 广东 one; 本市 / 市政府 in a 深圳 one
    assert stated_region([], None, "我省中小企业纾困若干措施", home="360100") == "360000"
    assert stated_region([], None, "全省专精特新企业培育方案", home="440300") == "440000"
    assert stated_region(["市人民政府"], None, "关于印发本市促进中小企业发展若干措施的通知", home="440300") == "440300"
    assert stated_region([], None, "我省中小企业纾困若干措施", home=None) is None   # not Hubei
    assert stated_region(["省人民政府"], None, "关于…的通知", home=None) is None


def test_stated_region_prefers_issuer_then_number_then_title():
    assert stated_region(["江西省人民政府"], "国办发〔2023〕1号", "x", home=None) == "360000"
    assert stated_region([], "赣府发〔2023〕12号", "关于印发江西省…的通知", home=None) == "360000"
    assert stated_region([], None, "深圳市关于支持中小企业的若干措施", home=None) == "440300"
    assert stated_region([], None, "关于支持江西老区振兴的意见", home=None) == "360000"   # a province named in it
    assert stated_region([], None, "关于支持江西和湖南的意见", home=None) is None         # two: no choice


def test_region_in_text_prefers_the_longest_name():
    assert region_in_text("东湖新技术开发区管委会") == "420190"
    assert region_in_text("东湖高新区管委会") == "420190"
    assert region_in_text("鄂尔多斯市人民政府") == "150600"   # not 鄂 (湖北)
    assert region_in_text("鄂州市人民政府") == "420700"
    assert region_in_text("长沙县人民政府") == "430121" and region_in_text("长沙市人民政府") == "430100"
    assert region_in_text("吉林市人民政府") == "220200" and region_in_text("吉林省人民政府") == "220000"
    assert region_in_text("湖北省公安厅") == HUBEI             # 公安厅 is not 公安县
    assert region_in_text("新华社") is None and region_in_text("城区") is None


def test_levels_of_every_kind_of_region():
    assert [level_of_region(c) for c in (COUNTRY, "310000", "440300", "420106", "330782", "420190")] == [
        "national", "provincial", "municipal", "district", "district", "district"]
    assert level_of_region("110000") == "provincial"   # a 直辖市 is provincial
    assert level_of_region("110105") == "district"
    assert level_of_region(None) is None
    with pytest.raises(ValueError):
        level_of_region("999999")
    assert (province_of("330782"), city_of("330782")) == ("330000", "330700")


def test_the_corpus_resolves_as_with_the_hubei_gazetteer(q):
    """The five sources speak for the nation, Hubei, Wuhan, 武昌, 鄂州 and 咸宁: nothing moves elsewhere."""
    from geo.gazetteer import within
    codes = {r["region_code"] for r in q("SELECT DISTINCT region_code FROM policies")}
    assert all(c == COUNTRY or within(c, HUBEI) for c in codes), codes
    def region(**where):
        key, value = next(iter(where.items()))
        rows = q(f"SELECT region_code, level FROM policies WHERE {key} = $v", v=value)
        assert len(rows) == 1, (where, rows)
        return rows[0]["region_code"], rows[0]["level"]
    assert region(doc_number="鄂政发〔2020〕6号") == (HUBEI, "provincial")         # issuer 省人民政府, home 鄂州
    assert region(doc_number="武政办〔2024〕30号") == ("420100", "municipal")
    assert region(title="武昌区关于支持人工智能产业发展的若干措施") == ("420106", "district")
    assert region(title="我省设立中小微企业应急转贷纾困基金") == (HUBEI, "provincial")   # 我省 in a Wuhan source


def test_a_text_speaking_for_its_region_names_it():
    from data.reader.jurisdiction import speaking_region
    # no issuer, number or place in the title: 我省 and how it calls its firms say which province
    assert speaking_region("推动我省率先进入通用人工智能时代……对在皖企业给予不超过20%的补助。") == "340000"
    assert speaking_region("全省上下……支持鄂企走出去") == HUBEI
    assert speaking_region("全省……吸引在湘投资") == "430000"
    assert speaking_region("我省企业在鄂州投资建厂") is None        # 鄂州 is a city, not 湖北's abbreviation
    assert speaking_region("在皖企业和在鄂企业") is None            # no 我省: a national text about two provinces
    assert speaking_region("我省与安徽省、江西省合作") is None       # two provinces named: which is unknown
    assert speaking_region("结合我县实际……按照《柳河县中小企业发展引导资金管理办法》") == "220524"
    assert speaking_region("本市……上海市经济信息化委") == "310000"   # a 直辖市 says 本市
    assert speaking_region("结合我县实际……对年组织游客来柳河旅游的旅行社给予奖励") == "220524"
    assert speaking_region("全市……宜昌市、荆州市") is None
