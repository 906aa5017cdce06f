"""Every filter, selection and chart option lives in the URL, as stable codes.

Each parameter has a spec (`Param`): its URL key, kind, default and the codes
it accepts. A page declares the parameters it uses; `Url.open` parses them
(valid / invalid with a reason / missing — invalid ones are ignored and listed
in a visible notice), seeds the widgets, and every widget change writes back
only the non-default values. Lists are written `a~b`, ranges `2020..2026`.

Why not `bind="query-params"`: in the pinned Streamlit (1.67) a bound widget
writes the option's *display label* to the URL (?topic=财税优惠) and rejects
codes (?topic=tax), so shared links would change with the interface language
and break when a label is reworded. `tests/test_url_state.py` pins that
behaviour; when Streamlit writes option values, this module can go.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable
from urllib.parse import urlencode

import streamlit as st

LIST_SEP = "~"
RANGE_SEP = ".."
MAX_VALUE_LEN = 120


@dataclass(frozen=True)
class Param:
    name: str                                   # URL key
    kind: str                                   # one / many / range / text
    default: object = None
    options: Callable[[], list[str]] | None = None   # allowed codes (one, many)
    bounds: Callable[[], tuple[int, int]] | None = None  # allowed years (range; text whose pattern starts with a year)
    max_len: int = 80                           # text
    pattern: str | None = None                  # text: the form a valid value has

    @property
    def widget_key(self) -> str:
        return f"w.{self.name}"

    def parse(self, raw: str) -> tuple[object, str | None]:
        """(value, None) for a valid URL value, (default, reason) otherwise."""
        if len(raw) > MAX_VALUE_LEN:
            return self.default, "too long"
        if self.kind == "text":
            text = raw.strip()[: self.max_len]
            if not text:
                return self.default, "empty"
            m = re.fullmatch(self.pattern, text) if self.pattern else None
            if self.pattern and not m:
                return self.default, "not in the expected form"
            if self.bounds and m:       # a pattern whose first group is a year: within the data's years
                lo, hi = self.bounds()
                if not lo <= int(m[1]) <= hi:
                    return self.default, "outside the years of the data"
            return text, None
        if self.kind == "one":
            return (raw, None) if raw in self.options() else (self.default, "unknown code")
        if self.kind == "many":
            codes = list(dict.fromkeys(c for c in raw.split(LIST_SEP) if c))
            allowed = set(self.options())
            bad = [c for c in codes if c not in allowed]
            good = [c for c in codes if c not in bad]   # a bad code does not drop the valid ones beside it
            if not good:
                return self.default, "unknown code" if bad else "empty"
            return good, "some codes unknown" if bad else None
        if self.kind == "range":
            m = re.fullmatch(r"([0-9]{4})\.\.([0-9]{4})", raw)   # [0-9]: \d takes any script's digits
            lo, hi = self.bounds()
            if not m or not (lo <= int(m[1]) <= int(m[2]) <= hi):
                return self.default, "not a range of years"
            return (int(m[1]), int(m[2])), None
        raise ValueError(f"unknown parameter kind {self.kind}")

    def encode(self, value) -> str | None:
        """The URL form of a value, or None when it is the default (not written)."""
        if value is None or value == self.default or value == [] or value == "":
            return None
        if self.kind == "many":
            return LIST_SEP.join(value)
        if self.kind == "range":
            if tuple(value) == tuple(self.bounds()):  # the full range is the default
                return None
            return f"{value[0]}{RANGE_SEP}{value[1]}"
        return str(value)


@dataclass
class Url:
    """The URL state of one page run: values by parameter name, and what was ignored."""
    params: dict[str, Param]
    values: dict[str, object] = field(default_factory=dict)
    ignored: list[tuple[str, str, str]] = field(default_factory=list)   # (key, value, reason)

    @classmethod
    def open(cls, params: list[Param]) -> "Url":
        """Parse the URL for these parameters and seed their widgets when the URL changed."""
        url = cls({p.name: p for p in params})
        for key in st.query_params:
            if key not in url.params:
                url.ignored += [(key, raw, "unknown parameter") for raw in dict.fromkeys(st.query_params.get_all(key))]
        for p in params:
            url.values[p.name] = url._read(p, list(dict.fromkeys(st.query_params.get_all(p.name))))
        signature = _signature()
        changed = st.session_state.get("_url_signature") != signature
        for p in params:
            if changed or p.widget_key not in st.session_state:
                st.session_state[p.widget_key] = url.values[p.name]
        st.session_state["_url_signature"] = signature
        st.session_state["_url_params"] = list(url.params)
        return url

    def _read(self, p: Param, raws: list[str]):
        """The value of a parameter from all its values in the URL (a key may be repeated).

        Each invalid value is ignored with its reason. Of a list parameter, every valid value counts
        (level=national&level=district is level=national~district); of any other, the last valid one,
        and the earlier ones are listed as repeated.
        """
        valid = []
        for raw in raws:
            value, reason = p.parse(raw)
            if reason:
                self.ignored.append((p.name, raw, reason))
            if not reason or reason == "some codes unknown":   # a list keeps its valid codes beside a bad one
                valid.append((raw, value))
        if not valid:
            return p.default
        if p.kind == "many":
            return list(dict.fromkeys(code for _, codes in valid for code in codes))
        self.ignored += [(p.name, raw, "repeated") for raw, _ in valid[:-1]]
        return valid[-1][1]

    def __getitem__(self, name: str):
        """The current value: the widget's when it has one, else the URL's."""
        return st.session_state.get(self.params[name].widget_key, self.values[name])

    def key(self) -> tuple:
        """Every parameter's current value as a hashable tuple: what a figure built from this view is cached under."""
        return tuple((name, tuple(v) if isinstance(v, list) else v) for name, v in ((n, self[n]) for n in self.params))

    def encoded(self, names: list[str] | None = None) -> dict[str, str]:
        """Non-default values as URL codes (all parameters, or the named ones)."""
        out = {}
        for name in names or list(self.params):
            text = self.params[name].encode(self[name])
            if text is not None:
                out[name] = text
        return out

    def notice(self, text: str, reason=lambda why: why) -> None:
        """A visible list of the parameters that were ignored (shown as plain text: no markup)."""
        if self.ignored:
            st.warning(text, icon="⚠️")
            st.code("\n".join(f"{shown_key(k)}={v[:60]!r}: {reason(why)}" for k, v, why in self.ignored),
                    language=None)

    def share_url(self) -> str:
        """This view as a link: the page's address and its non-default codes."""
        base = st.context.url or ""
        query = urlencode(self.encoded(), safe=LIST_SEP + ".")
        return f"{base}?{query}" if query else base


def shown_key(key: str) -> str:
    """A parameter name as the notice prints it: quoted when blank-edged or unprintable ('\\n', ' x')."""
    return key if key.isprintable() and key.strip() == key and key else repr(key)


_REGISTRY: dict[str, Param] = {}


def register(*params: Param) -> list[Param]:
    for p in params:
        _REGISTRY[p.name] = p
    return list(params)


def _signature() -> tuple:
    return tuple(sorted((k, tuple(st.query_params.get_all(k))) for k in st.query_params))


def write_url() -> None:
    """Widget callback: write every active parameter's non-default code to the URL."""
    out = {}
    for name in st.session_state.get("_url_params", []):
        p = _REGISTRY[name]
        text = p.encode(st.session_state.get(p.widget_key, p.default))
        if text is not None:
            out[name] = text
    st.query_params.from_dict(out)
    st.session_state["_url_signature"] = _signature()


def reset(names: list[str]) -> None:
    """Button callback: every named parameter back to its default."""
    for name in names:
        p = _REGISTRY[name]
        st.session_state[p.widget_key] = p.default
    write_url()
