"""Every view is a link: URL → widgets → URL is the identity, with stable codes, only non-default values."""
from urllib.parse import parse_qs, urlparse

import pytest
from streamlit.testing.v1 import AppTest

SHARED_LINKS = [
    {"level": "national~district", "topic": "tax~digital", "region": "420106", "years": "2022..2026",
     "status": "in_force", "lang": "en"},
    {"region": "420700", "status": "expired"},
    {"topic": "relief"},
]


def share_link(at) -> dict[str, str]:
    """The 'copy link' box of the sidebar, as a dict of parameters."""
    link = at.sidebar.code[-1].value
    return {k: v[-1] for k, v in parse_qs(urlparse(link).query).items()}


@pytest.mark.parametrize("query", SHARED_LINKS)
def test_url_to_widgets_to_url_is_the_identity(open_page, query):
    at = open_page("overview", **query)
    assert not at.warning
    assert share_link(at) == query


def test_default_view_writes_nothing(open_page):
    at = open_page("overview")
    assert share_link(at) == {}


def test_widget_changes_write_codes_not_labels(open_page):
    at = open_page("overview", region="420106")
    at.sidebar.multiselect[1].set_value(["finance", "tax"]).run()  # 主题
    assert dict(at.query_params) == {"region": "420106", "topic": "finance~tax"}
    at.sidebar.selectbox[0].set_value(None).run()                     # 地区 → 全部 (the default)
    assert dict(at.query_params) == {"topic": "finance~tax"}


def test_page_links_carry_the_shared_filters(open_page):
    at = open_page("overview", region="420106", topic="digital")
    links = {link.proto.page: parse_qs(link.proto.query_string) for link in at.sidebar.get("page_link")}
    assert set(links) == {"", "trends", "map", "ai", "explorer", "sources", "add"}  # "" is the default page, 总览
    assert all(q == {"region": ["420106"], "topic": ["digital"]} for q in links.values()), links


def test_streamlit_bind_writes_labels_not_codes():
    """Why dashboard/state.py does its own URL syncing: Streamlit 1.67's bind="query-params" matches
    the URL against the option's *label*, so a code in a shared link is dropped. If this test starts
    failing, Streamlit has learned to bind codes, and state.py can switch to bind."""
    script = """
import streamlit as st
LABELS = {"finance": "金融", "tax": "财税"}
st.selectbox("topic", list(LABELS), format_func=LABELS.get, key="topic", bind="query-params")
"""
    by_code = AppTest.from_string(script)
    by_code.query_params["topic"] = "tax"
    by_code.run()
    by_label = AppTest.from_string(script)
    by_label.query_params["topic"] = "财税"
    by_label.run()
    assert by_code.selectbox[0].value == "finance"   # the code was not understood
    assert by_label.selectbox[0].value == "tax"      # the label was
