"""A shown figure goes to the browser as JSON in one orjson call: nothing in it makes plotly walk the whole figure
in Python on every run (an object array did, for the month × topic trends chart most of its rerun)."""
import json

import orjson
import plotly.io as pio
import pytest

LINKS = ["/trends?gran=month&split=topic", "/trends?mode=in_force&gran=quarter", "/trends?mode=share&period=2023",
         "/map?layer=hubei&metric=max_cap", "/map", "/ai"]


@pytest.mark.parametrize("link", LINKS)
def test_a_shared_figure_is_json_as_it_is(app_env, link):
    from dashboard import chart_views, shared
    page, values, _ = chart_views.parse_link(link)
    for view in chart_views.views(page, values, "zh", ""):
        expected = json.loads(pio.to_json(view.figure, validate=False))   # plotly's own dict, before sharing
        fig = shared._share(view.figure)
        sent = orjson.dumps(fig.to_dict(), option=orjson.OPT_SERIALIZE_NUMPY)   # raises TypeError if it cannot
        assert json.loads(pio.to_json(fig.to_dict(), validate=False)) == json.loads(sent) == expected
