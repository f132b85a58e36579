"""The places stage on local news: small towns, counties, rivers, and towns
that share their names with world cities.

Sentences are written in the style of US local papers and wire copy after
common reports (storms, courts, budgets, floods); none is taken from the
evaluation sets. Each case checks a general cause: a state named in the
article (or its dateline) constrains every town, a county is a place of its
state, a river the gazetteer lacks is still a toponym, and a name the parser
calls a person is a town where places go.
"""

from __future__ import annotations

import datetime as dt

import pytest

from eventcoder.evaluate.places import distance_km
from eventcoder.model import Article, Place
from eventcoder.pipeline import Pipeline
from eventcoder.settings import Settings


@pytest.fixture(scope="module")
def code():
    """code(text) -> the Article after the parse, the actors and the places stage."""
    pipe = Pipeline(Settings(stages=("nlp", "actors", "places")))

    def _code(text: str) -> Article:
        return pipe(Article(text=text, published=dt.date(2024, 5, 1)))

    return _code


def place(article: Article, text: str, nth: int = 0) -> Place:
    """The nth place whose text is `text`."""
    found = [p for p in article.places if p.text == text]
    assert len(found) > nth, f"{text!r} not among {[p.text for p in article.places]}"
    return found[nth]


@pytest.mark.parametrize(("text", "toponym", "admin1"), [
    # a world city's name in a story local to a state (the state named, and a town in it)
    ("A Paris woman was hurt Sunday when her car left the highway near Reno, Texas. "
     "Deputies from Dallas helped, and the driver was flown to a hospital in Paris.",
     "Paris", "Texas"),
    ("Moscow police arrested a student on Friday after a break-in near the University of Idaho "
     "campus. Officers from Lewiston and Boise joined the search across northern Idaho.",
     "Moscow", "Idaho"),
    # the dateline's state votes double: every town of the story is in it
    ("LAWRENCE, Kan. (AP) - A tornado damaged barns west of Manhattan on Tuesday, and "
     "power was out for hours.", "Manhattan", "Kansas"),
])
def test_a_state_in_the_article_claims_its_towns(code, text: str, toponym: str,
                                                  admin1: str) -> None:
    found = place(code(text), toponym)
    assert (found.country, found.admin1) == ("USA", admin1)


def test_a_repeated_name_is_no_evidence_for_itself(code) -> None:
    # both "Paris" mentions once voted for France; only Texas is named
    art = code("Paris firefighters put out a blaze at a feed store on Friday, Paris police said. "
               "The owner had farmed in northeast Texas for 40 years, and a crew came from Dallas.")
    assert {(p.country, p.admin1) for p in art.places if p.text == "Paris"} == {("USA", "Texas")}


@pytest.mark.parametrize(("text", "toponym", "admin1"), [
    ("Deputies in Cook County seized 40 pounds of fentanyl, the sheriff in Chicago said on Monday.",
     "Cook County", "Illinois"),
    ("Flooding closed roads in Franklin County after heavy rain in Frankfort, Ky., on Tuesday.",
     "Franklin County", "Kentucky"),
])
def test_us_counties_are_places_of_their_state(code, text: str, toponym: str,
                                               admin1: str) -> None:
    found = place(code(text), toponym)
    assert (found.country, found.admin1, found.feature) == ("USA", admin1, "admin2")


def test_a_county_sits_among_the_articles_towns(code) -> None:
    art = code("The storm crossed Taney County before dawn and knocked out power in "
               "Branson, Mo., and Hollister.")
    county, town = place(art, "Taney County"), place(art, "Branson")
    assert distance_km(county.lat, county.lon, town.lat, town.lon) < 50


@pytest.mark.parametrize(("text", "toponym", "country"), [
    ("The Tana River burst its banks near Garissa in northeastern Kenya, the Red Cross said.",
     "Tana River", "KEN"),
    ("Crews in Frankfort, Ky., watched the Kentucky River rise six feet overnight.",
     "Kentucky River", "USA"),
    ("Fishermen on Lake Kivu near Goma, in eastern Congo, reported a gas eruption.",
     "Lake Kivu", "COD"),
])
def test_a_river_the_gazetteer_lacks_is_placed_among_its_towns(code, text: str, toponym: str,
                                                                country: str) -> None:
    found = place(code(text), toponym)
    assert (found.country, found.feature, found.metonymic) == (country, "natural", False)
    assert found.geonameid is None


def test_a_river_name_is_not_read_as_a_town(code) -> None:
    # "Tana" alone is a name of Antananarivo, Madagascar
    art = code("Thousands fled when the Tana River flooded villages in Kenya.")
    assert not any(p.country == "MDG" for p in art.places)


@pytest.mark.parametrize(("text", "toponym", "name", "admin1"), [
    # small towns: the parser calls them persons or misses them
    ("Thousands fled to higher ground in Hola and Bura as the floods in Kenya spread.",
     "Bura", "Bura", None),
    ("Republicans from Bloomington and Normal said the Illinois budget spent too much.",
     "Normal", "Normal", "Illinois"),
    ("Hail broke windows in Ozark, Mo., on Wednesday. Hollister schools stayed closed.",
     "Hollister", "Hollister", "Missouri"),
])
def test_small_towns_of_the_articles_country_or_state(code, text: str, toponym: str, name: str,
                                                      admin1: str | None) -> None:
    found = place(code(text), toponym)
    assert found.name == name
    if admin1:
        assert found.admin1 == admin1


def test_a_surname_far_from_any_place_stays_a_person(code) -> None:
    # "Hollister" is a Missouri town, but no state is named and no place slot holds it
    art = code("Judge Hollister denied the motion on Monday, lawyers said.")
    assert not any(p.text == "Hollister" for p in art.places)


@pytest.mark.parametrize(("text", "toponym", "name", "country"), [
    # Irish and Northern Irish counties, as Irish papers write them
    ("A man was arrested in Ennis, Co Clare, after a house in Limerick was set alight.",
     "Co Clare", "County Clare", "IRL"),
    ("Police searched farmland near Omagh, Co. Tyrone, on Tuesday.",
     "Co. Tyrone", "County Tyrone", "GBR"),
])
def test_irish_counties(code, text: str, toponym: str, name: str, country: str) -> None:
    found = place(code(text), toponym)
    assert (found.name, found.country, found.feature) == (name, country, "admin2")


@pytest.mark.parametrize(("text", "toponym", "expected"), [
    # a word that is mostly not a place is one where places go, in the article's country
    ("Police in Swindon closed the M4 towards Reading for six hours.", "Reading", "GBR"),
    ("Reading the statement in Swindon, the chief constable apologised.", "Reading", None),
    ("Storms hit Montgomery and Birmingham, Ala., and flooded roads into Mobile.", "Mobile",
     "USA"),
])
def test_a_common_word_is_a_place_only_where_places_go(code, text: str, toponym: str,
                                                       expected: str | None) -> None:
    found = [p for p in code(text).places if p.text == toponym]
    assert [p.country for p in found] == ([expected] if expected else [])


def test_a_place_entity_the_gazetteer_lacks_is_placed_among_its_towns(code) -> None:
    # neither slum is in GeoNames' towns; both are in Nairobi
    art = code("Police fired tear gas at protesters in Mathare and Kibera, two slums of Nairobi, "
               "on Tuesday.")
    slum, city = place(art, "Mathare"), place(art, "Nairobi")
    assert (slum.country, slum.feature, slum.geonameid) == ("KEN", "unlisted", None)
    assert distance_km(slum.lat, slum.lon, city.lat, city.lon) < 20


def test_a_state_name_stays_the_state_in_another_states_story(code) -> None:
    # New York has a hamlet called Florida; the local bonus is for towns, not for states
    art = code("A Massapequa man was charged in Nassau County, New York, with a fraud that "
               "began while he lived in Florida.")
    found = place(art, "Florida")
    assert (found.feature, found.admin1) == ("admin1", "Florida")


def test_a_body_named_after_a_place_is_not_an_unlisted_place(code) -> None:
    art = code("New York State Park Police said the boat capsized off Jones Beach on Long Island.")
    assert not any(p.feature == "unlisted" and p.text.startswith("New York") for p in art.places)



def test_two_cities_of_one_state_do_not_make_a_story_local(code) -> None:
    # national news: Dallas and Houston are named, Texas is not, and Paris is France
    art = code("Oil executives from Dallas and Houston flew to Paris on Monday for talks "
               "with European buyers.")
    assert place(art, "Paris").country == "FRA"


@pytest.mark.parametrize(("text", "toponym", "admin1"), [
    # the parser runs a state abbreviation into the next sentence ("Wash. Crews", ORG)
    ("Ash fell on Longview and Kelso, Wash. Crews closed the highway for the night.",
     "Wash.", "Washington"),
    # ... or keeps the full stop in a town's name ("Findlay.", ORG)
    ("The company builds engines in Lima, Ohio, and ships its parts through Findlay.",
     "Findlay", "Ohio"),
])
def test_parser_slips_at_sentence_ends(code, text: str, toponym: str, admin1: str) -> None:
    found = place(code(text), toponym)
    assert (found.country, found.admin1) == ("USA", admin1)


def test_a_town_of_a_busy_division_beats_a_nickname(code) -> None:
    # "Mill City" is also a nickname of Phoenix; four Oregon towns make the story local
    art = code("A wildfire east of Salem forced evacuations in Mill City on Monday. Smoke drifted "
               "over Portland, and crews from Bend and Eugene joined the fight.")
    found = place(art, "Mill City")
    assert (found.name, found.admin1) == ("Mill City", "Oregon")
