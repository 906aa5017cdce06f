"""The trends chart is built from unvalidated trace dicts (validating thousands of bars was most of a rerun):
what it sends to the browser is exactly what plotly's own validated build of the same chart sends."""
import json

import plotly.graph_objects as go
import plotly.tools
import plotly.io as pio
import pytest

VIEWS = [dict(), dict(gran="month", split="topic"), dict(mode="share", gran="quarter"), dict(mode="cumulative"),
         dict(mode="in_force", split="topic"), dict(level=["district"], period="2023"),
         dict(topic=["finance"], mode="share", gran="month")]


@pytest.mark.parametrize("change", VIEWS, ids=lambda v: "&".join(f"{k}={v[k]}" for k in v) or "default")
def test_the_chart_is_what_plotly_validates(app_env, change):
    from dashboard import chart_views, charts, params
    values = {p.name: p.default for p in params.page_params("trends")} | change
    data = chart_views.trend_data(values, "zh")
    fig = chart_views.trend_figure(data, values, "zh")
    sent = json.loads(pio.to_json(fig, validate=False))
    validated = go.Figure(fig.to_dict())            # raises on any invalid property; coerces what it accepts
    want = json.loads(pio.to_json(validated))
    assert want == sent
    shown = charts.shown(chart_views.trend_spec(data, values, "zh"))    # what the page sends, without the figure
    assert json.loads(pio.to_json(shown, validate=False)) == want
    assert json.loads(pio.to_json(plotly.tools.return_figure_from_figure_or_data(shown, True), validate=False)) == want
    assert len(sent["data"]) == len(data.groups) and sent["data"][0]["customdata"]
    bars = sum(len(t["x"]) for t in sent["data"])
    assert bars == len(data.frame)
