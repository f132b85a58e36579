"""Which clause of its sentence an event sits in: main, adjunct or modifier.

A news sentence reports one main event and often a background one: a clause
that modifies a noun ("a helicopter that was captured by ...", "a lunch
hosted by ...", "an admission that X murdered ...") describes something the
sentence mentions, and an adverbial clause of time or cause ("a week after
it scrapped a meeting", "as police cracked down", "when they blew
themselves up") sets the scene, and a clause of condition ("... unless the
president agrees to step down") states what a threat or promise depends on.
Human coders code the main event; the events stage drops a modifier or
condition event when its sentence has a main one, and an adjunct event when
it repeats a main event's dyad or kind (`events.__init__._prune`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from eventcoder.events.lexicon import Syntax

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

ClauseKind = Literal["main", "adjunct", "modifier", "condition"]

_NOUN_CLAUSES = ("relcl", "acl")
_MAX_DEPTH = 12


def clause_kind(anchor: Token, syntax: Syntax) -> ClauseKind:
    """The kind of clause the event word sits in, read up its dependency path.

    The innermost telling clause decides: an event in a relative clause
    inside an adverbial "after" clause is a modifier.
    """
    t = anchor
    for _ in range(_MAX_DEPTH):
        head = t.head
        if head is t:
            return "main"
        # "The UN Command, which fought against North Korea, signed ...": what the
        # subject did is an event of its own; a clause on any other noun describes it
        if t.dep_ in _NOUN_CLAUSES and t.pos_ in ("VERB", "AUX") and head.dep_ not in ("nsubj", "nsubjpass"):
            return "modifier"
        if t.dep_ == "ccomp" and head.pos_ in ("NOUN", "PROPN"):
            return "modifier"  # "an admission that Soviet forces murdered ..."
        if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in syntax.condition_marks
                                     for c in t.children):
            return "condition"  # "will withdraw its force unless the president arranges a ceasefire"
        if t.dep_ == "advcl" and any(c.dep_ in ("mark", "advmod") and c.lower_ in syntax.background_marks
                                     for c in t.children):  # "when" is parsed as an adverb
            return "adjunct"
        if t.dep_ in ("pcomp", "pobj") and head.dep_ == "prep" and head.lower_ in syntax.background_marks:
            return "adjunct"  # "after repeatedly demanding ...", "following the attack by ..."
        t = head
    return "main"
