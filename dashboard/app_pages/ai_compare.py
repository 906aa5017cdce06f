"""区级AI政策对比 District AI terms: a matrix of measures × regions (湖北省 and 武汉市 always at the left as
reference columns, then the districts and zones picked in `compare`), every cell with rate, cap, condition,
quote and source; corpus clauses and curated rows side by side, each marked, and disagreements shown, never
resolved; below, every term as a long table with downloads."""
from __future__ import annotations

import streamlit as st

from dashboard import charts_ai, images, params
from dashboard.controls import NO_VALUE, choose_many, current_url, measure_labels, region_labels
from dashboard.db import run_query
from dashboard import shared
from dashboard.exports import download_buttons
from dashboard.i18n import TEXT, lang, t, translator

TEXT.update({
    "ai.intro": (
        "按措施逐行对比各区（功能区）支持人工智能的条款。左侧两列是参照：湖北省与武汉市的条款。"
        "数据有三种来源：【语料摘录】（标题含“人工智能/AI/OPC/大模型/算力”的政策中抽取的条款，注明文件与行号）、"
        "【登记表】（武汉各区政策登记表中的条款，注明登记表行号、来源网址与可信度）"
        "和【人工整理】（非语料，注明来源网址与可信度）。每个条目前的 [编号] 对应页面下方明细表的“#”列。",
        "Measure by measure, the AI-support terms of Wuhan's districts and zones. The two left columns are the "
        "reference: the terms of Hubei Province and of Wuhan. Three kinds of data: [corpus] from the corpus (clauses of "
        "policies whose title names 人工智能/AI/OPC/大模型/算力, with file and lines), [register] (the register of "
        "Wuhan district policies, with its line, source URL and trust mark) and [curated] (not from the "
        "corpus, with source URL and trust mark). The [number] of each entry is the '#' of the table at the bottom."),
    "ai.rows": ("显示的措施", "Measures shown"),
    "ai.all_rows": ("全部（有条款的措施）", "All (measures with terms)"),
    "ai.pick": ("选择要对比的区或功能区", "Pick districts or zones"),
    "ai.option": ("{name}（{n}条）", "{name} ({n} terms)"),
    "ai.option_ref": ("{name}（参照列，始终显示）", "{name} (reference column, always shown)"),
    "ai.reference": ("参照", "reference"),
    "ai.n_entries": ("{n} 条", "{n} entries"),
    "ai.no_compare": ("尚未选择对比地区：下表只显示湖北省、武汉市两列参照。",
                      "No district picked: the table shows only the two reference columns (Hubei, Wuhan)."),
    "ai.filters_ignored": ("侧栏的层级、主题、地区、年份、时效筛选不作用于本页：本页按所选地区对比全部AI条款。",
                           "The sidebar filters (level, topic, region, years, status) do not apply here: this page "
                           "compares every AI term of the regions picked above."),
    "ai.curated_explain": (
        "标为【人工整理】的条目**不是从语料中抽取的**，而是人工从公开网页整理（data/curated/，见“数据来源”页）："
        "新闻与转载页面（district_ai_terms.csv），以及一个湖北政策追踪站对官方文件的摘要（peer_ai_terms.csv）。"
        "每条都注明来源链接与可信度。\n\n"
        "**可信度如何评定**：高 / 中高 / 中 / 中低 / 低 是来源网站的评级——政府网站为高，"
        "省级官方媒体为中高，行业媒体转载为中，来历不明的转载站或外文转述为中低，带推销电话的咨询页为低；"
        "“官方文件的二手摘要”指政策追踪站对官方文件的摘要，链接指向官方原文页面。"
        "同一政策、同一措施的语料条款与整理条目并列显示并标出是否一致，不替任何一方做取舍。",
        "Entries tagged [curated] are **not from the corpus**: they were collected by hand from public web pages "
        "(data/curated/, see Data sources): news and repost pages (district_ai_terms) and a Hubei policy tracker's "
        "summaries of official texts (peer_ai_terms). Each shows its source link and trust mark.\n\n"
        "**How trust is rated**: high / medium-high / medium / medium-low / low rate the source's host — government "
        "sites high, provincial state media medium-high, industry media reposts medium, reposts on unknown hosts or "
        "foreign-language paraphrases medium-low, consultancy pages with a sales number low; official_summary = a "
        "tracker's second-hand summary of an official text, linked to the official page. Where a curated row and a "
        "corpus clause are about the same policy and measure, both are shown and marked as agreeing or not; neither "
        "is chosen."),
    "ai.legend": ("图例：【语料摘录】灰色标签（文件:行号）·【登记表】紫色标签（可信度、来源链接与登记表行号）·【人工整理】蓝色标签（可信度与来源链接）· ★ 该行最优 · ✓ 一致 · ≈ 部分一致 · ⚠ 读数不同。"
                  "鼠标停在条目上可看完整原文与出处。",
                  "Legend: [corpus] grey tag (file:lines) · [register] purple tag (trust, source link and register line) · [curated] blue tag (trust and source link) · ★ best of the row · ✓ agrees · "
                  "≈ partly agrees · ⚠ readings differ. Hover an entry for the full quote and source."),
    "ai.standing.draft": ("征求意见稿，不参与最优", "draft, never best"),
    "ai.standing.superseded": ("已被替代，不参与最优", "superseded, never best"),
    "ai.standing.expired": ("已失效，不参与最优", "lapsed, never best"),
    "ai.standing.not_yet": ("尚未生效，不参与最优", "not yet in force, never best"),
    "ai.none_found": ("“—”表示语料和整理数据中都没有找到该项，不代表该地区没有此类政策。",
                      "'—' means neither the corpus nor the curated data has a term there, not that the region "
                      "has no such policy."),
    "ai.empty_regions": ("以下地区在语料和整理数据中都没有AI条款：{regions}",
                         "No AI term in the corpus or the curated data for: {regions}"),
    "ai.matrix_download": ("矩阵（纯文本单元格，含来源列）", "The matrix (plain-text cells, with a sources column)"),
    "ai.differences": ("语料与整理数据对照", "Corpus and curated, side by side"),
    "ai.differences_intro": (
        "整理条目与语料中同一政策、同一措施的条款逐一对照。“读数不同”时两者都保留：例如武昌区算力补贴，"
        "语料（月刊摘要）把“50 万”读作企业年营收门槛，政策追踪站读作每年补贴上限。",
        "Each curated entry about the same policy and measure as a corpus clause, beside it. Where the readings "
        "differ both are kept: e.g. 武昌区's compute subsidy, where the corpus (a newsletter summary) reads "
        "'50 万' as a revenue threshold and the tracker reads it as the yearly cap."),
    "ai.no_differences": ("所选地区没有可对照的语料条款与整理条目。",
                          "No curated entry of these regions is about a corpus clause."),
    "ai.long": ("全部对比条款（明细）", "Every compared term (detail)"),
    "ai.long_intro": ("每个数字一行；“#”即矩阵中的 [编号]。语料条款的来源为“文件:行号”，整理条目的来源为网址。",
                      "One row per number; '#' is the [number] in the matrix. A corpus term's source is file:lines, "
                      "a curated row's is its URL."),
    "ai.condition": ("条件", "Condition"),
    "ai.kind": ("数值类型", "Kind"),
    "ai.origin.register": ("登记表", "register"),
    "ai.more": ("另有 {n} 条，见下方明细表", "{n} more in the detail table below"),
    "ai.cells_capped": ("每个单元格最多列出 {n} 条（最优者在前），其余见下方明细表。", "Each cell lists at most {n} entries (the best first); the detail table below has them all."),
    "ai.page": ("页码", "Page"),
    "ai.page_note": ("第 {a}–{b} 条，共 {n} 条", "{a}–{b} of {n}"),
    "ai.full": ("下载全部对比条款 CSV（最多 {n} 条）", "Download every compared term, CSV (at most {n})"),
    "ai.full_capped": ("共 {n} 条，下载只含前 {cap} 条（按页面顺序）。", "{n} terms; the download holds the first {cap} (in the page's order)."),
    "ai.kind.rate": ("比例", "rate"),
    "ai.kind.cap": ("上限", "cap"),
    "ai.kind.amount": ("金额", "amount"),
    "ai.kind.threshold": ("门槛", "threshold"),
    "ai.kind.duration": ("期限", "duration"),
    "ai.kind.count": ("数量", "count"),
    "ai.kind.statement": ("无数值条款", "no figure"),
    "ai.link": ("来源链接", "Link"),
    "ai.source_title": ("来源标题", "Source title"),
    "ai.clause_line": ("条款在第{n}行", "clause at line {n}"),
    "ai.verdict": ("对照结果", "Verdict"),
    "ai.corpus_reading": ("语料读数", "Corpus reading"),
    "ai.corpus_quote": ("语料原文", "Corpus quote"),
    "ai.curated_reading": ("整理读数", "Curated reading"),
    "ai.curated_quote": ("整理原文", "Curated quote"),
    "ai.agree.match.curated": ("✓ 与语料一致", "✓ agrees with the corpus"),
    "ai.agree.match.corpus": ("✓ 整理数据一致", "✓ curated data agrees"),
    "ai.agree.partial.curated": ("≈ 部分一致：整理数据缺少语料中的数值", "≈ partly: the curated row lacks a figure the corpus states"),
    "ai.agree.partial.corpus": ("≈ 部分一致：整理数据缺少部分数值", "≈ partly: the curated row lacks some figures"),
    "ai.agree.differs.curated": ("⚠ 与语料读数不同", "⚠ reads differently from the corpus"),
    "ai.agree.differs.corpus": ("⚠ 整理数据读数不同", "⚠ the curated data reads differently"),
})

REFERENCES = ["420000", "420100"]   # 湖北省, 武汉市: always the two left columns
PAGE_PARAMS = ["compare", "rows"]

url = current_url()
regions = region_labels()
measures = measure_labels()
code = lang()
tr = translator(code)   # the builders look up words per entry: the language read once
st.title(t("nav_ai"))
st.caption(t("ai.intro"))


def picker_labels() -> dict[str, str]:
    """Every region of the gazetteer with its number of terms: the same for every run of a database and language
    (shared: never mutated)."""
    options = run_query("ai/region_options")
    picker = {}
    for region, terms in zip(options.code.tolist(), options.ai_terms.tolist()):
        name = regions.get(region, region)
        if region in REFERENCES:
            picker[region] = tr("ai.option_ref").format(name=name)
        else:
            picker[region] = tr("ai.option").format(name=name, n=int(terms)) if terms else name
    return picker


picker = shared.derived(("ai.picker", code), picker_labels)
left, right = st.columns([3, 2])
with left:
    chosen = choose_many(url, "compare", t("districts"), picker, placeholder=t("ai.pick"))
with right:
    chosen_rows = choose_many(url, "rows", t("ai.rows"), measures, placeholder=t("ai.all_rows"))

compare = [c for c in chosen if c not in REFERENCES]
columns = REFERENCES + compare
if url.encoded(params.SHARED_NAMES).keys() - {"lang"}:
    st.caption(t("ai.filters_ignored"))
if not compare:
    st.info(t("ai.no_compare"))

PAGE_ROWS = 200        # the detail table is fetched a page at a time
FULL_ROWS = 100_000    # the most rows its full download holds
picked_rows = chosen_rows or None


def build():
    """The matrix as HTML and as a table, and the differences: built once for these URL values and shared."""
    entries = charts_ai.mark_agreement(charts_ai.prepare(
        run_query("ai/compared_entries", regions=columns, measures=picked_rows, per_cell=charts_ai.PER_CELL)))
    found = set(chosen_rows or entries.measure)
    shown_rows = [m for m in measures if m in found]
    return (entries, shown_rows,
            charts_ai.matrix_html(entries, columns, REFERENCES, shown_rows, regions, measures, tr, code),
            charts_ai.matrix_frame(entries, columns, shown_rows, regions, measures, tr, code),
            charts_ai.differences_frame(entries, regions, measures, tr, code))


# keyed on what the matrix reads (the regions and measures picked): the sidebar filters do not apply on this page,
# so changing one here shows the same matrix without building it again
view_key = ("ai", code, tuple(columns), tuple(chosen_rows))
frame, rows, matrix_html, matrix, differences = shared.view(view_key, build)

st.info(f"**{t('curated_note')}**\n\n{t('ai.curated_explain')}")
st.caption(t("ai.legend"))
st.html(matrix_html)
with st.expander(t("images.heading")):
    images.offer("ai_matrix", rows=len(rows))
st.caption(t("best_rule"))
st.caption(t("ai.none_found"))
if (frame.cell_n > frame.groupby(["measure", "region_code"]).ref.transform("size")).any():
    st.caption(t("ai.cells_capped").format(n=charts_ai.PER_CELL))
empty = [regions.get(c, c) for c in columns if not (frame.region_code == c).any()]
if empty:
    st.warning(t("ai.empty_regions").format(regions="、".join(empty) if lang() == "zh" else ", ".join(empty)))
filters = url.encoded(PAGE_PARAMS)
with st.expander(t("ai.matrix_download")):
    st.dataframe(matrix, hide_index=True, width="stretch", placeholder=NO_VALUE)
    download_buttons(matrix, "ai_matrix", filters, key="ai_matrix")

st.subheader(t("ai.differences"))
st.caption(t("ai.differences_intro"))
if differences.empty:
    st.info(t("ai.no_differences"))
else:
    st.dataframe(differences, hide_index=True, width="stretch", placeholder=NO_VALUE)
    download_buttons(differences, "ai_differences", filters, key="ai_differences")

st.subheader(t("ai.long"))
st.caption(t("ai.long_intro"))
page_key = "ai.page." + "~".join(columns) + "." + "~".join(chosen_rows)


def detail_page(number: int) -> tuple[int, object]:
    """(every compared term's count, this page of the detail table): built once for these values and shared."""
    def build():
        long = run_query("ai/compared_terms", regions=columns, measures=picked_rows, limit=PAGE_ROWS,
                         offset=(number - 1) * PAGE_ROWS)
        return (int(long.total.iloc[0]) if len(long) else 0), charts_ai.long_frame(long, regions, measures, tr)
    return shared.view((*view_key, "detail", number), build)


page_no = int(st.session_state.get(page_key, 1))
total, detail = detail_page(page_no)
if detail.empty and page_no > 1:   # the selection changed under a later page: back to the first
    page_no = st.session_state[page_key] = 1
    total, detail = detail_page(page_no)
st.dataframe(detail, hide_index=True, width="stretch", placeholder=NO_VALUE, column_config={
    "#": st.column_config.NumberColumn("#", width="small"),
    t("ai.link"): st.column_config.LinkColumn(t("ai.link"), display_text=r"https?://([^/?#]+)"),
    t("col.quote"): st.column_config.TextColumn(t("col.quote"), width="large"),
})
if total > PAGE_ROWS:
    first = (page_no - 1) * PAGE_ROWS
    st.number_input(t("ai.page"), min_value=1, max_value=-(-total // PAGE_ROWS), key=page_key)
    st.caption(t("ai.page_note").format(a=first + 1, b=first + len(detail), n=total))


def all_terms():
    """Every compared number (built when the button is clicked), at most FULL_ROWS, the cap said in the file."""
    out = charts_ai.long_frame(run_query("ai/compared_terms", regions=columns, measures=picked_rows,
                                         limit=FULL_ROWS, offset=0), regions, measures, tr)
    if total > FULL_ROWS:
        out.insert(0, "note", "")
        out.iloc[0, 0] = t("ai.full_capped").format(n=total, cap=FULL_ROWS)
    return out


download_buttons(detail, "ai_terms", filters, key="ai_terms", full=all_terms)
st.caption(t("ai.full").format(n=f"{FULL_ROWS:,}"))
