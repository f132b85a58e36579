"""Targets end to end on wire-style sentences: destinations, purpose clauses, own side.

Sentences written by the eventcoder team in the style of wire reports (not
copied from any article).
"""

from __future__ import annotations

import pytest

CASES = [
    # the destination of a deployment is its target, not the troops sent
    ("The Pentagon said it would send 3,000 troops to Poland to reassure NATO allies.",
     "MOBILIZE", "USA", "POL"),
    ("Britain will deploy two warships to the Gulf next month, the defence ministry said.",
     "MOBILIZE", "GBR", None),
    # the object of a clause of purpose is what a protest is against
    ("Thousands of protesters marched in Nairobi to demand the resignation of President "
     "William Ruto.", "PROTEST", "KEN", "KEN"),
    ("Police fired tear gas to disperse hundreds of opposition supporters in Harare on Saturday.",
     "ASSAULT", "ZWE", "ZWE"),
    # "its troops" are the source's own; the place they leave is the target
    ("Syria says it is willing to withdraw its troops from neighbouring Lebanon.", "AGREE", "SYR", "LBN"),
    # a bare "Congo" is the Democratic Republic
    ("Rebels in eastern Congo released 20 hostages on Sunday, a U.N. spokesman said.",
     "RETREAT", "COD", "COD"),
]


@pytest.mark.parametrize("text, plover, source, target", CASES)
def test_events_targets_type_and_dyad(code, text, plover, source, target):
    art = code(text, published="2024-05-15")
    found = [(e.plover, e.source.country, e.target.country if e.target else None) for e in art.events]
    assert any(p == plover and s == source and (target is None or t == target) for p, s, t in found), found


def test_events_targets_purpose_clause_names_the_government(code):
    art = code("Thousands of protesters marched in Nairobi to demand the resignation of President "
               "William Ruto.", published="2024-07-02")
    protests = [e for e in art.events if e.plover == "PROTEST"]
    assert protests and all(e.target is not None and e.target.code == "KENGOV" for e in protests)


def test_events_targets_troops_sent_are_not_the_target(code):
    art = code("The Pentagon said it would send 3,000 troops to Poland.", published="2024-05-15")
    assert art.events and all(e.target is not None and e.target.code != "POLMIL" for e in art.events)


@pytest.mark.parametrize("text", [
    # the source's own state named again is no target of its act
    "Venezuela expelled the Spanish ambassador after Madrid criticized the election result.",
    "The Kenyan government said it was committed to opening up the Kenyan economy.",
    # "one of its ships" is the source's own
    "Japan apologized to South Korea for one of its warships firing on a South Korean fishing boat.",
])
def test_events_targets_no_event_on_its_own_side(code, text):
    art = code(text, published="2024-05-15")
    for e in art.events:
        assert e.target is None or not (e.target.country == e.source.country
                                        and e.target.sector in (None, e.source.sector)), e


@pytest.mark.parametrize("text, source, target", [
    # two sides of one country stay apart
    ("Police arrested 40 opposition activists in Kampala on Tuesday.", "UGACOP", "UGAOPP"),
    ("Croatia is investigating alleged war crimes by Croatian extremists, officials said.", "HRV", None),
])
def test_events_targets_two_sides_of_one_country(code, text, source, target):
    art = code(text, published="2024-05-15")
    found = [(e.source.code, e.target.code if e.target else None) for e in art.events]
    assert any(s == source and (target is None or t == target) for s, t in found), found


def test_events_targets_a_weapon_is_no_target(code):
    art = code("Taliban fighters exploded a series of bombs in the Afghan capital Kabul on Sunday, police "
               "said.", published="2010-05-02")
    assert art.events and not [e for e in art.events if e.target is not None and e.target.sector == "UAF"], \
        [(e.plover, e.source.code, e.target.code if e.target else None) for e in art.events]


def test_on_behalf_of_names_the_principal_not_the_target(code):
    art = code("U.S. Army Lieutenant General William Harrison signed the armistice on behalf of United "
               "Nations Command.", published="2013-06-16")
    assert art.events
    assert not [e for e in art.events if e.target is not None and e.target.code
                and e.target.code.startswith("IGOUNO")]
