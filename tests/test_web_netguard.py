"""Fetching a user's URL: http(s) only, no private addresses, every redirect checked.

A real HTTP server on 127.0.0.1 serves a news page and redirects; the guard
is told to allow 127.0.0.1 only, so a redirect to 127.0.0.2 (also loopback)
stands for a public page redirecting into the private network.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from fastapi.testclient import TestClient

from eventcoder.web.app import create_app
from eventcoder.web.netguard import FetchFailed, UnsafeURL, UrlGuard

PAGE = """<!doctype html><html><head><title>Seoul and Tokyo agree to talks</title></head><body>
<article><h1>Seoul and Tokyo agree to talks</h1>
<p>South Korea and Japan agreed on Friday to hold talks on their disputed islands next month,
officials in Seoul said.</p>
<p>Japan's foreign minister said Tokyo welcomed the offer and would send a delegation to Seoul.</p>
<p>China criticized the plan on Saturday, saying it had not been consulted.</p>
</article></body></html>"""


class Handler(BaseHTTPRequestHandler):
    """/article: a news page; /to-private, /to-file, /loop: redirects; anything else 404."""

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        port = self.server.server_address[1]
        redirects = {"/to-private": f"http://127.0.0.2:{port}/article", "/to-file": "file:///etc/passwd",
                     "/loop": "/loop", "/to-article": "/article"}
        if self.path in redirects:
            self.send_response(302)
            self.send_header("Location", redirects[self.path])
            self.end_headers()
        elif self.path == "/article":
            body = PAGE.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            self.send_response(404)
            self.end_headers()

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def site():
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()


@pytest.fixture
def guard() -> UrlGuard:
    return UrlGuard(allowed_networks=("127.0.0.1/32",), timeout=5)


def test_web_netguard_fetches_an_allowed_page_through_a_redirect(site, guard):
    page = guard.fetch(site + "/to-article")
    assert page.url.endswith("/article") and page.content_type == "text/html"
    assert b"South Korea and Japan agreed" in page.body


@pytest.mark.parametrize(("path", "error", "needle"), [
    ("/to-private", UnsafeURL, "private"),
    ("/to-file", UnsafeURL, "http"),
    ("/loop", FetchFailed, "redirects"),
    ("/missing", FetchFailed, "404"),
])
def test_web_netguard_refuses_bad_redirects_and_pages(site, guard, path, error, needle):
    with pytest.raises(error, match=needle):
        guard.fetch(site + path)


def test_web_netguard_refuses_loopback_by_default(site):
    with pytest.raises(UnsafeURL, match="private"):
        UrlGuard().fetch(site + "/article")
    assert UrlGuard(allow_private=True, timeout=5).fetch(site + "/article").body


@pytest.mark.parametrize(("address", "allowed"), [
    ("8.8.8.8", True), ("2a00:1450:4001:80b::200e", True), ("10.1.2.3", False), ("192.168.0.1", False),
    ("172.16.5.4", False), ("127.0.0.1", False), ("169.254.169.254", False), ("::1", False),
    ("fe80::1", False), ("::ffff:127.0.0.1", False), ("0.0.0.0", False), ("224.0.0.1", False),
    ("100.64.0.1", False),
])
def test_web_netguard_address_policy(address, allowed):
    assert UrlGuard().address_allowed(address) is allowed


@pytest.mark.parametrize(("url", "needle"), [
    ("ftp://example.org/a", "http"), ("file:///etc/passwd", "http"), ("javascript:alert(1)", "http"),
    ("http://user:secret@example.org/", "password"), ("http:///nohost", "host"),
    ("http://example.org:99999/", "port"),
])
def test_web_netguard_refuses_urls_before_connecting(url, needle):
    with pytest.raises(UnsafeURL, match=needle):
        UrlGuard().check_url(url)


def test_web_netguard_api_codes_a_fetched_page_and_refuses_a_private_redirect(site, pipeline, tmp_path):
    app = create_app(tmp_path / "net.duckdb", pipeline=pipeline, allowed_networks=("127.0.0.1/32",))
    with TestClient(app) as client:
        r = client.post("/api/code", json={"url": site + "/article", "published": "2014-03-07"})
        assert r.status_code == 200, r.text
        art = r.json()["articles"][0]
        assert art["title"] == "Seoul and Tokyo agree to talks" and art["url"].endswith("/article")
        assert "South Korea and Japan agreed" in art["text"] and art["events"]
        r = client.post("/api/code", json={"url": site + "/to-private"})
        assert r.status_code == 403 and "private" in r.json()["error"]["message"]
        r = client.post("/api/code", json={"url": site + "/missing"})
        assert r.status_code == 400 and "404" in r.json()["error"]["message"]
