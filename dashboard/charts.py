"""Figure builders: pure functions from data frames to plotly figures, sized for slides.

Every chart is exported from its toolbar as a 1600×900 PNG at 2× scale, with its title,
the filters and the source burned into the figure itself.
"""
from __future__ import annotations

from functools import lru_cache

import plotly.graph_objects as go
import plotly.io as pio
from _plotly_utils.utils import convert_to_base64

FONT = "Noto Sans CJK SC, PingFang SC, Microsoft YaHei, Source Han Sans SC, sans-serif"
PALETTE = ["#c0392b", "#2e86c1", "#f39c12", "#27ae60", "#8e44ad", "#16a085", "#d35400", "#7f8c8d",
           "#2c3e50", "#e84393", "#b7950b"]


def figure(traces: list[dict], layout: dict | None = None) -> go.Figure:
    """A figure from plain trace and layout dicts, taken as they are: built the plain way (add_trace, one
    update_layout after another, every property validated and every point copied as it is set) a map view or a
    trends chart spent most of its build in plotly's bookkeeping. The dicts must be what
    plotly's validation would make of them (tests/test_pages17.py, tests/test_trends_figure.py build views both
    ways). A map's boundaries (`geojson`) are set afterwards, uncopied: nothing changes them. From here on the
    figure validates as usual (the notes, slides and images that update its layout)."""
    shapes = [trace.pop("geojson", None) for trace in traces]
    fig = go.Figure(data=traces, layout=layout or {}, _validate=False)
    for trace, shape in zip(fig.data, shapes):
        if shape is not None:
            trace.geojson = shape
    fig._validate = fig._layout_obj._validate = True
    return fig


class Shown(go.Figure):
    """A chart that is only shown: st.plotly_chart reads a figure's to_dict (a dict it would validate again, by
    building a figure, each run), and this one's is the spec it was made from. Nothing else of a figure works."""
    def __init__(self, spec: dict):      # (no go.Figure state)
        self._spec = spec

    def to_dict(self) -> dict:
        return self._spec


def shown(spec: dict | None) -> Shown | None:
    """A chart that is only shown, from the dicts charts.figure takes ({"data": traces, "layout": …}, changed in
    place): its arrays as typed arrays and the default template, as plotly's to_dict gives them. Building the figure
    and copying it back into a dict cost a trends chart by month and topic (4,884 bars) most of its build (session
    19); tests/test_trends_figure.py checks that the page sends what plotly's validated build sends."""
    if spec is None:
        return None
    spec["layout"].setdefault("template", _default_template())   # as a figure's layout gets it
    convert_to_base64(spec)
    return Shown(spec)


@lru_cache(maxsize=1)
def _default_template() -> dict:
    return pio.templates[pio.templates.default].to_plotly_json()


def plotly_config(filename: str) -> dict:
    """The toolbar: PNG export at presentation size; no plotly logo."""
    return {"displaylogo": False, "toImageButtonOptions": {"format": "png", "filename": filename,
                                                           "width": 1600, "height": 900, "scale": 2},
            "modeBarButtonsToRemove": ["lasso2d", "select2d"]}


def style(title: str, subtitle: str, source: str, height: int = 520) -> dict:
    """A layout: large, clean type; the filters as subtitle and the source as a footnote, so exports carry both."""
    return {
        "title": {"text": f"{title}<br><sup>{subtitle}</sup>", "x": 0.01, "font": {"size": 22}},
        "font": {"family": FONT, "size": 15}, "height": height, "margin": {"l": 60, "r": 30, "t": 90, "b": 90},
        "colorway": PALETTE, "legend": {"orientation": "h", "y": -0.18, "x": 0}, "plot_bgcolor": "white",
        "hoverlabel": {"font": {"family": FONT}},
        "annotations": [{"text": source, "xref": "paper", "yref": "paper", "x": 0, "y": -0.32, "showarrow": False,
                         "font": {"size": 11, "color": "#667"}, "xanchor": "left"}],
        "xaxis": {"showgrid": False}, "yaxis": {"gridcolor": "#eee"},
    }
