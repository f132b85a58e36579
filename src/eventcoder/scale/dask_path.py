"""`ingest --dask`: the same pipeline on a Dask distributed cluster, writing Parquet.

The client reads the sources (as a local ingest does), cuts the articles into
chunks and sends each chunk to the cluster. A task codes its chunk with the
worker's pipeline (built once per worker process) and writes the chunk's
rows as Parquet files (see `eventcoder.store.parquet` for the layout), so no
single writer becomes the bottleneck. Chunks are named by a hash of their
articles' ids: a rerun skips the chunks already done and rewrites any chunk
a crash left half-written. When every chunk is in, the client clusters the
events (deduplication spans chunks) and DuckDB can query the folder:
`eventcoder query --db OUT/`.
"""

from __future__ import annotations

import hashlib
import shutil
import time
from collections import deque
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventcoder.errors import EventcoderError, InputError
from eventcoder.model import Article
from eventcoder.read.sources import Skipped, SourceOptions, discover, estimate_count, iter_sources
from eventcoder.settings import Settings
from eventcoder.store.db import Batch, Problem, Store
from eventcoder.store.ingest import IngestReport, Progress
from eventcoder.store.parquet import ParquetStore, chunk_files, done_chunks, write_chunk
from eventcoder.store.rows import article_key

if TYPE_CHECKING:  # pragma: no cover
    from distributed import Client


class TaskFailed(EventcoderError):
    """A chunk could not be coded on the cluster (the pipeline failed to build, a worker died)."""


@lru_cache(maxsize=2)
def worker_pipeline(settings: Settings):
    """The pipeline of this worker process, built on its first chunk and kept."""
    from eventcoder.pipeline import Pipeline

    return Pipeline(settings)


@dataclass
class ChunkResult:
    """What a task reports back: small, so the scheduler never carries rows."""

    chunk: str
    stored: int
    events: int
    failed: list[str]


def code_chunk_to_parquet(articles: list[Article], problems: list[Problem], settings: Settings,
                          out: str, chunk: str, seq_base: int) -> ChunkResult:
    """Code one chunk on a worker and write it as Parquet (runs on the cluster)."""
    from eventcoder.scale.pool import code_chunk

    coded = code_chunk(worker_pipeline(settings), articles)
    batch = Batch(problems=list(problems))
    failed = []
    for item in coded:
        if isinstance(item, Problem):
            batch.problems.append(item)
            failed.append(item.message)
        else:
            batch.articles.append(item)
    with Store(":memory:", first_seq=seq_base) as store:  # seq: the chunk's place in the ingest
        store.write(batch)
        write_chunk(store, Path(out), chunk)
    return ChunkResult(chunk=chunk, stored=len(batch.articles),
                       events=sum(len(a.events) for a in batch.articles), failed=failed)


def _chunk_id(articles: list[Article], problems: list[Problem]) -> str:
    h = hashlib.sha1()
    for a in articles:
        h.update(article_key(a).encode())
    for p in problems:
        h.update(p.message.encode())
    return h.hexdigest()[:20]


def _known(out: Path) -> tuple[set[str], set[tuple[str, str]], int]:
    """What finished chunks hold: article ids, recorded problems, and the next free `seq`."""
    import duckdb

    chunks = done_chunks(out)
    con = duckdb.connect()
    problems: set[tuple[str, str]] = set()
    for table, column in (("errors", "message"), ("skipped", "reason")):
        files = chunk_files(out, table, chunks)
        if files:
            problems |= set(con.read_parquet(files).select(f"source, {column}").fetchall())
    files = chunk_files(out, "articles", chunks)
    rows = con.read_parquet(files).select("article_id, seq").fetchall() if files else []
    con.close()
    return {r[0] for r in rows}, problems, max((r[1] for r in rows), default=0) + 1


def _client(address: str, workers: int) -> Client:
    from distributed import Client, LocalCluster

    if address == "local":
        from eventcoder.scale.pool import resolve_workers

        return Client(LocalCluster(n_workers=resolve_workers(workers), threads_per_worker=1,
                                   processes=True, dashboard_address=None))
    return Client(address)


def ingest_dask(sources: list[str], address: str | None, out: str, settings: Settings,
                options: SourceOptions, batch_size: int = 64, progress: Progress | None = None,
                client: Client | None = None, workers: int = 0) -> IngestReport:
    """Ingest `sources` on a Dask cluster into the Parquet store folder `out`."""
    own = client is None
    client = client or _client(address or "local", workers)
    try:
        return _run(client, sources, Path(out), settings, options, batch_size, progress or Progress())
    finally:
        if own:
            cluster = getattr(client, "cluster", None)
            client.close()
            if cluster is not None:
                cluster.close()


def _run(client: Client, sources: list[str], out: Path, settings: Settings, options: SourceOptions,
         batch_size: int, progress: Progress) -> IngestReport:
    out.mkdir(parents=True, exist_ok=True)
    report = IngestReport()
    t0 = time.monotonic()
    paths = list(discover(sources))
    progress.start(estimate_count(paths))
    known, recorded, seq = _known(out)
    done = done_chunks(out)
    in_flight: deque[tuple[Any, int]] = deque()
    limit = 2 * max(1, len(client.scheduler_info().get("workers", {})))

    def collect(wait_for: int) -> None:
        while len(in_flight) > wait_for:
            future, n_items = in_flight.popleft()
            try:
                result: ChunkResult = future.result()
            except Exception as exc:  # a worker error, re-raised here by Dask
                raise TaskFailed(f"a Dask task failed ({type(exc).__name__}: {exc}); finished "
                                 "chunks are kept, so rerun to resume") from exc
            report.stored += result.stored
            report.events += result.events
            for message in result.failed:
                report.failed += 1
                report.problems.append(message)
                progress.problem(message, False)
            report.seconds = time.monotonic() - t0
            progress.advance(n_items, report)

    items = iter_sources(paths, options)
    while batch := list(islice(items, batch_size)):
        fresh: list[Article] = []
        problems: list[Problem] = []
        for item in batch:
            if isinstance(item, InputError):
                skipped = isinstance(item, Skipped)
                if (item.source, str(item)) not in recorded:
                    recorded.add((item.source, str(item)))
                    problems.append(Problem(item.source, str(item), skipped))
                report.skipped += skipped
                if not skipped:
                    report.failed += 1
                    report.problems.append(str(item))
                progress.problem(str(item), skipped)
                continue
            report.read += 1
            key = article_key(item)
            if key in known:
                report.already += 1
                continue
            known.add(key)
            fresh.append(item)
        chunk = _chunk_id(fresh, problems)
        if (not fresh and not problems) or chunk in done:  # nothing new, or recorded by a past run
            progress.advance(len(batch), report)
            continue
        future = client.submit(code_chunk_to_parquet, fresh, problems, settings, str(out), chunk, seq,
                               key=f"eventcoder-chunk-{chunk}", pure=False)
        in_flight.append((future, len(batch)))
        seq += len(fresh)
        collect(limit)
    collect(0)
    shutil.rmtree(out / "_tmp", ignore_errors=True)
    with ParquetStore(out) as store:
        store.recluster()
    report.seconds = time.monotonic() - t0
    progress.stop(report)
    return report
