"""python -m benchmarks.browsers --sessions 20 [--db PATH] [--pages ...]: many users at once.

Starts the app (`streamlit run dashboard/app.py`, as tests/test_browser.py does) on a database (default: the
shipped corpus, built into a temporary file), then N sessions at once each walk every page in the sidebar's
order: open the page from a shared link with the URL parameters it uses, then change one widget there.

"Page finish" is the time from the navigation (or the widget change) until Streamlit's script run is over and
the page is drawn: the run's script_finished message has arrived on the session's websocket, no element is
stale or a loading skeleton, the status widget is gone, and every plotly chart the run sent has its .main-svg.

Two kinds of client (--client):
  browser  headless Debian chromium through Playwright, one browser with a context per session. The browsers
           run on the same cores as the server: their CPU is measured apart (the benchmark's own process tree),
           so the server's share is visible.
  ws       Streamlit's own websocket protocol, no browser (as tests/test_concurrency.py): a rerun request per
           page load; the widget change is a rerun with the changed URL. What the server alone costs.
  mixed    --browsers K of the sessions are browsers, the others websocket sessions that walk the pages until
           the browsers are done: the server carries N sessions, and K browsers see what a user sees (20
           Chromiums on the server's own 2 cores measure Chromium: it needs ~10x the server's CPU).

A warm-up session walks the pages first (the data cache is shared: this is the steady state of a running
server, not the first visitor after a rebuild); --no-warmup measures from a cold cache.

--replicas R starts R servers on the same file; session i stays on server i mod R (a sticky load balancer).

Prints median / p95 per page and overall, the server's CPU seconds and peak RSS, the clients' CPU seconds and
the load average, and writes JSON into benchmarks/results/ (browsers-<client>-<sessions>.json unless --out).
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from dashboard.serve import serve

ROOT = Path(__file__).resolve().parents[1]
RESULTS = Path(__file__).resolve().parent / "results"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
TICK = os.sysconf("SC_CLK_TCK")


def label(key: str) -> str:
    from dashboard.i18n import TEXT
    return TEXT[key][0]


@dataclass(frozen=True)
class Step:
    """A page opened from a link, then one widget changed (in a browser: `act`; over ws: the changed query)."""
    page: str            # url path ("" is the overview)
    query: str           # the shared link's query string
    changed: str         # the query string after the widget change (ws client)
    act: str             # the widget change, by kind: "<kind>:<where>:<value>"

    @property
    def name(self) -> str:
        return self.page or "overview"


# The sidebar's order; each link carries parameters the page uses; each change is one a user would make.
STEPS = [
    Step("", "", "region=420106", "selectbox:sidebar:武昌区"),
    Step("trends", "gran=quarter&split=topic", "gran=month&split=topic", "radio:main:gran.month"),
    Step("map", "layer=wuhan&region=420106", "layer=wuhan&region=420106&metric=terms",
         "selectbox:main:metric.terms"),
    Step("ai", "", "compare=420106~420190~420104~420105~420102", "multiselect:main:江岸区"),
    Step("explorer", "q=" + quote("专精特新"), "q=" + quote("贷款贴息"), "text:main:贷款贴息"),
    Step("sources", "", "level=national", "multiselect:sidebar:level.national"),
]


# Processes ----------------------------------------------------------------------------------------------

def cpu_seconds(pid: int) -> float:
    """utime + stime of a live process (0 if it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICK


def rss_mib(pid: int, key: str = "VmRSS") -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def children(root: int) -> list[int]:
    """Every live descendant of a process."""
    parent = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                parent[int(d.name)] = int((d / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    out, todo = [], [root]
    while todo:
        p = todo.pop()
        kids = [c for c, pp in parent.items() if pp == p]
        out += kids
        todo += kids
    return out


class Sampler:
    """Samples, every half second, the CPU of the servers and of the clients (this process and its descendants
    but the servers), the servers' RSS and the load average. A process that exits keeps its last sample."""

    def __init__(self, servers: list[int]):
        self.servers = servers
        self.last: dict[int, float] = {}
        self.base_server = self._servers_cpu()
        self.base_clients = self._clients_now()
        self.rss_peak = self._rss()
        self.load = [os.getloadavg()[0]]
        self.start = time.monotonic()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _servers_cpu(self) -> float:
        return sum(cpu_seconds(p) for p in self.servers)

    def _rss(self) -> float:
        return max(rss_mib(p) for p in self.servers)

    def _clients_now(self) -> float:
        for pid in [os.getpid()] + [p for p in children(os.getpid()) if p not in self.servers]:
            self.last[pid] = max(self.last.get(pid, 0.0), cpu_seconds(pid))
        return sum(self.last.values())

    def _run(self):
        while not self._stop.wait(0.5):
            self._clients_now()
            self.rss_peak = max(self.rss_peak, self._rss())
            self.load.append(os.getloadavg()[0])

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.wall = time.monotonic() - self.start
        self.server_cpu = self._servers_cpu() - self.base_server
        self.clients_cpu = self._clients_now() - self.base_clients


# Clients ------------------------------------------------------------------------------------------------

def finished_runs(payload: bytes) -> tuple[bool, int]:
    """(is a successful script_finished, number of plotly charts) of one ForwardMsg."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    fm = ForwardMsg()
    fm.ParseFromString(payload)
    kind = fm.WhichOneof("type")
    if kind == "script_finished":
        return fm.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY, 0
    if kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
        return False, int(fm.delta.new_element.WhichOneof("type") == "plotly_chart")
    return False, 0


class RunWatcher:
    """Follows a browser page's Streamlit websocket(s): each successful script run's end, and its charts."""

    def __init__(self, page):
        self.finished = 0
        self.charts = 0            # plotly charts sent by the run in progress
        self.last_charts = 0       # ... by the last finished run
        self.event = asyncio.Event()
        self.opened_at = self.first_frame_at = self.finished_at = 0.0
        page.on("websocket", self._socket)

    def _socket(self, ws):
        if ws.url.endswith("/_stcore/stream"):
            self.opened_at, self.first_frame_at = time.monotonic(), 0.0
            ws.on("framereceived", self._frame)

    def _frame(self, payload):
        if isinstance(payload, str):
            return
        self.first_frame_at = self.first_frame_at or time.monotonic()
        done, charts = finished_runs(payload)
        self.charts += charts
        if done:
            self.finished += 1
            self.last_charts, self.charts = self.charts, 0
            self.finished_at = time.monotonic()
            self.event.set()

    async def wait_run_after(self, seen: int, timeout: float) -> int:
        deadline = time.monotonic() + timeout
        while self.finished <= seen:
            self.event.clear()
            await asyncio.wait_for(self.event.wait(), max(0.01, deadline - time.monotonic()))
        return self.last_charts


DRAWN = """(charts) => {
  if (document.querySelector("[data-testid='stStatusWidget'], [data-testid='stSkeleton'], [data-stale='true']"))
    return false;
  const plots = document.querySelectorAll(".js-plotly-plot");
  return plots.length >= charts && [...plots].every(p => p.querySelector(".main-svg"));
}"""


async def act(page, spec: str) -> None:
    kind, where, value = spec.split(":", 2)
    scope = page.locator("[data-testid='stSidebar']" if where == "sidebar" else "[data-testid='stMain']")
    text = label(value) if "." in value else value
    if kind == "selectbox":
        await scope.locator("[data-testid='stSelectbox']").first.click()
        await page.keyboard.type(text)
        await page.keyboard.press("Enter")
    elif kind == "multiselect":
        await scope.locator("[data-testid='stMultiSelect'] input").first.click()
        await page.keyboard.type(text)
        await page.keyboard.press("Enter")
    elif kind == "radio":
        await scope.locator("[data-testid='stRadio']").get_by_text(text, exact=True).first.click()
    elif kind == "text":
        box = scope.locator("[data-testid='stTextInput'] input").first
        await box.fill(text)
        await box.press("Enter")
    else:
        raise ValueError(f"unknown widget kind in {spec!r}")


async def browser_session(browser, base: str, steps: list[Step], rounds: int, start_after: float, timeout: float,
                          record) -> None:
    await asyncio.sleep(start_after)
    ctx = await browser.new_context(viewport={"width": 1440, "height": 900}, locale="zh-CN")
    await ctx.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) else route.abort())
    page = await ctx.new_page()
    watcher = RunWatcher(page)
    try:
        for _ in range(rounds):
            for step in steps:
                for what in ("open", "change"):
                    seen, t0 = watcher.finished, time.monotonic()
                    try:
                        if what == "open":
                            link = f"{base}/{step.page}" + (f"?{step.query}" if step.query else "")
                            await page.goto(link, wait_until="commit")
                        else:
                            await act(page, step.act)
                        charts = await watcher.wait_run_after(seen, timeout)
                        await page.wait_for_function(DRAWN, arg=charts, polling=50,
                                                     timeout=max(1, timeout - (time.monotonic() - t0)) * 1000)
                        done = time.monotonic()
                        phases = {"run_done": watcher.finished_at - t0}
                        if what == "open":     # the frontend booted and connected; the server's first bytes
                            phases.update(socket=watcher.opened_at - t0, first_frame=watcher.first_frame_at - t0)
                        record(step.name, what, done - t0, None, phases)
                    except Exception as err:   # a step that fails or times out is counted, not timed
                        record(step.name, what, time.monotonic() - t0, f"{type(err).__name__}: {str(err)[:160]}")
    finally:
        await ctx.close()


class WsSession:
    """One session over Streamlit's websocket protocol: a rerun request per load, done at script_finished."""

    def __init__(self, base: str, timeout: float = 120.0):
        self.url, self.timeout = base.replace("http", "ws", 1) + "/_stcore/stream", timeout

    async def __aenter__(self):
        import websockets
        self.ws = await websockets.connect(self.url, subprotocols=["streamlit"], max_size=None,
                                           open_timeout=self.timeout)
        return self

    async def __aexit__(self, *exc):
        await self.ws.close()

    async def load(self, page: str, query: str, timeout: float) -> None:
        from streamlit.proto.BackMsg_pb2 import BackMsg
        msg = BackMsg()
        msg.rerun_script.query_string = query
        msg.rerun_script.page_name = page
        await self.ws.send(msg.SerializeToString())
        deadline = time.monotonic() + timeout
        while True:
            frame = await asyncio.wait_for(self.ws.recv(), max(0.01, deadline - time.monotonic()))
            if finished_runs(frame)[0]:
                return


async def ws_session(base: str, steps: list[Step], rounds: int, start_after: float, timeout: float, record,
                     until: asyncio.Event | None = None) -> None:
    """`rounds` walks through the pages; with `until`, walks on until it is set (load beside browsers)."""
    await asyncio.sleep(start_after)
    walked = 0
    while walked < rounds if until is None else not until.is_set():
        walked += 1
        for step in steps:
            t0 = time.monotonic()
            try:
                async with WsSession(base, timeout) as session:      # a link opened: a new session
                    for what, query in (("open", step.query), ("change", step.changed)):
                        await session.load(step.page, query, timeout)
                        record(step.name, what, time.monotonic() - t0, None)
                        t0 = time.monotonic()
            except Exception as err:     # counted, not timed; the session's next page opens a new one
                record(step.name, "open/change", time.monotonic() - t0, f"{type(err).__name__}: {str(err)[:160]}")


async def drive(client: str, bases: list[str], sessions: int, steps: list[Step], rounds: int, stagger: float,
                timeout: float, warmup: bool, server_pids: list[int], browsers: int = 0):
    """Session i talks to replica i mod R only, as a load balancer with sticky sessions would send it.
    Mixed: sessions 0..browsers-1 are browsers (measured); the others are websocket sessions walking the
    pages until the browsers are done (the load; their own times are kept apart, in `load`)."""
    samples: list[tuple[str, str, float, str | None, dict]] = []   # page, open|change, s, error, phases
    load: list[tuple[str, str, float, str | None, dict]] = []
    starts = [random.Random(i).uniform(0, stagger) for i in range(sessions)]

    def record(page, what, seconds, error, phases=None):
        samples.append((page, what, seconds, error, phases or {}))

    def record_load(page, what, seconds, error, phases=None):
        load.append((page, what, seconds, error, phases or {}))

    if client == "ws":
        if warmup:
            await asyncio.gather(*(ws_session(base, steps, 1, 0, timeout, lambda *a: None) for base in bases))
        with Sampler(server_pids) as usage:
            await asyncio.gather(*(ws_session(bases[i % len(bases)], steps, rounds, s, timeout, record)
                                   for i, s in enumerate(starts)))
        return samples, load, usage
    from playwright.async_api import async_playwright
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            if warmup:
                await asyncio.gather(*(browser_session(browser, base, steps, 1, 0, timeout, lambda *a: None)
                                       for base in bases))
            measured = sessions if client == "browser" else browsers
            done = asyncio.Event()

            async def browsers_then_stop():
                await asyncio.gather(*(browser_session(browser, bases[i % len(bases)], steps, rounds, starts[i],
                                                       timeout, record) for i in range(measured)))
                done.set()
            with Sampler(server_pids) as usage:
                await asyncio.gather(browsers_then_stop(), *(
                    ws_session(bases[i % len(bases)], steps, 1, starts[i], timeout, record_load, until=done)
                    for i in range(measured, sessions)))
        finally:
            await browser.close()
    return samples, load, usage


# Report -------------------------------------------------------------------------------------------------

def stats(values: list[float]) -> dict:
    if not values:
        return {"n": 0}
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]
    return {"n": len(values), "median_s": round(statistics.median(values), 3), "p95_s": round(p95, 3),
            "max_s": round(ordered[-1], 3)}


def summarize(samples, steps: list[Step]) -> dict:
    """Finish times per page (open, change, both) and overall; the browser's phases as medians."""
    ok = [(p, w, s, ph) for p, w, s, e, ph in samples if e is None]
    pages = {}
    for step in steps:
        pages[step.name] = {}
        for what in ("open", "change"):
            mine = [(s, ph) for p, w, s, ph in ok if p == step.name and w == what]
            pages[step.name][what] = stats([s for s, _ in mine])
            names = sorted({k for _, ph in mine for k in ph})
            if names:   # median seconds from the action to: socket open, first frame, run done
                pages[step.name][what]["phases_median_s"] = {
                    k: round(statistics.median(ph[k] for _, ph in mine if k in ph), 3) for k in names}
        pages[step.name]["both"] = stats([s for p, w, s, _ in ok if p == step.name])
    return {"pages": pages, "overall": stats([s for _, _, s, _ in ok]),
            "errors": [{"page": p, "what": w, "error": e} for p, w, _, e, _ in samples if e is not None]}


def corpus_database(folder: Path) -> Path:
    """The shipped corpus, built as `make db` builds it."""
    from data.pipeline.build import build
    path = folder / "policies.duckdb"
    build(path, log=lambda *_: None)
    return path


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.browsers", description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--db", help="database file (default: the corpus, built into a temporary folder)")
    parser.add_argument("--pages", nargs="+", choices=[s.name for s in STEPS], help="default: every page")
    parser.add_argument("--client", choices=["browser", "ws", "mixed"], default="browser")
    parser.add_argument("--browsers", type=int, default=2, help="mixed: how many of the sessions are browsers")
    parser.add_argument("--replicas", type=int, default=1,
                        help="servers on the same file; sessions spread over them, each kept on one (sticky)")
    parser.add_argument("--rounds", type=int, default=1, help="walks through the pages per session")
    parser.add_argument("--stagger", type=float, default=2.0, help="sessions start at random within this many s")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds before a step counts as failed")
    parser.add_argument("--no-warmup", dest="warmup", action="store_false")
    parser.add_argument("--label", default="", help="added to the JSON file's name (e.g. before, after)")
    parser.add_argument("--out", help="JSON file (default benchmarks/results/browsers-<client>-<N>[-label].json)")
    args = parser.parse_args(argv)
    steps = [s for s in STEPS if not args.pages or s.name in args.pages]

    with tempfile.TemporaryDirectory(prefix="bench-browsers-") as tmp:
        folder = Path(tmp)
        if args.db:
            database = folder / "policies.duckdb"      # a copy: the server never holds the original open
            shutil.copy(args.db, database)
        else:
            database = corpus_database(folder)
        load_before = os.getloadavg()
        with contextlib.ExitStack() as stack:
            servers = [stack.enter_context(serve(database, folder / f"streamlit-{k}.log"))
                       for k in range(args.replicas)]
            samples, load, usage = asyncio.run(drive(args.client, [b for b, _ in servers], args.sessions, steps,
                                                     args.rounds, args.stagger, args.timeout, args.warmup,
                                                     [p.pid for _, p in servers], args.browsers))
            server_hwm = max(rss_mib(p.pid, "VmHWM") for _, p in servers)
        log_tail = (folder / "streamlit-0.log").read_text(errors="replace")[-2000:]

    result = {
        "client": args.client, "sessions": args.sessions, "replicas": args.replicas, "rounds": args.rounds, "warmup": args.warmup,
        "database": args.db or "corpus (built)", "steps": [s.__dict__ for s in steps],
        **({"browsers": args.browsers} if args.client == "mixed" else {}),
        **summarize(samples, steps),
        **({"load": summarize(load, steps)} if load else {}),
        "wall_s": round(usage.wall, 1),
        "server": {"cpu_s": round(usage.server_cpu, 1), "cpu_cores": round(usage.server_cpu / usage.wall, 2),
                   "rss_peak_mib": round(max(usage.rss_peak, server_hwm), 1)},   # of one replica; CPU: all
        "clients": {"cpu_s": round(usage.clients_cpu, 1), "cpu_cores": round(usage.clients_cpu / usage.wall, 2)},
        "load_average": {"before_1m": round(load_before[0], 2), "during_max_1m": round(max(usage.load), 2),
                         "during_mean_1m": round(statistics.mean(usage.load), 2)},
        "cores": os.cpu_count(),
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    if result["errors"]:
        result["server_log_tail"] = log_tail
    out = Path(args.out) if args.out else RESULTS / (
        f"browsers-{args.client}-{args.sessions}" + (f"-x{args.replicas}" if args.replicas > 1 else "") + (f"-{args.label}" if args.label else "") + ".json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n")
    print_report(result)
    print(f"→ {out}")
    return 1 if result["errors"] else 0


def print_report(r: dict) -> None:
    kind = (f"{r['browsers']} browser + {r['sessions'] - r['browsers']} websocket" if r["client"] == "mixed"
            else f"{r['sessions']} {r['client']}")
    print(f"{kind} sessions × {r['rounds']} round(s) on {r['replicas']} server(s), "
          f"{r['wall_s']} s wall; "
          f"page finish in seconds (median / p95, n)")
    print(f"{'page':<10} {'open link':>18} {'widget change':>18} {'both':>18}")
    for name, page in r["pages"].items():
        cells = [f"{c['median_s']:.2f} / {c['p95_s']:.2f} ({c['n']})" if c["n"] else "—"
                 for c in (page["open"], page["change"], page["both"])]
        print(f"{name:<10} " + " ".join(f"{c:>18}" for c in cells))
        for what in ("open", "change"):
            ph = page[what].get("phases_median_s")
            if ph:
                print(f"{'':<10}   {what}, median s to: " + ", ".join(f"{k} {v:.2f}" for k, v in ph.items()))
    o = r["overall"]
    print(f"{'overall':<10} {'':>18} {'':>18} {o['median_s']:.2f} / {o['p95_s']:.2f} ({o['n']})" if o["n"]
          else "overall: no step finished")
    s, c, la = r["server"], r["clients"], r["load_average"]
    print(f"server: {s['cpu_s']} CPU s ({s['cpu_cores']} cores), peak RSS (one) {s['rss_peak_mib']} MiB · "
          f"clients: {c['cpu_s']} CPU s ({c['cpu_cores']} cores) · load average {la['before_1m']} before, "
          f"{la['during_mean_1m']} mean / {la['during_max_1m']} max during, {r['cores']} cores")
    if "load" in r:
        o = r["load"]["overall"]
        print(f"the websocket sessions meanwhile: {o['median_s']:.2f} / {o['p95_s']:.2f} ({o['n']} steps)")
    for e in r["errors"][:10]:
        print(f"  failed: {e['page']} {e['what']}: {e['error']}")
    if len(r["errors"]) > 10:
        print(f"  … {len(r['errors']) - 10} more failures")


if __name__ == "__main__":
    sys.exit(main())
