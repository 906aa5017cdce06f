"""The charts of a view, built from a link's values: what presentation mode shows, images export and slides carry.

A view is one page with its URL values (a saved link, or the page open now). `views(page, values, lang, link)`
returns its charts as `ChartView`s: the plotly figure (for the screen and for images), the same numbers as plain
categories × series (for a native PowerPoint chart), or the AI matrix as a slide-sized table; each with its
title, the filters in words, its sources, its coverage and the link. No Streamlit here beyond the cached queries,
and the language is an argument, so a meeting pack can build views of links other than the one open.

The figures are built with the same builders and queries as the pages (charts_trends, charts_map, charts_ai).
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

import pandas as pd
import plotly.graph_objects as go

from dashboard import charts, charts_ai, charts_map, charts_trends, exports, params
from dashboard import coverage as coverage_notes   # the register helper's coverage notes, as on the pages
from dashboard.db import run_query
from dashboard.i18n import TEXT

CHART_PAGES = ("trends", "map", "ai")          # the pages that have a chart, in the order a deck pages through them
AI_REFERENCES = ["420000", "420100"]            # 湖北省, 武汉市: the matrix's two reference columns (as on the page)


def tx(key: str, lang: str) -> str:
    zh, en = TEXT[key]
    return zh if lang == "zh" else en


@dataclass
class Series:
    name: str
    values: list[float]
    color: str | None = None
    labels: list[str] | None = None    # the text on each bar, where it is not the number ('no policy found')


@dataclass
class ChartView:
    """One chart of a view, with everything a slide or an image says about it."""
    page: str                    # trends | map | ai
    chart: str                   # trends | map | ranking | ai_matrix
    title: str
    filters: str                 # the filters in words
    sources: list[str]           # one line each: the policy data, and for maps the boundaries
    coverage: str                # what the chart counts (how many policies, regions, terms)
    link: str                    # the share link of the view ('' when unknown)
    stem: str                    # file name: page, chart and the non-default URL values
    figure: go.Figure | None = None
    kind: str = "bar"            # stacked | percent | line | bar_h | map | table: how a slide draws it
    categories: list[str] = field(default_factory=list)
    series: list[Series] = field(default_factory=list)
    table: pd.DataFrame | None = None      # the AI matrix: measures × regions, short cell texts
    references: list[str] = field(default_factory=list)   # every source in full, for a pack's closing slide
    unit: str = ""

    @property
    def caption(self) -> str:
        """The one line under a chart: filters · sources · coverage."""
        return " · ".join(x for x in [self.filters, *self.sources, self.coverage] if x)


# Links --------------------------------------------------------------------------------------

def page_of_path(path: str) -> str:
    """The page a link's path names (/trends, /base/map, / → overview)."""
    last = path.rstrip("/").rsplit("/", 1)[-1]
    return last if last in params.PAGES else "overview"


def parse_link(link: str) -> tuple[str, dict, list[tuple[str, str, str]]]:
    """(page, values of every parameter of that page, ignored (key, value, reason)) of a saved link.

    The same parsers as the open page (dashboard.state.Param): a bad value falls back to its default."""
    parts = urlsplit(link.strip())
    page = page_of_path(parts.path)
    specs = {p.name: p for p in params.page_params(page)}
    raw = dict(parse_qsl(parts.query, keep_blank_values=True))
    values, ignored = {name: p.default for name, p in specs.items()}, []
    for key, value in raw.items():
        if key not in specs:
            ignored.append((key, value, "unknown parameter"))
            continue
        parsed, reason = specs[key].parse(value)
        values[key] = parsed
        if reason:
            ignored.append((key, value, reason))
    return page, values, ignored


def encoded(page: str, values: dict, names: list[str] | None = None) -> dict[str, str]:
    """The non-default values as URL codes (as Url.encoded does for the open page)."""
    out = {}
    for p in params.page_params(page):
        if names is not None and p.name not in names:
            continue
        text = p.encode(values.get(p.name, p.default))
        if text is not None and p.name != "present":
            out[p.name] = text
    return out


def short_link(link: str) -> str:
    """The link without its scheme: what fits in a slide's corner."""
    return re.sub(r"^https?://", "", link or "")


def file_stem(view_page: str, chart: str, codes: dict[str, str]) -> str:
    """map_ranking_layer-hubei_metric-max_cap: page, chart and filters (the language is not a filter)."""
    name = view_page if chart == view_page else f"{view_page}_{chart}"
    return exports.file_stem(name, {k: v for k, v in codes.items() if k != "lang"})


# Labels and words ---------------------------------------------------------------------------

def labels(kind: str, lang: str) -> dict[str, str]:
    if kind == "level":
        return {c: tx(f"level.{c}", lang) for c in params.LEVELS}
    if kind == "status":
        return {c: tx(f"status.{c}", lang) for c in params.STATUSES}
    if kind == "region":
        table = run_query("common/lookup_regions")
        return dict(zip(table.code, table.name if lang == "zh" else table.name_en))
    table = run_query(f"common/lookup_{kind}s")          # topic, measure
    return dict(zip(table.slug, table.label_zh if lang == "zh" else table.label_en))


def filters_in_words(values: dict, lang: str, region: bool = True) -> str:
    """'层级：区级 · 主题：数字化 · 发文年份：2024–2026', or 'all policies'."""
    colon, comma = ("：", "、") if lang == "zh" else (": ", ", ")
    parts = []
    for name in ("level", "topic", "status"):
        if values.get(name):
            names = labels(name, lang)
            parts.append(tx(name, lang) + colon + comma.join(names.get(c, c) for c in values[name]))
    if region and values.get("region"):
        parts.append(tx("region", lang) + colon + labels("region", lang).get(values["region"], values["region"]))
    years = values.get("years")
    if years and tuple(years) != params.year_bounds():
        parts.append(tx("years", lang) + colon + f"{years[0]}–{years[1]}")
    return " · ".join(parts) or tx("all_policies", lang)


def policy_sources(lang: str) -> tuple[str, list[str]]:
    """(the one-line credit of the policy data, every source document in full)."""
    table = run_query("overview/by_source")
    full = [f"{(r.title if lang == 'zh' else r.title_en)} · {r.publisher} · {r.publication_date} ({r.file})"
            for r in table.itertuples()]
    return coverage_notes.source_line(lang), full


# The builders -------------------------------------------------------------------------------

def views(page: str, values: dict, lang: str, link: str = "") -> list[ChartView]:
    """Every chart of a page's view ([] for a page without one)."""
    if page == "trends":
        return [trends_view(values, lang, link)]
    if page == "map":
        return list(map_views(values, lang, link))
    if page == "ai":
        return ai_views(values, lang, link)
    return []


def views_of_link(link: str, lang: str | None = None) -> list[ChartView]:
    page, values, _ = parse_link(link)
    return views(page, values, lang or values.get("lang") or "zh", link)


@dataclass
class TrendData:
    """What the trends chart draws, for the page and for a view of a link alike."""
    periods: pd.DataFrame        # every period of the year range (period, period_start, period_end)
    frame: pd.DataFrame          # period × group counts, every period filled (charts_trends.fill)
    groups: dict[str, str]       # the groups that have a policy: code → label
    colors: dict[str, str]
    legend: str
    missing: int                 # policies the timeline cannot place (no date of the kind the mode needs)
    notes: list[str]             # coverage notes (coverage.trend_notes)
    no_data: list[str]           # periods with no source at all


def trend_data(values: dict, lang: str) -> TrendData:
    filters = params.sql_filters(values)
    gran, split, mode = values["gran"], values["split"], values["mode"]
    periods = run_query("trends/periods", **filters, gran=gran)
    undated = run_query("trends/undated_counts", **filters).iloc[0]
    group_names = labels("level" if split == "level" else "topic", lang)
    titles = len(periods) <= charts_trends.HOVER_TITLES_UP_TO       # the hovers list them (charts_trends)
    if mode == "in_force":
        data = run_query("trends/in_force_on_days", **filters, days=list(periods.period_end), split=split,
                         titles=titles)
        data = data.rename(columns={"day": "period_end"})
        on, missing = "period_end", int(undated.no_date_at_all)
    else:
        data = run_query("trends/counts_by_period", **filters, gran=gran, split=split, titles=titles)
        on, missing = "period_start", int(undated.no_timeline_date)
    data["grp"] = data["grp"].fillna("unknown")                  # no level / no primary topic: shown, not dropped
    present = set(data.loc[data.policies > 0, "grp"])
    groups = {c: n for c, n in {**group_names, "unknown": tx("status.unknown", lang)}.items() if c in present}
    # coverage: notes where a period rests on one source or on curated rows only; a period with no source is no data
    notes, no_data = coverage_notes.trend_notes(run_query("trends/coverage_by_period", **filters, gran=gran), periods, lang)
    return TrendData(periods, charts_trends.fill(periods, data, on, list(groups)), groups,
                     charts_trends.group_colors(list(group_names)),
                     tx("level" if split == "level" else "primary_topic", lang), missing, notes, no_data)


def trend_note(data: TrendData, values: dict, lang: str) -> str:
    """The undated policies the chart leaves out, in words ('' when none)."""
    if not data.missing:
        return ""
    return tx("undated_note_in_force" if values["mode"] == "in_force" else "undated_note", lang).format(n=data.missing)


def trend_figure(data: TrendData, values: dict, lang: str) -> go.Figure | None:
    """The trends chart with its subtitle (granularity, split, filters, undated note), source, no-data bands and
    coverage notes burnt in, so that an exported image says what the page says; None when nothing is drawn."""
    spec = trend_spec(data, values, lang)
    return charts.figure(spec["data"], spec["layout"]) if spec else None


def trend_spec(data: TrendData, values: dict, lang: str) -> dict | None:
    """trend_figure's traces and layout as plain dicts ({"data": …, "layout": …}): what the page shows
    (charts.shown), without building the figure."""
    gran, split, mode = values["gran"], values["split"], values["mode"]
    if data.periods.empty or not data.groups:
        return None
    subtitle = " · ".join([tx("by_gran", lang).format(gran=tx(f"gran.{gran}", lang).lower()),
                           tx("split_note", lang).format(split=tx(f"split.{split}", lang).lower()),
                           filters_in_words(values, lang)])
    note = trend_note(data, values, lang)
    text = {"x": tx("period", lang), "y": tx(f"axis.{mode}", lang), "legend": data.legend,
            "count": tx("hover.policies", lang), "share": tx("hover.share", lang),
            "cumulative": tx("hover.cumulative", lang), "new": tx("hover.new", lang),
            "in_force": tx("hover.in_force", lang), "more": tx("hover.more", lang),
            "click": tx("hover.click", lang)}
    traces, layout = charts_trends.trend_figure(
        data.frame, mode, data.groups, data.colors, text, title=tx(f"title.{mode}", lang),
        subtitle=subtitle + (f"<br>{note}" if note else ""), source=coverage_notes.source_line(lang),
        selected=values.get("period"))
    # issuance with no source is no data, not zero (in force is a stock: it carries over such a period)
    coverage_notes.shade_no_data(traces, layout, list(data.periods.period),
                                 data.no_data if mode != "in_force" else [], bars=mode in ("stacked", "share"), lang=lang)
    coverage_notes.burn_in_layout(layout, data.notes, lang=lang)
    return {"data": traces, "layout": layout}


def trends_view(values: dict, lang: str, link: str) -> ChartView:
    mode = values["mode"]
    data = trend_data(values, lang)
    frame, groups, colors = data.frame, data.groups, data.colors
    words = filters_in_words(values, lang)
    note = trend_note(data, values, lang)
    credit, full = policy_sources(lang)
    title = tx(f"title.{mode}", lang)
    figure = trend_figure(data, values, lang)
    plotted = frame.assign(value=charts_trends.values(frame, mode)) if len(frame) else frame
    categories = list(dict.fromkeys(frame["period"])) if len(frame) else []
    series = [Series(label, [float(v) for v in plotted.loc[plotted.grp == code, "value"]], colors.get(code))
              for code, label in groups.items()]
    counted = int(frame["policies"].sum()) if mode in ("stacked", "share", "cumulative") and len(frame) else None
    coverage = (tx("present.coverage_policies", lang).format(n=counted) if counted is not None
                else tx("present.coverage_periods", lang).format(n=len(categories)))
    if note:
        coverage += "；" + note if lang == "zh" else "; " + note
    return ChartView("trends", "trends", f"{tx('nav_trends', lang)} · {title}", words, [credit], coverage, link,
                     file_stem("trends", "trends", encoded("trends", values)), figure,
                     {"stacked": "stacked", "share": "percent"}.get(mode, "line"), categories, series,
                     references=full, unit="%" if mode == "share" else "")


def _map_frame(values: dict, lang: str) -> tuple[pd.DataFrame, pd.DataFrame, str, str]:
    """(the page's region frame, the query's rows, the metric's label, its unit) of a map view."""
    filters = params.sql_filters(values)
    filters.pop("region")   # on the map the region is the selection, not a filter
    layer, metric, measure = values["layer"], values["metric"], values["measure"]
    data = run_query("map/metric_by_region", **filters, parent=charts_map.LAYER_PARENT[layer], view=values["view"],
                     measure=measure)
    unit = charts_map.UNITS[metric]
    rate_label = tx("best_rate_of", lang).format(measure=labels("measure", lang).get(measure, measure))
    metric_label = rate_label if metric == "best_rate" else tx(f"metric.{metric}", lang)
    zh = lang == "zh"
    names = data.name if zh else data.name_en
    short = data.short_name if zh else data.name_en.map(charts_map.english_short)
    value = pd.to_numeric(data[metric], errors="coerce").astype(float)
    status = pd.Series("value", index=data.index).mask(value.isna(), "no_term").mask(data.policies == 0, "no_policy")
    map_unit = "%" if unit == "%" else ""
    colon = "：" if zh else ": "
    frame = pd.DataFrame({
        "code": data.code, "value": value, "status": status, "is_zone": data.level == "zone",
        "lon": data.lon, "lat": data.lat, "bar_label": short,
        "label": [(f"{s} {charts_map.format_value(v, map_unit)}" if zone else
                   f"{s}<br>{charts_map.format_value(v, map_unit)}") if k == "value" else s
                  for s, v, k, zone in zip(short, value, status, data.level == "zone")],
        "hover": [f"<b>{html.escape(n)}</b><br>{metric_label}{colon}{charts_map.format_value(v, unit) or '—'}"
                  for n, v in zip(names, value)],
    })
    return frame, data, metric_label, unit


def map_views(values: dict, lang: str, link: str) -> tuple[ChartView, ChartView]:
    """The choropleth (an image on a slide) and its ranking (a native bar chart)."""
    layer, view = values["layer"], values["view"]
    frame, data, metric_label, unit = _map_frame(values, lang)
    words = filters_in_words(values, lang, region=False)
    credit, full = policy_sources(lang)
    boundary = tx("map_credit", lang)
    text = charts_map.MapText(
        title=tx("map_title", lang).format(layer=tx(f"layer.{layer}", lang), metric=metric_label),
        subtitle=f"{tx(f'view.{view}', lang)} · {words}", scale_title=metric_label,
        no_policy=tx("no_policy_found", lang), no_term=tx("no_term_found", lang), zones=tx("zones", lang),
        credit=boundary, source=credit)
    selected = values.get("region")
    inset = charts_map.Inset(charts_map.CENTRAL_DISTRICTS, tx("central_districts", lang)) if layer == "wuhan" else None
    figure = charts_map.region_map(frame, charts_map.layer_boundaries(layer), text, selected=selected,
                                   height=charts_map.MAP_HEIGHT[layer], inset=inset, integer=unit == "")
    filters = {k: v for k, v in params.sql_filters(values).items() if k != "region"}
    coverage_notes.burn_in(figure, coverage_notes.map_notes(run_query(
        "map/coverage_by_region", **filters, parent=charts_map.LAYER_PARENT[layer], view=view), lang), lang=lang)
    ranking_text = charts_map.MapText(**{**text.__dict__, "title": f"{text.title} · {tx('table_view', lang)}"})
    bars = charts_map.ranking_bars(frame, ranking_text, unit=unit, selected=selected)
    with_value = int((frame.status == "value").sum())
    coverage = tx("present.coverage_regions", lang).format(n=with_value, total=len(frame))
    codes = encoded("map", values)
    order = frame.assign(_o=frame.status.map({"value": 0, "no_term": 1, "no_policy": 2}),
                         _v=frame.value.fillna(-1)).sort_values(["_o", "_v", "code"], ascending=[True, False, True])
    title = f"{tx('nav_map', lang)} · {text.title}"
    sources = [credit, boundary]
    common = dict(filters=f"{tx(f'view.{view}', lang)} · {words}", sources=sources, coverage=coverage, link=link,
                  references=full + [boundary], unit=unit)
    return (ChartView("map", "map", title, stem=file_stem("map", "map", codes), figure=figure, kind="map", **common),
            ChartView("map", "ranking", f"{title} · {tx('table_view', lang)}",
                      stem=file_stem("map", "ranking", codes), figure=bars, kind="bar_h",
                      categories=list(order.bar_label),
                      series=[Series(metric_label, [0.0 if pd.isna(v) else float(v) for v in order.value],
                                     labels=[charts_map.format_value(v, unit) if s == "value" else
                                             text.no_term if s == "no_term" else text.no_policy
                                             for v, s in zip(order.value, order.status)])],
                      **common))


def ai_views(values: dict, lang: str, link: str) -> list[ChartView]:
    """The AI matrix as slide-sized tables: up to charts_ai.SLIDE_ROWS measures each."""
    regions, measures = labels("region", lang), labels("measure", lang)
    compare = [c for c in values["compare"] if c not in AI_REFERENCES]
    columns = AI_REFERENCES + compare
    frame = charts_ai.mark_agreement(charts_ai.prepare(run_query(   # mapai: entries and best from the database
        "ai/compared_entries", regions=columns, measures=values.get("rows") or None, per_cell=charts_ai.PER_CELL)))
    rows = [m for m in measures if m in set(values.get("rows") or frame.measure)]
    tr = lambda key: tx(key, lang)  # noqa: E731
    table = charts_ai.slide_table(frame, columns, AI_REFERENCES, rows, regions, measures, tr, lang)
    credit, full = policy_sources(lang)
    curated = sorted({charts_ai.host(u) for u in frame.source_url if charts_ai.safe_url(u)})
    sources = [credit, tx("present.curated_source", lang).format(n=len(curated))]
    words = tx("present.ai_filters", lang).format(
        regions=("、" if lang == "zh" else ", ").join(regions.get(c, c) for c in compare) or "—")
    coverage = tx("present.coverage_terms", lang).format(n=len(frame), regions=len(columns), mark=charts_ai.CURATED_MARK)
    references = full + [tx("present.curated_host", lang).format(host=h) for h in curated]
    step = charts_ai.SLIDE_ROWS
    parts = [table.iloc[i:i + step].reset_index(drop=True) for i in range(0, max(len(table), 1), step)]
    out = []
    for (chart, title, stem), part in zip(ai_slides(values, lang, len(rows)), parts):
        out.append(ChartView("ai", chart, title, words, sources, coverage, link, stem,
                             charts_ai.table_figure(part, title, words), "table", table=part,
                             references=references))
    return out


def ai_slides(values: dict, lang: str, n_rows: int) -> list[tuple[str, str, str]]:
    """(chart, title, file stem) of each slide of an AI matrix of n_rows measures (charts_ai.SLIDE_ROWS a slide)."""
    n = max(1, -(-n_rows // charts_ai.SLIDE_ROWS))
    stem = file_stem("ai", "ai_matrix", encoded("ai", values))
    if n == 1:
        return [("ai_matrix", tx("nav_ai", lang), stem)]
    return [("ai_matrix" if i == 1 else f"ai_matrix_{i}", f"{tx('nav_ai', lang)} ({i}/{n})", f"{stem}_{i}of{n}")
            for i in range(1, n + 1)]
