"""发文趋势 Trends: policies per year, quarter or month, split by level or primary topic.

Modes: stacked counts, 100% shares, cumulative lines, and the policies in force at each period's end
(policy_status() of data/schema.sql on the period's last day). A click on a bar or point, or the period
picker beside the chart, writes `period` into the URL, and the list under the chart shows that period.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import chart_views, charts, charts_trends, coverage, images, params
from dashboard.charts import plotly_config
from dashboard.controls import NO_VALUE, choose_one, current_url, level_labels, region_labels, status_labels
from dashboard.db import run_query
from dashboard import shared
from dashboard.exports import download_buttons
from dashboard.i18n import TEXT, lang, t
from dashboard.state import write_url

CHART_KEY = "trends_chart"
PAGE_ROWS = 200  # the period's list is fetched a page at a time (a scrolling table shows them all)
TEXT.update({
    "trends.page": ("页码", "Page"),
    "trends.page_note": ("第 {a}–{b} 条，共 {n} 条", "{a}–{b} of {n}"),
})

url = current_url()
filters = params.sql_filters(url)
st.title(t("nav_trends"))


def select_period() -> None:
    """on_select of the chart: the clicked bar's period goes to the URL, so the list is in the shared link."""
    period = charts_trends.period_of_selection(st.session_state.get(CHART_KEY))
    if period:
        st.session_state[url.params["period"].widget_key] = period
        write_url()


def shown_date(row) -> str:
    """The timeline date as precisely as it is stated, marked when it is the effective date."""
    if pd.isna(row.timeline_date):
        return ""
    fmt = {"year": "%Y", "month": "%Y-%m"}.get(row.date_precision, "%Y-%m-%d")
    text = row.timeline_date.strftime(fmt)
    return f"{text} ({t('basis.effective')})" if row.timeline_basis == "effective" else text


# A period outside the years of the data (period=1999) is ignored, with the same notice as any invalid parameter.
asked = charts_trends.period_bounds(url["period"])
if asked and not (params.year_bounds()[0] <= asked[0].year <= params.year_bounds()[1]):
    st.warning(t("ignored_params"), icon="⚠️")
    st.code(f"period={url['period'][:60]!r}: {t('reason.outside the data')}", language=None)
    st.session_state[url.params["period"].widget_key] = None

# Options ------------------------------------------------------------------------
cols = st.columns(3)
with cols[0]:
    gran = choose_one(url, "gran", t("granularity"), {g: t(f"gran.{g}") for g in params.GRANULARITIES},
                      widget=st.radio, horizontal=True)
with cols[1]:
    split = choose_one(url, "split", t("split_by"), {s: t(f"split.{s}") for s in params.SPLITS},
                       widget=st.radio, horizontal=True)
with cols[2]:
    mode = choose_one(url, "mode", t("chart_mode"), {m: t(f"mode.{m}") for m in params.MODES},
                      widget=st.radio, horizontal=True)

# Data and chart: the same builders as presentation mode, images and slides (dashboard/chart_views.py) ----------
values = {name: url[name] for name in url.params}


# shared by every session with these values, never mutated; the data does not depend on the selected period (a
# click on a bar only redraws the figure with that bar selected)
data = shared.view(("trends.data", lang(), tuple(kv for kv in url.key() if kv[0] != "period")),
                   lambda: chart_views.trend_data(values, lang()))
fig = shared.view(("trends", lang(), url.key()), lambda: charts.shown(chart_views.trend_spec(data, values, lang())))
periods = data.periods

chart_col, pick_col = st.columns([5, 1])
with chart_col:
    if fig is None:
        st.info(t("no_data"))
    else:
        st.plotly_chart(fig, key=CHART_KEY, on_select=select_period, selection_mode="points", theme=None,
                        config=plotly_config(f"trends_{gran}_{split}_{mode}"))
        images.offer("trends")
with pick_col:
    chosen = url["period"]
    options = list(periods.period) + ([chosen] if chosen and chosen not in set(periods.period) else [])
    choose_one(url, "period", t("period"), {p: p for p in options}, none_label=t("no_period"),
               placeholder=t("no_period"))
    st.caption(t("click_hint"))
coverage.show_notes(data.notes)
st.caption(t("dates_caption"))

# The selected period's policies -------------------------------------------------
period = url["period"]
bounds = charts_trends.period_bounds(period)
if bounds:
    def period_rows(page_no: int) -> pd.DataFrame:
        paging = dict(limit=PAGE_ROWS, offset=(page_no - 1) * PAGE_ROWS)
        if mode == "in_force":
            return run_query("trends/policies_in_force_on", **filters, day=bounds[1], **paging)
        return run_query("trends/policies_in_period", **filters, day_from=bounds[0], day_to=bounds[1], **paging)
    page_key = f"trends.page.{mode}.{period}"
    page_no = int(st.session_state.get(page_key, 1))
    rows = period_rows(page_no)
    if rows.empty and page_no > 1:       # the filters changed under a later page: back to the first
        page_no = st.session_state[page_key] = 1
        rows = period_rows(page_no)
    total = int(rows.total.iloc[0]) if len(rows) else 0
    if mode == "in_force":
        heading = t("in_force_list").format(day=bounds[1].isoformat(), n=total)
    else:
        heading = t("period_list").format(period=period, n=total)
    st.subheader(heading)
    if rows.empty:
        st.info(t("no_policy_in_period").format(period=period))
    else:
        shown = pd.DataFrame({
            t("col.title"): rows.title,
            t("col.doc_number"): rows.doc_number.fillna(""),
            t("col.level"): rows.level.map(level_labels()),
            t("col.region"): rows.region_code.map(region_labels()),
            t("date"): [shown_date(r) for r in rows.itertuples()],
            t("col.status"): rows.status_now.map(status_labels()),
            **coverage.evidence_columns(rows),
            t("col.sources"): rows.sources,
        })
        st.dataframe(shown, hide_index=True, width="stretch", placeholder=NO_VALUE)
        if total > PAGE_ROWS:
            first = (page_no - 1) * PAGE_ROWS
            st.number_input(t("trends.page"), min_value=1, max_value=-(-total // PAGE_ROWS), key=page_key)
            st.caption(t("trends.page_note").format(a=first + 1, b=first + len(rows), n=total))
        stem_filters = {**url.encoded(params.SHARED_NAMES), "period": period}
        if mode == "in_force":
            stem_filters["mode"] = mode
        download_buttons(shown, "trends_policies", stem_filters, key="trends_period",
                         full=lambda: run_query("common/policies_full", **params.sql_filters(url)))
