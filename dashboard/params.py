"""The URL parameters of every page: one place for their names, codes and defaults.

Shared filters (on every page, carried by the page links):
  lang=en  level=national~district  topic=finance~tax  region=420106  years=2022..2026  status=in_force
Page options:
  trends:   gran=month|quarter|year  split=level|topic  mode=stacked|share|cumulative|in_force
            period=2023|2023-Q2|2023-05 (a year of the data)
  map:      layer=hubei|wuhan  view=issued|applies  metric=policies|terms|max_cap|best_rate  measure=<slug>
  ai:       compare=420106~420190  rows=compute~model_rd
  explorer: q=<text>  issuer=<name>  policy=<policy id>
"""
from __future__ import annotations

from dashboard.charts_trends import PERIOD
from dashboard.db import run_query
from dashboard.shared import derived
from dashboard.state import Param, register

LEVELS = ["national", "provincial", "municipal", "district"]
STATUSES = ["in_force", "expired", "not_yet", "unknown", "draft", "superseded"]
GRANULARITIES = ["year", "quarter", "month"]
SPLITS = ["level", "topic"]
MODES = ["stacked", "share", "cumulative", "in_force"]
LAYERS = ["hubei", "wuhan"]
VIEWS = ["issued", "applies"]
METRICS = ["policies", "terms", "max_cap", "best_rate"]
DEFAULT_COMPARE = ["420106", "420190", "420104", "420105"]   # 武昌区, 东湖高新区, 硚口区, 汉阳区


def _codes(query: str, column: str) -> list[str]:
    return derived(("codes", query, column), lambda: run_query(query)[column].astype(str).tolist())


class _Known:
    """`code in _Known(query, param)` asks the database about that one code (a point query), not for every code."""
    def __init__(self, query: str, param: str):
        self.query, self.param = query, param

    def __contains__(self, code) -> bool:
        return not run_query(self.query, **{self.param: code}).empty


def year_bounds() -> tuple[int, int]:
    def bounds():
        row = run_query("common/year_bounds").iloc[0]
        return int(row.first_year), int(row.last_year)
    return derived(("year_bounds",), bounds)


SHARED = register(
    Param("lang", "one", "zh", options=lambda: ["zh", "en"]),
    Param("level", "many", [], options=lambda: LEVELS),
    Param("topic", "many", [], options=lambda: _codes("common/lookup_topics", "slug")),
    Param("region", "one", None, options=lambda: _codes("common/lookup_regions", "code")),
    Param("years", "range", None, bounds=year_bounds),
    Param("status", "many", [], options=lambda: STATUSES),
    Param("present", "one", None, options=lambda: ["1"]),   # presentation mode (dashboard/present.py)
)

PAGES: dict[str, list[Param]] = {
    "overview": [],
    "add": [],
    "trends": register(
        Param("gran", "one", "year", options=lambda: GRANULARITIES),
        Param("split", "one", "level", options=lambda: SPLITS),
        Param("mode", "one", "stacked", options=lambda: MODES),
        Param("period", "text", None, max_len=7, pattern=PERIOD.pattern, bounds=year_bounds),
    ),
    "map": register(
        Param("layer", "one", "wuhan", options=lambda: LAYERS),
        Param("view", "one", "issued", options=lambda: VIEWS),
        Param("metric", "one", "policies", options=lambda: METRICS),
        Param("measure", "one", "compute", options=lambda: _codes("common/lookup_measures", "slug")),
    ),
    "ai": register(
        Param("compare", "many", DEFAULT_COMPARE, options=lambda: _codes("common/lookup_regions", "code")),
        Param("rows", "many", [], options=lambda: _codes("common/lookup_measures", "slug")),  # [] = every measure present
    ),
    "explorer": register(
        Param("q", "text", "", max_len=60),
        Param("issuer", "one", None, options=lambda: _Known("common/issuer_exists", "issuer")),
        Param("policy", "one", None, options=lambda: _Known("common/policy_exists", "policy_id")),
        Param("breakdown", "one", None, options=lambda: ["all"]),   # all: the facets of every match, not the listed
    ),
    "sources": [],
}
SHARED_NAMES = [p.name for p in SHARED]


def page_params(page: str) -> list[Param]:
    return SHARED + PAGES[page]


def sql_filters(url) -> dict:
    """The shared filters as the arguments of the filtered_policies() macro."""
    lo, hi = year_bounds()
    years = url["years"] or (lo, hi)
    return {
        "levels": url["level"] or None,
        "topics": url["topic"] or None,
        "region": url["region"],
        "year_from": int(years[0]),
        "year_to": int(years[1]),
        "include_undated": tuple(years) == (lo, hi),
        "statuses": url["status"] or None,
    }
