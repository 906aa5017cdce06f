"""Issue 12, the dashboard side: one test per point fixed, each on the real database.

1 trends on filters that match nothing · 2 edge and non-ASCII years · 3 repeated keys · 4 errors without
tracebacks · 8 the app follows a rebuilt database file · 9 the connection reads no other file · 10 unknown
and nested paths. (5, 6, 7 are the build's: tests/test_build_*.)
"""
from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import os
import shutil
import tomllib
import urllib.request
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest
import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.testing.v1 import AppTest

from dashboard import db, not_found
from dashboard.charts_trends import period_bounds
from dashboard.i18n import TEXT
from dashboard.serve import serve as app_server
from tests.conftest import run_page

ROOT = Path(__file__).resolve().parents[1]
PAGE_FAILED = TEXT["page_failed"][0]
FAILED_ANY_LANG = set(TEXT["page_failed"])
NO_DATA = TEXT["no_data"][0]


run = run_page   # the app on one page with these URL parameters, errors left for the test to judge


def shown_ok(at: AppTest) -> None:
    """No exception element and no 'page failed' message."""
    assert not at.exception, [e.value for e in at.exception]
    assert not FAILED_ANY_LANG & {e.value for e in at.error}


def notice(at: AppTest) -> str:
    return "\n".join(c.value for c in at.main.code)


def metric(at: AppTest, label: str) -> int:
    return int(next(m.value for m in at.metric if m.label == label))


def counts(path: Path) -> int:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("SELECT count(*) FROM policies").fetchone()[0]
    finally:
        con.close()


def without_source(src: Path, dst: Path, source_id: str) -> None:
    """A copy of a built database as a build without that source would make it, renamed into place."""
    part = dst.with_name(dst.name + ".part")
    shutil.copy(src, part)
    con = duckdb.connect(str(part))
    orphans = "(SELECT policy_id FROM policies WHERE policy_id NOT IN (SELECT policy_id FROM policy_sources))"
    con.execute("DELETE FROM terms WHERE source_id = $s", {"s": source_id})
    con.execute("DELETE FROM policy_sources WHERE source_id = $s", {"s": source_id})
    con.execute(f"DELETE FROM search_terms WHERE doc IN (SELECT doc FROM search_docs WHERE policy_id IN {orphans})")
    for table, column in (("terms", "policy_id"), ("clauses", "policy_id"), ("policy_topics", "policy_id"),
                          ("register_terms", "policy_id"), ("search_docs", "policy_id"),
                          ("policy_relations", "from_policy"), ("policy_relations", "to_policy")):
        con.execute(f"DELETE FROM {table} WHERE {column} IN {orphans}")
    con.execute(f"UPDATE curated_terms SET policy_id = NULL WHERE policy_id IN {orphans}")
    con.execute(f"DELETE FROM policies WHERE policy_id IN {orphans}")
    con.execute("DELETE FROM sources WHERE source_id = $s", {"s": source_id})
    from data.pipeline import coverage, load   # the tables built with the database, as a build would make them
    con.execute("DELETE FROM coverage")
    load.build_aggregates(con)
    coverage.write_coverage(con)
    con.close()
    os.replace(part, dst)


def run_async(coroutine):
    """asyncio.run in a thread of its own: the session's Playwright keeps an event loop in this one."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


@contextlib.contextmanager
def serve(database: Path, folder: Path):
    """The dashboard on a free port, reading `database`: yields (base URL, its log file)."""
    log = folder / "streamlit.log"
    with app_server(database, log) as (base, _):
        yield base, log


class Session:
    """One browser session: page loads over one websocket, each returning what the page showed."""

    def __init__(self, base: str):
        self.url = base.replace("http", "ws", 1) + "/_stcore/stream"

    async def __aenter__(self):
        self.ws = await websockets.connect(self.url, subprotocols=["streamlit"], max_size=None)
        return self

    async def __aexit__(self, *exc):
        await self.ws.close()

    async def load(self, page: str, query: str) -> dict:
        msg = BackMsg()
        msg.rerun_script.query_string = query
        msg.rerun_script.page_name = page
        await self.ws.send(msg.SerializeToString())
        shown = {"metrics": [], "tables": [], "charts": [], "alerts": [], "exceptions": [], "headings": []}
        while True:
            fm = ForwardMsg()
            fm.ParseFromString(await asyncio.wait_for(self.ws.recv(), 120))
            kind = fm.WhichOneof("type")
            if kind == "script_finished":
                return shown
            if kind != "delta" or fm.delta.WhichOneof("type") != "new_element":
                continue
            el = fm.delta.new_element
            t = el.WhichOneof("type")
            if t == "metric":
                shown["metrics"].append((el.metric.label, el.metric.body))
            elif t == "dataframe":
                table = pa.ipc.open_stream(el.dataframe.arrow_data.data).read_all().to_pandas()
                shown["tables"].append(table.to_csv(index=False))
            elif t == "plotly_chart":
                shown["charts"].append(el.plotly_chart.spec)
            elif t == "alert":
                shown["alerts"].append(el.alert.body)
            elif t == "exception":
                shown["exceptions"].append(el.exception.message)
            elif t == "heading":
                shown["headings"].append(el.heading.body)



# 1. The trends page on filters that leave nothing --------------------------------------------------

@pytest.mark.parametrize("query", [{"region": "420107"}, {"status": "not_yet"}, {"status": "unknown"},
                                   {"years": "2021..2021"}, {"region": "420107", "mode": "in_force"},
                                   {"status": "not_yet", "gran": "month", "split": "topic", "mode": "share"}])
def test_1_trends_with_no_matching_policy_says_so(app_env, q, query):
    at = run("trends", **query)
    shown_ok(at)
    assert not at.warning, "these are valid filters"
    if not at.get("plotly_chart"):
        assert NO_DATA in [i.value for i in at.info]


def test_1_region_without_policies_is_really_empty(app_env, q):
    assert q("SELECT count(*) AS n FROM policies WHERE region_code = '420107'")[0]["n"] == 0
    assert q("SELECT count(*) AS n FROM regions WHERE code = '420107'")[0]["n"] == 1


# 2. Years at the edge of the calendar, digits of other scripts ---------------------------------------

@pytest.mark.parametrize("period", ["0000", "9999", "9999-Q4", "9999-12", "1000-01"])
def test_2_a_period_outside_the_data_is_named_not_a_crash(app_env, period):
    at = run("trends", period=period)
    shown_ok(at)
    assert f"period={period!r}: 不在数据的年份范围内" in notice(at)


@pytest.mark.parametrize("key,value", [("period", "２０２３"), ("period", "٢٠٢٣-Q1"), ("years", "٢٠٢٣..٢٠٢٤"),
                                       ("years", "２０２２..２０２３")])
def test_2_non_ascii_digits_are_not_years(app_env, key, value):
    at = run("trends", **{key: value})
    shown_ok(at)
    assert f"{key}={value!r}" in notice(at)
    assert at.sidebar.slider[0].value == (2020, 2026)      # the full range, not 2023..2024


def test_2_period_bounds_reach_the_last_day_a_date_has():
    assert period_bounds("9999-Q4")[1].isoformat() == "9999-12-31"
    assert period_bounds("9999-12")[1].isoformat() == "9999-12-31"
    assert period_bounds("2024-Q1")[1].isoformat() == "2024-03-31"
    assert period_bounds("0000") is None and period_bounds("２０２３") is None


# 3. A key given more than once ----------------------------------------------------------------------

def test_3_every_value_of_a_repeated_key_is_read(app_env):
    at = run("overview", region=["<script>alert(1)</script>", "420106"])
    shown_ok(at)
    assert "region='<script>alert(1)</script>': 未知代码" in notice(at)
    assert at.sidebar.selectbox[0].value == "420106"


def test_3_repeated_list_keys_add_up_and_a_repeated_choice_is_named(app_env):
    at = run("overview", level=["national", "district"], region=["420106", "420102"], zz=["1", "2"])
    shown_ok(at)
    assert at.sidebar.multiselect[0].value == ["national", "district"]
    assert at.sidebar.selectbox[0].value == "420102"
    text = notice(at)
    assert "region='420106': 参数重复，只用最后一个" in text
    assert "zz='1': 未知参数" in text and "zz='2': 未知参数" in text


# 4. An error shows a short message in the interface language; the details go to the log ----------------

def test_4_streamlit_shows_no_error_details():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none"


def test_4_a_failing_page_says_so_briefly_and_logs_the_details(db_path, tmp_path):
    """A database without the search index (an older schema): the explorer's search fails. The browser gets
    one short message in its language and no traceback; the server log gets the details."""
    broken = tmp_path / "old_schema.duckdb"
    shutil.copy(db_path, broken)
    con = duckdb.connect(str(broken))
    con.execute("DROP TABLE search_docs")
    con.close()

    async def load(query: str) -> dict:
        async with Session(base) as session:
            return await session.load("explorer", query)
    with serve(broken, tmp_path) as (base, log):
        zh, en = run_async(load("q=%E8%B4%B4%E6%81%AF")), run_async(load("q=%E8%B4%B4%E6%81%AF&lang=en"))
    assert not zh["exceptions"] and not en["exceptions"]
    assert PAGE_FAILED in zh["alerts"] and TEXT["page_failed"][1] in en["alerts"]
    shown = repr(zh) + repr(en)
    assert "search_docs" not in shown and str(tmp_path) not in shown and "Traceback" not in shown
    logged = log.read_text(encoding="utf-8")
    assert "page explorer failed" in logged and "Traceback" in logged and "search_docs" in logged


def test_4_under_apptest_the_exception_itself_shows(app_env, tmp_path, monkeypatch):
    """So every page test that checks `not at.exception` still catches a failing page."""
    broken = tmp_path / "old_schema.duckdb"
    shutil.copy(app_env, broken)
    con = duckdb.connect(str(broken))
    con.execute("DROP TABLE search_docs")
    con.close()
    monkeypatch.setenv("SME_POLICY_DB", str(broken))
    at = run("explorer", q="贴息")
    assert at.exception and "search_docs" in at.exception[0].value


# 8. The app follows the database file --------------------------------------------------------------

def test_8_after_an_in_place_rebuild_the_page_shows_the_new_database(app_env, tmp_path, monkeypatch):
    live = tmp_path / "policies.duckdb"
    shutil.copy(app_env, live)
    monkeypatch.setenv("SME_POLICY_DB", str(live))
    at = run("overview")
    shown_ok(at)
    assert metric(at, "政策数") == counts(app_env)
    without_source(app_env, tmp_path / "next.duckdb", "national_2023")
    os.replace(tmp_path / "next.duckdb", live)           # what data.pipeline.build does
    at.run()
    shown_ok(at)
    assert metric(at, "政策数") == counts(live) < counts(app_env)
    assert "002_802860970c280f04.txt" not in at.dataframe[-1].value.iloc[:, 0].tolist()   # where the data comes from


def test_8_one_version_per_run(app_env, tmp_path, monkeypatch):
    """The version a run pinned answers all its queries, even when the file is replaced meanwhile."""
    live = tmp_path / "policies.duckdb"
    shutil.copy(app_env, live)
    monkeypatch.setenv("SME_POLICY_DB", str(live))
    version, con = db._open_current()
    without_source(app_env, tmp_path / "next.duckdb", "national_2023")
    os.replace(tmp_path / "next.duckdb", live)
    old = db._cached(version, "overview/headline_numbers", dict(
        levels=None, topics=None, region=None, year_from=2000, year_to=2030, include_undated=True,
        statuses=None), _con=con)
    assert int(old.policies.iloc[0]) == counts(app_env)
    now = db.run_query("overview/headline_numbers", levels=None, topics=None, region=None, year_from=2000,
                       year_to=2030, include_undated=True, statuses=None)
    assert db.file_version(live) != version and int(now.policies.iloc[0]) == counts(live)


# 9. The app's connection touches no other file ---------------------------------------------------------

def test_9_the_connection_cannot_read_or_write_files(app_env, tmp_path):
    con = db.connection(db.file_version(app_env)).cursor()
    with pytest.raises(duckdb.PermissionException):
        con.execute("SELECT * FROM read_text('/etc/hostname')").fetchall()
    with pytest.raises(duckdb.PermissionException):
        con.execute(f"COPY (SELECT 1) TO '{tmp_path / 'leak.csv'}'")
    assert not (tmp_path / "leak.csv").exists()
    with pytest.raises(duckdb.Error):
        con.execute("SET enable_external_access = true")
    with pytest.raises(duckdb.Error):
        con.execute("CREATE TABLE corpus.main.x AS SELECT 1")


# 10. Unknown and nested paths -------------------------------------------------------------------------

@pytest.mark.parametrize("path,query,expected", [
    ("/a/b", "", "/?not_found=%2Fa%2Fb"),
    ("/explorer/x", "region=420106", "/?region=420106&not_found=%2Fexplorer%2Fx"),
    ("/zzz", "", "/?not_found=%2Fzzz"), ("/a/b.html", "", "/?not_found=%2Fa%2Fb.html"),
    ("/总览", "", "/?not_found=%2F%E6%80%BB%E8%A7%88"), ("/auth/login", "", None),
    ("/overview", "topic=tax", "/?topic=tax"),             # the overview's own name: no notice
    ("/trends", "", None), ("/", "", None), ("/static/js/index.js", "", None), ("/_stcore/health", "", None),
    ("/app/static/world_110m.json", "", None), ("/favicon.png", "", None),
])
def test_10_where_a_browser_asking_for_a_path_goes(path, query, expected):
    pages = {"", "trends", "map", "ai", "explorer", "sources"}
    assert not_found.target(path, query, pages) == expected


def test_10_the_server_redirects_unknown_paths(app_server):
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None
    opener = urllib.request.build_opener(NoRedirect)
    for path, where in (("/a/b", "/?not_found=%2Fa%2Fb"), ("/explorer/x", "/?not_found=%2Fexplorer%2Fx"),
                        ("/overview", "/")):
        request = urllib.request.Request(app_server + path, headers={"Accept": "text/html"})
        with pytest.raises(urllib.error.HTTPError) as answer:
            opener.open(request, timeout=10)
        assert answer.value.code == 302 and answer.value.headers["Location"] == where


def test_10_the_overview_names_the_missing_page_and_drops_the_key(app_env):
    at = run("overview", not_found="/explorer/x", region="420106")
    shown_ok(at)
    assert TEXT["page_not_found"][0] in [w.value for w in at.warning]
    assert "/explorer/x" in notice(at) and "未知参数" not in notice(at)
    assert dict(at.query_params) == {"region": "420106"}


@pytest.mark.browser
def test_10_a_nested_path_opens_the_overview_in_a_browser(browse):
    page = browse("/explorer/x?lang=en", wait_text="does not exist")
    page.locator("[data-testid='stMetric']").first.wait_for(timeout=15000)
    assert page.url.endswith("/?lang=en")
