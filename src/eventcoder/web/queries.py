"""Read-only queries the web pages need beyond `eventcoder.store.query`.

The store's own `query_events` returns every matching event at once; a web
table needs one sorted page and the total, fast, over millions of rows. So
the page is chosen first (filter, one row per deduplicated event, sort,
LIMIT/OFFSET) and only that page's clusters are counted. Filters reuse the
store's `Filters.where()`; the few clauses the web adds (one side of a dyad,
either direction of a dyad) follow the same rule: fixed SQL fragments, every
value a parameter. Sort columns come from a fixed table, never from the
request.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Any

import duckdb

from eventcoder.store.query import Filters

# The side table where the web app keeps the text of articles it stores (the store's
# `articles` table has no text column yet); read back for `/articles/{id}`.
TEXT_TABLE = "web_article_texts"

SORTS = {
    "date": "date_start", "goldstein": "goldstein", "source": "source_code",
    "target": "target_code", "cameo": "cameo", "type": "plover", "factuality": "factuality",
    "mentions": "num_mentions",
}

EVENT_FIELDS = """
    e.cluster_id, e.event_id, e.article_id, e.n, e.date, e.date_start, e.source_code,
    coalesce(e.source_name, e.source_text) AS source_name, e.source_country, e.target_code,
    coalesce(e.target_name, e.target_text) AS target_name, e.target_country, e.cameo, e.label,
    e.plover, e.mode, e.factuality, e.goldstein, e.quad_class, e.evidence, e.why, e.trigger,
    a.seq, a.url, a.title, a.published, a.outlet
"""
EVENT_COLUMNS = [
    "cluster_id", "event_id", "article_id", "n", "date", "date_start", "source_code", "source_name",
    "source_country", "target_code", "target_name", "target_country", "cameo", "label", "plover",
    "mode", "factuality", "goldstein", "quad_class", "evidence", "why", "trigger", "seq", "url",
    "title", "published", "outlet",
]


@dataclass(frozen=True)
class EventQuery:
    """The filters, sort and page of the events table (page and API alike)."""

    actor: str | None = None
    country: str | None = None
    source: str | None = None
    target: str | None = None
    symmetric: bool = False  # source/target match either direction
    type: str | None = None
    cameo: str | None = None
    factuality: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    text: str | None = None
    sort: str = "date"
    order: str = "desc"
    page: int = 1
    per_page: int = 50

    def where(self) -> tuple[str, list[Any]]:
        """The WHERE clause and its parameters."""
        base = Filters(country=self.country, actor=self.actor, type=self.type, cameo=self.cameo,
                       factuality=self.factuality, since=self.since, until=self.until, text=self.text)
        sql, params = base.where()
        clauses = [sql]
        src, tgt = (self.source or "").upper(), (self.target or "").upper()
        if src or tgt:
            one = ("starts_with(coalesce(e.source_code, ''), ?) AND "
                   "starts_with(coalesce(e.target_code, ''), ?)")
            if self.symmetric:
                clauses.append(f"(({one}) OR ({one}))")
                params += [src, tgt, tgt, src]
            else:
                clauses.append(f"({one})")
                params += [src, tgt]
                if tgt:
                    clauses.append("e.target_code IS NOT NULL")
        return " AND ".join(clauses), params

    def as_params(self, **changes: Any) -> dict[str, str]:
        """The query-string form (non-default fields only), for links that keep the filters."""
        out: dict[str, str] = {}
        defaults = EventQuery()
        for f in fields(self):
            value = changes.get(f.name, getattr(self, f.name))
            if value in (None, "", False) or (value == getattr(defaults, f.name) and f.name not in changes):
                continue
            out[f.name] = "1" if value is True else str(value)
        return out


def events_page(con: duckdb.DuckDBPyConnection, q: EventQuery) -> dict[str, Any]:
    """One page of deduplicated events matching `q`, with the total and per-cluster counts.

    Two steps keep this fast on large stores: the page's cluster ids are chosen
    from narrow columns alone (group by cluster, sort, limit), and only then
    are the page's rows read in full, through each cluster's first matching
    mention in ingest order.
    """
    where, params = q.where()
    column = SORTS.get(q.sort, "date_start")
    direction = "ASC" if q.order == "asc" else "DESC"
    if column == "num_mentions":
        pick = f"""SELECT e.cluster_id, max(n_all.n) AS k FROM events e
                   JOIN (SELECT cluster_id, count(*) AS n FROM events GROUP BY cluster_id) n_all
                   USING (cluster_id) WHERE {where} GROUP BY e.cluster_id"""
    else:
        pick = f"SELECT e.cluster_id, min(e.{column}) AS k FROM events e WHERE {where} GROUP BY e.cluster_id"
    sql = f"""
        SELECT cluster_id, count(*) OVER () AS total FROM ({pick})
        ORDER BY k {direction} NULLS LAST, cluster_id {direction}
        LIMIT ? OFFSET ?
    """  # noqa: S608 - only fixed fragments are formatted in; values are parameters
    picked = con.execute(sql, [*params, q.per_page, (q.page - 1) * q.per_page]).fetchall()
    ids = [r[0] for r in picked]
    total = picked[0][1] if picked else (_count(con, where, params) if q.page > 1 else 0)
    rows: dict[int, dict[str, Any]] = {}
    if ids:
        detail = f"""
            SELECT DISTINCT ON (e.cluster_id) {EVENT_FIELDS}
            FROM events e JOIN articles a USING (article_id)
            WHERE e.cluster_id IN (SELECT unnest(?::BIGINT[])) AND {where}
            ORDER BY e.cluster_id, a.seq, e.n
        """  # noqa: S608
        cur = con.execute(detail, [ids, *params])
        names = [d[0] for d in cur.description]
        rows = {r[0]: dict(zip(names, r)) for r in cur.fetchall()}
    counts = cluster_counts(con, ids)
    events = []
    for cid in ids:
        e = rows[cid]
        e.pop("seq", None)
        e.pop("date_start", None)  # internal; `date` carries the period as coded
        e.update(counts.get(cid, {}))
        events.append(e)
    return {"total": total, "page": q.page, "per_page": q.per_page, "events": events}


def _count(con: duckdb.DuckDBPyConnection, where: str, params: list[Any]) -> int:
    sql = f"SELECT count(DISTINCT e.cluster_id) FROM events e WHERE {where}"  # noqa: S608
    return int(con.execute(sql, params).fetchone()[0])


def cluster_counts(con: duckdb.DuckDBPyConnection, cluster_ids: list[int]) -> dict[int, dict[str, int]]:
    """Mentions, articles and outlets reporting each of these deduplicated events."""
    if not cluster_ids:
        return {}
    rows = con.execute("""
        SELECT e.cluster_id, count(*), count(DISTINCT e.article_id),
               count(DISTINCT coalesce(a.outlet, a.article_id))
        FROM events e JOIN articles a USING (article_id)
        WHERE e.cluster_id IN (SELECT unnest(?::BIGINT[]))
        GROUP BY e.cluster_id""", [cluster_ids]).fetchall()
    return {r[0]: {"num_mentions": r[1], "num_articles": r[2], "num_sources": r[3]} for r in rows}


# --- one article ---------------------------------------------------------------------------

def table_exists(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    return bool(con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ?",
                            [table]).fetchone()[0])


def has_column(con: duckdb.DuckDBPyConnection, table: str, column: str) -> bool:
    return bool(con.execute("SELECT count(*) FROM information_schema.columns "
                            "WHERE table_name = ? AND column_name = ?", [table, column]).fetchone()[0])


def article_text(con: duckdb.DuckDBPyConnection, article_id: str) -> str | None:
    """The stored text of an article: the store's own column if it has one, else the web's side table."""
    if has_column(con, "articles", "text"):
        row = con.execute("SELECT text FROM articles WHERE article_id = ?", [article_id]).fetchone()
        if row and row[0]:
            return row[0]
    if table_exists(con, TEXT_TABLE):
        row = con.execute(f"SELECT text FROM {TEXT_TABLE} WHERE article_id = ?",  # noqa: S608
                          [article_id]).fetchone()
        if row:
            return row[0]
    return None


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cur = con.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def _actor(row: dict[str, Any], side: str) -> dict[str, Any] | None:
    if not row.get(f"{side}_code") and not row.get(f"{side}_text"):
        return None
    return {"text": row.get(f"{side}_text"), "start": None, "end": None, "code": row.get(f"{side}_code"),
            "country": row.get(f"{side}_country"), "sector": row.get(f"{side}_sector"),
            "name": row.get(f"{side}_name")}


def find_article_id(con: duckdb.DuckDBPyConnection, key: str) -> str | None:
    """The store id of an article given its store id or the id its input gave."""
    row = con.execute("SELECT article_id FROM articles WHERE article_id = ? OR doc_id = ? "
                      "ORDER BY article_id = ? DESC, seq LIMIT 1", [key, key, key]).fetchone()
    return row[0] if row else None


def stored_article(con: duckdb.DuckDBPyConnection, key: str) -> dict[str, Any] | None:
    """A stored article in the schema's article shape (plus `text` when stored), or None."""
    aid = find_article_id(con, key)
    if aid is None:
        return None
    meta = _rows(con, "SELECT article_id, doc_id, url, outlet, title, author, published, language, "
                      "source, n_chars FROM articles WHERE article_id = ?", [aid])[0]
    events = _rows(con, 'SELECT * FROM events WHERE article_id = ? ORDER BY n', [aid])
    counts = cluster_counts(con, sorted({e["cluster_id"] for e in events}))
    actors = _rows(con, 'SELECT text, start, "end", code, country, sector, name, why FROM actors '
                        "WHERE article_id = ? ORDER BY n", [aid])
    quotes = _rows(con, 'SELECT text, start, "end", kind, speaker_text, speaker_code, speaker_name, cue '
                        "FROM quotes WHERE article_id = ? ORDER BY n", [aid])
    times = _rows(con, 'SELECT text, start, "end", type, value, mod FROM times WHERE article_id = ? '
                       "ORDER BY n", [aid])
    return {
        "id": meta["article_id"], "doc_id": meta["doc_id"], "title": meta["title"],
        "published": meta["published"].isoformat() if meta["published"] else None,
        "url": meta["url"], "outlet": meta["outlet"], "author": meta["author"],
        "language": meta["language"], "source": meta["source"], "n_chars": meta["n_chars"],
        "text": article_text(con, aid),
        "events": [_stored_event(e, counts.get(e["cluster_id"], {})) for e in events],
        "quotes": [{"text": q["text"], "start": q["start"], "end": q["end"], "kind": q["kind"],
                    "speaker": ({"text": q["speaker_text"], "code": q["speaker_code"],
                                 "name": q["speaker_name"], "start": None, "end": None}
                                if q["speaker_text"] or q["speaker_code"] else None),
                    "cue": q["cue"]} for q in quotes],
        "times": times,
        "actors": actors,
    }


def _stored_event(e: dict[str, Any], counts: dict[str, int]) -> dict[str, Any]:
    return {
        "source": _actor(e, "source") or {"text": None, "code": None, "start": None, "end": None},
        "target": _actor(e, "target"), "cameo": e["cameo"], "plover": e["plover"], "mode": e["mode"],
        "goldstein": e["goldstein"], "quad_class": e["quad_class"], "factuality": e["factuality"],
        "date": e["date"], "sentence": e["sentence"], "start": e["start"], "end": e["end"],
        "evidence": e["evidence"], "label": e["label"], "trigger": e["trigger"], "why": e["why"],
        "confidence": e["confidence"], "event_id": e["event_id"], "cluster_id": e["cluster_id"], **counts,
    }


# --- relationships and the network -----------------------------------------------------------

def dyad_series(con: duckdb.DuckDBPyConnection, a: str, b: str, directed: bool = False,
                since: dt.date | None = None, until: dt.date | None = None) -> list[dict[str, Any]]:
    """Per month: deduplicated events between `a` and `b`, their Goldstein sum and mean, quad counts.

    Every month from the first to the last with an event is listed (quiet months with zeros).
    """
    q = EventQuery(source=a, target=b, symmetric=not directed, since=since, until=until)
    where, params = q.where()
    sql = f"""
        WITH f AS (SELECT DISTINCT ON (e.cluster_id) e.date_start, e.goldstein, e.quad_class
                   FROM events e WHERE {where} AND e.date_start IS NOT NULL ORDER BY e.cluster_id, e.event_id)
        SELECT strftime(date_start, '%Y-%m') AS month, count(*) AS events,
               coalesce(sum(goldstein), 0) AS goldstein_sum, avg(goldstein) AS goldstein_mean,
               count(*) FILTER (WHERE quad_class = 1) AS q1, count(*) FILTER (WHERE quad_class = 2) AS q2,
               count(*) FILTER (WHERE quad_class = 3) AS q3, count(*) FILTER (WHERE quad_class = 4) AS q4
        FROM f GROUP BY month ORDER BY month
    """  # noqa: S608
    found = {}
    for r in _rows(con, sql, params):
        found[r["month"]] = {"month": r["month"], "events": r["events"],
                             "goldstein_sum": round(float(r["goldstein_sum"]), 2),
                             "goldstein_mean": round(float(r["goldstein_mean"]), 2)
                             if r["goldstein_mean"] is not None else None,
                             "quad_class": {"1": r["q1"], "2": r["q2"], "3": r["q3"], "4": r["q4"]}}
    return [found.get(m) or {"month": m, "events": 0, "goldstein_sum": 0.0, "goldstein_mean": None,
                             "quad_class": {"1": 0, "2": 0, "3": 0, "4": 0}}
            for m in _month_range(min(found, default=""), max(found, default=""))]


def _month_range(first: str, last: str) -> list[str]:
    """Every `YYYY-MM` from first to last, so a quiet month shows as zero, not as a gap."""
    if not first:
        return []
    y, m = (int(x) for x in first.split("-"))
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def network(con: duckdb.DuckDBPyConnection, level: str = "country", since: dt.date | None = None,
            until: dt.date | None = None, max_nodes: int = 30) -> dict[str, Any]:
    """Directed edges between countries (or actor codes): event volume and mean Goldstein.

    Only edges among the `max_nodes` busiest nodes are kept, so the picture stays readable.
    """
    src, tgt = ("source_country", "target_country") if level == "country" else ("source_code", "target_code")
    where, params = Filters(since=since, until=until).where()
    sql = f"""
        WITH f AS (SELECT DISTINCT ON (e.cluster_id) e.{src} AS s, e.{tgt} AS t, e.goldstein
                   FROM events e WHERE {where} AND e.{src} IS NOT NULL AND e.{tgt} IS NOT NULL
                   AND e.{src} <> e.{tgt} ORDER BY e.cluster_id, e.event_id)
        SELECT s, t, count(*) AS events, avg(goldstein) AS goldstein_mean FROM f GROUP BY s, t
    """  # noqa: S608 - column names come from the fixed pair above
    edges = [{"source": r[0], "target": r[1], "events": r[2],
              "goldstein_mean": round(float(r[3]), 2) if r[3] is not None else None}
             for r in con.execute(sql, params).fetchall()]
    volume: dict[str, int] = {}
    for e in edges:
        volume[e["source"]] = volume.get(e["source"], 0) + e["events"]
        volume[e["target"]] = volume.get(e["target"], 0) + e["events"]
    keep = sorted(volume, key=lambda k: (-volume[k], k))[:max_nodes]
    kept = set(keep)
    edges = [e for e in edges if e["source"] in kept and e["target"] in kept]
    edges.sort(key=lambda e: (-e["events"], e["source"], e["target"]))
    return {"level": level, "nodes": [{"id": k, "events": volume[k]} for k in keep], "edges": edges}


def event_types(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The PLOVER types present in the store, for the filter menu."""
    return [r[0] for r in con.execute("SELECT DISTINCT plover FROM events WHERE plover IS NOT NULL "
                                      "ORDER BY plover").fetchall()]


def totals(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Articles, event mentions and deduplicated events in the store."""
    row = con.execute("SELECT (SELECT count(*) FROM articles), count(*), count(DISTINCT cluster_id) "
                      "FROM events").fetchone()
    return {"articles": row[0], "mentions": row[1], "events": row[2]}


def recent_articles(con: duckdb.DuckDBPyConnection, limit: int = 12) -> list[dict[str, Any]]:
    """The last articles stored, newest first, for the start page."""
    return _rows(con, "SELECT article_id, title, outlet, published, n_events, n_quotes FROM articles "
                      "ORDER BY seq DESC LIMIT ?", [limit])


def top_dyads(con: duckdb.DuckDBPyConnection, limit: int = 24) -> list[dict[str, Any]]:
    """The country pairs (either direction) with the most deduplicated events, for the dyad picker."""
    return _rows(con, """
        WITH f AS (SELECT DISTINCT ON (cluster_id) least(source_country, target_country) AS a,
                          greatest(source_country, target_country) AS b, goldstein
                   FROM events WHERE source_country IS NOT NULL AND target_country IS NOT NULL
                   AND source_country <> target_country ORDER BY cluster_id)
        SELECT a, b, count(*) AS events, round(avg(goldstein), 2) AS goldstein_mean
        FROM f GROUP BY a, b ORDER BY events DESC, a, b LIMIT ?""", [limit])
