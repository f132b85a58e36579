"""Toponym resolution: pick the gazetteer entry each candidate most likely means.

Each entry scores log10(population) plus a prior for its feature type (a
country or capital beats a small namesake) plus context: the article's other
places and country actors vote for their country (and admin1 division),
more strongly from the same sentence, and a name right after a comma ("Paris,
Texas") narrows its predecessor outright. Resolution runs twice: the second
pass uses the first pass's choices as context, so that "Georgia" near
"Tbilisi" becomes the country and "Georgia" near "Atlanta" the state.
"""

from __future__ import annotations

import math
from collections import Counter

from eventcoder.model import Article
from eventcoder.places.cues import Cues
from eventcoder.places.gazetteer import Entry, Gazetteer
from eventcoder.places.recognize import Candidate


class Context:
    """Countries and admin1 divisions named in the article, overall and by sentence."""

    def __init__(self) -> None:
        self.countries: Counter[str] = Counter()
        self.admin1: Counter[tuple[str, str]] = Counter()
        self.by_sentence: dict[int, set[str]] = {}

    def add(self, entry: Entry, sentence: int) -> None:
        """Count one mention of `entry`'s country (and division)."""
        if entry.country3:
            self.countries[entry.country3] += 1
            self.by_sentence.setdefault(sentence, set()).add(entry.country3)
        if entry.admin1:
            self.admin1[(entry.country2, entry.admin1)] += 1

    def without(self, entry: Entry | None) -> Context:
        """The context minus one mention of `entry` (a name does not vote for itself)."""
        ctx = Context()
        ctx.countries = self.countries.copy()
        ctx.admin1 = self.admin1.copy()
        ctx.by_sentence = self.by_sentence
        if entry is not None:
            if entry.country3:
                ctx.countries[entry.country3] -= 1
            if entry.admin1:
                ctx.admin1[(entry.country2, entry.admin1)] -= 1
        return ctx


def _sentence_of(article: Article, char: int) -> int:
    sent = article.sentence_at(char)
    return sent.index if sent else -1


def score(entry: Entry, ctx: Context, sentence: int, cues: Cues) -> float:
    """How likely `entry` is meant, given the context."""
    s = math.log10(entry.population + 1) + cues.feature_prior.get(entry.feature, 0.0)
    if entry.country3 and ctx.countries[entry.country3] > 0:
        s += cues.context["country"]
        if entry.country3 in ctx.by_sentence.get(sentence, ()):
            s += cues.context["same_sentence"]
    if entry.admin1 and ctx.admin1[(entry.country2, entry.admin1)] > 0:
        s += cues.context["admin1"]
    return s


def _qualifier(article: Article, cands: list[Candidate], i: int) -> Candidate | None:
    """The candidate right after ", " ("Paris, Texas"), if any."""
    if i + 1 >= len(cands):
        return None
    nxt = cands[i + 1]
    between = article.text[cands[i].end:nxt.start]
    return nxt if between.strip() == "," else None


def _within(entry: Entry, place: Entry) -> bool:
    if place.feature == "country":
        return entry.country3 == place.country3 and entry.feature != "country"
    if place.feature == "admin1":
        return (entry.country2, entry.admin1) == (place.country2, place.admin1) \
            and entry.feature != "admin1"
    return False


def _choose(cand: Candidate, ctx: Context, sentence: int, cues: Cues,
            qualifier: Entry | None) -> Entry:
    entries = cand.entries
    if qualifier is not None:
        narrowed = [e for e in entries if _within(e, qualifier)]
        entries = narrowed or entries
    return max(entries, key=lambda e: score(e, ctx, sentence, cues))


def resolve(article: Article, cands: list[Candidate], gaz: Gazetteer,
            cues: Cues) -> list[Entry]:
    """The chosen entry for each candidate (same order)."""
    sentences = [_sentence_of(article, c.start) for c in cands]
    base = Context()
    for m in article.mentions:
        if m.kind == "country" and m.country in gaz.by_country3 and m.start is not None:
            base.add(gaz.by_country3[m.country], _sentence_of(article, m.start))
    qualifiers = []
    for i in range(len(cands)):
        qual = _qualifier(article, cands, i)
        qualifiers.append(max(qual.entries, key=lambda e: e.population) if qual else None)
    # first pass: only names with a single reading vote
    ctx = base.without(None)
    previous: list[Entry | None] = []
    for cand, sent in zip(cands, sentences, strict=True):
        single = len(set(cand.entries)) == 1
        previous.append(cand.entries[0] if single else None)
        if single:
            ctx.add(cand.entries[0], sent)
    for _ in range(2):
        choices = [_choose(cand, ctx.without(prev), sent, cues, qual)
                   for cand, sent, qual, prev
                   in zip(cands, sentences, qualifiers, previous, strict=True)]
        ctx = base.without(None)
        for entry, sent in zip(choices, sentences, strict=True):
            ctx.add(entry, sent)
        previous = list(choices)
    return choices
