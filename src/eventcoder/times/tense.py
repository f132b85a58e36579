"""The tense of the clause a time expression sits in, read from the parse.

"In February" means this February in "it tested a weapon in February" but
next February in "it will test one in February": the year of a date written
without one depends on the governing verb's tense, so we climb from the
expression to its verb and read the tag and auxiliaries.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventcoder.times.values import Tense

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

_FUTURE_AUX = {"will", "shall", "'ll", "wo", "gon"}
_MODALS = {"would", "could", "may", "might", "should", "must", "can", "ought"}
_VERBAL = {"VERB", "AUX"}


def governing_verb(token: Token) -> Token | None:
    """The nearest verb at or above `token` in the parse (None at a verbless root)."""
    tok = token
    for _ in range(40):
        if tok.pos_ in _VERBAL or tok.tag_.startswith("VB"):
            return tok
        if tok.head is tok:
            return None
        tok = tok.head
    return None


def verb_tense(verb: Token) -> Tense:
    """"past", "present" or "future" for a verb token, from its tag and auxiliaries."""
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if not aux and verb.dep_ == "conj" and verb.head is not verb and verb.tag_ in ("VB", "VBN"):
        # "will travel to Paris on Monday and meet Hollande on Tuesday": the
        # second verb shares the first one's auxiliaries
        return verb_tense(verb.head)
    words = {c.lower_ for c in aux}
    if words & _FUTURE_AUX or any(c.lower_ == "going" for c in aux):
        return "future"
    if words & _MODALS:
        return "future" if verb.tag_ == "VB" else "past"
    if verb.tag_ == "VBN" and any(c.lower_ in ("has", "have") for c in aux):
        # the present perfect ("has been postponed until Saturday") links the
        # past to now: the nearest date fits it better than the most recent past
        return "present"
    if any(c.tag_ == "VBD" for c in aux) or verb.tag_ == "VBD":
        return "past"
    if verb.tag_ == "VB" and any(c.lower_ == "to" for c in aux):
        # an infinitive ("expected to meet on Tuesday") looks ahead of its head verb
        head = verb.head if verb.head is not verb else None
        if head is not None and head.tag_ == "VBD" and not _is_plan(head):
            return "past"
        return "future"
    if verb.tag_ in ("VBZ", "VBP", "VBG", "VB"):
        return "present"
    if verb.tag_ == "VBN" and not aux:
        # a bare participle (not a conjunct) is a mis-tagged past or a reduced
        # relative about the past ("the plan, announced Friday")
        return "past"
    if verb.tag_ == "VBN":
        return "present"
    return None


# Verbs whose infinitive complement is still ahead even in the past tense
# ("agreed to meet on Friday" usually reports a future meeting).
_PLAN_VERBS = {"agree", "plan", "decide", "promise", "pledge", "vow", "intend", "schedule", "expect",
               "hope", "want", "offer", "propose", "threaten", "prepare", "aim", "seek", "try"}


def _is_plan(verb: Token) -> bool:
    """A plan verb, by lemma or, as the small model mislemmatises some ("hoped" → "hop"),
    by its past form."""
    word = verb.lower_
    return verb.lemma_ in _PLAN_VERBS or word.removesuffix("d") in _PLAN_VERBS \
        or word.removesuffix("ed") in _PLAN_VERBS or word in ("planned", "planning")


def tense_at(doc: Doc | None, start: int, end: int) -> Tense:
    """The tense governing the characters [start, end) of the parsed text."""
    if doc is None:
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    verb = governing_verb(span.root)
    return verb_tense(verb) if verb is not None else None
