"""Which government a document comes from: issuer or number → region code → level.

Place names come from the gazetteer (geo/gazetteer.csv), the one table of
regions. What lives here is only how Chinese policy text names an issuer
without naming a place: ministries (national), "省…" (the province, which in
this corpus is always 湖北省) and "市…/区…" (the city or district the source
is about, passed in by the parser as `home`).
"""
from __future__ import annotations

import re
from functools import lru_cache

from geo.gazetteer import load_gazetteer

COUNTRY, HUBEI = "100000", "420000"

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
PROVINCIAL_NUMBER = re.compile(r"^鄂(?!州)")     # 鄂政发, 鄂政办发, 鄂经信 … but not 鄂州…
PROVINCIAL_ISSUER = re.compile(r"^(?:省|湖北省|中共湖北省委|人行武汉分行|湖北银保监局)")
MUNICIPAL_NUMBER = {"武": "420100", "咸": "421200", "鄂州": "420700"}


@lru_cache(maxsize=1)
def _place_names() -> list[tuple[str, str]]:
    """(name, code) for every name, short name and alias, longest first."""
    gaz = load_gazetteer()
    pairs: list[tuple[str, str]] = []
    for row in gaz.itertuples():
        names = {row.name, row.short_name, *(a for a in str(row.aliases or "").split("|") if a)}
        for name in names:
            if name and name not in ("全国", "国家", "中国"):
                pairs.append((name, row.code))
    return sorted(pairs, key=lambda p: -len(p[0]))


def region_in_text(text: str) -> str | None:
    """Code of the first place the text names at its start (武昌区人民政府 → 420106)."""
    for name, code in _place_names():
        if text.startswith(name):
            return code
    return None


def region_of_issuer(issuer: str, home: str | None = None) -> str | None:
    """Region code of an issuing body; `home` is the city the source speaks for."""
    issuer = re.sub(r"\s+", "", issuer)
    if not issuer:
        return None
    code = region_in_text(issuer)
    if code:
        return code
    if PROVINCIAL_ISSUER.match(issuer):
        return HUBEI
    if NATIONAL_ISSUERS.match(issuer):
        return COUNTRY
    if home and re.match(r"^(?:市|区)", issuer):
        return home
    return None


def region_of_number(doc_number: str) -> str | None:
    for prefix, code in MUNICIPAL_NUMBER.items():
        if doc_number.startswith(prefix) and not (prefix == "武" and doc_number.startswith("武汉")):
            return code
    if doc_number.startswith("鄂州"):
        return "420700"
    if PROVINCIAL_NUMBER.match(doc_number):
        return HUBEI
    if NATIONAL_NUMBER.match(doc_number) or "公告" in doc_number or doc_number.startswith("国务院令"):
        return COUNTRY
    return region_in_text(doc_number)


def stated_region(issuers: list[str], doc_number: str | None, title: str, home: str | None) -> str | None:
    """The region a document's own words name: its issuers, else its number, else its title."""
    for issuer in issuers:
        code = region_of_issuer(issuer, home)
        if code:
            return code
    code = region_of_number(doc_number) if doc_number else None
    if code:
        return code
    code = region_of_issuer(title, home) if not title.startswith("关于") else None
    if code:
        return code
    return HUBEI if re.search(r"全省|我省|湖北|荆楚", title) else None


def level_of_region(code: str | None) -> str | None:
    """national / provincial / municipal / district, from the gazetteer level."""
    if code is None:
        return None
    if code == COUNTRY:
        return "national"
    gaz = load_gazetteer().set_index("code")
    if code not in gaz.index:
        raise ValueError(f"region code {code} is not in geo/gazetteer.csv")
    return {"country": "national", "province": "provincial", "prefecture": "municipal",
            "district": "district", "zone": "district"}[gaz.at[code, "level"]]


def province_name(code: str) -> str | None:
    """Name of the province a gazetteer code lies in (420700 → 湖北省); None outside the gazetteer."""
    gaz = load_gazetteer().set_index("code")
    while code in gaz.index:
        if gaz.at[code, "level"] == "province":
            return gaz.at[code, "name"]
        code = gaz.at[code, "parent_code"]
    return None
