"""总览 Overview: headline numbers, the newest policies, recent changes, where the data comes from."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import params, shared
from dashboard.coverage import evidence_columns
from dashboard.controls import NO_VALUE, current_url, level_labels, md, region_labels, status_labels, topic_labels
from dashboard.db import run_query
from dashboard.exports import download_buttons
from dashboard.i18n import TEXT, lang, t

TEXT.update({
    "overview.coverage": ("数据覆盖范围", "What the database covers"),
    "overview.coverage_intro": (
        "下表是整个数据库（不受左侧筛选影响）：每条政策按其最好的依据计一次——语料中的全文、摘要、清单或目录条目，"
        "或只有登记表条目、人工整理条款（事实与出处，不是政策原文）。",
        "The whole database (the sidebar filters do not apply): each policy counted once, by the best evidence it "
        "rests on — a full text, summary, list or contents entry of the corpus, or only a register entry or a curated "
        "term (facts with citations, not the policy text)."),
    "overview.col.listed": ("清单/目录/引用", "List, contents or citation"),
    "overview.col.drafts": ("其中征求意见稿", "of which drafts"),
    "overview.col.years": ("年份", "Years"),
    "overview.col.undated": ("无日期", "Undated"),
    "overview.col.regions": ("地区数", "Regions"),
    "overview.covers": ("覆盖：国家和湖北省级政策主要来自 2022、2023 年两部政策汇编和 2026 年 5 月的协会月刊；"
                        "鄂州市来自 2020 年的政策清单；武汉市和各区、功能区的政策大多只有登记表条目（{d} 条区级政策中 {r} 条），"
                        "覆盖武汉 {n} 个区和功能区中的 {k} 个。",
                        "Covers: national and Hubei policies mostly from two compilations (2022, 2023) and the May 2026 "
                        "association newsletter; 鄂州 from a 2020 policy list; Wuhan's city, district and zone policies "
                        "mostly as register entries only ({r} of {d} district policies), for {k} of Wuhan's {n} districts "
                        "and zones."),
    "overview.gap_years": ("没有任何来源的年份（图中为“无数据”，不是 0）：{years}", "Years with no source at all (no data, not zero): {years}"),
    "overview.gap_units": ("未发现政策的武汉区和功能区（只表示没有找到，不表示没有政策）：{units}",
                           "Wuhan districts and zones with no policy found (not found, not 'none'): {units}"),
    "overview.not_covered": ("不覆盖：其他省份；湖北其他市州只有零星政策；登记表条目不含政策原文，其条款是转述；"
                             "没有日期的政策不在趋势图中。",
                             "Does not cover: other provinces; Hubei's other prefectures only sporadically; register "
                             "entries hold no policy text and their terms are paraphrases; undated policies are not on "
                             "the trend chart."),
})

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
            **evidence_columns(newest),
            t("col.sources"): newest.sources,
        })
        st.dataframe(shown, hide_index=True, width="stretch", placeholder=NO_VALUE)
        download_buttons(shown, "newest_policies", url.encoded(params.SHARED_NAMES),
                         full=lambda: run_query("common/policies_full", **filters))
with right:
    st.subheader(t("recent_changes"))
    changes = run_query("overview/recent_changes", **filters, limit=10)
    for row in changes.itertuples():
        st.markdown(f"- **{row.day.date()}** · {t('event.' + row.event)} · {md(row.title)}")

def database_wide() -> tuple:
    """The coverage table, its lines, where the data comes from and what was added: the whole database (no filter),
    built once per database version and language and shared by every session."""
    summary = run_query("overview/coverage_summary")
    table = pd.DataFrame({
        t("col.level"): summary.level.map(level_labels()),
        t("policies"): summary.policies,
        t("kind.full_text"): summary.full_text,
        t("kind.summary"): summary.summary,
        t("overview.col.listed"): summary.listed,
        t("kind.register_entry"): summary.register_entry,
        t("kind.curated_term"): summary.curated_term,
        t("overview.col.drafts"): summary.drafts,
        t("overview.col.years"): [f"{a:.0f}–{b:.0f}" if pd.notna(a) else "—" for a, b in zip(summary.first_year, summary.last_year)],
        t("overview.col.undated"): summary.undated,
        t("overview.col.regions"): summary.regions,
    })
    gaps = run_query("overview/coverage_gaps")
    district = summary[summary.level == "district"]
    wuhan_units = int((run_query("common/lookup_regions").parent_code == "420100").sum())
    sep = "、" if lang() == "zh" else ", "
    lines = [t("overview.covers").format(d=int(district.policies.sum()), r=int(district.register_entry.sum()),
                                         n=wuhan_units, k=wuhan_units - int((gaps.gap == "wuhan_unit").sum()))]
    for gap, key in (("year", "overview.gap_years"), ("wuhan_unit", "overview.gap_units")):
        names = gaps[gaps.gap == gap]
        if len(names):
            lines.append(t(key).format(**{"years" if gap == "year" else "units":
                                          sep.join(names.name if lang() == "zh" else names.name_en)}))
    lines.append(t("overview.not_covered"))
    sources = run_query("overview/by_source")
    where_from = pd.DataFrame({
        t("col.file"): sources.file,
        t("col.title"): sources.title if lang() == "zh" else sources.title_en,
        t("source_note"): sources.publisher.fillna("").replace("(not stated)", t("not_stated"))
                          + (" · " + sources.publication_date).fillna(""),
        t("policies"): sources.policies,
        t("terms"): sources.terms,
    })
    added = sources[sources.added.fillna("") != ""].sort_values(["added", "file"], ascending=[False, True])
    return table, "\n".join(f"- {md(line)}" for line in lines), where_from, added.head(10)


coverage_table, coverage_lines, where_from, added = shared.view(("overview.database", lang()), database_wide)
st.subheader(t("overview.coverage"))
st.caption(t("overview.coverage_intro"))
st.dataframe(coverage_table, hide_index=True, width="stretch", placeholder=NO_VALUE)
st.markdown(coverage_lines)

st.subheader(t("where_from"))
st.dataframe(where_from, hide_index=True, width="stretch", placeholder=NO_VALUE)
download_buttons(where_from, "sources", {}, key="sources")

st.subheader(t("recently_added"))
if added.empty:
    st.caption(t("recently_added_none"))
for row in added.itertuples():
    st.markdown(f"- **{md(row.added)}** · {md(row.file)} · {md(row.title)} · {row.policies} {t('policies')}")
