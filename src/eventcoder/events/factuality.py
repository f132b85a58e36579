"""Did it happen? The factuality of a candidate event.

From the event word up through the clauses that embed it, collect cues
(lists in `data/events/factuality.yaml`):

- negated: a negator on the event word or its determiner ("did not attack",
  "no talks", "never"), or a negating governor ("refused to", "failed to",
  "denied that");
- possible: a modal ("may", "could", "should"), a likelihood or deliberation
  governor ("is unlikely to", "considering"), a condition ("if", "unless"),
  a counterfactual ("would have"), or a question;
- future: "will"/"shall", "would" in reported speech, plans and schedules
  ("plans to", "is set to", "is to", "is expected to").

The weakest claim wins: possible over negated over future over asserted, so
"may not attack" is possible and "will not attack" negated; "the U.S. is
unlikely to agree" is possible, never asserted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventcoder.events.lexicon import Cues

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

_ORDER = ("possible", "negated", "future")
_CLIMB_DEPS = ("xcomp", "conj", "acomp", "amod", "acl", "dobj", "obj", "pobj", "prep", "attr", "nsubjpass")
_MAX_CLIMB = 8


def _own_cues(t: Token, cues: Cues) -> set[str]:
    """Cues attached to one word: its negators, auxiliaries and condition marks."""
    found: set[str] = set()
    children = list(t.children)
    for c in children:
        low = c.lower_
        if c.dep_ == "neg" or (c.dep_ in ("det", "advmod", "preconj") and low in cues.negators):
            found.add("negated")
        elif c.dep_ in ("aux", "auxpass"):
            if low in cues.future_aux:
                found.add("future")
            elif low in cues.would_aux:
                perfect = any(x.dep_ == "aux" and x.lemma_ == "have" for x in children)
                found.add("possible" if perfect else "future")
            elif low in cues.possible_aux:
                found.add("possible")
        elif (c.dep_ == "mark" and low in cues.conditional_marks) or (
                c.dep_ == "advmod" and low in cues.possible_heads):
            found.add("possible")
    if t.dep_ == "pobj" and t.head.lower_ == "without":
        found.add("negated")
    return found


def _governor_cues(child: Token, head: Token, cues: Cues) -> set[str]:
    """Cues a governing word lends the clause it embeds."""
    lemma = head.lemma_.lower()
    found: set[str] = set()
    if head.pos_ == "ADP":
        # A preposition lends nothing: "a statement about the meeting" is no
        # "about to meet"; the word the preposition hangs on is checked next.
        return found
    if child.dep_ in ("xcomp", "ccomp", "acomp", "acl", "dobj", "pobj", "amod", "prep"):
        if lemma in cues.negating_heads:
            found.add("negated")
        elif lemma in cues.possible_heads:
            found.add("possible")
        elif lemma in cues.future_heads or lemma == "be" and child.dep_ == "xcomp":
            found.add("future")
    return found


def factuality(trigger: Token, cues: Cues, forced: str | None = None,
               nouns: tuple[Token, ...] = ()) -> str:
    """The factuality of the event evoked by `trigger`.

    `forced` is a factuality imposed by a frame ("refused to" -> negated);
    `nouns` are nominal parts of the trigger phrase, whose determiner can
    negate it ("held no talks").
    """
    found = set(_own_cues(trigger, cues))
    found |= {"negated" for n in nouns if "negated" in _own_cues(n, cues)}
    if forced:
        found.add(forced)
    t = trigger
    for _ in range(_MAX_CLIMB):
        if t.dep_ == "ROOT" or t.head is t:
            break
        head = t.head
        if t.dep_ == "advcl":
            if any(c.dep_ == "mark" and c.lower_ in cues.conditional_marks for c in t.children):
                found.add("possible")
            break
        if t.dep_ == "ccomp":
            found |= _governor_cues(t, head, cues) - {"future"}
            break
        if t.dep_ not in _CLIMB_DEPS:
            break
        found |= _governor_cues(t, head, cues)
        head_cues = _own_cues(head, cues)
        if t.dep_ == "conj":
            head_cues -= {"negated"}  # "did not attack but shelled" negates only the first
        found |= head_cues
        t = head
    if trigger.sent.text.rstrip().rstrip("\"'\u201d\u2019").endswith("?"):
        found.add("possible")
    for level in _ORDER:
        if level in found:
            return level
    return "asserted"


def said_future(trigger: Token, cues: Cues) -> bool:
    """Whether the event is put in the future by "will"/"would" on its own
    verb (or the verb it is coordinated with), as in a promise or a threat,
    rather than by a plan or schedule ("plans to", "is set to")."""
    t = trigger
    for _ in range(3):
        if any(c.dep_ in ("aux", "auxpass") and (c.lower_ in cues.future_aux or c.lower_ in cues.would_aux)
               for c in t.children):
            return True
        if t.dep_ != "conj":
            return False
        t = t.head
    return False
