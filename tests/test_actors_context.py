"""Actors whose country the sentence gives only around them, on wire-style sentences.

Sentences written by the eventcoder team in the style of wire reports (not
copied from any article).
"""

from __future__ import annotations

import datetime as dt

import pytest

from eventcoder.actors import ActorDictionary, actor_for_token, load_dictionary
from eventcoder.actors.dictionary import load_file_data, read_yaml
from eventcoder.model import Article


def _code(article: Article, word: str, nth: int = 0) -> str | None:
    toks = [t for t in article.doc if t.text == word]
    assert len(toks) > nth, f"{word!r} not in {article.text!r}"
    actor = actor_for_token(article, toks[nth])
    return actor.code if actor else None


@pytest.mark.parametrize("text, word, expected", [
    # the country troops are sent to is not theirs
    ("The Pentagon said it would send 3,000 troops to Poland.", "troops", "USAMIL"),
    ("Moscow will dispatch more soldiers to Belarus next week, the Kremlin said.", "soldiers", "RUSMIL"),
    # victims are not of their attackers' nationality: the place says where they are
    ("Two Syrian gunmen killed 12 people at a market in Beirut on Friday, police said.", "people",
     "LBNCVL"),
    # a patron named in a clause about the group is not its country
    ("Fighters from an opposition militia backed by Turkey attacked Kurdish positions in northern "
     "Syria.", "militia", "SYROPP"),
    ("The rebel group, which receives weapons from Iran, attacked a convoy in northern Yemen.", "group",
     "YEMREB"),
    # a neighbour's border says where, not who: the militants are Pakistan's
    ("Pakistan's army said it killed six militants in a raid near the Afghan border.", "militants",
     "PAKREB"),
    # a singular body is "it"
    ("Pakistan's army said it killed six militants in a raid near the Afghan border.", "it", "PAKMIL"),
    ("The Israeli military said it struck Hezbollah targets overnight.", "it", "ISRMIL"),
    # a bare "Congo" is the Democratic Republic; the Republic of Congo is written in full
    ("Rebels in eastern Congo released 20 hostages on Sunday.", "Rebels", "CODREB"),
    ("The Republic of Congo held talks with France on Monday.", "Republic", "COG"),
])
def test_actors_context_country(code, text, word, expected):
    assert _code(code(text, published="2024-05-15"), word) == expected


@pytest.mark.parametrize("text, word", [
    ("China, North Korea's biggest ally, called for restraint on the peninsula.", "ally"),
    ("Beijing, Pyongyang's main benefactor, urged calm on Tuesday.", "benefactor"),
])
def test_actors_context_apposition_to_a_named_country_is_that_country(code, text, word):
    art = code(text, published="2024-05-15")
    assert (_code(art, word) or "")[:3] == "CHN"


@pytest.mark.parametrize("text, word", [
    ("The court lifted restrictions on the use of the Russian language on national radio.", "Russian"),
    ("Kyiv banned Russian-language broadcasts on Ukrainian television.", "Russian"),
])
def test_actors_context_language_is_no_actor(code, text, word):
    art = code(text, published="2024-05-15")
    assert _code(art, word) is None
    assert not any(m.country == "RUS" for m in art.mentions), art.mentions


def test_actors_context_language_gives_no_country_to_its_neighbours(code):
    art = code("The Latvian court cancelled curbs on the Russian language on national radio.",
               published="2024-05-15")
    assert _code(art, "radio") == "LVAMED"


@pytest.mark.parametrize("published, expected", [
    ("2005-03-01", "SDN"),   # before South Sudan's independence Juba lay in Sudan
    ("2015-03-01", "SSD"),
])
def test_actors_context_town_of_a_state_that_did_not_yet_exist(code, published, expected):
    art = code("Rebels shelled Juba on Sunday, killing about 20 people.", published=published)
    assert (_code(art, "Juba") or "")[:3] == expected


def test_actors_context_successions_from_data_and_user_files():
    assert load_dictionary().state_at("ERI", dt.date(1990, 1, 1)) == "ETH"
    assert load_dictionary().state_at("ERI", dt.date(2000, 1, 1)) == "ERI"
    d = ActorDictionary()
    load_file_data(d, read_yaml("successions:\n  - {code: ABC, since: 2020-01-01, before: DEF}\n",
                                "user.yaml"), "user.yaml")
    assert d.state_at("ABC", dt.date(2019, 12, 31)) == "DEF"
    assert d.state_at("ABC", None) == "ABC"


@pytest.mark.parametrize("text, word, expected", [
    # a capital before an event word says where; before a role word, who
    ("The Paris attack killed 130 people in November 2015.", "Paris", "FRA"),
    ("The Geneva talks ended without an agreement on Friday.", "Geneva", "CHE"),
    ("Beijing officials rejected the report on Tuesday.", "officials", "CHNGOV"),
])
def test_actors_context_capital_as_place_or_government(code, text, word, expected):
    assert _code(code(text, published="2016-05-15"), word) == expected


def test_people_outside_a_foreign_embassy_are_of_the_city(code):
    article = code("Several hundred demonstrators rallied outside the U.S. embassy in Seoul on "
                   "Saturday, police said.")
    crowd = next(m for m in article.mentions if "demonstrators" in m.text)
    assert crowd.country == "KOR"


@pytest.mark.parametrize(("text", "start", "code_"), [
    ("Shoppers in Kuwait have boycotted French products.", "Shoppers", "KWTCVL"),
    ("Truckers blockaded the streets of Ottawa on Saturday.", "Truckers", "CANLAB"),
])
def test_more_crowds_are_actors(code, text, start, code_):
    article = code(text, published="2022-02-05")
    assert any(m.text.startswith(start) and m.code == code_ for m in article.mentions), \
        [(m.text, m.code) for m in article.mentions]


def test_sea_named_after_a_state_is_no_actor(code):
    article = code("Somali pirates hijacked a Bangladesh-flagged bulk carrier in the Indian Ocean on "
                   "Tuesday, the ship's owner said.", published="2010-12-07")
    assert not any(m.country == "IND" for m in article.mentions)
