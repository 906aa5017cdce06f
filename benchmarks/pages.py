"""python -m benchmarks.pages --db PATH: each page in AppTest, first render and rerun after a widget change.

Run in its own process (by benchmarks.speed) so that its peak RSS is the figure of one server process
serving every page. Prints one JSON object. Times:
  first      the page's first render with Streamlit's data cache empty (a new database, a new visitor), and the
             labels and figures the app keeps per database version forgotten too;
  rerun_new  after a widget change to a value this process has not shown before, nothing cleared: what a user
             changing a control waits for (the queries and views that value feeds miss; the lookups, labels and
             the queries the widget does not feed are cached, as in a server that has been running);
  rerun      the same change with every cache cleared first (every query of the page misses: the worst case);
  rerun_hit  after changing back to a value seen before (every query is a cache hit: the page's own cost).
The floor is benchmarks/minimal_page.py (a selectbox, a plotly chart and a table).
Every run reuses one script bytecode cache, as the server does (its Runtime compiles each page once; AppTest alone
would compile app.py and the page again on every run, which costs a large page 10-15 ms the server never pays).
--root times another checkout's app (e.g. a `git archive` of main) with this measurement: before and after in one run.
Memory, per page: rss_mib, the process's resident memory after the page (every page before it still cached, as
in one server), and peak_mib, the process's peak so far (so a page's own peak is where it first rises).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "dashboard" / "app.py"
MINIMAL = Path(__file__).resolve().parent / "minimal_page.py"
# page file → (widget key, two values it alternates between)
WIDGETS = {
    "overview": ("w.level", [["national"], ["municipal"]]),
    "trends": ("w.gran", ["quarter", "month"]),
    "regional_map": ("w.metric", ["terms", "max_cap"]),
    "ai_compare": ("w.level", [["district"], ["municipal"]]),
    "explorer": ("w.q", ["专精特新", "贷款贴息"]),
    "sources": ("w.level", [["national"], ["municipal"]]),
}
# page file → the widget changes of rerun_new, each to a state the page has not shown before
NEW_STEPS = {
    "minimal": [("w.year", "2025"), ("w.year", "2024"), ("w.year", "2026")],
    "overview": [("w.level", ["national"]), ("w.level", ["municipal"]), ("w.level", ["district"])],
    "trends": [("w.gran", "quarter"), ("w.gran", "month"), ("w.split", "topic"), ("w.mode", "in_force"),
               ("w.period", "2024-03")],
    "regional_map": [("w.metric", "terms"), ("w.metric", "max_cap"), ("w.metric", "best_rate")],
    "ai_compare": [("w.level", ["district"]), ("w.level", ["municipal"]), ("w.level", ["district", "municipal"])],
    "explorer": [("w.q", "专精特新"), ("w.q", "贷款贴息"), ("w.q", "人工智能")],
    "sources": [("w.level", ["national"]), ("w.level", ["municipal"]), ("w.level", ["district"])],
}
BASELINE = {"trends": "year", "regional_map": "policies", "explorer": ""}


def widget(at, key):
    for kind in ("radio", "selectbox", "multiselect", "text_input"):
        try:
            return getattr(at, kind)(key=key)
        except KeyError:
            continue
    raise KeyError(f"no widget {key!r} on the page")


def rss_mib(field: str = "VmRSS") -> float:
    """The process's resident memory now (VmRSS) or its peak (VmHWM), MiB (Linux).

    Not getrusage's ru_maxrss: Linux carries the parent's resident size at fork over an exec into the child's
    ru_maxrss, so a child of a benchmark that has a database open would report the parent's memory."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def clock(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def share_script_cache() -> None:
    """AppTest makes a new ScriptCache (bytecode of app.py and the pages) on every run; the server keeps one."""
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner
    shared = ScriptCache()
    app_test.ScriptCache = local_script_runner.ScriptCache = lambda: shared


def clear_caches() -> None:
    """Streamlit's data cache and every value the app keeps for all sessions but its connections (the checkout's
    shared labels and figures, the image buttons' chart views), so that a miss is a miss of everything."""
    import streamlit as st
    st.cache_data.clear()      # the results' cache before session 19 (an older checkout, --root)
    clear_results = getattr(sys.modules.get("dashboard.db"), "clear_results", None)
    if clear_results is not None:
        clear_results()
    # present.built_views was present._views before session 17: both, so that an older checkout (--root) is cleared too
    for module, names in (("dashboard.shared", ("_derived", "_view")),
                          ("dashboard.present", ("built_views", "_views"))):
        for name in names:
            cached = getattr(sys.modules.get(module), name, None)
            if cached is not None:
                cached.clear()


def measure_page(at_factory, page: str | None, key: str, values: list, repeat: int) -> dict:
    clear_caches()
    at = at_factory()
    if page:
        at.run()
        clear_caches()
        at.switch_page(f"app_pages/{page}.py")
    first = clock(at.run)
    new, misses, hits = [], [], []
    for step_key, value in NEW_STEPS[page or "minimal"][:max(repeat, 1)]:
        widget(at, step_key).set_value(value)
        new.append(clock(at.run))
    errors = [str(e.value)[:200] for e in at.exception]
    at = at_factory()                      # back to the page's default state for the other two
    if page:
        at.run()
        at.switch_page(f"app_pages/{page}.py")
    at.run()
    for k in range(repeat):
        clear_caches()
        widget(at, key).set_value(values[k % 2])
        misses.append(clock(at.run))
    for k in range(repeat):
        widget(at, key).set_value(values[k % 2])
        hits.append(clock(at.run))
    errors += [str(e.value)[:200] for e in at.exception]
    return {"first_ms": round(first, 1), "rerun_new_ms": round(statistics.median(new), 1),
            "rerun_ms": round(statistics.median(misses), 1),
            "rerun_hit_ms": round(statistics.median(hits), 1), "errors": errors, "rss_mib": rss_mib(),
            "peak_mib": rss_mib("VmHWM")}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.pages")
    parser.add_argument("--db", required=True)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pages", default=",".join(WIDGETS), help="which pages, comma-separated (default: all)")
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout whose dashboard/app.py is timed")
    args = parser.parse_args(argv)
    app = args.root.resolve() / "dashboard" / "app.py"
    pages = [p for p in args.pages.split(",") if p]
    os.environ["SME_POLICY_DB"] = args.db
    os.environ["STREAMLIT_LOGGER_LEVEL"] = "error"
    from streamlit.testing.v1 import AppTest
    share_script_cache()
    AppTest.from_file(str(MINIMAL), default_timeout=600).run()   # imports (plotly, pandas styling) are paid once, before timing
    out = {"minimal": measure_page(lambda: AppTest.from_file(str(MINIMAL), default_timeout=600), None, "w.year",
                                   ["2025", "2024"], args.repeat)}
    for page in pages:
        key, values = WIDGETS[page]
        out[page] = measure_page(lambda: AppTest.from_file(str(app), default_timeout=600), page, key, values,
                                 args.repeat)
    out["peak_rss_mib"] = rss_mib("VmHWM")
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
