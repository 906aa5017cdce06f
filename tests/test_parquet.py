"""The database as Parquet (data/pipeline/parquet.py): every named query answers the same from the files,
and a folder that is not a whole export is refused, naming the file."""
from __future__ import annotations

import json

import pytest

from benchmarks.speed import OVERRIDES, named_queries, page_params
from dashboard.db import DEFAULT_VIEW
from data.pipeline import parquet


@pytest.fixture(scope="module")
def exported(db_path, tmp_path_factory):
    out = tmp_path_factory.mktemp("parquet")
    manifest = parquet.export(db_path, out)
    return out, manifest


def test_every_table_is_written_with_its_rows(exported, con):
    out, manifest = exported
    assert set(manifest["tables"]) == set(parquet.tables(con))
    assert manifest["tables"]["policies"] == con.execute("SELECT count(*) FROM policies").fetchone()[0]
    assert all((out / f"{t}.parquet").exists() for t in manifest["tables"])


def test_every_named_query_gives_the_same_answer_from_parquet(exported, con):
    files = parquet.connect(exported[0])
    base = page_params(con)
    base["ids"] = [r[0] for r in con.execute("SELECT policy_id FROM policies ORDER BY 1 LIMIT 40").fetchall()]
    compared = 0
    for name, (sql, names) in named_queries().items():
        params = {**base, **OVERRIDES.get(name.removesuffix(DEFAULT_VIEW), {})}   # a default view's file: its query's
        args = {k: params[k] for k in names}
        assert files.execute(sql, args).fetchall() == con.execute(sql, args).fetchall(), name
        compared += 1
    assert compared >= 40


def test_the_parquet_connection_reads_nothing_else(exported):
    files = parquet.connect(exported[0])
    with pytest.raises(Exception, match="disabled|Permission"):
        files.execute("SELECT * FROM read_csv('/etc/passwd')").fetchall()


def test_a_half_copied_folder_is_refused_naming_the_file(exported, tmp_path):
    out, manifest = exported
    broken = tmp_path / "broken"
    broken.mkdir()
    for f in out.iterdir():
        (broken / f.name).write_bytes(f.read_bytes())
    (broken / "terms.parquet").write_bytes((out / "terms.parquet").read_bytes()[:500])   # cut off mid-upload
    with pytest.raises(parquet.ParquetError, match="terms.parquet"):
        parquet.connect(broken)
    fewer = dict(manifest, tables={**manifest["tables"], "policies": manifest["tables"]["policies"] + 1})
    (broken / "terms.parquet").write_bytes((out / "terms.parquet").read_bytes())
    (broken / "manifest.json").write_text(json.dumps(fewer), encoding="utf-8")
    with pytest.raises(parquet.ParquetError, match="policies.parquet: .* rows, the manifest says"):
        parquet.connect(broken)
    with pytest.raises(parquet.ParquetError, match="no manifest.json"):
        parquet.connect(tmp_path)
