"""`eventcoder serve`: run the web app with uvicorn.

Attached to the main CLI with `main.add_command(serve)`. It binds to
127.0.0.1 unless `--host` says otherwise, and then accepts only loopback
Host headers (so a web page elsewhere cannot reach it through DNS
rebinding). Writes need the token given by `--token` or $EVENTCODER_TOKEN.
"""

from __future__ import annotations

import ipaddress
import os
import threading

import click

from eventcoder.errors import EventcoderError

LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "[::1]", "::1"]


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command()
@click.option("--db", default="events.duckdb", show_default=True, metavar="FILE",
              help="The DuckDB event store (created when missing).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; anything but loopback exposes the server to the network.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--token", envvar="EVENTCODER_TOKEN", metavar="TOKEN",
              help="Token required by the write endpoints [env: EVENTCODER_TOKEN].")
@click.option("--read-only", is_flag=True, help="Open the store read-only (no storing, no ingest).")
@click.option("--max-body-mb", type=click.FloatRange(min=0.001), default=16.0, show_default=True,
              help="Largest request body accepted, in MB (larger ones get 413).")
@click.option("--allow-private-urls", is_flag=True,
              help="Let the URL fetcher reach private and loopback addresses (an intranet archive).")
@click.option("--allowed-host", "allowed_hosts", multiple=True, metavar="NAME",
              help="Extra Host header to accept (e.g. the server's DNS name when not on loopback).")
@click.option("--preload/--no-preload", default=True, show_default=True,
              help="Load the NLP pipeline at start-up (else on the first article coded).")
def serve(db: str, host: str, port: int, token: str | None, read_only: bool, max_body_mb: float,
          allow_private_urls: bool, allowed_hosts: tuple[str, ...], preload: bool) -> None:
    """Run the web app and HTTP API (http://127.0.0.1:8000 by default; API docs at /docs)."""
    import uvicorn

    from eventcoder.web.app import create_app

    if not _is_loopback(host) and not token:
        click.echo("eventcoder: warning: serving beyond loopback without --token: anyone who can reach "
                   f"{host}:{port} can write to the store", err=True)
    hosts = None
    if _is_loopback(host):
        hosts = [*LOOPBACK_HOSTS, *allowed_hosts]
    elif allowed_hosts:
        hosts = [*allowed_hosts, host]
    try:
        app = create_app(db, token=token or os.environ.get("EVENTCODER_TOKEN") or None, read_only=read_only,
                         max_body=int(max_body_mb * 1024 * 1024), allowed_hosts=hosts,
                         allow_private_urls=allow_private_urls)
    except EventcoderError as exc:
        raise click.ClickException(str(exc)) from None
    if preload:  # build the pipeline while the server starts, so the first article is coded at once
        threading.Thread(target=app.state.service.warm_up, name="pipeline-warm-up", daemon=True).start()
    app.state.service.index()  # start building the event index
    click.echo(f"eventcoder: serving {db} on http://{host}:{port} (API docs at /docs)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)


if __name__ == "__main__":  # pragma: no cover - `python -m eventcoder.web.cli` (used by bench/web_load.py)
    serve()
