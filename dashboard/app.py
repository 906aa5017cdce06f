"""Entry point: routes to the pages and draws the frame they share (sidebar, URL notices).

Run with `make run` (or `streamlit run dashboard/app.py`). Streamlit runs this file twice over:
imported, it is the HTTP app (`app`, an st.App: unknown paths go to the overview, dashboard/not_found.py);
run as the script of each session (__main__), it routes to the pages.

A page that fails shows a short message in the interface language; the traceback goes to the log
(and .streamlit/config.toml sets client.showErrorDetails = "none" for anything that escapes). Under
AppTest the exception is shown in full instead, so the page tests' `not at.exception` still sees it.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository root: data/, geo/, dashboard/

import streamlit as st  # noqa: E402
from streamlit import config  # noqa: E402
from streamlit.logger import get_logger  # noqa: E402

from dashboard import not_found  # noqa: E402

# url path → script, title, icon; the first is the default page (served at /, and at /overview). No icons: a
# page's Material icon becomes the favicon, fetched from fonts.gstatic.com (offline networks block it).
PAGE_TABLE = {
    "overview": ("app_pages/overview.py", "总览 Overview", None),
    "trends": ("app_pages/trends.py", "发文趋势 Trends", None),
    "map": ("app_pages/regional_map.py", "区域政策地图 Map", None),
    "ai": ("app_pages/ai_compare.py", "区级AI政策对比 AI terms", None),
    "explorer": ("app_pages/explorer.py", "政策检索 Explorer", None),
    "sources": ("app_pages/sources.py", "数据来源 Sources", None),
    "add": ("app_pages/add_documents.py", "添加文件 Add documents", None),
}
FAVICON = Path(__file__).resolve().parent / "static" / "favicon.png"   # served by Streamlit itself
DEFAULT_PAGE = next(iter(PAGE_TABLE))
LOG = get_logger("dashboard")   # the server log, in Streamlit's format


def main() -> None:
    from dashboard import controls, db, params, present, shared
    from dashboard.i18n import TEXT, t
    from dashboard.state import Url

    # A local favicon: an emoji or Material one is fetched from a CDN, which offline networks block.
    st.set_page_config(page_title="中小企业政策图谱 SME policy landscape", layout="wide", page_icon=str(FAVICON))
    shared.freeze_imports()

    if not db.database_path().exists():
        with st.spinner("首次启动：正在从语料构建数据库… / First start: building the database…"):
            db.ensure_database()

    pages = {name: st.Page(script, title=title, icon=icon, url_path=name, default=name == DEFAULT_PAGE)
             for name, (script, title, icon) in PAGE_TABLE.items()}
    current = st.navigation(list(pages.values()), position="hidden")
    name = next(k for k, p in pages.items() if p.url_path == current.url_path)
    missing = st.query_params.get_all(not_found.KEY)
    if missing:
        del st.query_params[not_found.KEY]       # said once, below; not part of the view's link
    try:
        db.pin()                      # one database version for everything this run reads
        url = Url.open(params.page_params(name))
        st.session_state["url"] = url
        presenting = present.is_on(url)   # presentation mode: the page's charts as slides, no sidebar or widgets
        if not presenting:
            controls.sidebar(url, pages, name)
        if missing:
            st.warning(t("page_not_found"), icon="⚠️")
            st.code("\n".join(m[:200] for m in missing), language=None)
        url.notice(t("ignored_params"), reason=lambda why: t(f"reason.{why}"))
        if presenting:
            present.run(name, pages, url)
        else:
            current.run()
    except db.StaleDatabase as err:    # built by another version of the schema: say how to rebuild it
        LOG.error("database %s was built by another schema version; rebuild it (make db)", err)
        st.error("\n\n".join(TEXT["db_stale"]), icon="⚠️")   # both languages: the URL's language is not read yet
    except Exception as err:          # Streamlit's rerun/stop are BaseExceptions and pass through
        if config.get_option("global.appTest"):   # AppTest patches config.get_option (not st.get_option)
            st.exception(err)         # under AppTest the exception in full is what a test checks
            return
        LOG.exception("page %s failed (query %s)", name, st.query_params.to_dict())
        st.error(t("page_failed"), icon="⚠️")


if __name__ == "__main__":            # a session's script run
    main()
else:                                 # imported by `streamlit run` (uvicorn app:app): the HTTP app
    from starlette.middleware import Middleware

    app = st.App(Path(__file__), middleware=[Middleware(
        not_found.PageNotFound, pages={""} | set(PAGE_TABLE) - {DEFAULT_PAGE})])
