"""What every ingest reader shares: options, messages, and the `Skipped` notice.

Kept apart from `eventcoder.read.sources` so that the format readers (HTML,
feeds, WARC) can use them without importing each other.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from eventcoder.errors import Errors, InputError
from eventcoder.model import Article
from eventcoder.read.fetch import Fetcher

SourceItem = Article | InputError


class IngestErrors:
    """Messages for problems only ingest meets (codes follow `eventcoder.errors`)."""

    E040 = "E040 {source}: no article text found in the HTML ({detail})"
    E041 = "E041 {source}: malformed or empty feed ({detail})"
    E042 = "E042 {source}: truncated or corrupt WARC after {count} record(s) ({detail})"
    E043 = "E043 {source}: cannot fetch ({detail})"
    E044 = "E044 {source}: the article is too long ({size:,} characters; the limit is {limit:,})"
    E045 = "E045 {source}: the file is too large ({size:,} bytes; the limit is {limit:,})"
    E046 = "E046 {source}: malformed CSV ({detail})"
    E047 = "E047 {source}: skipped: language {lang!r} is not one of {allowed} (p={prob:.2f})"


class Skipped(InputError):
    """A readable input deliberately not coded (say, not in English).

    A subclass of `InputError` so that it passes through the pipeline like any
    unreadable input, but ingest records it as skipped, not as a failure.
    """


@dataclass
class SourceOptions:
    """How sources are read.

    published: the date for articles whose source gives none.
    languages: ISO 639-1 codes we code; others are skipped. Empty: no check.
    min_language_prob: a text is only skipped when the detector is this sure.
    max_chars: longer articles are refused (spaCy's default `max_length`).
    max_file_bytes: single-article files above this are refused unread.
    fetcher: the polite HTTP client for URLs.
    """

    published: dt.date | None = None
    languages: tuple[str, ...] = ("en",)
    min_language_prob: float = 0.9
    max_chars: int = 1_000_000
    max_file_bytes: int = 20_000_000
    fetcher: Fetcher = field(default_factory=Fetcher)


def read_bytes(path: str, opts: SourceOptions) -> bytes | InputError:
    """A file's bytes, or why it cannot be read (missing, unreadable, over the size limit)."""
    p = Path(path)
    if not p.exists():
        return InputError(Errors.E001.format(source=path), path)
    try:
        size = p.stat().st_size
        if size > opts.max_file_bytes:
            return InputError(IngestErrors.E045.format(source=path, size=size, limit=opts.max_file_bytes),
                              path)
        return p.read_bytes()
    except OSError as exc:
        return InputError(Errors.E009.format(source=path, detail=exc.strerror or exc), path)
