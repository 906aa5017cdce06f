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
