"""Event types and dyads on wire-style sentences: aspect verbs, purpose clauses.

Sentences written by the eventcoder team in the style of wire reports (not
copied from any article).
"""

from __future__ import annotations

import pytest


def _found(art):
    return [(e.plover, e.source.country, e.target.country if e.target else None, e.factuality)
            for e in art.events]


@pytest.mark.parametrize("text, plover, source, target", [
    # preparing to resume or begin an attack is a show of force, not the attack
    ("The Ethiopian army prepared to resume shelling rebel-held towns in Tigray on Thursday.",
     "MOBILIZE", "ETH", None),
    ("Israel is preparing to begin a ground offensive in Gaza, military officials said.",
     "MOBILIZE", "ISR", "PSE"),
    # a hunger strike against one's own state's decision targets that state
    # sums of money pass through to what they buy
    ("Japan provided $500 million in emergency aid to Ukraine, Prime Minister Fumio Kishida said.",
     "AID", "JPN", "UKR"),
    ("Saudi Arabia sent 3,000 tonnes of food aid to Sudan on Monday.", "AID", "SAU", "SDN"),
    ("The World Bank approved a $1.5 billion loan to Kenya on Friday.", "AID", "IGO", "KEN"),
    # a warning of consequences is a threat, and the one warned its target
    ("Iran's supreme leader Ayatollah Ali Khamenei warned Israel of a harsh response on Wednesday.",
     "THREATEN", "IRN", "ISR"),
    # a nationality on an attack that is its clause's subject names the attacker
    ("A Ukrainian drone attack set fire to an oil depot in Russia's Bryansk region, the governor said.",
     "ASSAULT", "UKR", "RUS"),
    ("Israeli air strikes killed at least 20 people in Gaza overnight, health officials said.",
     "ASSAULT", "ISR", "PSE"),
    # rejecting an appeal or going back on a commitment is a rejection, whatever it asked
    ("Houthi rebels on Tuesday dismissed an appeal from Yemen's government to lay down their arms.",
     "REJECT", "YEM", "YEM"),
    ("Prime Minister Imran Khan has reneged on his promise of early elections, opposition leaders "
     "said.", "REJECT", "PAK", None),
    # "were engaged in": the passive subject is the doer
    ("Government forces were engaged in ethnic cleansing against the Rohingya in Myanmar's Rakhine "
     "state, U.N. investigators said.", "ASSAULT", "MMR", None),
    ("Hundreds of Kenyan teachers began a hunger strike on Monday to protest against Kenya's decision "
     "to cut their pay.", "PROTEST", "KEN", "KEN"),
])
def test_events_types_news_sentence(code, text, plover, source, target):
    found = _found(code(text, published="2024-05-15"))
    assert any(p == plover and (source is None or s[:3] == source) and (target is None or t == target)
               for p, s, t, _ in found), found


def test_events_types_prepared_attack_is_not_an_asserted_assault(code):
    art = code("The Ethiopian army prepared to resume shelling rebel-held towns in Tigray.",
               published="2024-05-15")
    assert not [e for e in art.events if e.plover == "ASSAULT" and e.factuality == "asserted"]


def test_events_types_purpose_of_a_protest_is_the_same_act(code):
    art = code("A Syrian opposition lawmaker started a hunger strike on Sunday to protest against "
               "corruption in President Bashar al-Assad's government.", published="2010-05-02")
    found = _found(art)
    assert [p for p, *_ in found] == ["PROTEST"], found
    assert found[0][2] == "SYR"


def test_events_types_condemned_act_is_the_topic_not_an_event(code):
    art = code("The United Nations Security Council condemned North Korea's latest missile launch.",
               published="2023-07-13")
    found = _found(art)
    assert [(p, s, t) for p, s, t, _ in found] == [("ACCUSE", "IGOUNO", "PRK")], found


def test_events_types_nominal_event_kept_when_nobody_codes_its_frame(code):
    art = code("Officials said Russia's invasion of Ukraine had displaced millions.", published="2023-07-13")
    assert any(s == "RUS" and t == "UKR" for _, s, t, _ in _found(art)), _found(art)


def test_events_types_warning_about_the_weather_is_no_threat(code):
    art = code("Forecasters warned of severe consequences from the storm in Florida.", published="2023-07-13")
    assert not [e for e in art.events if e.plover == "THREATEN"], _found(art)


def test_events_types_background_war_has_no_attacker(code):
    art = code("Thousands of refugees fled the Syrian civil war last year.", published="2016-07-13")
    assert not [e for e in art.events if e.plover == "ASSAULT"], _found(art)


def test_events_types_act_named_in_a_purpose_clause_is_an_aim(code):
    art = code("Belgian dairy farmers blocked roads in Brussels on Monday to demand an end to the European "
               "Union's quota reform.", published="2015-07-13")
    found = _found(art)
    assert not [f for f in found if f[1] == "IGOEU" or f[0] == "AGREE"], found
    assert any(p == "PROTEST" for p, *_ in found), found


def test_events_types_a_place_does_not_act(code):
    art = code("The Paris attack killed 130 people in November 2015.", published="2016-05-15")
    assert not [e for e in art.events if e.source.country == "FRA"], _found(art)


def test_events_types_participle_used_as_a_noun_is_no_act(code):
    art = code("Turkish helicopters evacuated the wounded from the besieged Syrian town of Afrin on Friday.",
               published="2018-03-02")
    found = _found(art)
    assert any(p == "AID" for p, *_ in found) and not any(p == "ASSAULT" for p, *_ in found), found


def test_events_types_active_verb_coordinated_with_a_passive_keeps_its_subject(code):
    art = code("Serbia's former army chief was indicted by the U.N. tribunal and promised to surrender on "
               "Monday.", published="2005-01-01")
    found = _found(art)
    assert ("ACCUSE", "IGOUNO", "SRB") in [(p, s, t) for p, s, t, _ in found], found
    assert any(p == "AGREE" and s == "SRB" for p, s, *_ in found), found
