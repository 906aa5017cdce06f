"""Many users at once, as far as it can be asserted on one machine without a clock (the speed figures are
benchmarks/browsers.py's, in the README's "Scale" section).

- Two replicas of the app (two `streamlit run` processes) serve one database file at the same time, both
  read-only: concurrent sessions on either show every page exactly as the other does, so a load balancer may
  place a new session on any replica (and keep it there: a session lives in one process).
- The served app runs without Streamlit's source watcher and forced full GC after every script run (the two
  largest costs under many sessions); it still draws every page and follows a rebuilt file (test_concurrency).
- A trend chart's no-data bands, added all at once: one grey band and one label per empty period, in that
  period's slot, beside the shapes and notes the chart already had.
"""
from __future__ import annotations

import asyncio
import tomllib

import numpy as np
import plotly.graph_objects as go

from dashboard.coverage import shade_no_data
from dashboard.i18n import TEXT
from test_concurrency import EVERY_PAGE, healthy, signature
from test_robustness import ROOT, Session, run_async, serve

SESSIONS_PER_REPLICA = 4


def test_two_replicas_serve_one_file_alike(db_path, tmp_path):
    a_dir, b_dir = tmp_path / "a", tmp_path / "b"
    a_dir.mkdir()
    b_dir.mkdir()
    with serve(db_path, a_dir) as (a, _), serve(db_path, b_dir) as (b, _):
        async def load_everywhere() -> dict[str, list[str]]:
            async def one(base: str) -> dict[str, str]:
                async with Session(base) as session:
                    out = {}
                    for page, query in EVERY_PAGE.items():
                        shown = await session.load(page, query)
                        healthy(shown)
                        out[page] = signature(shown)
                    return out
            results = await asyncio.gather(*(one(base) for base in [a, b] * SESSIONS_PER_REPLICA))
            return {page: [r[page] for r in results] for page in EVERY_PAGE}

        seen = run_async(load_everywhere())
    for page, signatures in seen.items():
        assert len(signatures) == 2 * SESSIONS_PER_REPLICA
        assert len(set(signatures)) == 1, f"page {page!r} differs between sessions or replicas"


def test_served_config_has_no_watcher_and_no_forced_gc():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["fileWatcherType"] == "none"
    assert config["server"]["runOnSave"] is False
    assert config["runner"]["postScriptGC"] is False


def test_no_data_bands_one_per_run_of_empty_periods_labelled_where_the_word_fits():
    periods = [f"{y}-{m:02d}" for y in range(2020, 2027) for m in range(1, 13)]
    empty = [p for p in periods if p[:4] in ("2020", "2021") or p.endswith("-07")]
    traces = [dict(type="bar", x=periods, y=np.ones(len(periods)), name=k) for k in ("a", "b")]
    layout = dict(annotations=[dict(text="source", x=0, y=0, xref="paper", yref="paper")],
                  shapes=[dict(type="line", x0=0, x1=1, y0=0, y1=0, xref="paper", yref="paper")])
    shade_no_data(traces, layout, periods, empty, lang="zh")
    fig = go.Figure(data=traces, layout=layout)   # validated: the bands are what plotly accepts

    n = len(periods)
    bands, labels = fig.layout.shapes[1:], fig.layout.annotations[1:]
    assert fig.layout.shapes[0].type == "line" and fig.layout.annotations[0].text == "source"
    # 2020-01…2021-12 is one run (24 slots), then each July of 2022-2026 alone (one slot of 84: too narrow a word)
    runs = [(0, 23)] + [(periods.index(f"{y}-07"),) * 2 for y in range(2022, 2027)]
    assert [(b.type, b.x0, b.x1, b.y0, b.y1, b.layer) for b in bands] == \
        [("rect", a / n, (b + 1) / n, 0, 1, "below") for a, b in runs]
    assert [(a.x, a.text) for a in labels] == [(12 / n, TEXT["cov.no_data_label"][0])]
    for trace in fig.data:        # no bar in a period without a source: a blank, not a 0
        assert [y is None for y in trace.y] == [p in empty for p in periods]
    assert tuple(fig.layout.xaxis.range) == (-0.5, n - 0.5)
