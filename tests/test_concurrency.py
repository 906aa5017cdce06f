"""Twenty clients load pages from the running server while its database file is rebuilt three times.

The server is `streamlit run dashboard/app.py` on the real database; each client is a browser session
speaking Streamlit's own websocket protocol (a rerun request per page load, the page's elements back).
The database is replaced as `data.pipeline.build` replaces it: a whole new file renamed over the old one
(os.replace). The four versions are copies of the session's build, three of them each without one source
(what a build from a reduced corpus gives), so every page that shows data differs between them.

Every response must be exactly what one version shows (its metrics, tables and charts, as a fresh
session on that version shows them), never a mix; a load sent after a rebuild shows that rebuild or a
later one; and after the last rebuild every page, in every old session and in a new one, shows it.
"""
from __future__ import annotations

import asyncio
import hashlib
import os
import shutil
import time
from pathlib import Path

import pytest

from dashboard.i18n import TEXT
from test_robustness import Session, counts, run_async, serve, without_source

CLIENTS = 20
REBUILDS = 3
LOADS_PER_VERSION = 40                     # responses served between two rebuilds (at least)
DROPPED = ["national_2023", "compilation_2022", "ezhou_list_2020"]   # v1, v2, v3: the build without it
# page (url path) → query string; the load mix and, with map and ai, the pages checked at the end
LOAD = {"": "", "trends": "gran=quarter&split=topic", "sources": "", "explorer": "q=%E8%B4%B4%E6%81%AF"}
EVERY_PAGE = {**LOAD, "map": "layer=hubei&metric=terms", "ai": ""}
FAILED = set(TEXT["page_failed"])


@pytest.fixture(scope="module")
def versions(db_path, tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("versions")
    out = [folder / "v0.duckdb"]
    shutil.copy(db_path, out[0])
    for k, source in enumerate(DROPPED, start=1):
        without_source(db_path, folder / f"v{k}.duckdb", source)
        out.append(folder / f"v{k}.duckdb")
    assert len({counts(v) for v in out}) == len(out), "every version has its own number of policies"
    return out


@pytest.fixture(scope="module")
def server(versions, tmp_path_factory):
    """The app served on a free port from a live database file that the test replaces."""
    folder = tmp_path_factory.mktemp("live")
    live = folder / "policies.duckdb"
    shutil.copy(versions[0], live)
    with serve(live, folder) as (base, log):
        yield base, live, log


def replace_with(live: Path, version: Path) -> tuple[float, float]:
    """An in-place rebuild: the new file is written beside the live one and renamed over it.

    Returns the times just before and just after the rename."""
    part = live.with_name(live.name + ".part")
    shutil.copy(version, part)
    before = time.monotonic()
    os.replace(part, live)
    return before, time.monotonic()


def signature(shown: dict) -> str:
    """The data a page showed: its metrics, tables and charts."""
    text = repr((shown["metrics"], shown["tables"], shown["charts"]))
    return hashlib.sha256(text.encode()).hexdigest()


def healthy(shown: dict) -> None:
    assert not shown["exceptions"], shown["exceptions"]
    assert not FAILED & set(shown["alerts"]), shown["alerts"]
    assert shown["headings"], "the page drew nothing"


async def calibrate(base: str, live: Path, versions: list[Path]) -> list[dict[str, str]]:
    """What a fresh session shows on each page of each version (loaded twice: it must be stable)."""
    expected = []
    for version in versions:
        replace_with(live, version)
        seen = {}
        for page, query in EVERY_PAGE.items():
            async with Session(base) as a, Session(base) as b:
                first, second = await a.load(page, query), await b.load(page, query)
            healthy(first)
            assert signature(first) == signature(second), f"page {page!r} is not stable on {version.name}"
            seen[page] = signature(first)
            if page == "":
                assert dict(first["metrics"])["政策数"] == str(counts(version))
        expected.append(seen)
    for page in LOAD:
        assert len({e[page] for e in expected}) == len(versions), f"page {page!r} does not tell the versions apart"
    return expected


async def load_during_rebuilds(base: str, live: Path, versions: list[Path]):
    """CLIENTS sessions load LOAD's pages in turn while the file is replaced REBUILDS times; then each
    of them, and one new session, loads every page once more."""
    responses = []          # (client, page, sent, done, shown)
    swaps = []              # (just before the rename, just after it, version index)
    final = {}              # client (CLIENTS: the new session) → page → shown
    stop = asyncio.Event()

    async def client(i: int) -> None:
        pages = list(LOAD)
        async with Session(base) as session:
            n = i
            while not stop.is_set():
                page = pages[n % len(pages)]
                n += 1
                sent = time.monotonic()
                shown = await session.load(page, LOAD[page])
                responses.append((i, page, sent, time.monotonic(), shown))
            final[i] = {page: await session.load(page, query) for page, query in EVERY_PAGE.items()}

    async def rebuilder() -> None:
        for k in range(1, REBUILDS + 1):
            mark = len(responses)
            while len(responses) < mark + LOADS_PER_VERSION:
                await asyncio.sleep(0.05)
            before, after = await asyncio.to_thread(replace_with, live, versions[k])
            swaps.append((before, after, k))
        mark = len(responses)
        while len(responses) < mark + LOADS_PER_VERSION:
            await asyncio.sleep(0.05)
        stop.set()

    await asyncio.gather(rebuilder(), *(client(i) for i in range(CLIENTS)))
    async with Session(base) as session:
        final[CLIENTS] = {page: await session.load(page, query) for page, query in EVERY_PAGE.items()}
    return responses, swaps, final


def test_twenty_clients_during_three_in_place_rebuilds(server, versions):
    base, live, log = server
    expected = run_async(calibrate(base, live, versions))
    replace_with(live, versions[0])
    started = time.monotonic()
    responses, swaps, final = run_async(load_during_rebuilds(base, live, versions))
    took = time.monotonic() - started
    assert [k for _, _, k in swaps] == list(range(1, REBUILDS + 1))

    served = {k: 0 for k in range(len(versions))}
    for client, page, sent, done, shown in responses:
        healthy(shown)
        matches = [k for k, e in enumerate(expected) if e[page] == signature(shown)]
        assert matches, f"client {client}, page {page!r}: a response that is no one version's (a mix?)"
        k = matches[0]
        served[k] += 1
        in_place_at_send = max([v for _, after, v in swaps if after < sent], default=0)
        begun_by_done = max([v for before, _, v in swaps if before < done], default=0)
        assert in_place_at_send <= k <= begun_by_done, (
            f"client {client}, page {page!r}: showed v{k}, sent when v{in_place_at_send} was in place")
    assert all(served.values()), f"every version was served: {served}"
    print(f"\n{len(responses)} responses from {CLIENTS} clients in {took:.1f} s; per version {served}")

    assert len(final) == CLIENTS + 1
    for pages in final.values():
        for page, shown in pages.items():
            healthy(shown)
            assert signature(shown) == expected[-1][page], f"page {page!r} still shows an old database"
    assert "Traceback" not in log.read_text(encoding="utf-8")
