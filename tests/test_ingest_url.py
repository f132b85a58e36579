"""http(s) sources, fetched politely from a local server: pages, feeds, robots.txt, failures."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from eventcoder.model import Article
from eventcoder.read.fetch import Fetcher, FetchError
from eventcoder.read.sources import SourceOptions, iter_sources

NEWS = Path(__file__).parent / "data" / "ingest" / "news"


def feed(base: str) -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Local Wire</title>
<item><title>Kerry Arrives in Seoul</title><link>{base}/news/kerry.html</link>
<description>Kerry arrives.</description><pubDate>Fri, 12 Apr 2013 08:00:00 GMT</pubDate></item>
<item><title>Seoul Cancels Meeting</title><link>{base}/gone.html</link>
<description>South Korea said on Wednesday that planned talks with North Korea had been called off.
</description><pubDate>Wed, 12 Jun 2013 10:00:00 GMT</pubDate></item>
</channel></rss>""".encode()


class Handler(BaseHTTPRequestHandler):
    """A tiny news site: a page, a feed, a robots.txt, a private page, a slow page."""

    seen: list[tuple[str, str]] = []

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        Handler.seen.append((self.path, self.headers.get("User-Agent", "")))
        base = f"http://{self.headers['Host']}"
        routes = {
            "/robots.txt": ("text/plain", b"User-agent: *\nDisallow: /private/\n"),
            "/news/kerry.html": ("text/html; charset=utf-8", (NEWS / "kerry-visit.html").read_bytes()),
            "/private/memo.html": ("text/html", b"<html><body><p>Secret.</p></body></html>"),
            "/feed.rss": ("application/rss+xml", feed(base)),
            "/wire.txt": ("text/plain; charset=utf-8",
                          b"Seoul Cancels Meeting\n\nSouth Korea called off talks with North Korea.\n"),
        }
        if self.path == "/slow.html":
            time.sleep(1.5)
        if self.path not in routes:
            self.send_error(404)
            return
        ctype, body = routes[self.path]
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def read(*urls: str, timeout: float = 5.0):
    opts = SourceOptions(fetcher=Fetcher(min_interval=0.0, timeout=timeout))
    return list(iter_sources(list(urls), opts))


def test_a_page_url_becomes_an_article(site):
    [a] = read(f"{site}/news/kerry.html")
    assert isinstance(a, Article)
    assert a.url == f"{site}/news/kerry.html" and a.title == "Kerry Arrives in Seoul for Talks"
    assert a.text.startswith("U.S. Secretary of State John Kerry arrived in Seoul")
    assert any(path == "/news/kerry.html" and ua.startswith("eventcoder/") for path, ua in Handler.seen)


def test_a_plain_text_url_is_read_as_a_txt_file(site):
    [a] = read(f"{site}/wire.txt")
    assert (a.title, a.text, a.url) == ("Seoul Cancels Meeting",
                                        "South Korea called off talks with North Korea.\n",
                                        f"{site}/wire.txt")


def test_a_feed_url_follows_entry_links_and_falls_back_to_the_entry(site):
    items = read(f"{site}/feed.rss")
    assert [type(i).__name__ for i in items] == ["Article", "Article"]
    assert items[0].text.startswith("U.S. Secretary of State John Kerry")  # the full page
    assert items[1].text.startswith("South Korea said on Wednesday")     # the entry: page is gone
    assert items[1].url == f"{site}/gone.html"


@pytest.mark.parametrize(("path", "detail"), [
    ("/private/memo.html", "disallowed by the site's robots.txt"),
    ("/missing.html", "HTTP 404"),
])
def test_unfetchable_urls_are_one_error_each(site, path, detail):
    [err] = read(f"{site}{path}")
    assert str(err).startswith(f"E043 {site}{path}: cannot fetch ({detail}")


def test_a_slow_server_times_out(site):
    [err] = read(f"{site}/slow.html", timeout=0.3)
    assert str(err).startswith(f"E043 {site}/slow.html: cannot fetch (")
    assert "timed out" in str(err)


def test_requests_to_one_host_are_spaced(site):
    fetcher = Fetcher(min_interval=0.3, obey_robots=False)
    t0 = time.monotonic()
    fetcher.fetch(f"{site}/robots.txt")
    fetcher.fetch(f"{site}/robots.txt")
    assert time.monotonic() - t0 >= 0.3


def test_oversized_bodies_are_refused(site):
    with pytest.raises(FetchError, match="over the 100 byte limit"):
        Fetcher(min_interval=0.0, max_bytes=100, obey_robots=False).fetch(f"{site}/news/kerry.html")
