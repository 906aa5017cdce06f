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


@pytest.mark.parametrize("periods", [160, 161])
def test_a_bar_lists_its_first_titles_while_its_column_is_wide_enough_to_point_at(periods):
    """Up to HOVER_TITLES_UP_TO periods a hover lists the bar's first titles; past it (by month over decades) it says
    that a click lists the period's policies, and a click still selects the period (customdata[0])."""
    import pandas as pd
    from dashboard import charts_trends
    from dashboard.i18n import TEXT
    keys = [f"{1990 + i // 12}-{i % 12 + 1:02d}" for i in range(periods)]
    frame = pd.DataFrame({"period": keys, "grp": "national", "policies": 5,
                          "first_titles": [["关于支持中小企业发展的若干措施 & 细则", "乙", "丙"]] * periods})
    text = {k: k for k in ("x", "y", "legend", "count", "share", "cumulative", "new", "in_force")}
    text |= {"more": "… 等 {n} 条", "click": TEXT["hover.click"][0]}
    traces, _ = charts_trends.trend_figure(frame, "stacked", {"national": "国家"}, {}, text, "t", "s", "src")
    custom = traces[0]["customdata"]
    assert [c[0] for c in custom] == keys and {c[2] for c in custom} == {5}
    assert charts_trends.period_of_selection({"selection": {"points": [{"customdata": custom[-1]}]}}) == keys[-1]
    if periods <= charts_trends.HOVER_TITLES_UP_TO:
        assert custom[0][1] == "· 关于支持中小企业发展的若干措施 &amp; 细则<br>· 乙<br>· 丙<br>· … 等 2 条"
    else:
        assert {c[1] for c in custom} == {"点击列出本期政策"}


def test_fill_puts_each_row_in_its_cell_and_leaves_the_rest_empty():
    """fill(): one row per period × group in legend order; a query row lands in its own cell whatever its order,
    a row for a group not drawn or a day not on the axis is left out, and every other cell is 0 with no titles."""
    import numpy as np
    import pandas as pd
    from datetime import date
    from dashboard import charts_trends
    periods = pd.DataFrame({"period": ["2023", "2024", "2025"],
                            "period_start": pd.to_datetime(["2023-01-01", "2024-01-01", "2025-01-01"])})
    data = pd.DataFrame({"period_start": pd.to_datetime(["2025-01-01", "2023-01-01", "2024-01-01", "2022-01-01",
                                                         "2024-06-01"]),
                         "grp": ["national", "district", "hidden", "national", "national"],
                         "policies": [4, 2, 9, 7, 8],
                         "first_titles": [np.array(["甲", "乙"], dtype=object), ["丙"], ["丁"], ["戊"], ["己"]]})
    out = charts_trends.fill(periods, data, "period_start", ["national", "district"])
    assert out["period"].tolist() == ["2023", "2023", "2024", "2024", "2025", "2025"]
    assert out["grp"].tolist() == ["national", "district"] * 3
    assert out["period_start"].tolist() == [date(2023, 1, 1)] * 2 + [date(2024, 1, 1)] * 2 + [date(2025, 1, 1)] * 2
    assert out["policies"].tolist() == [0, 2, 0, 0, 4, 0]
    assert out["first_titles"].tolist() == [[], ["丙"], [], [], ["甲", "乙"], []]
    assert charts_trends.fill(periods.iloc[:0], data, "period_start", ["national"]).empty
