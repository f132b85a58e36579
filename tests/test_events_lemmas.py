"""Verb lemmas the small model gets wrong, and the events they hide.

Sentences written by the eventcoder team in the style of wire reports.
"""

from __future__ import annotations

import pytest

from eventcoder.events.lemmas import deinflections, repair_verb_lemmas


@pytest.mark.parametrize("word, base", [
    ("staged", "stage"), ("waged", "wage"), ("waging", "wage"), ("stopped", "stop"),
    ("denied", "deny"), ("raped", "rape"), ("accuses", "accuse"),
])
def test_events_lemmas_deinflections_include_the_base(word, base):
    assert base in deinflections(word)


def test_events_lemmas_repair_only_towards_known_verbs(nlp):
    doc = nlp("Farmers staged a protest while the army waged war and officials needed help.")
    repair_verb_lemmas(doc, frozenset({"stage", "wage", "protest"}))
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["staged"] == "stage" and lemmas["waged"] == "wage"
    assert lemmas["needed"] == "need"  # a correct lemma outside the dictionaries stays


@pytest.mark.parametrize("text, plover, source", [
    ("Jailed activist Ahmed Mansour staged a hunger strike in Abu Dhabi on Monday, Emirati rights "
     "groups said.", "PROTEST", "ARE"),
    ("Opposition supporters staged rallies in Caracas against President Nicolas Maduro.", "PROTEST", "VEN"),
    ("The United States speeded up the withdrawal of its forces from Afghanistan on Friday.",
     "RETREAT", "USA"),
    ("Russia completed the pullout of its troops from the Ukrainian city of Kherson.", "RETREAT", "RUS"),
])
def test_events_lemmas_events_found(code, text, plover, source):
    art = code(text, published="2021-08-20")
    assert any(e.plover == plover and e.source.country == source for e in art.events), \
        [(e.plover, e.source.code) for e in art.events]
