"""What every session shares, per database version: values derived from the results, and figures.

Each page run asked for the same label dictionaries and year bounds many times (a cached query is unpickled on
every hit, then turned into a dict), and rebuilt its plotly figures from scratch (plotly validates every property
as it is set, and the map's boundaries are copied into each trace). These are kept once per database version and
key here, with st.cache_resource: a hit is the object itself, no copy (README "Scale", "Pages and many users,
session 16"). So what these functions return is shared by every session: callers never mutate it.
"""
from __future__ import annotations

from copy import deepcopy

import plotly.graph_objects as go
import streamlit as st
from _plotly_utils.utils import convert_to_base64

from dashboard.db import Version, _pinned


def version() -> Version:
    """The database version this run reads (dashboard.db.pin)."""
    return _pinned()[0]


def derived(key: tuple, build):
    """build(), computed once per database version and `key` (a hashable tuple naming what is built and every
    input it depends on besides the database, e.g. the language): labels, bounds, code lists."""
    return _derived(_pinned()[0], key, _build=build)


@st.cache_resource(show_spinner=False, max_entries=256)
def _derived(version: Version, key: tuple, _build):
    return _build()


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
    return _view(_pinned()[0], key, _build=build)


def _share(value):
    if isinstance(value, go.Figure):
        value.__class__ = SharedFigure   # the same object, shown without copying
    return value


@st.cache_resource(show_spinner=False, max_entries=48)   # a map figure holds its boundaries: about 1 MiB
def _view(version: Version, key: tuple, _build):
    built = _build()
    return tuple(_share(v) for v in built) if isinstance(built, tuple) else _share(built)


def clear_caches() -> None:
    """Forget every result, derived value and figure (not the connections), as a new database would."""
    from dashboard import present   # here: present imports this module
    st.cache_data.clear()
    _derived.clear()
    _view.clear()
    present._views.clear()
