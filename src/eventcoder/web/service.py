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
import logging
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
from eventcoder.web.index import EventIndex
from eventcoder.web.netguard import FetchFailed, UnsafeURL, UrlGuard
from eventcoder.web.queries import EventQuery

MAX_TEXT_CHARS = 500_000
log = logging.getLogger(__name__)


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
                 guard: UrlGuard | None = None, index_max_rows: int = 2_000_000,
                 duckdb_threads: int | None = 1) -> None:
        self.db_path = db_path
        self.read_only = read_only
        self.store = Store(db_path, read_only=read_only)
        if duckdb_threads:
            # Many small concurrent queries: one thread each beats every query fighting for all cores.
            self.store.con.execute(f"SET threads = {int(duckdb_threads)}")
        self.index_max_rows = index_max_rows
        self._index: EventIndex | None = None
        self._index_lock = threading.Lock()
        self._index_building = False
        self._index_thread: threading.Thread | None = None
        self._index_ready = threading.Event()
        self._index_state = "not built"
        self._gen = 0          # bumped by every write
        self._index_gen = -1   # the write generation the index was built at
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

    def index(self) -> EventIndex | None:
        """The in-memory event index when it is up to date, else None (and a rebuild is started).

        Building reads the whole store (seconds for 100,000 events), so it runs in a background
        thread; until it is ready, and for stores over `index_max_rows`, queries go to SQL.
        """
        with self._index_lock:
            if self._index is not None and self._index_gen == self._gen:
                return self._index
            if self.index_max_rows > 0 and not self._index_building:
                self._index_building = True
                self._index_thread = threading.Thread(target=self._build_index, name="event-index",
                                                      daemon=True)
                self._index_thread.start()
            return None

    def _build_index(self) -> None:
        try:
            while True:
                with self._index_lock:
                    gen = self._gen
                con = self.store.con.cursor()
                try:
                    clusters = con.execute("SELECT count(DISTINCT cluster_id) FROM events").fetchone()[0]
                    index = EventIndex.load(con) if clusters <= self.index_max_rows else None
                finally:
                    con.close()
                with self._index_lock:
                    if gen == self._gen:
                        self._index, self._index_gen = index, gen
                        self._index_state = "ready" if index is not None else "off (store too large)"
                        return
        except Exception:  # the SQL path still answers; say so in the status
            log.exception("building the event index failed")
            with self._index_lock:
                self._index_state = "failed"
        finally:
            with self._index_lock:
                self._index_building = False
            self._index_ready.set()

    def wait_for_index(self, timeout: float = 60.0) -> bool:
        """Block until an index build finishes (for tests and the load benchmark)."""
        self.index()
        return self._index_ready.wait(timeout) and self.index() is not None

    def status(self) -> dict[str, Any]:
        """What the server holds: store totals and the state of the index."""
        with self._index_lock:
            fresh = self._index is not None and self._index_gen == self._gen
            state = "ready" if fresh else ("building" if self._index_building else self._index_state)
        return {"store": self.db_path, "read_only": self.read_only, "index": state,
                **queries.totals(self.con())}

    def events_page(self, q: EventQuery) -> dict[str, Any]:
        """A page of the events table: from the index, or from SQL for text searches and huge stores."""
        index = None if q.text else self.index()
        if index is None:
            return queries.events_page(self.con(), q)
        return index.page(q)

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
                             url: str | None, source: str = "request", split_title: bool = False) -> Article:
        """A validated `Article` from pasted text, or from the page at `url` when there is no text.

        With `split_title` (the paste form) and no title given, a first line followed by a blank
        line is the title, as in a .txt file.
        """
        if text and text.strip():
            obj = {"text": text, "title": title or None, "published": published or None, "url": url or None}
            try:
                article = article_from_object(obj, source)
                if split_title and not title:
                    article = self._split_title(article, source)
                return article
            except InputError as exc:
                raise BadArticle(str(exc)) from None
        if url and url.strip():
            return self.fetch_article(url.strip(), title, published)
        raise BadArticle("the article text is empty: give the article's text, or a URL to fetch it from")

    @staticmethod
    def _split_title(article: Article, source: str) -> Article:
        from eventcoder.read import article_from_text

        split = article_from_text(article.text, source, article.published)
        split.url = article.url
        return split

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
            with self._index_lock:
                self._gen += 1
                self._index_ready.clear()
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
        """Close every cursor and the store (after an index build in progress finishes)."""
        self.index_max_rows = 0  # no new builds
        thread = self._index_thread
        if thread is not None:
            thread.join(timeout=120)
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
