"""The pages' own Python made cheaper (README "Scale", "Pages, session 17") without changing what a user sees.

The map figures are built from plain dicts taken as they are (no plotly validation, the boundaries set uncopied):
each view must equal the figure plotly builds the plain way, every property validated and copied. The AI
comparison reads its entries a column at a time and finds agreement peers by key: the same rows and marks as
itertuples and the pairwise search. The builders' words come through a translator bound to the language once.
"""
from __future__ import annotations

import plotly.graph_objects as go
import pytest

from dashboard import chart_views, charts_ai, charts_map, coverage
from dashboard.i18n import LANGS, TEXT, translator

MAP_LINKS = ["/map", "/map?metric=max_cap", "/map?metric=best_rate&region=420106", "/map?metric=terms&region=420190",
             "/map?layer=hubei&metric=terms", "/map?layer=hubei&region=420500&view=applies&metric=max_cap"]


def plain_figure(traces: list[dict], layout: dict) -> go.Figure:
    """The reference: plotly's own construction, every property (the boundaries too) validated and copied."""
    return go.Figure(data=traces, layout=layout)


def views(link: str, lang: str) -> dict[str, dict]:
    """chart → figure dict of a link's map views (the choropleth with its coverage notes burnt in, and the bars)."""
    return {v.chart: v.figure.to_dict() for v in chart_views.views_of_link(link, lang)}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("link", MAP_LINKS)
def test_map_figures_equal_the_plain_plotly_figures(app_env, monkeypatch, link, lang):
    fast = views(link, lang)
    monkeypatch.setattr(charts_map, "figure", plain_figure)
    plain = views(link, lang)
    assert set(fast) == {"map", "ranking"}
    assert fast == plain
    # the boundaries travel with the figure: every region of the layer has its polygon in a trace
    polygons = {f["properties"]["adcode"] for t in fast["map"]["data"] if t["type"] == "choropleth"
                for f in t["geojson"]["features"]}
    layer = "hubei_prefectures" if "layer=hubei" in link else "wuhan_districts"
    from geo.gazetteer import boundaries
    assert polygons == {f["properties"]["adcode"] for f in boundaries(layer)["features"]}


def test_map_figure_is_valid_plotly_and_shares_the_boundaries(app_env):
    values = chart_views.parse_link("/map?region=420106")[1]
    frame, _, label, _ = chart_views._map_frame(values, "zh")
    text = charts_map.MapText(title="t", subtitle="s", scale_title=label, no_policy="n", no_term="m", zones="z",
                              credit="c")
    from geo.gazetteer import boundaries
    layer = boundaries("wuhan_districts")
    fig = charts_map.region_map(frame, layer, text, selected="420106",
                                inset=charts_map.Inset(charts_map.CENTRAL_DISTRICTS, "central"))
    as_dict = fig.to_dict()
    assert go.Figure(as_dict).to_dict() == as_dict          # validating it changes nothing
    shapes = {id(f) for f in layer["features"]}
    drawn = [f for t in fig.data if t.type == "choropleth" for f in t.geojson["features"]]
    assert drawn and all(id(f) in shapes for f in drawn)    # set uncopied: the layer's own features
    # notes burnt in afterwards (as the page does) land in the figure; a copy is independent of it
    copy = go.Figure(fig)
    coverage.burn_in(fig, ["a note"], source="src", lang="zh")
    assert len(fig.layout.annotations) == len(copy.layout.annotations) + 1
    assert fig.layout.height > copy.layout.height


def test_bars_keep_the_ranking_order_and_colours(app_env):
    view = next(v for v in chart_views.views_of_link("/map?metric=max_cap", "zh") if v.chart == "ranking")
    bar = view.figure.data[0]
    # largest first, then no term, then no policy: the slide's categories are in the same order
    assert [n.removesuffix(" ◆") for n in bar.y] == view.categories
    blank = {TEXT["no_term_found"][0]: charts_map.NO_TERM, TEXT["no_policy_found"][0]: charts_map.NO_POLICY}
    values = [v for v, label in zip(bar.x, bar.text) if label not in blank]
    assert values and values == sorted(values, reverse=True)
    assert all(colour == blank[label] for colour, label in zip(bar.marker.color, bar.text) if label in blank)
    assert [label in blank for label in bar.text] == sorted(label in blank for label in bar.text)


# The AI comparison ------------------------------------------------------------------------

def plain_agreement(frame):
    """The pairwise search the page used before: every curated entry against every corpus entry."""
    recs = frame.to_dict("records")
    agreement, counterparts = [None] * len(recs), [[] for _ in recs]
    rank = {"match": 0, "partial": 1, "differs": 2}
    for i, cur in enumerate(recs):
        if cur["origin"] == "corpus" or charts_ai._missing(cur["policy_id"]):
            continue
        peers = [j for j, k in enumerate(recs) if k["origin"] == "corpus" and k["policy_id"] == cur["policy_id"]
                 and k["measure"] == cur["measure"] and k["region_code"] == cur["region_code"]]
        if not peers:
            continue
        verdicts = {j: charts_ai._compare(charts_ai.entries(frame.iloc[[i]])[0], charts_ai.entries(frame.iloc[[j]])[0])
                    for j in peers}
        agreement[i] = min(verdicts.values(), key=rank.get)
        counterparts[i] = [int(recs[j]["ref"]) for j in peers]
        for j, v in verdicts.items():
            agreement[j] = v if agreement[j] is None else max(agreement[j], v, key=rank.get)
            counterparts[j] = counterparts[j] + [int(cur["ref"])]
    return agreement, counterparts


@pytest.fixture(scope="module")
def ai_entries(app_env):
    from dashboard.db import run_query
    regions = ["420000", "420100", "420106", "420111", "420116"]
    return charts_ai.prepare(run_query("ai/compared_entries", regions=regions, measures=None,
                                       per_cell=charts_ai.PER_CELL))


def test_entries_are_the_rows_itertuples_gives(ai_entries):
    fast = charts_ai.entries(ai_entries)
    assert len(fast) == len(ai_entries) > 0
    assert repr(fast) == repr(list(ai_entries.itertuples(index=False)))   # values, types, NaN and field names
    assert fast[0]._fields == tuple(ai_entries.columns)


def test_agreement_marks_equal_the_pairwise_search(ai_entries):
    marked = charts_ai.mark_agreement(ai_entries)
    agreement, counterparts = plain_agreement(ai_entries)
    assert [None if charts_ai._missing(a) else a for a in marked.agreement] == agreement
    assert marked.counterparts.tolist() == counterparts
    assert any(a is not None for a in agreement)      # the corpus has a curated row about a corpus clause (武昌)


@pytest.mark.parametrize("lang", LANGS)
def test_translator_gives_the_words_of_its_language(lang):
    tr = translator(lang)
    index = LANGS.index(lang)
    assert all(tr(key) == words[index] for key, words in TEXT.items())
    with pytest.raises(KeyError):
        tr("no.such.key")


def test_ai_matrix_words_follow_the_language(open_page):
    for lang, measure in (("zh", "措施"), ("en", "Measure")):
        at = open_page("ai", lang=lang, compare=["420106"])
        html = "".join(e.proto.body for e in at.get("html"))
        assert f'<th class="measure">{measure}</th>' in html
        assert (TEXT["ai.reference"][LANGS.index(lang)]) in html


def test_explorer_labels_per_row_in_both_languages(open_page):
    labels = [{words[i] for key, words in TEXT.items() if key.startswith(("kind.", "trust."))} for i in (0, 1)]
    for index, lang in enumerate(LANGS):
        table = open_page("explorer", q="专精特新", lang=lang).dataframe[0].value
        shown = set(table[TEXT["col.evidence"][index]]) | set(table[TEXT["col.trust"][index]])
        assert len(table) > 0 and shown
        assert shown - {""} <= labels[index]                  # every row labelled, in the page's language
        assert not shown & (labels[1 - index] - labels[index])


def test_a_sidebar_filter_does_not_rebuild_the_ai_matrix(open_page, monkeypatch):
    """The sidebar filters do not apply on the AI page: its matrix is keyed on the regions and measures picked."""
    def matrix(at) -> str:
        return "".join(e.proto.body for e in at.get("html"))
    first = open_page("ai", compare=["420106"])
    built = []
    real = charts_ai.matrix_html
    monkeypatch.setattr(charts_ai, "matrix_html", lambda *a, **k: built.append(1) or real(*a, **k))
    again = open_page("ai", compare=["420106"], level="district", topic="digital")
    assert built == [] and matrix(again) == matrix(first)
    other = open_page("ai", compare=["420111"])
    assert built == [1] and matrix(other) != matrix(first)
