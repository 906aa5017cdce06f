"""Coverage notes: where a chart's numbers rest on one source or on curated rows only, said on the chart.

The trends and map pages read per-period / per-region coverage (queries/trends/coverage_by_period.sql,
queries/map/coverage_by_region.sql) and turn it into short notes, shown under the chart and burned into the
figure, so an exported PNG carries them; periods with no source at all are shaded as "no data" (not zero).
"""
from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go
import streamlit as st


from dashboard.db import run_query
from dashboard.i18n import TEXT, t
from dashboard.i18n import lang as current_lang

ONE_SOURCE = 0.7      # a period or region "rests on one source" when that source holds this share of its policies
FIGURE_LINES = 8      # notes burned into a figure; the page lists them all
LINE_PX = 17

TEXT.update({
    "cov.heading": ("覆盖说明", "Coverage"),
    "cov.one_source": ("{what}：{n} 条中 {k} 条来自同一来源《{source}》", "{what}: {k} of {n} policies from one source, {source}"),
    "cov.all_one_source": ("{what}：{n} 条均来自同一来源《{source}》", "{what}: all {n} policies from one source, {source}"),
    "cov.curated_only": ("{what}：{n} 条均只有登记表或人工整理条目（事实与出处，非政策原文）",
                         "{what}: all {n} policies rest on register or curated entries only (facts with citations, not texts)"),
    "cov.curated_only_one": ("{what}：1 条，只有登记表或人工整理条目（事实与出处，非政策原文）",
                             "{what}: 1 policy, resting on a register or curated entry only (facts with citations, not a text)"),
    "cov.some_curated": ("{what}：{n} 条中 {c} 条只有登记表或人工整理条目", "{what}: {c} of {n} policies rest on register or curated entries only"),
    "cov.no_data": ("{what}：没有任何来源（图中为“无数据”，不是 0）", "{what}: no source at all (drawn as no data, not zero)"),
    "cov.no_data_label": ("无数据", "no data"),
    "cov.all_notes": ("其余覆盖说明（共 {n} 条）", "The other coverage notes ({n} in all)"),
    "cov.more": ("… 另有 {n} 条说明，见页面", "… {n} more notes on the page"),
    "cov.map_curated_only": ("只有登记表或人工整理条目（非政策原文）：{regions}",
                             "Register or curated entries only (not policy texts): {regions}"),
    "cov.map_one_source": ("主要来自同一来源《{source}》：{regions}", "Mostly from one source, {source}: {regions}"),
    "cov.map_not_found": ("未发现政策的地区只表示登记表和语料中没有找到，不表示没有政策。",
                          "A region with no policy found means none was found in the register or the corpus, not that it has none."),
    "cov.year": ("{p} 年", "{p}"),
    "cov.span": ("{a} 至 {b}", "{a} to {b}"),
    "cov.source_line": ("来源：{n} 份语料文件（data/raw）及 {m} 张人工整理表（data/curated，含武汉政策登记表），详见“数据来源”页",
                        "Source: {n} corpus files (data/raw) and {m} curated tables (data/curated, incl. the Wuhan policy "
                        "register); see Data sources"),
})


def _tr(key: str, lang: str | None = None) -> str:
    """The interface text in `lang`, else in the session's language (chart images are built for a link's language)."""
    zh, en = TEXT[key]
    return zh if (lang or current_lang()) == "zh" else en


def kind_label(kind) -> str:
    return "" if kind is None or (isinstance(kind, float) and pd.isna(kind)) else t(f"kind.{kind}")


def trust_label(trust) -> str:
    """A curated row's trust mark; a policy with no mark rests on a document of the corpus."""
    if trust is None or (isinstance(trust, float) and pd.isna(trust)):
        return t("trust.corpus")
    return t(f"trust.{trust}") if f"trust.{trust}" in TEXT else str(trust)


def evidence_columns(rows: pd.DataFrame) -> dict[str, pd.Series]:
    """The evidence kind and trust of each row (columns evidence_kind, trust), for a table of policies."""
    return {t("col.evidence"): rows.evidence_kind.map(kind_label), t("col.trust"): rows.trust.map(trust_label)}


def source_line(lang: str | None = None) -> str:
    """The data source of every chart: the corpus files and the curated tables."""
    counts = run_query("overview/source_counts").iloc[0]
    return _tr("cov.source_line", lang).format(n=int(counts.corpus_files), m=int(counts.curated_tables))


def _source(row, lang: str | None = None) -> str:
    return str(row.top_title if (lang or current_lang()) == "zh" else row.top_title_en)


def _count(n) -> int:
    return 0 if n is None or pd.isna(n) else int(n)


def _kind(n: int, k: int, curated: int, source: str) -> tuple | None:
    """What a period or region of n policies rests on: k in its largest source, `curated` only on curated rows."""
    if n == 0:
        return None
    if curated == n:
        return ("curated",)
    if k >= ONE_SOURCE * n and n > 1:
        return ("one", source)
    if curated * 2 >= n:
        return ("some_curated",)
    return None


def _note(what: str, key: tuple, n: int, k: int, curated: int, lang: str | None = None) -> str:
    if key[0] == "no_data":
        return _tr("cov.no_data", lang).format(what=what)
    if key[0] == "curated":
        return _tr("cov.curated_only" if n > 1 else "cov.curated_only_one", lang).format(what=what, n=n)
    if key[0] == "one":
        return _tr("cov.all_one_source" if k == n else "cov.one_source", lang).format(what=what, n=n, k=k,
                                                                                     source=key[1])
    return _tr("cov.some_curated", lang).format(what=what, n=n, c=curated)


def describe(what: str, n: int, k: int, curated: int, source: str) -> list[str]:
    """The note of one period or region, if it rests on one source or on curated rows."""
    key = _kind(n, k, curated, source)
    return [_note(what, key, n, k, curated)] if key else []


def period_label(period: str, lang: str | None = None) -> str:
    return _tr("cov.year", lang).format(p=period) if len(period) == 4 else period


def trend_notes(coverage: pd.DataFrame, periods: pd.DataFrame, lang: str | None = None) -> tuple[list[str], list[str]]:
    """(notes, the periods with no source at all) for the chart's periods. Years are noted one by one;
    consecutive quarters or months that rest on the same thing are noted as one span, with their totals.

    coverage: queries/trends/coverage_by_period.sql; periods: queries/trends/periods.sql (period, period_start)."""
    by_start = {pd.Timestamp(r.period_start).date(): r for r in coverage.itertuples()}
    entries, empty = [], []   # [period, key, n, k, curated]
    for p in periods.itertuples():
        row = by_start.get(pd.Timestamp(p.period_start).date())
        if row is None or _count(row.scope_policies) == 0:
            empty.append(p.period)
            entries.append([p.period, ("no_data",), 0, 0, 0])
            continue
        n, k, c = _count(row.policies), _count(row.top_count), _count(row.curated_only)
        entries.append([p.period, _kind(n, k, c, _source(row, lang)), n, k, c])
    runs: list[list] = []
    for e in entries:
        if runs and e[1] is not None and runs[-1][-1][1] == e[1] and len(e[0]) > 4:
            runs[-1].append(e)
        else:
            runs.append([e])
    notes = []
    for run in runs:
        key = run[0][1]
        if key is None:
            continue
        what = (period_label(run[0][0], lang) if len(run) == 1
                else _tr("cov.span", lang).format(a=run[0][0], b=run[-1][0]))
        notes.append(_note(what, key, *(sum(e[i] for e in run) for i in (2, 3, 4)), lang=lang))
    return notes, empty


def map_notes(coverage: pd.DataFrame, lang: str | None = None) -> list[str]:
    """Regions grouped by what they rest on: curated rows only, or mostly one source; then that a region
    with none found is not a region with none."""
    zh = (lang or current_lang()) == "zh"
    sep = "、" if zh else ", "
    curated, one_source = [], {}
    for r in coverage.itertuples():
        n, k, c = _count(r.policies), _count(r.top_count), _count(r.curated_only)
        name = r.name if zh else r.name_en
        if n == 0:
            continue
        if c == n:
            curated.append(f"{name} {n}")
        elif k >= ONE_SOURCE * n:
            one_source.setdefault(_source(r, lang), []).append(f"{name} {k}/{n}")
    notes = [_tr("cov.map_curated_only", lang).format(regions=sep.join(curated))] if curated else []
    notes += [_tr("cov.map_one_source", lang).format(source=s, regions=sep.join(rs)) for s, rs in one_source.items()]
    return notes + [_tr("cov.map_not_found", lang)]


def show_notes(notes: list[str]) -> None:
    """The notes on the page: the first ones in a visible box, any others in an expander below it."""
    from dashboard.controls import md   # here: controls imports the pages' helpers, which import this module
    if not notes:
        return
    lines = lambda items: "  \n".join("· " + md(n) for n in items)   # noqa: E731
    st.info(f"**{t('cov.heading')}**  \n" + lines(notes[:FIGURE_LINES]), icon="ℹ️")   # a warning is for a bad link
    if len(notes) > FIGURE_LINES:
        with st.expander(t("cov.all_notes").format(n=len(notes))):
            st.markdown(lines(notes[FIGURE_LINES:]))


def burn_in(fig: go.Figure, notes: list[str], width_chars: int = 150, source: str | None = None,
            lang: str | None = None) -> go.Figure:
    """The notes as a block under everything else in the figure (the figure grows, the plot keeps its size),
    after the data source when the figure does not show it yet."""
    margin = fig.layout.margin
    block = _notes_block(notes, margin.b if margin.b is not None else 80, fig.layout.height or 520, width_chars,
                         source, lang)
    if block:
        note, bottom, height = block
        fig.add_annotation(**note)
        fig.update_layout(margin={"b": bottom}, height=height)
    return fig


def burn_in_layout(layout: dict, notes: list[str], width_chars: int = 150, source: str | None = None,
                   lang: str | None = None) -> dict:
    """burn_in on a figure's layout dict (charts.figure builds the figure from it)."""
    margin = layout.setdefault("margin", {})
    block = _notes_block(notes, margin.get("b", 80), layout.get("height", 520), width_chars, source, lang)
    if block:
        note, margin["b"], layout["height"] = block
        layout.setdefault("annotations", []).append(note)
    return layout


def _notes_block(notes: list[str], bottom: int, height: int, width_chars: int, source: str | None,
                 lang: str | None) -> tuple[dict, int, int] | None:
    """(the notes' annotation, the figure's new bottom margin and height), or None with nothing to say."""
    if not notes and not source:
        return None
    shown = notes[:FIGURE_LINES]
    if len(notes) > FIGURE_LINES:
        shown.append(_tr("cov.more", lang).format(n=len(notes) - FIGURE_LINES))
    lines = [html.escape(line if len(line) <= width_chars else line[: width_chars - 1] + "…") for line in shown]
    text = (f"<b>{_tr('cov.heading', lang)}</b><br>" + "<br>".join("· " + line for line in lines)) if lines else ""
    if source:
        text = f"<span style='color:#667085'>{html.escape(source)}</span>" + ("<br>" + text if text else "")
        lines.append(source)
    extra = LINE_PX * (len(lines) + 1) + 14
    note = dict(text=text, xref="paper", yref="paper", x=0, y=0, yshift=-bottom, xanchor="left", yanchor="top",
                align="left", showarrow=False, font={"size": 12, "color": "#8a4b00"})
    return note, bottom + extra, height + extra


# The narrowest run labelled, as a share of the plot's width: the word (无数据, "no data") at 12 px with room; the
# labels of two runs this wide never overlap.
NO_DATA_LABEL_WIDTH = 0.07


def shade_no_data(traces: list[dict], layout: dict, periods: list[str], empty: list[str], bars: bool = True,
                  lang: str | None = None) -> None:
    """A grey band over each run of consecutive periods with no source, labelled 'no data' where the run is wide
    enough for the word (by month, single months side by side would print it on top of each other), and no bar
    there (`bars`: a blank, not a 0); on a chart's trace dicts (y an array) and layout dict (charts.figure). Period keys look like
    numbers (2021), which plotly would read as positions on a category axis, so the bands are placed in paper
    coordinates on an axis pinned to one slot per period."""
    if not empty:
        return
    if bars:
        gone = set(empty)
        for trace in traces:
            trace["y"] = [None if x in gone else y for x, y in zip(trace["x"], trace["y"].tolist())]
    n = len(periods)
    layout.setdefault("xaxis", {})["range"] = [-0.5, n - 0.5]
    runs = []                                   # [first slot, last slot] of each run of empty periods
    for i in sorted(periods.index(p) for p in empty):
        if runs and runs[-1][1] == i - 1:
            runs[-1][1] = i
        else:
            runs.append([i, i])
    layout.setdefault("shapes", []).extend(dict(
        type="rect", xref="paper", yref="paper", x0=a / n, x1=(b + 1) / n, y0=0, y1=1, fillcolor="#9aa0a6",
        opacity=0.18, line={"width": 0}, layer="below") for a, b in runs)
    layout.setdefault("annotations", []).extend(dict(
        x=(a + b + 1) / 2 / n, y=0.99, xref="paper", yref="paper", yanchor="top", showarrow=False,
        text=_tr("cov.no_data_label", lang), font={"size": 12, "color": "#5f6368"})
        for a, b in runs if (b + 1 - a) / n >= NO_DATA_LABEL_WIDTH)
