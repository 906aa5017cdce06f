"""What every session shares, per database version: values derived from the results, and figures.

Each page run asked for the same label dictionaries and year bounds many times (a cached query is unpickled on
every hit, then turned into a dict), and rebuilt its plotly figures from scratch (plotly validates every property
as it is set, and the map's boundaries are copied into each trace). These are kept once per database version and
key here, in the server process: a hit is the object itself, no copy, no hashing of its inputs (README "Scale",
"Pages and many users, session 16"). So what these functions return is shared by every session: callers never
mutate it.
"""
from __future__ import annotations

import gc
import importlib
import threading
from collections import OrderedDict
from copy import deepcopy

import plotly.graph_objects as go
from _plotly_utils.utils import convert_to_base64

from dashboard.db import Version, clear_results, pinned


def version() -> Version:
    """The database version this run reads (dashboard.db.pin)."""
    return pinned()[0]


class _Shared:
    """At most `size` values by (database version, key), oldest out first; thread-safe (sessions run in threads).
    A plain dict, not st.cache_resource: that hashes its arguments (md5 of their bytes) on every call, and the
    pages ask for labels and bounds tens of times a run."""

    def __init__(self, size: int):
        self.size, self.values, self.lock = size, OrderedDict(), threading.Lock()

    def get(self, key: tuple, build):
        with self.lock:
            if key in self.values:
                self.values.move_to_end(key)
                return self.values[key]
        value = build()                # outside the lock: two sessions may build the same value once each
        with self.lock:
            self.values[key] = value
            while len(self.values) > self.size:
                self.values.popitem(last=False)
        return value

    def clear(self) -> None:
        with self.lock:
            self.values.clear()


_derived = _Shared(512)
_view = _Shared(48)   # a map view holds its boundaries: 16 map views took 51 MiB with their image-button views


def derived(key: tuple, build):
    """build(), computed once per database version and `key` (a hashable tuple naming what is built and every
    input it depends on besides the database, e.g. the language): labels, bounds, code lists."""
    return _derived.get((version(), *key), build)


class SharedFigure(go.Figure):
    """A figure that is only shown: `to_dict` (what st.plotly_chart serialises) is computed once, not deep-copied
    on every run, and the boundaries a map's traces carry (`geojson`, most of that copy) are not copied at all:
    nothing changes them. Otherwise the same dict as plotly's own to_dict."""
    _shared_dict = None

    def to_dict(self):
        if self._shared_dict is None:
            if self._frame_objs:
                self._shared_dict = super().to_dict()
            else:
                data = [{k: v if k == "geojson" else deepcopy(v) for k, v in trace.items()} for trace in self._data]
                out = {"data": data, "layout": deepcopy(self._layout)}
                convert_to_base64(out)   # numpy arrays as typed arrays, as plotly's to_dict does
                self._shared_dict = out
        return self._shared_dict


def view(key: tuple, build):
    """What a page builds from its URL values (a figure, or a tuple of figures, HTML and tables), built once per
    database version and `key` (the page, its URL values and the language) and shared by every session: the page
    only shows it (st.plotly_chart reads a figure, st.dataframe converts a table). Images and slides build their
    own figures (dashboard/chart_views.py) and copy them before changing them."""
    def shared():
        built = build()
        return tuple(_share(v) for v in built) if isinstance(built, tuple) else _share(built)
    return _view.get((version(), *key), shared)


def _share(value):
    if type(value) is go.Figure:   # (not a charts.Shown: that one is shown as it is)
        value.__class__ = SharedFigure   # the same object, shown without copying
    return value


# What the pages import (plotly and its validators, pandas, the chart and image modules): imported before the freeze.
PAGE_MODULES = ("dashboard.chart_views", "dashboard.present", "dashboard.images", "dashboard.exports",
                "dashboard.controls", "dashboard.coverage", "data.pipeline.search_index", "data.reader.read")
_frozen = threading.Event()


def freeze_imports() -> None:
    """Once per process, before the first page is drawn: import what the pages use, then move every object there is
    (modules, classes, plotly's validators: about 120,000) out of the garbage collector's sight (gc.freeze). A full
    collection walked them all on every pass: at a million policies' caches 110 ms, and 20-30 ms without them
    (README "Session 18 at 1M"). Objects made afterwards, results and figures (which hold cycles), are collected as
    usual; only what exists now, which lives as long as the process anyway, is never collected."""
    if _frozen.is_set():
        return
    for module in PAGE_MODULES:
        importlib.import_module(module)
    gc.collect()
    gc.freeze()
    _frozen.set()


def clear_caches() -> None:
    """Forget every result, derived value and figure (not the connections), as a new database would."""
    from dashboard import present   # here: present imports this module
    clear_results()
    _derived.clear()
    _view.clear()
    present.built_views.clear()
