"""End to end on wire-style news sentences: PLOVER type, source country and target country.

Written by the eventcoder team in the style of wire reports (not copied from any
article); each sentence carries one clear event of a different kind.
"""

from __future__ import annotations

import pytest

CASES = [
    ("Russian forces shelled the Ukrainian city of Kharkiv on Tuesday, killing at least five "
     "civilians, regional governor Oleh Syniehubov said.", "ASSAULT", "RUS", "UKR"),
    ("Israeli Prime Minister Benjamin Netanyahu met U.S. Secretary of State Antony Blinken in "
     "Jerusalem on Monday to discuss a ceasefire in Gaza.", "CONSULT", "ISR", "USA"),
    ("The European Union imposed new sanctions on Iran over its supply of drones to Russia, the "
     "bloc said in a statement.", "SANCTION", "IGOEU", "IRN"),
    ("China's foreign ministry accused the United States of interfering in its internal affairs.",
     "ACCUSE", "CHN", "USA"),
    ("North Korea threatened on Friday to launch more missiles if South Korea and the United States "
     "go ahead with joint military drills next month.", "THREATEN", "PRK", None),
    ("Police fired tear gas at thousands of opposition supporters in Kampala on Monday.",
     "ASSAULT", "UGA", "UGA"),
    ("Iran rejected a U.N. call to allow inspectors into its nuclear facilities.", "REJECT", "IRN",
     "IGOUNO"),
    ("Turkish President Recep Tayyip Erdogan praised Qatar for its role in mediating between Hamas "
     "and Israel.", "SUPPORT", "TUR", "QAT"),
    ("The Indian government arrested dozens of Kashmiri separatist leaders ahead of the vote.",
     "COERCE", "IND", "IND"),
]


@pytest.mark.parametrize("text, plover, source, target", CASES)
def test_events_news_sentence_type_and_dyad(code, text, plover, source, target):
    art = code(text, published="2024-05-15")
    found = [(e.plover, e.source.country, e.target.country if e.target else None) for e in art.events]
    assert any(p == plover and s == source and (target is None or t == target) for p, s, t in found), found


def test_events_news_threat_is_not_an_asserted_launch(code):
    art = code("North Korea threatened on Friday to launch more missiles.", published="2024-05-15")
    assert not [e for e in art.events if e.plover == "MOBILIZE" and e.factuality == "asserted"]
