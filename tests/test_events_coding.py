"""CAMEO/PLOVER coding of news sentences, every event field, and the seed article.

Actors are given by hand (`eventcoder.events.gold`) so that these tests
check the events stage alone.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from eventcoder.events import EventCoder, make_stage
from eventcoder.events.gold import lookup_mention, mentions_for
from eventcoder.model import Article
from eventcoder.pipeline import Pipeline
from eventcoder.read import article_from_object
from eventcoder.settings import Settings

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "nk-talks-2013-06-16.json"

ACTORS = {
    "North Korea": "PRK", "North Korean": "PRK", "the North": "PRK", "Kim": "PRKGOV",
    "U.S.": "USA", "United States": "USA", "the South": "KOR", "South Korea": "KOR",
    "South Korean": "KOR", "China": "CHN", "Chinese": "CHN", "Xinhua News Agency": "CHNMED",
    "Park": "KORGOV", "Xi": "CHNGOV", "Barack Obama": "USAGOV", "Iran": "IRN", "Israel": "ISR",
    "Russia": "RUS", "Ukraine": "UKR", "Hamas": "PSEHAM", "Japan": "JPN", "Syria": "SYR",
    "European Union": "IGOEU", "Egypt": "EGY", "rebels": "SYRREB", "police": "EGYCOP",
    "protesters": "EGYCVL", "Obama": "USAGOV", "Taiwan": "TWN", "India": "IND", "Pakistan": "PAK",
    "Syrians": "SYR", "teachers' union": "EGYLAB",
}


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(Settings(stages=("nlp", "times")))


@pytest.fixture(scope="module")
def coder():
    return EventCoder(Settings(), None, lookup_mention)


@pytest.fixture(scope="module")
def code(pipe, coder):
    def _code(text: str, published: str = "2013-06-16"):
        art = pipe(Article(text=text, published=dt.date.fromisoformat(published)))
        art.mentions = mentions_for(text, ACTORS.items())
        coder(art)
        return art

    return _code


@pytest.mark.parametrize("text, cameo, plover, source, target", [
    ("North Korea proposed talks with the U.S. on Sunday.", "036", "AGREE", "PRK", "USA"),
    ("North Korea scrapped a meeting with the South.", "125", "REJECT", "PRK", "KOR"),
    ("North Korea tested an atomic weapon in February.", "150", "MOBILIZE", "PRK", None),
    ("Barack Obama met Xi in California.", "040", "CONSULT", "USAGOV", "CHNGOV"),
    ("Russia threatened pre-emptive nuclear strikes against Ukraine.", "1385", "THREATEN", "RUS", "UKR"),
    ("The European Union imposed sanctions on Syria.", "163", "SANCTION", "IGOEU", "SYR"),
    ("Iran refused to release the hostages held by Israel.", "1243", "REJECT", "IRN", "ISR"),
    ("China called for talks between India and Pakistan.", "026", "REQUEST", "CHN", "IND"),
    ("Japan sent humanitarian aid to Syria.", "073", "AID", "JPN", "SYR"),
    ("Israel accused Iran of supporting Hamas.", "112", "ACCUSE", "ISR", "IRN"),
    ("Egypt's police arrested dozens of protesters in Cairo.", "173", "COERCE", "EGYCOP", "EGYCVL"),
    ("Russia expelled Ukraine's ambassador.", "166", "SANCTION", "RUS", "UKR"),
    ("Syria shelled rebels near Aleppo.", "194", "ASSAULT", "SYR", "SYRREB"),
    ("Hamas rejected calls for talks with Israel.", "125", "REJECT", "PSEHAM", "ISR"),
    ("Israel released 26 Palestinian prisoners to Hamas.", "0841", "RETREAT", "ISR", "PSEHAM"),
    ("China praised Russia for its restraint.", "051", "SUPPORT", "CHN", "RUS"),
    ("Taiwan's president visited Japan.", "042", "CONSULT", "TWN", "JPN"),
    ("Iran urged Syria to release the detained journalists.", "0253", "REQUEST", "IRN", "SYR"),
    ("Hamas vowed to attack Israel.", "138", "THREATEN", "PSEHAM", "ISR"),
    ("Thousands of Syrians sought refuge in Japan.", "023", "REQUEST", "SYR", "JPN"),
    ("Israel is preparing to attack Hamas in Gaza.", "150", "MOBILIZE", "ISR", "PSEHAM"),
    ("Russia said Ukraine must withdraw its troops from the border.", "106", "REQUEST", "RUS", "UKR"),
    ("North Korea hacked into computers of South Korean banks.", "170", "COERCE", "PRK", "KOR"),
    ("Russia closed its embassy in Ukraine.", "161", "SANCTION", "RUS", "UKR"),
])
def test_cameo_and_plover(code, text, cameo, plover, source, target):
    events = code(text).events
    hits = [e for e in events if e.source.code == source
            and (e.target.code if e.target else None) == target]
    assert hits, [(e.source.code, e.target and e.target.code, e.cameo) for e in events]
    assert hits[0].cameo == cameo and hits[0].plover == plover


def test_calling_off_a_strike_is_a_concession(code):
    text = "Egypt's teachers' union called off the general strike after the government raised pay."
    events = code(text).events
    assert any(e.cameo == "080" and e.plover == "CONCEDE" for e in events)


@pytest.mark.parametrize("text", [
    "Israel said on Monday that the weather was fine.",
    "Russia suggested that the West was behind the unrest.",
    "China hopes that relations with Japan will improve.",
    "Iran has long been a rival of Israel.",
])
def test_no_event_in_statements(code, text):
    """Reporting and opinion verbs are not events by themselves (CAMEO 01 is not coded)."""
    assert code(text).events == []


def test_every_field_is_filled(code):
    art = code("North Korea proposed talks with the U.S. on Sunday.")
    e = art.events[0]
    assert (e.cameo, e.plover, e.mode, e.goldstein, e.quad_class) == ("036", "AGREE", None, 4.0, 1)
    assert e.label == "Express intent to meet or negotiate"
    assert e.evidence == art.text[e.start:e.end] and e.sentence == 0
    assert e.trigger == "proposed talks" and e.why.startswith("frame:intent")
    assert e.date == "2013-06-16" and e.date_source
    assert e.factuality == "asserted" and 0 < e.confidence <= 1
    assert e.source.text == "North Korea" and e.target.text == "U.S."


def test_weapons_test_has_plover_mode(code):
    e = code("North Korea tested an atomic weapon in February.").events[0]
    assert e.mode == "weapons" and e.quad_class == 4


def test_undated_article_still_dates_its_events(pipe, coder):
    art = pipe(Article(text="Israel attacked Hamas positions in 2014, officials said."))
    art.mentions = mentions_for(art.text, ACTORS.items())
    coder(art)
    assert art.events and art.events[0].date == "2014"


def test_stage_factory_builds_once_and_codes(pipe):
    stage = make_stage(Settings())
    art = pipe(Article(text="Israel attacked Hamas.", published=dt.date(2013, 6, 16)))
    stage(art)  # the actors stage did not run: no mentions, so no events
    assert art.events == []


@pytest.fixture(scope="module")
def seed(pipe, coder):
    art = article_from_object(json.loads(EXAMPLE.read_text(encoding="utf-8")), str(EXAMPLE))
    pipe(art)
    art.mentions = mentions_for(art.text, ACTORS.items())
    coder(art)
    return art


def _find(seed, source, target, cameo_prefix, sentence_has):
    return [e for e in seed.events if e.source.country == source
            and (e.target.country if e.target else None) == target
            and e.cameo.startswith(cameo_prefix) and sentence_has in e.evidence]


def test_seed_prk_proposes_talks_to_usa(seed):
    evs = _find(seed, "PRK", "USA", "036", "proposed its first talks")
    assert evs and evs[0].date == "2013-06-16" and evs[0].factuality == "asserted"


def test_seed_prk_scraps_meeting_last_week(seed):
    evs = _find(seed, "PRK", "KOR", "125", "scrapped plans")
    assert evs and "2013-06-03" <= evs[0].date <= "2013-06-15"


def test_seed_obama_meets_xi(seed):
    evs = _find(seed, "USA", "CHN", "04", "met his Chinese counterpart")
    assert evs and evs[0].date == "2013-06-07"


def test_seed_park_xi_summit_is_future(seed):
    evs = [e for e in seed.events if "summit" in e.evidence and e.plover == "CONSULT"]
    assert {(e.source.country, e.target.country) for e in evs} == {("KOR", "CHN"), ("CHN", "KOR")}
    assert all(e.factuality == "future" and e.date == "2013-06-27" for e in evs)


def test_seed_north_willing_to_talk_is_coded_for_the_north_not_xinhua(seed):
    evs = [e for e in seed.events if "willing to accept advice" in e.evidence]
    assert evs and all(e.source.country == "PRK" for e in evs)


def test_seed_nothing_asserted_from_hypothetical_or_unlikely_clauses(seed):
    for e in seed.events:
        if "unlikely to agree" in e.evidence and e.cameo.startswith("03"):
            assert e.factuality != "asserted"
        if "would have been" in e.evidence and e.plover == "CONSULT":
            assert e.factuality != "asserted"
