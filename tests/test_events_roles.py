"""Source and target from the parse, on news sentences, with the actors given.

The actors are named by hand (`eventcoder.events.gold`), so these tests
check the events stage alone, whatever the actors stage does.
"""

from __future__ import annotations

import datetime as dt

import pytest

from eventcoder.events import EventCoder
from eventcoder.events.gold import lookup_mention, mentions_for
from eventcoder.model import Article
from eventcoder.pipeline import Pipeline
from eventcoder.settings import Settings


@pytest.fixture(scope="module")
def code_with():
    """`code_with(text, {"Iran": "IRN", ...})` -> the article's events."""
    pipe = Pipeline(Settings(stages=("nlp", "times")))
    coder = EventCoder(Settings(), None, lookup_mention)

    def _code(text: str, actors: dict[str, str], published: str = "2013-06-16"):
        art = pipe(Article(text=text, published=dt.date.fromisoformat(published)))
        art.mentions = mentions_for(text, actors.items())
        coder(art)
        return art.events

    return _code


def triples(events, plover=None):
    return {(e.source.code, e.target.code if e.target else None, e.plover) for e in events
            if plover is None or e.plover == plover}


@pytest.mark.parametrize("text, actors, expected", [
    # active voice: subject -> object
    ("Israeli warplanes bombed Hamas positions in Gaza on Sunday.",
     {"Israeli": "ISRMIL", "Hamas": "PSEHAM"}, ("ISRMIL", "PSEHAM", "ASSAULT")),
    # passive voice with a "by" agent
    ("A convoy was attacked by Taliban fighters near Kandahar.",
     {"convoy": "AFGMIL", "Taliban": "AFGTAL"}, ("AFGTAL", "AFGMIL", "ASSAULT")),
    # "X's envoy": the envoy's country acts
    ("North Korea's envoy met Chinese President Xi Jinping in Beijing.",
     {"North Korea": "PRK", "Chinese President Xi Jinping": "CHNGOV"}, ("PRK", "CHNGOV", "CONSULT")),
    # apposition: the head noun, not the appositive's country
    ("China, North Korea's biggest benefactor, condemned Japan on Tuesday.",
     {"China": "CHN", "North Korea": "PRK", "Japan": "JPN"}, ("CHN", "JPN", "ACCUSE")),
    # relative clause: the noun it modifies is the source
    ("The United Nations Command, which fought against North Korea in the war, signed the armistice.",
     {"United Nations Command": "IGOUNO", "North Korea": "PRK"}, ("IGOUNO", "PRK", "ASSAULT")),
    # xcomp chain: "plans to attack"
    ("Turkey plans to attack Kurdish militants in northern Syria.",
     {"Turkey": "TUR", "Kurdish militants": "TURREB"}, ("TUR", "TURREB", "ASSAULT")),
    # an event reported to someone: the addressee is the target when none is named
    ("Russia told Ukraine it would cut gas supplies.",
     {"Russia": "RUS", "Ukraine": "UKR"}, ("RUS", "UKR", "THREATEN")),
])
def test_source_and_target(code_with, text, actors, expected):
    assert expected in triples(code_with(text, actors))


def test_x_and_y_agreed_is_one_event_each_way(code_with):
    events = code_with("Hungary and Romania agreed on Wednesday to cooperate on refugees.",
                       {"Hungary": "HUN", "Romania": "ROU"})
    assert {("HUN", "ROU", "AGREE"), ("ROU", "HUN", "AGREE")} <= triples(events)


def test_coordinated_targets_give_one_event_per_target(code_with):
    events = code_with("The European Union imposed sanctions on Iran and Syria.",
                       {"European Union": "IGOEU", "Iran": "IRN", "Syria": "SYR"})
    assert {("IGOEU", "IRN", "SANCTION"), ("IGOEU", "SYR", "SANCTION")} <= triples(events)


def test_coordinated_modifiers_are_separate_targets(code_with):
    events = code_with("Glyn Davies will hold talks with his Japanese and South Korean counterparts.",
                       {"Glyn Davies": "USAGOV", "Japanese": "JPN", "South Korean": "KOR"})
    assert {("USAGOV", "JPN", "CONSULT"), ("USAGOV", "KOR", "CONSULT")} <= triples(events)


def test_reporting_speaker_is_not_the_actor(code_with):
    """Xinhua reports; the North is the one willing to talk."""
    text = ("The official Xinhua News Agency said the North is willing to accept advice from "
            "the Chinese side and carry out dialogue.")
    events = code_with(text, {"Xinhua News Agency": "CHNMED", "the North": "PRK", "Chinese": "CHN"})
    assert events and {e.source.code for e in events} == {"PRK"}
    assert any(e.cameo == "036" for e in events)


def test_pronoun_in_reported_clause_is_the_speaker(code_with):
    events = code_with("Syria says it is willing to withdraw its troops from Lebanon.",
                       {"Syria": "SYR", "Lebanon": "LBN"})
    assert ("SYR", "LBN", "AGREE") in triples(events)
    assert any(e.cameo == "0356" for e in events)


def test_pronoun_in_direct_quote_is_the_speaker(code_with):
    text = '"We will attack Israel if it strikes our nuclear sites," Iran\'s defense minister said.'
    events = code_with(text, {"Iran": "IRNGOV", "Israel": "ISR"})
    assert any(e.source.code == "IRNGOV" and e.target and e.target.code == "ISR" for e in events)
    assert all(e.factuality != "asserted" for e in events)


def test_according_to_source_is_not_the_actor(code_with):
    events = code_with("China will send food aid to North Korea, according to the State Department.",
                       {"China": "CHN", "North Korea": "PRK", "State Department": "USAGOV"})
    assert ("CHN", "PRK", "AGREE") in triples(events)
    assert all(e.source.code != "USAGOV" for e in events)


def test_reporting_outlet_is_not_the_target(code_with):
    text = ("Any talks must have no preconditions, a spokesman of North Korea's National Defense "
            "Commission said in a statement carried by the Korean Central News Agency.")
    events = code_with(text, {"North Korea": "PRKGOV", "Korean Central News Agency": "PRKMED"})
    assert all(e.target is None or e.target.code != "PRKMED" for e in events)
    assert all(e.source.code != "PRKMED" for e in events)


def test_demand_in_reported_obligation_targets_the_clause_subject(code_with):
    events = code_with("The U.S. has said North Korea must live up to past commitments to denuclearize.",
                       {"U.S.": "USA", "North Korea": "PRK"})
    assert ("USA", "PRK", "REQUEST") in triples(events)


def test_no_event_without_a_coded_source(code_with):
    assert code_with("Unidentified gunmen attacked a bus near the border.", {}) == []
