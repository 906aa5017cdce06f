"""Entry point: routes to the pages and draws the frame they share (sidebar, URL notices).

Run with `make run` (or `streamlit run dashboard/app.py`).
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository root: data/, geo/, dashboard/

import streamlit as st  # noqa: E402

from dashboard import controls, db, params, present  # noqa: E402
from dashboard.i18n import t  # noqa: E402
from dashboard.state import Url  # noqa: E402

# A local favicon: an emoji or Material page icon makes the browser fetch the favicon from a CDN (fonts.gstatic.com),
# which offline networks block; the pages carry no icon for the same reason.
st.set_page_config(page_title="中小企业政策图谱 SME policy landscape", layout="wide",
                   page_icon=str(Path(__file__).resolve().parent / "static" / "favicon.png"))

if not db.database_path().exists():
    with st.spinner("首次启动：正在从语料构建数据库… / First start: building the database…"):
        db.ensure_database()

PAGES = {
    "overview": st.Page("app_pages/overview.py", title="总览 Overview", url_path="overview", default=True),
    "trends": st.Page("app_pages/trends.py", title="发文趋势 Trends", url_path="trends"),
    "map": st.Page("app_pages/regional_map.py", title="区域政策地图 Map", url_path="map"),
    "ai": st.Page("app_pages/ai_compare.py", title="区级AI政策对比 AI terms", url_path="ai"),
    "explorer": st.Page("app_pages/explorer.py", title="政策检索 Explorer", url_path="explorer"),
    "sources": st.Page("app_pages/sources.py", title="数据来源 Sources", url_path="sources"),
    "add": st.Page("app_pages/add_documents.py", title="添加文件 Add documents", url_path="add"),
}

current = st.navigation(list(PAGES.values()), position="hidden")
name = next(k for k, p in PAGES.items() if p.url_path == current.url_path)
url = Url.open(params.page_params(name))
st.session_state["url"] = url
if present.is_on(url):   # presentation mode: the page's charts as slides, no sidebar or widgets
    present.run(name, PAGES, url)
    st.stop()
controls.sidebar(url, PAGES, name)
url.notice(t("ignored_params"), reason=lambda why: t(f"reason.{why}"))
current.run()
