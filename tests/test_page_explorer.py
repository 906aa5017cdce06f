"""政策检索 Policy explorer: search, facets, the results table, the detail view; AppTest on the real database."""
from pathlib import Path

import pandas as pd
import pytest

from dashboard import db
from tests.conftest import policy_by_title, run_page

SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"
WUCHANG = "武昌区关于支持人工智能产业发展的若干措施"
TIEXI = ["应对疫情纾困专项贴息政策", "防疫重点企业专项金融信贷贴息政策"]


def table(at, column: str) -> pd.DataFrame:
    """The first table on the page that has this column (results: 主题, terms: 措施, provenance: 原文标题, relations: 关系)."""
    for frame in at.dataframe:
        if column in frame.value.columns:
            return frame.value
    raise AssertionError(f"no table with a {column!r} column; tables: {[list(f.value.columns) for f in at.dataframe]}")


def html_blocks(at) -> list[str]:
    return [m.value for m in at.markdown if m.proto.allow_html]


def detail_heading(at) -> str | None:
    return next((s.value for s in at.subheader if s.value.startswith(("政策详情", "Policy details"))), None)


# Search -----------------------------------------------------------------------------

def test_tiexi_ranks_the_two_ezhou_interest_subsidies_first(open_page):
    at = open_page("explorer", q="贴息")
    results = table(at, "主题")
    assert set(TIEXI) <= set(results["标题"].head(3)), list(results["标题"].head(5))
    assert at.subheader[0].value == "「贴息」的检索结果"
    # every result carries its sources
    assert results["来源"].str.contains(r"\.txt:\d+-\d+").all()


def test_compute_subsidy_finds_the_wuchang_ai_measures(open_page):
    at = open_page("explorer", q="算力补贴")
    results = table(at, "主题")
    assert results["标题"].iloc[0] == WUCHANG
    assert results["地区"].iloc[0] == "武昌区"


def test_level_filter_keeps_only_national_policies(open_page, q):
    at = open_page("explorer", q="专精特新", level="national")
    results = table(at, "主题")
    assert len(results) > 5
    assert set(results["层级"]) == {"国家"}
    everything = table(open_page("explorer", q="专精特新"), "主题")
    assert len(everything) >= len(results)
    # the facet line counts exactly the matched policies
    facets = next(m.value for m in at.markdown if m.value.startswith("**层级**"))
    assert f"国家 **{len(results)}**" in facets


def test_issuer_facet_narrows_to_one_policy_with_counted_options(open_page):
    at = open_page("explorer", issuer="武昌区人民政府")
    results = table(at, "主题")
    assert list(results["标题"]) == [WUCHANG]
    issuer = at.selectbox(key="w.issuer")
    assert issuer.value == "武昌区人民政府"
    assert issuer.format_func("武昌区人民政府") == "武昌区人民政府（1）"
    assert issuer.format_func("财政部").startswith("财政部（")


def test_empty_query_lists_every_policy_newest_first(open_page, q):
    at = open_page("explorer")
    results = table(at, "主题")
    assert len(results) == q("SELECT count(*) AS n FROM policies")[0]["n"]
    newest = q("SELECT title FROM v_policies ORDER BY timeline_date DESC NULLS LAST, title LIMIT 1")[0]["title"]
    assert results["标题"].iloc[0] == newest


# Detail --------------------------------------------------------------------------------

def test_wuchang_detail_terms_provenance_and_highlights(open_page, q):
    pid = policy_by_title(q, WUCHANG)["policy_id"]
    at = open_page("explorer", q="算力补贴", policy=pid)
    assert detail_heading(at) == f"政策详情：{WUCHANG}"
    fields = next(m.value for m in at.markdown if m.value.startswith("- **标题**"))
    assert "**发文机关**：武昌区人民政府" in fields
    assert "2026\\-05\\-07（精确到日）" in fields
    assert "年份取自简报的出版日期" in fields           # the date note, in Chinese
    assert "数字化与人工智能（主要）" in fields and "算力" in fields  # topics with evidence

    terms = table(at, "措施")
    rate = terms[(terms["数值"] == "30") & (terms["单位"] == "%")]
    cap = terms[(terms["数值"] == "100") & (terms["单位"] == "万元")]
    assert len(rate) == 1 and len(cap) == 1
    assert cap["比较"].iloc[0] == "≤"
    assert "按成本 30% 补助，最高 100 万" in rate["原文"].iloc[0]
    assert rate["来源"].iloc[0] == "000_a52cd0f27d184548.txt:760-760"

    prov = table(at, "原文标题")
    rows = {(r["类型"], r["行"]) for _, r in prov.iterrows() if r["文件"] == "000_a52cd0f27d184548.txt"}
    assert rows == {("目录条目", "93"), ("摘要", "758-760")}
    # and the register's row and the tracker's summaries of the same policy, with their trust
    assert set(prov["文件"]) == {"000_a52cd0f27d184548.txt", "curated/wuhan_policy_register.csv",
                                "curated/peer_ai_terms.csv"}
    assert set(prov[prov["文件"] == "000_a52cd0f27d184548.txt"]["可信度"]) == {"语料原文"}

    text = " ".join(html_blocks(at))
    for number in ("30%", "100 万", "60%", "50 万"):
        assert f">{number}</mark>" in text, number
    assert 'title="大模型研发补助: ≤100万元"' in text
    assert any("5/5 个条款已在原文中标出" in c.value for c in at.caption)


def test_list_entry_shows_the_two_announcements_it_cites(open_page, q):
    entry = policy_by_title(q, "退还增值税增量留抵税额政策")
    at = open_page("explorer", policy=entry["policy_id"])
    relations = table(at, "关系")
    assert len(relations) == 2
    assert set(relations["关系"]) == {"本政策引用"}
    assert set(relations["发文字号"]) == {"国家税务总局公告2020年第4号", "财政部税务总局公告2020年第8号"}
    assert relations["来源"].str.startswith("001_4e805e3482252d69.txt:92").all()
    fields = next(m.value for m in at.markdown if m.value.startswith("- **标题**"))
    for label in ("支持对象", "执行时间", "执行机关", "有效期"):
        assert f"**{label}**" in fields

    # and the cited announcement links back
    cited = q("SELECT to_policy FROM policy_relations WHERE from_policy = $p", p=entry["policy_id"])[0]["to_policy"]
    back = table(open_page("explorer", policy=cited), "关系")
    assert list(back["标题"]) == ["退还增值税增量留抵税额政策"]
    assert list(back["关系"]) == ["引用本政策"]


def test_picking_a_result_in_the_selectbox_opens_it(open_page, q):
    at = open_page("explorer", q="贴息")
    assert detail_heading(at) is None
    target = policy_by_title(q, TIEXI[0])["policy_id"]
    at.selectbox(key="w.policy").select(target).run()
    assert not at.exception
    assert at.query_params["policy"] == [target] or at.query_params["policy"] == target
    assert detail_heading(at) == f"政策详情：{TIEXI[0]}"
    text = " ".join(html_blocks(at))
    assert ">300万元</mark>" in text and ">100%</mark>" in text
    # closing the detail clears the parameter and keeps the search
    next(b for b in at.button if b.label == "关闭详情").click().run()
    assert "policy" not in at.query_params and detail_heading(at) is None
    assert table(at, "主题")["标题"].head(3).isin(TIEXI).sum() == 2


def test_unknown_policy_gives_a_notice(open_page):
    at = open_page("explorer", policy="unknown")
    warnings = [w.value for w in at.warning]
    assert "链接中的政策编号不存在，未打开详情。" in warnings
    assert "policy='unknown'" in at.code[0].value
    assert detail_heading(at) is None
    assert len(table(at, "主题")) > 100   # the page still lists the policies


# Hostile input ---------------------------------------------------------------------------

@pytest.mark.parametrize("hostile", [
    "'; DROP TABLE policies; --",
    "<script>alert(1)</script>",
    "**粗体**[点我](javascript:alert(1))",
    "$\\frac{1}{2}$ &lt;b&gt;",
])
def test_hostile_queries_are_harmless(open_page, q, hostile):
    at = open_page("explorer", q=hostile)
    heading = at.subheader[0].value
    assert "<script>" not in heading and "**" not in heading and "](" not in heading
    assert "\\<script\\>" in heading or "<" not in hostile
    assert at.info[0].value == "没有找到匹配的政策。"
    assert not any("script" in block for block in html_blocks(at))
    assert q("SELECT count(*) AS n FROM policies")[0]["n"] > 100   # the table is still there


def test_overlong_queries_are_capped_or_ignored(open_page):
    at = open_page("explorer", q="贴" * 500)
    assert any(k in at.code[0].value for k in ("q='贴",))
    assert "过长" in at.code[0].value
    assert at.subheader[0].value == "检索结果"            # searched for nothing: every policy
    capped = open_page("explorer", q="贴息" * 50)          # 100 characters: kept, cut to 60
    assert len(capped.text_input(key="w.q").value) == 60
    assert not capped.exception


def test_no_results_suggests_removing_filters(open_page):
    at = open_page("explorer", q="算力补贴", level="national")
    assert at.info[0].value == "没有找到匹配的政策。"
    assert any("层级\\: 国家" in m.value for m in at.markdown)
    next(b for b in at.button if b.label == "清除筛选（保留关键词）").click().run()
    assert dict(at.query_params) in ({"q": "算力补贴"}, {"q": ["算力补贴"]})
    assert table(at, "主题")["标题"].iloc[0] == WUCHANG


def test_english_labels(open_page, q):
    pid = policy_by_title(q, WUCHANG)["policy_id"]
    at = open_page("explorer", lang="en", q="算力补贴", policy=pid)
    assert at.title[0].value == "Policy explorer"
    assert at.subheader[0].value == "Results for “算力补贴”"
    assert list(table(at, "Topic").columns) == ["Title", "Document number", "Issuers", "Level", "Region", "Issued",
                                                 "Status", "Topic", "Evidence", "Trust", "Official page", "Sources"]
    assert table(at, "Topic")["Level"].iloc[0] == "District"
    assert detail_heading(at) == f"Policy details: {WUCHANG}"
    assert set(table(at, "Title as printed")["Kind"]) == {"Contents entry", "Summary", "Register entry", "Curated term"}
    assert "Measure" in table(at, "Measure").columns
    fields = next(m.value for m in at.markdown if m.value.startswith("- **Title**"))
    assert "2026\\-05\\-07 (to the day)" in fields


def test_explorer_queries_declare_their_parameters():
    for path in sorted((db.QUERIES / "explorer").glob("*.sql")):
        sql, declared = db.query_text(f"explorer/{path.stem}")
        assert sql.startswith("-- ") and "Used by" in sql.split("-- params")[0], path.name


# Browser ---------------------------------------------------------------------------------------

@pytest.mark.browser
def test_browser_detail_with_highlighted_terms(browse, q):
    SHOTS.mkdir(parents=True, exist_ok=True)
    pid = policy_by_title(q, TIEXI[0])["policy_id"]
    page = browse(f"/explorer?q=贴息&policy={pid}", wait_text="原文（已标出量化条款）")
    page.wait_for_selector("[data-testid='stDataFrame'] canvas", timeout=30000)
    page.wait_for_timeout(1000)
    page.screenshot(path=str(SHOTS / "explorer-search.png"))
    page.get_by_text("政策详情：应对疫情纾困专项贴息政策").scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    page.screenshot(path=str(SHOTS / "explorer-fields.png"))
    marks = page.locator("mark")
    marks.first.wait_for(timeout=30000)
    assert marks.count() == 7   # the seven numeric terms of the clause-by-clause reading
    assert {marks.nth(i).inner_text() for i in range(marks.count())} >= {"300万元", "500万元", "100%"}
    marks.first.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    page.screenshot(path=str(SHOTS / "explorer-detail.png"))


@pytest.mark.browser
def test_browser_clicking_a_result_row_opens_its_details(browse, q):
    page = browse("/explorer?q=贴息", wait_text="「贴息」的检索结果")
    page.wait_for_selector("[data-testid='stDataFrame'] canvas", timeout=30000)
    page.wait_for_timeout(1000)
    grid = page.locator("[data-testid='stDataFrame']").first.bounding_box()
    page.mouse.click(grid["x"] + 18, grid["y"] + 35 + 17 + 35)   # the row-selection box of the second row
    page.get_by_text("原文（已标出量化条款）").wait_for(timeout=30000)
    ids = {policy_by_title(q, title)["policy_id"]: title for title in TIEXI}   # the first two results
    picked = page.url.split("policy=")[-1]
    assert picked in ids, page.url
    assert page.get_by_text(f"政策详情：{ids[picked]}").count() == 1
    page.wait_for_timeout(500)
    page.screenshot(path=str(SHOTS / "explorer-row-picked.png"))


@pytest.mark.browser
def test_browser_hostile_query_runs_no_script(browse):
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialogs = []
    page = browse("/explorer?q=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E", wait_text="没有找到匹配的政策。")
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.wait_for_timeout(1000)
    assert not dialogs
    assert page.locator("img[src='x']").count() == 0
    assert page.get_by_text("「<img src=x onerror=alert(1)>」的检索结果").count() == 1
    page.screenshot(path=str(SHOTS / "explorer-hostile.png"))


# More matches than listed (a generated database of 600 policies: the list shows 500) ----------------------------

@pytest.fixture(scope="module")
def generated_app(tmp_path_factory):
    """The app pointed at 600 generated policies (benchmarks.generate, through the real loader)."""
    import os

    import duckdb

    from benchmarks import generate
    path = tmp_path_factory.mktemp("gen600") / "gen.duckdb"
    generate.write(600, path, log=lambda *_: None)
    old = os.environ.get("SME_POLICY_DB")
    os.environ["SME_POLICY_DB"] = str(path)
    with duckdb.connect(str(path), read_only=True) as con:
        yield con
    if old is None:
        os.environ.pop("SME_POLICY_DB", None)
    else:
        os.environ["SME_POLICY_DB"] = old


def test_the_breakdown_says_it_is_of_the_listed_rows_when_more_match(generated_app):
    at = run_page("explorer")
    assert not at.exception, [e.value for e in at.exception]
    assert "共 600 条 · 列出前 500 条" in at.caption[0].value
    assert [e.label for e in at.expander if e.label.startswith("结果分布")] == ["结果分布（列出的前 500 条）"]
    # the counts are those of the 500 listed rows
    listed = table(at, "主题")
    facets = next(m.value for m in at.markdown if m.value.startswith("**层级**"))
    top_level, n = listed["层级"].value_counts().index[0], listed["层级"].value_counts().iloc[0]
    assert f"{top_level} **{n}**" in facets


def test_an_issuer_of_unlisted_rows_is_offered_with_its_own_total(generated_app):
    """An issuer in the link who signed none of the 500 listed rows: its option shows how many policies it
    signed (the results of choosing it), not 0."""
    con = generated_app
    newest = con.execute("""SELECT p.policy_id FROM v_policies p JOIN search_docs d USING (doc)
        ORDER BY p.timeline_date DESC NULLS LAST, d.title, doc LIMIT 500""").fetchall()
    listed = {r[0] for r in newest}
    by_issuer = con.execute("SELECT unnest(issuers) AS i, list(policy_id) FROM policies GROUP BY i").fetchall()
    unlisted = [(i, ids) for i, ids in by_issuer if not listed & set(ids)]
    assert unlisted, "every issuer signed a listed row: the generator changed"
    issuer, ids = unlisted[0]
    at = run_page("explorer", issuer=issuer)
    assert not at.exception, [e.value for e in at.exception]
    box = at.selectbox(key="w.issuer")
    assert box.value == issuer
    assert box.format_func(issuer) == f"{issuer}（{len(ids)}）"
    titles = {r[0] for r in con.execute("SELECT title FROM policies WHERE policy_id IN (SELECT unnest($ids))",
                                         dict(ids=ids)).fetchall()}
    assert set(table(at, "主题")["标题"]) == titles and len(table(at, "主题")) == len(ids)


def test_the_breakdown_of_every_match_is_one_click_away_and_in_the_link(generated_app):
    con = generated_app
    at = run_page("explorer", breakdown="all")
    assert not at.exception, [e.value for e in at.exception]
    assert [e.label for e in at.expander if e.label.startswith("结果分布")] == ["结果分布（全部 600 条）"]
    facets = next(m.value for m in at.markdown if m.value.startswith("**层级**"))
    labels = {"national": "国家", "provincial": "省级", "municipal": "市级", "district": "区级"}
    for level, n in con.execute("SELECT level, count(*) FROM policies GROUP BY level").fetchall():
        assert f"{labels[level]} **{n}**" in facets, (level, n, facets)
    # the radio goes back to the listed rows, and the link says so
    at.radio(key="w.breakdown").set_value(None).run()
    assert [e.label for e in at.expander if e.label.startswith("结果分布")] == ["结果分布（列出的前 500 条）"]
    assert "breakdown" not in at.query_params
