"""The event store as a folder of Parquet files (what `ingest --dask` writes).

Layout, one file per chunk of articles so that many workers write at once:

    OUT/articles/<chunk>.parquet   OUT/actors/<chunk>.parquet   OUT/quotes/...
    OUT/times/...  OUT/errors/...  OUT/skipped/...
    OUT/events/year=2013/month=6/<chunk>.parquet     (partitioned by the event's date)
    OUT/clusters/clusters.parquet                    (event_id → cluster_id, made last)
    OUT/_done/<chunk>                                (written after the chunk's files)

`open_parquet_store()` gives a DuckDB connection whose views have the same
names and columns as the DuckDB store's tables, so `query`, `stats` and
`export` work on either.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb

from eventcoder.store.db import Store, StoreError, count_rows
from eventcoder.store.dedup import Clusterer
from eventcoder.store.schema import TABLES, VIEWS

PLAIN_TABLES = ("articles", "actors", "quotes", "times", "errors", "skipped")


def done_chunks(out: Path) -> set[str]:
    """The chunks whose files are all in place."""
    done = out / "_done"
    return {p.name for p in done.iterdir()} if done.is_dir() else set()


def chunk_files(out: Path, table: str, chunks: set[str]) -> list[str]:
    """The Parquet files of `table` that belong to finished chunks, in a stable order."""
    base = out / table
    if not base.is_dir():
        return []
    return sorted(str(p) for p in base.rglob("*.parquet") if p.stem.split("_")[0] in chunks)


def write_chunk(store: Store, out: Path, chunk: str) -> None:
    """Write an in-memory store's rows as this chunk's files, then mark the chunk done.

    Files are written under `OUT/_tmp/<chunk>` and moved into place one by
    one with `os.replace`, so a reader never sees half a file, and a chunk
    rewritten after a crash replaces its earlier files instead of adding to them.
    """
    tmp = out / "_tmp" / chunk
    shutil.rmtree(tmp, ignore_errors=True)
    for table in PLAIN_TABLES:
        rel = store.con.table(table)
        if rel.aggregate("count(*)").fetchall()[0][0]:
            (tmp / table).mkdir(parents=True, exist_ok=True)
            rel.write_parquet(str(tmp / table / f"{chunk}.parquet"))
    events = store.con.sql(
        "SELECT * REPLACE (NULL::BIGINT AS cluster_id), coalesce(year(date_start), 0) AS year, "
        "coalesce(month(date_start), 0) AS month FROM events")
    if events.aggregate("count(*)").fetchall()[0][0]:
        events.write_parquet(str(tmp / "events"), partition_by=["year", "month"],
                             filename_pattern=f"{chunk}_{{i}}")
    for path in sorted(tmp.rglob("*.parquet")):
        target = out / path.relative_to(tmp)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, target)
    shutil.rmtree(tmp, ignore_errors=True)
    (out / "_done").mkdir(parents=True, exist_ok=True)
    (out / "_done" / chunk).write_text("", encoding="utf-8")


def _attach(con: duckdb.DuckDBPyConnection, out: Path) -> None:
    """Create the store's tables as views over the finished chunks' files."""
    chunks = done_chunks(out)
    con.execute("CREATE SCHEMA empty")
    con.execute("SET schema = 'empty'")
    con.execute(TABLES)
    con.execute("SET schema = 'main'")
    for table in PLAIN_TABLES:
        files = chunk_files(out, table, chunks)
        if files:
            con.read_parquet(files).create_view(table)
        else:
            con.execute(f"CREATE VIEW {table} AS SELECT * FROM empty.{table}")
    files = chunk_files(out, "events", chunks)
    if files:
        con.read_parquet(files, hive_partitioning=True).create_view("events_raw")
        con.execute("CREATE VIEW events_unclustered AS SELECT * EXCLUDE (year, month) FROM events_raw")
    else:
        con.execute("CREATE VIEW events_unclustered AS SELECT * FROM empty.events")
    clusters = out / "clusters" / "clusters.parquet"
    if clusters.exists():
        con.read_parquet(str(clusters)).create_view("cluster_map")
    else:
        con.execute("CREATE VIEW cluster_map AS SELECT event_id, cluster_id FROM empty.events")
    con.execute("CREATE VIEW events AS SELECT e.* REPLACE (coalesce(m.cluster_id, 0) AS cluster_id) "
                "FROM events_unclustered e LEFT JOIN cluster_map m USING (event_id)")


class ParquetStore:
    """A read-only view of a Parquet event store folder, with the DuckDB store's names."""

    def __init__(self, folder: str | Path, threshold: float = 0.6) -> None:
        self.path = Path(folder)
        if not (self.path / "_done").is_dir():
            raise StoreError(f"{folder}: not a Parquet event store (no _done folder)")
        self.threshold = threshold
        self.con = duckdb.connect()
        _attach(self.con, self.path)
        self.con.execute(VIEWS)

    def recluster(self) -> int:
        """Deduplicate all events again and rewrite `clusters/clusters.parquet`; returns the count.

        Run once after the workers finish: clusters span chunks, so only the
        whole set of events can be clustered, in ingest order as the DuckDB
        store does.
        """
        rows = self.con.execute(
            "SELECT e.event_id, e.dedup_key, e.evidence FROM events_unclustered e "
            "JOIN articles a USING (article_id) ORDER BY a.seq, e.n").fetchall()
        clusterer = Clusterer(lookup=lambda key: [], threshold=self.threshold)
        mapping = [(event_id, clusterer.assign(tuple(key.split("\x1f")), evidence or ""))
                   for event_id, key, evidence in rows]
        target = self.path / "clusters"
        target.mkdir(parents=True, exist_ok=True)
        con = duckdb.connect()
        con.execute("CREATE TABLE m (event_id VARCHAR, cluster_id BIGINT)")
        if mapping:
            con.execute("INSERT INTO m SELECT unnest(?::VARCHAR[]), unnest(?::BIGINT[])",
                        [[m[0] for m in mapping], [m[1] for m in mapping]])
        tmp = target / "clusters.parquet.tmp"
        con.table("m").write_parquet(str(tmp))
        con.close()
        os.replace(tmp, target / "clusters.parquet")
        return clusterer.next_id - 1

    def count(self, table: str) -> int:
        """Rows in one of the store's tables (as `Store.count`)."""
        return count_rows(self.con, table)

    def close(self) -> None:
        """Close the in-memory connection."""
        self.con.close()

    def __enter__(self) -> ParquetStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_store(path: str | Path, read_only: bool = True) -> Store | ParquetStore:
    """A DuckDB file, or (read-only) a Parquet store folder written by `ingest --dask`."""
    if Path(path).is_dir():
        if not read_only:
            raise StoreError(f"{path}: a Parquet store folder is written only by ingest --dask")
        return ParquetStore(path)
    return Store(path, read_only=read_only)
