"""Charts as files, rendered on the server by kaleido: PNG at 2× and 3×, SVG, and PDF pages for the meeting pack.

kaleido 1.5 drives a Chromium it finds on the machine (Debian's /usr/bin/chromium; BROWSER_PATH overrides). One
kaleido server is started per process (`kaleido.start_sync_server()`), so only the first image pays for the
browser's start (about 10 s on 2 cores) and later ones take about a second. Maps fetch plotly's base topojson
from dashboard/static/ (the copy the app serves), never from the internet. kaleido's and plotly's Chrome
downloaders are never called: a missing browser is an error that says to install chromium.

Every image carries its title, the filters in words (the figure's subtitle), its sources (policy data and, for
maps, the boundaries) and the share link, as a footer under the chart; file names carry the page and filters.
"""
from __future__ import annotations

import copy
import os
import shutil
import threading
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio

from dashboard.chart_views import ChartView, short_link

STATIC = Path(__file__).resolve().parent / "static"
WIDTH, HEIGHT = 1600, 900          # a 16:9 slide at 96 dpi; PNG ×2 = 3200×1800, ×3 = 4800×2700
FOOTER_FONT = 13
MIME = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}
_lock = threading.Lock()
_started = False


def chromium() -> str:
    """The browser kaleido will drive: BROWSER_PATH, or Debian's chromium on PATH."""
    path = os.environ.get("BROWSER_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise RuntimeError("no Chromium for chart images: install Debian's chromium (make test / apt-get install "
                           "chromium) or set BROWSER_PATH")
    return path


def start() -> None:
    """Start the one kaleido server of this process (idempotent) and point maps at the local topojson."""
    global _started
    with _lock:
        if _started:
            return
        os.environ.setdefault("BROWSER_PATH", chromium())
        pio.defaults.topojson = STATIC.as_uri() + "/"      # world_110m.json: no network for go.Choropleth
        import kaleido
        kaleido.start_sync_server(silence_warnings=True)
        _started = True


def export_figure(view: ChartView, width: int = WIDTH, height: int = HEIGHT, bare: bool = False) -> go.Figure:
    """A copy of the view's figure sized for a slide, with the footer: sources · coverage, then the link.
    bare: the chart alone (no title, no footer), for a slide whose own text says them."""
    fig = copy.deepcopy(view.figure)
    fig.update_layout(width=width, height=height)
    # the figure's own source line moves into the footer, beside the others
    fig.layout.annotations = [a for a in fig.layout.annotations if a.text not in view.sources]
    if bare:
        fig.update_layout(title={"text": ""}, margin={"t": 10, "b": 10})
        return fig
    margin = fig.layout.margin
    bottom = (margin.b or 80) + 2 * FOOTER_FONT + 14
    fig.update_layout(margin={"b": bottom})
    lines = [" · ".join(view.sources + [view.coverage])]
    if view.link:
        lines.append(f"{short_link(view.link)}")
    fig.add_annotation(text="<br>".join(_escape(x) for x in lines), xref="paper", yref="paper", x=0, y=0,
                       yshift=-(bottom - 6), xanchor="left", yanchor="bottom", showarrow=False, align="left",
                       font={"size": FOOTER_FONT, "color": "#475467"}, name="export footer")
    return fig


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def render(view: ChartView, fmt: str, scale: float = 1, bare: bool = False) -> bytes:
    """The view's chart as PNG, SVG or PDF bytes (bare: without title and footer)."""
    if view.figure is None:
        raise ValueError(f"{view.stem}: this view has no chart to render (no data for its filters)")
    start()
    return pio.to_image(export_figure(view, bare=bare), format=fmt, scale=scale, width=WIDTH, height=HEIGHT)


def render_figure(fig: go.Figure, fmt: str, scale: float = 1) -> bytes:
    """Any figure (the pack's title and closing pages) at slide size."""
    start()
    return pio.to_image(fig, format=fmt, scale=scale, width=WIDTH, height=HEIGHT)


def file_name(view: ChartView | str, fmt: str, scale: float = 1) -> str:
    """A view's (or a file stem's) image file name: map_layer-hubei@2x.png."""
    stem = view if isinstance(view, str) else view.stem
    return f"{stem}{f'@{int(scale)}x' if fmt == 'png' else ''}.{fmt}"


# Streamlit --------------------------------------------------------------------------------

def download_buttons(view: ChartView | None) -> None:
    """PNG 2×, PNG 3× and SVG of a view's chart, rendered only when clicked (no browser work on a rerun)."""
    if view is not None and view.figure is not None:
        _buttons(view.chart, view.stem, lambda: view)


def _buttons(chart: str, stem: str, view) -> None:
    """The three image buttons of one chart; view() gives its ChartView, called only when a button is clicked."""
    import streamlit as st

    from dashboard.i18n import t

    cols = st.columns([1, 1, 1, 3])
    for col, (fmt, scale, label) in zip(cols, (("png", 2, "images.png2"), ("png", 3, "images.png3"),
                                               ("svg", 1, "images.svg"))):
        col.download_button(t(label), data=lambda f=fmt, s=scale: render(view(), f, s),
                            file_name=file_name(stem, fmt, scale), mime=MIME[fmt],
                            on_click="ignore", key=f"img.{chart}.{fmt}{scale}", icon=":material/image:")


def offer(chart: str, rows: int = 0) -> None:
    """Under a page's chart (one it has drawn): its image files for the view open now; the AI matrix (`rows`
    measures) gets each of its slides. The view is built only when a button is clicked: a page's rerun after a
    change does not draw its charts a second time for the images (README "Scale")."""
    import streamlit as st

    from dashboard import chart_views, present, shared
    from dashboard.i18n import lang

    page = {"trends": "trends", "map": "map", "ranking": "map", "ai_matrix": "ai"}[chart]
    values, code, version = present.values_of(st.session_state["url"]), lang(), shared.version()
    link = present.view_link(page, values)

    def view(name: str) -> ChartView:      # run when clicked, in the server's thread: every input is bound here
        return next(v for v in present.built_views(page, values, code, link, version) if v.chart == name)

    if chart == "ai_matrix":
        slides = chart_views.ai_slides(values, code, rows)
    else:
        slides = [(chart, "", chart_views.file_stem(page, chart, chart_views.encoded(page, values)))]
    for name, title, stem in slides:
        if len(slides) > 1:
            st.caption(title)
        _buttons(name, stem, lambda n=name: view(n))
