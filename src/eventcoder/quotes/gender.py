"""Evidence in the article for who a he/she can stand for.

A "she said" does not continue a speaker the article calls "Mr. Hale" or
"the spokesman", and a subject inside quotation marks ("“The president
ignored us,” she said") is not a candidate speaker at all. The signs of
gender are words in `data/quotes/gender.yaml`; names alone never decide.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from eventcoder.model import Actor
from eventcoder.quotes.lexicon import load_lexicon

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

_WORDS = re.compile(r"[\w'’-]+")


def actor_gender(actor: Actor, text: str) -> str | None:
    """The gender the article gives a speaker, if it shows one (data/quotes/gender.yaml).

    From the mention itself ("the spokeswoman") or an honorific before the
    surname anywhere in the article ("Ms. Kemp"); a name alone decides nothing.
    """
    lex = load_lexicon()
    words = {w.lower() for w in _WORDS.findall(f"{actor.text} {actor.name or ''}")}
    for gender, nouns in lex.gender_nouns.items():
        if words & nouns:
            return gender
    name = (actor.name or actor.text or "").split()
    if not name or not name[-1][:1].isupper():
        return None
    surname = re.escape(name[-1])
    for gender, titles in lex.honorifics.items():
        alts = "|".join(re.escape(t) for t in sorted(titles, key=len, reverse=True))
        if re.search(rf"\b(?:{alts}) {surname}\b", text):
            return gender
    return None


def fits(tok: Token, actor: Actor) -> bool:
    """Whether a he/she can stand for `actor`: no gender in the article contradicts it."""
    said = load_lexicon().pronoun_gender.get(tok.lower_)
    if said is None:
        return True
    known = actor_gender(actor, tok.doc.text)
    return known is None or known == said


def inside_quote(text: str, idx: int) -> bool:
    """Whether `idx` lies inside quotation marks opened earlier in its paragraph.

    “The president ignored our warnings. We told him,” she said: the
    president is the subject of a quoted sentence, not a speaker.
    """
    para = text[text.rfind("\n", 0, idx) + 1:idx]
    lex = load_lexicon()
    depth = 0
    for i, ch in enumerate(para):
        for opening, closing in (*lex.double_marks, *lex.single_marks):
            if opening == closing == ch:
                if ch == '"':
                    depth = depth + 1 if depth == 0 else depth - 1  # straight marks alternate
                break
            if ch == opening and i + 1 < len(para) and para[i + 1].isalnum():
                depth += 1
                break
            if ch == closing and depth and not (i + 1 < len(para) and para[i + 1].isalnum()):
                depth -= 1
                break
    return depth > 0
