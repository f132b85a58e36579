"""The web app's shared state: the store, the pipeline, and the locks that guard them.

FastAPI runs plain `def` endpoints in a thread pool. DuckDB connections are
not shared between threads, so each thread reads through its own cursor of
the store's connection (cursors see every committed write). Writes go
through the store's `Store.write` one at a time, under a lock, because its
deduplicating clusterer keeps state. The pipeline is built once, on first
use (or ahead of time by `warm_up`), and runs one article batch at a time.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import duckdb

from eventcoder.errors import InputError
from eventcoder.model import Article
from eventcoder.read import article_from_object
from eventcoder.store.db import Batch, Problem, Store
from eventcoder.store.rows import article_key, article_rows
from eventcoder.web import queries
from eventcoder.web.netguard import FetchFailed, UnsafeURL, UrlGuard

MAX_TEXT_CHARS = 500_000


class StoreReadOnly(RuntimeError):
    """A write was asked of a store opened read-only."""


class BadArticle(ValueError):
    """An article the user sent cannot be coded; the message says why."""


@dataclass
class StoreResult:
    """What a write did: the store ids of new and already-present articles, and failures."""

    stored: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    failed: list[dict[str, str]] = field(default_factory=list)


class Service:
    """One per app: owns the store connection and the pipeline."""

    def __init__(self, db_path: str, read_only: bool = False, pipeline: Any = None,
                 guard: UrlGuard | None = None) -> None:
        self.db_path = db_path
        self.read_only = read_only
        self.store = Store(db_path, read_only=read_only)
        self.guard = guard or UrlGuard()
        self._pipeline = pipeline
        self._local = threading.local()
        self._pipeline_lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._cursors: list[duckdb.DuckDBPyConnection] = []
        self._cursors_lock = threading.Lock()

    # --- reading ---------------------------------------------------------------------
    def con(self) -> duckdb.DuckDBPyConnection:
        """This thread's cursor on the store."""
        cur = getattr(self._local, "cursor", None)
        if cur is None:
            cur = self.store.con.cursor()
            self._local.cursor = cur
            with self._cursors_lock:
                self._cursors.append(cur)
        return cur

    # --- coding ----------------------------------------------------------------------
    def pipeline(self) -> Any:
        """The pipeline, built on first use."""
        with self._pipeline_lock:
            if self._pipeline is None:
                from eventcoder.pipeline import Pipeline

                self._pipeline = Pipeline()
            return self._pipeline

    def warm_up(self) -> None:
        """Build the pipeline now (the server calls this in the background at start-up)."""
        self.pipeline()

    def article_from_request(self, text: str | None, title: str | None, published: str | None,
                             url: str | None, source: str = "request") -> Article:
        """A validated `Article` from pasted text, or from the page at `url` when there is no text."""
        if text and text.strip():
            obj = {"text": text, "title": title or None, "published": published or None, "url": url or None}
            try:
                return article_from_object(obj, source)
            except InputError as exc:
                raise BadArticle(str(exc)) from None
        if url and url.strip():
            return self.fetch_article(url.strip(), title, published)
        raise BadArticle("give the article's text, or a URL to fetch it from")

    def fetch_article(self, url: str, title: str | None, published: str | None) -> Article:
        """Fetch and extract an article from a URL, through the guard (no private addresses)."""
        from eventcoder.read import parse_date
        from eventcoder.read.sources import SourceOptions, article_from_html

        try:
            pub = parse_date(published, url) if published else None
        except InputError as exc:
            raise BadArticle(str(exc)) from None
        page = self.guard.fetch(url)  # raises UnsafeURL / FetchFailed
        item = article_from_html(page.body, url, SourceOptions(published=pub, languages=()), url=page.url)
        if isinstance(item, InputError):
            raise BadArticle(str(item))
        if title:
            item.title = title
        if pub:
            item.published = pub
        return item

    def code(self, articles: Sequence[Article]) -> list[Article | InputError]:
        """Run the pipeline over articles, in order (one batch at a time for the whole app)."""
        for a in articles:
            if len(a.text) > MAX_TEXT_CHARS:
                raise BadArticle(f"{a.source_name}: the text has {len(a.text):,} characters; "
                                 f"the limit is {MAX_TEXT_CHARS:,}")
        pipe = self.pipeline()
        with self._pipeline_lock:
            return list(pipe.code(list(articles)))

    # --- writing -----------------------------------------------------------------------
    def write(self, articles: Sequence[Article], problems: Sequence[InputError] = ()) -> StoreResult:
        """Store coded articles (and their texts) in one transaction."""
        if self.read_only:
            raise StoreReadOnly("the store was opened read-only (serve without --read-only to write)")
        result = StoreResult(failed=[{"source": p.source, "message": str(p)} for p in problems])
        with self._write_lock:
            keys = [article_key(a) for a in articles]
            known = self.store.known(keys)
            fresh: list[Article] = []
            for a, k in zip(articles, keys):
                if k in known or k in result.stored:
                    result.already.append(k)
                else:
                    result.stored.append(k)
                    fresh.append(a)
            batch = Batch(articles=[article_rows(a) for a in fresh],
                          problems=[Problem(source=p.source, message=str(p)) for p in problems])
            self.store.write(batch)
            self._write_texts(fresh)
        return result

    def _write_texts(self, articles: Sequence[Article]) -> None:
        con = self.store.con
        if not articles or queries.has_column(con, "articles", "text"):
            return
        con.execute(f"CREATE TABLE IF NOT EXISTS {queries.TEXT_TABLE} "
                    "(article_id VARCHAR PRIMARY KEY, text VARCHAR NOT NULL)")
        con.execute(f"INSERT OR IGNORE INTO {queries.TEXT_TABLE} "  # noqa: S608 - a fixed table name
                    "SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[])",
                    [[article_key(a) for a in articles], [a.text for a in articles]])

    def close(self) -> None:
        """Close every cursor and the store."""
        with self._cursors_lock:
            for cur in self._cursors:
                try:
                    cur.close()
                except duckdb.Error:
                    pass
            self._cursors.clear()
        self.store.close()


def parse_day(value: str | None, name: str) -> dt.date | None:
    """A `YYYY-MM-DD` query value (empty means none); ValueError names the parameter."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{name}: {value!r} is not a date in the form YYYY-MM-DD") from None


__all__ = ["BadArticle", "FetchFailed", "Service", "StoreReadOnly", "StoreResult", "UnsafeURL",
           "parse_day"]
