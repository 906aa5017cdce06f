"""The coverage table: per year × level × region, which sources hold how many policies, as what evidence.

A policy counts once per source it appears in, with the best kind of its appearances there (in the order of
data.reader.model.KINDS: a full text before a summary … before a register entry). The trends and map pages
read the same facts from the filtered policies (queries/*/coverage_*.sql); this table is the build's summary of
them for the overview, the README and anyone querying the database.
"""
from __future__ import annotations

import duckdb

from data.reader.model import KINDS

COVERAGE_SQL = """
INSERT INTO coverage
SELECT year(p.timeline_date) AS year, p.level, p.region_code, ps.source_id,
       arg_min(ps.kind, list_position($kinds, ps.kind)) AS evidence_kind, 1 AS policies
FROM v_policies p JOIN policy_sources ps USING (policy_id)
WHERE p.level IS NOT NULL AND p.region_code IS NOT NULL
GROUP BY p.policy_id, year(p.timeline_date), p.level, p.region_code, ps.source_id
"""


def write_coverage(con: duckdb.DuckDBPyConnection) -> int:
    """Fill `coverage` from the policies and their provenance; returns its number of rows."""
    con.execute("CREATE TEMP TABLE coverage_rows AS SELECT * FROM coverage LIMIT 0")
    con.execute(COVERAGE_SQL.replace("INSERT INTO coverage", "INSERT INTO coverage_rows"), {"kinds": list(KINDS)})
    con.execute("""
        INSERT INTO coverage
        SELECT year, level, region_code, source_id, evidence_kind, sum(policies)::INTEGER
        FROM coverage_rows GROUP BY ALL ORDER BY ALL""")
    con.execute("DROP TABLE coverage_rows")
    return con.execute("SELECT count(*) FROM coverage").fetchone()[0]
