"""Entry point: routes to the pages and draws the frame they share (sidebar, URL notices).

Run with `make run` (or `streamlit run dashboard/app.py`).

A page that fails shows a short message in the interface language; the traceback goes to the log
(and .streamlit/config.toml sets client.showErrorDetails = "none" for anything that escapes).
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository root: data/, geo/, dashboard/

import streamlit as st  # noqa: E402
from streamlit.logger import get_logger  # noqa: E402

from dashboard import controls, db, params  # noqa: E402
from dashboard.i18n import t  # noqa: E402
from dashboard.state import Url  # noqa: E402

LOG = get_logger("dashboard")

# No page_icon: an emoji or Material favicon is fetched from a CDN, which offline networks block.
st.set_page_config(page_title="中小企业政策图谱 SME policy landscape", layout="wide")

if not db.database_path().exists():
    with st.spinner("首次启动：正在从语料构建数据库… / First start: building the database…"):
        db.ensure_database()

PAGES = {
    "overview": st.Page("app_pages/overview.py", title="总览 Overview", icon=":material/home:", url_path="overview", default=True),
    "trends": st.Page("app_pages/trends.py", title="发文趋势 Trends", icon=":material/trending_up:", url_path="trends"),
    "map": st.Page("app_pages/regional_map.py", title="区域政策地图 Map", icon=":material/map:", url_path="map"),
    "ai": st.Page("app_pages/ai_compare.py", title="区级AI政策对比 AI terms", icon=":material/smart_toy:", url_path="ai"),
    "explorer": st.Page("app_pages/explorer.py", title="政策检索 Explorer", icon=":material/search:", url_path="explorer"),
    "sources": st.Page("app_pages/sources.py", title="数据来源 Sources", icon=":material/menu_book:", url_path="sources"),
}

current = st.navigation(list(PAGES.values()), position="hidden")
name = next(k for k, p in PAGES.items() if p.url_path == current.url_path)
try:
    db.pin()                      # one database version for everything this run reads
    url = Url.open(params.page_params(name))
    st.session_state["url"] = url
    controls.sidebar(url, PAGES, name)
    url.notice(t("ignored_params"), reason=lambda why: t(f"reason.{why}"))
    current.run()
except Exception:                 # Streamlit's rerun/stop are BaseExceptions and pass through
    LOG.exception("page %s failed (query %s)", name, dict(st.query_params.to_dict()))
    st.error(t("page_failed"), icon="⚠️")
