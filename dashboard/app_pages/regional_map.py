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
from dashboard.charts import plotly_config
from dashboard.charts_map import (CENTRAL_DISTRICTS, LAYER_FILE, LAYER_PARENT, MAP_HEIGHT, UNITS, Inset, MapText,
                                  english_short, format_value, ranking_bars, region_map)
from dashboard.controls import (choose_one, current_url, level_labels, measure_labels, region_labels,
                                status_labels, topic_labels)
from dashboard.db import run_query
from dashboard.exports import download_buttons
from dashboard.i18n import lang, t
from dashboard.state import write_url
from geo.gazetteer import boundaries



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

data = run_query("map/metric_by_region", **filters, parent=LAYER_PARENT[layer], view=view, metric=metric,
                 measure=measure)
zh = lang() == "zh"
names = data.name if zh else data.name_en
short = data.short_name if zh else data.name_en.map(english_short)
value = pd.to_numeric(data[metric], errors="coerce").astype(float)
status = pd.Series("value", index=data.index).mask(value.isna(), "no_term").mask(
    (data.policies == 0) & (value.isna() | (metric in ("policies", "terms"))),
                                                                                  "no_policy")


def hover(i: int) -> str:
    head = f"<b>{html.escape(names[i])}</b>" + (f" · {t('col.zone')}" if data.level[i] == "zone" else "")
    if status[i] == "no_policy":
        return f"{head}<br>{t('no_policy_found')}"
    if status[i] == "no_term":
        return f"{head}<br>{t('policies_no_term').format(n=int(data.policies[i]))}"
    colon = "：" if zh else ": "
    lines = [head, f"{metric_label}{colon}<b>{format_value(value[i], unit)}</b>"]
    if metric != "policies":
        lines.append(f"{t('policies')}{colon}{int(data.policies[i])}")
    top = list(data.top[i])
    if top:
        lines.append(f"<br>{t('top_policies')}{colon}")
        for item in top:
            amount = format_value(item["value"], unit) if metric != "policies" else ""
            lines.append(f"• {shorten(item['title'])}" + (f"（{amount}）" if amount else "")
                         + (f" {t('map.curated_tag')}" if item.get("curated") else ""))
    return "<br>".join(lines)


map_unit = "%" if unit == "%" else ""   # 万元 is in the legend; on the map it would not fit small regions
frame = pd.DataFrame({
    "code": data.code, "value": value, "status": status, "is_zone": data.level == "zone",
    "lon": data.lon, "lat": data.lat, "bar_label": short,
    "label": [(f"{s} {format_value(v, map_unit)}" if zone else f"{s}<br>{format_value(v, map_unit)}")
              if k == "value" else s for s, v, k, zone in zip(short, value, status, data.level == "zone")],
    "hover": [hover(i) for i in data.index],
})
text = MapText(
    title=t("map_title").format(layer=t(f"layer.{layer}"), metric=metric_label),
    subtitle=f"{t(f'view.{view}')} · {filters_text(url)}",
    scale_title=metric_label, no_policy=t("no_policy_found"), no_term=t("no_term_found"), zones=t("zones"),
    credit=t("map_credit"), source=coverage.source_line())

fig = region_map(frame, boundaries(LAYER_FILE[layer]), text, selected=selected, height=MAP_HEIGHT[layer],
                 inset=Inset(CENTRAL_DISTRICTS, t("central_districts")) if layer == "wuhan" else None,
                 integer=unit == "")
region_coverage = run_query("map/coverage_by_region", **filters, parent=LAYER_PARENT[layer], view=view)
cov_notes = coverage.map_notes(region_coverage)
coverage.burn_in(fig, cov_notes, source=text.source)
key = f"map.chart.{layer}.{selected}"   # a new selection starts a fresh chart (no stale click state)
st.plotly_chart(fig, key=key, on_select=partial(select_region, key), selection_mode="points", theme=None,
                config={"topojsonURL": topojson_url(), "scrollZoom": False,
                        **plotly_config(f"map_{layer}_{metric}")})
coverage.show_notes(cov_notes)
images.offer("map")
st.caption(t("map_terms_note"))

left, right = st.columns([3, 2], gap="medium")
with left:
    bars = ranking_bars(frame, MapText(**{**text.__dict__, "title": t("table_view")}), unit=unit,
                        selected=selected)
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
            "lon, lat": [f"{lo:.4f}, {la:.4f}" for lo, la in zip(zones.lon, zones.lat)],
        }), hide_index=True, width="stretch")
        st.caption(t("zone_note"))
    st.markdown(f"**{t('table_view')}**")
    order = frame.assign(_v=value.fillna(-1)).sort_values(["_v", "code"], ascending=[False, True]).index
    table = pd.DataFrame({   # blank where there is no value (never 0): as the map's grey
        t("col.region"): names[order], t("col.code"): data.code[order],
        t("policies"): data.policies[order],
        t("col.terms"): data.terms[order].map(cell),
        t("col.max_cap"): data.max_cap[order].map(cell),
        rate_label: data.best_rate[order].map(cell),
        t("col.sources"): data.code[order].map(dict(zip(region_coverage.code, region_coverage.sources))).fillna(""),
    })
    st.dataframe(table, hide_index=True, width="stretch", height=280)
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
    policies = run_query("map/region_policies", **filters, region=selected, view=view, measure=measure)
    if policies.empty:
        st.info(t("no_policy_here"))
    else:
        shown = pd.DataFrame({
            t("date"): policies.timeline_date.dt.date,
            t("col.title"): policies.title,
            t("col.doc_number"): policies.doc_number.fillna(""),
            t("col.level"): policies.level.map(level_labels()),
            t("col.region"): policies.region_code.map(labels),
            t("col.terms"): policies.n_terms,
            t("col.max_cap"): policies.max_cap.map(cell),
            rate_label: policies.best_rate.map(cell),
            t("col.status"): policies.status_now.map(status_labels()),
            **coverage.evidence_columns(policies),
            t("col.sources"): policies.sources,
        })
        st.markdown(f"**{t('region_policies')}** · {len(shown)}")
        st.dataframe(shown, hide_index=True, width="stretch")
        stem = {**url.encoded(), "region": selected}
        download_buttons(shown, "map_region_policies", stem, key="map_region_policies",
                         full=lambda: run_query("common/policies_full", **filters, region=None))
        terms = run_query("map/region_terms", **filters, region=selected, view=view)
        st.markdown(f"**{t('region_terms')}** · {len(terms)}")
        if not terms.empty:
            terms_shown = pd.DataFrame({
                t("col.policy"): terms.title,
                t("col.measure"): terms.measure.map(measure_labels()),
                t("col.value"): [(c if isinstance(c, str) else "") + format_value(v)
                                 + (f"–{format_value(m)}" if pd.notna(m) else "")
                                 for c, v, m in zip(terms.comparator, terms.value, terms.value_max)],
                t("col.unit"): terms.unit,
                t("col.quote"): terms.quote,
                t("col.sources"): terms.source,
                t("ai.origin"): terms.origin.map(lambda o: t(f"ai.origin.{o}")),
            })
            st.dataframe(terms_shown, hide_index=True, width="stretch")
            download_buttons(terms_shown, "map_region_terms", stem, key="map_region_terms")
