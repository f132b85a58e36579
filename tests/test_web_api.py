"""The HTTP API (`eventcoder serve`): every endpoint, bad input, and the security cases.

The store holds the seed article, coded by the real pipeline through
`POST /api/code`, and 3,000 synthetic events (seeded, so totals are exact),
so filters, sorting and paging are checked against known data.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from eventcoder.store.db import Store
from eventcoder.web.app import create_app
from eventcoder.web.queries import EventQuery, events_page
from eventcoder.web.synthetic import fill_store

ROOT = Path(__file__).resolve().parents[1]
SEED = json.loads((ROOT / "examples" / "nk-talks-2013-06-16.json").read_text(encoding="utf-8"))
SCHEMA = ROOT / "src/eventcoder/data/schema/eventcoder.schema.json"
TOKEN = "t0ken-for-tests"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
XSS_TEXT = ('North Korea <script>alert("pwned")</script> threatened South Korea on Monday. '
            'Seoul said <img src=x onerror=alert(1)> it would respond.')


@pytest.fixture(scope="module")
def db_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("web") / "events.duckdb"
    with Store(path) as store:
        fill_store(store, 3000, seed=11)
    return path


@pytest.fixture(scope="module")
def client(db_path, pipeline):
    app = create_app(db_path, token=TOKEN, pipeline=pipeline)
    with TestClient(app) as c:
        yield c


@pytest.fixture(scope="module")
def seed_coded(client):
    """The seed article coded and stored through the API (once for the module)."""
    body = {"text": SEED["text"], "title": SEED["title"], "published": SEED["published"],
            "url": SEED.get("url"), "store": True}
    r = client.post("/api/code", json=body, headers=AUTH)
    assert r.status_code == 200, r.text
    return r.json()


def error_of(r) -> str:
    body = r.json()
    assert set(body) == {"error"}, body
    assert body["error"]["status"] == r.status_code
    return body["error"]["message"]


# --- POST /api/code -------------------------------------------------------------------------

def test_web_api_code_returns_the_documented_json(seed_coded):
    import jsonschema

    jsonschema.validate({"articles": seed_coded["articles"]}, json.loads(SCHEMA.read_text()))
    art = seed_coded["articles"][0]
    assert art["published"] == "2013-06-16"
    dyads = {(e["source"]["country"], (e["target"] or {}).get("country"), e["cameo"][:2])
             for e in art["events"]}
    assert ("PRK", "USA", "03") in dyads  # North Korea proposed talks with the U.S.
    assert len(art["quotes"]) >= 9
    for q in art["quotes"]:
        assert art["text"][q["start"]:q["end"]] == q["text"]
    assert len(seed_coded["stored"]) == 1


def test_web_api_code_without_store_needs_no_token(client):
    r = client.post("/api/code", json={"text": "China criticised Japan on Tuesday.",
                                       "published": "2014-01-07"})
    assert r.status_code == 200
    assert "stored" not in r.json()


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"X-Eventcoder-Token": "nope"}])
def test_web_api_code_store_needs_the_token(client, headers):
    r = client.post("/api/code", json={"text": "Iran warned Israel.", "store": True}, headers=headers)
    assert r.status_code == 401
    assert r.headers["www-authenticate"] == "Bearer"
    assert "token" in error_of(r)


@pytest.mark.parametrize(("body", "status", "needle"), [
    ({}, 422, "text"),
    ({"text": "   \n "}, 422, "empty"),
    ({"text": "Russia warned Ukraine.", "published": "16/06/2013"}, 422, "publication date"),
    ({"text": 42}, 422, "text"),
    ({"text": "x", "store": "maybe"}, 422, "store"),
    ({"url": "file:///etc/passwd"}, 403, "http"),
    ({"url": "javascript:alert(1)"}, 403, "http"),
    ({"url": "http://127.0.0.1:9/secret"}, 403, "private"),
    ({"url": "http://169.254.169.254/latest/meta-data/"}, 403, "private"),
    ({"url": "http://[::1]:8000/"}, 403, "private"),
])
def test_web_api_code_bad_input_is_a_clear_json_error(client, body, status, needle):
    r = client.post("/api/code", json=body)
    assert r.status_code == status, r.text
    assert needle in error_of(r).lower()


def test_web_api_code_malformed_json_body(client):
    r = client.post("/api/code", content=b'{"text": "unterminated',
                    headers={"Content-Type": "application/json"})
    assert r.status_code == 422
    assert error_of(r).startswith("invalid request")


# --- POST /api/ingest ---------------------------------------------------------------------------

def test_web_api_ingest_stores_good_articles_and_reports_bad_ones(client):
    arts = [{"id": "ing-1", "text": "Japan and South Korea agreed on Friday to resume talks.",
             "published": "2014-03-07"},
            {"id": "ing-2", "title": "no text"},
            {"id": "ing-3", "text": "Pakistan accused India of shelling villages in Kashmir.",
             "published": "2014-03-08"}]
    r = client.post("/api/ingest", json={"articles": arts}, headers=AUTH)
    assert r.status_code == 200, r.text
    out = r.json()
    assert len(out["stored"]) == 2 and out["already"] == []
    assert [f["source"] for f in out["failed"]] == ["articles[1]"]
    again = client.post("/api/ingest", json={"articles": [arts[0]]}, headers=AUTH).json()
    assert again["stored"] == [] and again["already"] == out["stored"][:1]
    stored = client.get(f"/api/articles/{out['stored'][0]}").json()
    assert stored["doc_id"] == "ing-1" and stored["text"].startswith("Japan and South Korea")


def test_web_api_ingest_needs_the_token(client):
    r = client.post("/api/ingest", json={"articles": [{"text": "Syria shelled Turkey."}]})
    assert r.status_code == 401


@pytest.mark.parametrize(("body", "needle"), [
    ({"articles": [{"title": "x"}, {"text": ""}]}, "no article could be coded"),
    ({"articles": "not a list"}, "articles"),
    ({"articles": [{"text": "a"}] * 1001}, "articles"),
    ({}, "articles"),
])
def test_web_api_ingest_bad_input(client, body, needle):
    r = client.post("/api/ingest", json=body, headers=AUTH)
    assert r.status_code == 422
    assert needle in error_of(r)


@pytest.fixture(scope="module")
def small_db(tmp_path_factory) -> Path:
    """A second, small store (one process cannot open a file both read-write and read-only)."""
    path = tmp_path_factory.mktemp("web-small") / "small.duckdb"
    with Store(path) as store:
        fill_store(store, 10)
    return path


def test_web_api_read_only_store_refuses_writes(small_db, pipeline):
    with TestClient(create_app(small_db, read_only=True, pipeline=pipeline)) as c:
        r = c.post("/api/ingest", json={"articles": [{"text": "Iran warned Israel."}]})
        assert r.status_code == 409 and "read-only" in error_of(r)
        assert c.get("/api/events").json()["total"] == 10


# --- body size, hosts, headers -------------------------------------------------------------------

def test_web_api_100_mb_body_is_413_not_a_crash(client):
    body = b"x" * (100 * 1024 * 1024)
    r = client.post("/api/ingest", content=body, headers={**AUTH, "Content-Type": "application/json"})
    assert r.status_code == 413
    assert "limit" in error_of(r)
    assert client.get("/api/status").status_code == 200  # still serving


def test_web_api_streamed_body_over_the_limit_is_413(small_db):
    app = create_app(small_db, read_only=True, max_body=64 * 1024)

    def chunks():
        for _ in range(100):
            yield b" " * 4096

    with TestClient(app) as c:
        r = c.post("/api/code", content=chunks(), headers={"Content-Type": "application/json"})
        assert r.status_code == 413
        assert c.post("/api/code", content=b"{bad", headers={"Content-Length": "ten"}).status_code == 400


def test_web_api_foreign_host_header_is_refused(small_db):
    app = create_app(small_db, read_only=True, allowed_hosts=["127.0.0.1", "localhost"])
    with TestClient(app, base_url="http://localhost") as c:
        assert c.get("/api/status").status_code == 200
        assert c.get("/api/status", headers={"Host": "attacker.example"}).status_code == 400


@pytest.mark.parametrize(("origin", "status"), [("https://attacker.example", 403), ("null", 403),
                                                ("http://testserver", 200), (None, 200)])
def test_web_api_cross_site_posts_are_refused(client, origin, status):
    headers = {"Origin": origin} if origin else {}
    r = client.post("/api/code", json={"text": "Iran warned Israel."}, headers=headers)
    assert r.status_code == status
    form = client.post("/", data={"text": "Iran warned Israel."}, headers=headers)
    assert form.status_code == status


def test_web_api_security_headers(client):
    r = client.get("/")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("style-src")[0]
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"


# --- GET /api/events --------------------------------------------------------------------------------

def test_web_api_events_filters(client, seed_coded):
    r = client.get("/api/events", params={"country": "PRK", "per_page": 500})
    body = r.json()
    assert body["total"] > 0 and body["pages"] == -(-body["total"] // 500)
    assert all("PRK" in (e["source_country"], e["target_country"]) for e in body["events"])
    dyad = client.get("/api/events", params={"source": "PRK", "target": "USA", "symmetric": "true",
                                             "per_page": 500}).json()
    assert dyad["events"] and all({e["source_code"][:3], e["target_code"][:3]} == {"PRK", "USA"}
                                  for e in dyad["events"])
    one_way = client.get("/api/events", params={"source": "PRK", "target": "USA"}).json()
    assert 0 < one_way["total"] < dyad["total"]
    typed = client.get("/api/events", params={"type": "threaten", "factuality": "negated"}).json()
    assert typed["events"] and {(e["plover"], e["factuality"]) for e in typed["events"]} == {
        ("THREATEN", "negated")}
    dated = client.get("/api/events", params={"since": "2012-03-01", "until": "2012-03-31",
                                              "per_page": 500}).json()
    assert dated["events"] and all(e["date"].startswith("2012-03") for e in dated["events"])
    text = client.get("/api/events", params={"text": "peace treaty"}).json()
    assert text["total"] >= 1 and all("peace treaty" in e["evidence"].lower() for e in text["events"])
    cameo = client.get("/api/events", params={"cameo": "19", "per_page": 500}).json()
    assert cameo["events"] and all(e["cameo"].startswith("19") for e in cameo["events"])


def test_web_api_events_sorting_and_paging(client):
    first = client.get("/api/events", params={"sort": "goldstein", "order": "asc", "per_page": 100}).json()
    scores = [e["goldstein"] for e in first["events"]]
    assert scores == sorted(scores) and scores[0] == -10.0
    second = client.get("/api/events", params={"sort": "goldstein", "order": "asc", "per_page": 100,
                                               "page": 2}).json()
    assert second["events"][0]["goldstein"] >= scores[-1]
    assert not {e["cluster_id"] for e in first["events"]} & {e["cluster_id"] for e in second["events"]}
    dates = [e["date"] for e in client.get("/api/events", params={"per_page": 200}).json()["events"]]
    assert dates == sorted(dates, reverse=True)
    past_end = client.get("/api/events", params={"page": 99999}).json()
    assert past_end["events"] == [] and past_end["total"] == first["total"]


@pytest.mark.parametrize("params", [
    {"sort": "evidence; DROP TABLE events"}, {"order": "sideways"}, {"per_page": 0}, {"per_page": 501},
    {"page": 0}, {"since": "2013-13-01"}, {"until": "yesterday"}, {"factuality": "rumoured"},
    {"actor": "PRK' OR '1'='1"}, {"country": "PRK;--"}, {"cameo": "19 OR 1=1"}, {"text": "x" * 201},
])
def test_web_api_events_bad_filters_are_422(client, params):
    r = client.get("/api/events", params=params)
    assert r.status_code == 422, r.text
    assert error_of(r).startswith("invalid request") or "date" in error_of(r)


def test_web_api_events_text_is_a_parameter_not_sql(client):
    before = client.get("/api/status").json()["mentions"]
    for text in ["'; DROP TABLE events; --", "%' OR '%'='", "\\' OR 1=1 --"]:
        r = client.get("/api/events", params={"text": text})
        assert r.status_code == 200 and r.json()["total"] == 0
    assert client.get("/api/status").json()["mentions"] == before


def test_web_api_index_answers_like_sql(client):
    svc = client.app.state.service
    assert svc.wait_for_index(120)
    index = svc.index()
    queries = [EventQuery(), EventQuery(country="KOR", sort="goldstein"),
               EventQuery(actor="USAGOV", order="asc"),
               EventQuery(source="CHN", target="JPN", symmetric=True, sort="target"),
               EventQuery(type="COERCE", since=dt.date(2012, 5, 1), until=dt.date(2012, 12, 31), page=2,
                          per_page=10),
               EventQuery(cameo="03", factuality="future", sort="cameo"), EventQuery(sort="type", page=7),
               EventQuery(sort="mentions", order="asc", per_page=20), EventQuery(target="IRN")]
    for q in queries:
        fast, slow = index.page(q), events_page(svc.con(), q)
        assert fast["total"] == slow["total"], q
        assert [e["event_id"] for e in fast["events"]] == [e["event_id"] for e in slow["events"]], q


# --- articles, dyads, network, status ----------------------------------------------------------------

def test_web_api_article_round_trip(client, seed_coded):
    sid = seed_coded["stored"][0]
    art = client.get(f"/api/articles/{sid}").json()
    coded = seed_coded["articles"][0]
    assert art["title"] == SEED["title"] and art["text"] == coded["text"]
    assert len(art["events"]) == len(coded["events"]) and len(art["quotes"]) == len(coded["quotes"])
    assert [e["cameo"] for e in art["events"]] == [e["cameo"] for e in coded["events"]]


@pytest.mark.parametrize(("path", "status"), [("/api/articles/0000000000000000", 404),
                                              ("/api/articles/%3Cscript%3E", 422)])
def test_web_api_article_missing_or_malformed(client, path, status):
    r = client.get(path)
    assert r.status_code == status
    error_of(r)


def test_web_api_dyad_series(client, seed_coded):
    both = client.get("/api/dyads/PRK/USA/series").json()
    months = [m["month"] for m in both["months"]]
    assert months == sorted(months) and "2013-06" in months
    for m in both["months"]:
        assert sum(m["quad_class"].values()) == m["events"]
    total = sum(m["events"] for m in both["months"])
    listed = client.get("/api/events", params={"source": "PRK", "target": "USA", "symmetric": "true"}).json()
    assert total == listed["total"]
    directed = client.get("/api/dyads/PRK/USA/series", params={"directed": "true"}).json()
    assert sum(m["events"] for m in directed["months"]) < total
    assert client.get("/api/dyads/PR-K/USA/series").status_code == 422


def test_web_api_network(client):
    net = client.get("/api/network", params={"nodes": 5}).json()
    ids = {n["id"] for n in net["nodes"]}
    assert len(ids) == 5 and all(e["source"] in ids and e["target"] in ids for e in net["edges"])
    assert all(-10 <= e["goldstein_mean"] <= 10 for e in net["edges"])
    assert client.get("/api/network", params={"level": "galaxy"}).status_code == 422


def test_web_api_status_and_docs(client):
    status = client.get("/api/status").json()
    assert status["events"] >= 3000 and status["articles"] >= 600
    spec = client.get("/openapi.json").json()
    assert {"/api/code", "/api/events", "/api/articles/{article_id}", "/api/dyads/{a}/{b}/series",
            "/api/ingest"} <= set(spec["paths"])
    docs = client.get("/docs").text
    assert "/static/vendor/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()
    assert client.get("/static/vendor/swagger-ui-bundle.js").status_code == 200


def test_web_api_unknown_path_is_json_under_api(client):
    r = client.get("/api/nothing-here")
    assert r.status_code == 404 and "nothing" in error_of(r)


# --- pages ---------------------------------------------------------------------------------------------

def test_web_pages_render(client, seed_coded):
    sid = seed_coded["stored"][0]
    for path in ["/", "/events?country=PRK&sort=goldstein", "/relationship/PRK/USA", "/relationship",
                 "/network?level=actor", f"/articles/{sid}", "/docs"]:
        r = client.get(path)
        assert r.status_code == 200, path
        assert "text/html" in r.headers["content-type"]
    page = client.get(f"/articles/{sid}").text
    assert 'class="trg' in page and 'class="qt' in page and 'class="ac' in page
    assert 'class="code" href="/relationship/' in client.get("/relationship").text  # busiest pairs
    assert client.get("/relationship?a=prk&b=usa", follow_redirects=False).headers["location"] == (
        "/relationship/PRK/USA")
    assert client.get("/events?since=bad").status_code == 422
    assert client.get("/articles/0000000000000000").status_code == 404


def test_web_pages_article_stored_without_text_shows_its_sentences(client):
    """Articles ingested from the command line have no stored text: their event sentences are shown."""
    ev = client.get("/api/events", params={"text": "report 7 item", "per_page": 1}).json()["events"][0]
    html = client.get(f"/articles/{ev['article_id']}").text
    assert 'class="excerpt"' in html and f'data-actor="{ev["source_code"]}"' in html
    assert 'class="ac"' in html and 'data-evx="0"' in html and 'class="card' in html


def test_web_pages_form_codes_pasted_text(client):
    r = client.post("/", data={"text": "Japan protested to China on Monday over the islands.",
                               "published": "2013-01-14"})
    assert r.status_code == 200 and 'class="card' in r.text
    titled = client.post("/", data={"text": "Seoul protests\n\nSouth Korea protested to Japan on Monday.",
                                    "published": "2013-01-14"})
    assert '<h1 class="title">Seoul protests</h1>' in titled.text
    assert client.post("/", data={"text": " "}).status_code == 422
    assert client.post("/", data={"text": "Iran warned Israel.", "store": "true"}).status_code == 401


def test_web_xss_article_renders_inert(client):
    art = {"id": "xss-1", "title": "<script>alert('title')</script>", "text": XSS_TEXT,
           "published": "2014-05-05", "url": "javascript:alert(document.cookie)"}
    r = client.post("/api/ingest", json={"articles": [art]}, headers=AUTH)
    assert r.status_code == 200, r.text
    sid = (r.json()["stored"] + r.json()["already"])[0]
    pages = [client.get(f"/articles/{sid}").text,
             client.get("/events", params={"text": "onerror"}).text,
             client.post("/", data={"text": XSS_TEXT, "url": "", "title": "<b>bold</b>"}).text]
    for html in pages:
        assert "<script>alert" not in html and "<img src=x" not in html and "<b>bold" not in html
        assert 'href="javascript:' not in html
    assert "&lt;script&gt;alert" in pages[0] and "&lt;img src=x onerror=alert(1)&gt;" in pages[0]
    assert "javascript:alert(document.cookie)" in pages[0]  # shown as text, not as a link


def test_web_cli_serve_binds_loopback_by_default():
    from click.testing import CliRunner

    from eventcoder.web.cli import _is_loopback, serve

    out = CliRunner().invoke(serve, ["--help"]).output
    assert "--host TEXT" in out and "[default: 127.0.0.1]" in out and "EVENTCODER_TOKEN" in out
    assert _is_loopback("127.0.0.1") and _is_loopback("::1") and _is_loopback("localhost")
    assert not _is_loopback("0.0.0.0") and not _is_loopback("192.168.1.5")
