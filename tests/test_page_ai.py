"""区级AI政策对比 District AI terms, rendered with AppTest on the real database (and once in Chromium)."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from dashboard import charts_ai
from dashboard.i18n import TEXT

SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"
MONTHLY = "000_a52cd0f27d184548.txt"


class Matrix(HTMLParser):
    """The matrix of the page's st.html: headers by region code, and the entries of each (measure, region) cell."""

    def __init__(self, markup: str):
        super().__init__()
        self.headers: dict[str, str] = {}   # region code → header text
        self.rows: list[str] = []           # measure codes, in order
        self.row_labels: dict[str, str] = {}
        self.cells: dict[tuple[str, str], list[dict]] = {}
        self._measure = self._region = None
        self._header = None
        self._row_label = None
        self._entry = None
        self._depth = 0
        self.feed(markup)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "th" and "data-region" in a:
            self._header = a["data-region"]
            self.headers[self._header] = ""
        elif tag == "th" and "data-measure" in a:
            self._measure = self._row_label = a["data-measure"]
            self.rows.append(self._measure)
            self.row_labels[self._measure] = ""
        elif tag == "td" and "data-region" in a:
            self._region = a["data-region"]
            self.cells[(self._measure, self._region)] = []
        elif tag == "div" and self._entry is not None:
            self._depth += 1
        elif tag == "div" and "ai-e" in a.get("class", "").split():
            self._entry = {"classes": a["class"].split(), "title": a.get("title", ""), "ref": a.get("data-ref"), "trust": a.get("data-trust"),
                           "text": "", "links": []}
            self._depth = 1
            self.cells[(self._measure, self._region)].append(self._entry)
        if tag == "a" and self._entry is not None:
            self._entry["links"].append(a.get("href"))

    def handle_endtag(self, tag):
        if tag == "th":
            self._header = self._row_label = None
        elif tag == "div" and self._entry is not None:
            self._depth -= 1
            if self._depth == 0:
                self._entry = None

    def handle_data(self, data):
        if self._entry is not None:
            self._entry["text"] += data
        elif self._header is not None:
            self.headers[self._header] += data
        elif self._row_label is not None:
            self.row_labels[self._row_label] += data

    def cell(self, measure: str, region: str) -> list[dict]:
        return self.cells[(measure, region)]


def matrix(at) -> Matrix:
    tables = [h.value for h in at.html if "ai-matrix" in h.value]
    assert len(tables) == 1, "expected one matrix on the page"
    return Matrix(tables[0])


def corpus(entries):
    return [e for e in entries if "corpus" in e["classes"]]


def curated(entries):
    return [e for e in entries if "curated" in e["classes"]]


def table(at, first_column: str) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if list(d.value.columns)[:1] == [first_column])


# The default view ----------------------------------------------------------------------------------

def test_default_view_wuchang_corpus_and_tracker_side_by_side(open_page):
    at = open_page("ai")
    m = matrix(at)
    # reference columns first, then the default districts in the order of the URL default
    assert list(m.headers) == ["420000", "420100", "420106", "420190", "420104", "420105"]
    assert m.headers["420106"].startswith("武昌区")

    compute = m.cell("compute", "420106")
    [k] = corpus(compute)
    assert k["text"].split("]", 1)[1].strip().startswith("60%")
    assert "上限" not in k["text"].split("条件")[0]                       # the corpus states no cap …
    assert "单企业年营收≤50 万" in k["text"]                              # … but a revenue threshold
    assert f"{MONTHLY}:758-760" in k["text"] and "在算力补贴方面，最高 60%" in k["title"]

    [c] = curated(compute)
    assert "60% · 上限50万元" in c["text"]
    assert "官方文件的二手摘要" in c["text"]
    assert c["links"] == ["https://www.wuhan.gov.cn/gwfbpt/xzq/wcq_79704/qzf/202605/t20260507_2761541.shtml"]
    assert "算力费用最高按60%补贴，单个企业每年最高50万元" in c["title"]

    [rd] = corpus(m.cell("model_rd", "420106"))
    assert "30% · 上限100万元" in rd["text"] and f"{MONTHLY}:758-760" in rd["text"]
    assert "按成本 30% 补助，最高 100 万" in rd["title"]


def test_curated_data_is_explained_above_the_matrix(open_page):
    at = open_page("ai")
    order = [(type(el).__name__, str(getattr(el, "value", ""))) for el in at.main]
    explained = next(i for i, (kind, text) in enumerate(order)
                     if kind == "Info" and "不是从语料中抽取的" in text and "可信度如何评定" in text
                     and "官方文件的二手摘要" in text)
    drawn = next(i for i, (kind, text) in enumerate(order) if kind == "Html" and "ai-matrix" in text)
    assert explained < drawn


def test_disagreement_is_marked_on_both_sides(open_page):
    m = matrix(open_page("ai"))
    compute = m.cell("compute", "420106")
    [k], [c] = corpus(compute), curated(compute)
    assert "整理数据读数不同" in k["text"] and f"[{c['ref']}]" in k["text"]
    assert "与语料读数不同" in c["text"] and f"[{k['ref']}]" in c["text"]
    # model R&D: the tracker states the cap but not the rate → partly agrees, both kept
    [rd_c] = curated(m.cell("model_rd", "420106"))
    assert "部分一致" in rd_c["text"] and "上限100万元" in rd_c["text"]


def test_differences_table_lists_both_readings(open_page):
    at = open_page("ai")
    diff = table(at, "地区")
    wuchang = diff[(diff["地区"] == "武昌区") & (diff["措施"] == "算力补贴")].iloc[0]
    assert "⚠" in wuchang["对照结果"]
    assert wuchang["语料原文"] == "在算力补贴方面，最高 60%，单企业年营收≤50 万"
    assert wuchang["整理原文"] == "算力费用最高按60%补贴，单个企业每年最高50万元"
    assert f"{MONTHLY}:758-760" in wuchang["来源"] and "wuhan.gov.cn" in wuchang["来源"]


def test_hubei_reference_column(open_page, q):
    at = open_page("ai", compare="420106")
    m = matrix(at)
    assert list(m.headers)[:2] == ["420000", "420100"]     # always shown at the left
    assert "参照" in m.headers["420000"] and "参照" in m.headers["420100"]

    [k] = corpus(m.cell("compute", "420000"))
    assert "上限10万元" in k["text"]                       # 最高 10 万元算力券
    assert f"{MONTHLY}:744-748" in k["text"] and "条款在第748行" in k["title"]
    assert "最高 10 万元算力券" in k["title"]

    hubei_curated = q("SELECT count(*) AS n FROM curated_terms WHERE region_code = '420000'")[0]["n"]
    shown = sum(len(curated(entries)) for (_, region), entries in m.cells.items() if region == "420000")
    assert shown == hubei_curated > 0
    tracker = [e for e in curated(m.cell("compute", "420000")) if "官方文件的二手摘要" in e["text"]]
    assert tracker and "上限10万元" in tracker[0]["text"] and "与语料一致" in tracker[0]["text"]


def test_east_lake_model_rd_cap_with_source(open_page, q):
    at = open_page("ai", compare="420190")
    m = matrix(at)
    assert list(m.headers) == ["420000", "420100", "420190"]
    rows = q("SELECT source_url FROM curated_terms WHERE region_code = '420190' AND measure = 'model_rd' "
             "AND cap_wan = 5000 ORDER BY source_url")
    assert rows
    cells = [e for e in curated(m.cell("model_rd", "420190")) if "上限5000万元" in e["text"]]
    assert sorted(link for e in cells for link in e["links"]) == [r["source_url"] for r in rows]
    assert any("www.wehdz.gov.cn" in e["text"] for e in cells)


def test_best_term_of_the_compute_row(open_page):
    m = matrix(open_page("ai"))
    row = [(region, e) for (measure, region), entries in m.cells.items() if measure == "compute" for e in entries]
    best = [(region, e) for region, e in row if "best" in e["classes"]]
    # highest rate 60% (武昌区: corpus, tracker and register WH-D-001); the tie goes to the higher cap, 50 万元, which
    # the tracker and the register both state: both are best (ties stay tied), the corpus clause (no cap) is not
    assert sorted((region, e["classes"][1]) for region, e in best) == [("420106", "curated"), ("420106", "register")]
    for _, e in best:
        assert "★ 最优" in e["text"] and "60% · 上限50万元" in e["text"]
    at = open_page("ai")
    assert any("比例最高" in c.value and "上限" in c.value for c in at.caption)   # the rule is stated


def test_bogus_compare_gives_the_notice(open_page):
    at = open_page("ai", compare="bogus")
    assert at.warning, "expected a visible notice"
    assert "compare" in at.code[0].value and "bogus" in at.code[0].value
    assert list(matrix(at).headers) == ["420000", "420100", "420106", "420190", "420104", "420105"]


def test_english_labels(open_page):
    at = open_page("ai", lang="en")
    assert at.title[0].value == "District AI terms"
    m = matrix(at)
    assert m.row_labels["compute"] == "Compute subsidy"
    assert m.row_labels["model_rd"] == "Model R&D subsidy"
    assert m.headers["420106"].startswith("Wuchang District")
    [c] = curated(m.cell("compute", "420106"))
    assert "60% · cap ¥500k" in c["text"]


def test_every_curated_cell_has_source_url_and_trust(open_page, q):
    codes = [r["code"] for r in q("SELECT DISTINCT region_code AS code FROM curated_terms "
                                   "WHERE region_code NOT IN ('420000', '420100') ORDER BY 1")]
    at = open_page("ai", compare="~".join(codes))
    m = matrix(at)
    trusts = {r["trust"] for r in q("SELECT DISTINCT trust FROM curated_terms")}
    entries = [e for cell in m.cells.values() for e in curated(cell)]
    assert len(entries) == q("SELECT count(*) AS n FROM curated_terms")[0]["n"]
    for e in entries:
        assert e["links"] and all(link.startswith(("http://", "https://")) for link in e["links"]), e
        # the mark in words, as the other pages show it (中高, 官方文件的二手摘要), never the code
        assert e["trust"] in trusts and TEXT[f"trust.{e['trust']}"][0] in e["text"] and e["trust"] not in e["text"], e
    detail = table(at, "#")
    cur = detail[detail["数据类型"] == "人工整理"]
    assert cur["来源链接"].notna().all() and (cur["来源链接"].str.len() > 0).all()
    assert cur["可信度"].notna().all() and set(cur["可信度"]) <= {TEXT[f"trust.{t}"][0] for t in trusts}
    assert (detail["来源"].str.len() > 0).all()          # every row of the long table has its source


def test_statement_rows_and_long_table(open_page):
    at = open_page("ai", compare="420106")
    m = matrix(at)
    [talent] = corpus(m.cell("talent", "420106"))
    assert "未给出数值" in talent["text"] and "武昌英才" in talent["title"]
    detail = table(at, "#")
    assert list(detail.columns)[:9] == ["#", "地区", "措施", "数值类型", "数值", "单位", "条件", "原文", "来源"]
    wuchang = detail[detail["地区"] == "武昌区"]
    assert set(wuchang["数据类型"]) == {"语料摘录", "人工整理", "登记表"}
    assert {"csv.ai_terms", "xlsx.ai_terms"} <= {b.key for b in at.get("download_button")}


def test_rows_parameter_and_empty_selection(open_page):
    at = open_page("ai", rows="compute~model_rd")
    assert matrix(at).rows == ["compute", "model_rd"]
    at.multiselect(key="w.compare").set_value([]).run()
    assert not at.exception
    assert list(matrix(at).headers) == ["420000", "420100"]
    assert any("尚未选择对比地区" in i.value for i in at.info)


def entry_frame(long: pd.DataFrame) -> pd.DataFrame:
    """Hand-made rows as ai/compared_entries returns them (one entry per row; a cap row)."""
    return long.assign(ref=range(1, len(long) + 1), rate=float("nan"), rate_max=float("nan"), cap=long.value,
                       amount=float("nan"), rate_ok=False, cap_ok=False, standing="in_force",
                       others=[[] for _ in range(len(long))], thresholds=[[] for _ in range(len(long))],
                       conditions=[[c] for c in long.condition], lines="", best=False, cell_rank=1, cell_n=1,
                       region_n=len(long))


def test_matrix_escapes_data():
    """Quotes, conditions and URLs come from data: markup in them is shown as text, and only http(s) links."""
    long = pd.DataFrame([{
        "origin": "curated", "entry_id": "c:x", "region_code": "420106", "measure": "compute",
        "measure_printed": "<b>m</b>", "value_kind": "cap", "value": 5.0, "value_max": None, "unit": "万元",
        "number_printed": None, "comparator": None, "basis": None, "beneficiary": None,
        "condition": "<img src=x onerror=alert(1)>", "quote": '"><script>alert(1)</script>',
        "source": "javascript:alert(1)", "line_start": None, "line_end": None, "source_url": "javascript:alert(1)",
        "source_title": "<i>t</i>", "trust": "<u>low</u>", "dataset": "d", "policy_id": None,
        "policy_title": "p", "doc_number": None, "issue_date": None}])
    frame = charts_ai.mark_agreement(charts_ai.prepare(entry_frame(long)))
    markup = charts_ai.matrix_html(frame, ["420106"], [], ["compute"], {"420106": "<武昌区>"},
                                   {"compute": "算力补贴"}, lambda k: k, "zh")
    body = markup.split("</style>", 1)[1]
    for bad in ("<script", "<img", "<b>", "<i>", "<u>", "<武昌区>", 'href="javascript'):
        assert bad not in body
    assert "&lt;script&gt;" in body and "&lt;武昌区&gt;" in body


# In the browser -------------------------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("case, path, columns", [
    ("default", "/ai", ["湖北省", "武汉市", "武昌区", "东湖新技术开发区", "硚口区", "汉阳区"]),
    ("wuchang-hanyang", "/ai?compare=420106~420105", ["湖北省", "武汉市", "武昌区", "汉阳区"]),
])
def test_browser_matrix_is_visible(browse, case, path, columns):
    page = browse(path, wait_text="区级AI政策对比")
    table_el = page.locator("table.ai-matrix")
    table_el.wait_for(state="visible", timeout=30000)
    box = table_el.bounding_box()
    assert box and box["width"] > 600 and box["height"] > 300
    headers = [h.split("\n")[0].strip() for h in page.locator("table.ai-matrix thead th[data-region]").all_inner_texts()]
    assert headers == columns
    assert page.locator("table.ai-matrix .ai-e.best").count() >= 1
    assert page.locator("table.ai-matrix .ai-e.curated a[href^='http']").count() >= 1
    table_el.evaluate("e => e.scrollIntoView()")                 # the matrix's head at the top of the shot
    page.wait_for_timeout(300)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"ai-{case}.png"))


# The one rule for ★ 最优 and the map --------------------------------------------------------------------------

def entries_of(con, regions, measures=None):
    sql = (Path(__file__).resolve().parents[1] / "queries" / "ai" / "compared_entries.sql").read_text(encoding="utf-8")
    return con.execute(sql, {"regions": regions, "measures": measures, "per_cell": 1000}).df()


def test_best_goes_only_to_a_current_firm_facing_incentive_from_a_trusted_source(con):
    """Real register and curated rows: 汉阳区's low-trust repost (WH-D-004: 8 % R&D top-up, 100 万元) and the
    superseded 2023 东湖 software measures (WH-Z-010: 10 %, 500 万元) are listed, marked, and never best; the share of
    a top-talent grant advanced as start-up funds (WH-Z-012: 20 %) is a budget share, listed as printed."""
    frame = entries_of(con, ["420000", "420100", "420105", "420190"])
    by_source = {s: r for s, r in zip(frame.source, frame.itertuples())}
    hanyang = by_source["curated/wuhan_register_terms.csv:13"]
    assert (hanyang.origin, hanyang.rate, hanyang.cap, hanyang.trust) == ("register", 8.0, 100.0, "low")
    assert not hanyang.rate_ok and not hanyang.cap_ok and not hanyang.best
    software = by_source["curated/wuhan_register_terms.csv:30"]
    assert (software.standing, software.rate_ok, software.cap_ok, software.best) == ("superseded", False, False, False)
    share = by_source["curated/wuhan_register_terms.csv:38"]
    assert share.rate != share.rate and list(share.others) == ["20%"] and not share.best   # NaN: not a rate
    # whatever wins a row is a current firm-facing incentive from a source not marked low trust
    for e in frame[frame.best].itertuples():
        assert e.rate_ok or e.cap_ok, e
        assert e.trust != "low" and e.standing in ("in_force", "unknown"), e
    # model R&D: 东湖's 30 % of R&D spending up to 5000 万元 (register WH-Z-011 and the tracker) is the row's best
    best = frame[frame.best & (frame.measure == "model_rd")]
    assert set(best.origin) == {"register", "curated"} and set(best.rate) == {30.0} and set(best.cap) == {5000.0}


def test_register_entries_in_the_matrix_with_trust_link_and_line(open_page):
    """硚口区 (WH-D-002): the register's compute vouchers, 50 % up to 20 万元, beside the tracker's row."""
    m = matrix(open_page("ai", compare="420104"))
    [r] = [e for e in m.cell("compute", "420104") if "register" in e["classes"]]
    assert "50% · 上限20万元" in r["text"] and "登记表" in r["text"] and "中高" in r["text"]
    assert "curated/wuhan_register_terms.csv:7" in r["text"] and r["trust"] == "medium-high"
    assert r["links"] and r["links"][0].startswith("https://")


def test_best_rule_is_stated_on_the_page_in_both_languages(open_page):
    zh = " ".join(c.value for c in open_page("ai").caption)
    for words in ("现行", "企业可直接获得", "低可信度", "征求意见稿", "贷款额度", "股权投资", "资金（基金）规模", "地图"):
        assert words in zh, words
    en = " ".join(c.value for c in open_page("ai", lang="en").caption)
    for words in ("current incentive", "low trust", "draft", "loan ceilings", "equity investments", "fund sizes",
                  "The map's best rate"):
        assert words in en, words


def test_compared_rows_carry_kind_standing_and_best_ok(q, con):
    sql = (Path(__file__).resolve().parents[1] / "queries" / "ai" / "compared_terms.sql").read_text(encoding="utf-8")
    rows = con.execute(sql, {"regions": ["420000", "420100", "420106", "420104", "420190"], "measures": None,
                             "limit": 100000, "offset": 0}).df()
    assert set(rows.origin) == {"corpus", "register", "curated"} and rows.total.iloc[0] == len(rows)
    assert rows.term_kind.notna().all() and rows.standing.notna().all()
    ok = rows[rows.best_ok]
    assert len(ok) and set(ok.term_kind) <= {"incentive_rate", "incentive_amount", "incentive_cap"}
    assert not ok.trust.eq("low").any() and set(ok.standing) <= {"in_force", "unknown"}


def test_map_shows_curated_district_terms_marked_as_curated(open_page):
    """硚口区 and 东湖高新区 have no corpus policy, but curated compute / model terms: the map's measure metrics
    show them (not 未发现政策), and the hover says they are curated."""
    at = open_page("map", metric="best_rate", measure="compute")
    fig = __import__("json").loads(at.get("plotly_chart")[0].proto.spec)
    [scale] = [d for d in fig["data"] if d.get("geo", "geo") == "geo" and d["type"] == "choropleth"
               and d.get("coloraxis")]
    values = dict(zip(scale["locations"], _arr(scale["z"])))
    assert values["420104"] == 50.0 and values["420106"] == 60.0
    texts = [t for d in fig["data"] for key in ("hovertext", "text", "customdata")
             for t in (d.get(key) or []) if isinstance(t, str) or isinstance(t, list)]
    flat = [" ".join(map(str, t)) if isinstance(t, list) else t for t in texts]
    assert any("硚口区" in t and "〔登记表〕 中高" in t for t in flat)     # WH-D-002, tied with the tracker's 50 %
    at = open_page("map", metric="max_cap")
    assert "420190" in str(at.get("plotly_chart")[0].proto.spec)
    table = next(d.value for d in at.dataframe if "最高补贴上限（万元）" in d.value.columns and "代码" in d.value.columns
                 and "功能区" not in d.value.columns)
    assert table.set_index("代码").loc["420104", "最高补贴上限（万元）"] == "100"
    zones = next(d.value for d in at.dataframe if "功能区" in d.value.columns)
    assert zones.set_index("代码").loc["420190"].iloc[1] == "10,000 万元"    # WH-Z-012's top-talent grant


def _arr(a):
    import base64
    import numpy as np
    if isinstance(a, dict):
        return np.frombuffer(base64.b64decode(a["bdata"]), dtype=a["dtype"]).tolist()
    return list(a)
