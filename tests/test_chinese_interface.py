"""The Chinese interface as rendered: no English word in its headings, labels, captions, notes or column names.

Data keeps its own words (a curated row's English title, REITs in a policy's name, a URL, a file name), so
table cells and policy texts are not scanned; the language switch names English on purpose.
"""
from __future__ import annotations

import re

import pytest

# file names, links, the project's own identifiers in backticks or code: not words of the interface
NOT_WORDS = re.compile(r"https?\\?://\S+|[\w/.\\-]*\.(?:csv|txt|pdf|docx|html?|md|json|py)\b|`[^`]*`|<[^>]+>"
                       r"|[\w.-]+/[\w./-]*|python -m [\w.]+|\bp[0-9a-f]{10}\b")   # a folder; p9d157bf333: a policy id
ENGLISH = re.compile(r"[A-Za-z]*[a-z][A-Za-z]*")
LANGUAGE_SWITCH = {"语言 / Language", "English"}


def interface_text(at):
    for kind in ("caption", "title", "header", "subheader", "info", "warning", "error", "success"):
        for el in getattr(at, kind):
            yield kind, str(el.value)
    for el in at.markdown:
        if 'class="policy-text"' not in el.value:    # the policy's own text, with its terms marked
            yield "markdown", el.value
    for el in at.metric:
        yield "metric", str(el.label)
    for kind in ("selectbox", "multiselect", "radio", "text_input", "slider", "select_slider", "checkbox", "toggle",
                 "button"):
        for el in getattr(at, kind):
            yield kind, str(el.label)
    for el in at.dataframe:
        yield "column names", " | ".join(map(str, el.value.columns))
    for el in at.tabs:
        yield "tab", str(el.label)
    for el in at.expander:
        yield "expander", str(el.label)


def english_words(text: str) -> list[str]:
    return [w for w in ENGLISH.findall(NOT_WORDS.sub(" ", text)) if len(w) > 1]


@pytest.mark.parametrize("page, query", [
    ("overview", {}), ("trends", {"gran": "quarter", "split": "topic"}), ("map", {"layer": "wuhan", "region": "420106"}),
    ("map", {}), ("ai", {}), ("explorer", {"q": "专精特新"}), ("sources", {}), ("add", {}),
])
def test_a_chinese_page_shows_no_english_word(open_page, page, query):
    at = open_page(page, **query)
    left = {(kind, text[:100]): words for kind, text in interface_text(at)
            if text not in LANGUAGE_SWITCH and (words := english_words(text))}
    assert not left, left
    # an empty cell reads —, not Streamlit's grey "None"
    assert [d.proto.placeholder for d in at.dataframe] == ["—"] * len(at.dataframe)


@pytest.mark.parametrize("evidence", ["register_entry", "full_text", "curated_term"])
def test_a_policy_detail_in_chinese_shows_no_english_word(open_page, q, evidence):
    pid = q("SELECT policy_id FROM policies WHERE evidence_kind = $k ORDER BY policy_id LIMIT 1", k=evidence)[0]["policy_id"]
    title = q("SELECT title FROM policies WHERE policy_id = $p", p=pid)[0]["title"]
    at = open_page("explorer", policy=pid)
    left = {(kind, text[:100]): words for kind, text in interface_text(at)     # the title is data, in any language
            if text not in LANGUAGE_SWITCH and (words := english_words(text.replace(title, "")))}
    assert not left, left
