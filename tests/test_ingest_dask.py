"""`ingest --dask`: the pipeline on a Dask LocalCluster, writing a Parquet store DuckDB queries."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventcoder.read.sources import SourceOptions
from eventcoder.scale.dask_path import ingest_dask
from eventcoder.scale.pool import in_process
from eventcoder.store.db import Store
from eventcoder.store.ingest import ingest
from eventcoder.store.parquet import ParquetStore, open_store
from eventcoder.store.query import Filters, query_events, stats
from test_store import dump

DATA = Path(__file__).parent / "data" / "ingest"


@pytest.fixture(scope="module")
def client():
    import distributed

    cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                       dashboard_address=None)
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


def test_dask_ingest_writes_a_parquet_store_equal_to_the_duckdb_one(client, pipeline, tmp_path):
    out = tmp_path / "parquet"
    sources = [str(DATA / "news"), str(DATA / "bad" / "latin.txt")]
    report = ingest_dask(sources, None, str(out), pipeline.settings, SourceOptions(), batch_size=4,
                         client=client)
    assert (report.stored, report.failed, report.skipped) == (11, 1, 1)
    assert sorted(p.name for p in out.iterdir()) == ["_done", "actors", "articles", "clusters",
                                                   "errors", "events", "quotes", "skipped", "times"]
    assert {p.parent.relative_to(out).as_posix() for p in (out / "events").rglob("*.parquet")} >= \
        {"events/year=2013/month=6"}
    with Store(tmp_path / "e.duckdb") as local:
        ingest(sources, local, in_process(pipeline), SourceOptions(), batch_size=4)
        expected = dump(local.con)
        with open_store(out) as pq:
            assert isinstance(pq, ParquetStore)
            assert dump(pq.con) == expected
            assert stats(pq.con) == stats(local.con)
            assert query_events(pq.con, Filters()) == query_events(local.con, Filters())


def test_dask_rerun_skips_finished_chunks(client, pipeline, tmp_path):
    out = tmp_path / "parquet"
    first = ingest_dask([str(DATA / "news")], None, str(out), pipeline.settings, SourceOptions(),
                        batch_size=5, client=client)
    files = sorted(p.name for p in out.rglob("*.parquet"))
    again = ingest_dask([str(DATA / "news")], None, str(out), pipeline.settings, SourceOptions(),
                        batch_size=5, client=client)
    assert (first.stored, again.stored, again.already) == (11, 0, 11)
    assert sorted(p.name for p in out.rglob("*.parquet")) == files
