"""The `eventcoder` command line: a thin layer over `Pipeline` and friends.

Every command reports a bad input as one line on stderr, naming the input
and the problem, carries on with the other inputs, and exits 1 if any input
failed (0 otherwise).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from eventcoder.errors import EventcoderError, InputError


def _fail(msg: str) -> None:
    click.echo(f"eventcoder: {msg}", err=True)


def _published(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None


def _settings(actor_files: tuple[str, ...], stages: tuple[str, ...] | None = None):
    from eventcoder.settings import Settings

    for f in actor_files:
        if not Path(f).is_file():
            raise click.BadParameter(f"{f}: no such actor dictionary file", param_hint="--actors")
    s = Settings(actor_files=tuple(Path(f) for f in actor_files))
    return s.replace(stages=stages) if stages else s


def _pipeline(settings):
    from eventcoder.pipeline import Pipeline

    try:
        return Pipeline(settings)
    except EventcoderError as exc:
        raise click.ClickException(str(exc)) from None


actors_option = click.option(
    "--actors", "actor_files", multiple=True, metavar="FILE",
    help="An actor dictionary (YAML) of your own; its entries override the built-in ones.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="eventcoder")
def main() -> None:
    """Turn political news into event data: events, actors, quotes and dates."""


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--published", help="Publication date (YYYY-MM-DD) for inputs that carry none.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "jsonl", "csv"]),
              help="Output format [default: table on a terminal, json otherwise].")
@click.option("--explain", is_flag=True, help="Show why each event was coded (table format).")
@actors_option
def code(inputs: tuple[str, ...], published: str | None, fmt: str | None, explain: bool,
         actor_files: tuple[str, ...]) -> None:
    """Code articles: INPUTS are .txt, .json or .jsonl files, or - for stdin."""
    from eventcoder import output
    from eventcoder.read import read_inputs

    pub = _published(published)
    fmt = fmt or ("table" if sys.stdout.isatty() else "json")
    pipeline = _pipeline(_settings(actor_files))
    failed = 0
    done = []
    console = None
    writer = None
    if fmt == "table":
        from rich.console import Console

        console = Console()
    elif fmt == "csv":
        writer = output.csv_writer(sys.stdout)
    for item in pipeline.code(read_inputs(inputs, pub)):
        if isinstance(item, InputError):
            failed += 1
            _fail(str(item))
            continue
        if fmt == "json":
            done.append(item)
        elif fmt == "jsonl":
            output.write_jsonl(item, sys.stdout)
            sys.stdout.flush()
        elif fmt == "csv":
            output.write_csv_rows(item, writer)
        else:
            output.print_table(item, console, explain=explain)
        item.doc = None  # free the parse: a long batch must not hold every Doc
    if fmt == "json":
        output.write_json(done, sys.stdout)
    sys.exit(1 if failed else 0)


@main.command()
@click.argument("source")
@click.option("--published", help="Publication date (YYYY-MM-DD), for roles that change over time.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default=None)
@actors_option
def actors(source: str, published: str | None, fmt: str | None,
           actor_files: tuple[str, ...]) -> None:
    """List each actor mention in SOURCE (a file, or text) with its code and why."""
    from eventcoder.read import read_path, read_text_blob

    pub = _published(published)
    items = read_path(source, pub) if (source == "-" or Path(source).exists()) \
        else read_text_blob(source, "<text>", pub, "txt")
    pipeline = _pipeline(_settings(actor_files, ("nlp", "actors")))
    fmt = fmt or ("table" if sys.stdout.isatty() else "json")
    failed = 0
    rows = []
    for item in pipeline.code(items):
        if isinstance(item, InputError):
            failed += 1
            _fail(str(item))
            continue
        rows.extend({"article": item.id, **m.to_dict()} for m in item.mentions)
    if fmt == "json":
        click.echo(json.dumps({"actors": rows}, ensure_ascii=False, indent=2))
    else:
        from rich.console import Console
        from rich.table import Table

        t = Table(title=f"Actor mentions ({len(rows)})")
        for col in ("text", "offsets", "code", "name", "why"):
            t.add_column(col, overflow="fold")
        for r in rows:
            t.add_row(r["text"], f"{r['start']}-{r['end']}", r["code"] or "?", r["name"] or "",
                      r["why"] or "")
        Console().print(t)
    sys.exit(1 if failed else 0)


@main.command()
@click.argument("input_path", metavar="INPUT.jsonl")
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl")
@click.option("--explain", is_flag=True, help="Add a \"why\" field: the pattern or model evidence.")
def classify(input_path: str, fmt: str, explain: bool) -> None:
    """Classify sentences (one {"text", "source", "target"} per line) by PLOVER type."""
    from eventcoder.events.classify import classify_stream

    sys.exit(classify_stream(input_path, sys.stdout, err=lambda m: _fail(m), explain=explain))


@main.group(name="eval")
def eval_group() -> None:
    """Measure accuracy on gold data and print the figures."""


@eval_group.command(name="events")
@click.option("--gold", multiple=True, metavar="FILE",
              help="Gold file(s): the PLOVER GSR JSON or the PETRARCH-2 validation XML "
                   "[default: both development sets from ../shared].")
def eval_events(gold: tuple[str, ...]) -> None:
    """Event type accuracy, macro-F1, per-type scores, confusion matrix and speed."""
    from eventcoder.evaluate import events

    sys.exit(events.main(list(gold)))


@eval_group.command(name="actors")
@click.option("--gold", multiple=True, metavar="FILE", help="Gold file(s) [default: dev sets].")
def eval_actors(gold: tuple[str, ...]) -> None:
    """Source and target actor code accuracy (country, and country+sector)."""
    from eventcoder.evaluate import actors as ev

    sys.exit(ev.main(list(gold)))


@eval_group.command(name="times")
@click.option("--gold", metavar="DIR", help="A folder of TimeML (.tml) files [default: TE3 dev].")
def eval_times(gold: str | None) -> None:
    """TIMEX3 span F1 (strict, relaxed), type accuracy, value accuracy and value F1."""
    from eventcoder.evaluate import times as ev

    sys.exit(ev.main(gold))


@eval_group.command(name="quotes")
@click.option("--gold", metavar="FILE", help="Gold quotes (JSONL) [default: tests/data set].")
def eval_quotes(gold: str | None) -> None:
    """Quote span F1 (overlap and near-exact) and speaker accuracy."""
    from eventcoder.evaluate import quotes as ev

    sys.exit(ev.main(gold))


@eval_group.command(name="places")
@click.option("--gold", metavar="FILE", help="Gold toponyms (JSONL) [default: tests/data set].")
def eval_places(gold: str | None) -> None:
    """Exact-place, country and within-161-km accuracy over every gold toponym."""
    from eventcoder.evaluate import places as ev

    sys.exit(ev.main(gold))


def _attach_commands() -> None:
    """Commands that live with their subsystem: ingest, query, stats, export; serve."""
    from eventcoder.store.cli import COMMANDS as store_commands
    from eventcoder.web.cli import serve

    for command in (*store_commands, serve):
        main.add_command(command)


_attach_commands()

if __name__ == "__main__":  # pragma: no cover
    main()
