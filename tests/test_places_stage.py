"""The places stage on real news sentences: disambiguation, metonymy, datelines
and event locations.

Sentences come from the seed article (Bloomberg, 16 June 2013) or are written
in wire style after real reports. Toponym recognition and resolution run
after the parse and the actors stage (whose country mentions are part of the
context); event locations are checked on events built by hand, so that they
test this stage and not the event coder. The seed-article tests use the full
pipeline.
"""

from __future__ import annotations

import datetime as dt

import pytest

from eventcoder.model import Actor, Article, Event, Place
from eventcoder.nlp import attach, parse_text
from eventcoder.pipeline import Pipeline
from eventcoder.places import make_stage
from eventcoder.settings import Settings


@pytest.fixture(scope="module")
def code():
    """code(text) -> the Article after the stages the places stage reads (the parse
    and the actors' country mentions); events are left out, so that these tests
    check this stage alone."""
    pipe = Pipeline(Settings(stages=("nlp", "actors", "places")))

    def _code(text: str) -> Article:
        return pipe(Article(text=text, published=dt.date(2013, 6, 16)))

    return _code


def place(article: Article, text: str, nth: int = 0) -> Place:
    """The nth place whose text is `text`."""
    found = [p for p in article.places if p.text == text]
    assert len(found) > nth, f"{text!r} not among {[p.text for p in article.places]}"
    return found[nth]


# --- disambiguation ----------------------------------------------------------

DISAMBIGUATION = [
    # (sentence, toponym, nth occurrence, expected name, country, feature)
    ("Both sides had agreed to discuss reopening the jointly run Gaeseong industrial complex, "
     "shuttered since the North withdrew its workers in April.",
     "Gaeseong", 0, "Kaesŏng", "PRK", "city"),
    ("U.S. President Barack Obama met his Chinese counterpart Xi Jinping in California.",
     "California", 0, "California", "USA", "admin1"),
    ("Glyn Davies will hold talks with his Japanese and South Korean counterparts this week in "
     "Washington, according to the U.S. State Department.",
     "Washington", 0, "Washington", "USA", "city"),
    ("Georgia marked five years since its war with Russia, as officials in Tbilisi accused "
     "Moscow of moving border fences.", "Georgia", 0, "Georgia", "GEO", "country"),
    ("Police in Savannah arrested two men after a shooting, and the governor said Georgia would "
     "send extra troopers to Atlanta.", "Georgia", 0, "Georgia", "USA", "admin1"),
    ("Hundreds of residents gathered in Paris, Texas, on Saturday to protest the shooting.",
     "Paris", 0, "Paris", "USA", "city"),
    ("French police arrested three suspects in Paris on Tuesday.", "Paris", 0, "Paris", "FRA",
     "city"),
    ("Washington and Moscow traded accusations on Monday after talks in Geneva ended without "
     "agreement.", "Geneva", 0, "Geneva", "CHE", "city"),
    ("Monsoon floods have killed more than 300 people in Kerala, officials in New Delhi said.",
     "New Delhi", 0, "New Delhi", "IND", "city"),
    ("Moscow accused Kiev of shelling Donetsk.", "Kiev", 0, "Kyiv", "UKR", "city"),
    # a city named like its state is the city, except as the qualifier of another place
    ("A New York man who faked his death was found living in Massapequa, New York.",
     "New York", 0, "New York City", "USA", "city"),
    ("A New York man who faked his death was found living in Massapequa, New York.",
     "New York", 1, "New York", "USA", "admin1"),
]


@pytest.mark.parametrize(("text", "toponym", "nth", "name", "country", "feature"), DISAMBIGUATION)
def test_disambiguation(code, text: str, toponym: str, nth: int, name: str, country: str,
                        feature: str) -> None:
    p = place(code(text), toponym, nth)
    assert (p.name, p.country, p.feature) == (name, country, feature)
    assert p.geonameid is not None and p.lat is not None and p.lon is not None


@pytest.mark.parametrize(("text", "toponym", "nth", "admin1"), [
    # each "Columbus" is narrowed by its own state
    ("Residents of Columbus, Ohio, and Columbus, Georgia, both reported power outages after "
     "the storm.", "Columbus", 0, "Ohio"),
    ("Residents of Columbus, Ohio, and Columbus, Georgia, both reported power outages after "
     "the storm.", "Columbus", 1, "Georgia"),
    # a dateline's region narrows the place, and later mentions follow it
    ("LAWRENCE, Kan. - A man was charged Tuesday with robbing a store in Eudora. The suspect "
     "was arrested in Topeka and taken back to Lawrence.", "Lawrence", 0, "Kansas"),
    ("The Taliban seized a district center in Helmand province, officials in Lashkar Gah said.",
     "Helmand province", 0, "Helmand"),
])
def test_divisions_narrow_places(code, text: str, toponym: str, nth: int, admin1: str) -> None:
    assert place(code(text), toponym, nth).admin1 == admin1


def test_a_division_coded_as_its_country_is_the_division(code) -> None:
    # the actors stage codes Scotland as GBR; as a place it is the division
    p = place(code("Heavy snow blocked roads across Scotland and Wales on Friday."), "Scotland")
    assert (p.name, p.country, p.feature) == ("Scotland", "GBR", "admin1")
    assert abs(p.lat - 56.5) < 1.5 and abs(p.lon + 4.0) < 1.5


@pytest.mark.parametrize(("text", "toponym", "name"), [
    # demonyms the small model does not tag
    ("BARCELONA, Spain (Reuters) - Spanish riot police stormed polling stations in Girona.",
     "Spanish", "Spain"),
    # a place entity the gazetteer knows as a whole is not the country inside it
    ("Oil prices rose as tankers avoided the Gulf of Oman on Thursday.", "Gulf of Oman",
     "Gulf of Oman"),
    # "Helmand province": the division, found without its division word
    ("The Taliban seized the district center of Musa Qala in Helmand province, officials in "
     "Lashkar Gah said.", "Helmand province", "Helmand"),
])
def test_recognition_beyond_the_parser(code, text: str, toponym: str, name: str) -> None:
    assert place(code(text), toponym).name == name


def test_a_surname_is_not_a_town(code) -> None:
    article = code("Davis told reporters in Los Angeles that he had been framed. Davis said he "
                   "would appeal.")
    assert [p.text for p in article.places] == ["Los Angeles"]


def test_a_county_is_not_a_namesake_city(code) -> None:
    article = code("The Jackson County sheriff said deputies found the teenager in Kansas City.")
    assert all(p.name != "Jackson" for p in article.places)


def test_gaeseong_is_the_north_korean_city_kaesong(seed_article) -> None:
    p = place(seed_article, "Gaeseong")
    assert p.country == "PRK" and p.geonameid == 1876373
    assert abs(p.lat - 37.97) < 0.2 and abs(p.lon - 126.55) < 0.2


def test_seed_article_resolves_its_places(seed_article) -> None:
    names = {(p.text, p.name, p.country) for p in seed_article.places}
    for expected in [("Beijing", "Beijing", "CHN"), ("California", "California", "USA"),
                     ("Seoul", "Seoul", "KOR"), ("Washington", "Washington", "USA"),
                     ("Gaeseong", "Kaesŏng", "PRK")]:
        assert expected in names
    # the actors' "Park" (Park Geun Hye), tagged LOC by the parser, is no place
    assert all(p.text != "Park" for p in seed_article.places)


# --- metonymy ----------------------------------------------------------------

METONYMY = [
    # (sentence, toponym, metonymic)
    ("Washington said it would impose new sanctions.", "Washington", True),
    ("American officials met Iranian negotiators in Vienna.", "American", True),
    ("American officials met Iranian negotiators in Vienna.", "Vienna", False),
    ("Seoul’s position hardened after the talks collapsed.", "Seoul", True),
    ("Protesters filled Seoul’s streets on Saturday.", "Seoul", False),
    ("North Korea proposed its first talks with the U.S. in more than a year.", "U.S.", True),
    ("North Korea proposed its first talks with the U.S. in more than a year.", "North Korea",
     True),
    ("The U.S. is unlikely to agree to today’s proposal.", "U.S.", True),
    ("Park and Xi will hold their first summit meeting in Beijing on June 27-30.", "Beijing",
     False),
    ("Ultimately, the offer is aimed to show that the North is heeding Beijing’s calls for a "
     "return to dialogue.", "Beijing", True),
    ("France said it would tighten controls on its border with Belgium.", "Belgium", False),
    ("Ukrainian forces shelled Donetsk overnight, the Kremlin said.", "Donetsk", False),
]


@pytest.mark.parametrize(("text", "toponym", "metonymic"), METONYMY)
def test_metonymy(code, text: str, toponym: str, metonymic: bool) -> None:
    assert place(code(text), toponym).metonymic is metonymic


# --- datelines ---------------------------------------------------------------

DATELINES = [
    ("SEOUL, June 16 (Reuters) - North Korea proposed talks with the United States on Sunday.",
     "SEOUL", "Seoul", "KOR"),
    ("WASHINGTON (AP) -- President Barack Obama met congressional leaders on Tuesday.",
     "WASHINGTON", "Washington", "USA"),
    ("SPRINGFIELD, Ill. (AP) - Illinois lawmakers met on Wednesday to vote on a budget.",
     "SPRINGFIELD", "Springfield", "USA"),
    ("PARIS, Texas, May 10 - Hundreds of residents gathered outside the courthouse.",
     "PARIS", "Paris", "USA"),
    ("TBILISI, Aug 8 (AP) - Georgia marked five years since its war with Russia.",
     "TBILISI", "Tbilisi", "GEO"),
    ("BEIRUT \u2014 Lebanon\u2019s prime minister resigned on Saturday.", "BEIRUT", "Beirut",
     "LBN"),
    ("Seoul, June 16 (Yonhap) -- South Korea proposed working-level talks on Sunday.",
     "Seoul", "Seoul", "KOR"),
]


@pytest.mark.parametrize(("text", "toponym", "name", "country"), DATELINES)
def test_dateline_gives_publication_place(code, text: str, toponym: str, name: str,
                                          country: str) -> None:
    article = code(text)
    dateline = article.extras["dateline"]
    assert (dateline.text, dateline.name, dateline.country) == (toponym, name, country)
    assert dateline.metonymic is False
    assert place(article, toponym) == dateline


def test_springfield_dateline_is_in_illinois(code) -> None:
    article = code(DATELINES[2][0])
    assert article.extras["dateline"].admin1 == "Illinois"
    region = place(article, "Ill.")  # the dateline's region is a literal place too
    assert (region.name, region.metonymic) == ("Illinois", False)


@pytest.mark.parametrize("text", [
    "North Korea proposed talks with the United States on Sunday.",
    "U.S. officials - speaking on condition of anonymity - said the talks failed.",
    "Moscow - which denies any role - said the report was false.",
])
def test_no_dateline_without_one(code, text: str) -> None:
    assert "dateline" not in code(text).extras


# --- event locations ---------------------------------------------------------


@pytest.fixture(scope="module")
def locate(nlp):
    """locate(text, trigger, source country, target country) -> the event's location."""
    stage = make_stage(Settings())

    def _run(text: str, trigger: str, source: str = "USA", target: str | None = "CHN"
             ) -> Place | None:
        article = Article(text=text, published=dt.date(2013, 6, 16))
        attach(article, nlp(parse_text(article)))
        tgt = Actor(text=target, start=0, end=1, country=target) if target else None
        event = Event(source=Actor(text=source, start=0, end=1, country=source), target=tgt,
                      cameo="040", plover="CONSULT", mode=None, goldstein=1.0, quad_class=1,
                      factuality="asserted", date="2013", sentence=0, start=0, end=len(text),
                      evidence=text, trigger=trigger)
        article.events = [event]
        stage(article)
        return event.location

    return _run


LOCATIONS = [
    # (sentence, trigger, expected location or None)
    ("U.S. President Barack Obama met his Chinese counterpart Xi Jinping in California.",
     "met", "California"),
    ("In a statement about Choe’s meeting with another top Chinese official in Beijing on May 23, "
     "the official Xinhua News Agency said the North is willing to carry out dialogue.",
     "meeting", "Beijing"),
    ("Glyn Davies will hold talks with his Japanese and South Korean counterparts this week in "
     "Washington.", "hold talks", "Washington"),
    ("Washington said it would impose new sanctions on Beijing.", "impose sanctions", None),
    ("A bomb exploded outside a market in Peshawar, killing 12 people, police said.", "said",
     None),
    ("Ukrainian forces shelled Donetsk overnight.", "shelled", "Donetsk"),
    ("The two Koreas last met at the truce village of Panmunjom in 2011.", "met", "Panmunjom"),
]


@pytest.mark.parametrize(("text", "trigger", "expected"), LOCATIONS)
def test_event_location_from_its_clause(locate, text: str, trigger: str,
                                        expected: str | None) -> None:
    loc = locate(text, trigger)
    assert (loc.name if loc else None) == expected
    assert loc is None or loc.metonymic is False


def test_dateline_is_the_default_event_location(locate) -> None:
    loc = locate("SEOUL, June 16 (Reuters) - North Korea proposed talks with the United States.",
                 "proposed talks", "PRK", "USA")
    assert loc is not None and loc.name == "Seoul" and loc.why == "dateline; dateline"


def test_domestic_event_falls_back_to_the_actors_country(locate) -> None:
    loc = locate("Police arrested two opposition leaders on Sunday.", "arrested", "PAK", "PAK")
    assert loc is not None and (loc.name, loc.feature) == ("Pakistan", "country")


def test_international_event_without_place_stays_unlocated(locate) -> None:
    assert locate("North Korea proposed talks with the United States.", "proposed talks",
                  "PRK", "USA") is None


def test_seed_article_events_are_located(seed_article) -> None:
    def located(trigger_word: str, evidence_word: str) -> set[str | None]:
        return {e.location.name if e.location else None for e in seed_article.events
                if trigger_word in (e.trigger or "") and evidence_word in e.evidence}

    assert "California" in located("met", "Obama")
    assert "Beijing" in located("meeting", "May 23")
    assert "Washington" in located("talks", "Davies")
    for event in seed_article.events:
        assert event.location is None or not event.location.metonymic


def test_places_are_serialised(seed_article) -> None:
    d = seed_article.to_dict()
    gaeseong = next(p for p in d["places"] if p["text"] == "Gaeseong")
    assert set(gaeseong) >= {"text", "start", "end", "name", "geonameid", "country", "admin1",
                             "lat", "lon", "feature", "metonymic"}
    text = seed_article.text
    assert all(text[p["start"]:p["end"]] == p["text"] for p in d["places"])
