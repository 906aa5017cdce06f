"""Map figures: a layer's choropleth with its development-zone markers, and the ranked bars beside it.

Pure functions from a region frame to plotly figures; the page supplies the words (`MapText`) and the
boundary layer (geo.gazetteer.boundaries). The frame has one row per region of the layer:

    code      6-digit code (the join key with the layer's properties.adcode; never a name)
    label     short text drawn on the map (name and value)
    value     the metric, NaN where there is none
    status    value | no_policy | no_term   (no policy found / policies but no term of that kind)
    hover     the hover text (name, value, top policies)
    is_zone   a development zone: no polygon, drawn as a marker at (lon, lat)
    lon, lat  label / marker position (point on the polygon's surface; hand-placed for zones)
    bar_label the region's name on the ranking's axis

Blank is not zero: regions without a value are drawn in their own grey traces with a legend entry,
and the colour scale starts at zero with a colour of its own (yellow), so 0 and "no policy" differ.
The figures use plotly's geo subplot (`visible=False`); it still loads a base topojson at view time, so
the page passes `config={"topojsonURL": "/app/static/"}` (see geo/README.md, "Plotly offline").
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from dashboard.charts import FONT, figure
from geo.gazetteer import boundaries

# Sequential scale from zero: yellow at 0 (clearly not grey), dark red at the maximum.
SCALE = [[0.0, "#fde68a"], [0.25, "#fdae61"], [0.5, "#f46d43"], [0.75, "#d73027"], [1.0, "#7f0000"]]
NO_POLICY = "#aab2bd"   # no policy found: a neutral mid grey
NO_TERM = "#e3e7ec"     # policies, but none states a term of this kind: a light grey
BORDER = "#ffffff"
SELECTED = "#1d4ed8"    # the selected region's outline: blue, visible on grey and on the reds
ZONE_SYMBOL = "diamond"
HALO = "0px 0px 2px #ffffff, 0px 0px 2px #ffffff"          # label outline on light fills
HALO_DARK = "0px 0px 2px #000000, 0px 0px 2px #3b0000"     # on dark fills


# The layers (the map page and chart_views draw the same ones).
LAYER_FILE = {"hubei": "hubei_prefectures", "wuhan": "wuhan_districts"}
LAYER_PARENT = {"hubei": "420000", "wuhan": "420100"}
UNITS = {"policies": "", "terms": "", "max_cap": "万元", "best_rate": "%"}
MAP_HEIGHT = {"hubei": 700, "wuhan": 720}
CENTRAL_DISTRICTS = ("420102", "420103", "420104", "420105", "420106", "420107")  # 江岸 江汉 硚口 汉阳 武昌 青山


@lru_cache(maxsize=None)
def layer_boundaries(layer: str) -> dict:
    """A layer's boundaries (geo.gazetteer.boundaries parses the file on every call: 7 ms for Hubei), parsed once
    per process and shared by every figure, which takes them uncopied: never change what this returns."""
    return boundaries(LAYER_FILE[layer])


def english_short(name_en: str) -> str:
    """A map label from the English name: 'Jiang'an District' → 'Jiang'an', zones abbreviated
    ('Wuhan Economic and Technological Development Zone' → 'Wuhan ETDZ')."""
    name = name_en.split(" (")[0]
    for long, short in (("Economic and Technological Development Zone", "ETDZ"),
                        ("High-tech Development Zone", "High-tech Zone"),
                        ("Ecological Tourism Scenic Area", "Scenic Area")):
        name = name.replace(long, short)
    for suffix in (" Tujia and Miao Autonomous Prefecture", " Forestry District", " District"):
        name = name.removesuffix(suffix)
    return name


@dataclass(frozen=True)
class MapText:
    title: str
    subtitle: str
    scale_title: str      # the colour bar's title, with the unit
    no_policy: str        # 未发现政策 / No policy found
    no_term: str          # 有政策，但无此类条款 / Policies, but no such term
    zones: str            # legend name of the zone markers
    credit: str           # the boundary source (map_credit)
    source: str = ""      # the data source, burned into exported images


def format_value(value, unit: str = "") -> str:
    """60 → '60%', 1000 → '1,000 万元', 3 → '3'; '' for a missing value."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    number = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")
    if not unit:
        return number
    return f"{number}{unit}" if unit == "%" else f"{number} {unit}"


def scale_max(frame: pd.DataFrame) -> float:
    """The top of the colour scale: the largest value, at least 1 (so a map of zeros still has a scale)."""
    values = frame.loc[frame.status == "value", "value"]
    return float(max(values.max(), 1.0)) if len(values) else 1.0


def value_colors(values, zmax: float) -> list[str]:
    """The scale's colour for each value (zones and bars use the same colours as the polygons)."""
    return sample_colorscale(SCALE, [min(max(float(v) / zmax, 0.0), 1.0) for v in values])


def _ticks(zmax: float, integer: bool) -> dict:
    """Whole-number ticks for counts (no 0.2 policies); plotly's own ticks otherwise."""
    if not integer:
        return {"tickformat": ",~r"}
    step = next(s for s in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 10**9) if zmax / s <= 6)
    return {"tick0": 0, "dtick": step, "tickformat": ",d"}


def layer_range(geojson: dict, pad: float = 0.02) -> tuple[tuple[float, float], tuple[float, float]]:
    """(lon range, lat range) of the whole layer with a small margin: the main map's view."""
    xs, ys = [], []
    for feature in geojson["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        for poly in polygons:
            xs += [x for x, _ in poly[0]]
            ys += [y for _, y in poly[0]]
    dx, dy = (max(xs) - min(xs)) * pad, (max(ys) - min(ys)) * pad
    return (min(xs) - dx, max(xs) + dx), (min(ys) - dy, max(ys) + dy)


def _features(geojson: dict, codes) -> dict:
    """The layer reduced to the given codes: each polygon is sent to the browser once, in its trace."""
    wanted = set(codes)
    return {"type": "FeatureCollection",
            "features": [f for f in geojson["features"] if f["properties"]["adcode"] in wanted]}


def _choropleth(geojson: dict, cols: dict, rows: list[int], **kwargs) -> dict:
    codes = [cols["code"][i] for i in rows]
    return dict(
        type="choropleth", geojson=_features(geojson, codes), featureidkey="properties.adcode",
        locations=codes, customdata=[[cols["code"][i], cols["hover"][i]] for i in rows],
        hovertemplate="%{customdata[1]}<extra></extra>",
        marker={"line": {"color": BORDER, "width": 1.2}},
        unselected={"marker": {"opacity": 1}}, selected={"marker": {"opacity": 1}},
        **kwargs)


def _columns(frame: pd.DataFrame) -> dict:
    """The frame's columns as plain lists, read once: selecting rows of a pandas frame by masks, some twenty
    times a map, cost more than the rest of the figure. lon/lat also as arrays (the zone markers carry them so)."""
    cols = {c: frame[c].tolist() for c in ("code", "value", "status", "is_zone", "lon", "lat", "label", "hover",
                                          "bar_label")}
    cols["lon_array"], cols["lat_array"] = frame.lon.to_numpy(), frame.lat.to_numpy()
    return cols


@dataclass(frozen=True)
class Inset:
    """A zoomed copy of part of the layer beside the main map (Wuhan's small central districts)."""
    codes: tuple[str, ...]   # the regions whose extent the inset shows (their largest polygon each)
    title: str
    pad: float = 0.06        # share of the extent added on each side


def inset_range(geojson: dict, codes) -> tuple[tuple[float, float], tuple[float, float]]:
    """(lon range, lat range) around the largest polygon of each given region (exclaves left out)."""
    xs, ys = [], []
    for feature in geojson["features"]:
        if feature["properties"]["adcode"] not in set(codes):
            continue
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        ring = max((poly[0] for poly in polygons), key=len)
        xs += [x for x, _ in ring]
        ys += [y for _, y in ring]
    return (min(xs), max(xs)), (min(ys), max(ys))


def _inside(lon, lat, box) -> bool:
    (x0, x1), (y0, y1) = box
    return x0 <= lon <= x1 and y0 <= lat <= y1


def _fills(values, statuses, zmax: float) -> list[str]:
    """The colour each region or zone is painted with (the scale sampled once for all of them)."""
    statuses = list(statuses)
    scale = iter(value_colors([v for v, s in zip(values, statuses) if s == "value"], zmax))
    return [next(scale) if s == "value" else NO_TERM if s == "no_term" else NO_POLICY for s in statuses]


def _is_dark(color: str) -> bool:
    """rgb(…) or #rrggbb darker than mid-grey (white labels read better on it)."""
    if color.startswith("#"):
        r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    else:
        r, g, b = (float(c) for c in color[color.index("(") + 1:-1].split(",")[:3])
    return 0.299 * r + 0.587 * g + 0.114 * b < 150


def host_region(lon: float, lat: float, geojson: dict) -> str | None:
    """The code of the polygon a point falls in (ray casting on exterior rings), or None."""
    for feature in geojson["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        for poly in polygons:
            ring, inside = poly[0], False
            for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
                if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                    inside = not inside
            if inside:
                return feature["properties"]["adcode"]
    return None


def _labels(lon, lat, text, dark, geo: str, size: int, **kwargs) -> list[dict]:
    """Text over the map in two traces: dark text with a white halo on light fills, white text with a dark
    halo on dark fills (a halo cannot vary per point). Labels are not clickable."""
    traces = []
    for on_dark in (False, True):
        pick = [d == on_dark for d in dark]
        if not any(pick):
            continue
        traces.append(dict(
            type="scattergeo",
            lon=[v for v, k in zip(lon, pick) if k], lat=[v for v, k in zip(lat, pick) if k],
            text=[v for v, k in zip(text, pick) if k], mode="text", hoverinfo="skip", geo=geo, showlegend=False,
            name="labels", textfont={"size": size, "color": "#ffffff" if on_dark else "#111827",
                                     "shadow": HALO_DARK if on_dark else HALO}, **kwargs))
    return traces


def _layer(cols: dict, fills: dict[str, str], geojson: dict, text: MapText, geo: str,
           selected: str | None, label_box=None, hide_box=None) -> list[dict]:
    """The traces of one geo subplot (`cols`: the region frame's columns, _columns). Labels are drawn only inside
    `label_box` (when given) and not inside `hide_box`; the legend comes from the main subplot only."""
    main = geo == "geo"
    code, status, lon, lat, label = cols["code"], cols["status"], cols["lon"], cols["lat"], cols["label"]
    polygons = [i for i, zone in enumerate(cols["is_zone"]) if not zone]
    zones = [i for i, zone in enumerate(cols["is_zone"]) if zone]
    traces = []

    def shown(rows):
        return [i for i in rows if (label_box is None or _inside(lon[i], lat[i], label_box))
                and (hide_box is None or not _inside(lon[i], lat[i], hide_box))]

    for kind, name, color in (("no_policy", text.no_policy, NO_POLICY), ("no_term", text.no_term, NO_TERM)):
        rows = [i for i in polygons if status[i] == kind]
        if rows:
            traces.append(_choropleth(geojson, cols, rows, z=[0] * len(rows), name=name, showlegend=main, geo=geo,
                                      colorscale=[[0, color], [1, color]], showscale=False, legendrank=2))
    rows = [i for i in polygons if status[i] == "value"]
    if rows:
        traces.append(_choropleth(geojson, cols, rows, z=[cols["value"][i] for i in rows], coloraxis="coloraxis",
                                  geo=geo, name=text.scale_title, showlegend=False))
    keep = shown(polygons)
    traces += _labels([lon[i] for i in keep], [lat[i] for i in keep], [label[i] for i in keep],
                      [_is_dark(fills[code[i]]) for i in keep], geo, 13 if main else 14)

    if zones:
        traces.append(dict(
            type="scattergeo",
            lon=cols["lon_array"][zones], lat=cols["lat_array"][zones], mode="markers", geo=geo, name=text.zones,
            showlegend=main, legendrank=3,
            marker={"symbol": ZONE_SYMBOL, "size": 13 if main else 17, "color": [fills[code[i]] for i in zones],
                    "line": {"color": "#111827", "width": 1.5}},
            customdata=[[code[i], cols["hover"][i]] for i in zones], hovertemplate="%{customdata[1]}<extra></extra>",
            unselected={"marker": {"opacity": 1}}, selected={"marker": {"opacity": 1}}))
        keep = shown(zones)
        hosts = [host_region(lon[i], lat[i], geojson) for i in keep]
        traces += _labels([lon[i] for i in keep], [lat[i] for i in keep], ["\u2002" * 2 + label[i] for i in keep],
                          [_is_dark(fills.get(h, "#ffffff")) for h in hosts], geo, 13, textposition="middle right")

    rows = [i for i in polygons if code[i] == selected] if selected is not None else []
    if rows:
        traces.append(dict(
            type="choropleth",
            geojson=_features(geojson, [code[i] for i in rows]), featureidkey="properties.adcode",
            locations=[code[i] for i in rows],
            z=[0], colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]], showscale=False, hoverinfo="skip",
            marker={"line": {"color": SELECTED, "width": 3.5}}, showlegend=False, name="selected", geo=geo))
    rows = [i for i in zones if code[i] == selected] if selected is not None else []
    if rows:
        traces.append(dict(
            type="scattergeo",
            lon=cols["lon_array"][rows], lat=cols["lat_array"][rows], mode="markers", geo=geo, hoverinfo="skip",
            showlegend=False, name="selected",
            marker={"symbol": ZONE_SYMBOL + "-open", "size": 25 if not main else 20,
                    "line": {"color": SELECTED, "width": 3}}))
    return traces


def region_map(frame: pd.DataFrame, geojson: dict, text: MapText, selected: str | None = None,
               height: int = 720, inset: Inset | None = None, integer: bool = False) -> go.Figure:
    """The choropleth of one layer: value / no-term / no-policy traces, labels, zone markers, the selected
    region's outline, and optionally a zoomed inset (its extent outlined on the main map)."""
    zmax = scale_max(frame)
    cols = _columns(frame)
    fills = dict(zip(cols["code"], _fills(cols["value"], cols["status"], zmax)))
    box = None
    if inset is not None:
        (x0, x1), (y0, y1) = inset_range(geojson, inset.codes)
        dx, dy = (x1 - x0) * inset.pad, (y1 - y0) * inset.pad
        box = ((x0 - dx, x1 + dx), (y0 - dy, y1 + dy))
    traces = _layer(cols, fills, geojson, text, "geo", selected, hide_box=box)
    geo_style = {"visible": False, "projection": {"type": "mercator"}, "bgcolor": "rgba(0,0,0,0)"}
    (lx0, lx1), (ly0, ly1) = layer_range(geojson)
    layout = {"geo": {**geo_style, "lonaxis": {"range": [lx0, lx1]}, "lataxis": {"range": [ly0, ly1]}}}
    colorbar = {"title": {"text": text.scale_title, "side": "top"}, "thickness": 14, "outlinewidth": 0,
                **_ticks(zmax, integer)}
    legend = {"bgcolor": "rgba(255,255,255,0.85)", "bordercolor": "#d0d5db", "borderwidth": 1, "font": {"size": 13}}
    if box is None:
        layout["geo"]["domain"] = {"x": [0.0, 0.87], "y": [0.0, 1.0]}
        colorbar |= {"len": 0.6, "x": 0.9, "xanchor": "left", "y": 0.0, "yanchor": "bottom"}
        legend |= {"x": 1.0, "y": 1.0, "xanchor": "right", "yanchor": "top"}
    else:
        (bx0, bx1), (by0, by1) = box
        traces.append(dict(   # the inset's extent on the main map
            type="scattergeo",
            lon=[bx0, bx1, bx1, bx0, bx0], lat=[by0, by0, by1, by1, by0], mode="lines", geo="geo",
            line={"color": "#374151", "width": 1.5, "dash": "dot"}, hoverinfo="skip", showlegend=False,
            name="inset"))
        traces += _layer(cols, fills, geojson, text, "geo2", selected, label_box=box)
        corner = host_region(bx0 + (bx1 - bx0) * 0.1, by1 - (by1 - by0) * 0.1, geojson)
        title_font = ({"color": "#ffffff", "shadow": HALO_DARK} if _is_dark(fills.get(corner, "#ffffff"))
                      else {"color": "#111827", "shadow": HALO})
        traces.append(dict(   # the inset's title, in its top-left corner
            type="scattergeo",
            lon=[bx0 + (bx1 - bx0) * 0.015], lat=[by1 - (by1 - by0) * 0.07], text=[f"<b>{inset.title}</b>"],
            mode="text", textposition="bottom right", geo="geo2", hoverinfo="skip", showlegend=False,
            name="inset title", textfont={"size": 13, **title_font}))
        layout["geo"]["domain"] = {"x": [0.0, 0.54], "y": [0.0, 1.0]}
        layout["geo2"] = {**geo_style, "domain": {"x": [0.56, 1.0], "y": [0.42, 1.0]}, "showframe": True,
                          "framecolor": "#374151", "framewidth": 1,
                          "lonaxis": {"range": [bx0, bx1]}, "lataxis": {"range": [by0, by1]}}
        colorbar |= {"orientation": "h", "len": 0.4, "x": 0.58, "xanchor": "left", "y": 0.2, "yanchor": "bottom"}
        legend |= {"x": 0.58, "y": 0.0, "xanchor": "left", "yanchor": "bottom"}
    layout |= dict(
        title={"text": f"{text.title}<br><sup>{text.subtitle}</sup>", "x": 0.01, "font": {"size": 21}},
        font={"family": FONT, "size": 14}, height=height, margin={"l": 10, "r": 10, "t": 90, "b": 40},
        paper_bgcolor="white", hoverlabel={"font": {"family": FONT, "size": 13}, "align": "left"},
        coloraxis={"colorscale": SCALE, "cmin": 0, "cmax": zmax, "colorbar": colorbar},
        legend=legend, clickmode="event+select", dragmode=False,
        annotations=[dict(text=text.credit, xref="paper", yref="paper", x=0.0, y=-0.02, showarrow=False,
                          xanchor="left", yanchor="top", font={"size": 11, "color": "#667085"})],
    )
    return figure(traces, layout)


def ranking_bars(frame: pd.DataFrame, text: MapText, unit: str = "", selected: str | None = None,
                 height: int | None = None) -> go.Figure:
    """The table view of the map: one bar per region, largest first, regions without a value last."""
    cols = _columns(frame)
    code, value, status = cols["code"], cols["value"], cols["status"]
    rank = {"value": 0, "no_term": 1, "no_policy": 2}
    rows = sorted(range(len(code)), key=lambda i: (rank[status[i]], -(-1 if math.isnan(value[i]) else value[i]),
                                                   code[i]))
    zmax = scale_max(frame)
    values, statuses = [value[i] for i in rows], [status[i] for i in rows]
    labels = [format_value(v, unit) if s == "value" else (text.no_term if s == "no_term" else text.no_policy)
              for v, s in zip(values, statuses)]
    names = [f"{cols['bar_label'][i]} ◆" if cols["is_zone"][i] else cols["bar_label"][i] for i in rows]
    bar = dict(
        type="bar",
        x=np.nan_to_num(frame.value.to_numpy()[rows], nan=0.0), y=names, orientation="h", text=labels,
        textposition="outside", cliponaxis=False,
        marker={"color": _fills(values, statuses, zmax),
                "line": {"color": [SELECTED if code[i] == selected else "rgba(0,0,0,0)" for i in rows], "width": 2.5}},
        textfont={"color": ["#1f2933" if s == "value" else "#667085" for s in statuses]},
        customdata=[[code[i], cols["hover"][i]] for i in rows], hovertemplate="%{customdata[1]}<extra></extra>",
        unselected={"marker": {"opacity": 1}}, selected={"marker": {"opacity": 1}}, showlegend=False)
    n = len(rows)
    return figure([bar], dict(
        title={"text": f"{text.title}<br><sup>{text.subtitle}</sup>", "x": 0.01, "font": {"size": 17}},
        font={"family": FONT, "size": 13}, height=height or max(320, 110 + 30 * n),
        margin={"l": 10, "r": 30, "t": 80, "b": 85}, plot_bgcolor="white", paper_bgcolor="white",
        bargap=0.25, clickmode="event+select", dragmode=False, hoverlabel={"font": {"family": FONT}, "align": "left"},
        xaxis={"title": {"text": text.scale_title}, "rangemode": "tozero", "gridcolor": "#eef0f3",
               "range": [0, zmax * 1.35], "fixedrange": True, **_ticks(zmax, unit == "")},
        yaxis={"autorange": "reversed", "fixedrange": True, "automargin": True},
        annotations=[dict(text=text.source, xref="paper", yref="paper", x=0.0, y=0, yshift=-66, showarrow=False,
                          xanchor="left", yanchor="top", font={"size": 10, "color": "#667085"})],
    ))
