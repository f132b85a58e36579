"""Pronoun antecedents for "it"/"they": subjects and recent, repeated referents win."""

from __future__ import annotations

import pytest

from eventcoder.actors import actor_for_token


def _pronoun(article, word: str, nth: int = 0):
    toks = [t for t in article.doc if t.text == word]
    return actor_for_token(article, toks[nth])


@pytest.mark.parametrize(("text", "word", "country"), [
    # the governing subject beats an object or prepositional mention
    ("North Korea proposed talks with the U.S. on Sunday, a week after it cancelled a meeting "
     "with the South.", "it", "PRK"),
    ("Turkey closed its border with Syria on Monday after it detected shelling nearby.", "it", "TUR"),
    # the subject of the previous sentence
    ("Iran rejected a proposal from France on Sunday. It said the plan ignored its rights.", "It", "IRN"),
    # plural: the subject group, not the victims
    ("Colombian rebels attacked a Venezuelan patrol on Friday before they fled into the jungle.",
     "they", "COL"),
])
def test_pronoun_takes_the_salient_antecedent(code, text, word, country):
    actor = _pronoun(code(text), word)
    assert actor is not None and actor.country == country, actor
