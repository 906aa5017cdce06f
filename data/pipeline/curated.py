"""Curated tables (data/curated/): the register of district policies and the AI-support terms, as policies.

Every curated row that names a policy becomes, or links to, a policy of the corpus:
`merge_register` matches each row by document number, then by title, then by official URL (a
transmittal notice and the text it forwards share the official page) against the corpus and the
rows before it, and adds the row as a provenance appearance of kind `register_entry` (the register)
or `curated_term` (peer_ai_terms, district_ai_terms) with its trust mark and URLs. `load_curated`
gives the rows of `curated_terms`, `register_terms` the register's terms. Errors name file and line.
"""
from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd

from data.pipeline import classify
from data.pipeline.terms import classify_measure
from data.reader import jurisdiction
from data.reader.model import Appearance
from data.reader.notes import note
from data.reader.normalize import Policy, inner_title
from data.reader.text import PartialDate, normalize_doc_number, title_key
from geo.gazetteer import load_gazetteer, resolve_region

CURATED = Path(__file__).resolve().parents[1] / "curated"
LEVELS = {"provincial", "municipal", "district", "zone"}
REGISTER = "wuhan_policy_register"
REGISTER_TERMS = "wuhan_register_terms"
# The register's English paraphrases in Chinese, written by the project (the interface is Chinese first): one row
# per row of wuhan_register_terms.csv, keyed by its line and checked against its register_id and measure.
REGISTER_TERMS_ZH = "wuhan_register_terms_zh"
REGISTER_ZH = "wuhan_policy_register_zh"   # likewise the register's status notes and notes, per line
TERM_TABLES = ("peer_ai_terms", "district_ai_terms")
# One row of `sources` per curated table: source_id → (file under data/, title, title_en, publisher, kind).
SOURCES = {
    REGISTER: ("curated/wuhan_policy_register.csv", "武汉各区、功能区及市级政策登记表（事实与出处）",
               "Register of Wuhan district, zone and city policies (facts with citations)", "本项目整理", "register"),
    "peer_ai_terms": ("curated/peer_ai_terms.csv", "湖北政策追踪平台条目摘要中的人工智能扶持条款",
                      "AI-support terms from a Hubei policy tracker's item summaries", "本项目整理", "curated terms"),
    "district_ai_terms": ("curated/district_ai_terms.csv", "武汉各区、市、省人工智能扶持条款（公开转载来源）",
                          "AI-support terms of Wuhan districts, city and province (public reposts)", "本项目整理",
                          "curated terms"),
}
FILE_TO_ID = {file: source_id for source_id, (file, *_rest) in SOURCES.items()}
STATUS_MARKS = ("draft", "superseded", "lapsed")
PAGE_KINDS = {"official", "state_media", "repost", "tracker_summary"}
TRUST_MARKS = {"high", "medium-high", "medium", "medium-low", "low"}
# An annotation in brackets, not part of the title: 【未见正式标题】, (14条,含人工智能条款), (湖北,24条).
NOTE_IN_TITLE = re.compile(r"【[^】]*】|[(（][^()（）]*(?:[,，;；:：]|条|标题|文号|译名|报道)[^()（）]*[)）]")
DRAFT = re.compile(r"^\s*draft\b", re.I)   # the note says so first: "draft (征求意见稿); comments due …"
# "lapsed end-2023", "plan to 2025", "plan period 2022-2025", "plan period to 2025": the last year a plan runs.
PLAN_END = re.compile(r"lapsed end-(\d{4})|plan (?:period )?(?:to |\d{4}\s*[-–—]\s*)(\d{4})", re.I)


class CuratedError(ValueError):
    """A curated row the build cannot place: unknown region, missing citation, bad date or mark."""


@dataclass
class CuratedAppearance(Appearance):
    """A curated row as a policy's appearance: what the row rests on and how far to trust it."""
    trust: str | None = None          # high … low, official_summary
    official_url: str | None = None   # the official page of the policy, when known
    page_url: str | None = None       # the page the facts were read on
    page_kind: str | None = None      # official / state_media / repost / tracker_summary
    record_id: str | None = None      # WH-D-002, or the curated term's id
    status_mark: str | None = None    # draft / superseded / lapsed (the register's status note)
    status_note: str | None = None


def rows(name: str) -> list[tuple[str, dict]]:
    """(file:line, row) of one curated CSV; csv's own line numbers, so a quoted line break cannot shift them."""
    path = CURATED / f"{name}.csv"
    out = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        reader.fieldnames          # reads the header now, so that the first row is cited at line 2
        start = reader.line_num + 1
        for row in reader:
            out.append((f"data/curated/{name}.csv:{start}", {k: (v or "").strip() for k, v in row.items()}))
            start = reader.line_num + 1
    return out


def _line(where: str) -> int:
    return int(where.rsplit(":", 1)[1])


def _trust_by_host() -> dict[str, str]:
    table = pd.read_csv(CURATED / "source_trust.csv", dtype=str, keep_default_na=False)
    return dict(zip(table.host, table.trust))


def _number(value) -> float | None:
    return None if value in (None, "") or pd.isna(value) else float(value)


def _date(text: str, where: str) -> PartialDate | None:
    if not text:
        return None
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", text)
    if not m:
        raise CuratedError(f"{where}: issue_date {text!r} is not YYYY-MM-DD, YYYY-MM or YYYY")
    return PartialDate(*(int(g) if g else None for g in m.groups()))


def clean(title: str) -> str:
    """The title without annotations in brackets (kept as printed_title in the provenance)."""
    return re.sub(r"\s+", " ", NOTE_IN_TITLE.sub("", title)).strip() or title


def match_key(title: str) -> str:
    """Looser than title_key: annotations and 关于 dropped (东湖高新区关于加快… = 东湖高新区加快…)."""
    return title_key(clean(title)).replace("关于", "")


def status_mark(note: str, title: str) -> str | None:
    if DRAFT.search(note) or "征求意见稿" in title:   # not "supersedes draft WH-M-029", not "without the 征求意见稿 label"
        return "draft"
    for mark in ("superseded", "lapsed"):
        if re.search(rf"\b{mark}\b", note, re.I):
            return mark
    return None


def plan_end(note: str) -> PartialDate | None:
    m = PLAN_END.search(note)
    return PartialDate(int(m[1] or m[2]), 12, 31) if m else None


# Reading the tables -------------------------------------------------------------------------------------

def register_appearances() -> list[CuratedAppearance]:
    codes = set(load_gazetteer().code)
    topics = set(classify.load_topics().slug)
    chinese = lines_of(REGISTER_ZH)
    out, seen = [], set()
    for where, r in rows(REGISTER):
        if r["register_id"] in seen:
            raise CuratedError(f"{where}: register_id {r['register_id']} appears twice")
        seen.add(r["register_id"])
        if r["region_code"] not in codes:
            raise CuratedError(f"{where}: region_code {r['region_code']!r} is not in geo/gazetteer.csv")
        if r["topic_hint"] not in topics:
            raise CuratedError(f"{where}: topic_hint {r['topic_hint']!r} is not in data/codebook/topics.csv")
        if r["trust"] not in TRUST_MARKS:
            raise CuratedError(f"{where}: trust {r['trust']!r} is not one of {sorted(TRUST_MARKS)}")
        if r["source_kind"] not in PAGE_KINDS:
            raise CuratedError(f"{where}: source_kind {r['source_kind']!r} is not one of {sorted(PAGE_KINDS)}")
        if not r["source_url"].startswith(("http://", "https://")):
            raise CuratedError(f"{where}: no source_url (the page the facts were read on)")
        if not r["title"]:
            raise CuratedError(f"{where}: no title")
        number = normalize_doc_number(r["doc_number"]) if r["doc_number"] else None
        if r["doc_number"] and number is None:
            raise CuratedError(f"{where}: doc_number {r['doc_number']!r} is not a document number")
        status = r["status_note"]
        line = _line(where)
        zh = chinese.get(line)
        if zh is None or zh["register_id"] != r["register_id"] or any(
                bool(r[col]) != bool(zh[col + "_zh"]) for col in ("status_note", "notes")):
            raise CuratedError(f"data/curated/{REGISTER_ZH}.csv: no row for {where} ({r['register_id']}), or it "
                               "names another row, or a note is missing on one side")
        app = CuratedAppearance(
            source_file=SOURCES[REGISTER][0], kind="register_entry", line_start=line, line_end=line,
            title=clean(r["title"]), printed_title=r["title"], doc_number=number,
            issuers=[r["issuer"]] if r["issuer"] else [], issue_date=_date(r["issue_date"], where),
            issue_date_note=note("date_from_register", register_id=r["register_id"]) if r["issue_date"] else None,
            effective_to=plan_end(status), region_hint=r["region_code"],
            notes=[note("register_note", register_id=r["register_id"], text_en=r[col], text_zh=zh[col + "_zh"])
                   for col in ("status_note", "notes") if r[col]],
            group=r["topic_hint"], trust=r["trust"], official_url=r["official_url"] or None,
            page_url=r["source_url"], page_kind=r["source_kind"], record_id=r["register_id"],
            status_mark=status_mark(status, r["title"]), status_note=status or None)
        out.append(app)
    return out


def term_row_appearances() -> list[CuratedAppearance]:
    trust = _trust_by_host()
    out = []
    for dataset in TERM_TABLES:
        url_column = "official_url" if dataset == "peer_ai_terms" else "source_url"
        for where, r in rows(dataset):
            code = resolve_region(r["region"])
            if code is None:
                raise CuratedError(f"{where}: unknown region {r['region']!r} (add it to geo/gazetteer.csv)")
            url = r[url_column]
            if not url.startswith(("http://", "https://")):
                raise CuratedError(f"{where}: no source URL")
            if dataset == "district_ai_terms":
                host = urlparse(url).hostname or ""
                mark = trust.get(host)
                if mark is None:
                    raise CuratedError(f"{where}: host {host} has no trust rating in data/curated/source_trust.csv")
                official, page, kind = None, url, None
            else:
                mark, official, page, kind = "official_summary", url, url, "tracker_summary"
            number = normalize_doc_number(r.get("doc_number") or r["policy_title"])
            line = _line(where)
            out.append(CuratedAppearance(
                source_file=SOURCES[dataset][0], kind="curated_term", line_start=line, line_end=line,
                title=clean(r["policy_title"]), printed_title=r["policy_title"], doc_number=number,
                issuers=[r["issuer"]] if r["issuer"] else [], issue_date=_date(r["issue_date"], where),
                issue_date_note=note("date_from", where=f"{SOURCES[dataset][0]}:{_line(where)}") if r["issue_date"] else None,
                region_hint=code,
                trust=mark, official_url=official, page_url=page, page_kind=kind,
                record_id=_curated_id(dataset, line, r["quote"]), status_mark=status_mark("", r["policy_title"])))
    return out


def _curated_id(dataset: str, line: int, quote: str) -> str:
    return "c" + hashlib.sha1(f"{dataset}|{line}|{quote}".encode()).hexdigest()[:10]


# The merge ------------------------------------------------------------------------------------------------

class _Index:
    """The policies by document number, title key and official URL, updated as policies are added."""

    def __init__(self, policies: list[Policy]):
        self.number: dict[str, Policy] = {}
        self.title: dict[str, Policy] = {}
        self.url: dict[str, Policy] = {}
        for p in policies:
            self.add(p)

    def add(self, p: Policy) -> None:
        if p.doc_number:
            self.number.setdefault(p.doc_number, p)
        for a in p.appearances:
            for key in {match_key(a.title), match_key(inner_title(a.title) or "")} - {""}:
                self.title.setdefault(key, p)
            if getattr(a, "official_url", None):
                self.url.setdefault(a.official_url, p)

    def find(self, a: CuratedAppearance) -> Policy | None:
        if a.doc_number and a.doc_number in self.number:
            return self.number[a.doc_number]
        for key in (match_key(a.title), match_key(inner_title(a.title) or "")):
            p = self.title.get(key) if key else None
            if p is not None and not (a.doc_number and p.doc_number and p.doc_number != a.doc_number):
                return p
        p = self.url.get(a.official_url) if a.official_url else None
        if p is not None and not (a.doc_number and p.doc_number and p.doc_number != a.doc_number):
            return p
        return None


def merge_register(policies: list[Policy]) -> list[Policy]:
    """The corpus policies with every curated row attached, plus a new policy for each row that matched none."""
    index = _Index(policies)
    out = list(policies)
    ids = {p.policy_id for p in policies}
    for a in register_appearances() + term_row_appearances():
        p = index.find(a)
        if p is None:
            p = _new_policy(a, ids)
            out.append(p)
            ids.add(p.policy_id)
        else:
            _attach(p, a)
        index.add(p)
    return out


def _new_policy(a: CuratedAppearance, ids: set[str]) -> Policy:
    key = a.doc_number or title_key(a.title)
    pid = "p" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]
    if pid in ids:   # a different policy with the same title (different document numbers)
        pid = "p" + hashlib.sha1(f"{key}|{a.source_file}|{a.line_start}".encode()).hexdigest()[:10]
    p = Policy(policy_id=pid, appearances=[a], title=a.title, doc_number=a.doc_number, issuers=list(a.issuers),
               region_code=a.region_hint, level=jurisdiction.level_of_region(a.region_hint),
               issue_date=a.issue_date, issue_date_note=a.issue_date_note, effective_to=a.effective_to,
               notes=list(a.notes))
    found = classify.classify(a.title, "")
    if a.kind == "register_entry":   # the register states the topic; the title's keywords add the others
        p.topics = [(a.group, 1.0, "register: topic_hint")] + [t for t in found if t[0] not in (a.group, "other")]
    else:
        p.topics = found
    return p


def _attach(p: Policy, a: CuratedAppearance) -> None:
    """A curated row of a policy already known: its provenance, and the facts the policy lacks."""
    p.appearances.append(a)
    if not p.doc_number and a.doc_number:
        p.doc_number = a.doc_number
        p.notes.append(note("doc_number_from", number=a.doc_number, where=f"{a.source_file}:{a.line_start}"))
    if not p.issuers and a.issuers:
        p.issuers = list(a.issuers)
    if a.issue_date and p.issue_date is None:
        p.issue_date, p.issue_date_note = a.issue_date, a.issue_date_note
    elif a.issue_date and p.issue_date and a.issue_date != p.issue_date and a.issue_date.precision == "day":
        other = note("other_date", where=f"{a.source_file}:{a.line_start}", date=a.issue_date.iso())
        if other not in p.notes:
            p.notes.append(other)
    if p.effective_to is None and a.effective_to:
        p.effective_to = a.effective_to
    p.notes += [n for n in a.notes if n not in p.notes]


# What load.py writes ------------------------------------------------------------------------------------

def policy_marks(p: Policy, repealed: bool = False) -> dict:
    """official_url and status_mark of a policy: from its curated rows (register first), its title, and
    whether a later text of the corpus repeals it (`repealed`: superseded)."""
    curated = [a for a in p.appearances if isinstance(a, CuratedAppearance)]
    curated.sort(key=lambda a: a.kind != "register_entry")
    url = next((a.official_url for a in curated if a.official_url), None)
    mark = next((a.status_mark for a in curated if a.kind == "register_entry"), None)
    if mark is None and "征求意见稿" in p.title:
        mark = "draft"
    if mark is None and repealed:
        mark = "superseded"
    return {"official_url": url, "status_mark": mark}


def appearance_extras(a: Appearance) -> dict:
    """The provenance columns a corpus appearance leaves empty."""
    if not isinstance(a, CuratedAppearance):
        return {"trust": None, "official_url": None, "page_url": None, "page_kind": None, "record_id": None}
    return {"trust": a.trust, "official_url": a.official_url, "page_url": a.page_url, "page_kind": a.page_kind,
            "record_id": a.record_id}


def source_rows() -> pd.DataFrame:
    """The curated tables as rows of `sources`."""
    out = []
    for source_id, (file, title, title_en, publisher, kind) in SOURCES.items():
        path = CURATED.parent / file
        data = path.read_bytes()
        out.append({"source_id": source_id, "file": file, "title": title, "title_en": title_en,
                    "publisher": publisher, "publication_date": None, "kind": kind, "layout": "csv",
                    "policy_part": "one row per policy" if source_id == REGISTER else "one row per term",
                    "n_lines": data.decode("utf-8").count("\n"), "sha256": hashlib.sha256(data).hexdigest(),
                    "reader_layout": "curated table", "text_method": "csv (utf-8)"})
    return pd.DataFrame(out)


def register_terms(policies: list[Policy]) -> pd.DataFrame:
    """The register's terms (wuhan_register_terms.csv), each linked to the policy of its register row."""
    policy_of = {a.record_id: p.policy_id for p in policies for a in p.appearances
                 if isinstance(a, CuratedAppearance) and a.kind == "register_entry"}
    measures = set(pd.read_csv(CURATED.parent / "codebook" / "measures.csv", dtype=str).slug)
    chinese = lines_of(REGISTER_TERMS_ZH)
    out = []
    for where, r in rows(REGISTER_TERMS):
        if r["register_id"] not in policy_of:
            raise CuratedError(f"{where}: register_id {r['register_id']!r} is not in {REGISTER}.csv")
        if r["measure"] not in measures:
            raise CuratedError(f"{where}: measure {r['measure']!r} is not in data/codebook/measures.csv")
        line = _line(where)
        zh = chinese.get(line)
        if zh is None or (zh["register_id"], zh["measure"]) != (r["register_id"], r["measure"]):
            raise CuratedError(f"data/curated/{REGISTER_TERMS_ZH}.csv: no row for {where} "
                               f"({r['register_id']}, {r['measure']}), or it names another row")
        out.append({"register_term_id": f"{r['register_id']}:{line}", "register_id": r["register_id"],
                    "policy_id": policy_of[r["register_id"]], "line": line, "measure": r["measure"],
                    "rate_pct": _number(r["rate_pct"]), "cap_wan": _number(r["cap_wan_yuan"]),
                    "threshold": r["threshold"] or None, "duration_months": _number(r["duration_months"]),
                    "condition_paraphrase": r["condition_paraphrase"] or None, "source_url": r["source_url"],
                    "condition_zh": zh["condition_zh"] or None, "threshold_zh": zh["threshold_zh"] or None})
    return pd.DataFrame(out)


def lines_of(name: str) -> dict[int, dict]:
    """A Chinese rendering table (its `line` column: the line of the row it renders) → {line: row}."""
    out = {}
    for where, r in rows(name):
        if not r["line"].isdigit() or int(r["line"]) in out:
            raise CuratedError(f"{where}: line {r['line']!r} is not a line number, or is given twice")
        out[int(r["line"])] = r
    return out


def load_curated(policies) -> pd.DataFrame:
    """Both curated term tables as rows of `curated_terms`, each linked to its policy (a list of merged
    policies, or a {title_key: policy_id} map as before the merge); raises CuratedError naming file and line."""
    if isinstance(policies, dict):
        by_title = policies
        policy_of = {}
    else:
        by_title = {title_key(p.title): p.policy_id for p in policies}
        policy_of = {a.record_id: p.policy_id for p in policies for a in p.appearances
                     if isinstance(a, CuratedAppearance) and a.kind == "curated_term"}
    out = []
    for a, (dataset, where, r) in zip(term_row_appearances(),
                                      [(d, w, r) for d in TERM_TABLES for w, r in rows(d)]):
        head = r["measure"].split("(")[0]  # 场景应用奖励(大模型首试首用): the head names the measure
        source_title = (r["source_title"] if dataset == "district_ai_terms"
                        else f"{r['via']} (summary of the official text at the URL)")
        out.append({
            "curated_id": a.record_id, "dataset": dataset, "region_code": a.region_hint, "level": r["level"],
            "policy_title": r["policy_title"], "doc_number": r.get("doc_number") or None,
            "issuer": r["issuer"] or None, "issue_date": r["issue_date"] or None,
            "measure": classify_measure(head, r["measure"] + r["quote"]), "measure_printed": r["measure"],
            "rate_pct": _number(r["rate_pct"]), "cap_wan": _number(r["cap_wan_yuan"]),
            "condition": r["condition"] or None, "quote": r["quote"],
            "source_url": a.official_url or a.page_url, "source_title": source_title, "trust": a.trust,
            "policy_id": policy_of.get(a.record_id) or by_title.get(title_key(r["policy_title"])),
        })
    return pd.DataFrame(out)
