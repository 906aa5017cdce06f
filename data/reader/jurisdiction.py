"""Which government a document comes from: issuer, number or title → region code → level.

Place names come from the gazetteer (geo/gazetteer.csv), the one table of regions, for all of
China. What lives here is only how Chinese policy text names an issuer:

* by a place at the start (武昌区人民政府, 江西省人民政府, 中共湖北省委); the longest name wins
  and a district named after its city is followed down (武汉市江岸区 → 江岸区);
* by a document-number prefix: a province's abbreviation (赣府发, 沪府办规, 苏政发), then the
  central bodies' prefixes (国办发, 财税), then a city's or county's first character where it is
  unambiguous in the document's own province or city (武政办 → 武汉 in a Hubei source);
* without a place (省政府, 全省, 我省, 本市, 市人民政府, 区政府): against the document's own
  place `home` (a province, city or district code); with no `home` such words stay
  unresolved — never Hubei by default;
* as a central body (国务院, 工业和信息化部 …): national.

A name several regions share (鼓楼区, 朝阳区, 城区) is resolved by `home`, else left unresolved.
"""
from __future__ import annotations

import re
from functools import lru_cache

from geo.gazetteer import city_of, codes_named, level_of, load_gazetteer, province_of, within

COUNTRY, HUBEI = "100000", "420000"
__all__ = ["COUNTRY", "HUBEI", "stated_region", "level_of_region", "region_in_text", "region_of_issuer",
           "region_of_number", "province_of", "city_of"]

# Central bodies as they sign documents (full and short forms seen in the corpus).
NATIONAL_ISSUERS = re.compile(
    r"^(?:中共中央|中央|国务院|全国人大|全国人民代表大会|最高人民法院|最高人民检察院|国家|中国人民银行|人民银行|人行(?!省|武汉)|央行|"
    r"财政部|税务总局|工业和信息化部|工信部|商务部|科技部|科学技术部|教育部|民政部|公安部|司法部|自然资源部|生态环境部|"
    r"住房和城乡建设部|住房城乡建设部|交通运输部|水利部|农业农村部|文化和旅游部|国家卫生|应急管理部|退役军人事务部|"
    r"人力资源社会保障部|人力资源和社会保障部|人社部|市场监管总局|海关总署|金融监管总局|中国银保监会|银保监会|中国证监会|证监会|"
    r"中国银行保险监督管理委员会|中国证券监督管理委员会|国资委|国务院国资委|全国工商联|中华全国|共青团中央|中国企业联合会|"
    r"中国中小企业协会|发改委|广电总局|能源局|铁路局|民航局|\d+部门|[一二三四五六七八九十]+部门)"
)
# Document-number prefixes of central bodies (国办发, 工信部企业函, 财税, 发改投资 …).
NATIONAL_NUMBER = re.compile(
    r"^(?:国|中发|中办|工信|财|税总|发改|人社|商|银发|民函|民办|建|法发|科|教|农|交|水|自然资|环|文旅|海关|"
    r"市场监管|金融|证监|银保监|全国|统计|退役|应急|卫|公|司)"
)
# A place name followed by these names a government body (公安部, 公安厅, 公安局 are not 公安县).
NOT_A_PLACE_AFTER = re.compile(r"^(?:部|厅|局|分局|总局|总署|署)")
# Names that are common words or a zone's bare type: only a place inside the document's own city.
GENERIC_FORMS = {"城区", "郊区", "矿区", "新区", "东区", "西区", "南区", "北区", "开发区", "高新区", "经开区",
                 "自贸区", "保税区", "综保区"}
# Words that name the document's own place instead of a place: (pattern, which part of `home`).
RELATIVE_ISSUER = [
    (re.compile(r"^(?:本省|我省|全省|省(?!级|内|外|际))"), "province"),
    (re.compile(r"^(?:本自治区|我自治区|全自治区|自治区)"), "province"),
    (re.compile(r"^(?:本市|我市|全市|市(?!场|民|值|级))"), "city"),
    (re.compile(r"^(?:本州|我州|全州|州(?:人民政府|政府|委))"), "city"),
    (re.compile(r"^(?:本区|我区|全区|区(?!域|块|间|级))"), "district"),
    (re.compile(r"^(?:本县|我县|全县|县(?!域|级))"), "county"),
]
RELATIVE_TITLE = [(re.compile(r"全省|我省|本省"), "province")]
# 人民银行武汉分行 is the central bank's office for a province; 中心支行 serve a city.
CENTRAL_BANK_OFFICE = re.compile(r"^(?:中国)?(?:人民银行|人行)(?P<rest>.+?)(?P<kind>分行|中心支行|营业管理部)")
# A central body's local office (国家税务总局湖北省税务局) belongs to the place it names.
LOCAL_OFFICE = re.compile(r"^(?:国家税务总局|国家金融监督管理总局|国家市场监督管理总局|国家外汇管理局|海关总署|"
                          r"中国证券监督管理委员会|中国证监会|中国银行保险监督管理委员会|中国银保监会)(?P<rest>.+)$")


@lru_cache(maxsize=1)
def _place_names() -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    """First character -> (form, codes) of every name, short name and alias of two or more characters,
    longest first."""
    gaz = load_gazetteer()
    forms = {f for row in gaz.itertuples() for f in {row.name, row.short_name, *row.aliases.split("|")}}
    forms -= {"全国", "国家", "中国", ""}
    index: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for f in sorted((f for f in forms if len(f) >= 2), key=lambda f: (-len(f), f)):
        index.setdefault(f[0], []).append((f, codes_named(f)))
    return index


@lru_cache(maxsize=1)
def _abbreviations() -> dict[str, list[str]]:
    """One-character number prefixes: provinces' aliases (赣, 沪, 黔|贵) and cities' (穗, 甬)."""
    out: dict[str, list[str]] = {}
    for row in load_gazetteer().itertuples():
        for a in row.aliases.split("|"):
            if len(a) == 1:
                out.setdefault(a, []).append(row.code)
    return out


def _pick(form: str, codes: tuple[str, ...], home: str | None, inside: str | None = None) -> str | None:
    """The one code a form names: inside a region already named, else near `home`, else unique."""
    if inside:
        codes = tuple(c for c in codes if within(c, inside) and c != inside)
        return codes[0] if len(codes) == 1 else None
    city = city_of(home) if home else None
    if form in GENERIC_FORMS:
        near = [c for c in codes if city and within(c, city)]
        return near[0] if len(near) == 1 else None
    if len(codes) == 1:
        return codes[0]
    for area in (city, province_of(home) if home else None):
        near = [c for c in codes if area and within(c, area)]
        if len(near) == 1:
            return near[0]
    return None


def _match(text: str, home: str | None, inside: str | None = None) -> tuple[str, int] | None:
    """(code, length) of the place named at the start of `text`, following it down to a sub-region."""
    for form, codes in _place_names().get(text[:1], []):
        if not text.startswith(form) or NOT_A_PLACE_AFTER.match(text[len(form):]):
            continue
        code = _pick(form, codes, home, inside)
        if code is None:
            if inside:
                continue   # not a sub-region of `inside`: try a shorter name
            return None    # an ambiguous name: unresolved rather than a guess
        deeper = _match(text[len(form):], home, inside=code)
        return (deeper[0], len(form) + deeper[1]) if deeper else (code, len(form))
    return None


def region_in_text(text: str, home: str | None = None) -> str | None:
    """Code of the place the text names at its start (武昌区人民政府 → 420106, 湖北省武汉市 → 420100)."""
    found = _match(re.sub(r"\s+", "", text or ""), home)
    return found[0] if found else None


def _relative(text: str, home: str | None, rules) -> str | None:
    """The part of `home` a word like 省政府 / 本市 / 区政府 names (None without a home)."""
    for pattern, part in rules:
        if pattern.search(text) if rules is RELATIVE_TITLE else pattern.match(text):
            return _part_of(home, part)
    return None


def _part_of(home: str | None, part: str) -> str | None:
    if not home:
        return None
    if part == "province":
        return province_of(home)
    if part == "city":
        return city_of(home)
    level = level_of(home)
    return home if (part == "district" and level in ("district", "zone")) or (part == "county" and level == "county") \
        else None


def region_of_issuer(issuer: str, home: str | None = None) -> str | None:
    """Region code of an issuing body; `home` is the place (province, city or district) the source speaks for."""
    issuer = re.sub(r"\s+", "", issuer or "")
    if not issuer:
        return None
    bank = CENTRAL_BANK_OFFICE.match(issuer)
    if bank:
        office = region_in_text(bank["rest"], home) or _relative(bank["rest"], home, RELATIVE_ISSUER)
        if office:
            return province_of(office) if bank["kind"] == "分行" else office
    code = region_in_text(issuer.removeprefix("中共"), home)
    if code:
        return code
    office = LOCAL_OFFICE.match(issuer)
    if office:
        code = region_in_text(office["rest"], home)
        if code:
            return code
    if NATIONAL_ISSUERS.match(issuer):
        return COUNTRY
    return _relative(issuer, home, RELATIVE_ISSUER)


def region_of_number(doc_number: str, home: str | None = None) -> str | None:
    """Region code of a document number's issuer prefix (赣府发〔2023〕12号 → 360000)."""
    number = re.sub(r"\s+", "", doc_number or "")
    if not number:
        return None
    code = region_in_text(number, home)
    if code:
        return code
    provinces = [c for c in _abbreviations().get(number[0], []) if level_of(c) == "province"]
    if len(provinces) == 1:
        return provinces[0]
    if NATIONAL_NUMBER.match(number) or "公告" in number or number.startswith("国务院令"):
        return COUNTRY
    return _local_abbreviation(number[0], home)


def _local_abbreviation(char: str, home: str | None) -> str | None:
    """A city or county whose number prefix is `char`: a city's one-character alias (穗), else the one
    prefecture of the home province, or the one county or district of the home city, whose short name
    starts with it; with no home, the one prefecture in China."""
    cities = [c for c in _abbreviations().get(char, []) if level_of(c) == "prefecture"]
    if len(cities) == 1:
        return cities[0]
    gaz = load_gazetteer()
    starts = gaz[gaz.short_name.str.startswith(char)]
    prefectures = starts[starts.level == "prefecture"]
    if not home:
        return prefectures.code.iloc[0] if len(prefectures) == 1 else None
    for area, levels in ((province_of(home), ("prefecture",)), (city_of(home), ("district", "county", "zone"))):
        near = [c for c in starts[starts.level.isin(levels)].code if area and within(c, area)]
        if len(near) == 1:
            return near[0]
        if near:
            return None   # 江 in Wuhan: 江岸, 江汉 or 江夏
    return None


@lru_cache(maxsize=1)
def _province_forms() -> list[tuple[str, str]]:
    """(form, code) of every province's names of two or more characters (for a search in a title)."""
    gaz = load_gazetteer()
    pairs = [(f, row.code) for row in gaz[gaz.level == "province"].itertuples()
             for f in {row.name, row.short_name, *row.aliases.split("|")} if len(f) >= 2]
    return sorted(pairs, key=lambda p: -len(p[0]))


def _province_in_title(title: str) -> str | None:
    named = {code for form, code in _province_forms() if form in title}
    return named.pop() if len(named) == 1 else None


# A text names the level it speaks for (我县, 本市, 全省), and which regions can be that speaker; the most
# local self-reference is tried first. 本市 in 上海 or 重庆 is a 直辖市, which the gazetteer files as a province.
SPEAKERS = [(re.compile(r"我县|本县|全县"), lambda level, name: level == "county"),
            (re.compile(r"我市|本市|全市"), lambda level, name: level == "prefecture" or level == "province" and name.endswith("市")),
            (re.compile(r"我省|本省|全省"), lambda level, name: level == "province" and not name.endswith("市"))]
# How a province's text names itself by its one-character abbreviation: 在皖企业, 皖企, 来鄂投资, 入黔.
ABBREVIATION_USE = "(?:(?<=[在来赴入留援驻])(?P<a>{a})|(?P<b>{a})(?=企|籍|商))"


@lru_cache(maxsize=1)
def _full_names() -> list[tuple[str, str, str, str]]:
    """(level, full name, short name, code) of every region (county 柳河县 柳河, province 安徽省 安徽)."""
    return [(row.level, row.name, row.short_name if len(row.short_name) >= 2 else row.name, row.code)
            for row in load_gazetteer().itertuples()]


def _names_in(text: str, name: str, short: str) -> bool:
    """The full name, or the short one where a text says where one goes or is (在柳河, 来柳河旅游)."""
    return name in text or short != name and re.search(rf"[在来赴入到]{re.escape(short)}", text) is not None


def speaking_region(text: str) -> str | None:
    """The region a text with no issuer, number or place in its title speaks for: it says 我县 / 本市 / 全省,
    and names exactly one region that can say so by its full name, by its short name where it says where
    one goes or is (在柳河, 来柳河旅游), or, for a province, as its firms are called (在皖企业, 鄂企). A letter that starts a place's name (鄂州, 赣州, 湘潭) is that place."""
    if not text:
        return None
    for speaker, can_speak in SPEAKERS:
        if not speaker.search(text):
            continue
        named = {code for level, name, short, code in _full_names() if can_speak(level, name) and _names_in(text, name, short)}
        if speaker.pattern.startswith("我省"):
            named |= _abbreviated_provinces(text)
        if len(named) == 1:
            return named.pop()
    return None


def _abbreviated_provinces(text: str) -> set[str]:
    provinces = {code for level, _, _, code in _full_names() if level == "province"}
    letters = {a: [c for c in codes if c in provinces] for a, codes in _abbreviations().items()}
    letters = {a: codes for a, codes in letters.items() if codes}
    found: set[str] = set()
    places = _place_names()
    for m in re.finditer(ABBREVIATION_USE.format(a="|".join(map(re.escape, letters))), text):
        at, letter = (m.start("a"), m["a"]) if m["a"] else (m.start("b"), m["b"])
        if not any(text.startswith(form, at) for form, _ in places.get(letter, [])):   # 在鄂州: the city
            found |= set(letters[letter])
    return found


def stated_region(issuers: list[str], doc_number: str | None, title: str, home: str | None) -> str | None:
    """The region a document's own words name: its issuers, else its number, else its title."""
    for issuer in issuers:
        code = region_of_issuer(issuer, home)
        if code:
            return code
    code = region_of_number(doc_number, home) if doc_number else None
    if code:
        return code
    code = region_of_issuer(title, home) if not title.startswith("关于") else None
    if code:
        return code
    return _province_in_title(title) or _relative(title, home, RELATIVE_TITLE)


def level_of_region(code: str | None) -> str | None:
    """national / provincial / municipal / district, from the gazetteer level (a county counts as district)."""
    if code is None:
        return None
    if code == COUNTRY:
        return "national"
    level = level_of(code)
    if level is None:
        raise ValueError(f"region code {code} is not in geo/gazetteer.csv")
    return {"country": "national", "province": "provincial", "prefecture": "municipal",
            "district": "district", "county": "district", "zone": "district"}[level]


def province_name(code: str) -> str | None:
    """Name of the province a gazetteer code lies in (420700 → 湖北省); None outside the gazetteer."""
    province = province_of(code)
    return load_gazetteer().set_index("code").at[province, "name"] if province else None
