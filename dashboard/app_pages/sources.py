"""数据来源 Data sources: the five documents, what was found in each, the codebooks, the curated tables."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.db import run_query
from dashboard.i18n import TEXT, lang, t

TEXT.update({
    "sources.intro": ("所有政策都从下列五份原始文件中抽取；每条政策、每个条款都记录了出处（文件与行号）。",
                      "Every policy is extracted from the five documents below; every policy and term records "
                      "its source file and line span."),
    "sources.found": ("各文件中找到的内容", "What was found in each file"),
    "sources.publisher": ("发布者", "Publisher"),
    "sources.kind": ("类型", "Kind"),
    "sources.part": ("政策所在部分", "Where the policies are"),
    "sources.lines": ("行数", "Lines"),
    "sources.codebook": ("主题分类与措施词表", "Topic taxonomy and measure vocabulary"),
    "sources.curated": ("人工整理数据（非语料）", "Curated data (not from the corpus)"),
    "sources.curated_intro": (
        "区级AI政策对比页使用了两张人工整理表：各行均引用来源网址，并标注可信度（high / medium / low；"
        "official_summary = 政策追踪平台对官方文件的二手摘要）。",
        "The AI comparison uses two hand-collected tables: each row cites its source URL and carries a trust "
        "mark (high / medium / low; official_summary = a tracker's second-hand summary of an official text)."),
})

st.title(t("nav_sources"))
st.write(t("sources.intro"))
sources = run_query("overview/by_source")
st.dataframe(pd.DataFrame({
    t("col.file"): sources.file,
    t("col.title"): sources.title if lang() == "zh" else sources.title_en,
    t("sources.publisher"): sources.publisher,
    t("date"): sources.publication_date,
    t("sources.kind"): sources.kind,
    t("sources.part"): sources.policy_part,
    t("sources.lines"): sources.n_lines,
    t("policies"): sources.policies,
    t("terms"): sources.terms,
}), hide_index=True, width="stretch")

st.subheader(t("sources.found"))
kinds = run_query("sources/kinds_per_source")
kinds["kind"] = kinds.kind.map(lambda k: t(f"kind.{k}"))
found = kinds.pivot_table(index="file", columns="kind", values="appearances", fill_value=0)
st.dataframe(found.rename_axis(index=t("col.file"), columns=None), width="stretch")

st.subheader(t("sources.codebook"))
left, right = st.columns(2)
left.dataframe(run_query("common/lookup_topics"), hide_index=True, width="stretch")
right.dataframe(run_query("common/lookup_measures"), hide_index=True, width="stretch")

st.subheader(t("sources.curated"))
st.write(t("sources.curated_intro"))
st.dataframe(run_query("sources/curated_sources"), hide_index=True, width="stretch")
