"""Reading is a pure function of a file: serial, a process pool and a cluster engine (Dask's local
scheduler) give the same appearances, in the same order, and the same database."""
from __future__ import annotations

import pytest

from data.pipeline.build import RAW, build, read_all, read_source, read_sources
from tests.conftest import BUILD_DAY
from tests.test_build_pipeline import dump


def _summary(results):
    return [(row["file"], [(a.kind, a.line_start, a.line_end, a.title, a.doc_number) for a in found])
            for found, row in results]


@pytest.fixture(scope="module")
def serial():
    return _summary(read_all(read_sources(RAW).to_dict("records"), RAW, workers=1))


def test_a_process_pool_reads_what_a_single_process_reads(serial):
    assert _summary(read_all(read_sources(RAW).to_dict("records"), RAW, workers=2)) == serial


def test_dask_reads_what_a_single_process_reads(serial):
    bag = pytest.importorskip("dask.bag")
    rows = read_sources(RAW).to_dict("records")
    results = bag.from_sequence(rows, npartitions=len(rows)).map(read_source, raw=RAW).compute(scheduler="processes")
    assert _summary(results) == serial


def test_a_parallel_build_is_the_same_database(tmp_path, db_path):
    build(tmp_path / "parallel.duckdb", log=lambda *_: None, today=BUILD_DAY, workers=2)
    assert dump(tmp_path / "parallel.duckdb") == dump(db_path)
