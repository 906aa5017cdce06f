"""政策检索 Policy explorer: full-text search with facets, a results table, and one policy's full record.

URL: q (search text), issuer, policy (the policy whose details are open) and the shared sidebar filters.
Search: character bigrams of q (data.pipeline.search_index.query_grams) scored with BM25 in
queries/explorer/search_policies.sql; the exact phrase ranks first. The detail view shows every field,
the quantified terms, every provenance row, the citation links and the source text with each term's
number marked (all text from data and URL is escaped before the <mark> tags are added).
"""
from __future__ import annotations

import html
import re
from functools import partial
from urllib.parse import quote

import pandas as pd
import streamlit as st

from dashboard import params, shared
from dashboard.coverage import kind_label, trust_label
from dashboard.controls import (NO_VALUE, choose_one, current_url, enter_text, level_labels, md, measure_labels,
                                region_labels, status_labels, topic_labels)
from dashboard.db import run_query
from dashboard.exports import download_buttons
from dashboard.i18n import TEXT, lang, per_value, t
from dashboard.result_facets import facet_counts, grouped, issuer_counts
from dashboard.search_scores import search_policies
from dashboard.state import reset, write_url
from data.pipeline.search_index import query_grams

TEXT.update({
    "explorer.results_n": ("共 {n} 条", "{n} policies"),
    "explorer.shown_first": ("列出前 {k} 条", "the first {k} listed"),
    "explorer.results_for": ("「{q}」的检索结果", "Results for “{q}”"),
    "explorer.order_score": ("按相关度排序（标题或正文含完整关键词者优先）", "By relevance (the exact phrase in title or text first)"),
    "explorer.order_date": ("按日期排序，最新在前", "Newest first"),
    "explorer.no_results": ("没有找到匹配的政策。", "No policy matches."),
    "explorer.try_filters": ("可以删除部分筛选条件（当前：{f}），或换用更短、更常见的关键词。",
                             "Try removing some filters (now: {f}), or a shorter, more common keyword."),
    "explorer.try_words": ("可以换用更短、更常见的关键词，如：贴息、担保、留抵退税。",
                           "Try a shorter, more common keyword, e.g. 贴息, 担保, 留抵退税."),
    "explorer.clear_keep_q": ("清除筛选（保留关键词）", "Clear filters (keep the search)"),
    "explorer.facets": ("结果分布", "Breakdown of the results"),
    "explorer.facets_listed": ("结果分布（列出的前 {k} 条）", "Breakdown of the first {k} listed"),
    "explorer.facets_all": ("结果分布（全部 {n} 条）", "Breakdown of all {n} matches"),
    "explorer.breakdown": ("统计范围", "Count"),
    "explorer.breakdown_listed": ("列出的前 {k} 条", "the first {k} listed"),
    "explorer.breakdown_all": ("全部 {n} 条（较慢）", "all {n} matches (slower)"),
    "explorer.dates": ("日期", "Dates"),
    "explorer.topic_note": ("主题按政策的全部主题计数，一条政策可计入多个主题。",
                            "Topics count every topic of a policy, so one policy can count more than once."),
    "explorer.issuer_all": ("全部发文机关", "All issuers"),
    "explorer.issuer_help": ("括号内为列出的结果中该机关的政策数。", "In brackets: how many of the listed results it issued."),
    "explorer.unknown_policy": ("链接中的政策编号不存在，未打开详情。", "The policy id in the link does not exist; no details opened."),
    "explorer.not_in_results": ("这条政策不在当前检索结果中。", "This policy is not among the current results."),
    "explorer.close": ("关闭详情", "Close details"),
    "explorer.none": ("—（未选择）", "— (none)"),
    "explorer.pick_hint": ("点击表格中的一行，或在下面的下拉框中选择，查看政策详情。",
                           "Click a row of the table, or pick one below, to see a policy's details."),
    "explorer.f.dates": ("日期", "Dates"),
    "explorer.f.effective": ("有效期", "Effective period"),
    "explorer.f.date_note": ("日期说明", "Date note"),
    "explorer.f.beneficiaries": ("支持对象", "Beneficiaries"),
    "explorer.f.execution_period": ("执行时间", "Execution period"),
    "explorer.f.executing_agency": ("执行机关", "Executing agency"),
    "explorer.f.list_category": ("清单类别", "List category"),
    "explorer.f.text_kind": ("文本", "Text"),
    "explorer.f.notes": ("备注", "Notes"),
    "explorer.f.topics": ("主题（判定依据）", "Topics (evidence)"),
    "explorer.f.id": ("政策编号", "Policy id"),
    "explorer.primary": ("主要", "primary"),
    "explorer.evidence": ("依据", "evidence"),
    "explorer.prec.day": ("精确到日", "to the day"),
    "explorer.prec.month": ("精确到月", "to the month"),
    "explorer.prec.year": ("精确到年", "to the year"),
    "explorer.no_date": ("未注明", "not stated"),
    "explorer.open_end": ("未注明", "open"),
    "explorer.no_terms": ("没有提取到量化条款。", "No quantified terms."),
    "explorer.relations": ("关联政策", "Related policies"),
    "explorer.rel.cites": ("本政策引用", "cited by this policy"),
    "explorer.rel.cited_by": ("引用本政策", "cites this policy"),
    "explorer.no_relations": ("没有引用关系。", "No citation links."),
    "explorer.rel_hint": ("点击一行打开该政策。", "Click a row to open that policy."),
    "explorer.no_text": ("语料中没有这条政策的正文或摘要（只见于目录或引用）。",
                         "The corpus has no text or summary of this policy (it is only listed or cited)."),
    "explorer.marked": ("黄色标记：量化条款的数字（鼠标悬停可见措施）；蓝色：无数字的条款。{k}/{n} 个条款已在原文中标出。",
                        "Yellow: the numbers of quantified terms (hover for the measure); blue: a term without a number. "
                        "{k} of {n} terms marked in the text."),
    "explorer.col.comparator": ("比较", "Comparator"),
    "explorer.col.basis": ("计算基数", "Basis"),
    "explorer.col.condition": ("条件", "Condition"),
    "explorer.col.source_title": ("来源文件", "Source document"),
    "explorer.col.printed_title": ("原文标题", "Title as printed"),
    "explorer.col.page": ("页码", "Page"),
    "explorer.col.section": ("所在栏目", "Section"),
    "explorer.col.relation": ("关系", "Relation"),
    "explorer.register_only": ("这条政策只见于登记表或人工整理表（事实与出处，不是政策原文）：请以官方网址为准，"
                               "并留意依据类型与可信度。",
                               "This policy is known only from the register or a curated table (facts with citations, "
                               "not the policy text): check the official page, and mind the evidence kind and trust."),
    "explorer.register_terms": ("登记表中的条款（转述，不是原文）", "Terms in the register (paraphrased, not quoted)"),
    "explorer.curated_terms": ("人工整理表中的条款（二手摘要或转载，注明出处与可信度）",
                               "Terms in the curated tables (second-hand summaries or reposts, with source and trust)"),
    "explorer.col.rate": ("比例（%）", "Rate (%)"),
    "explorer.col.cap": ("上限（万元）", "Cap (10k yuan)"),
    "explorer.col.threshold": ("门槛", "Threshold"),
    "explorer.col.duration": ("期限（月）", "Duration (months)"),
    "explorer.col.paraphrase": ("条件（转述）", "Condition (paraphrase)"),
    "explorer.ev.title": ("标题：", "title: "),
    "explorer.ev.text": ("正文：", "text: "),
    "explorer.ev.register": ("登记表所标主题", "the register's topic"),
    "explorer.ev.none": ("未匹配任何主题关键词", "no keyword of any topic matched"),
})

CURATED_KINDS = ("register_entry", "curated_term")   # provenance kinds of curated rows, not corpus documents
RESULT_LIMIT = 500           # rows listed; the caption gives the total (more than the corpus holds)
FACET_TOP = 12               # the largest values of a facet shown (regions: 8)
LONG_TEXT = 1500             # source texts longer than this scroll inside a box
FILTER_NAMES = ["level", "topic", "region", "years", "status", "issuer"]

url = current_url()
ZH = lang() == "zh"   # read once: counted() labels every issuer of the results
COLON = "：" if ZH else ": "
filters = params.sql_filters(url)
LEVELS, REGIONS, TOPICS, STATUSES = level_labels(), region_labels(), topic_labels(), status_labels()
EVIDENCE = {k: kind_label(k) for k in ("full_text", "summary", "list_entry", "toc", "citation", "register_entry",
                                       "curated_term")}


# Text helpers -----------------------------------------------------------------

def esc(value: str) -> str:
    """Text for the raw-HTML source view: HTML-escaped, no markdown or math left to interpret, one line."""
    text = html.escape(value, quote=True).replace("$", "&#36;").replace("\\", "&#92;")
    return text.replace("\r\n", "<br>").replace("\n", "<br>").replace("\r", "<br>")


def missing(value) -> bool:
    if value is None or isinstance(value, (list, tuple)) or hasattr(value, "tolist"):
        return value is None
    return bool(pd.isna(value))


def in_language(p, col: str):
    """A note column in the interface language: `col_zh` holds its Chinese rendering (data/reader/notes.py)."""
    zh = getattr(p, f"{col}_zh", None)
    return zh if lang() == "zh" and not missing(zh) else getattr(p, col)


def fmt_date(value, precision) -> str:
    """A date as precise as it is known: 2020-01-01 with month precision is 2020-01."""
    if missing(value):
        return ""
    day = pd.Timestamp(value)
    if precision == "year":
        return f"{day.year}"
    return f"{day.year}-{day.month:02d}" if precision == "month" else f"{day.date()}"


def fmt_num(value) -> str:
    return "" if missing(value) else f"{float(value):.4f}".rstrip("0").rstrip(".")


def counted(name: str, n: int) -> str:
    return f"{name}（{n}）" if ZH else f"{name} ({n})"


def issuers_text(value) -> str:
    return "" if missing(value) else "; ".join(map(str, list(value)))


def link(url) -> str:
    """A markdown link to a URL from data (the text escaped, the target percent-encoded)."""
    return f"[{md(url)}]({quote(str(url), safe=':/?&=#%~+,;@!$*')})"


def topic_evidence(text: str) -> str:
    """The classifier's evidence ("title: 贷款, 融资; text: …") in the interface language."""
    if text == "no keyword of any topic matched":
        return t("explorer.ev.none")
    if text == "register: topic_hint":
        return t("explorer.ev.register")
    return "; ".join(t("explorer.ev.title") + part[len("title: "):] if part.startswith("title: ") else
                     t("explorer.ev.text") + part[len("text: "):] if part.startswith("text: ") else part
                     for part in text.split("; "))


# Highlighting -------------------------------------------------------------------

def locate(text: str, quote: str, number_at: int, number_printed: str) -> tuple[int, int] | None:
    """Where a term's number is printed in the text (the whole quote for a term without a number).

    The quote is looked up as printed, else without its field label (主要内容\\t…) and ignoring
    whitespace, since quotes are re-joined from broken lines."""
    if not text or not quote:
        return None
    size = len(number_printed or "")
    found = text.find(quote)
    if found >= 0:
        return (found + number_at, found + number_at + size) if size else (found, found + len(quote))
    label = quote.rfind("\t") + 1
    body, at = quote[label:], number_at - label
    chars = [c for c in body if not c.isspace()]
    if not chars or (size and at < 0):
        return None
    match = re.search(r"\s*".join(map(re.escape, chars)), text)
    if not match:
        return None
    if not size:
        return match.span()
    solid = [i for i in range(match.start(), match.end()) if not text[i].isspace()]
    first = sum(1 for c in body[:at] if not c.isspace())
    length = sum(1 for c in number_printed if not c.isspace())
    if not length or first + length > len(solid):
        return None
    return solid[first], solid[first + length - 1] + 1


def term_note(term, labels: dict[str, str]) -> str:
    value = fmt_num(term.value) + (f"–{fmt_num(term.value_max)}" if not missing(term.value_max) else "")
    comparator = "" if missing(term.comparator) else term.comparator
    return f"{labels.get(term.measure, term.measure)}: {comparator}{value}{term.unit or ''}".strip()


def highlighted(text: str, terms: pd.DataFrame, labels: dict[str, str]) -> tuple[str, set[str]]:
    """(one line of HTML: the escaped text with <mark>s, ids of the terms marked in it)."""
    spans: dict[tuple[int, int], list] = {}
    for term in terms.itertuples():
        span = locate(text, term.quote, int(term.number_at), term.number_printed)
        if span and span[1] > span[0]:
            entry = spans.setdefault(span, [[], [], bool(term.number_printed)])
            entry[0].append(term_note(term, labels))
            entry[1].append(term.term_id)
    out, pos, marked = [], 0, set()
    for (start, end), (notes, ids, numeric) in sorted(spans.items()):
        if start < pos:          # overlaps a mark already placed
            continue
        colour = "#ffe066" if numeric else "#d0e2ff"
        out.append(esc(text[pos:start]))
        out.append(f'<mark style="background:{colour};padding:0 2px;border-radius:3px" '
                   f'title="{esc(" / ".join(dict.fromkeys(notes)))}">{esc(text[start:end])}</mark>')
        pos = end
        marked.update(ids)
    out.append(esc(text[pos:]))
    return "".join(out), marked


# Selection callbacks ------------------------------------------------------------

def open_policy(policy_id: str | None) -> None:
    st.session_state[url.params["policy"].widget_key] = policy_id
    write_url()


def pick_row(table_key: str, ids: list[str]) -> None:
    """A row picked in a table opens that policy (the ids are the table's rows, in order)."""
    rows = st.session_state[table_key].selection.rows
    if rows and rows[0] < len(ids):
        open_policy(ids[rows[0]])


# Search -------------------------------------------------------------------------

st.title(t("nav_explorer"))

top = st.columns([3, 2])
with top[0]:
    enter_text(url, "q", t("search"), placeholder=t("search_help"))
q = " ".join(str(url["q"] or "").split())[: url.params["q"].max_len]
grams = query_grams(q) or ([q] if q else [])   # punctuation only: a plain substring search
search = dict(filters, grams=grams, phrase=q, limit=RESULT_LIMIT)

base = search_policies(**search, issuer=None)
# The options: the issuers of the listed results, with how many of them each signed. The URL's issuer (it exists:
# params checks it) may sign none of the listed rows of the search without it: it is offered with its own total.
asked_issuer = url["issuer"]
results = search_policies(**search, issuer=asked_issuer) if asked_issuer else base
issuer_options = {code: counted(code, n) for code, n in issuer_counts(base)}
if asked_issuer and asked_issuer not in issuer_options:
    issuer_options[asked_issuer] = counted(asked_issuer, int(results.total.iloc[0]) if len(results) else 0)
with top[1]:
    issuer = choose_one(url, "issuer", t("issuer"), issuer_options, none_label=t("explorer.issuer_all"),
                        placeholder=t("explorer.issuer_all"), help=t("explorer.issuer_help"))
if issuer != asked_issuer:
    results = search_policies(**search, issuer=issuer) if issuer else base
ids = results.policy_id.tolist()

if any(key == "policy" for key, _, _ in url.ignored):
    st.warning(t("explorer.unknown_policy"), icon="🔎")

heading = t("explorer.results_for").format(q=md(q)) if q else t("results")
st.subheader(heading, anchor=False)

if results.empty:
    st.info(t("explorer.no_results"))
    active = []
    for name in FILTER_NAMES:
        value = url[name]
        if name == "years":
            if value and tuple(value) != params.year_bounds():
                active.append(f"{t('years')} {value[0]}–{value[1]}")
        elif value:
            names = {"level": LEVELS, "topic": TOPICS, "region": REGIONS, "status": STATUSES}.get(name, {})
            shown = [names.get(v, v) for v in (value if isinstance(value, list) else [value])]
            active.append(f"{t(name)}: {', '.join(shown)}")
    if active:
        st.markdown(md(t("explorer.try_filters").format(f=("；" if lang() == "zh" else "; ").join(active))))
        st.button(t("explorer.clear_keep_q"), on_click=reset, args=(FILTER_NAMES,))
    else:
        st.markdown(md(t("explorer.try_words")))
else:
    total = int(results.total.iloc[0])
    more = total > len(results)
    st.caption(t("explorer.results_n").format(n=f"{total:,}") + " · "
               + (t("explorer.shown_first").format(k=len(results)) + " · " if more else "")
               + (t("explorer.order_score") if q else t("explorer.order_date")))
    # at scale the breakdown is of the listed rows unless every match is asked for (a second pass over the
    # matches: a click, kept in the URL); its heading says which
    of_all = more and url["breakdown"] == "all"

    def facet_texts() -> tuple[str, str]:
        """The facets of these results in words (two columns): built once for these URL values and shared."""
        if of_all:
            by_facet = grouped(run_query("explorer/match_breakdown", **{k: v for k, v in search.items() if k != "limit"},
                                         issuer=issuer, per_facet=FACET_TOP))
        else:
            by_facet = facet_counts(results, run_query("explorer/result_topics", ids=ids))

        def facet_line(facet: str, labels: dict[str, str], top_n: int = FACET_TOP) -> str:
            parts = [f"{md(labels.get(code, code) if code is not None else '—')} **{n:,}**"
                     for code, n in by_facet.get(facet, [])[:top_n]]
            return " · ".join(parts) if parts else "—"
        span = {facet: by_facet[facet][0][0] for facet in ("first_date", "last_date")}
        return (f"**{t('level')}**{COLON}{facet_line('level', LEVELS)}  \n"
                f"**{t('col.evidence')}**{COLON}{facet_line('evidence', EVIDENCE)}  \n"
                f"**{t('status')}**{COLON}{facet_line('status', STATUSES)}  \n"
                f"**{t('explorer.dates')}**{COLON}"
                f"{md(span.get('first_date') or '—')} … {md(span.get('last_date') or '—')}",
                f"**{t('region')}**{COLON}{facet_line('region', REGIONS, 8)}  \n"
                f"**{t('topic')}**{COLON}{facet_line('topic', TOPICS)}")
    facets_heading = (t("explorer.facets_all").format(n=f"{total:,}") if of_all
                      else t("explorer.facets_listed").format(k=len(results)) if more else t("explorer.facets"))
    with st.expander(facets_heading, expanded=True):
        if more:
            choose_one(url, "breakdown", t("explorer.breakdown"),
                       {"all": t("explorer.breakdown_all").format(n=f"{total:,}")},
                       none_label=t("explorer.breakdown_listed").format(k=len(results)), widget=st.radio,
                       horizontal=True)
        left_text, right_text = shared.view(("explorer.facets", lang(), url.key()), facet_texts)
        cols = st.columns(2)
        cols[0].markdown(left_text)
        cols[1].markdown(right_text)
        st.caption(t("explorer.topic_note"))

    shown = pd.DataFrame({
        t("col.title"): results.title,
        t("col.doc_number"): results.doc_number.fillna(""),
        t("col.issuers"): [issuers_text(v) for v in results.issuers],
        t("col.level"): results.level.map(LEVELS),
        t("col.region"): results.region_code.map(REGIONS),
        t("col.issue_date"): [fmt_date(d, p) for d, p in zip(results.issue_date, results.issue_date_precision)],
        t("col.status"): results.status_now.map(STATUSES),
        t("col.topic"): results.primary_topic.map(TOPICS),
        t("col.evidence"): per_value(results.evidence_kind, kind_label),
        t("col.trust"): per_value(results.trust, trust_label),
        t("col.official_url"): results.official_url.fillna(""),
        t("col.sources"): results.sources,
    })
    st.caption(t("explorer.pick_hint"))
    st.dataframe(shown, hide_index=True, width="stretch", placeholder=NO_VALUE, height=min(420, 38 + 35 * len(shown)),
                 column_config={t("col.title"): st.column_config.TextColumn(width=380),
                                t("col.official_url"): st.column_config.LinkColumn(width=160)},
                 key="explorer.results", on_select=partial(pick_row, "explorer.results", ids),
                 selection_mode="single-row")
    download_buttons(shown, "policies_search", url.encoded(params.SHARED_NAMES + ["q", "issuer"]),
                     full=lambda: run_query("explorer/full_data", ids=ids), key="explorer.results")

# The picker (fallback for the table selection) ------------------------------------

current = url["policy"]
detail = run_query("explorer/policy_detail", policy_id=current) if current else pd.DataFrame()
choices = {pid: f"{title}" for pid, title in zip(results.policy_id, results.title)}
if current and current not in choices and not detail.empty:
    choices[current] = detail.title.iloc[0]
if choices:
    choose_one(url, "policy", t("choose_policy"), choices, none_label=t("explorer.none"),
               placeholder=t("explorer.none"))

if not current or detail.empty:
    st.stop()

# The detail view ---------------------------------------------------------------------

p = detail.iloc[0]
st.divider()
head = st.columns([5, 1])
head[0].subheader(f"{t('detail')}{COLON}{md(p.title)}", anchor=False)
head[1].button(t("explorer.close"), on_click=reset, args=(["policy"],), width="stretch")
if current not in ids:
    st.caption(t("explorer.not_in_results"))

def precision(value) -> str:
    if missing(value):
        return ""
    return f"（{t('explorer.prec.' + value)}）" if lang() == "zh" else f" ({t('explorer.prec.' + value)})"



issued = fmt_date(p.issue_date, p.issue_date_precision)
eff_from = fmt_date(p.effective_from, p.effective_from_precision)
eff_to = fmt_date(p.effective_to, p.effective_to_precision)
topics = run_query("explorer/policy_topics", policy_id=current)
topic_text = ("；" if lang() == "zh" else "; ").join(
    f"{md(r.label_zh if lang() == 'zh' else r.label_en)}"
    + ((f"（{t('explorer.primary')}）" if lang() == "zh" else f" ({t('explorer.primary')})") if r.is_primary else "")
    + f" — {t('explorer.evidence')}{COLON}{md(topic_evidence(r.evidence))}" for r in topics.itertuples()) or "—"
fields = [
    (t("col.title"), md(p.title)),
    (t("col.doc_number"), md(p.doc_number) if not missing(p.doc_number) else "—"),
    (t("col.issuers"), md(issuers_text(p.issuers)) or "—"),
    (t("col.level"), md(LEVELS.get(p.level, p.level or "—"))),
    (t("col.region"), md(REGIONS.get(p.region_code, p.region_code or "—"))),
    (t("col.issue_date"), (md(issued) + precision(p.issue_date_precision)) if issued else t("explorer.no_date")),
    (t("explorer.f.date_note"), md(in_language(p, "issue_date_note")) if not missing(p.issue_date_note) else None),
    (t("explorer.f.effective"), None if not (eff_from or eff_to) else
     f"{md(eff_from) + precision(p.effective_from_precision) if eff_from else t('explorer.open_end')} → "
     f"{md(eff_to) + precision(p.effective_to_precision) if eff_to else t('explorer.open_end')}"),
    (t("col.status"), md(STATUSES.get(p.status_now, p.status_now))),
    (t("col.evidence"), f"{md(kind_label(p.evidence_kind))} · {t('col.trust')}{COLON}{md(trust_label(p.trust))}"),
    (t("col.official_url"), link(p.official_url) if not missing(p.official_url) else None),
    (t("explorer.f.topics"), topic_text),
    (t("explorer.f.list_category"), md(p.list_category) if not missing(p.list_category) else None),
    (t("explorer.f.beneficiaries"), md(p.beneficiaries) if not missing(p.beneficiaries) else None),
    (t("explorer.f.execution_period"), md(p.execution_period) if not missing(p.execution_period) else None),
    (t("explorer.f.executing_agency"), md(p.executing_agency) if not missing(p.executing_agency) else None),
    (t("explorer.f.text_kind"), md(t("kind." + p.text_kind)) if not missing(p.text_kind) else "—"),
    (t("explorer.f.notes"), md(in_language(p, "notes")) if not missing(p.notes) else None),
    (t("explorer.f.id"), md(p.policy_id)),
]
st.markdown("\n".join(f"- **{name}**{COLON}{value}" for name, value in fields if value is not None))

# Terms
MEASURES = measure_labels()
terms = run_query("explorer/policy_terms", policy_id=current)
st.markdown(f"#### {t('terms')}")
if terms.empty:
    st.caption(t("explorer.no_terms"))
else:
    order = [locate(p.text or "", q_, int(at), num) if not missing(p.text) else None
             for q_, at, num in zip(terms.quote, terms.number_at, terms.number_printed)]
    terms = (terms.assign(_pos=[o[0] if o else 10 ** 9 for o in order])   # reading order in the text
             .sort_values(["_pos", "line_start"], kind="stable"))
    terms_shown = pd.DataFrame({
        t("col.measure"): terms.measure.map(MEASURES).fillna(terms.measure),
        t("col.value"): [fmt_num(v) + (f"–{fmt_num(m)}" if not missing(m) else "") if not missing(v) else "—"
                         for v, m in zip(terms.value, terms.value_max)],
        t("col.unit"): terms.unit.fillna(""),
        t("explorer.col.comparator"): terms.comparator.fillna(""),
        t("explorer.col.basis"): terms.basis.fillna(""),
        t("explorer.col.condition"): terms.condition.fillna(""),
        t("col.quote"): terms.quote.str.replace("\t", " "),
        t("col.sources"): terms.sources,
    })
    st.dataframe(terms_shown, hide_index=True, width="stretch", placeholder=NO_VALUE)
    download_buttons(terms_shown, f"terms_{current}", {}, key="explorer.terms")

# Provenance
prov = run_query("explorer/policy_provenance", policy_id=current)
st.markdown(f"#### {t('provenance')}")
prov_shown = pd.DataFrame({
    t("col.file"): prov.file,
    t("explorer.col.source_title"): prov.source_title if lang() == "zh" else prov.source_title_en,
    t("col.kind"): prov.kind.map(lambda k: t(f"kind.{k}")),
    t("col.lines"): [f"{a}-{b}" if a != b else f"{a}" for a, b in zip(prov.line_start, prov.line_end)],
    t("explorer.col.printed_title"): prov.printed_title,
    t("explorer.col.page"): prov.page.map(lambda v: "" if missing(v) else str(int(v))),
    t("explorer.col.section"): prov.section.fillna(""),
    t("col.trust"): [trust_label(tr) if k in CURATED_KINDS else t("trust.corpus") for tr, k in zip(prov.trust, prov.kind)],
    t("col.record"): prov.record_id.fillna(""),
    t("col.official_url"): prov.official_url.fillna(""),
    t("col.page_url"): prov.page_url.fillna(""),
    t("col.page_kind"): prov.page_kind.map(lambda v: "" if missing(v) else t(f"page_kind.{v}")),
    t("col.sources"): prov.sources,
})
st.dataframe(prov_shown, hide_index=True, width="stretch", placeholder=NO_VALUE,
             column_config={t("col.official_url"): st.column_config.LinkColumn(),
                            t("col.page_url"): st.column_config.LinkColumn()})
download_buttons(prov_shown, f"provenance_{current}", {}, key="explorer.provenance")

# The register's terms (paraphrased facts, not quotations)
register_terms = run_query("explorer/policy_register_terms", policy_id=current)
zh = lang() == "zh"   # the register's paraphrases in the interface language (data/curated/wuhan_register_terms_zh.csv)
if not register_terms.empty:
    st.markdown(f"#### {t('explorer.register_terms')}")
    reg_shown = pd.DataFrame({
        t("col.measure"): register_terms.measure.map(MEASURES).fillna(register_terms.measure),
        t("explorer.col.rate"): register_terms.rate_pct,
        t("explorer.col.cap"): register_terms.cap_wan,
        t("explorer.col.threshold"): (register_terms.threshold_zh if zh else register_terms.threshold).fillna(""),
        t("explorer.col.duration"): register_terms.duration_months,
        t("explorer.col.paraphrase"): (register_terms.condition_zh if zh else register_terms.condition_paraphrase).fillna(""),
        t("col.page_url"): register_terms.source_url,
        t("col.sources"): register_terms.sources,
    })
    st.dataframe(reg_shown, hide_index=True, width="stretch", placeholder=NO_VALUE,
                 column_config={t("col.page_url"): st.column_config.LinkColumn()})
    download_buttons(reg_shown, f"register_terms_{current}", {}, key="explorer.register_terms")

# The curated tables' rows of this policy (second-hand summaries or reposts: quote, URL and trust with each)
curated_rows = run_query("explorer/policy_curated_terms", policy_id=current)
if not curated_rows.empty:
    st.markdown(f"#### {t('explorer.curated_terms')}")
    cur_shown = pd.DataFrame({
        t("col.measure"): curated_rows.measure_printed,
        t("explorer.col.rate"): curated_rows.rate_pct,
        t("explorer.col.cap"): curated_rows.cap_wan,
        t("explorer.col.condition"): curated_rows.condition.fillna(""),
        t("col.quote"): curated_rows.quote,
        t("col.trust"): curated_rows.trust.map(trust_label),
        t("col.page_url"): curated_rows.source_url,
        t("col.sources"): curated_rows.sources,
    })
    st.dataframe(cur_shown, hide_index=True, width="stretch", placeholder=NO_VALUE, column_config={t("col.page_url"): st.column_config.LinkColumn()})
    download_buttons(cur_shown, f"curated_terms_{current}", {}, key="explorer.curated_terms")

# Relations
relations = run_query("explorer/policy_relations", policy_id=current)
st.markdown(f"#### {t('explorer.relations')}")
if relations.empty:
    st.caption(t("explorer.no_relations"))
else:
    rel_shown = pd.DataFrame({
        t("explorer.col.relation"): relations.direction.map(lambda d: t(f"explorer.rel.{d}")),
        t("col.title"): relations.title,
        t("col.doc_number"): relations.doc_number.fillna(""),
        t("col.issuers"): relations.issuers.map(issuers_text),
        t("col.level"): relations.level.map(LEVELS),
        t("col.issue_date"): [fmt_date(d, pr) for d, pr in zip(relations.issue_date, relations.issue_date_precision)],
        t("col.status"): relations.status_now.map(STATUSES),
        t("col.sources"): relations.sources,
    })
    st.caption(t("explorer.rel_hint"))
    st.dataframe(rel_shown, hide_index=True, width="stretch", placeholder=NO_VALUE, key="explorer.relations",
                 on_select=partial(pick_row, "explorer.relations", relations.policy_id.tolist()),
                 selection_mode="single-row")
    download_buttons(rel_shown, f"relations_{current}", {}, key="explorer.relations")

# Source text with the terms marked
st.markdown(f"#### {t('source_text')}")
sections = [(t(f"kind.{p.text_kind}") if not missing(p.text_kind) else t("explorer.f.text_kind"), p.text),
            (t("explorer.f.beneficiaries"), p.beneficiaries),
            (t("explorer.f.execution_period"), p.execution_period)]
sections = [(name, text) for name, text in sections if not missing(text) and str(text).strip()]
if missing(p.text) or not str(p.text).strip():
    st.info(t("explorer.register_only") if p.evidence_kind in CURATED_KINDS else t("explorer.no_text"))
if sections:
    marked: set[str] = set()
    blocks = []
    for name, text in sections:
        body, found = highlighted(str(text), terms, MEASURES)
        marked |= found
        blocks.append(f'<p style="margin:0 0 .6em 0"><b>{esc(name)}</b><br>'
                      f'<span style="white-space:pre-wrap;line-height:1.8">{body}</span></p>')
    if len(terms):
        st.caption(t("explorer.marked").format(k=len(marked), n=len(terms)))
    box = st.container(height=480) if sum(len(str(x)) for _, x in sections) > LONG_TEXT else st.container()
    box.markdown(f'<div class="policy-text">{"".join(blocks)}</div>', unsafe_allow_html=True)
