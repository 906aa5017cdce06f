"""Consistency checks for ``geo/gazetteer.csv`` and ``geo/boundaries/`` (project venv only).

    python -m geo.verify                      # checks only; exit 1 on any problem
    python -m geo.verify --png /tmp/geo_check # also render one plotly PNG per layer

Checks:

* every gazetteer row with ``has_polygon=true`` has exactly one feature with that adcode in
  the layer of its level (prefecture -> hubei_prefectures, district -> wuhan_districts),
  and every feature of those two layers has such a row;
* the feature ``name`` / ``short_name`` / ``parent`` agree with the gazetteer;
* every geometry is a valid (Multi)Polygon with clockwise exterior rings (plotly/d3), every
  layer is a valid coverage, codes are 6-digit strings;
* every polygon row's lon/lat lies inside its polygon; every zone's lon/lat lies inside Wuhan;
* codes are unique 6-digit strings, every parent exists and sits one level up the tree
  (country > province > prefecture > district/county/zone; a 直辖市's districts under the province);
* no name, short name or alias names two rows kept by hand (source=project). Other forms may be
  shared (GB/T 2260 repeats names: 鼓楼区 ×4); they are resolved by context
  (``resolve_region(name, home=...)``).

PNG rendering uses kaleido, which is not a project dependency: run ``--png`` from a throwaway
venv that has ``kaleido``, ``plotly``, ``pandas`` and ``shapely`` (Chromium via
``BROWSER_PATH=/usr/bin/chromium``).  plotly.js fetches
``world_110m.json`` even for ``visible=False`` geo maps, so ``--topojson-url`` (default: a
throwaway HTTP server on 127.0.0.1 serving ``dashboard/static/``) points it at the local copy.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
import threading
from pathlib import Path

import shapely
from shapely.geometry import Point, shape

from geo.gazetteer import LAYERS, _name_index, boundaries, load_gazetteer

PARENT_LEVELS = {"province": {"country"}, "prefecture": {"province"}, "district": {"prefecture", "province"},
                 "county": {"prefecture", "province"}, "zone": {"prefecture"}}

REPO = Path(__file__).resolve().parent.parent
STATIC_DIR = REPO / "dashboard" / "static"
GAZETTEER_LAYERS = {"prefecture": "hubei_prefectures", "district": "wuhan_districts"}


def check() -> list[str]:
    problems: list[str] = []
    gaz = load_gazetteer()

    if gaz["code"].duplicated().any():
        problems.append(f"duplicate codes: {sorted(gaz.loc[gaz['code'].duplicated(), 'code'])}")
    bad_codes = gaz.loc[~gaz["code"].str.fullmatch(r"\d{6}"), "code"]
    if len(bad_codes):
        problems.append(f"codes that are not 6 digits: {list(bad_codes)[:10]}")
    level_by_code = dict(zip(gaz["code"], gaz["level"]))
    for row in gaz[gaz["level"] != "country"].itertuples(index=False):
        if level_by_code.get(row.parent_code) not in PARENT_LEVELS[row.level]:
            problems.append(f"gazetteer {row.code}: parent {row.parent_code!r} is not a "
                            f"{'/'.join(sorted(PARENT_LEVELS[row.level]))}")
    project = set(gaz.loc[gaz["source"] == "project", "code"])
    for form, codes in _name_index().items():
        if len(set(codes) & project) > 1:
            problems.append(f"gazetteer: {form!r} names several project rows: {codes}")

    geoms: dict[str, dict[str, object]] = {}
    for layer in LAYERS:
        fc = boundaries(layer)
        feats = fc["features"]
        codes = [f["properties"]["adcode"] for f in feats]
        if len(codes) != len(set(codes)):
            problems.append(f"{layer}: duplicate adcodes")
        bad = [c for c in codes if not (isinstance(c, str) and len(c) == 6 and c.isdigit())]
        if bad:
            problems.append(f"{layer}: non 6-digit adcodes {bad}")
        gs = [shape(f["geometry"]) for f in feats]
        for c, g in zip(codes, gs):
            if not g.is_valid or g.is_empty or g.geom_type not in ("Polygon", "MultiPolygon"):
                problems.append(f"{layer}/{c}: invalid or empty geometry")
                continue
            for p in getattr(g, "geoms", [g]):
                if shapely.is_ccw(p.exterior) or any(not shapely.is_ccw(r) for r in p.interiors):
                    problems.append(f"{layer}/{c}: ring winding is not exterior-CW / holes-CCW")
                    break
        if not shapely.coverage_is_valid(gs):
            problems.append(f"{layer}: not a valid coverage")
        geoms[layer] = dict(zip(codes, gs))
        props = {f["properties"]["adcode"]: f["properties"] for f in feats}

        level = LAYERS[layer]
        if layer not in GAZETTEER_LAYERS.values():
            continue
        rows = gaz[gaz["has_polygon"] & (gaz["level"] == level)]
        row_codes = list(rows["code"])
        for code in row_codes:
            n = codes.count(code)
            if n != 1:
                problems.append(f"gazetteer {code}: {n} features in {layer} (expected 1)")
        for code in codes:
            if code not in row_codes:
                problems.append(f"{layer}/{code}: no gazetteer row with has_polygon=true")
        for row in rows.itertuples(index=False):
            p = props.get(row.code)
            if p is None:
                continue
            for key, val in (("name", row.name), ("short_name", row.short_name), ("parent", row.parent_code)):
                if p[key] != val:
                    problems.append(f"{layer}/{row.code}: {key} {p[key]!r} != gazetteer {val!r}")
            if not geoms[layer][row.code].contains(Point(row.lon, row.lat)):
                problems.append(f"gazetteer {row.code}: lon/lat {row.lon},{row.lat} not inside its polygon")

    # has_polygon rows of other levels would have no layer to live in
    other = gaz[gaz["has_polygon"] & ~gaz["level"].isin(list(GAZETTEER_LAYERS))]
    if len(other):
        problems.append(f"has_polygon=true on levels without a layer: {list(other['code'])}")

    wuhan = shapely.union_all(list(geoms["wuhan_districts"].values()))
    for row in gaz[gaz["level"] == "zone"].itertuples(index=False):
        if row.has_polygon:
            problems.append(f"zone {row.code} must have has_polygon=false")
        if any(row.code in g for g in geoms.values()):
            problems.append(f"zone code {row.code} collides with a boundary adcode")
        if not wuhan.contains(Point(row.lon, row.lat)):
            problems.append(f"zone {row.code}: lon/lat {row.lon},{row.lat} outside Wuhan")
    if gaz[["lon", "lat"]].isna().any().any():
        problems.append(f"rows without lon/lat: {list(gaz.loc[gaz['lon'].isna(), 'code'])}")
    return problems


def render_pngs(out_prefix: str, topojson_url: str | None) -> list[Path]:
    """One px.choropleth PNG per layer, coloured by feature index, labelled with short names."""
    import os

    import pandas as pd
    import plotly.express as px
    import plotly.io as pio

    os.environ.setdefault("BROWSER_PATH", "/usr/bin/chromium")
    if topojson_url:
        pio.defaults.topojson = topojson_url
    written = []
    for layer in LAYERS:
        fc = boundaries(layer)
        df = pd.DataFrame([f["properties"] for f in fc["features"]])
        df["value"] = range(len(df))
        fig = px.choropleth(
            df,
            geojson=fc,
            locations="adcode",
            featureidkey="properties.adcode",
            color="value",
            hover_name="name",
            color_continuous_scale="Viridis",
            title=f"{layer} ({len(df)} features)",
        )
        fig.update_geos(visible=False, fitbounds="locations")
        fig.update_layout(margin=dict(l=0, r=0, t=40, b=0), width=900, height=700)
        path = Path(f"{out_prefix}{layer}.png")
        fig.write_image(path)
        written.append(path)
    return written


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m geo.verify")
    ap.add_argument("--png", metavar="PREFIX", help="render <PREFIX><layer>.png for each layer")
    ap.add_argument(
        "--topojson-url",
        help="base URL holding world_110m.json (default: serve dashboard/static/ on 127.0.0.1)",
    )
    args = ap.parse_args(argv)

    problems = check()
    for p in problems:
        print("FAIL", p)
    if not problems:
        gaz = load_gazetteer()
        counts = ", ".join(f"{k}={len(boundaries(k)['features'])}" for k in LAYERS)
        print(
            f"OK: {len(gaz)} gazetteer rows, {int(gaz['has_polygon'].sum())} with polygons; "
            f"layers {counts}"
        )
    if args.png:
        try:
            import kaleido  # noqa: F401
        except ImportError:
            print(
                "--png needs kaleido (not a project dependency): run this module with a throwaway "
                "venv that has it, e.g. /tmp/venv-geo/bin/pip install kaleido==1.5.0 plotly==7.1.0 "
                "pandas, plus Chromium (BROWSER_PATH=/usr/bin/chromium)",
                file=sys.stderr,
            )
            return 2
        server = None
        url = args.topojson_url
        if url is None:
            server, url = _serve(STATIC_DIR)
        try:
            for path in render_pngs(args.png, url):
                print("wrote", path)
        finally:
            if server is not None:
                server.shutdown()
                print("topojson requests served:", _QuietHandler.requested or "none")
    return 1 if problems else 0


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static file handler that records requested paths instead of logging them."""

    requested: list[str] = []

    def end_headers(self):
        self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()

    def log_message(self, fmt, *args):
        _QuietHandler.requested.append(f"{self.command} {self.path} -> {args[1] if len(args) > 1 else '?'}")


def _serve(directory: Path):
    """Serve ``directory`` on an ephemeral 127.0.0.1 port in a daemon thread."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


if __name__ == "__main__":
    sys.exit(main())
