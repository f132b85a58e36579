"""An in-memory index of the store's deduplicated events, for the events table and API.

Sorting and paging a filtered store in SQL costs tens of milliseconds per
request on a small machine (every request groups the mentions into clusters
again); an analyst's table and a busy API need a few. So the server keeps
one row per deduplicated event (its first mention in ingest order, with the
cluster's counts) in numpy arrays: filters are vectorised masks, the page is
an `argpartition`, and the page's rows are read from memory.

Every filter except the free-text one is the same for every mention of a
cluster (mentions cluster only when they share the dyad, type, factuality
and date), so filtering the first mentions matches the store's own "a
cluster matches when any mention does". Text searches, and stores larger
than `max_rows`, go to SQL instead (see `queries.events_page`). The index is
rebuilt after the server writes to the store; the server is the store's only
writer while it runs (DuckDB lets one process open a file for writing).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import duckdb
import numpy as np

from eventcoder.web.queries import EventQuery

BUILD_SQL = """
WITH first AS (
    SELECT DISTINCT ON (e.cluster_id) e.cluster_id, e.event_id, e.article_id, e.n, e.date, e.date_start,
           e.date_end, e.source_code, coalesce(e.source_name, e.source_text) AS source_name,
           e.source_country, e.target_code, coalesce(e.target_name, e.target_text) AS target_name,
           e.target_country, e.cameo, e.label, e.plover, e.mode, e.factuality, e.goldstein, e.quad_class,
           e.evidence, e.why, e.trigger, a.url, a.title, a.published, a.outlet
    FROM events e JOIN articles a USING (article_id)
    ORDER BY e.cluster_id, a.seq, e.n
), counts AS (
    SELECT e.cluster_id, count(*) AS num_mentions, count(DISTINCT e.article_id) AS num_articles,
           count(DISTINCT coalesce(a.outlet, a.article_id)) AS num_sources
    FROM events e JOIN articles a USING (article_id) GROUP BY e.cluster_id
)
SELECT * FROM first JOIN counts USING (cluster_id) ORDER BY cluster_id
"""

# Columns returned to clients, in the order of `queries.EVENT_COLUMNS` (less the internal ones).
ROW_COLUMNS = ("cluster_id", "event_id", "article_id", "n", "date", "source_code", "source_name",
               "source_country", "target_code", "target_name", "target_country", "cameo", "label",
               "plover", "mode", "factuality", "goldstein", "quad_class", "evidence", "why", "trigger",
               "url", "title", "published", "outlet", "num_mentions", "num_articles", "num_sources")
CATEGORICAL = ("source_code", "target_code", "source_country", "target_country", "plover", "cameo",
               "factuality")
NO_DATE = -1


@dataclass
class _Column:
    """A categorical column: sorted distinct values and each row's index into them (-1 for null)."""

    values: list[str]
    codes: np.ndarray

    @classmethod
    def build(cls, raw: list[str | None]) -> _Column:
        values = sorted({v for v in raw if v is not None})
        pos = {v: i for i, v in enumerate(values)}
        return cls(values, np.fromiter((pos.get(v, -1) if v is not None else -1 for v in raw),
                                       dtype=np.int32, count=len(raw)))

    def matching(self, test) -> np.ndarray:
        """Rows whose value passes `test` (a predicate on the string)."""
        ok = np.fromiter((i for i, v in enumerate(self.values) if test(v)), dtype=np.int32)
        return np.isin(self.codes, ok)


def _ordinal(d: dt.date | None) -> int:
    return d.toordinal() if d is not None else NO_DATE


class EventIndex:
    """Deduplicated events in memory; `page(q)` answers `EventQuery`s without text."""

    def __init__(self, rows: list[tuple], names: list[str]) -> None:
        col = {n: i for i, n in enumerate(names)}
        self.size = len(rows)
        self.cluster = np.fromiter((r[col["cluster_id"]] for r in rows), dtype=np.int64, count=self.size)
        self.start = np.fromiter((_ordinal(r[col["date_start"]]) for r in rows), dtype=np.int64,
                                 count=self.size)
        self.end = np.fromiter((_ordinal(r[col["date_end"]]) for r in rows), dtype=np.int64, count=self.size)
        self.goldstein = np.fromiter((r[col["goldstein"]] if r[col["goldstein"]] is not None else np.nan
                                      for r in rows), dtype=np.float64, count=self.size)
        self.mentions = np.fromiter((r[col["num_mentions"]] for r in rows), dtype=np.int64, count=self.size)
        self.cat = {name: _Column.build([r[col[name]] for r in rows]) for name in CATEGORICAL}
        idx = [col[c] for c in ROW_COLUMNS]
        self.rows = [tuple(r[i] for i in idx) for r in rows]
        self._ranks: dict[tuple[str, str], np.ndarray] = {}
        self._masks: dict[tuple[str, str, str], np.ndarray] = {}
        for sort in ("date", "goldstein", "source", "target", "cameo", "type", "factuality", "mentions"):
            for order in ("asc", "desc"):
                self._rank(sort, order)  # built now, so requests only read them

    @classmethod
    def load(cls, con: duckdb.DuckDBPyConnection) -> EventIndex:
        """Read the store's deduplicated events."""
        cur = con.execute(BUILD_SQL)
        names = [d[0] for d in cur.description]
        return cls(cur.fetchall(), names)

    # --- filtering ----------------------------------------------------------------------
    def _cached(self, key: tuple[str, str, str], make) -> np.ndarray:
        """Masks for one column and value are reused (an analyst's filters repeat); at most 512 kept."""
        m = self._masks.get(key)
        if m is None:
            if len(self._masks) >= 512:
                self._masks.pop(next(iter(self._masks)))
            m = self._masks[key] = make()
        return m

    def _prefix(self, name: str, prefix: str) -> np.ndarray:
        return self._cached((name, "prefix", prefix),
                            lambda: self.cat[name].matching(lambda v: v.startswith(prefix)))

    def _equal(self, name: str, value: str) -> np.ndarray:
        return self._cached((name, "equal", value), lambda: self.cat[name].matching(lambda v: v == value))

    def mask(self, q: EventQuery) -> np.ndarray:
        """Rows matching every filter of `q` (not `text`: callers route those to SQL)."""
        m = np.ones(self.size, dtype=bool)
        if q.country:
            c = q.country.upper()
            m &= self._equal("source_country", c) | self._equal("target_country", c)
        if q.actor:
            a = q.actor.upper()
            m &= self._prefix("source_code", a) | self._prefix("target_code", a)
        src, tgt = (q.source or "").upper(), (q.target or "").upper()
        if src or tgt:
            fwd = self._side("source_code", src) & self._side("target_code", tgt)
            if q.symmetric:
                fwd |= self._side("source_code", tgt) & self._side("target_code", src)
            elif tgt:
                fwd &= self.cat["target_code"].codes >= 0
            m &= fwd
        if q.type:
            t = q.type.upper()
            m &= self._cached(("plover", "upper", t),
                              lambda: self.cat["plover"].matching(lambda v: v.upper() == t))
        if q.cameo:
            m &= self._prefix("cameo", q.cameo)
        if q.factuality:
            m &= self._equal("factuality", q.factuality.lower())
        if q.since:
            m &= self.end >= q.since.toordinal()
        if q.until:
            m &= (self.start <= q.until.toordinal()) & (self.start != NO_DATE)
        return m

    def _side(self, name: str, prefix: str) -> np.ndarray:
        """Like SQL's starts_with(coalesce(code, ''), prefix): an empty prefix matches null too."""
        if not prefix:
            return np.ones(self.size, dtype=bool)
        return self._prefix(name, prefix)

    # --- sorting and paging -------------------------------------------------------------------
    def _key(self, sort: str) -> tuple[np.ndarray, np.ndarray]:
        """Integer sort keys and a null mask for a sort name."""
        if sort == "date":
            return self.start, self.start == NO_DATE
        if sort == "goldstein":
            nulls = np.isnan(self.goldstein)
            return np.where(nulls, 0, np.round(self.goldstein * 10)).astype(np.int64), nulls
        if sort == "mentions":
            return self.mentions, np.zeros(self.size, dtype=bool)
        name = {"source": "source_code", "target": "target_code", "type": "plover"}.get(sort, sort)
        codes = self.cat[name].codes.astype(np.int64)
        return codes, codes < 0

    def _rank(self, sort: str, order: str) -> np.ndarray:
        """Each row's position in the whole index sorted by (key, cluster id), nulls last; cached."""
        cached = self._ranks.get((sort, order))
        if cached is not None:
            return cached
        key, nulls = self._key(sort)
        if order == "desc":
            key, cluster = -key, -self.cluster
        else:
            cluster = self.cluster
        by = np.lexsort((cluster, key, nulls))  # last key is primary: nulls last, then key, then id
        rank = np.empty(self.size, dtype=np.int64)
        rank[by] = np.arange(self.size)
        self._ranks[(sort, order)] = rank
        return rank

    def page(self, q: EventQuery) -> dict[str, Any]:
        """The page `q` asks for, ordered like the SQL (key, then cluster id; nulls last)."""
        rows = np.flatnonzero(self.mask(q))
        total = int(rows.size)
        offset = (q.page - 1) * q.per_page
        if offset >= total:
            return {"total": total, "page": q.page, "per_page": q.per_page, "events": []}
        rank = self._rank(q.sort, q.order)[rows]
        want = min(offset + q.per_page, total)
        part = np.argpartition(rank, want - 1)[:want] if want < total else np.arange(total)
        chosen = part[np.argsort(rank[part])][offset:want]
        events = [dict(zip(ROW_COLUMNS, self.rows[i])) for i in rows[chosen]]
        return {"total": total, "page": q.page, "per_page": q.per_page, "events": events}
