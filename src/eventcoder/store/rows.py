"""From a coded `Article` to rows of the store's tables.

Kept apart from the database code so that worker processes (and Dask tasks)
can turn articles into plain tuples, which pickle small and fast, and the
writer only inserts them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from eventcoder.model import Actor, Article, Place
from eventcoder.store.dedup import BlockKey, block_key


def content_hash(text: str) -> str:
    """sha1 of the text with runs of whitespace collapsed (re-wrapped copies hash alike)."""
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()


def normalise_url(url: str) -> str:
    """A URL without its fragment, with the scheme and host in lower case."""
    parts = urlsplit(url.strip())
    query = f"?{parts.query}" if parts.query else ""
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}{parts.path or '/'}{query}"


def identity(article: Article) -> str:
    """An article's identity: its URL when it has one, else the hash of its text."""
    if article.url and article.url.startswith(("http://", "https://")):
        return "url:" + normalise_url(article.url)
    return "sha1:" + content_hash(article.text)


def article_key(article: Article) -> str:
    """The article's primary key in the store, derived from its identity."""
    return hashlib.sha1(identity(article).encode("utf-8")).hexdigest()[:16]


def date_range(value: str | None) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day of a 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' period."""
    if not value:
        return None, None
    try:
        parts = [int(p) for p in value.split("-")[:3]]
        if len(parts) == 1:
            return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
        if len(parts) == 2:
            last = calendar.monthrange(parts[0], parts[1])[1]
            return dt.date(parts[0], parts[1], 1), dt.date(parts[0], parts[1], last)
        day = dt.date(*parts)
        return day, day
    except ValueError:
        return None, None


# The `events` and `articles` tables' columns, in order (see store/schema.py); rows follow them.
EVENT_COLUMNS = (
    "event_id", "article_id", "n", "cluster_id", "dedup_key",
    "source_code", "source_text", "source_name", "source_country", "source_sector",
    "target_code", "target_text", "target_name", "target_country", "target_sector",
    "cameo", "label", "plover", "mode", "goldstein", "quad_class", "factuality",
    "date", "date_start", "date_end", "sentence", "start", "end", "evidence", "trigger", "why",
    "confidence",
    "place_name", "place_country", "place_admin1", "place_lat", "place_lon", "place_geonameid",
    "place_feature",
)
ARTICLE_COLUMNS = (
    "article_id", "identity", "content_hash", "doc_id", "url", "outlet", "title", "author",
    "published", "language", "source", "n_chars", "n_events", "n_quotes", "seq",
)
SOURCE = ARTICLE_COLUMNS.index("source")
CLUSTER_ID = EVENT_COLUMNS.index("cluster_id")
DEDUP_KEY = EVENT_COLUMNS.index("dedup_key")
EVIDENCE = EVENT_COLUMNS.index("evidence")


def _actor(a: Actor | None) -> list[Any]:
    if a is None:
        return [None] * 5
    return [a.code, a.text, a.name, a.country, a.sector]


@dataclass
class ArticleRows:
    """Everything one article adds to the store, as plain tuples (cluster ids come later)."""

    article_id: str
    article: tuple
    events: list[list[Any]] = field(default_factory=list)
    keys: list[BlockKey] = field(default_factory=list)  # each event's dedup block key
    actors: list[tuple] = field(default_factory=list)
    quotes: list[tuple] = field(default_factory=list)
    times: list[tuple] = field(default_factory=list)


def _outlet(article: Article) -> str | None:
    if article.outlet:
        return article.outlet
    if article.url and "://" in article.url:
        host = urlsplit(article.url).netloc.lower()
        return host.removeprefix("www.") or None
    return None


def _place(p: Place | None) -> tuple:
    """The events table's place columns for an event's location."""
    if p is None:
        return (None,) * 7
    return (p.name or p.text, p.country, p.admin1, p.lat, p.lon, p.geonameid, p.feature)


def article_rows(article: Article) -> ArticleRows:
    """The rows of one coded article; `seq` and cluster ids are filled in by the store."""
    # ARTICLE_COLUMNS, less `seq`:
    aid = article_key(article)
    art = (aid, identity(article), content_hash(article.text), article.id or None, article.url,
           _outlet(article), article.title, article.extras.get("author"), article.published,
           article.extras.get("language"), article.source_name, len(article.text),
           len(article.events), len(article.quotes))
    rows = ArticleRows(article_id=aid, article=art)
    for n, e in enumerate(article.events):
        start, end = date_range(e.date)
        if e.date_end:  # a range of days ("June 27-30") ends on its last day
            end = dt.date.fromisoformat(e.date_end)
        rows.events.append([
            f"{aid}-{n}", aid, n, None, None, *_actor(e.source), *_actor(e.target),  # ids come later
            e.cameo, e.label, e.plover, e.mode, e.goldstein, e.quad_class, e.factuality,
            e.date, start, end, e.sentence, e.start, e.end, e.evidence, e.trigger, e.why,
            e.confidence, *_place(e.location)])
        rows.keys.append(block_key(e))
    for n, m in enumerate(article.mentions):
        rows.actors.append((aid, n, m.text, m.start, m.end, m.code, m.country, m.sector, m.name,
                            m.kind, m.why))
    for n, q in enumerate(article.quotes):
        sp = q.speaker
        rows.quotes.append((aid, n, q.text, q.start, q.end, q.kind, sp.text if sp else None,
                            sp.code if sp else None, sp.name if sp else None, q.cue))
    for n, t in enumerate(article.times):
        rows.times.append((aid, n, t.text, t.start, t.end, t.type, t.value, t.mod))
    return rows
