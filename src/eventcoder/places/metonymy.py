"""Metonymy: does a toponym name a place, or a government or people?

Following the place-for-people reading of Markert & Nissim, a toponym is
metonymic when it acts: the subject of a verb other than a few stative ones
("Washington said", but "Seoul is a city"), a possessor of something other
than a part of a place ("Seoul's position", but "Seoul's streets"), an object
of a verb that does not move through places ("urged Beijing", but "visited
Beijing"), the object of a party preposition ("talks with the U.S."), or the
modifier of an agent noun ("U.S. officials"; but "a Lawrence man" merely
lives there). Demonyms ("American") always stand for a people or its
government. Everything else, notably the object of a locative preposition
("in Washington"), is literal.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from eventcoder.places.cues import Cues
from eventcoder.places.recognize import Candidate

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
MODIFIERS = frozenset({"compound", "amod", "nmod", "npadvmod"})


def _head_token(doc: Doc, cand: Candidate) -> Token:
    """The syntactic head of the candidate's tokens, climbing out of conjunctions."""
    tok = doc[cand.tokens[0]:cand.tokens[1]].root
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    return tok


def _possessed(doc: Doc, cand: Candidate, tok: Token) -> Token | None:
    """The noun a possessive toponym modifies ("Seoul's position" -> position)."""
    end = cand.tokens[1]
    if end < len(doc) and doc[end].tag_ == "POS":
        return tok.head if tok.dep_ == "poss" else doc[end].head.head
    if tok.dep_ == "poss":
        return tok.head
    return None


def _agentive(verb: Token) -> bool:
    """A stative verb with an agentive complement: "is unlikely to agree", "is ready to talk"."""
    return any(c.dep_ in ("acomp", "xcomp") and any(g.dep_ == "xcomp" or g.pos_ == "VERB"
                                                    for g in c.subtree if g is not c)
               for c in verb.children)


def classify(doc: Doc, cand: Candidate, cues: Cues) -> tuple[bool, str]:
    """(metonymic, reason) for one candidate."""
    if cand.adjectival:
        return True, "demonym"
    tok = _head_token(doc, cand)
    possessed = _possessed(doc, cand, tok)
    if possessed is not None:
        literal = possessed.lower_ in cues.literal_possessed
        return (not literal), f"possessor of {possessed.lower_!r}"
    head = tok.head
    if tok.dep_ in SUBJECTS:
        if tok.dep_ == "nsubjpass":
            literal = head.lemma_ in cues.literal_object_verbs
        else:
            literal = head.lemma_ in cues.literal_subject_verbs and not _agentive(head)
        return (not literal), f"subject of {head.lemma_!r}"
    if tok.dep_ in ("dobj", "dative"):
        literal = head.lemma_ in cues.literal_object_verbs
        return (not literal), f"object of {head.lemma_!r}"
    if tok.dep_ == "pobj" and head.dep_ in ("prep", "agent", "dative"):
        # "its border with Belgium" is a place; "talks with Belgium" a party
        party = head.lower_ in cues.actor_preps and head.head.lower_ not in cues.literal_possessed
        return party, f"object of {head.lower_!r}"
    if tok.dep_ in MODIFIERS:
        agent = head.lower_ in cues.agent_nouns and head.lower_ not in cues.resident_nouns
        return agent, f"modifier of {head.lower_!r}"
    if tok.dep_ == "appos":
        return classify_token(head, cues)
    return False, f"literal ({tok.dep_})"


def classify_token(tok: Token, cues: Cues) -> tuple[bool, str]:
    """The reading of the noun a toponym is in apposition to ("Seoul, the capital")."""
    if tok.dep_ in SUBJECTS and tok.head.lemma_ not in cues.literal_subject_verbs:
        return True, f"apposition to the subject of {tok.head.lemma_!r}"
    return False, "apposition"
