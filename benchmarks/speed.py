"""python -m benchmarks.speed [--sizes 10000,100000] [--million] [--name NAME]: the speed figures at scale.

For the corpus (data/raw, built by the real build) and for generated databases of each size
(benchmarks.generate, through the real loader), in one run:
  - every named query under queries/ with the parameters the pages use by default, median of repeated
    runs, next to the simplest hand-written DuckDB query that returns the same answer, and their ratio;
  - each page in AppTest (benchmarks.pages, its own process): first render, rerun after a widget change,
    next to a minimal page; that process's peak RSS;
  - search latency for a few queries; database size, and the size of the same data without indexes;
    build time and the build's peak RSS.
Figures are printed and written to benchmarks/results/<name>.json (name: the git commit by default), so
two commits can be compared with `python -m benchmarks.compare A.json B.json`. Nothing is asserted.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import duckdb

from dashboard import db
from dashboard.search_scores import NOT_SCORED, READ_AS_ARRAYS, Scorer, scored_in_memory, search_rows
from data.pipeline.search_index import query_grams

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ROOT / "queries"
RESULTS = Path(__file__).resolve().parent / "results"
PY = sys.executable
SEARCHES = ["专精特新", "人工智能", "贷款贴息", "担保", "融资担保费率", "AI"]
BASE_TABLES = ["sources", "regions", "topics", "measures", "policies", "policy_topics", "policy_sources",
               "policy_relations", "terms", "curated_terms"]

# The pages' default view: every level, topic, region, status; the whole year range (filled in per database).
DEFAULTS = dict(levels=None, topics=None, region=None, include_undated=True, statuses=None,
                gran="year", split="level", titles=True, parent="420100", view="issued", metric="policies",
                measure="compute",
                regions=["420106", "420190", "420104", "420105"], issuer=None,
                day=date(2024, 12, 31), day_from=date(2023, 1, 1), day_to=date(2023, 12, 31),
                offset=0, term="贷款", **NOT_SCORED)
# What a page passes beyond the defaults, per query.
OVERRIDES = {
    "overview/newest_policies": {"limit": 12},
    "overview/recent_changes": {"limit": 10},
    "explorer/search_policies": {"limit": 500},
    "explorer/match_breakdown": {"per_facet": 12},
    "map/region_policies": {"region": "420106", "limit": 200},
    "map/region_terms": {"region": "420106", "limit": 200},
    # the AI page: the two reference columns, then the default districts; every measure; a page of the detail
    "ai/compared_entries": {"regions": ["420000", "420100", "420106", "420190", "420104", "420105"], "measures": None,
                            "per_cell": 8},
    "ai/compared_terms": {"regions": ["420000", "420100", "420106", "420190", "420104", "420105"], "measures": None,
                          "limit": 200},
    "trends/policies_in_period": {"limit": 200},
    "trends/policies_in_force_on": {"limit": 200},
}

CITES = """(SELECT string_agg(s.file || ':' || ps.line_start || '-' || ps.line_end, '; ' ORDER BY s.file, ps.line_start)
            FROM policy_sources ps JOIN sources s USING (source_id) WHERE ps.policy_id = {p}.policy_id)"""
STATUS = "policy_status(effective_from, effective_to, issue_date, current_date)"
# The simplest hand-written DuckDB query giving the same answer for the default view ({page}: the
# named query's LIMIT/OFFSET when it has them). None: the named query is already that query.
FLOORS: dict[str, str | None] = {
    "common/issuers": "SELECT issuer, count(*) FROM (SELECT unnest(issuers) AS issuer FROM policies) GROUP BY 1 ORDER BY 2 DESC, 1",
    "common/lookup_measures": None, "common/lookup_topics": None,
    # queries16: where the query reads a table built with the database, the floor reads it too (the simplest query
    # on the database as it is); the regions' counts are region_policy_counts
    "common/lookup_regions": """SELECT r.*, coalesce(c.policies, 0),
        CASE WHEN count(*) OVER (PARTITION BY r.name) > 1 THEN r.name || '（' || pr.short_name || '）' ELSE r.name END,
        CASE WHEN count(*) OVER (PARTITION BY r.name_en) > 1 THEN r.name_en || ' (' || pr.name_en || ')' ELSE r.name_en END
        FROM regions r LEFT JOIN regions pr ON pr.code = r.parent_code
        LEFT JOIN region_policy_counts c ON c.region_code = r.code ORDER BY r.code""",
    "common/policy_ids": "SELECT policy_id FROM policies",
    "common/policy_exists": "SELECT policy_id FROM policies WHERE policy_id = $policy_id",
    "common/year_bounds": "SELECT min(year(coalesce(issue_date, effective_from))), max(year(coalesce(issue_date, effective_from))) FROM policies",
    "common/policies_full": f"""SELECT p.*, {STATUS}, (SELECT string_agg(topic, '; ') FROM policy_topics pt WHERE pt.policy_id = p.policy_id),
        (SELECT count(*) FROM terms t WHERE t.policy_id = p.policy_id), {CITES.format(p='p')}
        FROM policies p ORDER BY coalesce(issue_date, effective_from) DESC NULLS LAST, title {{page}}""",
    "overview/headline_numbers": f"""SELECT count(*), (SELECT count(*) FROM terms), count(DISTINCT region_code),
        max(issue_date) FILTER (WHERE issue_date <= current_date), count(*) FILTER (WHERE {STATUS} = 'in_force') FROM policies""",
    "overview/newest_policies": f"""WITH top AS (SELECT policy_id, title, level, region_code,
        coalesce(issue_date, effective_from) AS d, {STATUS} FROM policies WHERE d IS NOT NULL ORDER BY d DESC, title LIMIT 12)
        SELECT *, {CITES.format(p='top')} FROM top ORDER BY d DESC, title""",
    "overview/recent_changes": """SELECT * FROM (SELECT policy_id, title, issue_date AS day, 'issued' FROM policies
        UNION ALL SELECT policy_id, title, effective_from, 'took_effect' FROM policies
        UNION ALL SELECT policy_id, title, effective_to + 1, 'expired' FROM policies) WHERE day <= current_date
        ORDER BY day DESC, title LIMIT 10""",
    "overview/by_source": """SELECT s.source_id, s.file, count(DISTINCT ps.policy_id), count(ps.policy_id),
        (SELECT count(*) FROM terms t WHERE t.source_id = s.source_id)
        FROM sources s LEFT JOIN policy_sources ps USING (source_id) GROUP BY ALL ORDER BY s.file""",
    "trends/counts_by_period": """SELECT date_trunc('year', d)::DATE, level, count(*), list(title ORDER BY d, title)[1:3]
        FROM (SELECT coalesce(issue_date, effective_from) AS d, level, title FROM policies) WHERE d IS NOT NULL
        GROUP BY ALL ORDER BY 1, 2""",
    "trends/periods": """SELECT unnest(generate_series(min(date_trunc('year', d)), max(date_trunc('year', d)), INTERVAL 1 YEAR))
        FROM (SELECT coalesce(issue_date, effective_from)::TIMESTAMP AS d FROM policies)""",
    "trends/undated_counts": """SELECT sum(policies), sum(policies) FILTER (WHERE month IS NULL), sum(no_date) FROM period_counts""",
    "trends/coverage_by_period": """SELECT c.period_start, c.n, c.n, c.curated, t.top_source, t.top_count, t.n_sources, s.title, s.title_en, s.kind
        FROM (SELECT date_trunc('year', month) AS period_start, sum(policies) AS n, sum(curated_only) AS curated
              FROM period_counts WHERE month IS NOT NULL GROUP BY 1) c
        LEFT JOIN period_top_sources t ON t.unit = 'year' AND t.period_start = c.period_start
        LEFT JOIN sources s ON s.source_id = t.top_source ORDER BY 1""",
    "trends/in_force_on_days": """SELECT d.day, p.level, count(*), list(p.title ORDER BY coalesce(issue_date, effective_from) NULLS LAST, title)[1:3]
        FROM (SELECT unnest($days::DATE[]) AS day) d JOIN policies p
        ON policy_status(p.effective_from, p.effective_to, p.issue_date, d.day) = 'in_force' GROUP BY ALL ORDER BY 1, 2""",
    "trends/policies_in_period": f"""WITH l AS (SELECT policy_id, title, doc_number, level, region_code, primary_topic,
        coalesce(issue_date, effective_from) AS d, {STATUS} FROM policies WHERE d BETWEEN $day_from AND $day_to
        ORDER BY d, title {{page}}) SELECT *, {CITES.format(p='l')} FROM l ORDER BY d, title""",
    "trends/policies_in_force_on": f"""WITH l AS (SELECT policy_id, title, doc_number, level, region_code, primary_topic,
        coalesce(issue_date, effective_from) AS d, {STATUS} FROM policies
        WHERE policy_status(effective_from, effective_to, issue_date, $day) = 'in_force' ORDER BY d NULLS LAST, title {{page}})
        SELECT *, {CITES.format(p='l')} FROM l ORDER BY d NULLS LAST, title""",
    # mapai: the map reads map_policy_metrics / map_terms (built with the database): the floor reads them too,
    # without the shared filters' macro, the day's status only where the answer needs it.
    "map/metric_by_region": f"""WITH pp AS (SELECT p.policy_id, p.title, p.region_code, coalesce(p.issue_date, p.effective_from) AS d,
            {STATUS} IN ('in_force', 'unknown') AS cur, a.n_terms, a.value AS cap, r.value AS rate
            FROM policies p LEFT JOIN map_policy_metrics a ON a.policy_id = p.policy_id AND a.measure = ''
            LEFT JOIN map_policy_metrics r ON r.policy_id = p.policy_id AND r.measure = $measure
            WHERE p.region_code IN (SELECT code FROM v_region_lineage WHERE ancestor IN
                                    (SELECT code FROM regions WHERE parent_code = $parent)))
        SELECT g.code, count(pp.policy_id), sum(pp.n_terms), max(pp.cap) FILTER (WHERE pp.cur),
               max(pp.rate) FILTER (WHERE pp.cur), max_by(pp.title, pp.d, 3), max_by(pp.title, pp.n_terms, 3),
               max_by(pp.title, pp.cap, 3) FILTER (WHERE pp.cur), max_by(pp.title, pp.rate, 3) FILTER (WHERE pp.cur)
        FROM regions g LEFT JOIN v_region_lineage l ON l.ancestor = g.code LEFT JOIN pp ON pp.region_code = l.code
        WHERE g.parent_code = $parent AND g.level IN ('prefecture', 'district', 'zone') GROUP BY g.code ORDER BY g.code""",
    "map/region_policies": """WITH l AS (SELECT policy_id, title, coalesce(issue_date, effective_from) AS d, count(*) OVER () AS total
            FROM policies WHERE region_code IN (SELECT code FROM v_region_lineage WHERE ancestor = $region)
            ORDER BY d DESC NULLS LAST, title {page})
        SELECT l.*, a.n_terms, a.value, a.sources, m.value FROM l
        LEFT JOIN map_policy_metrics a ON a.policy_id = l.policy_id AND a.measure = ''
        LEFT JOIN map_policy_metrics m ON m.policy_id = l.policy_id AND m.measure = $measure
        ORDER BY d DESC NULLS LAST, title""",
    # the same answer: each term's standing (its policy's status today) and whether it may be best (until session 17
    # the floor listed the stored terms without either: not the page's answer)
    "map/region_terms": """SELECT t.*, s.standing, best_candidate(t.term_kind, t.shape, s.standing, t.trust), count(*) OVER ()
        FROM map_terms t JOIN policies p USING (policy_id),
             LATERAL (SELECT policy_standing(t.title, t.superseded_by, marked_status(p.status_mark, p.effective_from,
                                             p.effective_to, p.issue_date, current_date)) AS standing) s
        WHERE t.region_code IN (SELECT code FROM v_region_lineage WHERE ancestor = $region)
        ORDER BY t.timeline_date DESC NULLS LAST, t.title, t.policy_id, t.origin, t.line_start, t.number_at {page}""",
    "ai/region_options": None,   # already a lookup of ai_region_counts
    "explorer/full_data": f"""SELECT p.*, {STATUS}, (SELECT string_agg(topic, '; ') FROM policy_topics pt WHERE pt.policy_id = p.policy_id),
        (SELECT count(*) FROM terms t WHERE t.policy_id = p.policy_id), {CITES.format(p='p')}
        FROM policies p WHERE policy_id IN (SELECT unnest($ids)) ORDER BY list_position($ids, policy_id)""",
    "explorer/result_topics": """SELECT topic, count(*) FROM policy_topics WHERE policy_id IN (SELECT unnest($ids))
        GROUP BY topic ORDER BY 2 DESC, 1""",
    "explorer/match_breakdown": None,   # the search's matches, then their facets: no simpler query gives them
    "sources/kinds_per_source": """SELECT s.file, ps.kind, count(*), count(DISTINCT ps.policy_id)
        FROM policy_sources ps JOIN sources s USING (source_id) GROUP BY ALL ORDER BY 1, 2""",
    "explorer/policy_detail": "SELECT * FROM policies WHERE policy_id = $policy_id",
    # the same answer: a term's standing is its policy's (title, status today), its citation the source's file, its
    # clause heading the clause's (until session 17 the floor read the terms alone: half the answer, half the time)
    "explorer/policy_terms": """SELECT t.*, c.heading, s.file, policy_standing(p.title, t.superseded_by,
            marked_status(p.status_mark, p.effective_from, p.effective_to, p.issue_date, current_date))
        FROM terms t JOIN policies p USING (policy_id) JOIN sources s USING (source_id) LEFT JOIN clauses c USING (clause_id)
        WHERE t.policy_id = $policy_id ORDER BY t.line_start, t.line_end, t.quote, t.number_at""",
    "explorer/policy_topics": "SELECT * FROM policy_topics WHERE policy_id = $policy_id",
    "explorer/policy_provenance": "SELECT * FROM policy_sources WHERE policy_id = $policy_id",
    "explorer/policy_relations": """SELECT 'cites', p.policy_id, p.title, p.doc_number, p.issuers, p.level, p.region_code,
            p.issue_date, p.issue_date_precision, p.status, c.sources
        FROM policy_relations r JOIN policies p ON p.policy_id = r.to_policy LEFT JOIN policy_citations c USING (policy_id)
        WHERE r.from_policy = $policy_id
        UNION ALL SELECT 'cited_by', p.policy_id, p.title, p.doc_number, p.issuers, p.level, p.region_code,
            p.issue_date, p.issue_date_precision, p.status, c.sources
        FROM policy_relations r JOIN policies p ON p.policy_id = r.from_policy LEFT JOIN policy_citations c USING (policy_id)
        WHERE r.to_policy = $policy_id""",
    "explorer/search_policies": None,
}
PARAMS_LINE = re.compile(r"^--[ \t]*params:[ \t]*(.*)$", re.M)
USED = re.compile(r"\$([a-z_][a-z0-9_]*)")


def median_ms(fn, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return round(statistics.median(runs) * 1000, 2)


def named_queries() -> dict[str, tuple[str, list[str]]]:
    out = {}
    for path in sorted(QUERIES.rglob("*.sql")):
        sql = path.read_text(encoding="utf-8")
        declared = PARAMS_LINE.search(sql)
        names = [p.strip().lstrip("$") for p in declared[1].split(",") if p.strip()] if declared else []
        out[str(path.relative_to(QUERIES).with_suffix(""))] = (sql, names)
    return out


def page_params(con) -> dict:
    lo, hi = con.execute("SELECT min(year(coalesce(issue_date, effective_from))), "
                         "max(year(coalesce(issue_date, effective_from))) FROM policies").fetchone()
    pid = con.execute("SELECT policy_id FROM terms GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1").fetchone()[0]
    linked = con.execute("""SELECT p FROM (SELECT from_policy AS p FROM policy_relations UNION ALL
                            SELECT to_policy FROM policy_relations) GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1""").fetchone()
    days = [date(y, 12, 31) for y in range(lo, hi + 1)]
    q = "专精特新"
    return {**DEFAULTS, "year_from": lo, "year_to": hi, "policy_id": pid, "days": days,
            "linked_policy_id": linked[0] if linked else pid,
            "grams": query_grams(q), "phrase": q,
            "term_id": (con.execute("SELECT term_id FROM search_grams WHERE term = $t", {"t": DEFAULTS["term"]}).fetchone()
                        or (0,))[0]}


def run_floor(con, sql: str, params: dict):
    return con.execute(sql, {k: params[k] for k in set(USED.findall(sql))}).fetchall()


SKIP: set[str] = set()
BASELINE: dict[str, tuple[str, list[str]]] = {}   # --baseline: another commit's queries, timed in the same run


def baseline_queries(commit: str) -> dict[str, tuple[str, list[str]]]:
    """The named queries as they are at `commit` (git show), to time against the same databases. They run on
    this branch's schema: the views and macros stored in the database are this branch's."""
    files = subprocess.run(["git", "ls-tree", "-r", "--name-only", commit, "queries/"], cwd=ROOT, check=True,
                           capture_output=True, text=True).stdout.split()
    out = {}
    for f in files:
        if f.endswith(".sql"):
            sql = subprocess.run(["git", "show", f"{commit}:{f}"], cwd=ROOT, check=True, capture_output=True,
                                 text=True).stdout
            declared = PARAMS_LINE.search(sql)
            names = [p.strip().lstrip("$") for p in declared[1].split(",") if p.strip()] if declared else []
            out[f[len("queries/"):-len(".sql")]] = (sql, names)
    return out


def time_queries(con, repeat: int) -> dict:
    base = page_params(con)
    queries = named_queries()
    search_sql, search_names = queries["explorer/search_policies"]
    search_params = {**base, **OVERRIDES["explorer/search_policies"]}
    found = con.execute(search_sql, {k: search_params[k] for k in search_names}).fetchall()
    base["ids"] = [row[0] for row in found]
    out = {}
    for name, (sql, names) in queries.items():
        if name in SKIP or name.endswith(db.DEFAULT_VIEW):   # a default view's file is timed as its query
            continue
        params = {**base, **OVERRIDES.get(name, {})}
        if name == "explorer/policy_relations":   # a policy that has links (the one with most terms may have none)
            params["policy_id"] = base["linked_policy_id"]
        picked, sql, args = db.query_for(name, {k: params[k] for k in names})   # the file the page runs
        rows = len(con.execute(sql, args).fetchall())
        fetch = "fetchnumpy" if name in READ_AS_ARRAYS else "fetchall"     # as the app reads it
        entry = {"ms": median_ms(lambda: getattr(con.execute(sql, args), fetch)(), repeat), "rows": rows}
        if picked != name:
            entry["file"] = picked
        floor = FLOORS.get(name)
        if floor:
            paged = "limit" in names and "offset" in names
            floor = floor.replace("{page}", "LIMIT $limit OFFSET $offset" if paged else "")
            floor_rows = len(run_floor(con, floor, params))
            floor_ms = median_ms(lambda: run_floor(con, floor, params), repeat)
            entry.update(floor_ms=floor_ms, floor_rows=floor_rows, ratio=round(entry["ms"] / max(floor_ms, 0.01), 2))
        if name in BASELINE:   # that commit's default-view file where it has one too
            old_sql, old_names = BASELINE.get(picked, BASELINE[name])
            try:
                old_args = {k: params[k] for k in old_names}
                same = con.execute(old_sql, old_args).fetchall() == con.execute(sql, args).fetchall()
                entry.update(baseline_ms=median_ms(lambda: con.execute(old_sql, old_args).fetchall(), repeat),
                             baseline_same_rows=same)
            except (KeyError, duckdb.Error) as e:
                entry["baseline_error"] = str(e).splitlines()[0][:160]
        out[name] = entry
    return out


SEARCH_FILTER = {"levels": ["provincial"]}   # the searches again within one filter ("filtered_ms")


def time_searches(con, repeat: int) -> dict:
    """Each search (its first 500 matches and their total), unfiltered and within SEARCH_FILTER: scored in SQL (ms)
    and, for a query of Chinese bigrams, as the explorer runs it, scored in memory (memory_first_ms: its grams'
    postings read; memory_ms: kept); with --baseline, that commit's query on the same database, seconds apart."""
    sql, names = named_queries()["explorer/search_policies"]
    base = {**page_params(con), **OVERRIDES["explorer/search_policies"]}
    scorer = Scorer(lambda name, p: con.execute(*db.query_for(name, p)[1:]).fetchnumpy())
    out = {}
    for q in SEARCHES:
        out[q] = {}
        for key, extra in (("", {}), ("filtered_", SEARCH_FILTER)):
            params = {**base, **extra, "grams": query_grams(q) or [q], "phrase": q}
            args = {k: v for k, v in params.items() if k in names}
            rows = con.execute(sql, args).fetchall()
            out[q].update({f"{key}ms": median_ms(lambda: con.execute(sql, args).fetchall(), repeat),
                           f"{key}rows": len(rows), f"{key}total": rows[0][-2] if rows else 0})
            if scored_in_memory(params["grams"]):    # as the explorer runs it: its first time, then its grams kept
                search = {k: v for k, v in args.items() if k not in NOT_SCORED}
                run = lambda **p: con.execute(sql, p).fetchall()     # noqa: E731
                start = time.perf_counter()
                first = search_rows(scorer, run, search)
                out[q].update({f"{key}memory_first_ms": round((time.perf_counter() - start) * 1000, 2),
                               f"{key}memory_ms": median_ms(lambda: search_rows(scorer, run, search), repeat),
                               f"{key}memory_same_rows": first == rows})
            if "explorer/search_policies" in BASELINE:
                old_sql, old_names = BASELINE["explorer/search_policies"]
                old_args = {k: v for k, v in params.items() if k in old_names}
                out[q].update({f"{key}baseline_ms": median_ms(lambda: con.execute(old_sql, old_args).fetchall(), repeat),
                               f"{key}baseline_same_rows": con.execute(old_sql, old_args).fetchall() == rows})
    return out


def bare_size(db: Path) -> int:
    """Bytes of the same data without constraints, indexes, search index or aggregates."""
    bare = db.with_name(db.stem + ".bare.duckdb")
    bare.unlink(missing_ok=True)
    con = duckdb.connect(str(bare))
    con.execute("ATTACH ? AS src (READ_ONLY)", [str(db)])
    for table in BASE_TABLES:
        con.execute(f"CREATE TABLE {table} AS SELECT * FROM src.{table}")
    con.execute("DETACH src")
    con.execute("CHECKPOINT")
    con.close()
    size = bare.stat().st_size
    bare.unlink()
    return size


TIME = Path("/usr/bin/time")   # GNU time


def run_child(cmd: list[str], must: bool = True) -> tuple[float, float, str]:
    """(seconds, peak RSS MiB, stdout) of a child process; a failure stops the run only when `must`.

    The peak is GNU time's report when it is installed: Linux carries a parent's resident size at fork over an
    exec into the child's ru_maxrss, so wait4 would report this process's memory (a database open) for a small
    child; time is a small process, and the child it forks starts clean."""
    start = time.perf_counter()
    report = RESULTS / f".time-{os.getpid()}.txt"
    timed = [str(TIME), "-f", "%M", "-o", str(report)] + cmd if TIME.exists() else cmd
    proc = subprocess.Popen(timed, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if report.exists():
        lines = report.read_text().split()
        report.unlink()
        if lines and lines[-1].isdigit():
            usage = SimpleNamespace(ru_maxrss=int(lines[-1]))
    if proc.returncode and must:
        raise SystemExit(f"{' '.join(cmd)} failed with exit code {proc.returncode}")
    if proc.returncode:
        print(f"  {' '.join(cmd)} failed with exit code {proc.returncode}; its figures are left out", flush=True)
        out = ""
    return time.perf_counter() - start, usage.ru_maxrss / 1024, out


def measure(label: str, db: Path, build_cmd: list[str] | None, repeat: int, pages: bool, page_repeat: int = 3,
            alone: bool = False) -> dict:
    if build_cmd is None:     # an existing database (--db): timed as it is, not rebuilt
        print(f"\n== {label}: {db} (existing) ...", flush=True)
        build_s = build_rss = None
    else:
        print(f"\n== {label}: building {db.name} ...", flush=True)
        for old in (db, db.with_name(db.name + ".wal")):
            old.unlink(missing_ok=True)
        build_s, build_rss, _ = run_child(build_cmd)
    con = duckdb.connect(str(db), read_only=True)
    n = con.execute("SELECT count(*) FROM policies").fetchone()[0]
    n_terms = con.execute("SELECT count(*) FROM terms").fetchone()[0]
    result = {"policies": n, "terms": n_terms, "build_s": None if build_s is None else round(build_s, 1),
              "build_peak_rss_mib": None if build_rss is None else round(build_rss),
              "db_mib": round(db.stat().st_size / 2**20, 1)}
    con.close()
    result["bare_mib"] = round(bare_size(db) / 2**20, 1)
    con = duckdb.connect(str(db), read_only=True)
    result["queries"] = time_queries(con, repeat)
    result["search"] = time_searches(con, repeat)
    con.close()
    if pages:
        _, rss, out = run_child([PY, "-m", "benchmarks.pages", "--db", str(db), "--repeat", str(page_repeat)], must=False)
        if out.strip():
            result["pages"] = json.loads(out.strip().splitlines()[-1])
            result["server_peak_rss_mib"] = result["pages"].pop("peak_rss_mib")
        # each page alone in a fresh process (the app's home page runs first, as a visitor's first request):
        # which page holds the memory (for the largest database only: it takes as long again)
        from benchmarks.pages import WIDGETS
        result["page_alone_peak_mib"] = {}
        for page in WIDGETS if alone else []:
            _, rss, out = run_child([PY, "-m", "benchmarks.pages", "--db", str(db), "--repeat", "1", "--pages", page],
                                    must=False)
            if out.strip():   # the page process's own peak (VmHWM)
                result["page_alone_peak_mib"][page] = round(json.loads(out.strip().splitlines()[-1])["peak_rss_mib"])
    report(label, result)
    return result


def report(label: str, r: dict) -> None:
    print(f"{label}: {r['policies']:,} policies, {r['terms']:,} terms; build {r['build_s']} s "
          f"(peak RSS {r['build_peak_rss_mib']} MiB); file {r['db_mib']:,} MiB, same data without indexes "
          f"{r['bare_mib']:,} MiB ({r['db_mib'] / max(r['bare_mib'], 0.1):.1f}×)"
          + (f"; server peak RSS {r['server_peak_rss_mib']} MiB" if "server_peak_rss_mib" in r else ""))
    print(f"  {'query':<32} {'ms':>9} {'floor ms':>9} {'ratio':>6} {'rows':>8} {'baseline ms':>11}")
    for name, q in r["queries"].items():
        floor = f"{q['floor_ms']:9.1f} {q['ratio']:6.1f}" if "floor_ms" in q else f"{'—':>9} {'':>6}"
        mark = "" if q.get("floor_rows", q["rows"]) == q["rows"] else f"  (floor returns {q['floor_rows']} rows)"
        base = (f" {q['baseline_ms']:11.1f}" + ("" if q["baseline_same_rows"] else " (other rows)")
                if "baseline_ms" in q else (" baseline failed" if "baseline_error" in q else ""))
        print(f"  {name:<32} {q['ms']:9.1f} {floor} {q['rows']:8,}{base}{mark}")
    print("  search: " + ", ".join(f"{q} {s['ms']:.0f} ms ({s['rows']})"
                                   + (f" [baseline {s['baseline_ms']:.0f} ms]" if "baseline_ms" in s else "")
                                   + (f" [in memory {s['memory_first_ms']:.0f} ms, then {s['memory_ms']:.0f}"
                                      + ("" if s["memory_same_rows"] else ", other rows") + "]"
                                      if "memory_ms" in s else "")
                                   + (f", {s['filtered_ms']:.0f} ms filtered" if "filtered_ms" in s else "")
                                   for q, s in r["search"].items()))
    if "pages" in r:
        print(f"  {'page (AppTest)':<16} {'first ms':>9} {'change ms':>9} {'cleared':>9} {'cached':>9} {'RSS MiB':>8}"
              f" {'alone MiB':>8}")
        for page, p in r["pages"].items():
            alone = r.get("page_alone_peak_mib", {}).get(page)
            print(f"  {page:<16} {p['first_ms']:9.0f} {p.get('rerun_new_ms', 0):9.0f} {p['rerun_ms']:9.0f} {p['rerun_hit_ms']:9.0f}"
                  f" {p.get('rss_mib', 0):8.0f} {alone or 0:8.0f}"
                  + (f"  errors: {p['errors']}" if p["errors"] else ""))


def git_name() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True,
                               text=True).stdout.strip()
        return head + ("-dirty" if dirty else "")
    except OSError:
        return "unknown"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.speed", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000", help="generated sizes, comma-separated")
    parser.add_argument("--million", action="store_true", help="also 1,000,000 policies (about 20 minutes)")
    parser.add_argument("--name", default=None, help="results/<name>.json (default: the git commit)")
    parser.add_argument("--work", type=Path, default=Path(os.environ.get("BENCH_DIR", "/tmp/sme-bench")),
                        help="where the databases are built")
    parser.add_argument("--no-pages", action="store_true", help="skip the AppTest page timings")
    parser.add_argument("--no-corpus", action="store_true", help="skip the corpus")
    parser.add_argument("--skip", default="", help="named queries not to time, comma-separated")
    parser.add_argument("--db", action="append", default=[], metavar="LABEL=PATH",
                        help="also time an existing database as it is (read-only, not rebuilt), e.g. 1000k=/data/1m.duckdb")
    parser.add_argument("--baseline", default=None,
                        help="a commit whose queries are timed too, on the same databases (before and after in one run)")
    args = parser.parse_args(argv)
    SKIP.update(s for s in args.skip.split(",") if s)
    if args.baseline:
        BASELINE.update(baseline_queries(args.baseline))
    sizes = [int(s) for s in args.sizes.split(",") if s] + ([1_000_000] if args.million else [])
    args.work.mkdir(parents=True, exist_ok=True)
    name = args.name or git_name()
    results = {"name": name, "commit": git_name(), "baseline": args.baseline, "when": time.strftime("%Y-%m-%d %H:%M:%S"),
               "machine": f"{platform.machine()}, {os.cpu_count()} cores", "datasets": {}}
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{name}.json"

    def save() -> None:   # after each dataset, so a long run that is stopped keeps what it measured
        path.write_text(json.dumps(results, indent=1, ensure_ascii=False, default=str), encoding="utf-8")

    if not args.no_corpus:
        corpus = args.work / "corpus.duckdb"
        results["datasets"]["corpus"] = measure("corpus", corpus, [PY, "-m", "data.pipeline", "--quiet", "--out", str(corpus)],
                                                repeat=7, pages=not args.no_pages)
        save()
    for n in sizes:
        db = args.work / f"gen_{n}.duckdb"
        results["datasets"][f"{n // 1000}k"] = measure(
            f"{n:,} generated policies", db, [PY, "-m", "benchmarks.generate", "--policies", str(n), "--out", str(db)],
            repeat=5 if n < 1_000_000 else 3, pages=not args.no_pages, page_repeat=3 if n < 1_000_000 else 1,
            alone=n == max(sizes))
        db.unlink(missing_ok=True)
        save()
    for spec in args.db:
        label, _, where = spec.partition("=")
        results["datasets"][label] = measure(f"{label} (existing database)", Path(where), None, repeat=3,
                                             pages=not args.no_pages, page_repeat=1)
        save()
    print(f"\nwritten {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
