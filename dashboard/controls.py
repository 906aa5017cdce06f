"""Widgets tied to URL parameters, and the sidebar every page shares.

Every widget here takes its value from the URL state (`dashboard.state`) and
writes changes back to it; pages never call st.query_params themselves.
"""
from __future__ import annotations

import re

import streamlit as st

from dashboard import meeting_pack, params, present
from dashboard.db import run_query
from dashboard.shared import derived
from dashboard.i18n import lang, t
from dashboard.state import Url, reset, write_url


# an empty cell of a table (st.dataframe's placeholder): Streamlit's own is a grey "None", English in either interface
NO_VALUE = "—"
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$&:])")


def md(value) -> str:
    """Text from data or the URL, safe inside st.markdown: every markdown character backslash-escaped."""
    return _MD_SPECIAL.sub(r"\\\1", "" if value is None else str(value))


def current_url() -> Url:
    """The URL state the router opened for this run."""
    return st.session_state["url"]


# code → label dictionaries, built once per database version and language (shared: never mutated)

def _lookup(query: str, key: str, column: str) -> dict[str, str]:
    def build():
        table = run_query(query)
        return dict(zip(table[key].tolist(), table[column].tolist()))
    return derived((query, column), build)


def topic_labels() -> dict[str, str]:
    return _lookup("common/lookup_topics", "slug", "label_zh" if lang() == "zh" else "label_en")


def measure_labels() -> dict[str, str]:
    return _lookup("common/lookup_measures", "slug", "label_zh" if lang() == "zh" else "label_en")


def region_labels() -> dict[str, str]:
    # a shared name carries its parent's: 鼓楼区（南京）
    return _lookup("common/lookup_regions", "code", "label" if lang() == "zh" else "label_en")


def level_labels() -> dict[str, str]:
    return {code: t(f"level.{code}") for code in params.LEVELS}


def status_labels() -> dict[str, str]:
    return {code: t(f"status.{code}") for code in params.STATUSES}


# Widgets ----------------------------------------------------------------------

def choose_one(url: Url, name: str, label: str, labels: dict[str, str], widget=st.selectbox,
               none_label: str | None = None, **kwargs):
    """A single choice among codes; `none_label` adds a leading 'all' option (value None)."""
    options = ([None] if none_label else []) + list(labels)
    if st.session_state.get(url.params[name].widget_key) not in options:
        st.session_state[url.params[name].widget_key] = url.params[name].default
    if none_label and widget is st.selectbox:
        kwargs.setdefault("placeholder", none_label)  # what a selectbox shows while its value is None
    return widget(label, options, format_func=lambda c: none_label if c is None else labels.get(c, c),
                  key=url.params[name].widget_key, on_change=write_url, **kwargs)


def choose_many(url: Url, name: str, label: str, labels: dict[str, str], widget=st.multiselect, **kwargs):
    if widget is st.multiselect:   # Streamlit's "Select all" is English only; nothing selected already means all
        kwargs.setdefault("select_all", False)
    return widget(label, list(labels), format_func=lambda c: labels.get(c, c),
                  key=url.params[name].widget_key, on_change=write_url, **kwargs)


def choose_years(url: Url, name: str = "years"):
    lo, hi = params.year_bounds()
    key = url.params[name].widget_key
    if st.session_state.get(key) is None:
        st.session_state[key] = (lo, hi)
    return st.slider(t("years"), lo, hi, key=key, on_change=write_url)


def enter_text(url: Url, name: str, label: str, **kwargs):
    return st.text_input(label, key=url.params[name].widget_key, on_change=write_url,
                         max_chars=url.params[name].max_len, **kwargs)


# The sidebar ------------------------------------------------------------------

def sidebar(url: Url, pages: dict, current: str) -> None:
    with st.sidebar:
        st.markdown(f"### {t('app_title')}")
        choose_one(url, "lang", t("language"), {"zh": "中文", "en": "English"}, widget=st.radio, horizontal=True)
        shared = url.encoded(params.SHARED_NAMES)
        for name, page in pages.items():  # links carry the shared filters to the other pages
            st.page_link(page, label=t(f"nav_{name}"), query_params=shared, icon=page.icon)
        st.divider()
        st.markdown(f"**{t('filters')}**")
        choose_many(url, "level", t("level"), level_labels(), placeholder=t("all"))
        choose_many(url, "topic", t("topic"), topic_labels(), placeholder=t("all"))
        choose_one(url, "region", t("region"), region_labels(), none_label=t("all"))
        choose_years(url)
        choose_many(url, "status", t("status"), status_labels(), placeholder=t("all"))
        st.button(t("reset"), on_click=reset, args=(list(url.params),), width="stretch")
        st.divider()
        present.toggle()
        meeting_pack.sidebar(current)
        st.caption(t("copy_link"))
        st.code(url.share_url(), language=None, wrap_lines=True)
        st.caption(t("copy_link_help"))
