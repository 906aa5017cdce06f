"""A meeting pack as PowerPoint (python-pptx): a title slide, one 16:9 slide per chart, a closing slide of sources.

Each chart slide has the view's title, its filters in words, the chart, its sources and coverage, and the link.
Bar and line charts are native PowerPoint charts (`add_chart` with the data embedded: editable in PowerPoint);
the AI matrix is a native table; a map is the server-rendered PNG (PowerPoint has no choropleth).

Chinese text needs an East Asian font: python-pptx's `font.name` sets only the Latin face (`a:latin`), so every
run and every chart's text properties also get `<a:ea typeface="Noto Sans CJK SC"/>`.
"""
from __future__ import annotations

import io
from datetime import date

from lxml import etree
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.enum.text import MSO_ANCHOR
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from dashboard.chart_views import ChartView, short_link, tx

FONT = "Noto Sans CJK SC"
WIDTH, HEIGHT = Inches(13.333), Inches(7.5)      # 16:9
MARGIN = Inches(0.5)
GREY = RGBColor(0x47, 0x54, 0x67)
DARK = RGBColor(0x17, 0x20, 0x2A)
CHART_TYPES = {"stacked": XL_CHART_TYPE.COLUMN_STACKED, "percent": XL_CHART_TYPE.COLUMN_STACKED_100,
               "line": XL_CHART_TYPE.LINE_MARKERS, "bar_h": XL_CHART_TYPE.BAR_CLUSTERED}


def east_asian(rPr, typeface: str = FONT) -> None:
    """Give a run's (or a text default's) properties an `a:ea` face beside `a:latin`, in schema order."""
    latin = rPr.find(qn("a:latin"))
    if latin is None:
        latin = rPr.get_or_add_latin() if hasattr(rPr, "get_or_add_latin") else etree.SubElement(rPr, qn("a:latin"))
        latin.set("typeface", typeface)
    ea = rPr.find(qn("a:ea"))
    if ea is None:
        ea = etree.Element(qn("a:ea"))
        latin.addnext(ea)
    ea.set("typeface", typeface)


def _text(frame, lines, size: int, color=DARK, bold: bool = False, link: str | None = None) -> None:
    """Fill a text frame with paragraphs, each run in the CJK font."""
    frame.word_wrap = True
    for i, line in enumerate([lines] if isinstance(lines, str) else lines):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = p.add_run()
        run.text = line
        run.font.size, run.font.bold, run.font.name = Pt(size), bold, FONT
        run.font.color.rgb = color
        east_asian(run.font._rPr)
        if link:
            run.hyperlink.address = link


def _box(slide, left, top, width, height, lines, size, **kwargs):
    shape = slide.shapes.add_textbox(left, top, width, height)
    _text(shape.text_frame, lines, size, **kwargs)
    return shape


def _chart_fonts(chart, size: int = 12) -> None:
    """The chart's default text (axes, legend, labels) in the CJK font, Latin and East Asian faces both."""
    chart.font.size, chart.font.name = Pt(size), FONT
    for rPr in chart._chartSpace.iter(qn("a:defRPr")):
        east_asian(rPr)


def _every_label(chart) -> None:
    """Label every category (viewers otherwise skip every other region or period when space is short)."""
    ax = chart.category_axis._element
    skip = ax.find(qn("c:tickLblSkip"))
    if skip is None:
        skip = etree.Element(qn("c:tickLblSkip"))
        after = ax.find(qn("c:noMultiLvlLbl"))
        if after is not None:
            after.addprevious(skip)
        else:
            ax.append(skip)
    skip.set("val", "1")


def _native_chart(slide, view: ChartView, left, top, width, height):
    data = CategoryChartData()
    data.categories = view.categories
    for s in view.series:
        data.add_series(s.name, s.values)
    shape = slide.shapes.add_chart(CHART_TYPES[view.kind], left, top, width, height, data)
    chart = shape.chart
    chart.has_title = False                                # the slide's title says it
    chart.value_axis.minimum_scale = 0                     # bars from zero, never from the smallest value
    chart.has_legend = len(view.series) > 1
    if chart.has_legend:
        chart.legend.position, chart.legend.include_in_layout = XL_LEGEND_POSITION.RIGHT, False
    for plot_series, s in zip(chart.plots[0].series, view.series):
        if not s.color:
            continue
        rgb = RGBColor.from_string(s.color.lstrip("#"))
        if view.kind == "line":
            plot_series.format.line.color.rgb = rgb
            plot_series.smooth = False
        else:
            plot_series.format.fill.solid()
            plot_series.format.fill.fore_color.rgb = rgb
    if view.kind in ("stacked", "percent"):
        chart.plots[0].gap_width = 40
    _every_label(chart)
    if view.kind == "bar_h":
        chart.category_axis.reverse_order = True          # largest first, at the top (as on the page)
        plot = chart.plots[0]
        plot.has_data_labels = True
        plot.data_labels.number_format, plot.data_labels.number_format_is_linked = "#,##0.##", False
        plot.series[0].format.fill.solid()
        plot.series[0].format.fill.fore_color.rgb = RGBColor(0xD7, 0x30, 0x27)
        for point, label in zip(plot.series[0].points, view.series[0].labels or []):
            _text(point.data_label.text_frame, label, 10, color=DARK)   # blank is not zero: 未发现政策, not 0
    _chart_fonts(chart, 10 if len(view.categories) > 12 else 12)
    return shape


def _native_table(slide, view: ChartView, left, top, width, height):
    table = view.table
    shape = slide.shapes.add_table(len(table) + 1, len(table.columns), left, top, width, height)
    grid = shape.table
    grid.rows[0].height = Inches(0.4)
    first = Emu(int(width * 0.11))
    grid.columns[0].width = first
    for j in range(1, len(table.columns)):
        grid.columns[j].width = Emu(int((width - first) / (len(table.columns) - 1)))
    lines = max(str(v).count("\n") + 1 for v in table.to_numpy().ravel())
    size = 9 if lines > 3 or len(table.columns) > 6 else 10
    for j, name in enumerate(table.columns):
        _text(grid.cell(0, j).text_frame, str(name), size + 1, bold=True)
    for i, row in enumerate(table.itertuples(index=False), 1):
        grid.rows[i].height = Emu(int((height - Inches(0.4)) / len(table)))
        for j, value in enumerate(row):
            cell = grid.cell(i, j)
            cell.vertical_anchor = MSO_ANCHOR.TOP
            cell.margin_top = cell.margin_bottom = Inches(0.03)
            cell.margin_left = cell.margin_right = Inches(0.05)
            _text(cell.text_frame, str(value).split("\n"), size, bold=j == 0)
            if "★" in str(value):
                cell.fill.solid()
                cell.fill.fore_color.rgb = RGBColor(0xFD, 0xEB, 0xD0)
    return shape


def _chart_slide(prs, view: ChartView, image: bytes | None, lang: str) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[6])          # blank
    inner = WIDTH - 2 * MARGIN
    _box(slide, MARGIN, Inches(0.3), inner, Inches(0.7), view.title, 26 if len(view.title) <= 30 else 20,
         bold=True).name = "title"
    _box(slide, MARGIN, Inches(0.95), inner, Inches(0.4), view.filters, 15, color=GREY).name = "filters"
    top, height = Inches(1.45), Inches(5.05)
    if view.kind == "map":
        if image is None:
            raise ValueError(f"{view.stem}: a map slide needs its rendered image")
        pic = slide.shapes.add_picture(io.BytesIO(image), MARGIN, top, height=height)
        pic.left = int((WIDTH - pic.width) / 2)
        pic.name = "map"
    elif view.kind == "table":
        _native_table(slide, view, MARGIN, top, inner, height).name = "table"
    else:
        _native_chart(slide, view, MARGIN, top, inner, height).name = "chart"
    _box(slide, MARGIN, Inches(6.6), inner, Inches(0.35), " · ".join(view.sources + [view.coverage]), 11,
         color=GREY).name = "sources"
    if view.link:
        _box(slide, MARGIN, Inches(6.95), inner, Inches(0.35), tx("pack.link", lang).format(
            link=short_link(view.link)), 11, color=GREY, link=view.link).name = "link"


def build_pptx(title: str, views: list[ChartView], lang: str, map_image=None, today: date | None = None) -> bytes:
    """The pack as .pptx bytes. map_image(view) → PNG bytes of a map view (images.render, bare: the slide says title and sources)."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    inner = WIDTH - 2 * MARGIN
    opening = prs.slides.add_slide(prs.slide_layouts[6])
    _box(opening, MARGIN, Inches(2.3), inner, Inches(1.2), title, 40, bold=True).name = "title"
    made = tx("pack.made", lang).format(day=(today or date.today()).isoformat())
    _box(opening, MARGIN, Inches(3.5), inner, Inches(0.5), f"{tx('pack.views', lang).format(n=len(views))} · {made}",
         18, color=GREY).name = "subtitle"
    _box(opening, MARGIN, Inches(4.2), inner, Inches(2.8), [f"{i}. {v.title}" for i, v in enumerate(views, 1)],
         14, color=GREY).name = "contents"
    for view in views:
        _chart_slide(prs, view, map_image(view) if view.kind == "map" and map_image else None, lang)
    closing = prs.slides.add_slide(prs.slide_layouts[6])
    _box(closing, MARGIN, Inches(0.4), inner, Inches(0.7), tx("pack.sources", lang), 28, bold=True).name = "title"
    sources = every_source(views)
    _box(closing, MARGIN, Inches(1.2), inner, Inches(6.0), sources, 12 if len(sources) <= 24 else 9,
         color=DARK).name = "sources"
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def every_source(views: list[ChartView]) -> list[str]:
    """Every source of the pack once, in order of first use, then every view's link."""
    refs = list(dict.fromkeys(r for v in views for r in v.references))
    links = list(dict.fromkeys(short_link(v.link) for v in views if v.link))
    return refs + links
