"""Progress reporting for ingest: a rich bar on a terminal, a log line otherwise.

On a terminal the bar shows articles done, articles per second and an ETA
(when the number of articles can be estimated). Redirected to a file, a line
is printed after the first committed batch and then at most every few
seconds, so logs show that the run is alive without drowning in lines.
`--quiet` silences both; failed inputs are still reported, one line each.
"""

from __future__ import annotations

import sys
import time
from typing import IO

from eventcoder.store.ingest import IngestReport, Progress


def _say(stream: IO[str], message: str) -> None:
    stream.write(f"eventcoder: {message}\n")
    stream.flush()


class Quiet(Progress):
    """No progress; each failed input still gets its line on stderr."""

    def __init__(self, stream: IO[str] | None = None) -> None:
        self.stream = stream or sys.stderr

    def problem(self, message: str, skipped: bool) -> None:
        if not skipped:
            _say(self.stream, message)


class LogLines(Quiet):
    """Plain progress lines for logs (stderr is not a terminal)."""

    def __init__(self, stream: IO[str] | None = None, every: float = 5.0) -> None:
        super().__init__(stream)
        self.every = every
        self._last: float | None = None

    def advance(self, n: int, report: IngestReport) -> None:
        now = time.monotonic()
        if self._last is None or now - self._last >= self.every:
            self._last = now
            _say(self.stream, f"ingest: {report.read} read, {report.stored} stored "
                              f"({report.rate:.1f} articles/s)")

    def stop(self, report: IngestReport) -> None:
        _say(self.stream, report.summary())


class RichBar(Quiet):
    """A rich progress bar with articles/s and an ETA."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        super().__init__()
        self.console = Console(stderr=True)
        self.bar = Progress(
            TextColumn("[bold]ingest[/bold]"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[rate]:.1f} articles/s"), TimeElapsedColumn(),
            TextColumn("ETA"), TimeRemainingColumn(), console=self.console, transient=False)
        self.task = None

    def start(self, total: int | None) -> None:
        self.bar.start()
        self.task = self.bar.add_task("ingest", total=total, rate=0.0)

    def advance(self, n: int, report: IngestReport) -> None:
        self.bar.update(self.task, advance=n, rate=report.rate)

    def problem(self, message: str, skipped: bool) -> None:
        if not skipped:
            self.console.print(f"eventcoder: {message}", markup=False, highlight=False)

    def stop(self, report: IngestReport) -> None:
        self.bar.stop()
        self.console.print(report.summary(), markup=False, highlight=False)


def make_progress(quiet: bool) -> Progress:
    """The right progress reporter for where stderr goes."""
    if quiet:
        return Quiet()
    return RichBar() if sys.stderr.isatty() else LogLines()
