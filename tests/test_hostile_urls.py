"""Hostile links, generated: every parameter of every page fed with what a careless or hostile link holds.

Random unicode, digits of other scripts, very long values, repeated keys, empty values, values of the
wrong type, SQL- and script-like text, edge years, unknown keys. One AppTest per page is shared by all
its cases (a new URL reseeds every widget, dashboard/state.py), so a case costs one rerun.

Each case must render without an exception or the 'page failed' message, and every value the URL
spec rejects must be named in the notice (`key='value'`). Which values the spec accepts is written
out again here, independently of dashboard/state.py, from the spec in dashboard/params.py.

CASES (default 3000) sets the total; the pages share it by how long a rerun takes.
"""
from __future__ import annotations

import functools
import os
import re
import time
from urllib.parse import parse_qs, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from dashboard import params
from dashboard.i18n import TEXT
from dashboard.state import MAX_VALUE_LEN, shown_key

from test_robustness import shown_ok
from tests.conftest import APP

TOTAL = int(os.environ.get("CASES", "3000"))
SHARE = {"overview": 0.26, "trends": 0.30, "sources": 0.24, "explorer": 0.08, "ai": 0.07, "map": 0.05}
SCRIPTS = {"trends": "trends.py", "map": "regional_map.py", "ai": "ai_compare.py", "explorer": "explorer.py",
           "sources": "sources.py"}
STREAMLIT_KEYS = {"embed", "embed_options"}     # Streamlit's own: never reach st.query_params
RAN: dict[str, tuple[int, float]] = {}

# Digits of ten scripts: int() and \d take them all; a year in a link is written in 0-9 only.
DIGITS = ["0123456789", "０１２３４５６７８９", "٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹", "०१२३४५६७८९", "০১২৩৪৫৬৭৮৯",
          "๐๑๒๓๔๕๖๗๘๙", "𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗", "〇一二三四五六七八九", "⁰¹²³⁴⁵⁶⁷⁸⁹"]
HOSTILE = [
    "", " ", "\t", "~", "~~", "..", "null", "None", "undefined", "true", "0", "-1", "1e309", "NaN", "[]", "{}",
    "[1, 2]", "{\"a\": 1}", "0x10", "２", "'; DROP TABLE policies; --", "' OR '1'='1", "1; SELECT 1",
    "$region", "$1", "?", "%s", "{0}", "\\", "\x00", "\r\n", "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>", "javascript:alert(1)", "[x](javascript:alert(1))", "**bold**", "# h1",
    "$$x$$", ":red[x]", "<!--", "&amp;", "%3Cscript%3E", "../../etc/passwd", "/etc/hostname",
    "read_text('/etc/hostname')", "COPY policies TO '/tmp/x.csv'", "贴息", "武昌区", "税收", "national~",
    "~national", "national~national", "NATIONAL", " national", "420106 ", "４２０１０６", "420106~420107",
    "2023", "2023-Q2", "2023-05", "2023-Q5", "2023-Q0", "2023-13", "2023-00", "2023-q1", "2023Q1", "2023-5",
    "20230", "0000", "9999", "9999-Q4", "9999-12", "0000-01", "2020..2026", "2026..2020", "2020..2020",
    "0000..9999", "1..2", "-2020..2024", "2020...2024", "2020..2024..2025", "2020-2024", "2020 .. 2024",
    "x" * (MAX_VALUE_LEN + 1), "贴" * 200,
]
UNICODE = st.characters(blacklist_categories=("Cs",))     # lone surrogates cannot be in a URL


@functools.cache
def _options(name: str):
    """The codes a parameter accepts: a set, or for a policy id or issuer the spec's point-query checker."""
    p = next(p for page in params.PAGES for p in params.page_params(page) if p.name == name)
    if not p.options:
        return frozenset()
    codes = p.options()
    return codes if isinstance(codes, params._Known) else frozenset(codes)


def options(p) -> list[str]:
    """The codes a parameter accepts (read once: the test database does not change); for the parameters
    checked one value at a time (a policy id, an issuer), a sample read from the test database."""
    codes = _options(p.name)
    return sorted(codes) if isinstance(codes, frozenset) else _sample(p.name)


@functools.cache
def _sample(name: str) -> list[str]:
    import duckdb
    sql = {"policy": "SELECT policy_id FROM policies ORDER BY 1 LIMIT 40",
           "issuer": "SELECT DISTINCT unnest(issuers) FROM policies ORDER BY 1 LIMIT 40"}[name]
    con = duckdb.connect(os.environ["SME_POLICY_DB"], read_only=True)
    try:
        return [r[0] for r in con.execute(sql).fetchall()]
    finally:
        con.close()


def year_text(draw) -> str:
    digits = draw(st.lists(st.sampled_from(DIGITS), min_size=1, max_size=2))
    year = draw(st.integers(0, 9999))
    return "".join(draw(st.sampled_from(digits))[int(c)] for c in f"{year:04d}")


@st.composite
def years_like(draw) -> str:
    sep = draw(st.sampled_from(["..", "..", "...", ".", "-", "~", " .. "]))
    return f"{year_text(draw)}{sep}{year_text(draw)}"


@st.composite
def period_like(draw) -> str:
    suffix = draw(st.sampled_from(["", "", "-Q1", "-Q4", "-Q0", "-Q5", "-01", "-12", "-13", "-00", "-q2", "Q1"]))
    return year_text(draw) + suffix


def valid_values(p) -> st.SearchStrategy[str]:
    """Values the spec accepts (so a case also mixes valid and invalid parameters)."""
    if p.kind == "one":
        return st.sampled_from(options(p))
    if p.kind == "many":
        return st.lists(st.sampled_from(options(p)), min_size=1, max_size=4).map("~".join)
    if p.kind == "range":
        lo, hi = p.bounds()
        return st.tuples(st.integers(lo, hi), st.integers(lo, hi)).map(lambda t: f"{min(t)}..{max(t)}")
    if p.name == "period":
        lo, hi = p.bounds()
        return st.builds(lambda y, s: f"{y}{s}", st.integers(lo, hi),
                         st.sampled_from(["", "-Q1", "-Q2", "-Q3", "-Q4"] + [f"-{m:02d}" for m in range(1, 13)]))
    return st.text(UNICODE, min_size=1, max_size=30)


def values_for(p) -> st.SearchStrategy[str]:
    codes = options(p) or ["x"]
    return st.one_of(
        valid_values(p),
        st.sampled_from(HOSTILE),
        years_like(), period_like(),
        st.text(UNICODE, max_size=40),
        st.text(UNICODE, min_size=MAX_VALUE_LEN - 5, max_size=MAX_VALUE_LEN + 80),
        st.lists(st.sampled_from(codes + ["", "bogus", "<b>x</b>"]), min_size=1, max_size=5).map("~".join),
        st.lists(st.sampled_from(codes), min_size=1, max_size=40).map("~".join),       # long and valid-looking
    )


def cases(page: str) -> st.SearchStrategy[dict]:
    spec = {p.name: p for p in params.page_params(page)}
    other = st.text(UNICODE, min_size=1, max_size=12).filter(lambda k: k.lower() not in STREAMLIT_KEYS)
    keys = st.one_of(st.sampled_from(sorted(spec)), st.sampled_from(["zz", "page", "EMBED", "not_found"]), other)

    def value(key: str) -> st.SearchStrategy:
        one = values_for(spec[key]) if key in spec else st.one_of(st.sampled_from(HOSTILE), st.text(UNICODE))
        return st.one_of(one, one, one, st.lists(one, min_size=2, max_size=3))      # a list repeats the key
    return st.lists(keys, unique=True, max_size=6).flatmap(
        lambda ks: st.fixed_dictionaries({k: value(k) for k in ks}))


# The spec, written out again -----------------------------------------------------------------------

PERIOD = re.compile(r"([0-9]{4})(?:-Q[1-4]|-(?:0[1-9]|1[0-2]))?")
YEARS = re.compile(r"([0-9]{4})\.\.([0-9]{4})")


def accepted(p, raw: str) -> bool:
    """Does the URL spec of dashboard/params.py accept this value of this parameter?"""
    if len(raw) > MAX_VALUE_LEN:
        return False
    if p.kind == "one":
        return raw in _options(p.name)
    if p.kind == "many":
        codes = [c for c in raw.split("~") if c]
        return bool(codes) and all(c in _options(p.name) for c in codes)
    if p.kind == "range":
        m = YEARS.fullmatch(raw)
        lo, hi = p.bounds()
        return bool(m) and lo <= int(m[1]) <= int(m[2]) <= hi
    text = raw.strip()[: p.max_len]
    if p.name == "period":
        m = PERIOD.fullmatch(text)
        lo, hi = p.bounds()
        return bool(m) and lo <= int(m[1]) <= hi
    return bool(text)


def received(case: dict) -> dict[str, list[str]]:
    """What the app's st.query_params holds for this case (the URL as AppTest sends it)."""
    got = parse_qs(urlencode(case, doseq=True), keep_blank_values=True)
    return {k: list(dict.fromkeys(v)) for k, v in got.items() if k.lower() not in STREAMLIT_KEYS}


def check(at: AppTest, page: str, case: dict) -> None:
    shown_ok(at)
    spec = {p.name: p for p in params.page_params(page)}
    shown = "\n".join(c.value for c in at.main.code)
    for key, raws in received(case).items():
        if key == "not_found":
            assert set(TEXT["page_not_found"]) & {w.value for w in at.warning}
            continue
        for raw in raws:
            if key not in spec or not accepted(spec[key], raw):
                assert f"{shown_key(key)}={raw[:60]!r}:" in shown, f"{key}={raw!r} is not named in the notice"
    for element in at.main.markdown:                                  # nothing from a URL renders as HTML
        assert "<script" not in element.value and "onerror=" not in element.value.replace("\\", "")


def shared_app(page: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    if page != "overview":
        at.switch_page(f"app_pages/{SCRIPTS[page]}")
        at.run()
    return at


@pytest.mark.parametrize("page", list(SHARE))
def test_generated_hostile_links(app_env, page):
    n = max(1, round(TOTAL * SHARE[page]))
    at = shared_app(page)
    title = TEXT[f"nav_{page}"]
    ran = []
    start = time.perf_counter()

    @settings(max_examples=n, deadline=None, database=None, derandomize=False, print_blob=True,
              suppress_health_check=list(HealthCheck))
    @given(case=cases(page))
    def one(case):
        at.query_params = {k: v for k, v in case.items()}
        at.run()
        check(at, page, case)
        present = case.get("present")
        if "1" not in (present if isinstance(present, list) else [present]):   # presentation mode draws slides
            assert at.title and at.title[0].value in title, "the case left the page"
        ran.append(case)

    one()
    RAN[page] = (len(ran), time.perf_counter() - start)
    print(f"\n{page}: {len(ran)} cases in {RAN[page][1]:.1f} s")
    assert len(ran) >= n


def test_the_spec_written_here_agrees_on_known_values(app_env):
    """The oracle itself: known valid and invalid values of each kind."""
    spec = {p.name: p for page in params.PAGES for p in params.page_params(page)}
    assert accepted(spec["years"], "2020..2026") and not accepted(spec["years"], "٢٠٢٣..٢٠٢٤")
    assert accepted(spec["period"], "2023-Q2") and not accepted(spec["period"], "9999-Q4")
    assert accepted(spec["level"], "national~district") and not accepted(spec["level"], "national~bogus")
    assert accepted(spec["q"], "贴息") and not accepted(spec["q"], "   ")
    assert not accepted(spec["region"], "420106 ") and accepted(spec["region"], "420106")
