"""Write policies, provenance, topics and terms into a new DuckDB file."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

from data.pipeline import coverage, curated as curated_tables, search_index
from data.pipeline import terms as term_reader
from data.pipeline.classify import load_topics
from data.reader.model import KINDS
from data.reader.normalize import Policy, date_bounds
from geo.gazetteer import load_gazetteer

SCHEMA = Path(__file__).resolve().parents[1] / "schema.sql"
MEASURES = Path(__file__).resolve().parents[1] / "codebook" / "measures.csv"
TERM_KINDS = Path(__file__).resolve().parents[1] / "codebook" / "term_kinds.csv"


def _policy_rows(policies: list[Policy], today: date) -> pd.DataFrame:
    rows = []
    repealed = {old for p in policies for old in p.supersedes}   # a later text repeals it: marked superseded
    for p in policies:
        start = date_bounds(p.effective_from, end=False)
        end = date_bounds(p.effective_to, end=True)
        issued = date_bounds(p.issue_date, end=False)
        rows.append({
            "policy_id": p.policy_id, "title": p.title, "doc_number": p.doc_number, "issuers": p.issuers,
            "level": p.level, "region_code": p.region_code,
            "issue_date": issued, "issue_date_precision": p.issue_date.precision if p.issue_date else None,
            "issue_date_note": p.issue_date_note,
            "effective_from": start, "effective_from_precision": p.effective_from.precision if p.effective_from else None,
            "effective_to": end, "effective_to_precision": p.effective_to.precision if p.effective_to else None,
            "primary_topic": p.primary_topic, "build_day": today,
            "text_kind": p.text_kind or None, "text": p.text or None,
            "beneficiaries": p.fields.get("支持对象"), "executing_agency": p.fields.get("执行机关"),
            "execution_period": p.fields.get("执行时间"),
            "list_category": next((a.group for a in p.appearances if a.kind == "list_entry"), None),
            "notes": "; ".join(p.notes) or None,
            **curated_tables.policy_marks(p, repealed=p.policy_id in repealed), **_evidence(p),
        })
    return pd.DataFrame(rows)


def _evidence(p: Policy) -> dict:
    """What the policy rests on: its best provenance kind, and the trust mark when that is a curated row."""
    best = min(p.appearances, key=lambda a: KINDS.index(a.kind))
    return {"evidence_kind": best.kind, "trust": curated_tables.appearance_extras(best)["trust"]}


def _source_rows(policies: list[Policy], file_to_id: dict[str, str]) -> pd.DataFrame:
    rows, seen = [], set()
    for p in policies:
        for a in p.appearances:
            key = (p.policy_id, file_to_id[a.source_file], a.kind, a.line_start)
            if key in seen:  # a list entry citing the same document twice on one line
                continue
            seen.add(key)
            rows.append({"policy_id": p.policy_id, "source_id": key[1], "kind": a.kind,
                         "line_start": a.line_start, "line_end": a.line_end,
                         "printed_title": a.printed_title or a.title, "page": a.page,
                         "section": a.group if a.kind not in ("register_entry", "curated_term") else None,
                         **curated_tables.appearance_extras(a)})
    return pd.DataFrame(rows)


def _relation_rows(policies: list[Policy]) -> pd.DataFrame:
    owner = {id(a): p.policy_id for p in policies for a in p.appearances}
    rows = set()
    for p in policies:
        for a in p.appearances:
            for c in a.cites:
                if owner[id(c)] != p.policy_id:
                    rows.add((p.policy_id, owner[id(c)], "cites"))
        rows.update((p.policy_id, old, "supersedes") for old in p.supersedes)
    return pd.DataFrame(sorted(rows), columns=["from_policy", "to_policy", "relation"])


def _topic_rows(policies: list[Policy]) -> pd.DataFrame:
    rows = [{"policy_id": p.policy_id, "topic": slug, "is_primary": i == 0, "score": score, "evidence": ev}
            for p in policies for i, (slug, score, ev) in enumerate(p.topics)]
    return pd.DataFrame(rows)


def write_database(path: Path, *, meta: dict[str, dict], file_to_id: dict[str, str], policies: list[Policy],
                   today: date, terms: pd.DataFrame | None = None, curated: pd.DataFrame | None = None) -> dict[str, int]:
    con = duckdb.connect(str(path))
    try:
        con.execute(SCHEMA.read_text(encoding="utf-8"))
        src = pd.DataFrame(meta.values())[["source_id", "file", "title", "title_en", "publisher", "publication_date",
                                           "kind", "layout", "policy_part", "n_lines", "sha256", "reader_layout",
                                           "text_method", "home_region", "added"]]
        con.execute("INSERT INTO sources SELECT * FROM src")
        curated_src = curated_tables.source_rows()   # the curated tables are sources too (kind register / curated terms)
        con.execute("INSERT INTO sources BY NAME SELECT * FROM curated_src")
        file_to_id = {**file_to_id, **curated_tables.FILE_TO_ID}
        gaz = load_gazetteer()
        gaz = gaz.assign(aliases=gaz.aliases.fillna("").map(lambda s: [a for a in s.split("|") if a]),
                         has_polygon=gaz.has_polygon.astype(str).str.lower().eq("true"),
                         lon=pd.to_numeric(gaz.lon), lat=pd.to_numeric(gaz.lat))
        con.execute("INSERT INTO regions SELECT code, level, NULLIF(parent_code, ''), name, short_name, aliases, "
                    "name_en, has_polygon, lon, lat FROM gaz")
        # DataFrames are named *_df: a frame named like a table would shadow it in SQL.
        topics_df = load_topics()
        con.execute("INSERT INTO topics SELECT slug, label_zh, label_en, definition, CAST(sort_order AS INTEGER) FROM topics_df")
        measures_df = pd.read_csv(MEASURES, dtype=str, keep_default_na=False)
        con.execute("INSERT INTO measures SELECT slug, label_zh, label_en, definition, CAST(sort_order AS INTEGER) "
                    "FROM measures_df")
        pol = _policy_rows(policies, today)
        con.execute("""
            INSERT INTO policies SELECT policy_id, title, doc_number, issuers, level, region_code,
                   issue_date, issue_date_precision, issue_date_note, effective_from, effective_from_precision,
                   effective_to, effective_to_precision, primary_topic,
                   marked_status(status_mark, effective_from, effective_to, issue_date, build_day),
                   text_kind, text, beneficiaries, executing_agency, execution_period, list_category, notes,
                   official_url, status_mark, evidence_kind, trust
            FROM pol""")
        prov = _source_rows(policies, file_to_id)
        con.execute("INSERT INTO policy_sources BY NAME SELECT * FROM prov")
        rel = _relation_rows(policies)
        if len(rel):
            con.execute("INSERT INTO policy_relations SELECT * FROM rel")
        top = _topic_rows(policies)
        con.execute("INSERT INTO policy_topics SELECT * FROM top")
        search_terms_df, search_docs_df = search_index.index_frames(policies)
        con.execute("INSERT INTO search_terms SELECT * FROM search_terms_df")
        con.execute("INSERT INTO search_docs SELECT * FROM search_docs_df")
        kinds_df = pd.read_csv(TERM_KINDS, dtype=str, keep_default_na=False)
        con.execute("INSERT INTO term_kinds SELECT slug, axis, label_zh, label_en, "
                    "CAST(NULLIF(firm_incentive, '') AS BOOLEAN), CAST(NULLIF(map_rate, '') AS BOOLEAN), "
                    "CAST(NULLIF(map_cap, '') AS BOOLEAN), definition, CAST(sort_order AS INTEGER) FROM kinds_df")
        lines_of = {f: m["lines"] for f, m in meta.items()}
        clauses_df = term_reader.clauses_frame(
            [c for p in policies for c in term_reader.policy_clauses(p, lines_of, file_to_id)])
        if len(clauses_df):
            con.execute("INSERT INTO clauses BY NAME SELECT * FROM clauses_df")
        terms_df = terms if terms is not None else pd.DataFrame()
        if len(terms_df):
            repealed = {old: p.policy_id for p in policies for old in p.supersedes}  # reader/relations.py
            terms_df = terms_df.drop(columns=["superseded_by"], errors="ignore").assign(
                superseded_by=terms_df.policy_id.map(repealed))
            con.execute("INSERT INTO terms BY NAME SELECT * FROM terms_df")
        curated_df = curated if curated is not None else pd.DataFrame()
        if len(curated_df):
            con.execute("INSERT INTO curated_terms BY NAME SELECT * FROM curated_df")
        register_terms_df = curated_tables.register_terms(policies)
        if len(register_terms_df):
            con.execute("INSERT INTO register_terms BY NAME SELECT * FROM register_terms_df")
        n_coverage = coverage.write_coverage(con)
        con.execute("CHECKPOINT")
        return {"sources": len(src), "regions": len(gaz), "topics": len(topics_df), "measures": len(measures_df),
                "policies": len(pol), "policy_topics": len(top), "policy_sources": len(prov),
                "policy_relations": len(rel), "clauses": len(clauses_df), "terms": len(terms_df), "curated_terms": len(curated_df),
                "register_terms": len(register_terms_df), "coverage": n_coverage,
                "search_terms": len(search_terms_df)}
    finally:
        con.close()


SUMMARY_QUERIES = {
    "documents per source (distinct policies / appearances)": """
        SELECT s.source_id, count(DISTINCT ps.policy_id) AS policies, count(ps.policy_id) AS appearances,
               string_agg(DISTINCT ps.kind, ', ' ORDER BY ps.kind) AS kinds
        FROM sources s LEFT JOIN policy_sources ps USING (source_id) GROUP BY ALL ORDER BY 1""",
    "policies per level": "SELECT coalesce(level, '(unknown)') AS level, count(*) AS policies FROM policies GROUP BY ALL ORDER BY 2 DESC",
    "policies per level and evidence kind": """
        SELECT coalesce(level, '(unknown)') AS level, evidence_kind, count(*) AS policies,
               count(*) FILTER (WHERE status_mark IS NOT NULL) AS marked
        FROM policies GROUP BY ALL ORDER BY 1, 2""",
    "policies per primary topic": """
        SELECT t.label_zh, t.slug, count(p.policy_id) AS policies FROM topics t
        LEFT JOIN policies p ON p.primary_topic = t.slug GROUP BY t.label_zh, t.slug, t.sort_order ORDER BY t.sort_order""",
    "fields left empty (policies)": """
        SELECT count(*) FILTER (WHERE doc_number IS NULL) AS no_doc_number,
               count(*) FILTER (WHERE len(issuers) = 0) AS no_issuer,
               count(*) FILTER (WHERE issue_date IS NULL) AS no_issue_date,
               count(*) FILTER (WHERE effective_from IS NULL AND effective_to IS NULL) AS no_effective_period,
               count(*) FILTER (WHERE region_code IS NULL) AS no_region,
               count(*) FILTER (WHERE text IS NULL) AS no_text,
               count(*) AS policies
        FROM policies""",
    "terms per measure": """
        SELECT m.slug, m.label_zh, count(t.term_id) AS terms FROM measures m
        LEFT JOIN terms t ON t.measure = m.slug GROUP BY ALL HAVING count(t.term_id) > 0 ORDER BY 3 DESC""",
}


def print_summary(path: Path, log) -> None:
    con = duckdb.connect(str(path), read_only=True)
    try:
        for title, sql in SUMMARY_QUERIES.items():
            log(f"\n{title}:")
            log(con.execute(sql).df().to_string(index=False))
    finally:
        con.close()
