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
from data.reader import normalize, relations
from data.reader.documents import BODY_KINDS, context_from_text, partial_date, read_documents
from data.reader.model import Appearance, SourceContext
from data.reader.notes import note
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


def contents_without_body(found: list[Appearance]) -> list[Appearance]:
    """Contents entries that no body of the file answers, by title, issued title or number."""
    bodies = [a for a in found if a.kind in BODY_KINDS]
    keys = {title_key(a.title) for a in bodies} | {title_key(normalize.inner_title(a.title) or "") for a in bodies}
    keys.discard("")
    numbers = {a.doc_number for a in bodies if a.doc_number}
    return [e for e in found if e.kind == "toc" and not (
        e.doc_number in numbers or title_key(e.title) in keys
        or any(title_key(e.title) in k or k in title_key(e.title) for k in keys))]


def check_contents(found: list[Appearance], file: str) -> None:
    """A file whose own contents list promises far more documents than were found is damaged."""
    toc = [a for a in found if a.kind == "toc"]
    missing = contents_without_body(found)
    if len(toc) >= 5 and len(missing) > DROP_RATIO * len(toc):
        raise BuildError(f"{file}:{missing[0].line_start}: the contents list {len(toc)} documents but "
                         f"{len(missing)} of them have no body in the file; is it cut short or damaged?")


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


def read_all(sources: list[dict], raw: Path, workers: int) -> list[tuple[list[Appearance], dict]]:
    """read_source over every file, in order; in a process pool when there are many files.
    Each file is read on its own, so the same function runs on a cluster engine unchanged
    (tests/test_build_parallel.py runs it with Dask's local scheduler)."""
    if workers <= 1 or len(sources) < 2:
        return [read_source(src, raw) for src in sources]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from functools import partial
    # spawn, not fork: the dashboard builds from a thread of a running server
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        return list(pool.map(partial(read_source, raw=raw), sources))


FILES_PER_WORKER = 8   # under this many files per core, a pool's start-up costs more than it saves


def extract(sources: pd.DataFrame, raw: Path, log, accept_drop: bool = False,
            workers: int | None = None) -> tuple[list[Appearance], dict[str, dict]]:
    apps: list[Appearance] = []
    meta: dict[str, dict] = {}
    rows = sources.to_dict("records")
    if workers is None:
        workers = min(os.cpu_count() or 1, len(rows) // FILES_PER_WORKER)
    for src, (found, row) in zip(rows, read_all(rows, raw, workers)):
        if not accept_drop:
            check_contents(found, src["file"])
        meta[src["file"]] = row
        kinds = Counter(a.kind for a in found) + Counter(c.kind for a in found for c in a.cites)
        log(f"  {src['file']}  {src['source_id']:<20} {row['reader_layout']:<18} "
            + (", ".join(f"{k} {n}" for k, n in sorted(kinds.items())) or "no policies"))
        cut = cut_short_at(found, row["lines"])
        if cut:
            log(f"  warning: {src['file']}:{cut}: the file ends mid-sentence: is it cut short?")
        for entry in contents_without_body(found):
            log(f"  warning: {src['file']}:{entry.line_start}: the contents list 《{entry.title}》 but no body of "
                "that title or number was found (a garbled or missing title?)")
        if not any(a.kind in BODY_KINDS for a in found):
            why = (f"0 policies found in {src['file']}: no document title (a line ending 通知/意见/办法/措施…), "
                   "contents list or policy list was recognised")
            if src["title"]:  # a person annotated this source as holding policies
                raise BuildError(f"{why}; data/sources.csv describes it as a source of policies")
            log(f"  warning: {why}")
        apps += found
    return apps, meta


MAX_TERMS_PER_POLICY = 1_000   # the richest policy of the corpus has under 100
DROP_RATIO = 0.5               # a file whose contents promise twice what was found is refused
YIELD_RATIO = 0.8              # a changed file yielding under 80 % of the documents it gave before is refused
CLOSING = re.compile(r"(?:[。！？；：”’）)」》\]】.!?]|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)$")


def previous_yields(out: Path) -> dict[str, tuple[str, int]]:
    """file → (sha256, documents found) in the database the build is about to replace."""
    if not out.exists():
        return {}
    import duckdb
    try:
        con = duckdb.connect(str(out), read_only=True)
    except duckdb.Error:
        return {}
    try:
        rows = con.execute("""SELECT s.file, s.sha256, count(ps.policy_id) FILTER (WHERE ps.kind IN
                              ('full_text', 'summary', 'list_entry')) FROM sources s
                              LEFT JOIN policy_sources ps USING (source_id) GROUP BY ALL""").fetchall()
    except duckdb.Error:
        return {}
    finally:
        con.close()
    return {file: (sha, n) for file, sha, n in rows}


def cut_short_at(found: list[Appearance], lines: list[str]) -> int | None:
    """The line where the file stops mid-sentence, when its last document runs to the end of the
    file and its last line closes no sentence (a file cut in half mid-line)."""
    bodies = [a for a in found if a.kind in BODY_KINDS]
    last_text = max((no for no, l in enumerate(lines, 1) if l.strip() and not PAGE_FOOTER.search(l)), default=0)
    if not bodies or max(a.line_end for a in bodies) < last_text:
        return None
    last = lines[last_text - 1].strip()
    return None if CLOSING.search(last) or len(last) <= 8 else last_text


def check_yields(apps: list[Appearance], meta: dict[str, dict], before: dict[str, tuple[str, int]]) -> None:
    """A file that changed and now yields far fewer documents than the database it replaces, or now
    stops mid-sentence, is damaged until shown otherwise: refuse, naming the file and line."""
    for file, row in meta.items():
        if file not in before or before[file][0] == row["sha256"]:
            continue
        found = [a for a in apps if a.source_file == file and a.kind in BODY_KINDS]
        cut = cut_short_at(found, row["lines"])
        if cut:
            raise BuildError(f"{file}:{cut}: the file changed and now ends mid-sentence; is it cut short? "
                             "Rebuild with --accept-drop if the change is intended")
        was = before[file][1]
        if was >= 4 and len(found) < YIELD_RATIO * was:
            last = max((a.line_end for a in found), default=0)
            raise BuildError(f"{file}:{last + 1}: the file changed and now yields {len(found)} documents where the "
                             f"previous build found {was}; it may be cut short or damaged after line {last}. "
                             "Rebuild with --accept-drop if the change is intended")


def check_limits(found_terms, policies) -> None:
    per_policy = Counter(t.policy_id for t in found_terms)
    for p in policies:
        if per_policy[p.policy_id] > MAX_TERMS_PER_POLICY:
            a = p.text_source or p.appearances[0]
            raise BuildError(f"{a.source_file}:{a.line_start}: 《{p.title[:40]}》 has {per_policy[p.policy_id]:,} "
                             f"terms, over the limit of {MAX_TERMS_PER_POLICY:,} for one policy: is it one document?")


def build(out: Path = DEFAULT_DB, *, raw: Path = RAW, sources_csv: Path | None = None, log=print,
          today: date | None = None, accept_drop: bool = False, workers: int | None = None) -> dict[str, int]:
    """Build the database at `out`; returns row counts per table."""
    today = today or date.today()
    log(f"building {out} from {raw}")
    sources = read_sources(raw, sources_csv)
    apps, meta = extract(sources, raw, log, accept_drop, workers)
    if not accept_drop:
        check_yields(apps, meta, previous_yields(out))
    file_to_id = dict(zip(sources.file, sources.source_id))
    homes = {f: m["home_region"] or None for f, m in meta.items()}
    defaults = {f: m["default_region"] or None for f, m in meta.items()}
    cited = [c for a in apps for c in a.cites]
    policies = normalize.merge(apps + cited, homes=homes, defaults=defaults)
    by_id = {p.policy_id: p for p in policies}
    for newer, older in relations.supersessions(policies):
        by_id[newer].supersedes.append(older)
        by_id[older].notes.append(note("superseded_by", newer=by_id[newer].title))
    for p in policies:
        p.topics = classify.classify(p.title, p.text)
    lines_of = {f: m["lines"] for f, m in meta.items()}
    found_terms = [t for p in policies for t in terms.policy_terms(p, lines_of, file_to_id)]
    check_limits(found_terms, policies)
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
