"""RSS and Atom feeds to articles, through feedparser: one article per entry."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

from eventcoder.errors import InputError
from eventcoder.read import article_from_object
from eventcoder.read.common import IngestErrors, SourceItem, SourceOptions, read_bytes
from eventcoder.read.html import fragment_text


def _entry_date(entry: Any) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
    return None


def articles_from_feed(data: bytes, source: str, opts: SourceOptions,
                       follow: Callable[[str], SourceItem | None] | None = None) -> Iterator[SourceItem]:
    """One article per RSS/Atom entry (its content, else its summary).

    `follow`, when given, fetches an entry's link for the full page; a feed of
    headlines and one-line summaries is worth little without it.
    """
    import feedparser

    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries:
        detail = str(parsed.get("bozo_exception") or "no entries")
        yield InputError(IngestErrors.E041.format(source=source, detail=detail), source)
        return
    outlet = (parsed.get("feed") or {}).get("title") or None
    for i, entry in enumerate(entries):
        where = f"{source}#{i + 1}"
        link = entry.get("link") or None
        if follow is not None and link:
            page = follow(link)
            if page is not None:
                yield page
                continue
        body = ""
        if entry.get("content"):
            body = entry["content"][0].get("value", "")
        body = body or entry.get("summary", "") or ""
        obj = {"id": entry.get("id") or link or "", "title": entry.get("title") or None,
               "text": fragment_text(body), "url": link, "outlet": outlet}
        try:
            yield article_from_object(obj, where, _entry_date(entry) or opts.published)
        except InputError as err:
            yield err


def feed_file(path: str, opts: SourceOptions) -> Iterator[SourceItem]:
    """The articles of one feed file."""
    data = read_bytes(path, opts)
    if isinstance(data, InputError):
        yield data
        return
    yield from articles_from_feed(data, path, opts)
