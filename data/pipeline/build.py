"""The build: read every file of data/raw/ → normalise → topics → terms → curated → load, atomically.

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
from datetime import date
from pathlib import Path

import pandas as pd

from data.pipeline import classify, curated, load, terms
from data.reader import normalize
from data.reader.documents import BODY_KINDS, context_from_text, partial_date, read_documents
from data.reader.model import Appearance, SourceContext
from data.reader.read import EXTENSIONS, ReadError
from data.reader.text import PAGE_FOOTER, title_key

DATA = Path(__file__).resolve().parents[1]
RAW = DATA / "raw"
DEFAULT_DB = DATA / "policies.duckdb"


class BuildError(Exception):
    """A source or table the build cannot read; the message names the file and line."""


SOURCE_COLUMNS = ["source_id", "file", "title", "title_en", "publisher", "publication_date", "kind", "layout",
                  "policy_part", "home_region", "default_region", "added"]


def read_sources(raw: Path = RAW, table_path: Path | None = None) -> pd.DataFrame:
    """Every readable file of `raw`: its data/sources.csv row where a person annotated it, else a
    row with an id made from the file name (metadata then comes from the text)."""
    table_path = table_path or DATA / "sources.csv"
    table = pd.read_csv(table_path, dtype=str, keep_default_na=False)
    for column in SOURCE_COLUMNS:
        if column not in table:
            table[column] = ""
    for column in ("source_id", "file"):
        seen: dict[str, int] = {}
        for i, value in enumerate(table[column]):
            line = i + 2  # the header is line 1
            if not value:
                raise BuildError(f"{table_path.name}:{line}: empty {column}")
            if value in seen:
                raise BuildError(f"{table_path.name}:{line}: {column} {value!r} is already used on line {seen[value]}")
            seen[value] = line
    for i, row in table.iterrows():
        if not (raw / row.file).exists():
            raise BuildError(f"{table_path.name}:{i + 2}: source file is missing: {raw / row.file}")
    annotated = set(table.file)
    ids = set(table.source_id)
    extra = []
    for path in sorted(p for p in raw.iterdir() if p.is_file() and p.name not in annotated):
        if path.suffix.lower() not in EXTENSIONS or path.name.startswith("."):
            continue
        source_id = source_id_for(path.name, ids)
        ids.add(source_id)
        extra.append({"source_id": source_id, "file": path.name})
    if extra:
        table = pd.concat([table, pd.DataFrame(extra)], ignore_index=True).fillna("")
    return table[SOURCE_COLUMNS]


def source_id_for(file: str, taken: set[str]) -> str:
    """A readable, unique id from a file name: '武汉市某区政策.pdf' → '武汉市某区政策_pdf'."""
    base = re.sub(r"[^\w]+", "_", file).strip("_")[:60] or "source"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}_{n}", n + 1
    return candidate


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


def context_of(src: dict) -> SourceContext:
    return SourceContext(src["file"], title=src["title"] or None, publisher=src["publisher"] or None,
                         date=partial_date(src["publication_date"]), home=src["home_region"] or None)


def read_source(src: dict, raw: Path) -> tuple[list[Appearance], dict]:
    """One file → its appearances and its sources row; BuildError names the file (and line)."""
    path = raw / src["file"]
    try:
        result = read_documents(path, context_of(src))
    except ReadError as err:
        raise BuildError(str(err)) from err
    except Exception as err:  # a reader step that chokes names the file it choked on
        raise BuildError(f"{path.name}: the reader failed: {err!r}") from err
    found, lines = result.appearances, result.text.lines
    check_appearances(found + [c for a in found for c in a.cites], lines, src["file"])
    row = {**src, "n_lines": len(lines), "lines": lines, "reader_layout": result.layout,
           "text_method": result.text.method, "home_region": result.context.home or "",
           "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}
    if not src["title"]:  # not annotated: what the text says of itself
        row.update({k: v for k, v in context_from_text(src["file"], found).items() if not src.get(k)})
        row["kind"] = row["kind"] or "document"
    return found, row


def extract(sources: pd.DataFrame, raw: Path, log) -> tuple[list[Appearance], dict[str, dict]]:
    apps: list[Appearance] = []
    meta: dict[str, dict] = {}
    for src in sources.to_dict("records"):
        found, row = read_source(src, raw)
        meta[src["file"]] = row
        kinds = Counter(a.kind for a in found) + Counter(c.kind for a in found for c in a.cites)
        log(f"  {src['file']}  {src['source_id']:<20} {row['reader_layout']:<18} "
            + (", ".join(f"{k} {n}" for k, n in sorted(kinds.items())) or "no policies"))
        if not any(a.kind in BODY_KINDS for a in found):
            why = (f"0 policies found in {src['file']}: no document title (a line ending 通知/意见/办法/措施…), "
                   "contents list or policy list was recognised")
            if src["title"]:  # a person annotated this source as holding policies
                raise BuildError(f"{why}; data/sources.csv describes it as a source of policies")
            log(f"  warning: {why}")
        apps += found
    return apps, meta


def build(out: Path = DEFAULT_DB, *, raw: Path = RAW, log=print, today: date | None = None) -> dict[str, int]:
    """Build the database at `out`; returns row counts per table."""
    today = today or date.today()
    log(f"building {out} from {raw}")
    sources = read_sources(raw)
    apps, meta = extract(sources, raw, log)
    file_to_id = dict(zip(sources.file, sources.source_id))
    homes = {f: m["home_region"] or None for f, m in meta.items()}
    defaults = {f: m["default_region"] or None for f, m in meta.items()}
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
