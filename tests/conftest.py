"""One database for the whole session, built from the shipped corpus exactly as `make db` does."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from data.pipeline.build import build

ROOT = Path(__file__).resolve().parents[1]
BUILD_DAY = date(2026, 11, 24)  # fixed, so the build-time status column is reproducible


@pytest.fixture(scope="session")
def db_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("db") / "policies.duckdb"
    build(path, log=lambda *_: None, today=BUILD_DAY)
    return path


@pytest.fixture(scope="session")
def con(db_path):
    connection = duckdb.connect(str(db_path), read_only=True)
    yield connection
    connection.close()


@pytest.fixture(scope="session")
def q(con):
    """q(sql, **params) → list of dict rows."""
    def run(sql: str, **params):
        cur = con.execute(sql, params)
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row)) for row in cur.fetchall()]
    return run


def policy_by_title(q, title: str) -> dict:
    rows = q("SELECT * FROM policies WHERE title = $t", t=title)
    assert len(rows) == 1, f"expected one policy titled {title!r}, found {len(rows)}"
    return rows[0]


def provenance(q, policy_id: str) -> list[dict]:
    return q("SELECT * FROM policy_sources WHERE policy_id = $p ORDER BY source_id, line_start", p=policy_id)


# Pages ------------------------------------------------------------------------

# map/metric_by_region gives each metric's top three in its last four columns, in this order (since session 19; the
# oracles of earlier sessions took the metric as a parameter and gave its top three in one last column)
MAP_METRICS = ("policies", "terms", "max_cap", "best_rate")


def one_metric(rows: list[tuple], metric: str) -> list[tuple]:
    """map/metric_by_region's rows as an oracle that took $metric gives them."""
    return [row[:-len(MAP_METRICS)] + (row[MAP_METRICS.index(metric) - len(MAP_METRICS)],) for row in rows]


APP = ROOT / "dashboard" / "app.py"


@pytest.fixture(scope="session")
def app_env(db_path):
    """Point the dashboard at the session's database."""
    import os
    old = os.environ.get("SME_POLICY_DB")
    os.environ["SME_POLICY_DB"] = str(db_path)
    yield db_path
    if old is None:
        os.environ.pop("SME_POLICY_DB", None)
    else:
        os.environ["SME_POLICY_DB"] = old


def run_page(page: str = "overview", **query):
    """An AppTest that has run the app on this page with these URL parameters (a list value repeats the key)."""
    from streamlit.testing.v1 import AppTest
    at = AppTest.from_file(str(APP), default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if page != "overview":
        at.switch_page(f"app_pages/{PAGE_FILES[page]}")
        for key, value in query.items():
            at.query_params[key] = value
        at.run()
    return at


@pytest.fixture
def open_page(app_env):
    """open_page("trends", gran="quarter") → an AppTest that has run that page with those URL parameters."""
    def run(page: str = "overview", **query):
        at = run_page(page, **query)
        assert not at.exception, [e.value for e in at.exception]
        return at
    return run


PAGE_FILES = {"overview": "overview.py", "trends": "trends.py", "map": "regional_map.py", "ai": "ai_compare.py",
              "explorer": "explorer.py", "sources": "sources.py", "add": "add_documents.py"}


# Browser ------------------------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="session")
def app_server(db_path, tmp_path_factory):
    """The dashboard served on a free local port (streamlit run), for the headless-browser checks."""
    from dashboard.serve import serve
    with serve(db_path, tmp_path_factory.mktemp("server") / "streamlit.log") as (base, _):
        yield base


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (make test installs it with apt-get)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-quic"])
        yield b
        b.close()


@pytest.fixture
def browse(browser, app_server):
    """browse("/map?layer=hubei") → a loaded page (1440×900); network outside 127.0.0.1 is blocked."""
    pages = []

    def go(path: str, wait_text: str | None = None):
        ctx = browser.new_context(viewport={"width": 1440, "height": 900}, locale="zh-CN")
        ctx.route("**/*", lambda route: route.continue_() if route.request.url.startswith(app_server)
                  else route.abort())
        page = ctx.new_page()
        pages.append(ctx)
        page.goto(app_server + path)
        page.wait_for_selector("[data-testid='stApp']", timeout=30000)
        if wait_text:
            page.get_by_text(wait_text).first.wait_for(timeout=30000)
        # the run is over when no element is still a loading skeleton and the status widget is gone
        page.wait_for_function("() => !document.querySelector(\"[data-testid='stSkeleton']\")"
                               " && !document.querySelector(\"[data-testid='stStatusWidget']\")", timeout=30000)
        page.wait_for_timeout(1000)
        return page
    yield go
    for ctx in pages:
        ctx.close()


@pytest.fixture(scope="session")
def generated_10k(tmp_path_factory):
    """A generated 10,000-policy database (benchmarks.generate, through the real loader), read-only."""
    from benchmarks import generate
    path = tmp_path_factory.mktemp("gen10k") / "gen.duckdb"
    generate.write(10_000, path, log=lambda *_: None)
    connection = duckdb.connect(str(path), read_only=True)
    yield connection
    connection.close()
