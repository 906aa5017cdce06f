"""The app in headless Chromium, opened from shared links, with no network beyond 127.0.0.1."""
import pytest

pytestmark = pytest.mark.browser
SHOTS = "artifacts/screenshots"


def test_overview_from_a_shared_link(browse):
    page = browse("/?level=district&lang=en", wait_text="Overview")
    page.screenshot(path=f"{SHOTS}/overview-district-en.png", full_page=True)
    page.locator("li", has_text="武昌区关于支持人工智能产业发展的若干措施").wait_for(timeout=15000)  # what changed recently
    assert "level=district" in page.url and "lang=en" in page.url


def test_choosing_a_region_writes_its_code_into_the_url(browse):
    page = browse("/", wait_text="总览")
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.locator("[data-testid='stSelectbox']").first.click()   # 地区, the sidebar's only selectbox
    page.keyboard.type("武昌区")
    page.keyboard.press("Enter")
    page.wait_for_url("**region=420106**", timeout=15000)
    page.get_by_text("覆盖地区").first.wait_for()
    page.screenshot(path=f"{SHOTS}/overview-region-picked.png")
    assert "region=420106" in page.url


def test_page_links_carry_the_filters(browse):
    page = browse("/?topic=tax&region=420700", wait_text="总览")
    page.locator("[data-testid='stSidebar']").get_by_text("发文趋势").click()
    page.wait_for_url("**/trends?**", timeout=15000)
    assert "topic=tax" in page.url and "region=420700" in page.url


def test_sources_page(browse):
    page = browse("/sources", wait_text="数据来源")
    page.get_by_text("各文件中找到的内容").wait_for(timeout=15000)
    page.locator("[data-testid='stDataFrame']").first.wait_for(timeout=15000)
    page.screenshot(path=f"{SHOTS}/sources.png", full_page=True)


def test_hostile_link_shows_a_notice_not_a_crash(browse):
    page = browse("/?region=%3Cscript%3Ealert(1)%3C/script%3E&years=0..9999", wait_text="以下链接参数无效")
    page.screenshot(path=f"{SHOTS}/overview-hostile.png")
    page.locator("[data-testid='stMetric']").first.wait_for(timeout=15000)  # the page rendered anyway


def test_adding_a_document_previews_it_in_chinese(browse, tmp_path):
    from tests.documents import DOCUMENTS, WRITERS
    page = browse("/add", wait_text="添加文件")
    dropzone = page.locator("[data-testid='stFileUploaderDropzone']")
    button_word = dropzone.locator("button p").evaluate("p => getComputedStyle(p, '::after').content")
    assert "选择文件" in button_word          # Streamlit's own "Upload" is replaced in the Chinese interface
    pdf = WRITERS["pdf"](DOCUMENTS["district_notice"], tmp_path / "洪山区数字化措施.pdf")
    memo = tmp_path / "memo.txt"
    memo.write_text("会议纪要\n今天天气很好，大家讨论了午餐安排。\n", encoding="utf-8")
    page.locator("input[type=file]").set_input_files([str(pdf), str(memo)])
    page.get_by_text("预览（尚未添加）").wait_for(timeout=120000)   # a real build of the corpus with the files
    page.locator("[data-testid='stDataFrame']").first.wait_for(timeout=30000)
    page.screenshot(path=f"{SHOTS}/add-preview.png", full_page=True)
    body = page.locator("[data-testid='stMain']").inner_text()
    assert "洪山区数字化措施.pdf → data/raw/" in body and "1 条政策" in body
    assert "memo.txt：未识别出政策" in body
    assert "policies found" not in body.split("英文处理记录")[0]   # the English log only behind its expander


def test_a_chart_image_is_drawn_when_its_button_is_clicked(browse, tmp_path):
    """The image buttons build their view only on a click (a rerun does not draw the chart twice): the file is
    still the open view's chart, named for its filters, as a PNG at 2× the slide size."""
    from PIL import Image
    page = browse("/trends?gran=quarter&topic=digital", wait_text="发文趋势")
    with page.expect_download(timeout=120000) as download:      # the first image starts kaleido's Chromium
        page.get_by_role("button", name="PNG（2倍）").first.click()
    assert download.value.suggested_filename == "trends_gran-quarter_topic-digital@2x.png"
    path = tmp_path / "chart.png"
    download.value.save_as(path)
    assert Image.open(path).size == (3200, 1800)
