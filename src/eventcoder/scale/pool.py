"""Coding chunks of articles in worker processes, in order.

spaCy's parse holds the GIL, so threads do not help; processes do. Each
worker has its own `Pipeline`, built once (or inherited from the parent by
fork), codes the chunks it is sent and returns them as store rows, which
pickle small: the spaCy `Doc` never crosses a process boundary. The parent keeps reading
sources and writing to the store while the workers code, and results come
back in the order the chunks were sent, so an ingest with four workers
stores exactly what an ingest with one stores.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TYPE_CHECKING

from eventcoder.errors import InputError
from eventcoder.model import Article
from eventcoder.settings import Settings
from eventcoder.store.db import Problem
from eventcoder.store.rows import ArticleRows, article_rows

if TYPE_CHECKING:  # pragma: no cover
    from eventcoder.pipeline import Pipeline

Coded = ArticleRows | Problem
Coder = Callable[[Iterable[list[Article]]], Iterator[list[Coded]]]


def code_chunk(pipeline: Pipeline, articles: list[Article]) -> list[Coded]:
    """Code articles and turn each into store rows, or a problem naming it."""
    out: list[Coded] = []
    for item in pipeline.code(articles):
        if isinstance(item, InputError):
            out.append(Problem(source=item.source, message=str(item)))
        else:
            item.doc = None
            out.append(article_rows(item))
    return out


def in_process(pipeline: Pipeline) -> Coder:
    """A coder that runs the pipeline here, chunk by chunk."""
    def run(chunks: Iterable[list[Article]]) -> Iterator[list[Coded]]:
        for chunk in chunks:
            yield code_chunk(pipeline, chunk)
    return run


class _Worker:
    """The per-process pipeline; a class attribute set once by the initialiser.

    A worker process is single-purpose, so holding its pipeline here is the
    process's own state, not shared module state.
    """

    pipeline: Pipeline | None = None


def _die_with_parent() -> None:
    """Ask Linux to stop this worker when the ingest process dies, even by SIGKILL.

    Otherwise `kill -9` on an ingest leaves its workers waiting forever for
    chunks that will never come. Elsewhere this is a no-op.
    """
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    pr_set_pdeathsig = 1
    try:
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)
    except (OSError, AttributeError):  # pragma: no cover - no prctl in this libc
        pass


def _build_worker(settings: Settings) -> None:
    from eventcoder.pipeline import Pipeline

    _die_with_parent()
    _Worker.pipeline = Pipeline(settings)


def _adopt_worker(pipeline: Pipeline) -> None:
    _die_with_parent()
    _Worker.pipeline = pipeline  # inherited from the parent by fork: nothing to load


def _ready() -> bool:
    return _Worker.pipeline is not None


def _run_chunk(articles: list[Article]) -> list[Coded]:
    if _Worker.pipeline is None:  # pragma: no cover - the initialiser always runs first
        raise RuntimeError("worker pipeline not initialised")
    return code_chunk(_Worker.pipeline, articles)


def resolve_workers(n: int) -> int:
    """`0` means one worker per core the process may use."""
    if n > 0:
        return n
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _split(chunk: list[Article], parts: int) -> list[list[Article]]:
    """`chunk` cut into at most `parts` consecutive pieces of near-equal size."""
    size = max(1, -(-len(chunk) // parts))
    return [chunk[i:i + size] for i in range(0, len(chunk), size)] or [[]]


class ProcessPool:
    """A coder that spreads chunks over worker processes, keeping results in order.

    Given a built `pipeline`, workers are forked from this process and share
    its loaded models (copy-on-write), so starting them costs nothing; create
    the pool before opening a database, so no database threads are forked.
    Without one (or where fork is unavailable), workers are spawned and each
    builds its pipeline from `settings`. Workers are started, and their
    pipelines ready, when the pool is created.

    Each chunk (one committed batch) is cut into one piece per worker, so
    every worker is busy on every batch; the pieces are put back together in
    order. At most `ahead` batches are in flight, so a corpus larger than
    memory streams through.
    """

    def __init__(self, settings: Settings, workers: int, pipeline: Pipeline | None = None,
                 ahead: int = 2) -> None:
        self.workers = workers
        self.ahead = ahead
        if pipeline is not None and "fork" in multiprocessing.get_all_start_methods():
            ctx, init, args = multiprocessing.get_context("fork"), _adopt_worker, (pipeline,)
        else:
            ctx, init, args = multiprocessing.get_context("spawn"), _build_worker, (settings,)
        self.executor = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=init,
                                            initargs=args)
        for future in [self.executor.submit(_ready) for _ in range(workers)]:
            future.result()

    def __call__(self, chunks: Iterable[list[Article]]) -> Iterator[list[Coded]]:
        pending: deque[list[Future[list[Coded]]]] = deque()
        it = iter(chunks)
        exhausted = False
        while True:
            while not exhausted and len(pending) < self.ahead:
                chunk = next(it, None)
                if chunk is None:
                    exhausted = True
                    break
                pending.append([self.executor.submit(_run_chunk, piece)
                                for piece in _split(chunk, self.workers)])
            if not pending:
                return
            yield [coded for future in pending.popleft() for coded in future.result()]

    def close(self) -> None:
        """Stop the worker processes."""
        self.executor.shutdown(cancel_futures=True)

    def __enter__(self) -> ProcessPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
