"""Ingest from every kind of source into the store, with bad inputs reported and skipped.

Uses the real pipeline (the session fixture) on the small news fixtures in
tests/data/ingest, and WARC files written here with warcio.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventcoder.read.fetch import Fetcher
from eventcoder.read.sources import SourceOptions, iter_sources
from eventcoder.scale.pool import in_process
from eventcoder.store.cli import store_main
from eventcoder.store.db import Store
from eventcoder.store.ingest import ingest
from test_store import dump

DATA = Path(__file__).parent / "data" / "ingest"
NEWS = DATA / "news"
BAD = DATA / "bad"
N_NEWS = 11  # English articles in news/ (de-bericht.txt is skipped)


def options(**kw) -> SourceOptions:
    return SourceOptions(fetcher=Fetcher(min_interval=0.0, timeout=5.0), **kw)


@pytest.fixture(scope="module")
def coder(pipeline):
    return in_process(pipeline)


def run(coder, db: Path, *sources, batch_size: int = 4, **kw):
    with Store(db) as store:
        return ingest([str(s) for s in sources], store, coder, options(**kw), batch_size)


def articles(db: Path) -> list[dict]:
    with Store(db, read_only=True) as s:
        cur = s.con.execute("SELECT * FROM articles ORDER BY seq")
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]


def write_warc(path: Path, pages: list[tuple[str, bytes]], extra_png: bool = True) -> None:
    """A WARC (gzipped when the name ends in .gz) of HTML responses, as Common Crawl News has."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=path.name.endswith(".gz"))
        records = [(url, body, "text/html; charset=utf-8") for url, body in pages]
        if extra_png:
            records.append(("https://times.example.com/logo.png", b"\x89PNG\r\n\x1a\n", "image/png"))
        for url, body, ctype in records:
            http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=http,
                warc_headers_dict={"WARC-Date": "2013-04-12T09:00:00Z"}))


def kerry_pages(n: int) -> list[tuple[str, bytes]]:
    html = (NEWS / "kerry-visit.html").read_bytes()
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Saturday"]
    return [(f"https://times.example.com/2013/04/kerry-{i}",
             html.replace(b"on Friday", f"on {days[i]}".encode())) for i in range(n)]


@pytest.mark.parametrize(("name", "count", "first"), [
    ("seoul-talks.txt", 1, {"title": "South Korea Offers Talks", "url": None, "published": None}),
    ("beijing.json", 1, {"doc_id": "beijing-visit", "outlet": "Example Wire",
                         "published": dt.date(2013, 6, 27)}),
    ("wires.jsonl", 2, {"title": "UN Tightens Sanctions", "url": "https://news.example.org/world/un-sanctions"}),
    ("briefs.csv", 2, {"title": "Japan Protests Missile Launch", "outlet": "news.example.org",
                       "published": dt.date(2013, 4, 10)}),
    ("kerry-visit.html", 1, {"title": "Kerry Arrives in Seoul for Talks", "author": "Mina Park",
                             "url": "https://times.example.com/2013/04/12/kerry-seoul",
                             "published": dt.date(2013, 4, 12), "outlet": "Example Times"}),
    ("tokyo-summit.htm", 1, {"title": "Japan and China Agree to Resume Talks",
                             "published": dt.date(2013, 5, 2)}),
    ("feed.rss", 2, {"title": "North Korea Proposes Talks With U.S.", "outlet": "Example Wire: Asia",
                     "url": "https://wire.example.net/asia/nk-proposes-talks",
                     "published": dt.date(2013, 6, 16)}),
    ("atom.xml", 1, {"title": "China Urges Restraint on Peninsula", "published": dt.date(2013, 6, 18)}),
])
def test_each_source_type_is_ingested(coder, tmp_path, name, count, first):
    report = run(coder, tmp_path / "e.duckdb", NEWS / name)
    assert (report.stored, report.failed, report.skipped) == (count, 0, 0)
    rows = articles(tmp_path / "e.duckdb")
    assert len(rows) == count
    assert {k: rows[0][k] for k in first} == first
    assert rows[0]["language"] == "en"


def test_html_text_leaves_out_navigation_and_footer():
    [a] = list(iter_sources([str(NEWS / "kerry-visit.html")]))
    assert a.text.startswith("U.S. Secretary of State John Kerry arrived in Seoul on Friday")
    assert "Subscribe" not in a.text and "Sport" not in a.text
    assert a.text.count("\n") == 2  # one paragraph per line, so sentences break there


def test_feed_entry_html_becomes_paragraphs():
    items = list(iter_sources([str(NEWS / "feed.rss")]))
    assert items[0].text.split("\n")[1].startswith("The proposal was made by the National Defense")
    assert items[1].text.startswith("South Korea said on Wednesday")


def test_a_folder_ingests_everything_and_skips_other_languages(coder, tmp_path):
    db = tmp_path / "e.duckdb"
    report = run(coder, db, NEWS)
    assert (report.stored, report.failed, report.skipped) == (N_NEWS, 0, 1)
    with Store(db, read_only=True) as s:
        skipped = s.con.execute("SELECT source, code, reason FROM skipped").fetchall()
    assert len(skipped) == 1
    source, code, reason = skipped[0]
    assert source.endswith("de-bericht.txt") and code == "E047" and "'de'" in reason


def test_store_holds_what_the_pipeline_coded(coder, pipeline, tmp_path):
    db = tmp_path / "e.duckdb"
    run(coder, db, NEWS / "wires.jsonl")
    coded = [a for a in pipeline.code(iter_sources([str(NEWS / "wires.jsonl")]))]
    with Store(db, read_only=True) as s:
        for a in coded:
            counts = s.con.execute(
                "SELECT n_events, n_quotes, (SELECT count(*) FROM times t WHERE t.article_id = a.article_id),"
                " (SELECT count(*) FROM actors m WHERE m.article_id = a.article_id),"
                " (SELECT count(*) FROM events e WHERE e.article_id = a.article_id) "
                "FROM articles a WHERE url = ?", [a.url]).fetchall()
            assert counts == [(len(a.events), len(a.quotes), len(a.times), len(a.mentions),
                               len(a.events))]


def test_reingesting_changes_nothing(coder, tmp_path):
    db = tmp_path / "e.duckdb"
    run(coder, db, NEWS, BAD)
    with Store(db, read_only=True) as s:
        before = dump(s.con)
    again = run(coder, db, NEWS, BAD)
    assert (again.stored, again.already) == (0, N_NEWS)
    with Store(db, read_only=True) as s:
        assert dump(s.con) == before


def test_two_ingests_of_the_same_data_give_identical_stores(coder, tmp_path):
    dumps = []
    for name, batch in (("a.duckdb", 3), ("b.duckdb", 5)):
        run(coder, tmp_path / name, NEWS, batch_size=batch)
        with Store(tmp_path / name, read_only=True) as s:
            dumps.append(dump(s.con))
    assert dumps[0] == dumps[1]


def test_incremental_ingest_adds_only_the_new_articles(coder, tmp_path):
    db = tmp_path / "e.duckdb"
    run(coder, db, NEWS / "wires.jsonl")
    report = run(coder, db, NEWS / "wires.jsonl", NEWS / "beijing.json")
    assert (report.stored, report.already) == (1, 2)
    assert [a["seq"] for a in articles(db)] == [1, 2, 3]


def test_warc_html_responses_become_articles(coder, tmp_path):
    warc = tmp_path / "cc-news.warc.gz"
    write_warc(warc, kerry_pages(3))
    report = run(coder, tmp_path / "e.duckdb", warc)
    assert (report.stored, report.failed) == (3, 0)
    rows = articles(tmp_path / "e.duckdb")
    assert [r["url"] for r in rows] == [f"https://times.example.com/2013/04/kerry-{i}" for i in range(3)]
    assert rows[0]["published"] == dt.date(2013, 4, 12)
    assert rows[0]["source"] == f"{warc}:https://times.example.com/2013/04/kerry-0"


@pytest.mark.parametrize("cut", [0.97, 0.6, 0.2])
def test_truncated_warc_gz_keeps_the_good_records_and_reports_the_file(tmp_path, cut):
    warc = tmp_path / "full.warc.gz"
    write_warc(warc, kerry_pages(4), extra_png=False)
    data = warc.read_bytes()
    bad = tmp_path / "cut.warc.gz"
    bad.write_bytes(data[: int(len(data) * cut)])
    items = list(iter_sources([str(bad)]))
    errors = [i for i in items if not hasattr(i, "text")]
    assert len(errors) == 1 and str(errors[0]).startswith(f"E042 {bad}: truncated or corrupt WARC")
    good = [i for i in items if hasattr(i, "text")]
    assert len(good) == int(4 * cut)
    assert all("Kerry" in a.text for a in good)


def test_bad_inputs_are_each_reported_once_and_the_rest_ingested(coder, tmp_path):
    big = tmp_path / "huge.txt"
    big.write_text("North Korea said on Monday it would restart its reactor. " * 900_000)  # ~51 MB
    long_line = tmp_path / "long.jsonl"
    long_line.write_text(json.dumps({"text": "Talks resumed. " * 80_000}) + "\n"
                         + json.dumps({"text": "Seoul and Tokyo agreed on Monday to share intelligence."})
                         + "\n" + "{not json\n")
    warc = tmp_path / "cut.warc.gz"
    write_warc(warc, kerry_pages(2))
    warc.write_bytes(warc.read_bytes()[:-40])
    db = tmp_path / "e.duckdb"
    report = run(coder, db, NEWS, BAD, big, long_line, warc)
    assert report.stored == N_NEWS + 1 + 2
    with Store(db, read_only=True) as s:
        errors = dict(s.con.execute("SELECT source, code FROM errors").fetchall())
    assert errors == {
        str(BAD / "broken.html"): "E040",          # malformed HTML without article text
        str(BAD / "broken.rss"): "E041",           # malformed feed
        str(BAD / "empty.txt"): "E004",            # empty file
        str(BAD / "image.txt"): "E003",            # binary file
        str(BAD / "latin.txt"): "E002",            # invalid UTF-8
        str(big): "E045",                          # a 50 MB single article
        f"{long_line}:1": "E044",                  # an article over spaCy's length limit
        f"{long_line}:3": "E005",                  # a malformed JSONL line
        str(warc): "E042",                         # a truncated .warc.gz
    }
    assert report.failed == len(errors)


def test_cli_ingest_reports_one_line_per_bad_input_and_exits_1(tmp_path):
    db = tmp_path / "e.duckdb"
    result = CliRunner().invoke(store_main, ["ingest", str(NEWS), str(BAD / "latin.txt"),
                                             "--db", str(db), "--quiet"])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines == [f"eventcoder: E002 {BAD / 'latin.txt'}: not valid UTF-8 text (byte 0xff at offset 34)"]
    ok = CliRunner().invoke(store_main, ["ingest", str(NEWS / "beijing.json"), "--db", str(db)])
    assert ok.exit_code == 0
    assert "0 new article(s) stored, 1 already stored" in ok.stderr


def test_cli_query_and_stats_read_the_ingested_store(tmp_path):
    db = tmp_path / "e.duckdb"
    runner = CliRunner()
    assert runner.invoke(store_main, ["ingest", str(NEWS), "--db", str(db), "--quiet"]).exit_code == 0
    stats = json.loads(runner.invoke(store_main, ["stats", "--db", str(db), "--format", "json"]).stdout)
    assert stats["totals"]["articles"] == N_NEWS and stats["totals"]["skipped inputs"] == 1
    assert sum(stats["by_type"].values()) == stats["totals"]["events (clusters)"]
    result = runner.invoke(store_main, ["query", "--db", str(db), "--since", "2013-01-01",
                                        "--format", "json", "--limit", "3"])
    assert result.exit_code == 0
    events = json.loads(result.stdout)["events"]
    assert len(events) == min(3, stats["totals"]["events (clusters)"])
    bad = runner.invoke(store_main, ["query", "--db", str(db), "--since", "last week"])
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.output


def test_a_bad_csv_row_is_reported_and_the_next_rows_read(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text('id,text\nok-1,"Japan protested on Wednesday."\nbig,"' + "x" * 200_000
                    + '"\nok-2,"Russia offered on Thursday to mediate."\n', encoding="utf-8")
    items = list(iter_sources([str(path)], options(languages=())))
    assert [getattr(i, "id", None) for i in items] == ["ok-1", None, "ok-2"]
    assert str(items[1]).startswith(f"E046 {path}:3: malformed CSV (field larger than field limit")


def test_a_csv_without_a_text_column_is_one_error(tmp_path):
    path = tmp_path / "no-text.csv"
    path.write_text("id,headline\n1,Talks resume\n", encoding="utf-8")
    [err] = list(iter_sources([str(path)]))
    assert str(err) == (f"E046 {path}: malformed CSV (no text column; expected one of text, body, "
                        "content, article)")


def test_an_oversized_warc_record_is_refused_and_the_others_read(tmp_path):
    warc = tmp_path / "big.warc"
    pages = kerry_pages(2)
    write_warc(warc, [pages[0], (pages[1][0], pages[1][1] + b"<!--" + b"x" * 5000 + b"-->")])
    items = list(iter_sources([str(warc)], options(max_file_bytes=3000)))
    assert [type(i).__name__ for i in items] == ["Article", "InputError"]
    assert str(items[1]).startswith(f"E045 {warc}:{pages[1][0]}: the file is too large")


def test_dask_needs_an_output_folder(tmp_path):
    result = CliRunner().invoke(store_main, ["ingest", str(NEWS), "--dask", "local"])
    assert result.exit_code == 2 and "--dask needs --out DIR" in result.output


def test_the_progress_estimate_counts_articles_cheaply(tmp_path):
    from eventcoder.read.sources import discover, estimate_count

    assert estimate_count(list(discover([str(NEWS / "wires.jsonl"), str(NEWS / "feed.rss"),
                                         str(NEWS / "beijing.json")]))) == 5
    warc = tmp_path / "a.warc.gz"
    write_warc(warc, kerry_pages(1))
    assert estimate_count([str(NEWS / "beijing.json"), str(warc)]) is None
