"""`--workers 2` codes in two processes and stores exactly what one process stores."""

from __future__ import annotations

from pathlib import Path

from eventcoder.read.sources import SourceOptions
from eventcoder.scale.pool import ProcessPool, in_process, resolve_workers
from eventcoder.store.db import Store
from eventcoder.store.ingest import ingest
from test_store import dump

NEWS = Path(__file__).parent / "data" / "ingest" / "news"


def test_two_worker_processes_store_what_one_process_stores(pipeline, tmp_path):
    sources = [str(NEWS / name) for name in ("wires.jsonl", "feed.rss", "de-bericht.txt", "beijing.json")]
    dumps = []
    with ProcessPool(pipeline.settings, 2, pipeline) as forked, \
            ProcessPool(pipeline.settings, 1) as spawned:  # builds its own pipeline
        for name, coder in (("in-process.duckdb", in_process(pipeline)), ("forked.duckdb", forked),
                            ("spawned.duckdb", spawned)):
            with Store(tmp_path / name) as store:
                # batches of 3 inputs, each cut in pieces for the workers and put back in order
                report = ingest(sources, store, coder, SourceOptions(), batch_size=3)
                assert (report.stored, report.failed, report.skipped) == (5, 0, 1)
                dumps.append(dump(store.con))
    assert dumps[0] == dumps[1] == dumps[2]
    assert dumps[0]["times"] and dumps[0]["actors"]  # coded results, not just articles, came back


def test_zero_workers_means_one_per_core():
    assert resolve_workers(0) >= 1
    assert resolve_workers(3) == 3
