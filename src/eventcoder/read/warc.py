"""WARC and WARC.GZ archives to articles, through warcio.

One article per `response` record with status 200 and an HTML body, as in
Common Crawl News. A damaged archive (a cut-off download, a corrupt gzip
member) yields every complete record before the damage, then one error:
warcio alone stops quietly at a truncated member, so we check each record's
length and the gzip stream ourselves.
"""

from __future__ import annotations

import datetime as dt
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from eventcoder.errors import InputError
from eventcoder.read.common import IngestErrors, SourceItem, SourceOptions
from eventcoder.read.html import article_from_html


def _warc_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _drain(stream: Any) -> int:
    """Read the rest of a record; returns how many bytes it declared but did not have."""
    while stream.read(1 << 16):
        pass
    return int(getattr(stream, "limit", 0) or 0)


def _gzip_intact(path: str) -> str | None:
    """None when every gzip member of the file is complete, else what is wrong.

    warcio stops quietly at a truncated gzip member, so without this check a
    cut-off download would look like a shorter, complete archive.
    """
    import gzip

    try:
        with gzip.open(path, "rb") as fh:
            while fh.read(1 << 20):
                pass
    except (EOFError, OSError, zlib.error) as exc:
        return f"{type(exc).__name__}: {exc}"
    return None


def _html_record(record: Any, path: str, index: int, opts: SourceOptions) -> SourceItem | None:
    """The article of one WARC record, when it is a successful HTML response."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    if record.http_headers.get_statuscode() != "200":
        return None
    if "html" not in (record.http_headers.get_header("Content-Type") or "").lower():
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI")
    where = f"{path}:{uri or index}"
    if (record.length or 0) > opts.max_file_bytes:
        return InputError(IngestErrors.E045.format(source=where, size=record.length,
                                                   limit=opts.max_file_bytes), where)
    body = record.content_stream().read()
    if _drain(record.raw_stream):
        return None  # a cut-off record; reported with the file
    crawled = _warc_date(record.rec_headers.get_header("WARC-Date"))
    return article_from_html(body, where, opts, url=uri, fallback_date=crawled)


def warc_file(path: str, opts: SourceOptions) -> Iterator[SourceItem]:
    """One article per HTML response record; a broken tail is one error after the good records."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    count = 0
    problem = None
    try:
        with open(path, "rb") as fh:
            records = ArchiveIterator(fh)
            for record in records:
                if record.rec_type is None or record.rec_headers.get_header("Content-Length") is None:
                    problem = f"record {count + 1} has incomplete headers"
                    break
                item = _html_record(record, path, count, opts)
                if _drain(record.raw_stream):
                    problem = f"record {count + 1} is cut off"
                    break
                count += 1
                if item is not None:
                    yield item
            size = Path(path).stat().st_size
            if problem is None and records.offset < size:
                problem = f"{size - records.offset} byte(s) after the last complete record"
            if problem is None and count == 0:
                problem = "no WARC records found"
    except (ArchiveLoadFailed, EOFError, OSError, zlib.error, ValueError) as exc:
        problem = f"{type(exc).__name__}: {exc}"[:200]
    if problem is None and path.lower().endswith(".gz"):
        problem = _gzip_intact(path)
    if problem is not None:
        yield InputError(IngestErrors.E042.format(source=path, count=count, detail=problem), path)
