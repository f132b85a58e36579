"""Questions to the event store: filtered events, and counts.

Every filter value a user types reaches DuckDB as a query parameter; the SQL
text is assembled only from fixed fragments chosen by which filters are set,
so a value such as `PRK'; DROP TABLE events; --` is just a country code that
matches nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import duckdb

COLUMNS = [
    "cluster_id", "date", "source_code", "source_name", "target_code", "target_name", "cameo",
    "label", "plover", "mode", "factuality", "goldstein", "quad_class", "num_mentions",
    "num_articles", "num_sources", "evidence", "url", "article_id", "event_id",
]


@dataclass(frozen=True)
class Filters:
    """What `eventcoder query` can ask for; every field is optional."""

    country: str | None = None        # source or target country (ISO alpha-3 / IGO code)
    actor: str | None = None          # source or target actor code, as a prefix ("PRK", "PRKGOV")
    dyad: tuple[str, str] | None = None  # source and target code prefixes
    type: str | None = None           # PLOVER event type ("THREATEN")
    cameo: str | None = None          # CAMEO code prefix ("19", "036")
    factuality: str | None = None
    since: dt.date | None = None      # events whose period ends on or after this day
    until: dt.date | None = None      # events whose period starts on or before this day
    text: str | None = None           # a word or phrase in the evidence (case-insensitive)

    def where(self) -> tuple[str, list[Any]]:
        """The WHERE clause (fixed SQL fragments) and its parameters."""
        clauses: list[str] = []
        params: list[Any] = []
        if self.country:
            clauses.append("(e.source_country = ? OR e.target_country = ?)")
            params += [self.country.upper()] * 2
        if self.actor:
            clauses.append("(starts_with(e.source_code, ?) OR starts_with(e.target_code, ?))")
            params += [self.actor.upper()] * 2
        if self.dyad:
            clauses.append("starts_with(e.source_code, ?) AND starts_with(e.target_code, ?)")
            params += [self.dyad[0].upper(), self.dyad[1].upper()]
        if self.type:
            clauses.append("upper(e.plover) = ?")
            params.append(self.type.upper())
        if self.cameo:
            clauses.append("starts_with(e.cameo, ?)")
            params.append(self.cameo)
        if self.factuality:
            clauses.append("e.factuality = ?")
            params.append(self.factuality.lower())
        if self.since:
            clauses.append("e.date_end >= ?")
            params.append(self.since)
        if self.until:
            clauses.append("e.date_start <= ?")
            params.append(self.until)
        if self.text:
            clauses.append("contains(lower(e.evidence), lower(?))")
            params.append(self.text)
        return (" AND ".join(clauses) or "TRUE"), params


def query_events(con: duckdb.DuckDBPyConnection, filters: Filters, limit: int | None = None,
                 mentions: bool = False) -> list[dict[str, Any]]:
    """Matching events, oldest first: one row per cluster, or per mention with `mentions`.

    A cluster matches when any of its mentions does; it is shown through the
    first matching mention (in ingest order), with the cluster's counts.
    """
    where, params = filters.where()
    distinct = "" if mentions else "DISTINCT ON (e.cluster_id)"
    sql = f"""
        SELECT * FROM (
            SELECT {distinct} e.cluster_id, e.date, e.source_code,
                   coalesce(e.source_name, e.source_text) AS source_name, e.target_code,
                   coalesce(e.target_name, e.target_text) AS target_name, e.cameo, e.label,
                   e.plover, e.mode, e.factuality, e.goldstein, e.quad_class,
                   c.num_mentions, c.num_articles, c.num_sources, e.evidence, a.url,
                   e.article_id, e.event_id, e.date_start, a.seq, e.n
            FROM events e
            JOIN articles a USING (article_id)
            JOIN clusters c USING (cluster_id)
            WHERE {where}
            ORDER BY e.cluster_id, a.seq, e.n
        )
        ORDER BY date_start NULLS LAST, cluster_id, seq, n
        LIMIT ?
    """  # noqa: S608 - only fixed fragments are formatted in; values are parameters
    rows = con.execute(sql, [*params, limit if limit is not None else 2**62]).fetchall()
    return [dict(zip(COLUMNS, r[: len(COLUMNS)])) for r in rows]


STATS = {
    "type": "SELECT coalesce(plover, 'cameo ' || substr(cameo, 1, 2)) AS k, count(*) FROM event_clusters "
            "GROUP BY k ORDER BY count(*) DESC, k",
    "country": "SELECT coalesce(source_country, '?') AS k, count(*) FROM event_clusters "
               "GROUP BY k ORDER BY count(*) DESC, k",
    "month": "SELECT coalesce(substr(date, 1, 7), '?') AS k, count(*) FROM event_clusters "
             "GROUP BY k ORDER BY k",
}

TOTALS = {
    "articles": "SELECT count(*) FROM articles",
    "event mentions": "SELECT count(*) FROM events",
    "events (clusters)": "SELECT count(*) FROM clusters",
    "actor mentions": "SELECT count(*) FROM actors",
    "quotes": "SELECT count(*) FROM quotes",
    "time expressions": "SELECT count(*) FROM times",
    "failed inputs": "SELECT count(*) FROM errors",
    "skipped inputs": "SELECT count(*) FROM skipped",
}


def stats(con: duckdb.DuckDBPyConnection, top: int | None = None) -> dict[str, Any]:
    """Totals, and deduplicated events counted by type, source country and month."""
    out: dict[str, Any] = {"totals": {k: con.execute(sql).fetchall()[0][0] for k, sql in TOTALS.items()}}
    for name, sql in STATS.items():
        rows = con.execute(sql).fetchall()
        if top and name != "month":
            rows = rows[:top]
        out[f"by_{name}"] = {str(k): n for k, n in rows}
    return out
