"""Coding events against actor mentions given by hand (gold actors).

Evaluation and tests sometimes need the events stage on its own: the actors
are known (a gold standard marks them, or a test names them) and only the
event coding is under test. `mentions_for(text, [(surface, code), ...])`
turns surface strings into `Actor` mentions, and `lookup_mention` is a
drop-in for `eventcoder.actors.actor_for_token` over `article.mentions`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from eventcoder.model import Actor, Article

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

_NP_DEPS = {"det", "amod", "compound", "poss", "nmod", "nummod", "case", "quantmod", "flat", "prep",
            "pobj", "appos"}


def mentions_for(text: str, actors: Iterable[tuple[str, str]]) -> list[Actor]:
    """Every occurrence (whole words) of each surface string, coded.

    `actors` pairs a surface form with a CAMEO-style code ("North Korea",
    "PRKGOV"); the country is the code's first three letters and the sector
    the rest. A longer surface wins where two overlap.
    """
    found: list[Actor] = []
    for surface, code in sorted(actors, key=lambda a: -len(a[0])):
        for m in _occurrences(text, surface):
            if any(a.start < m.end() and m.start() < a.end for a in found):  # type: ignore[operator]
                continue
            found.append(Actor(text=m.group(0), start=m.start(), end=m.end(), code=code,
                               country=code[:3], sector=code[3:6] or None, why="given"))
    return sorted(found, key=lambda a: a.start or 0)


def _occurrences(text: str, surface: str) -> list[re.Match[str]]:
    """Whole-word occurrences of `surface`; failing that, of its words with any spacing and
    case ("Homeland Union  (Conservatives)" marked with two spaces, "the U.S." as "The U.S.")."""
    exact = list(re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text))
    words = surface.split()
    if exact or not words:
        return exact
    loose = r"\s+".join(re.escape(w) for w in words)
    return list(re.finditer(rf"(?<!\w){loose}(?!\w)", text, flags=re.IGNORECASE))


def _noun_phrase(token: Token) -> tuple[int, int]:
    """Character span of the head noun with its pre-modifiers and "of" phrase."""
    lo, hi = token.idx, token.idx + len(token)
    stack = [token]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ in _NP_DEPS and (c.dep_ != "prep" or c.lower_ == "of"):
                lo, hi = min(lo, c.idx), max(hi, c.idx + len(c))
                stack.append(c)
    return lo, hi


def lookup_mention(article: Article, token: Token) -> Actor | None:
    """The mention covering `token`, else the last one inside its noun phrase."""
    inside = []
    lo, hi = _noun_phrase(token)
    for m in article.mentions:
        if m.start is None or m.end is None:
            continue
        if m.start <= token.idx < m.end:
            return m
        if lo <= m.start and m.end <= hi:
            inside.append(m)
    return inside[-1] if inside else None
