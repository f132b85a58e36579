"""The store's commands: `ingest`, `query`, `stats` and `export`.

Defined here and attached to the main `eventcoder` group in cli.py; this
module can also be run alone (`python -m eventcoder.store.cli ingest ...`).
Like every eventcoder command, a bad input is one line on stderr and the
exit status is 1 when any input failed.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import click

from eventcoder.errors import EventcoderError

DEFAULT_DB = "events.duckdb"


def _fail(msg: str) -> None:
    click.echo(f"eventcoder: {msg}", err=True)


def _date(value: str | None, name: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD",
                                 param_hint=name) from None


def _open(db: str, read_only: bool):
    from eventcoder.store.parquet import open_store

    try:
        return open_store(db, read_only=read_only)
    except EventcoderError as exc:
        raise click.ClickException(str(exc)) from None


db_option = click.option("--db", default=DEFAULT_DB, show_default=True, metavar="PATH",
                         help="The DuckDB event store (or a Parquet folder written by ingest --dask).")


@click.command()
@click.argument("sources", nargs=-1, required=True)
@db_option
@click.option("--workers", type=click.IntRange(min=0), default=1, show_default=True,
              help="Coding processes (0: one per core).")
@click.option("--dask", "dask_address", metavar="ADDRESS",
              help="Code on a Dask cluster (tcp://host:8786, or 'local') and write Parquet to --out.")
@click.option("--out", metavar="DIR", help="Parquet output folder for --dask.")
@click.option("--published", help="Publication date (YYYY-MM-DD) for inputs that carry none.")
@click.option("--batch-size", type=click.IntRange(min=1), default=32, show_default=True,
              help="Articles per committed batch.")
@click.option("--lang", "languages", default="en", show_default=True,
              help="Comma-separated languages to code; others are recorded as skipped ('' for all).")
@click.option("--quiet", is_flag=True, help="No progress output (failed inputs are still reported).")
def ingest(sources: tuple[str, ...], db: str, workers: int, dask_address: str | None,
           out: str | None, published: str | None, batch_size: int, languages: str,
           quiet: bool) -> None:
    """Code SOURCES (folders, files, feeds, WARCs, URLs) into the event store."""
    from eventcoder.read.sources import SourceOptions
    from eventcoder.settings import Settings

    opts = SourceOptions(published=_date(published, "--published"),
                         languages=tuple(x.strip() for x in languages.split(",") if x.strip()))
    settings = Settings(batch_size=min(batch_size, 32))
    if dask_address:
        if not out:
            raise click.UsageError("--dask needs --out DIR for the Parquet output")
        from eventcoder.scale.dask_path import ingest_dask
        from eventcoder.store.progress import make_progress

        try:
            report = ingest_dask(list(sources), dask_address, out, settings, opts, batch_size,
                                 make_progress(quiet), workers=workers)
        except EventcoderError as exc:
            raise click.ClickException(str(exc)) from None
        sys.exit(1 if report.failed else 0)
    sys.exit(_ingest_local(sources, db, workers, settings, opts, batch_size, quiet))


def _ingest_local(sources, db, workers, settings, opts, batch_size, quiet) -> int:
    """Ingest into a DuckDB store with `workers` processes; returns the exit status."""
    from eventcoder.pipeline import Pipeline
    from eventcoder.scale.pool import ProcessPool, in_process, resolve_workers
    from eventcoder.store.ingest import ingest as run_ingest
    from eventcoder.store.progress import make_progress

    with _open(db, read_only=False):  # a locked or foreign file fails before the model loads
        pass
    try:
        pipeline = Pipeline(settings)
    except EventcoderError as exc:
        raise click.ClickException(str(exc)) from None
    n = resolve_workers(workers)
    # Workers start (forked, sharing the loaded pipeline) before the database is opened.
    pool = ProcessPool(settings, n, pipeline) if n > 1 else None
    try:
        with _open(db, read_only=False) as store:
            coder = pool or in_process(pipeline)
            report = run_ingest(sources, store, coder, opts, batch_size, make_progress(quiet))
    except BrokenProcessPool:
        raise click.ClickException("a worker process died (its error is above); every batch "
                                   "committed before is kept, so rerun to resume") from None
    finally:
        if pool is not None:
            pool.close()
    return 1 if report.failed else 0


@click.command()
@db_option
@click.option("--country", help="Source or target country (ISO alpha-3, e.g. PRK).")
@click.option("--actor", help="Source or target actor code, as a prefix (PRK, PRKGOV, IGOUNO).")
@click.option("--dyad", nargs=2, metavar="SOURCE TARGET", help="Source and target code prefixes.")
@click.option("--type", "etype", help="PLOVER event type (e.g. THREATEN).")
@click.option("--cameo", help="CAMEO code prefix (e.g. 19, 036).")
@click.option("--factuality", type=click.Choice(["asserted", "future", "possible", "negated"]))
@click.option("--since", help="Events on or after this date (YYYY-MM-DD).")
@click.option("--until", help="Events on or before this date (YYYY-MM-DD).")
@click.option("--text", help="A word or phrase in the evidence sentence.")
@click.option("--limit", type=click.IntRange(min=0), help="At most this many rows.")
@click.option("--mentions", is_flag=True, help="One row per mention instead of per deduplicated event.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]),
              help="Output format [default: table on a terminal, json otherwise].")
def query(db: str, country, actor, dyad, etype, cameo, factuality, since, until, text, limit,
          mentions: bool, fmt: str | None) -> None:
    """Events in the store matching every filter given."""
    from eventcoder.store.query import COLUMNS, Filters, query_events

    filters = Filters(country=country, actor=actor, dyad=tuple(dyad) if dyad else None, type=etype,
                      cameo=cameo, factuality=factuality, since=_date(since, "--since"),
                      until=_date(until, "--until"), text=text)
    with _open(db, read_only=True) as store:
        rows = query_events(store.con, filters, limit, mentions)
    fmt = fmt or ("table" if sys.stdout.isatty() else "json")
    if fmt == "json":
        click.echo(json.dumps({"events": rows}, ensure_ascii=False, indent=2, default=str))
    elif fmt == "csv":
        import csv

        w = csv.DictWriter(sys.stdout, fieldnames=COLUMNS)
        w.writeheader()
        w.writerows(rows)
    else:
        _print_events(rows)


def _print_events(rows: list[dict]) -> None:
    from rich.console import Console
    from rich.table import Table

    t = Table(title=f"Events ({len(rows)})", expand=True)
    for col in ("date", "source", "target", "CAMEO", "PLOVER", "factuality", "mentions/articles/sources",
                "evidence"):
        t.add_column(col, overflow="fold")
    for r in rows:
        t.add_row(r["date"] or "", r["source_code"] or "?", r["target_code"] or "-",
                  f"{r['cameo']} {r['label'] or ''}", r["plover"] or "", r["factuality"] or "",
                  f"{r['num_mentions']}/{r['num_articles']}/{r['num_sources']}", r["evidence"] or "")
    Console().print(t)


@click.command()
@db_option
@click.option("--top", type=click.IntRange(min=1), default=20, show_default=True,
              help="Rows per ranking (types, countries).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]),
              help="Output format [default: table on a terminal, json otherwise].")
def stats(db: str, top: int, fmt: str | None) -> None:
    """Counts in the store: totals, and events by type, country and month."""
    from eventcoder.store.query import stats as compute

    with _open(db, read_only=True) as store:
        result = compute(store.con, top)
    fmt = fmt or ("table" if sys.stdout.isatty() else "json")
    if fmt == "json":
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    for name, counts in result.items():
        t = Table(title=name.replace("_", " "))
        t.add_column("key")
        t.add_column("count", justify="right")
        for k, n in counts.items():
            t.add_row(k, str(n))
        console.print(t)


@click.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "parquet", "gdelt"]),
              required=True, help="csv/jsonl/parquet: every mention; gdelt: GDELT 2.0 event rows.")
@click.option("--out", metavar="PATH", help="Output file (a folder for parquet) [default: stdout].")
def export(db: str, fmt: str, out: str | None) -> None:
    """Export the store's events."""
    from eventcoder.store.export import TEXT_EXPORTS, export_parquet

    with _open(db, read_only=True) as store:
        if fmt == "parquet":
            if not out:
                raise click.UsageError("--format parquet needs --out DIR")
            n = export_parquet(store.con, out)
        elif out:
            with Path(out).open("w", encoding="utf-8", newline="") as fh:
                n = TEXT_EXPORTS[fmt](store.con, fh)
        else:
            n = TEXT_EXPORTS[fmt](store.con, sys.stdout)
    if out:
        click.echo(f"eventcoder: {n} row(s) written to {out}", err=True)


COMMANDS = (ingest, query, stats, export)


@click.group()
def store_main() -> None:
    """The event store commands alone (the same as in `eventcoder`)."""


for _command in COMMANDS:
    store_main.add_command(_command)


if __name__ == "__main__":  # pragma: no cover
    store_main()
