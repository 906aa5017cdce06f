"""Presentation mode: a page's charts as full-screen slides, for a meeting room.

`present=1` in the URL (so a prepared link opens straight into it; the sidebar's toggle sets it) makes the router
draw `run()` instead of the page: no sidebar, no widgets; each chart large, with one caption line under it (the
filters in words · sources · coverage) and the view's short link in a corner. The ← and → keys (Streamlit button
shortcuts) and the two buttons page from chart to chart; past a page's last chart the next chart page opens, with
the same filters, still presenting. The AI comparison is shown as slide-sized tables (charts_ai.slide_table).
"""
from __future__ import annotations

import copy
import html
from urllib.parse import urlencode

import streamlit as st

from dashboard import params, shared
from dashboard.chart_views import CHART_PAGES, ChartView, encoded, short_link, views
from dashboard.i18n import lang, t
from dashboard.state import LIST_SEP, Url, write_url

KEY = "w.present"
CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"] {display: none !important;}
.block-container, [data-testid="stMainBlockContainer"] {padding: 1.2rem 2.5rem 0.5rem 2.5rem !important;
  max-width: 100% !important;}
.present-caption {font-size: 1.35rem; line-height: 1.5; color: #344054; margin: 0.2rem 0 0.4rem 0;}
.present-link {position: fixed; right: 1.2rem; bottom: 0.6rem; z-index: 1000; font-size: 1.05rem; color: #475467;
  background: rgba(255,255,255,0.9); padding: 0.15rem 0.6rem; border-radius: 4px; font-family: monospace;}
.present-counter {font-size: 1.1rem; color: #667085; text-align: center; padding-top: 0.45rem;}
.present-title {font-size: 2.3rem; font-weight: 700; color: #17202a; margin: 0 0 0.2rem 0; line-height: 1.2;}
.present-sub {font-size: 1.35rem; color: #475467; margin: 0 0 0.6rem 0;}
table.present-table {border-collapse: collapse; width: 100%; font-size: 1.15rem; line-height: 1.3;}
table.present-table th, table.present-table td {border: 1px solid #d5d8dc; padding: 0.35rem 0.5rem;
  vertical-align: top; text-align: left;}
table.present-table thead th {background: #dfe6ee;}
table.present-table tbody th {background: #f4f6f7; white-space: nowrap;}
table.present-table td.best {background: #fdebd0;}
</style>
"""


def is_on(url: Url) -> bool:
    return url["present"] == "1"


def values_of(url: Url) -> dict:
    return {name: url[name] for name in url.params}


def view_link(page: str, values: dict) -> str:
    """The share link of the open view (without present=1: the audience opens the normal page)."""
    base = st.context.url or ""
    query = urlencode(encoded(page, values), safe=LIST_SEP + ".")
    return f"{base}?{query}" if query else base


def current_views(page: str) -> list[ChartView]:
    """The charts of the page open now, with its URL values, language and link."""
    url = st.session_state["url"]
    values = values_of(url)
    return built_views(page, values, lang(), view_link(page, values), shared.version())


@st.cache_resource(show_spinner=False, max_entries=64)
def built_views(page: str, values: dict, code: str, link: str, version) -> list[ChartView]:
    """Built once per view and database version and shared (never changed in place: exports and slides work on
    copies): slides and the image buttons (on a click) of the same view do not draw its figures again."""
    return views(page, values, code, link)


# The sidebar toggle and the exit button ----------------------------------------------------

def _set(on: bool) -> None:
    st.session_state[KEY] = "1" if on else None
    write_url()


def toggle() -> None:
    """The sidebar's switch into presentation mode (leaving it is the exit button of the slides)."""
    st.toggle(t("present.toggle"), value=False, key="present.toggle", help=t("present.toggle_help"),
              on_change=lambda: _set(bool(st.session_state.get("present.toggle"))))


# The slides ---------------------------------------------------------------------------------

def large(fig):
    """A copy of a figure in type readable from the back of a room; its source line moves to the caption."""
    fig = copy.deepcopy(fig)
    fig.update_layout(font={"size": 19}, height=640, legend={"font": {"size": 17}},
                      title={"font": {"size": 32}}, margin={"t": 150})
    fig.update_xaxes(title_font={"size": 20}, tickfont={"size": 17})
    fig.update_yaxes(title_font={"size": 20}, tickfont={"size": 17})
    return fig


def table_html(view: ChartView) -> str:
    table = view.table
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in table.columns)
    rows = []
    for row in table.itertuples(index=False):
        cells = [f"<th>{html.escape(str(row[0]))}</th>"]
        for value in row[1:]:
            text = html.escape(str(value)).replace("\n", "<br>")
            cells.append(f'<td class="{"best" if "★" in str(value) else ""}">{text}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (f'<div class="present-title">{html.escape(view.title)}</div>'
            f'<table class="present-table"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>')


def _neighbour(page: str, step: int) -> str | None:
    """The chart page before or after this one in the deck (None at either end)."""
    order = list(CHART_PAGES)
    if page not in order:
        return order[0] if step > 0 else None
    i = order.index(page) + step
    return order[i] if 0 <= i < len(order) else None


def _go(page: str, index_key: str, index: int, count: int, step: int, url: Url) -> None:
    target = index + step
    if 0 <= target < count:
        st.session_state[index_key] = target
        return
    other = _neighbour(page, step)
    if other is None:
        return
    st.session_state[f"present.{other}"] = 0 if step > 0 else -1     # -1: open on that page's last chart
    st.session_state["present.goto"] = (other, {**url.encoded(params.SHARED_NAMES), "present": "1"})


def _switch(pages: dict) -> None:
    """Open the page a callback asked for (st.switch_page cannot run inside a callback)."""
    goto = st.session_state.pop("present.goto", None)
    if goto:
        st.switch_page(pages[goto[0]], query_params=goto[1])


def run(page: str, pages: dict, url: Url) -> None:
    """Draw the page's charts as slides (instead of the page)."""
    _switch(pages)
    st.html(CSS)
    url.notice(t("ignored_params"), reason=lambda why: t(f"reason.{why}"))   # a bad link says so here too
    shown = current_views(page)
    top = st.columns([8, 1])
    top[1].button(t("present.exit"), key="present.exit", on_click=_set, args=(False,), icon=":material/close:",
                  width="stretch")
    if not shown:
        top[0].markdown(f'<div class="present-title">{html.escape(t("nav_" + page))}</div>', unsafe_allow_html=True)
        st.markdown(f'<div class="present-sub">{html.escape(t("present.no_chart"))}</div>', unsafe_allow_html=True)
        query = {**url.encoded(params.SHARED_NAMES), "present": "1"}
        for name in CHART_PAGES:
            st.page_link(pages[name], label=t(f"nav_{name}"), query_params=query, icon=pages[name].icon)
        return
    index_key = f"present.{page}"
    index = st.session_state.get(index_key, 0)
    index = len(shown) - 1 if index < 0 or index >= len(shown) else index
    st.session_state[index_key] = index
    view = shown[index]
    with st.container(key="present_slide"):
        if view.kind == "table":
            st.markdown(table_html(view), unsafe_allow_html=True)
        elif view.figure is None:      # no policy matches this view's filters: say so, draw no empty chart
            st.info(t("no_data"))
        else:
            fig = large(view.figure)
            fig.layout.annotations = [a for a in fig.layout.annotations if a.text not in view.sources]
            st.plotly_chart(fig, key=f"present.chart.{view.chart}", theme=None,
                            config={"displaylogo": False, "displayModeBar": False, "topojsonURL": _topojson_url()})
        st.markdown(f'<div class="present-caption">{html.escape(view.caption)}</div>', unsafe_allow_html=True)
    st.markdown(f'<div class="present-link">{html.escape(short_link(view.link))}</div>', unsafe_allow_html=True)
    nav = st.columns([1, 1, 1, 5])
    nav[0].button(t("present.prev"), key="present.prev", shortcut="Left", icon=":material/arrow_back:",
                  on_click=_go, args=(page, index_key, index, len(shown), -1, url), width="stretch",
                  disabled=index == 0 and _neighbour(page, -1) is None)
    nav[1].markdown(f'<div class="present-counter">{html.escape(t("present.of").format(i=index + 1, n=len(shown)))}'
                    "</div>", unsafe_allow_html=True)
    nav[2].button(t("present.next"), key="present.next", shortcut="Right", icon=":material/arrow_forward:",
                  on_click=_go, args=(page, index_key, index, len(shown), 1, url), width="stretch",
                  disabled=index == len(shown) - 1 and _neighbour(page, 1) is None)


def _topojson_url() -> str:
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}/app/static/" if base else "/app/static/"
