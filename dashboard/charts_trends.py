"""The trend chart of the 发文趋势 page: periods, their bars or lines, and what a click selects.

Pure functions, no Streamlit: period keys (2023, 2023-Q2, 2023-05) ⇄ their first and last day; the
query results filled out to one row per period and group; the values each mode plots; the figure.
"""
from __future__ import annotations

import html
import re
from datetime import date, timedelta

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.charts import PALETTE, style

PERIOD = re.compile(r"([0-9]{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?")   # [0-9]: \d takes any script's digits
BAR_MODES = ("stacked", "share")
TITLE_CHARS = 36
# A hover lists a bar's first titles up to this many periods (37 years by quarter); past it (by month over decades)
# a column is a few pixels wide, and the hover gives the count and says that a click lists the period's policies:
# by month and topic, 4,884 bars' titles were a third of the page's rerun at a million policies (session 22).
HOVER_TITLES_UP_TO = 160
HEIGHT = 620


def period_bounds(period: str | None) -> tuple[date, date] | None:
    """The first and last day of a period key (2023, 2023-Q2, 2023-05), or None if it is not one."""
    m = PERIOD.fullmatch(period or "")
    if not m or int(m[1]) < 1:
        return None
    year = int(m[1])
    if m[2]:
        first_month, months = 3 * int(m[2]) - 2, 3
    elif m[3]:
        first_month, months = int(m[3]), 1
    else:
        first_month, months = 1, 12
    start = date(year, first_month, 1)
    if first_month + months > 12:       # ends with December (also of 9999, the last year a date has)
        return start, date(year, 12, 31)
    return start, date(year, first_month + months, 1) - timedelta(days=1)


def period_of_selection(event) -> str | None:
    """The period of the first selected bar or point of a plotly_chart selection event, if any."""
    try:
        points = event["selection"]["points"]
    except (KeyError, TypeError):
        return None
    for point in points or []:
        custom = point.get("customdata")
        for value in ([custom[0]] if isinstance(custom, (list, tuple)) and custom else []) + [point.get("x")]:
            if isinstance(value, (str, int)) and period_bounds(str(value)):
                return str(value)
    return None


def fill(periods: pd.DataFrame, data: pd.DataFrame, on: str, groups: list[str]) -> pd.DataFrame:
    """One row per period × group, in order: policies (0 where the query had no row) and first_titles.

    periods: period, period_start, period_end (queries/trends/periods.sql); data: `on` (a column of periods
    holding the same dates), grp, policies, first_titles; groups: every group to draw, in legend order.
    (Each query row is placed in the grid by position, period by a search in the sorted days and group by its
    place in the legend: by month and topic, 4,884 cells, 8 ms at a million policies, where a dict lookup per cell
    took 21 ms and pandas' merge with a map over the titles 20 ms.)
    """
    n_groups = len(groups)
    days = _day_numbers(periods[on])                       # ascending: the periods are in order
    found = _day_numbers(data[on])
    at = np.minimum(np.searchsorted(days, found), max(len(days) - 1, 0))
    column = pd.Index(groups).get_indexer(data["grp"])     # -1: a group not drawn
    keep = np.flatnonzero((days[at] == found if len(days) else False) & (column >= 0))
    cells = (at[keep] * n_groups + column[keep]).tolist()
    out = periods.iloc[np.repeat(np.arange(len(periods)), n_groups)].reset_index(drop=True)
    out[on] = pd.Series([day for day in _days(periods[on]) for _ in groups], dtype=object)
    out["grp"] = pd.Series(groups * len(periods), dtype=object)
    policies = np.zeros(len(out), dtype=int)
    policies[cells] = data["policies"].to_numpy()[keep]
    out["policies"] = policies
    titles = [[] for _ in range(len(out))]
    for cell, found_titles in zip(cells, data["first_titles"].to_numpy()[keep]):
        titles[cell] = (found_titles.tolist() if hasattr(found_titles, "tolist")      # a query's list: an array
                        else list(found_titles) if isinstance(found_titles, (list, tuple)) else [])
    out["first_titles"] = pd.Series(titles, dtype=object)
    return out


def _days(column: pd.Series) -> list[date]:
    return pd.to_datetime(column).dt.date.tolist()


def _day_numbers(column: pd.Series) -> np.ndarray:
    return pd.to_datetime(column).to_numpy().astype("datetime64[D]").astype(np.int64)


def values(frame: pd.DataFrame, mode: str) -> pd.Series:
    """What each row plots: the count (stacked, in_force), its percent of the period (share), or the running total."""
    if mode == "share":
        total = frame.groupby("period")["policies"].transform("sum")
        return (100 * frame["policies"] / total.where(total > 0)).fillna(0.0).round(4)
    if mode == "cumulative":
        return frame.groupby("grp", sort=False)["policies"].cumsum()
    return frame["policies"]


def titles_html(titles: list[str], count: int, more: str) -> str:
    """The first titles of a bar as hover lines, with '… and N more' when there are more."""
    lines = [html.escape(t if len(t) <= TITLE_CHARS else t[: TITLE_CHARS - 1] + "…") for t in titles]
    rest = count - len(titles)
    if rest > 0:
        lines.append(html.escape(more.format(n=rest)))
    return "<br>".join("· " + line for line in lines)


def trend_figure(frame: pd.DataFrame, mode: str, groups: dict[str, str], colors: dict[str, str],
                 text: dict[str, str], title: str, subtitle: str, source: str,
                 selected: str | None = None) -> tuple[list[dict], dict]:
    """Stacked or 100% bars (stacked, share) or one line per group (cumulative, in_force): the traces and the
    layout, as plain dicts for charts.figure (the coverage notes add to them first).

    frame: fill()'s rows; groups: group code → legend label, in order; colors: group code → colour;
    text: x, y, legend, count, share, cumulative, new, in_force, more (a template with {n}) and click labels.
    Each point carries [period, titles, count] as customdata, so a click selects its period (past
    HOVER_TITLES_UP_TO periods, the titles are the click label); the
    `selected` period (the URL's) is drawn selected, the others faded, so a shared link shows it too.
    """
    periods = list(dict.fromkeys(frame["period"]))
    selectedpoints = [periods.index(selected)] if selected in periods else None
    # the columns as lists and each group's rows found in one pass (by month and topic, 4,884 rows: a boolean
    # filter of the frame per group cost more than the hover texts)
    period_l, count_l, titles_l = frame["period"].tolist(), frame["policies"].tolist(), frame["first_titles"].tolist()
    value_a = values(frame, mode).to_numpy()
    click = html.escape(text["click"])
    rows_of: dict = {}
    for i, grp in enumerate(frame["grp"].tolist()):
        rows_of.setdefault(grp, []).append(i)
    traces = []
    for code, label in groups.items():
        rows = rows_of.get(code, [])
        if len(periods) <= HOVER_TITLES_UP_TO:
            custom = [[period_l[i], titles_html(titles_l[i], count_l[i], text["more"]), count_l[i]] for i in rows]
        else:
            custom = [[period_l[i], click, count_l[i]] for i in rows]
        head = "<b>%{customdata[0]}</b> · " + html.escape(label) + "<br>"
        if mode == "stacked":
            hover = head + text["count"] + ": %{y}<br>%{customdata[1]}"
        elif mode == "share":
            hover = head + text["share"] + ": %{y:.1f}% (%{customdata[2]})<br>%{customdata[1]}"
        elif mode == "cumulative":
            hover = head + text["cumulative"] + ": %{y}<br>" + text["new"] + ": %{customdata[2]}<br>%{customdata[1]}"
        else:
            hover = head + text["in_force"] + ": %{y}<br>%{customdata[1]}"
        trace = dict(x=[period_l[i] for i in rows], y=value_a[rows], name=label, customdata=custom,
                     hovertemplate=hover + "<extra></extra>", legendgroup=code)
        if selectedpoints is not None:
            trace["selectedpoints"] = selectedpoints
        color = {"color": colors[code]} if colors.get(code) else {}
        if mode in BAR_MODES:
            traces.append(dict(type="bar", **({"marker": color} if color else {}), **trace))
        else:
            traces.append(dict(type="scatter", mode="lines+markers", line={**color, "width": 3},
                               marker={"size": 7 if len(periods) <= 30 else 4}, **trace))
    layout = style(title, subtitle, source, height=HEIGHT)
    layout["xaxis"].update(type="category", categoryorder="array", categoryarray=periods, title={"text": text["x"]},
                           tickangle=0 if len(periods) <= 12 else -45, automargin=True)
    layout["yaxis"].update(title={"text": text["y"]}, rangemode="tozero",
                           **({"range": [0, 100], "ticksuffix": "%"} if mode == "share" else {}))
    # The legend to the right (up to eleven topics) and the source under the tick labels, in pixels.
    layout.update(barmode="stack", clickmode="event+select", hovermode="closest", dragmode=False,
                  legend={"orientation": "v", "x": 1.01, "y": 1, "xanchor": "left", "yanchor": "top",
                          "title": {"text": text["legend"]}, "font": {"size": 13}, "tracegroupgap": 2},
                  margin={"l": 70, "r": 20, "t": 120, "b": 130})
    layout["annotations"][0].update(y=0, yref="paper", yanchor="top", yshift=-105)
    return traces, layout


def group_colors(order: list[str]) -> dict[str, str]:
    """A fixed colour per group code (its place in the full list), so colours do not move with the filters."""
    return {code: PALETTE[i % len(PALETTE)] for i, code in enumerate(order)}
