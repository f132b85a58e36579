"""Exports: CSV and JSONL of every mention, partitioned Parquet, and GDELT 2.0 event rows."""

from __future__ import annotations

import csv
import io
import json

import duckdb
import pytest
from click.testing import CliRunner

from eventcoder.store.cli import store_main
from eventcoder.store.db import Batch, Store
from eventcoder.store.export import GDELT_COLUMNS, export_csv, export_gdelt, export_jsonl, gdelt_row
from eventcoder.store.rows import article_rows
from test_store import PROPOSE, PROPOSE_AP, SANCTIONS, corpus


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "events.duckdb"
    with Store(path) as s:
        s.write(Batch(articles=[article_rows(a) for a in corpus()]))
    return path


def _con(db):
    return Store(db, read_only=True)


def test_gdelt_rows_have_61_tab_separated_columns_in_gdelt_order(db):
    assert len(GDELT_COLUMNS) == 61
    assert GDELT_COLUMNS[:2] == ["GLOBALEVENTID", "SQLDATE"]
    assert GDELT_COLUMNS[26:34] == ["EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
                                    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles"]
    assert GDELT_COLUMNS[-2:] == ["DATEADDED", "SOURCEURL"]
    out = io.StringIO()
    with _con(db) as s:
        n = export_gdelt(s.con, out)
    lines = out.getvalue().splitlines()
    assert n == len(lines) == 5  # one row per deduplicated event, not per mention
    rows = [dict(zip(GDELT_COLUMNS, line.split("\t"))) for line in lines]
    assert all(len(line.split("\t")) == 61 for line in lines)
    talks = rows[0]
    assert talks["GLOBALEVENTID"] == "1"
    assert talks["SQLDATE"] == "20130616" and talks["MonthYear"] == "201306" and talks["Year"] == "2013"
    assert (talks["Actor1Code"], talks["Actor1CountryCode"], talks["Actor1Type1Code"]) == \
        ("PRKGOV", "PRK", "GOV")
    assert talks["Actor1Name"] == "NORTH KOREA" and talks["Actor2Code"] == "USAGOV"
    assert (talks["EventCode"], talks["EventBaseCode"], talks["EventRootCode"]) == ("036", "036", "03")
    assert (talks["NumMentions"], talks["NumArticles"], talks["NumSources"]) == ("3", "3", "2")
    assert talks["QuadClass"] == "1" and talks["GoldsteinScale"] == "4"
    assert talks["DATEADDED"] == "20130616000000"
    assert talks["SOURCEURL"] == "https://wire.example.net/nk-talks"
    assert talks["AvgTone"] == "" and talks["ActionGeo_Lat"] == ""
    un = next(r for r in rows if r["Actor1Code"] == "IGOUNO")
    assert (un["Actor1KnownGroupCode"], un["Actor1Type1Code"]) == ("UNO", "IGO")
    assert un["SOURCEURL"] == ""


def test_gdelt_row_keeps_tabs_in_names_from_breaking_the_row():
    import datetime as dt

    row = gdelt_row({
        "cluster_id": 7, "date_start": dt.date(2013, 2, 1), "source_code": "PRK",
        "source_name": "North\tKorea", "source_text": "North Korea", "source_country": "PRK",
        "source_sector": None, "target_code": None, "target_name": None, "target_text": None,
        "target_country": None, "target_sector": None, "is_root_event": False, "cameo": "190",
        "quad_class": 4, "goldstein": -10.0, "num_mentions": 1, "num_sources": 1,
        "num_articles": 1, "published": None, "source_url": None})
    assert len(row) == 61 and "\t" not in "".join(row)
    assert row[1] == "20130201" and row[4] == "2013.0849"


def test_csv_has_every_mention_with_its_evidence_and_cluster_counts(db):
    out = io.StringIO()
    with _con(db) as s:
        n = export_csv(s.con, out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert n == len(rows) == 7
    talks = [r for r in rows if r["cluster_id"] == "1"]
    assert {r["evidence"] for r in talks} == {PROPOSE, PROPOSE_AP}
    assert {r["num_mentions"] for r in talks} == {"3"}
    assert rows[0]["published"] == "2013-06-16" and rows[0]["url"] == "https://wire.example.net/nk-talks"


def test_jsonl_is_one_object_per_mention(db):
    out = io.StringIO()
    with _con(db) as s:
        export_jsonl(s.con, out)
    objs = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(objs) == 7
    un = next(o for o in objs if o["source_code"] == "IGOUNO")
    assert un["evidence"] == SANCTIONS and un["date"] == "2013-03-07" and un["url"] is None


def test_parquet_is_partitioned_by_date_and_reads_back(db, tmp_path):
    out = tmp_path / "parquet"
    result = CliRunner().invoke(store_main, ["export", "--db", str(db), "--format", "parquet",
                                             "--out", str(out)])
    assert result.exit_code == 0, result.output
    parts = sorted(str(p.relative_to(out).parent) for p in out.rglob("*.parquet"))
    assert parts == ["year=2013/month=3", "year=2013/month=6"]
    con = duckdb.connect()
    rows = con.execute("SELECT month, count(*) FROM read_parquet(?, hive_partitioning = true) "
                       "GROUP BY month ORDER BY month", [str(out / "**" / "*.parquet")]).fetchall()
    assert rows == [(3, 2), (6, 5)]


@pytest.mark.parametrize(("fmt", "lines"), [("csv", 8), ("jsonl", 7), ("gdelt", 5)])
def test_export_command_writes_to_stdout_or_a_file(db, tmp_path, fmt, lines):
    runner = CliRunner()
    result = runner.invoke(store_main, ["export", "--db", str(db), "--format", fmt])
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == lines
    path = tmp_path / f"events.{fmt}"
    result = runner.invoke(store_main, ["export", "--db", str(db), "--format", fmt, "--out", str(path)])
    assert result.exit_code == 0
    assert len(path.read_text(encoding="utf-8").splitlines()) == lines


def test_export_of_a_missing_store_is_one_clear_error(tmp_path):
    result = CliRunner().invoke(store_main, ["export", "--db", str(tmp_path / "none.duckdb"),
                                             "--format", "csv"])
    assert result.exit_code == 1
    assert "no such event store" in result.output


def test_gdelt_action_geography_comes_from_the_event_location(tmp_path, seed_article):
    """The seed article's talks in Beijing: a world city, FIPS codes as GDELT writes them."""
    path = tmp_path / "seed.duckdb"
    with Store(path) as s:
        s.write(Batch(articles=[article_rows(seed_article)]))
    out = io.StringIO()
    with _con(path) as s:
        export_gdelt(s.con, out)
    rows = [dict(zip(GDELT_COLUMNS, line.split("\t"))) for line in out.getvalue().splitlines()]
    located = [r for r in rows if r["ActionGeo_Lat"]]
    assert located and len(located) < len(rows)  # only where the text says where
    beijing = next(r for r in located if r["ActionGeo_FullName"].startswith("Beijing"))
    assert beijing["ActionGeo_Type"] == "4"  # a city outside the US
    assert beijing["ActionGeo_CountryCode"] == "CH"  # FIPS 10-4, not ISO's CN
    assert beijing["ActionGeo_ADM1Code"].startswith("CH")
    assert abs(float(beijing["ActionGeo_Lat"]) - 39.9) < 0.2
    assert abs(float(beijing["ActionGeo_Long"]) - 116.4) < 0.2
    assert beijing["ActionGeo_FeatureID"].isdigit()  # its GeoNames id
    assert all(r["Actor1Geo_Type"] == "" for r in rows)  # actors' own geography: not coded


def test_us_state_and_country_rows():
    from eventcoder.store.export import action_geo

    state = action_geo({"place_country": "USA", "place_feature": "admin1", "place_name": "California",
                        "place_admin1": "California", "place_lat": 36.4, "place_lon": -119.97,
                        "place_geonameid": 5332921})
    assert state[:4] == ["2", "California, United States", "US", "USCA"]
    country = action_geo({"place_country": "PRK", "place_feature": "country",
                          "place_name": "North Korea", "place_lat": 40.0, "place_lon": 127.0})
    assert (country[0], country[2], country[3], country[7]) == ("1", "KN", "KN", "KN")
    assert action_geo({}) == [""] * 8


def test_store_made_before_place_columns_is_upgraded_and_still_exports(tmp_path):
    """An events table without the place columns (an earlier release) reads and upgrades."""
    path = tmp_path / "old.duckdb"
    with Store(path) as s:
        s.write(Batch(articles=[article_rows(a) for a in corpus()]))
        s.con.execute("DROP INDEX events_dedup_key")  # DuckDB drops no column under an index
        for col in ("place_name", "place_country", "place_admin1", "place_lat", "place_lon",
                    "place_geonameid", "place_feature"):
            s.con.execute(f"ALTER TABLE events DROP COLUMN {col}")
        s.con.execute("CREATE INDEX events_dedup_key ON events (dedup_key)")
    with _con(path) as s:  # read-only: nothing can be added, the exports still work
        out = io.StringIO()
        assert export_jsonl(s.con, out) == 7
        assert json.loads(out.getvalue().splitlines()[0])["place_lat"] is None
        assert export_gdelt(s.con, io.StringIO()) == 5
    with Store(path) as s:  # opened for writing: the columns are added
        cols = {r[0] for r in s.con.execute("DESCRIBE events").fetchall()}
        assert {"place_lat", "place_geonameid"} <= cols
        assert s.count("events") == 7
