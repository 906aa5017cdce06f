"""The image buttons under a chart name their files without building the view (it is built when one is clicked):
the names and slides they offer are those of the views the click builds."""
import pytest

from tests.conftest import run_page


@pytest.mark.parametrize("link", ["/ai", "/ai?rows=compute~model_rd", "/map?layer=hubei&metric=max_cap",
                                  "/trends?gran=quarter&topic=digital"])
def test_the_buttons_name_the_views_a_click_builds(app_env, link):
    from dashboard import chart_views
    page, values, _ = chart_views.parse_link(link)
    views = chart_views.views(page, values, "zh", "")
    if page == "ai":
        rows = len(views[0].table) + sum(len(v.table) for v in views[1:])
        assert chart_views.ai_slides(values, "zh", rows) == [(v.chart, v.title, v.stem) for v in views]
    else:
        for v in views:
            assert chart_views.file_stem(page, v.chart, chart_views.encoded(page, values)) == v.stem


def test_a_long_matrix_offers_each_slide(app_env):
    from dashboard import charts_ai
    at = run_page("ai")
    keys = [b.key for b in at.get("download_button") if (b.key or "").startswith("img.")]
    slides = sorted({k.split(".")[1] for k in keys})
    assert len(slides) >= 2, "the corpus's matrix has more measures than one slide holds"
    assert slides[0] == "ai_matrix" and len(keys) == 3 * len(slides)
    matrix_rows = len(at.dataframe[0].value)        # the matrix's table (under its expander): one row per measure
    assert len(slides) == -(-matrix_rows // charts_ai.SLIDE_ROWS)
