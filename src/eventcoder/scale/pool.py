"""Coding chunks of articles in worker processes, in order.

spaCy's parse holds the GIL, so threads do not help; processes do. Each
worker builds its own `Pipeline` once (in the pool initialiser), codes the
chunks it is sent and returns them as store rows, which pickle small: the
spaCy `Doc` never crosses a process boundary. The parent keeps reading
sources and writing to the store while the workers code, and results come
back in the order the chunks were sent, so an ingest with four workers
stores exactly what an ingest with one stores.
"""

from __future__ import annotations

import multiprocessing
import os
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


def _init_worker(settings: Settings) -> None:
    from eventcoder.pipeline import Pipeline

    _Worker.pipeline = Pipeline(settings)


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


def process_pool(settings: Settings, workers: int, ahead: int = 2) -> Coder:
    """A coder that spreads chunks over `workers` processes, keeping results in order.

    Each chunk (one committed batch) is cut into one piece per worker, so
    every worker is busy on every batch; the pieces are put back together in
    order. At most `ahead` batches are in flight, so a corpus larger than
    memory streams through. Workers are started with "spawn": the parent
    holds an open DuckDB connection and threads that must not be forked.
    """
    def run(chunks: Iterable[list[Article]]) -> Iterator[list[Coded]]:
        ctx = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker,
                                 initargs=(settings,)) as pool:
            pending: deque[list[Future[list[Coded]]]] = deque()
            it = iter(chunks)
            exhausted = False
            while True:
                while not exhausted and len(pending) < ahead:
                    chunk = next(it, None)
                    if chunk is None:
                        exhausted = True
                        break
                    pending.append([pool.submit(_run_chunk, piece) for piece in _split(chunk, workers)])
                if not pending:
                    return
                yield [coded for future in pending.popleft() for coded in future.result()]
    return run
