"""Issue 4's acceptance on the seed article (Bloomberg, 16 June 2013).

Every person and body the issue lists is coded with its country and
sector, and the actors that take part in the article's events or speak its
quotes have the right country.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventcoder.actors import actor_for_token
from eventcoder.pipeline import Pipeline
from eventcoder.read import article_from_object
from eventcoder.settings import Settings

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "nk-talks-2013-06-16.json"


@pytest.fixture(scope="module")
def seed():
    pipeline = Pipeline(Settings(stages=("nlp", "actors")))
    obj = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    return pipeline(article_from_object(obj, str(EXAMPLE)))


def _named(seed, name: str) -> list:
    return [m for m in seed.mentions if m.name == name]


PEOPLE = [
    ("Kim Jong Un", "PRKGOV"),
    ("Choe Ryong Hae", "PRKGOV"),
    ("Xi Jinping", "CHNGOV"),
    ("Barack Obama", "USAGOV"),
    ("Park Geun-hye", "KORGOV"),
    ("Denis McDonough", "USAGOV"),
    ("Tom Donilon", "USAGOV"),
    ("Glyn Davies", "USAGOV"),
    ("Caitlin Hayden", "USAGOV"),
    ("William Harrison", "USAMIL"),
    ("Park Young Ho", "KOREDU"),
    ("Yang Moo Jin", "KOREDU"),
]


@pytest.mark.parametrize(("name", "code"), PEOPLE)
def test_people_have_country_and_sector(seed, name, code):
    mentions = [m for m in _named(seed, name) if m.kind == "person"]
    assert mentions, f"{name} not found"
    assert {m.code for m in mentions} == {code}


BODIES = [
    ("National Defense Commission", "PRKGOV"),
    ("Korean Central News Agency", "PRKMED"),
    ("Xinhua", "CHNMED"),
    ("National Security Council", "USAGOV"),
    ("State Department", "USAGOV"),
    ("United Nations Command", "IGOUNOMIL"),
    ("Korea Institute for National Unification", "KOREDU"),
    ("University of North Korean Studies", "KOREDU"),
    ("UN Security Council", "IGOUNO"),
    ("White House", "USAGOV"),
]


@pytest.mark.parametrize(("name", "code"), BODIES)
def test_bodies_have_country_and_sector(seed, name, code):
    mentions = _named(seed, name)
    assert mentions, f"{name} not found"
    assert all(m.code == code for m in mentions)


def _actor_at(seed, phrase: str, word: str):
    start = seed.text.index(phrase)
    tok = next(t for t in seed.doc if t.idx >= start and t.text == word)
    return actor_for_token(seed, tok)


@pytest.mark.parametrize(("phrase", "word", "code"), [
    ("North Korea proposed its first talks", "Korea", "PRK"),
    ("talks with the U.S. in more than a year", "U.S.", "USA"),
    ("scrapped a meeting with the South", "South", "KOR"),
    ("an unidentified spokesman of North Korea", "spokesman", "PRKGOV"),
    ("the commission headed by", "commission", "PRKGOV"),
    ("Kim\u2019s regime after it tested", "regime", "PRKGOV"),
    ("Kim\u2019s regime after it tested", "it", "PRKGOV"),
    ("North Korea\u2019s envoy Choe Ryong Hae", "Hae", "PRKGOV"),
    ("his country wants", "country", "PRK"),
    ("the official Xinhua News Agency said", "Agency", "CHNMED"),
    ("Park said", "Park", "KOREDU"),
    ("Park and Xi will hold", "Park", "KORGOV"),
    ("Park and Xi will hold", "Xi", "CHNGOV"),
    ("Kim\u2019s regime unilaterally scrapped", "regime", "PRKGOV"),
    ("with the U.S.\u201d and not with South Korea, he said", "he", "KOREDU"),
    ("The Obama administration", "administration", "USAGOV"),
])
def test_event_and_quote_actors(seed, phrase, word, code):
    actor = _actor_at(seed, phrase, word)
    assert actor is not None and actor.code == code


def test_every_mention_has_offsets_into_the_text(seed):
    assert len(seed.mentions) > 50
    for m in seed.mentions:
        assert seed.text[m.start:m.end] == m.text
