"""数据来源 Data sources: the documents, what was found in each, the codebooks, the register and the curated tables.

The page describes the whole database: the sidebar filters do not apply here (said on the page).
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.coverage import trust_label
from dashboard import shared
from dashboard.db import run_query
from dashboard.controls import NO_VALUE
from dashboard.i18n import TEXT, lang, t

TEXT.update({
    "sources.intro": ("政策从下列语料文件中抽取，每条政策、每个条款都记录了出处（文件与行号）；另有三张人工整理表"
                      "（武汉政策登记表和两张人工智能条款表），每行都注明出处网址和可信度。",
                      "Policies are extracted from the corpus files below; every policy and term records its source file "
                      "and line span. Three curated tables (the Wuhan policy register and two AI-term tables) add rows "
                      "that each cite a URL and carry a trust mark."),
    "sources.no_filters": ("本页描述整个数据库，不受左侧筛选条件影响。", "This page describes the whole database: the sidebar filters do not apply here."),
    "sources.found": ("各文件中找到的内容", "What was found in each file"),
    "sources.publisher": ("发布者", "Publisher"),
    "sources.kind": ("类型", "Kind"),
    "sources.part": ("政策所在部分", "Where the policies are"),
    "sources.lines": ("行数", "Lines"),
    "sources.codebook": ("主题分类与措施词表", "Topic taxonomy and measure vocabulary"),
    "sources.col.slug": ("代码", "Code"),
    "sources.col.label_zh": ("中文名称", "Chinese label"),
    "sources.col.label_en": ("英文名称", "English label"),
    "sources.col.definition": ("定义", "Definition"),
    "sources.register": ("武汉政策登记表（事实与出处，非政策原文）", "The Wuhan policy register (facts with citations, not policy texts)"),
    "sources.register_intro": (
        "登记表列出武汉各区、功能区、市级及湖北其他几个市的政策：标题、文号、发文机关、日期、地区、官方网址、"
        "信息出处网页及其类型和可信度、状态（征求意见稿、已被替代、已失效）。每行都是“政策”表中的一条政策（与语料"
        "按文号、标题去重），出处类型为“登记表条目”；征求意见稿从不计为现行有效。",
        "The register lists policies of Wuhan's districts, zones and city and of a few other Hubei cities: title, "
        "document number, issuer, date, region, official URL, the page read with its kind and trust, and status "
        "(draft, superseded, lapsed). Each row is a policy of the policies table (de-duplicated against the corpus by "
        "document number, then title), with provenance kind 'register entry'; a draft never counts as in force."),
    "sources.col.page_kind": ("网页类型", "Page kind"),
    "sources.col.host": ("网站", "Host"),
    "sources.col.rows": ("行数", "Rows"),
    "sources.col.with_official_url": ("其中有官方网址", "With an official URL"),
    "sources.col.example_title": ("示例标题", "Example title"),
    "sources.col.dataset": ("数据表", "Table"),
    "sources.curated": ("人工整理的人工智能条款（非语料）", "Curated AI-support terms (not from the corpus)"),
    "sources.curated_intro": (
        "区级AI政策对比页使用了两张人工整理表：各行均引用来源网址，并标注可信度（高、中、低；"
        "“官方文件的二手摘要”= 政策追踪平台对官方文件的摘要）。",
        "The AI comparison uses two hand-collected tables: each row cites its source URL and carries a trust "
        "mark (high / medium / low; official_summary = a tracker's second-hand summary of an official text)."),
    "source_kind.association newsletter": ("协会月刊", "association newsletter"),
    "source_kind.government policy list": ("政府政策清单", "government policy list"),
    "source_kind.policy compilation": ("政策汇编", "policy compilation"),
    "source_kind.government document": ("政府公文", "government document"),
    "source_kind.document": ("文件", "document"),
    "source_kind.register": ("登记表", "register"),
    "source_kind.curated terms": ("人工整理条款表", "curated terms"),
    "dataset.peer_ai_terms": ("政策追踪平台摘要条款", "peer_ai_terms (tracker summaries)"),
    "dataset.district_ai_terms": ("公开转载来源条款", "district_ai_terms (public reposts)"),
})


def label(prefix: str, value) -> str:
    key = f"{prefix}{value}"
    return t(key) if key in TEXT else ("" if value is None or pd.isna(value) else str(value))


def publisher(value) -> str:
    return t("not_stated") if value in (None, "", "(not stated)") or pd.isna(value) else str(value)


st.title(t("nav_sources"))
st.info(t("sources.no_filters"), icon="ℹ️")
st.write(t("sources.intro"))
def tables() -> tuple[pd.DataFrame, ...]:
    """Every table of the page (the whole database, no filter): built once per database version and language
    and shared by every session (a million policies come from 10,000 source files)."""
    corpus = run_query("overview/by_source")
    columns = {
        t("col.file"): corpus.file,
        t("col.title"): corpus.title if lang() == "zh" else corpus.title_en,
        t("sources.publisher"): corpus.publisher.map(publisher),
        t("date"): corpus.publication_date,
        t("sources.kind"): corpus.kind.map(lambda k: label("source_kind.", k)),
    }
    if lang() == "en":   # the annotation is written in English (data/sources.csv)
        columns[t("sources.part")] = corpus.policy_part
    columns |= {t("sources.lines"): corpus.n_lines, t("policies"): corpus.policies, t("terms"): corpus.terms}
    kinds = run_query("sources/kinds_per_source")
    kinds["kind"] = kinds.kind.map(lambda k: t(f"kind.{k}"))
    found = kinds.pivot_table(index="file", columns="kind", values="appearances", fill_value=0, aggfunc="sum").astype(int)
    shown_columns = ["slug", "label_zh", "label_en"] + (["definition"] if lang() == "en" else [])  # definitions: English only
    codebook_headers = {c: t(f"sources.col.{c}") for c in shown_columns}
    codebooks = [run_query(query)[shown_columns].rename(columns=codebook_headers)
                 for query in ("common/lookup_topics", "common/lookup_measures")]
    register = run_query("sources/register_sources")
    curated = run_query("sources/curated_sources")
    return (pd.DataFrame(columns), found.rename_axis(index=t("col.file"), columns=None), *codebooks, pd.DataFrame({
        t("sources.col.page_kind"): register.page_kind.map(lambda k: label("page_kind.", k)),
        t("col.trust"): register.trust.map(trust_label),
        t("sources.col.host"): register.host,
        t("sources.col.rows"): register.rows,
        t("sources.col.with_official_url"): register.with_official_url,
        t("sources.col.example_title"): register.example_title,
    }), pd.DataFrame({
        t("sources.col.dataset"): curated.dataset.map(lambda d: label("dataset.", d)),
        t("col.trust"): curated.trust.map(trust_label),
        t("sources.col.host"): curated.host,
        t("sources.col.rows"): curated.rows,
        t("sources.col.example_title"): curated.example_title,
    }))


corpus_table, found, topics_table, measures_table, register_table, curated_table = shared.view(("sources", lang()), tables)
st.dataframe(corpus_table, hide_index=True, width="stretch", placeholder=NO_VALUE)

st.subheader(t("sources.found"))
st.dataframe(found, width="stretch", placeholder=NO_VALUE)

st.subheader(t("sources.codebook"))
left, right = st.columns(2)
left.dataframe(topics_table, hide_index=True, width="stretch", placeholder=NO_VALUE)
right.dataframe(measures_table, hide_index=True, width="stretch", placeholder=NO_VALUE)

st.subheader(t("sources.register"))
st.write(t("sources.register_intro"))
st.dataframe(register_table, hide_index=True, width="stretch", placeholder=NO_VALUE)

st.subheader(t("sources.curated"))
st.write(t("sources.curated_intro"))
st.dataframe(curated_table, hide_index=True, width="stretch", placeholder=NO_VALUE)
