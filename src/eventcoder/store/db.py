"""The embedded event store: one DuckDB file, written in atomic batches.

Every batch of articles (with their events, actors, quotes and times, and the
inputs that failed or were skipped) is written in one transaction: a run
killed mid-way leaves every batch it committed and nothing of the one it was
writing, and a rerun skips the articles already stored and goes on. Only
this module writes SQL that changes the store; every value goes in as a
query parameter, never formatted into the SQL text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from eventcoder.errors import EventcoderError
from eventcoder.store.dedup import BlockKey, Clusterer
from eventcoder.store.rows import CLUSTER_ID, DEDUP_KEY, EVIDENCE, SOURCE, ArticleRows
from eventcoder.store.schema import ADDED_COLUMNS, SCHEMA_VERSION, TABLES, VIEWS

KEY_SEP = "\x1f"


class StoreError(EventcoderError):
    """The store cannot be opened or written (locked, not a DuckDB file, newer schema)."""


def encode_key(key: BlockKey) -> str:
    """A block key as one indexed string column."""
    return KEY_SEP.join(key)


def _code(message: str) -> str | None:
    head = message.split(" ", 1)[0]
    return head if len(head) == 4 and head[0] == "E" and head[1:].isdigit() else None


@dataclass
class Problem:
    """An input that failed (`skipped=False`) or was deliberately skipped."""

    source: str
    message: str
    skipped: bool = False


@dataclass
class Batch:
    """What one transaction writes."""

    articles: list[ArticleRows] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


class Store:
    """A DuckDB event store; use as a context manager or call `close()`."""

    def __init__(self, path: str | Path, read_only: bool = False, dedup_threshold: float = 0.6,
                 first_seq: int | None = None) -> None:
        self.path = str(path)
        self.read_only = read_only
        if read_only and self.path != ":memory:" and not Path(self.path).exists():
            raise StoreError(f"{self.path}: no such event store")
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.IOException as exc:
            raise StoreError(f"{self.path}: cannot open the event store ({_first_line(exc)})") from None
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: not an event store ({_first_line(exc)})") from None
        if not read_only:
            self._create()
        self._check_version()
        self.clusterer = Clusterer(lookup=self._lookup, threshold=dedup_threshold)
        self._sql: dict[str, str] = {}
        self._first_seq = first_seq or 1  # > 1 for a chunk of a larger ingest (scale/dask_path.py)
        self._reset_counters()

    # --- set-up ---------------------------------------------------------------
    def _create(self) -> None:
        self.con.execute("BEGIN TRANSACTION")
        self.con.execute(TABLES)
        for table, columns in ADDED_COLUMNS.items():  # a store made by an earlier release
            for name, dtype in columns:
                self.con.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {name} {dtype}")
        self.con.execute(VIEWS)
        self.con.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", [SCHEMA_VERSION])
        self.con.execute("COMMIT")

    def _check_version(self) -> None:
        try:
            rows = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
            row = rows[0] if rows else None
        except duckdb.CatalogException:
            raise StoreError(f"{self.path}: not an eventcoder event store") from None
        if row is None or row[0] != SCHEMA_VERSION:
            found = row[0] if row else "none"
            raise StoreError(f"{self.path}: store schema version {found}, this eventcoder reads "
                             f"{SCHEMA_VERSION}")

    def _reset_counters(self) -> None:
        self._next_seq = max(self._first_seq, self.con.execute(
            "SELECT coalesce(max(seq), 0) + 1 FROM articles").fetchall()[0][0])
        self.clusterer.next_id = self.con.execute(
            "SELECT coalesce(max(cluster_id), 0) + 1 FROM events").fetchall()[0][0]
        self.clusterer.forget()

    def _lookup(self, key: BlockKey) -> list[tuple[int, str]]:
        return self.con.execute(
            "SELECT e.cluster_id, e.evidence FROM events e JOIN articles a USING (article_id) "
            "WHERE e.dedup_key = ? ORDER BY a.seq, e.n", [encode_key(key)]).fetchall()

    # --- reading ---------------------------------------------------------------
    def known(self, article_ids: Sequence[str]) -> set[str]:
        """Which of these article ids are already stored."""
        if not article_ids:
            return set()
        rows = self.con.execute("SELECT article_id FROM articles WHERE list_contains(?, article_id)",
                                [list(article_ids)]).fetchall()
        return {r[0] for r in rows}

    def count(self, table: str) -> int:
        """Rows in one of the store's own tables or views."""
        return count_rows(self.con, table)

    # --- writing ------------------------------------------------------------------
    def write(self, batch: Batch) -> None:
        """Write one batch atomically (all of it, or, on any error, none of it)."""
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only")
        try:
            self.con.execute("BEGIN TRANSACTION")
            self._insert(batch)
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            self._reset_counters()  # the ids handed out in this batch were never stored
            raise

    def _insert(self, batch: Batch) -> None:
        present = self.known([r.article_id for r in batch.articles])
        events, actors, quotes, times, articles = [], [], [], [], []
        for rows in batch.articles:
            if rows.article_id in present:
                continue
            present.add(rows.article_id)
            articles.append((*rows.article, self._next_seq))
            self._next_seq += 1
            for ev, key in zip(rows.events, rows.keys):
                ev = list(ev)
                ev[CLUSTER_ID] = self.clusterer.assign(key, ev[EVIDENCE] or "")
                ev[DEDUP_KEY] = encode_key(key)
                events.append(ev)
            actors.extend(rows.actors)
            quotes.extend(rows.quotes)
            times.extend(rows.times)
        # An input stored now no longer counts as failed or skipped by an earlier run.
        sources = [a[SOURCE] for a in articles]
        if sources:
            for table in ("errors", "skipped"):
                self.con.execute(f"DELETE FROM {table} WHERE list_contains(?, source)",  # noqa: S608
                                 [sources])
        self._many("articles", articles)
        self._many("events", events)
        self._many("actors", actors)
        self._many("quotes", quotes)
        self._many("times", times)
        self._many("errors", [(p.source, _code(p.message), p.message)
                              for p in batch.problems if not p.skipped], ignore=True)
        self._many("skipped", [(p.source, _code(p.message), p.message)
                               for p in batch.problems if p.skipped], ignore=True)

    def _insert_sql(self, table: str, ignore: bool) -> str:
        """`INSERT ... SELECT unnest(?::T[]), ...`: one list parameter per column.

        Binding whole columns as lists is about fifty times faster than
        `executemany` over rows, and the values are still parameters.
        """
        cols = self.con.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_name = ? ORDER BY ordinal_position", [table]).fetchall()
        select = ", ".join(f"unnest(?::{dtype}[])" for _, dtype in cols)
        return f"INSERT {'OR IGNORE ' if ignore else ''}INTO {table} SELECT {select}"

    def _many(self, table: str, rows: Sequence[Sequence], ignore: bool = False) -> None:
        if not rows:
            return
        if table not in self._sql:
            self._sql[table] = self._insert_sql(table, ignore)
        columns = [list(col) for col in zip(*rows)]
        self.con.execute(self._sql[table], columns)

    # --- life cycle -------------------------------------------------------------------
    def close(self) -> None:
        """Close the connection (a checkpoint folds the write-ahead log into the file)."""
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


STORE_TABLES = frozenset({"articles", "events", "actors", "quotes", "times", "errors", "skipped",
                          "clusters", "event_clusters"})


def count_rows(con: duckdb.DuckDBPyConnection, table: str) -> int:
    """Rows in one of the store's tables (names are checked against a fixed list)."""
    if table not in STORE_TABLES:
        raise ValueError(f"no table {table!r}")
    return con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]  # noqa: S608


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().split("\n", 1)[0]
