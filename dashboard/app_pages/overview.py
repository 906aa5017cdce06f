"""总览 Overview: headline numbers, the newest policies, recent changes, where the data comes from."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import params
from dashboard.controls import current_url, level_labels, md, region_labels, status_labels, topic_labels
from dashboard.db import run_query
from dashboard.exports import download_buttons
from dashboard.i18n import lang, t

url = current_url()
filters = params.sql_filters(url)
st.title(t("nav_overview"))

head = run_query("overview/headline_numbers", **filters).iloc[0]
cols = st.columns(5)
cols[0].metric(t("policies"), int(head.policies))
cols[1].metric(t("in_force_now"), int(head.in_force))
cols[2].metric(t("terms"), int(head.terms))
cols[3].metric(t("regions_covered"), int(head.regions))
cols[4].metric(t("latest_issue"), str(head.latest_issue.date()) if pd.notna(head.latest_issue) else "—")

left, right = st.columns([3, 2])
with left:
    st.subheader(t("newest_policies"))
    newest = run_query("overview/newest_policies", **filters, limit=12)
    if newest.empty:
        st.info(t("no_data"))
    else:
        shown = pd.DataFrame({
            t("date"): newest.timeline_date.dt.date,
            t("col.title"): newest.title,
            t("col.level"): newest.level.map(level_labels()),
            t("col.region"): newest.region_code.map(region_labels()),
            t("col.topic"): newest.primary_topic.map(topic_labels()),
            t("col.status"): newest.status_now.map(status_labels()),
            t("col.sources"): newest.sources,
        })
        st.dataframe(shown, hide_index=True, width="stretch")
        download_buttons(shown, "newest_policies", url.encoded(params.SHARED_NAMES),
                         full=lambda: run_query("common/policies_full", **filters))
with right:
    st.subheader(t("recent_changes"))
    changes = run_query("overview/recent_changes", **filters, limit=10)
    for row in changes.itertuples():
        st.markdown(f"- **{row.day.date()}** · {t('event.' + row.event)} · {md(row.title)}")

st.subheader(t("where_from"))
sources = run_query("overview/by_source")
where_from = pd.DataFrame({
    t("col.file"): sources.file,
    t("col.title"): sources.title if lang() == "zh" else sources.title_en,
    t("source_note"): sources.publisher + " · " + sources.publication_date,
    t("policies"): sources.policies,
    t("terms"): sources.terms,
})
st.dataframe(where_from, hide_index=True, width="stretch")
download_buttons(where_from, "sources", {}, key="sources")

added = sources[sources.added.fillna("") != ""].sort_values(["added", "file"], ascending=[False, True])
st.subheader(t("recently_added"))
if added.empty:
    st.caption(t("recently_added_none"))
for row in added.head(10).itertuples():
    st.markdown(f"- **{md(row.added)}** · {md(row.file)} · {md(row.title)} · {row.policies} {t('policies')}")
