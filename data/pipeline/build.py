"""The build: segment each source → extract fields → normalise → load, atomically.

`build(out)` writes the whole database to a temporary file beside `out` and
renames it over `out` only when every step succeeded, so a failed build leaves
the previous database untouched.
"""
from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable

import pandas as pd

from data.pipeline import classify, curated, load, terms
from data.reader import normalize
from data.reader.model import Appearance
from data.reader.sources import compilation_2022, ezhou_list, monthly, national_2023, workplan
from data.reader.text import PAGE_FOOTER, PartialDate, title_key

DATA = Path(__file__).resolve().parents[1]
RAW = DATA / "raw"
DEFAULT_DB = DATA / "policies.duckdb"


class BuildError(Exception):
    """A source or table the build cannot read; the message names the file and line."""


@dataclass(frozen=True)
class SourceSpec:
    parse: Callable[[list[str], str, dict], list[Appearance]]
    home: str | None       # the city a bare "市…" issuer means in this source
    default: str | None    # region assumed when nothing in the text names one


SOURCES: dict[str, SourceSpec] = {
    "monthly_2026_05": SourceSpec(lambda lines, f, s: monthly.parse(lines, f, int(s["publication_date"][:4])),
                                  home="420100", default="100000"),
    "ezhou_list_2020": SourceSpec(lambda lines, f, s: ezhou_list.parse(lines, f, _partial(s["publication_date"])),
                                  home="420700", default=None),
    "national_2023": SourceSpec(lambda lines, f, s: national_2023.parse(lines, f), home=None, default="100000"),
    "compilation_2022": SourceSpec(lambda lines, f, s: compilation_2022.parse(lines, f), home="421200", default=None),
    "wuhan_workplan_2024": SourceSpec(lambda lines, f, s: workplan.parse(lines, f), home="420100", default="420100"),
}


def _partial(iso: str) -> PartialDate:
    parts = [int(p) for p in iso.split("-")]
    return PartialDate(*parts)


def read_sources() -> pd.DataFrame:
    table = pd.read_csv(DATA / "sources.csv", dtype=str, keep_default_na=False)
    unknown = set(table.source_id) - set(SOURCES)
    if unknown:
        raise BuildError(f"data/sources.csv lists sources with no parser: {sorted(unknown)}")
    return table


def read_lines(path: Path) -> list[str]:
    """The file's lines; raises BuildError for a missing, empty or non-UTF-8 file."""
    if not path.exists():
        raise BuildError(f"{path}: source file is missing")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise BuildError(f"{path}: not UTF-8 text (byte {err.start})") from err
    if not text.strip():
        raise BuildError(f"{path}: source file is empty")
    return text.split("\n")


def check_appearances(apps: list[Appearance], lines: list[str], file: str) -> None:
    """Every appearance points inside the file and has a clean title."""
    for a in apps:
        where = f"{file}:{a.line_start}"
        if not (1 <= a.line_start <= a.line_end <= len(lines)):
            raise BuildError(f"{where}: line span {a.line_start}-{a.line_end} outside the file")
        if PAGE_FOOTER.search(a.title) or "\t" in a.title or "**" in a.title or re.search(r"\.{3,}|…{2,}", a.title):
            raise BuildError(f"{where}: page furniture in title {a.title!r}")
        if len(a.title) > 160:
            raise BuildError(f"{where}: title too long to be a title ({len(a.title)} characters)")


def extract(sources: pd.DataFrame, raw: Path, log) -> tuple[list[Appearance], dict[str, dict]]:
    apps: list[Appearance] = []
    meta: dict[str, dict] = {}
    for src in sources.to_dict("records"):
        path = raw / src["file"]
        lines = read_lines(path)
        try:
            found = SOURCES[src["source_id"]].parse(lines, src["file"], src)
        except BuildError:
            raise
        except Exception as err:  # a parser that chokes names the file it choked on
            raise BuildError(f"{path}: the {src['source_id']} parser failed: {err!r}") from err
        check_appearances(found + [c for a in found for c in a.cites], lines, src["file"])
        meta[src["file"]] = {**src, "n_lines": len(lines), "lines": lines,
                             "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}
        kinds = Counter(a.kind for a in found) + Counter(c.kind for a in found for c in a.cites)
        log(f"  {src['file']}  {src['source_id']:<20} " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))
        apps += found
    return apps, meta


def build(out: Path = DEFAULT_DB, *, raw: Path = RAW, log=print, today: date | None = None) -> dict[str, int]:
    """Build the database at `out`; returns row counts per table."""
    today = today or date.today()
    log(f"building {out} from {raw}")
    sources = read_sources()
    apps, meta = extract(sources, raw, log)
    file_to_id = dict(zip(sources.file, sources.source_id))
    homes = {f: SOURCES[file_to_id[f]].home for f in file_to_id}
    defaults = {f: SOURCES[file_to_id[f]].default for f in file_to_id}
    cited = [c for a in apps for c in a.cites]
    policies = normalize.merge(apps + cited, homes=homes, defaults=defaults)
    for p in policies:
        p.topics = classify.classify(p.title, p.text)
    lines_of = {f: m["lines"] for f, m in meta.items()}
    found_terms = [t for p in policies for t in terms.policy_terms(p, lines_of, file_to_id)]
    log(f"  {len(found_terms)} terms in {len({t.policy_id for t in found_terms})} policies")
    # The register and the curated term tables: each row becomes, or links to, a policy (data/curated/).
    policies = curated.merge_register(policies)
    try:
        curated_rows = curated.load_curated(policies)
    except curated.CuratedError as err:
        raise BuildError(str(err)) from err
    log(f"  {len(curated_rows)} curated AI-support terms from data/curated/")
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=out.name + ".tmp", dir=out.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()  # DuckDB creates the file itself
    try:
        counts = load.write_database(tmp, meta=meta, file_to_id=file_to_id, policies=policies, today=today,
                                     terms=terms.terms_frame(found_terms), curated=curated_rows)
        os.replace(tmp, out)
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
            if leftover.exists():
                leftover.unlink()
    load.print_summary(out, log)
    return counts
