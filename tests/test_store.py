"""The DuckDB event store: atomic idempotent writes, deduplication, queries and stats.

The articles here are coded by hand (events on real news sentences), so the
store's behaviour is tested exactly, whatever the coding stages produce.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from eventcoder.model import Actor, Article, Event, Quote, TimeExpr
from eventcoder.store.db import Batch, Problem, Store
from eventcoder.store.dedup import similarity, words
from eventcoder.store.query import Filters, query_events, stats
from eventcoder.store.rows import article_rows, date_range, identity

PROPOSE = ("North Korea proposed high-level talks with the United States on Sunday, days after "
           "scrapping a meeting with South Korea.")
PROPOSE_AP = ("North Korea on Sunday proposed high-level talks with the United States, days after "
              "scrapping a meeting with South Korea.")
STATEMENT = "Pyongyang's offer came in a statement from the National Defense Commission."
THREAT = ("North Korea threatened on Friday to launch a pre-emptive nuclear strike against the "
          "United States.")
SANCTIONS = ("The United Nations Security Council on Thursday imposed new sanctions on North Korea "
             "over its nuclear test in February.")
NOT_AGREE = "The United States is unlikely to agree to talks with North Korea."

CODES = {"PRKGOV": ("North Korea", "PRK", "GOV"), "USAGOV": ("United States", "USA", "GOV"),
         "IGOUNO": ("UN Security Council", "IGO", None)}
TYPES = {"036": ("AGREE", 4.0, 1), "138": ("THREATEN", -7.0, 3), "163": ("COERCE", -8.0, 4)}


def actor(code: str) -> Actor:
    name, country, sector = CODES[code]
    return Actor(text=name, start=0, end=len(name), code=code, country=country, sector=sector,
                 name=name)


def event(src: str, tgt: str | None, cameo: str, date: str, evidence: str,
          factuality: str = "asserted") -> Event:
    plover, goldstein, quad = TYPES[cameo]
    return Event(source=actor(src), target=actor(tgt) if tgt else None, cameo=cameo, plover=plover,
                 mode=None, goldstein=goldstein, quad_class=quad, factuality=factuality, date=date,
                 sentence=0, start=0, end=len(evidence), evidence=evidence)


def article(url: str | None, outlet: str | None, *events: Event, text: str | None = None,
            published: str = "2013-06-16") -> Article:
    body = text or "\n".join(e.evidence for e in events) or PROPOSE
    a = Article(text=body, url=url, outlet=outlet, published=dt.date.fromisoformat(published),
                title="Test report")
    a.events.extend(events)
    a.mentions.extend(e.source for e in events)
    a.times.append(TimeExpr(text="Sunday", start=0, end=6, type="DATE", value="2013-06-16"))
    a.quotes.append(Quote(text="quite a bit of alignment", start=0, end=24, kind="direct",
                          speaker=actor("USAGOV"), cue="said"))
    return a


def corpus() -> list[Article]:
    """Five reports: one event told by three articles from two outlets, and others."""
    return [
        article("https://wire.example.net/nk-talks", "Example Wire",
                event("PRKGOV", "USAGOV", "036", "2013-06-16", PROPOSE),
                event("PRKGOV", "USAGOV", "036", "2013-06-16", STATEMENT)),
        article("https://press.example.org/korea/talks", "Example Press",
                event("PRKGOV", "USAGOV", "036", "2013-06-16", PROPOSE_AP)),
        article("https://wire.example.net/nk-talks-update", "Example Wire",
                event("PRKGOV", "USAGOV", "036", "2013-06-16", PROPOSE),
                event("USAGOV", "PRKGOV", "036", "2013-06-16", NOT_AGREE, "possible")),
        article("https://wire.example.net/nk-threat", "Example Wire",
                event("PRKGOV", "USAGOV", "138", "2013-03-08", THREAT), published="2013-03-08"),
        article(None, None, event("IGOUNO", "PRKGOV", "163", "2013-03-07", SANCTIONS),
                published="2013-03-07"),
    ]


@pytest.fixture()
def store(tmp_path):
    with Store(tmp_path / "events.duckdb") as s:
        s.write(Batch(articles=[article_rows(a) for a in corpus()]))
        yield s


def dump(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    """Every table's rows, sorted: two equal dumps are two identical stores."""
    out = {}
    for table in ("articles", "events", "actors", "quotes", "times", "errors", "skipped"):
        out[table] = sorted(con.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
    return out


def test_store_has_the_documented_tables(store):
    tables = {r[0] for r in store.con.execute(
        "SELECT table_name FROM information_schema.tables").fetchall()}
    assert {"articles", "events", "actors", "quotes", "times", "errors", "skipped", "clusters",
            "event_clusters"} <= tables
    assert store.count("articles") == 5
    assert store.count("events") == 7
    assert store.count("quotes") == 5 and store.count("times") == 5


def test_rewriting_the_same_articles_changes_nothing(store):
    before = dump(store.con)
    store.write(Batch(articles=[article_rows(a) for a in corpus()]))
    assert dump(store.con) == before


def test_two_stores_from_the_same_articles_are_identical(tmp_path):
    dumps = []
    for name in ("a.duckdb", "b.duckdb"):
        with Store(tmp_path / name) as s:
            for a in corpus():  # one batch per article this time
                s.write(Batch(articles=[article_rows(a)]))
            dumps.append(dump(s.con))
    assert dumps[0] == dumps[1]


def test_identity_is_the_url_else_the_text():
    a = Article(text=PROPOSE, url="https://Wire.Example.net/nk-talks#top")
    b = Article(text=PROPOSE_AP, url="https://wire.example.net/nk-talks")
    assert identity(a) == identity(b) == "url:https://wire.example.net/nk-talks"
    c = Article(text=PROPOSE, id="one")
    d = Article(text=PROPOSE.replace(" ", "  "), id="two")  # re-wrapped copy: same content
    assert identity(c) == identity(d) and identity(c).startswith("sha1:")


def test_a_failed_batch_leaves_the_store_as_it_was(store):
    before = dump(store.con)
    good = article_rows(article("https://press.example.org/new", "Example Press",
                                event("PRKGOV", "USAGOV", "036", "2013-06-17", PROPOSE)))
    broken = article_rows(article("https://press.example.org/broken", "Example Press"))
    broken.times.append(("not", "a", "valid", "row"))  # wrong shape: the insert fails
    with pytest.raises((duckdb.Error, ValueError)):
        store.write(Batch(articles=[good, broken]))
    assert dump(store.con) == before
    store.write(Batch(articles=[good]))  # ids handed out in the failed batch are reused
    assert store.con.execute("SELECT max(cluster_id) FROM events").fetchall()[0][0] == 6


def test_problems_are_recorded_once(store):
    batch = Batch(problems=[Problem("bad/latin.txt", "E002 bad/latin.txt: not valid UTF-8 text"),
                            Problem("news/de.txt", "E047 news/de.txt: skipped: language 'de'", True)])
    store.write(batch)
    store.write(batch)
    assert store.con.execute("SELECT source, code FROM errors").fetchall() == [("bad/latin.txt", "E002")]
    assert store.con.execute("SELECT source, code FROM skipped").fetchall() == [("news/de.txt", "E047")]


# --- deduplication -----------------------------------------------------------------

def test_near_identical_sentences_are_similar_and_others_are_not():
    assert similarity(words(PROPOSE), words(PROPOSE_AP)) == 1.0
    assert similarity(words(PROPOSE), words(STATEMENT)) < 0.2


def test_one_event_reported_by_three_articles_is_one_cluster(store):
    rows = store.con.execute(
        "SELECT num_mentions, num_articles, num_sources, evidence FROM event_clusters "
        "WHERE contains(evidence, 'proposed high-level talks')").fetchall()
    assert rows == [(3, 3, 2, PROPOSE)]
    evidence = {r[0] for r in store.con.execute(
        "SELECT e.evidence FROM events e JOIN event_clusters c USING (cluster_id) "
        "WHERE contains(c.evidence, 'proposed high-level talks')").fetchall()}
    assert evidence == {PROPOSE, PROPOSE_AP}  # each mention keeps its own evidence


@pytest.mark.parametrize("changed", [
    {"date": "2013-06-17"},            # another day
    {"factuality": "negated"},         # a denial is not the event
    {"target": None},                  # another dyad
    {"evidence": STATEMENT},           # the same dyad and day, but another sentence
])
def test_mentions_that_differ_are_separate_clusters(tmp_path, changed):
    base = {"date": "2013-06-16", "factuality": "asserted", "target": "USAGOV", "evidence": PROPOSE}
    other = {**base, **changed}
    with Store(tmp_path / "e.duckdb") as s:
        for i, spec in enumerate((base, other)):
            ev = event("PRKGOV", spec["target"], "036", spec["date"], spec["evidence"],
                       spec["factuality"])
            s.write(Batch(articles=[article_rows(article(f"https://x.example.com/{i}", f"outlet {i}", ev))]))
        assert s.count("clusters") == 2


def test_clustering_continues_across_batches_and_reopenings(tmp_path):
    path = tmp_path / "e.duckdb"
    with Store(path) as s:
        s.write(Batch(articles=[article_rows(corpus()[0])]))
    with Store(path) as s:
        s.write(Batch(articles=[article_rows(corpus()[1])]))
        row = s.con.execute("SELECT num_mentions, num_articles FROM clusters WHERE cluster_id = 1")
        assert row.fetchall() == [(2, 2)]


# --- queries -----------------------------------------------------------------------------

@pytest.mark.parametrize(("filters", "expected"), [
    (Filters(), [SANCTIONS, THREAT, PROPOSE, STATEMENT, NOT_AGREE]),
    (Filters(country="PRK", type="THREATEN", since=dt.date(2013, 1, 1)), [THREAT]),
    (Filters(country="prk", since=dt.date(2013, 6, 1)), [PROPOSE, STATEMENT, NOT_AGREE]),
    (Filters(actor="IGO"), [SANCTIONS]),
    (Filters(dyad=("USA", "PRK")), [NOT_AGREE]),
    (Filters(dyad=("PRK", "USA"), cameo="13"), [THREAT]),
    (Filters(cameo="036", factuality="possible"), [NOT_AGREE]),
    (Filters(until=dt.date(2013, 3, 7)), [SANCTIONS]),
    (Filters(text="NUCLEAR"), [SANCTIONS, THREAT]),
    (Filters(text="on Sunday proposed"), [PROPOSE]),  # a match in any mention finds the cluster
])
def test_query_filters(store, filters, expected):
    assert [r["evidence"] for r in query_events(store.con, filters)] == \
        [PROPOSE_AP if e == PROPOSE and filters.text == "on Sunday proposed" else e for e in expected]


def test_query_mentions_and_limit(store):
    rows = query_events(store.con, Filters(type="AGREE"), mentions=True)
    assert len(rows) == 5
    top = query_events(store.con, Filters(), limit=2)
    assert [r["cluster_id"] for r in top] == [5, 4]
    assert top[1]["num_mentions"] == 1


@pytest.mark.parametrize("evil", [
    "PRK' OR '1'='1", "PRK'; DROP TABLE events; --", "%", "_", "\\", "'); DELETE FROM articles; --",
])
def test_injection_looking_values_are_only_values(store, evil):
    before = dump(store.con)
    for filters in (Filters(country=evil), Filters(actor=evil), Filters(type=evil),
                    Filters(cameo=evil), Filters(factuality=evil), Filters(text=evil),
                    Filters(dyad=(evil, evil))):
        assert query_events(store.con, filters) == []
    assert dump(store.con) == before


def test_stats_count_deduplicated_events(store):
    s = stats(store.con)
    assert s["totals"]["articles"] == 5
    assert s["totals"]["event mentions"] == 7
    assert s["totals"]["events (clusters)"] == 5
    assert s["by_type"] == {"AGREE": 3, "COERCE": 1, "THREATEN": 1}
    assert s["by_country"] == {"PRK": 3, "IGO": 1, "USA": 1}
    assert s["by_month"] == {"2013-03": 2, "2013-06": 3}


@pytest.mark.parametrize(("value", "first", "last"), [
    ("2013", dt.date(2013, 1, 1), dt.date(2013, 12, 31)),
    ("2013-02", dt.date(2013, 2, 1), dt.date(2013, 2, 28)),
    ("2013-06-27", dt.date(2013, 6, 27), dt.date(2013, 6, 27)),
    ("PRESENT_REF", None, None),
    (None, None, None),
])
def test_event_dates_become_periods(value, first, last):
    assert date_range(value) == (first, last)


@pytest.mark.parametrize("table", ["events", "articles"])
def test_rows_follow_the_table_columns(store, table):
    from eventcoder.store.rows import ARTICLE_COLUMNS, EVENT_COLUMNS

    cols = store.con.execute("SELECT column_name FROM information_schema.columns "
                             "WHERE table_name = ? ORDER BY ordinal_position", [table]).fetchall()
    assert tuple(c[0] for c in cols) == {"events": EVENT_COLUMNS, "articles": ARTICLE_COLUMNS}[table]


def test_an_input_stored_later_is_no_longer_listed_as_failed(tmp_path):
    a = article("https://press.example.org/retry", "Example Press",
                event("PRKGOV", "USAGOV", "036", "2013-06-16", PROPOSE))
    a.source_name = "feeds/asia.rss#3"
    with Store(tmp_path / "e.duckdb") as s:
        s.write(Batch(problems=[Problem(a.source_name, "E010 feeds/asia.rss#3: failed while coding")]))
        assert s.count("errors") == 1
        s.write(Batch(articles=[article_rows(a)]))
        assert s.count("errors") == 0 and s.count("articles") == 1
