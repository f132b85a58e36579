"""Ingest: sources → pipeline (here or in worker processes) → the event store.

The parent process reads the sources, drops the articles the store already
holds (so a rerun after a crash resumes instead of starting over), hands the
rest to the coder in chunks, and writes each coded chunk, with the inputs
that failed or were skipped, in one transaction. Bad inputs are reported as
one line each and never stop the run.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from eventcoder.errors import InputError
from eventcoder.model import Article
from eventcoder.read.sources import Skipped, SourceItem, SourceOptions, discover, estimate_count, iter_sources
from eventcoder.store.db import Batch, Problem, Store
from eventcoder.store.rows import ArticleRows, article_key


@dataclass
class IngestReport:
    """What an ingest did, for the summary line and for tests."""

    read: int = 0          # articles read from the sources
    stored: int = 0        # new articles written
    already: int = 0       # articles the store (or this run) already had
    failed: int = 0        # inputs that could not be read or coded
    skipped: int = 0       # inputs deliberately not coded (language)
    events: int = 0        # event mentions written
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        """Articles read per second."""
        return self.read / self.seconds if self.seconds > 0 else 0.0

    def summary(self) -> str:
        """One line for the end of a run."""
        return (f"{self.stored} new article(s) stored, {self.already} already stored, "
                f"{self.events} event mention(s); {self.failed} failed, {self.skipped} skipped; "
                f"{self.read} read in {self.seconds:.1f} s ({self.rate:.1f} articles/s)")


@dataclass
class _Pending:
    """A batch on its way through the coder: what the parent already knows about it."""

    problems: list[Problem]
    n_items: int


class Progress:
    """Progress callbacks; the CLI's rich bar and the tests' silence both fit."""

    def start(self, total: int | None) -> None:
        """Called once, with the estimated number of articles (None when unknown)."""

    def advance(self, n: int, report: IngestReport) -> None:
        """Called after each committed batch, with the number of inputs it covered."""

    def problem(self, message: str, skipped: bool) -> None:
        """Called for each input that failed or was skipped."""

    def stop(self, report: IngestReport) -> None:
        """Called once at the end."""


def _batches(items: Iterator[SourceItem], size: int) -> Iterator[list[SourceItem]]:
    while True:
        chunk = list(islice(items, size))
        if not chunk:
            return
        yield chunk


def ingest(sources: Iterable[str], store: Store, coder: Callable[[Iterable[list[Article]]],
           Iterator[list[ArticleRows | Problem]]], options: SourceOptions | None = None,
           batch_size: int = 32, progress: Progress | None = None) -> IngestReport:
    """Read, code and store every article of `sources`; returns what happened.

    `coder` maps chunks of articles to chunks of store rows in order (see
    `eventcoder.scale.pool`). Nothing raises for a bad input.
    """
    options = options or SourceOptions()
    progress = progress or Progress()
    report = IngestReport()
    t0 = time.monotonic()
    paths = list(discover(sources))
    progress.start(estimate_count(paths))
    seen: set[str] = set()
    pending: deque[_Pending] = deque()

    def note(message: str, source: str, skipped: bool, problems: list[Problem]) -> None:
        problems.append(Problem(source=source, message=message, skipped=skipped))
        if skipped:
            report.skipped += 1
        else:
            report.failed += 1
            report.problems.append(message)
        progress.problem(message, skipped)

    def chunks() -> Iterator[list[Article]]:
        for batch in _batches(iter_sources(paths, options), batch_size):
            problems: list[Problem] = []
            fresh: list[Article] = []
            keys = {id(a): article_key(a) for a in batch if isinstance(a, Article)}
            known = store.known(list(keys.values()))
            for item in batch:
                if isinstance(item, InputError):
                    note(str(item), item.source, isinstance(item, Skipped), problems)
                    continue
                report.read += 1
                key = keys[id(item)]
                if key in known or key in seen:
                    report.already += 1
                    continue
                seen.add(key)
                fresh.append(item)
            pending.append(_Pending(problems=problems, n_items=len(batch)))
            yield fresh

    for coded in coder(chunks()):
        meta = pending.popleft()
        batch = Batch(problems=meta.problems)
        for item in coded:
            if isinstance(item, Problem):
                note(item.message, item.source, False, batch.problems)
            else:
                batch.articles.append(item)
                report.events += len(item.events)
        store.write(batch)
        report.stored += len(batch.articles)
        report.seconds = time.monotonic() - t0
        progress.advance(meta.n_items, report)
    report.seconds = time.monotonic() - t0
    progress.stop(report)
    return report
