"""python -m data.ingest FILE... [--db PATH] [--dry-run]: add policy documents to the landscape.

Each file (.txt in any common Chinese encoding, .pdf, .docx, .html/.htm) is judged on its own:
read by the general reader, refused with the reason when it cannot be read or holds no policy,
recognised by its sha256 when the same content is already in data/raw/. The accepted files are
then built together with the existing corpus into a temporary database; only when that build
succeeds are they copied into data/raw/ (under a name that overwrites nothing), registered in
data/sources.csv and the database replaced in one rename. --dry-run prints the same preview and
changes nothing. Exit code 0 when every file was added (or was already there), 1 when any was
refused; a refused file adds nothing and the previous database stays byte-identical.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

from data.pipeline.build import DATA, DEFAULT_DB, RAW, SOURCE_COLUMNS, BuildError, build, read_sources, source_id_for
from data.reader.documents import BODY_KINDS, read_documents
from data.reader.model import SourceContext
from data.reader.read import ReadError


@dataclass
class Verdict:
    path: Path
    accepted: bool = False
    reason: str = ""                  # why it was refused, or that it is already there (English, for the log)
    code: str = ""                    # the same as a stable code (ReadError.reason, no_policy, build_failed …)
    facts: dict = field(default_factory=dict)   # the figures the reason names (ReadError.facts)
    already: str | None = None        # the data/raw file with the same content
    stored_as: str | None = None      # its name in data/raw/
    source_id: str | None = None
    read_as: tuple[str, str] | None = None      # (text method, reader layout) of the staged build
    policies: pd.DataFrame | None = None        # what the file adds (see preview_rows)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def judge(path: Path, raw: Path, known: dict[str, str]) -> Verdict:
    """Can this file be added on its own? (read, at least one policy, not already there)"""
    verdict = Verdict(path)
    if not path.is_file():
        verdict.reason, verdict.code = "no such file", "missing"
        return verdict
    digest = sha256(path)
    if digest in known:
        verdict.already, verdict.reason = known[digest], f"already in data/raw as {known[digest]}; nothing changed"
        verdict.code, verdict.facts = "already", {"file": known[digest]}
        return verdict
    try:
        result = read_documents(path, SourceContext(path.name))
    except ReadError as err:
        verdict.reason, verdict.code, verdict.facts = str(err).removeprefix(f"{path.name}: "), err.reason, err.facts
        return verdict
    if not any(a.kind in BODY_KINDS for a in result.appearances):
        verdict.reason = ("0 policies found: no document title (a line ending 通知/意见/办法/措施…), "
                          "contents list or policy list was recognised")
        verdict.code = "no_policy"
        return verdict
    verdict.accepted = True
    verdict.stored_as = free_name(path.name, raw)
    return verdict


def free_name(name: str, raw: Path, taken: set[str] | None = None) -> str:
    """`name`, or name_2, name_3 … so that no file of data/raw/ is ever overwritten."""
    stem, suffix = Path(name).stem, Path(name).suffix.lower()
    candidate, n = f"{stem}{suffix}", 2
    while (raw / candidate).exists() or candidate in (taken or set()):
        candidate, n = f"{stem}_{n}{suffix}", n + 1
    return candidate


def ingest(files: list[Path], *, db: Path = DEFAULT_DB, raw: Path = RAW, sources_csv: Path | None = None,
           dry_run: bool = False, today: date | None = None, log=print, verdicts: list[Verdict] | None = None) -> int:
    """Add `files`; returns the exit code. `verdicts`, when given, receives each file's Verdict (with the
    policies it adds) for an interface to show in its own language; `log` gets the English report."""
    sources_csv = sources_csv or DATA / "sources.csv"
    known = {sha256(p): p.name for p in raw.iterdir() if p.is_file()}
    verdicts = [] if verdicts is None else verdicts
    taken: set[str] = set()
    for path in files:
        v = judge(Path(path), raw, known)
        if v.accepted:
            v.stored_as = free_name(v.stored_as, raw, taken)
            taken.add(v.stored_as)
            known[sha256(v.path)] = v.stored_as  # the same content twice in one call is added once
        verdicts.append(v)
    accepted = [v for v in verdicts if v.accepted]
    for v in verdicts:
        if not v.accepted:
            log(f"{'=' if v.already else '✗'} {v.path}: {v.reason}")
    if not accepted:
        return 0 if all(v.already for v in verdicts) else 1
    with tempfile.TemporaryDirectory(prefix="ingest-") as tmp:
        staged_raw, staged_csv = Path(tmp) / "raw", Path(tmp) / "sources.csv"
        staged_raw.mkdir()
        for p in raw.iterdir():
            if p.is_file():
                os.symlink(p.resolve(), staged_raw / p.name)
        for v in accepted:
            shutil.copyfile(v.path, staged_raw / v.stored_as)
        table = pd.read_csv(sources_csv, dtype=str, keep_default_na=False)
        ids = set(read_sources(raw, sources_csv).source_id)
        new_rows = []
        for v in accepted:
            source_id = source_id_for(v.stored_as, ids)
            ids.add(source_id)
            new_rows.append({"source_id": source_id, "file": v.stored_as, "added": (today or date.today()).isoformat()})
        table = pd.concat([table, pd.DataFrame(new_rows)], ignore_index=True).fillna("")
        table = table.reindex(columns=list(dict.fromkeys([*table.columns, *SOURCE_COLUMNS])), fill_value="")
        table.to_csv(staged_csv, index=False)
        staged_db = Path(tmp) / "policies.duckdb"
        try:
            build(staged_db, raw=staged_raw, sources_csv=staged_csv, log=lambda *_: None, today=today)
        except BuildError as err:
            for v in accepted:
                v.accepted, v.reason, v.code, v.facts = False, f"the build with it failed: {err}", "build_failed", {"error": str(err)}
                log(f"✗ {v.path}: {v.reason}")
            return 1
        for v, row in zip(accepted, new_rows):
            v.source_id = row["source_id"]
            v.read_as, v.policies = preview_rows(staged_db, v.source_id)
            log(preview(v))
        if dry_run:
            log("dry run: nothing was changed")
            return 0 if all(v.accepted or v.already for v in verdicts) else 1
        for v in accepted:
            shutil.copyfile(v.path, raw / v.stored_as)
        shutil.copyfile(staged_csv, sources_csv)
        db.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(staged_db, db.with_name(db.name + ".ingest-tmp"))
        os.replace(db.with_name(db.name + ".ingest-tmp"), db)
    log(f"added {len(accepted)} file(s); database {db} rebuilt")
    return 0 if all(v.accepted or v.already for v in verdicts) else 1


# the fields a preview says were not stated (column → its name in the log)
EMPTY_NAMES = {"doc_number": "文号", "issuers": "发文机关", "issue_date": "成文日期"}


def preview_rows(db: Path, source_id: str) -> tuple[tuple[str, str], pd.DataFrame]:
    """((text method, reader layout), one row per policy the source adds: its fields, terms, what it merged with)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute("""
            SELECT p.policy_id, p.title, p.doc_number, array_to_string(p.issuers, '；') AS issuers, p.level,
                   r.name AS region, p.issue_date, p.effective_from, p.effective_to,
                   (SELECT count(*) FROM terms t WHERE t.policy_id = p.policy_id AND t.source_id = $s) AS terms,
                   (SELECT string_agg(DISTINCT s2.file, ', ') FROM policy_sources o JOIN sources s2 USING (source_id)
                     WHERE o.policy_id = p.policy_id AND o.source_id <> $s) AS merged_with
            FROM policies p LEFT JOIN regions r ON r.code = p.region_code
            WHERE p.policy_id IN (SELECT policy_id FROM policy_sources WHERE source_id = $s
                                  AND kind IN ('full_text', 'summary', 'list_entry'))
            ORDER BY p.issue_date NULLS LAST, p.title""", {"s": source_id}).df()
        layout = con.execute("SELECT reader_layout, text_method FROM sources WHERE source_id = $s", {"s": source_id}).fetchone()
    finally:
        con.close()
    rows["empty"] = [[col for col in EMPTY_NAMES if pd.isna(getattr(r, col)) or not getattr(r, col)]
                     for r in rows.itertuples()]
    return (layout[1], layout[0]), rows


def preview(v: Verdict) -> str:
    """The English report of what an accepted file adds."""
    rows = v.policies
    out = [f"✓ {v.path} → data/raw/{v.stored_as} (source {v.source_id}; {v.read_as[0]}, read as {v.read_as[1]}): "
           f"{len(rows)} policies"]
    for r in rows.itertuples():
        empty = [EMPTY_NAMES[col] for col in r.empty]
        out.append(f"  《{r.title}》 {r.doc_number or '—'} | {r.issuers or '—'} | {r.level or '—'} {r.region or '—'} | "
                   f"issued {_d(r.issue_date)} | in force {_d(r.effective_from)}–{_d(r.effective_to)} | {r.terms} terms")
        if empty:
            out.append(f"    left empty (not stated): {', '.join(empty)}")
        if isinstance(r.merged_with, str) and r.merged_with:
            out.append(f"    merged with the policy already in {r.merged_with}")
    return "\n".join(out)


def _d(value) -> str:
    return "—" if value is None or pd.isna(value) else str(value)[:10]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m data.ingest", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="+", type=Path, help=".txt, .pdf, .docx, .html or .htm files")
    parser.add_argument("--db", type=Path, default=DEFAULT_DB, help=f"database to rebuild (default {DEFAULT_DB})")
    parser.add_argument("--dry-run", action="store_true", help="print what would be added; change nothing")
    args = parser.parse_args(argv)
    return ingest(args.files, db=args.db, dry_run=args.dry_run)


if __name__ == "__main__":
    sys.exit(main())
