"""区域政策地图 Regional incentives map.

A choropleth of Wuhan's 13 districts (layer=wuhan, default; the four development zones as labelled points)
or Hubei's 17 prefecture-level divisions (layer=hubei), coloured by a metric (metric=policies|terms|max_cap|
best_rate, measure=<slug> for best_rate) of the policies issued there (view=issued) or that apply there
(view=applies); beside it the same numbers as ranked bars (the table view). The shared `region` parameter is
the selected region: a click on a region, a zone marker or a bar sets it, and its policies and terms are
listed below. Works offline: plotly's base topojson is served from dashboard/static/ (geo/README.md).
"""
from __future__ import annotations

import html
from functools import partial

import pandas as pd
import streamlit as st

from dashboard import coverage, images, params
from dashboard.coverage import trust_label
from dashboard.charts import plotly_config
from dashboard.charts_map import (CENTRAL_DISTRICTS, LAYER_PARENT, MAP_HEIGHT, UNITS, Inset, MapText, english_short,
                                  format_value, layer_boundaries, ranking_bars, region_map)
from dashboard.controls import (NO_VALUE, choose_one, current_url, level_labels, measure_labels, region_labels,
                                status_labels, topic_labels)
from dashboard.db import run_query
from dashboard import shared
from dashboard.exports import download_buttons
from dashboard.i18n import TEXT, lang, t, translator
from dashboard.state import write_url

PAGE_ROWS = 200   # a region's policies and terms are fetched a page at a time
FULL_ROWS = 100_000   # the most rows a full download of a region's terms holds

TEXT.update({
    "map.tag.corpus": ("〔语料摘录〕", "[extracted]"),
    "map.tag.register": ("〔登记表〕", "[register]"),
    "map.tag.curated": ("〔人工整理〕", "[curated]"),
    "map.evidence_of": ("依据", "Evidence"),
    "col.cap_evidence": ("上限出处（类型·可信度·出处）", "Cap: evidence (kind · trust · citation)"),
    "col.rate_evidence": ("比例出处（类型·可信度·出处）", "Rate: evidence (kind · trust · citation)"),
    "col.condition": ("条件", "Condition"),
    "col.standing": ("效力", "Standing"),
    "col.term_kind": ("数值类型", "Kind"),
    "col.url": ("网址", "URL"),
    "map.page": ("页码", "Page"),
    "map.page_note": ("第 {a}–{b} 条，共 {n} 条", "{a}–{b} of {n}"),
    "map.download_terms_full": ("下载该地区全部条款 CSV（最多 {n} 条）", "Download all the region's terms, CSV (at most {n})"),
    "map.full_capped": ("该地区共有 {n} 条条款，下载只含前 {cap} 条（按页面顺序）。", "The region has {n} terms; the download holds the first {cap} (in the page's order)."),
    "map_terms_note": ("条款数只计企业可得的激励（补贴比例、金额、上限、优惠税率），不计目标、门槛、资金占比、费率上限、"
                       "资金规模、贷款额度、股权投资与期限。条款有三种依据：语料原文中抽取的〔语料摘录〕、武汉政策登记表的"
                       "〔登记表〕与人工整理的〔人工整理〕，每个数值都注明依据、可信度与出处。最高补贴上限与最高比例按与AI对比页"
                       "相同的规则取值：只取现行政策中企业可得的补贴上限/比例（不含征求意见稿、已被替代或已失效的政策，不含按展位、"
                       "按亩等计的单价，不含低可信度来源）；数值相同时取〔语料摘录〕。悬停查看地区的主要政策。",
                       "Terms count only incentives a firm receives (a rate, amount or cap, a reduced tax rate), never "
                       "targets, thresholds, budget shares, fee ceilings, fund sizes, loans, equity or durations. A term "
                       "rests on one of three kinds of evidence: [extracted] from a corpus text, the Wuhan policy "
                       "[register], or a [curated] row; every value says which, with its trust mark and citation. The "
                       "highest cap and the best rate follow the AI comparison's rule: only a firm-facing cap or rate of a "
                       "current policy (no draft, superseded or lapsed policy, no per-booth or per-mu amount, no low-trust "
                       "source); on a tie the extracted term is shown. Hover for a region's top policies."),
    "standing.in_force": ("现行有效", "in force"),
    "standing.expired": ("已失效", "expired"),
    "standing.not_yet": ("尚未生效", "not yet in force"),
    "standing.unknown": ("效力不详", "unknown"),
    "standing.draft": ("征求意见稿", "draft"),
    "standing.superseded": ("已被替代", "superseded"),
})


def tag(origin) -> str:
    """〔语料摘录〕/〔登记表〕/〔人工整理〕: the evidence kind a value rests on."""
    return t(f"map.tag.{origin}") if isinstance(origin, str) and f"map.tag.{origin}" in TEXT else ""


def evidence(origin, trust, citation) -> str:
    """'〔登记表〕 中高 · curated/wuhan_register_terms.csv:12' (extracted terms carry no trust mark); '' for none."""
    if not isinstance(origin, str):
        return ""
    mark = trust_label(trust) if isinstance(trust, str) else ""
    return " ".join(x for x in (tag(origin), mark) if x) + (f" · {citation}" if isinstance(citation, str) else "")


def term_evidence(term) -> str:
    return evidence(term.get("origin"), term.get("trust"), term.get("citation")) if isinstance(term, dict) else ""



def topojson_url() -> str:
    """Where plotly.js fetches its base map: Streamlit's static folder (under the app's base path, if any)."""
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}/app/static/" if base else "/app/static/"


def select_region(chart_key: str) -> None:
    """on_select callback: the clicked region (a polygon, a zone marker or a bar) becomes the `region` parameter."""
    state = st.session_state.get(chart_key)
    points = state.selection.points if state is not None else []
    codes = [p["customdata"][0] for p in points if p.get("customdata")]
    if codes and codes[0] in region_labels():
        st.session_state["w.region"] = codes[0]
        write_url()


def cell(v) -> str:
    """A number for a table cell; blank (not 0) where there is none."""
    return "" if v is None or pd.isna(v) else format_value(float(v))


def shorten(title: str, n: int = 30) -> str:
    return html.escape(title if len(title) <= n else title[: n - 1] + "…")


def filters_text(url) -> str:
    """The shared filters in force (the region is the selection here, not a filter), for the subtitle."""
    parts, sep = [], "、" if lang() == "zh" else ", "
    if url["level"]:
        parts.append(sep.join(level_labels()[c] for c in url["level"]))
    if url["topic"]:
        parts.append(sep.join(topic_labels()[c] for c in url["topic"]))
    if url["years"] and tuple(url["years"]) != params.year_bounds():
        parts.append(f"{url['years'][0]}–{url['years'][1]}")
    if url["status"]:
        parts.append(sep.join(status_labels()[c] for c in url["status"]))
    return " · ".join(parts) or t("all")


def terms_table(terms: pd.DataFrame) -> pd.DataFrame:
    """A region's terms as shown and downloaded: every value with its evidence kind, trust mark and citation."""
    return pd.DataFrame({
        t("col.policy"): terms.title,
        t("col.measure"): terms.measure.map(measure_labels()).fillna(terms.measure),
        t("col.term_kind"): terms.term_kind.map(kind_labels()).fillna(terms.term_kind),
        t("col.value"): [(c if isinstance(c, str) else "") + format_value(v)
                         + (f"–{format_value(m)}" if pd.notna(m) else "")
                         for c, v, m in zip(terms.comparator, terms.value, terms.value_max)],
        t("col.unit"): terms.unit,
        t("col.condition"): terms.condition.fillna(""),
        t("col.quote"): terms.quote.fillna(""),
        t("ai.origin"): terms.origin.map(tag),
        t("col.trust"): [trust_label(x) if o != "corpus" else "" for o, x in zip(terms.origin, terms.trust)],
        t("col.standing"): terms.standing.map(lambda v: t(f"standing.{v}") if f"standing.{v}" in TEXT else v),
        t("col.sources"): terms.source,
        t("col.url"): terms.source_url,
    })


def kind_labels() -> dict[str, str]:
    table = run_query("map/term_kinds")
    return dict(zip(table.slug, table.label_zh if lang() == "zh" else table.label_en))


url = current_url()
filters = params.sql_filters(url)
filters.pop("region")   # on this page the region is the selection, not a filter
st.title(t("nav_map"))

c1, c2, c3, c4 = st.columns([1.2, 1.8, 1.3, 1.3])
with c1:
    choose_one(url, "layer", t("map_layer"), {c: t(f"layer.{c}") for c in params.LAYERS}, widget=st.radio,
               horizontal=True)
with c2:
    choose_one(url, "view", t("map_view"), {c: t(f"view.{c}") for c in params.VIEWS}, widget=st.radio,
               horizontal=True)
with c3:
    choose_one(url, "metric", t("metric"), {c: t(f"metric.{c}") for c in params.METRICS})
with c4:
    choose_one(url, "measure", t("measure"), measure_labels(), disabled=url["metric"] != "best_rate")

layer, view, metric, measure, selected = url["layer"], url["view"], url["metric"], url["measure"], url["region"]
unit = UNITS[metric]
rate_label = t("best_rate_of").format(measure=measure_labels()[measure])
metric_label = rate_label if metric == "best_rate" else t(f"metric.{metric}")

data = run_query("map/metric_by_region", **filters, parent=LAYER_PARENT[layer], view=view, measure=measure)
zh = lang() == "zh"
names = data.name if zh else data.name_en
short = data.short_name if zh else data.name_en.map(english_short)
value = pd.to_numeric(data[metric], errors="coerce").astype(float)
status = pd.Series("value", index=data.index).mask(value.isna(), "no_term").mask(
    (data.policies == 0) & (value.isna() | (metric in ("policies", "terms"))),
                                                                                  "no_policy")


tr = translator(lang())   # the hover texts look up words per region: the language read once


def hover(name: str, level: str, state: str, v: float, policies: int, term, top) -> str:
    head = f"<b>{html.escape(name)}</b>" + (f" · {tr('col.zone')}" if level == "zone" else "")
    if state == "no_policy":
        return f"{head}<br>{tr('no_policy_found')}"
    if state == "no_term":
        return f"{head}<br>{tr('policies_no_term').format(n=int(policies))}"
    colon = "：" if zh else ": "
    lines = [head, f"{metric_label}{colon}<b>{format_value(v, unit)}</b>"]
    if isinstance(term, dict):
        lines.append(f"{tr('map.evidence_of')}{colon}{html.escape(term_evidence(term))}")
    if metric != "policies":
        lines.append(f"{tr('policies')}{colon}{int(policies)}")
    top = list(top)
    if top:
        lines.append(f"<br>{tr('top_policies')}{colon}")
        for item in top:
            amount = format_value(item["value"], unit) if metric != "policies" else ""
            mark = (" " + html.escape(evidence(item.get("origin"), item.get("trust"), None))
                    if metric in ("max_cap", "best_rate") and item.get("origin") else "")
            lines.append(f"• {shorten(item['title'])}" + (f"（{amount}）" if amount else "") + mark)
    return "<br>".join(lines)


map_unit = "%" if unit == "%" else ""   # 万元 is in the legend; on the map it would not fit small regions
is_zone = data.level == "zone"
# the rows as plain lists, read once (per-row Series lookups cost more than the texts)
short_l, value_l, status_l, zone_l = short.tolist(), value.tolist(), status.tolist(), is_zone.tolist()
terms_l = (data.cap_term if metric == "max_cap" else data.rate_term).tolist() if metric in ("max_cap", "best_rate") \
    else [None] * len(data)
frame = pd.DataFrame({
    "code": data.code, "value": value, "status": status, "is_zone": is_zone,
    "lon": data.lon, "lat": data.lat, "bar_label": short,
    "label": [(f"{s} {format_value(v, map_unit)}" if zone else f"{s}<br>{format_value(v, map_unit)}")
              if k == "value" else s for s, v, k, zone in zip(short_l, value_l, status_l, zone_l)],
    "hover": [hover(*row) for row in zip(names.tolist(), data.level.tolist(), status_l, value_l,
                                         data.policies.tolist(), terms_l, data[f"top_{metric}"].tolist())],
})
text = MapText(
    title=t("map_title").format(layer=t(f"layer.{layer}"), metric=metric_label),
    subtitle=f"{t(f'view.{view}')} · {filters_text(url)}",
    scale_title=metric_label, no_policy=t("no_policy_found"), no_term=t("no_term_found"), zones=t("zones"),
    credit=t("map_credit"), source=coverage.source_line())

region_coverage = run_query("map/coverage_by_region", **filters, parent=LAYER_PARENT[layer], view=view)
cov_notes = coverage.map_notes(region_coverage)


def build_figures():
    """The map (its coverage notes burnt in) and the ranking bars: built once for these URL values and shared."""
    built = region_map(frame, layer_boundaries(layer), text, selected=selected, height=MAP_HEIGHT[layer],
                       inset=Inset(CENTRAL_DISTRICTS, t("central_districts")) if layer == "wuhan" else None,
                       integer=unit == "")
    coverage.burn_in(built, cov_notes, source=text.source)
    return built, ranking_bars(frame, MapText(**{**text.__dict__, "title": t("table_view")}), unit=unit,
                               selected=selected)


fig, bars = shared.view(("map", lang(), url.key()), build_figures)
key = f"map.chart.{layer}.{selected}"   # a new selection starts a fresh chart (no stale click state)
st.plotly_chart(fig, key=key, on_select=partial(select_region, key), selection_mode="points", theme=None,
                config={"topojsonURL": topojson_url(), "scrollZoom": False,
                        **plotly_config(f"map_{layer}_{metric}")})
coverage.show_notes(cov_notes)
images.offer("map")
st.caption(t("map_terms_note"))

left, right = st.columns([3, 2], gap="medium")
with left:
    key = f"map.bars.{layer}.{selected}"
    st.plotly_chart(bars, key=key, on_select=partial(select_region, key), selection_mode="points", theme=None,
                    config=plotly_config(f"map_ranking_{layer}_{metric}"))
    images.offer("ranking")
with right:
    zones = frame[frame.is_zone]
    if len(zones):
        st.markdown(f"**{t('zones')}**")
        st.dataframe(pd.DataFrame({
            t("col.zone"): names[zones.index], t("col.code"): zones.code,
            metric_label: [format_value(v, unit) if s == "value" else
                           (t("no_term_found") if s == "no_term" else t("no_policy_found"))
                           for v, s in zip(zones.value, zones.status)],
            t("policies"): data.policies[zones.index],
            t("col.lonlat"): [f"{lo:.4f}, {la:.4f}" for lo, la in zip(zones.lon, zones.lat)],
        }), hide_index=True, width="stretch", placeholder=NO_VALUE)
        st.caption(t("zone_note"))
    st.markdown(f"**{t('table_view')}**")
    order = frame.assign(_v=value.fillna(-1)).sort_values(["_v", "code"], ascending=[False, True]).index
    table = pd.DataFrame({   # blank where there is no value (never 0): as the map's grey
        t("col.region"): names[order], t("col.code"): data.code[order],
        t("policies"): data.policies[order],
        t("col.terms"): data.terms[order].map(cell),
        t("col.max_cap"): data.max_cap[order].map(cell),
        t("col.cap_evidence"): data.cap_term[order].map(term_evidence),
        rate_label: data.best_rate[order].map(cell),
        t("col.rate_evidence"): data.rate_term[order].map(term_evidence),
        t("col.sources"): data.code[order].map(dict(zip(region_coverage.code, region_coverage.sources))).fillna(""),
    })
    st.dataframe(table, hide_index=True, width="stretch", placeholder=NO_VALUE, height=280)
    download_buttons(table, f"map_{layer}", {k: v for k, v in url.encoded().items() if k != "region"},
                     key="map_table")

# The selected region ---------------------------------------------------------------------------------
labels = region_labels()
st.subheader(t("region_detail") + (("：" if lang() == "zh" else ": ") + labels.get(selected, selected)
                                   if selected else ""))
if selected is None:
    st.info(t("map_hint"))
else:
    if selected not in set(data.code):
        st.caption(t("outside_layer"))
    def paged(name: str, key: str, **extra) -> tuple[pd.DataFrame, int, int]:
        """A page of a region's list ($limit/$offset), the page number kept per region and view; back to the
        first page when the filters changed under a later one."""
        page_key = f"map.page.{key}.{selected}.{view}"
        page_no = int(st.session_state.get(page_key, 1))
        rows = run_query(name, **filters, region=selected, view=view, limit=PAGE_ROWS,
                         offset=(page_no - 1) * PAGE_ROWS, **extra)
        if rows.empty and page_no > 1:
            page_no = st.session_state[page_key] = 1
            rows = run_query(name, **filters, region=selected, view=view, limit=PAGE_ROWS, offset=0, **extra)
        return rows, page_no, (int(rows.total.iloc[0]) if len(rows) else 0)

    def pager(key: str, page_no: int, shown: int, total: int) -> None:
        if total > PAGE_ROWS:
            first = (page_no - 1) * PAGE_ROWS
            st.number_input(t("map.page"), min_value=1, max_value=-(-total // PAGE_ROWS),
                            key=f"map.page.{key}.{selected}.{view}")
            st.caption(t("map.page_note").format(a=first + 1, b=first + shown, n=total))

    policies, page_no, total = paged("map/region_policies", "policies", measure=measure)
    if policies.empty:
        st.info(t("no_policy_here"))
    else:
        shown = shared.view(("map.policies", lang(), url.key(), page_no), lambda: pd.DataFrame({
            t("date"): policies.timeline_date.dt.date,
            t("col.title"): policies.title,
            t("col.doc_number"): policies.doc_number.fillna(""),
            t("col.level"): policies.level.map(level_labels()),
            t("col.region"): policies.region_code.map(labels),
            t("col.terms"): policies.n_terms,
            t("col.max_cap"): policies.max_cap.map(cell),
            t("col.cap_evidence"): [evidence(o, tr, c) for o, tr, c in
                                    zip(policies.cap_origin, policies.cap_trust, policies.cap_citation)],
            rate_label: policies.best_rate.map(cell),
            t("col.rate_evidence"): [evidence(o, tr, c) for o, tr, c in
                                     zip(policies.rate_origin, policies.rate_trust, policies.rate_citation)],
            t("col.status"): policies.status_now.map(status_labels()),
            **coverage.evidence_columns(policies),
            t("col.sources"): policies.sources,
        }))   # the table of this page of the region's policies, built once for these values and shared
        st.markdown(f"**{t('region_policies')}** · {total}")
        st.dataframe(shown, hide_index=True, width="stretch", placeholder=NO_VALUE)
        pager("policies", page_no, len(shown), total)
        stem = {**url.encoded(), "region": selected}
        download_buttons(shown, "map_region_policies", stem, key="map_region_policies",
                         full=lambda: run_query("common/policies_full", **filters, region=selected))
        terms, page_no, total = paged("map/region_terms", "terms")
        st.markdown(f"**{t('region_terms')}** · {total}")
        if not terms.empty:
            terms_shown = shared.view(("map.terms", lang(), url.key(), page_no), lambda: terms_table(terms))
            st.dataframe(terms_shown, hide_index=True, width="stretch", placeholder=NO_VALUE, column_config={
                t("col.url"): st.column_config.LinkColumn(t("col.url"), display_text=r"https?://([^/?#]+)")})
            pager("terms", page_no, len(terms_shown), total)

            def all_terms() -> pd.DataFrame:
                rows = run_query("map/region_terms", **filters, region=selected, view=view, limit=FULL_ROWS, offset=0)
                out = terms_table(rows)
                if total > FULL_ROWS:   # the note travels with the file
                    out.insert(0, "#", "")
                    out.iloc[0, 0] = t("map.full_capped").format(n=total, cap=FULL_ROWS)
                return out
            download_buttons(terms_shown, "map_region_terms", stem, key="map_region_terms", full=all_terms)
            st.caption(t("map.download_terms_full").format(n=f"{FULL_ROWS:,}"))
