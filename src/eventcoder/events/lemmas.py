"""Repairing verb lemmas the small English model gets wrong.

The events stage finds triggers by lemma, and the statistical lemmatizer of
the small spaCy model sometimes strips an inflection too far or the wrong
way: "staged" becomes "stag", "waged" "wag", "raped" "rap". A verb whose
lemma is no word of our dictionaries, but whose regular de-inflection is,
gets that de-inflection as its lemma, so "staged a hunger strike" is found
like "stage a hunger strike". Only verbs are touched, and only towards a
word the dictionaries know, so a correct lemma is never replaced.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc


def deinflections(word: str) -> list[str]:
    """Regular base forms a verb form may have, most likely first."""
    w = word.lower()
    out: list[str] = []
    if w.endswith("ied"):
        out.append(w[:-3] + "y")
    if w.endswith("ed"):
        out += [w[:-1], w[:-2]]
        if len(w) > 4 and w[-3] == w[-4]:
            out.append(w[:-3])  # "stopped"
    if w.endswith("ing"):
        out += [w[:-3], w[:-3] + "e"]
        if len(w) > 5 and w[-4] == w[-5]:
            out.append(w[:-4])  # "stopping"
    if w.endswith("ies"):
        out.append(w[:-3] + "y")
    if w.endswith("es"):
        out.append(w[:-2])
    if w.endswith("s"):
        out.append(w[:-1])
    return [c for c in out if len(c) > 1]


def repair_verb_lemmas(doc: Doc, known: Iterable[str] | frozenset[str]) -> int:
    """Give verbs with an unknown lemma a known regular base form; returns how many."""
    known = known if isinstance(known, (set, frozenset)) else frozenset(known)
    fixed = 0
    for tok in doc:
        if tok.pos_ != "VERB" or tok.lemma_.lower() in known:
            continue
        base = next((c for c in deinflections(tok.text) if c in known), None)
        if base is not None:
            tok.lemma_ = base
            fixed += 1
    return fixed
