"""What every session shares (dashboard/shared.py): a view built once per database version, URL values and language
is what a freshly built one would be, and another language or link gets its own."""
from __future__ import annotations

import json

import plotly.graph_objects as go
import plotly.io as pio

from tests.conftest import run_page


def specs(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def test_a_shared_figure_serialises_exactly_as_plotly_does(app_env):
    from dashboard import chart_views
    from dashboard.shared import SharedFigure
    view = next(v for v in chart_views.views("map", {**chart_views.parse_link("/map?region=420106")[1]}, "zh", "")
                if v.chart == "map")
    shared = go.Figure(view.figure)
    expected, expected_json = shared.to_dict(), pio.to_json(shared, validate=False)
    assert any("geojson" in trace for trace in expected["data"])      # the boundaries are in the traces
    shared.__class__ = SharedFigure
    assert shared.to_dict() == expected
    assert pio.to_json(shared, validate=False) == expected_json
    assert shared.to_dict() is shared.to_dict()                        # built once, not copied on every run


def test_a_second_session_gets_the_same_charts_without_building_them(open_page, monkeypatch):
    from dashboard import charts_map
    from dashboard.shared import clear_caches
    clear_caches()
    first = specs(open_page("map", layer="hubei", metric="terms"))
    built = []
    real = charts_map.region_map
    monkeypatch.setattr(charts_map, "region_map", lambda *a, **k: built.append(1) or real(*a, **k))
    again = specs(open_page("map", layer="hubei", metric="terms"))      # another session, the same link
    assert again == first and built == []
    english = specs(open_page("map", layer="hubei", metric="terms", lang="en"))
    assert built                                                       # another language: its own figures
    assert english[0]["layout"]["title"]["text"] != first[0]["layout"]["title"]["text"]
    assert "Hubei" in english[0]["layout"]["title"]["text"]


def test_each_link_of_the_trends_page_has_its_own_chart(open_page):
    year = specs(open_page("trends"))[0]
    quarter = specs(open_page("trends", gran="quarter"))[0]
    picked = specs(open_page("trends", gran="quarter", period="2023-Q2"))[0]
    assert year["layout"]["xaxis"]["categoryarray"] != quarter["layout"]["xaxis"]["categoryarray"]
    assert "2023-Q2" in quarter["layout"]["xaxis"]["categoryarray"]
    # the picked period is drawn selected only in its own link's chart
    assert all(t.get("selectedpoints") is None for t in quarter["data"])
    assert any(t.get("selectedpoints") for t in picked["data"])
    assert specs(open_page("trends", gran="quarter"))[0] == quarter


def test_labels_follow_the_language_and_are_shared(open_page):
    zh = open_page("ai")
    en = open_page("ai", lang="en")
    assert zh.title[0].value != en.title[0].value
    matrix_zh = [h.proto.body for h in zh.get("html")]
    matrix_en = [h.proto.body for h in en.get("html")]
    assert matrix_zh != matrix_en and "武汉市" in matrix_zh[0] and "Wuhan" in matrix_en[0]
    assert [h.proto.body for h in open_page("ai").get("html")] == matrix_zh


def test_the_server_freezes_what_it_imported_before_the_first_page(open_page):
    """The modules the pages use are out of the garbage collector's sight once a page has been drawn (gc.freeze:
    a full collection no longer walks them); a figure made afterwards is still collected."""
    import gc
    import sys
    import weakref

    open_page("trends")
    assert gc.get_freeze_count() > 50_000
    assert "dashboard.chart_views" in sys.modules and "plotly.graph_objects" in sys.modules
    class Held:
        pass
    made = Held()
    made.figure, made.figure_owner = go.Figure(), made   # a cycle: only the collector frees it
    gone = weakref.ref(made)
    del made
    gc.collect()
    assert gone() is None


def test_what_a_page_does_to_a_result_does_not_change_the_cached_one(app_env):
    """Results are cached as objects shared by every session (not pickled copies): each caller gets a shallow copy,
    and pandas' copy-on-write keeps the cached frame as the query returned it, whatever is set or deleted in the copy."""
    from dashboard import db
    args = dict(levels=None, topics=None, region=None, year_from=1990, year_to=2030, include_undated=True,
                statuses=None, limit=12)
    first = db.run_query("overview/newest_policies", **args)
    kept = first.copy(deep=True)
    first["title"] = "changed"
    first.loc[0, "level"] = "changed"
    first.iloc[1:3, first.columns.get_loc("region_code")] = None
    del first["sources"]
    again = db.run_query("overview/newest_policies", **args)
    assert len(again) == 12 and again.equals(kept)
    assert db.query_for("overview/newest_policies", args)[0] == "overview/newest_policies.default"
