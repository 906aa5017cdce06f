"""Region gazetteer (``geo/gazetteer.csv``) and offline boundary layers (``geo/boundaries/``).

``gazetteer.csv`` is the single place that holds the region table: the country, Hubei,
its 17 prefecture-level units, Wuhan's 13 districts and Wuhan's functional zones
(project codes 420190-420193, not GB/T 2260 codes; see ``geo/README.md``).

    >>> from geo.gazetteer import load_gazetteer, resolve_region, boundaries
    >>> resolve_region("光谷")
    '420190'
    >>> fc = boundaries("wuhan_districts")   # GeoJSON FeatureCollection (dict)
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pandas as pd

GEO_DIR = Path(__file__).resolve().parent
GAZETTEER_CSV = GEO_DIR / "gazetteer.csv"
BOUNDARIES_DIR = GEO_DIR / "boundaries"

#: Boundary layers shipped in ``geo/boundaries/`` and the gazetteer level each one holds.
LAYERS: dict[str, str] = {
    "hubei_prefectures": "prefecture",
    "wuhan_districts": "district",
    "china_provinces": "province",
}

_STR_COLUMNS = ["code", "level", "parent_code", "name", "short_name", "aliases", "name_en"]


def load_gazetteer() -> pd.DataFrame:
    """Return the region table; codes are strings, ``has_polygon`` is bool, lon/lat float.

    Columns: code, level, parent_code, name, short_name, aliases (``|``-separated),
    name_en, has_polygon, lon, lat.  ``parent_code`` is ``""`` for the country row.
    A fresh copy is returned on each call, so callers may modify it.
    """
    return _load().copy()


@lru_cache(maxsize=1)
def _load() -> pd.DataFrame:
    df = pd.read_csv(
        GAZETTEER_CSV,
        dtype={c: str for c in _STR_COLUMNS} | {"has_polygon": str},
        keep_default_na=False,
        na_values={"lon": [""], "lat": [""]},
        encoding="utf-8",
    )
    df["has_polygon"] = df["has_polygon"].str.strip().str.lower().map({"true": True, "false": False})
    if df["has_polygon"].isna().any():
        raise ValueError(f"{GAZETTEER_CSV}: has_polygon must be true/false")
    df["has_polygon"] = df["has_polygon"].astype(bool)
    for col in ("lon", "lat"):
        df[col] = pd.to_numeric(df[col], errors="raise").astype("float64")
    return df


@lru_cache(maxsize=1)
def _name_index() -> dict[str, str]:
    """Map every name, short name and alias to its code (ambiguous forms raise)."""
    index: dict[str, str] = {}
    for row in _load().itertuples(index=False):
        forms = {row.name, row.short_name, *row.aliases.split("|")}
        for form in forms:
            form = form.strip()
            if not form:
                continue
            if index.get(form, row.code) != row.code:
                raise ValueError(
                    f"gazetteer: {form!r} is used by both {index[form]} and {row.code}"
                )
            index[form] = row.code
    return index


def resolve_region(name: str) -> str | None:
    """Return the region code for an official name, short name or alias, else ``None``.

    Exact match after stripping surrounding whitespace (no fuzzy matching):
    ``resolve_region("武汉")`` -> ``"420100"``, ``resolve_region(" 恩施州 ")`` -> ``"422800"``,
    ``resolve_region("东湖高新区")`` -> ``"420190"``, ``resolve_region("襄樊")`` -> ``None``.
    """
    if not isinstance(name, str):
        return None
    key = name.strip()
    if not key:
        return None
    return _name_index().get(key)


def boundaries(layer: str) -> dict:
    """Load ``geo/boundaries/<layer>.geojson`` as a GeoJSON FeatureCollection dict.

    ``layer`` is one of :data:`LAYERS` (``hubei_prefectures``, ``wuhan_districts``,
    ``china_provinces``); anything else raises ``ValueError``.  Features carry
    ``properties.adcode`` (join key, 6-digit string), ``name``, ``short_name``, ``level``,
    ``parent``; coordinates are WGS-84 with clockwise exterior rings, ready for
    ``px.choropleth(..., geojson=fc, featureidkey="properties.adcode")``.
    A fresh dict is returned on each call.
    """
    if layer not in LAYERS:
        raise ValueError(f"unknown boundary layer {layer!r}; expected one of {sorted(LAYERS)}")
    return json.loads(_read_layer(layer))


@lru_cache(maxsize=len(LAYERS))
def _read_layer(layer: str) -> str:
    return (BOUNDARIES_DIR / f"{layer}.geojson").read_text(encoding="utf-8")
