"""The event store: DuckDB tables, atomic idempotent ingest, deduplication, queries, export.

See docs/store.md. `db.Store` writes; `ingest.ingest()` drives sources through the pipeline
into it; `query`, `export` and `parquet` read it; `cli` holds the commands.
"""
