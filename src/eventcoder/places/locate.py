"""Where events happened, and the dateline's place.

An event is located, in order of preference, by

1. a literal toponym governed by a locative preposition in its own clause:
   the preposition's head chain reaches the event's trigger, or the
   preposition hangs on the trigger's clause verb ("met ... in California",
   "Choe's meeting with an official in Beijing"), or the place is the object
   of a verb that acts on places ("shelled Donetsk", "visited Toronto");
2. the article's dateline ("SEOUL, June 16 (Reuters) -");
3. the country its actors are in, when source and target are of one state.

A metonymic toponym never locates anything, and a place named in another
clause or sentence is never borrowed.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Token

from eventcoder.model import Actor, Article, Event, Place
from eventcoder.places.cues import Cues
from eventcoder.places.gazetteer import Gazetteer
from eventcoder.places.recognize import Candidate

MAX_CLIMB = 8  # dependency steps from the preposition up to the trigger
MONTH = (r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}"
         r"(?:,?\s+\d{4})?")


def dateline_pattern(cues: Cues) -> re.Pattern[str]:
    """`PLACE[, Region][, Month D[, YYYY]] [(Agency)] -` at the very start of a text."""
    agencies = "|".join(re.escape(a) for a in cues.dateline_agencies)
    return re.compile(
        r"\A\s*(?P<place>[A-Z][A-Za-z.'\u2019-]+(?:\s+[A-Z][A-Za-z.'\u2019-]+){0,3})"
        r"(?:,\s*(?P<region>[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+){0,2}))?"
        rf"(?:,?\s*(?P<date>{MONTH}))?"
        rf"\s*(?:\((?P<agency>{agencies})\))?"
        r"\s*(?:--|[-\u2013\u2014:])\s")


def find_dateline(article: Article, gaz: Gazetteer, cues: Cues) -> Candidate | None:
    """The dateline's place as a candidate, when the text opens with one."""
    m = dateline_pattern(cues).match(article.text)
    if not m:
        return None
    # "WASHINGTON —" is a dateline by its capitals alone; "Seoul, June 16 -" needs
    # its date or agency, or any sentence opening with a name and a dash would do
    capitals = m.group("place").isupper() and len(m.group("place")) >= 3
    if not (capitals or m.group("date") or m.group("agency")):
        return None
    start, end = m.span("place")
    entries = gaz.lookup(m.group("place"))
    if not entries:
        return None
    region = gaz.lookup(m.group("region")) if m.group("region") else []
    notes = []
    if region:  # "PORTLAND, Maine": keep the namesakes inside the region
        regional = [e for e in entries if any(
            e.country3 == r.country3 and (r.feature == "country" or e.admin1 == r.admin1)
            for r in region)]
        if regional:
            entries, notes = regional, ["qualified"]
    rng = article.doc.char_span(start, end, alignment_mode="expand") if article.doc else None
    tokens = (rng.start, rng.end) if rng is not None else (0, 0)
    notes.append(f"ends:{m.end()}")
    return Candidate(start, end, m.group("place"), entries, False, "dateline", tokens, notes)


def dateline_end(cand: Candidate) -> int:
    """Where the dateline that `cand` opens ends (its region is part of it)."""
    return next((int(n[5:]) for n in cand.notes if n.startswith("ends:")), cand.end)


def _trigger_tokens(doc: Doc, event: Event) -> list[Token]:
    """The tokens of the event's trigger words inside its evidence span."""
    span = doc.char_span(event.start, event.end, alignment_mode="expand")
    if span is None:
        return []
    words = {w.lower() for w in (event.trigger or "").split()}
    return [t for t in span if t.lower_ in words or t.lemma_.lower() in words]


def _clause_verb(tok: Token) -> Token:
    """The nearest verb at or above `tok` (the head of its clause)."""
    cur = tok
    for _ in range(MAX_CLIMB):
        if cur.pos_ in ("VERB", "AUX") or cur.head is cur:
            return cur
        cur = cur.head
    return cur


def _link(prep: Token, triggers: list[Token]) -> int | None:
    """Steps from the preposition up to a trigger; None if unlinked.

    The climb stops at the first verb that is not part of the trigger: a
    place in a subordinate clause ("police said a bomb exploded in Peshawar")
    locates that clause's event, not the saying. A preposition hanging
    directly on the trigger's clause verb counts ("held talks in Seoul" with
    the trigger "talks").
    """
    targets = {t.i for t in triggers}
    clause_verbs = {_clause_verb(t).i for t in triggers}
    cur = prep.head
    for step in range(MAX_CLIMB):
        if cur.i in targets or (step == 0 and cur.i in clause_verbs):
            return step
        if cur.pos_ in ("VERB", "AUX") or cur.head is cur:
            return None
        cur = cur.head
    return None


def _governing_prep(doc: Doc, cand: Candidate, cues: Cues) -> Token | None:
    tok = doc[cand.tokens[0]:cand.tokens[1]].root
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.dep_ == "pobj":
        tok, head = head.head, head.head.head  # "at the truce village of Panmunjom"
    if tok.dep_ == "pobj" and head.lower_ in cues.locative_preps:
        return head
    return None


def _attacked_place(doc: Doc, cand: Candidate, triggers: list[Token], cues: Cues) -> bool:
    """A literal place that is the trigger's object: "shelled Donetsk", "visited Toronto"."""
    tok = doc[cand.tokens[0]:cand.tokens[1]].root
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    return (tok.dep_ == "dobj" and tok.head in triggers
            and tok.head.lemma_ in cues.literal_object_verbs)


def clause_location(article: Article, event: Event, literal: list[tuple[Candidate, Place]],
                    cues: Cues) -> Place | None:
    """The literal place a locative preposition attaches to the event's clause."""
    doc = article.doc
    triggers = _trigger_tokens(doc, event) if doc is not None else []
    best: tuple[int, Place] | None = None
    for cand, place in literal:
        if not (event.start <= cand.start and cand.end <= event.end) or not triggers:
            continue
        prep = _governing_prep(doc, cand, cues)
        steps = _link(prep, triggers) if prep is not None else None
        if steps is None and _attacked_place(doc, cand, triggers, cues):
            steps = 0
        if steps is not None and (best is None or steps < best[0]):
            best = (steps, place)
    return replace(best[1], why=f"clause: {best[1].why}") if best else None


def actor_location(event: Event, gaz: Gazetteer) -> Place | None:
    """The country source and target both belong to, as a fallback.

    Only a domestic event (both actors of one state) is placed this way; a
    lone actor may act abroad, and actors of two states meet anywhere.
    """
    src: Actor = event.source
    tgt = event.target
    if src.country not in gaz.by_country3 or src.start is None or src.end is None:
        return None
    if tgt is None or tgt.country != src.country:
        return None
    entry = gaz.by_country3[src.country]
    return Place(text=src.text, start=src.start, end=src.end, name=entry.name,
                 geonameid=entry.geonameid, country=entry.country3, admin1=None,
                 lat=entry.lat, lon=entry.lon, feature="country", metonymic=False,
                 why="actors' country")
