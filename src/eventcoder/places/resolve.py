"""Toponym resolution: pick the gazetteer entry each candidate most likely means.

Each entry scores log10(population), plus a prior for its feature type (a
country or capital beats a small namesake), plus its prominence (how many
languages name it: Geneva in Switzerland has sixty names, Geneva in Illinois
a handful), plus context: the article's other places vote for their country
and admin1 division. A literal place ("in Tbilisi") is a full vote and counts
extra in its own sentence; a metonymic one ("Washington said") half a vote
and a country actor a quarter, since naming a government says little about
where the story's places are. A name right after a comma ("Paris, Texas")
is narrowed by it, and a name qualified once means the same place wherever
the article repeats it. Resolution runs twice: the second pass uses the
first pass's choices as context, so that "Georgia" near "Tbilisi" becomes
the country and "Georgia" near "Savannah" the state.

Local news names small towns that share their names with world cities
("Paris, Texas" stories say just "Paris"): once a division is named as such
and has at least two literal votes (the state named and a town in it, or a
dateline's state, which votes double), its towns get a further
`local_admin1` bonus that outweighs a world city's population and fame. Two
cities of one state without the state ("Dallas", "Houston") do not make a
story local: national news names them, and Paris there is still France.
"""

from __future__ import annotations

import math
from collections import Counter

from eventcoder.model import Article
from eventcoder.places.cues import Cues
from eventcoder.places.gazetteer import Entry, Gazetteer, normalise
from eventcoder.places.recognize import Candidate

LITERAL_VOTE, METONYMIC_VOTE, ACTOR_VOTE = 1.0, 0.5, 0.25
DATELINE_VOTE = 2.0  # the dateline's place and region: where the story is local to
LOCAL_VOTES = 2.0  # literal votes that make a division the article's home ground
UNNAMED_LOCAL_VOTES = 3.0  # ... when the division itself is not named


class Context:
    """Weighted votes for countries and admin1 divisions, overall and by sentence."""

    def __init__(self) -> None:
        self.countries: Counter[str] = Counter()
        self.admin1: Counter[tuple[str, str]] = Counter()
        self.by_sentence: dict[int, set[str]] = {}
        self.named: set[tuple[str, str]] = set()  # divisions named as such ("Texas", "Mo.")

    def add(self, entry: Entry, sentence: int, weight: float, sign: int = 1) -> None:
        """Add (or with sign -1 remove) one weighted vote for `entry`'s country and division."""
        if entry.country3:
            self.countries[entry.country3] += sign * weight
            if weight >= LITERAL_VOTE and sign > 0:
                self.by_sentence.setdefault(sentence, set()).add(entry.country3)
        if entry.admin1:
            self.admin1[(entry.country2, entry.admin1)] += sign * weight
            if entry.feature == "admin1" and sign > 0:
                self.named.add((entry.country2, entry.admin1))

    def copy(self) -> Context:
        """A copy whose counts can change independently."""
        ctx = Context()
        ctx.countries, ctx.admin1 = self.countries.copy(), self.admin1.copy()
        ctx.by_sentence = {k: set(v) for k, v in self.by_sentence.items()}
        ctx.named = set(self.named)
        return ctx


def _sentence_of(article: Article, char: int) -> int:
    sent = article.sentence_at(char)
    return sent.index if sent else -1


def score(entry: Entry, ctx: Context, sentence: int, cues: Cues,
          own: tuple[Entry, float] | None = None, key: str = "", local: bool = True,
          unnamed: bool = False) -> float:
    """How likely `entry` is meant by the name `key` (normalised), given the
    context minus the name's own vote; `local` False where the name is a
    state's or country's own ("Florida" in a New York story is the state,
    not the New York hamlet); `unnamed` True where no big place has the name
    as its own (only as a nickname: "Mill City" is Phoenix's), so that a
    division with many votes claims its town even when it is not named."""
    s = (math.log10(entry.population + 1) + cues.feature_prior.get(entry.feature, 0.0)
         + cues.context["prominence"] * math.log10(entry.altnames + 1))
    if key and normalise(entry.name) == key:
        s += cues.context["own_name"]
    own_entry, own_weight = own if own else (None, 0.0)
    if entry.country3:
        votes = ctx.countries[entry.country3]
        if own_entry is not None and own_entry.country3 == entry.country3:
            votes -= own_weight
        s += cues.context["country"] * min(1.0, max(0.0, votes))
        if votes >= LITERAL_VOTE and entry.country3 in ctx.by_sentence.get(sentence, ()):
            s += cues.context["same_sentence"]
    if entry.admin1:
        votes = ctx.admin1[(entry.country2, entry.admin1)]
        if own_entry is not None and (own_entry.country2, own_entry.admin1) == \
                (entry.country2, entry.admin1):
            votes -= own_weight
        s += cues.context["admin1"] * min(1.0, max(0.0, votes))
        named = (entry.country2, entry.admin1) in ctx.named or (
            unnamed and votes >= UNNAMED_LOCAL_VOTES and normalise(entry.name) == key)
        if local and votes >= LOCAL_VOTES and entry.feature not in ("admin1", "country") \
                and named:
            s += cues.context["local_admin1"]
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


def _namesake_cities(entries: list[Entry]) -> set[Entry]:
    """Cities named like the division they lie in ("New York", "Sao Paulo"): news
    means the city more often than the division."""
    divisions = {(e.country2, e.admin1) for e in entries if e.feature == "admin1"}
    return {e for e in entries if e.feature in ("city", "capital")
            and (e.country2, e.admin1) in divisions}


def _narrow(cands: list[Candidate], article: Article) -> list[list[Entry]]:
    """Each candidate's readings, narrowed by a qualifier right after it."""
    out = []
    for i, cand in enumerate(cands):
        qual = _qualifier(article, cands, i)
        entries = cand.entries
        if i and _qualifier(article, cands, i - 1) is cand:
            # itself a qualifier ("Massapequa, New York"): the state, not the city
            broad = [e for e in entries if e.feature in ("admin1", "country")]
            entries = broad or entries
        if qual is not None:
            narrowed = [e for e in entries if any(_within(e, q) for q in qual.entries)]
            if narrowed:
                entries = narrowed
                cand.notes.append("qualified")
        out.append(entries)
    return out


def _weights(article: Article, cands: list[Candidate], metonymic: list[bool]) -> list[float]:
    """Each candidate's vote: the dateline's place and its qualifier count double."""
    weights = [METONYMIC_VOTE if m else LITERAL_VOTE for m in metonymic]
    for i, cand in enumerate(cands):
        if cand.source == "dateline":
            weights[i] = DATELINE_VOTE
            if _qualifier(article, cands, i) is not None:
                weights[i + 1] = DATELINE_VOTE
    return weights


def resolve(article: Article, cands: list[Candidate], metonymic: list[bool], gaz: Gazetteer,
            cues: Cues) -> list[Entry]:
    """The chosen entry for each candidate (same order)."""
    sentences = [_sentence_of(article, c.start) for c in cands]
    weights = _weights(article, cands, metonymic)
    readings = _narrow(cands, article)
    base = Context()
    for m in article.mentions:
        if m.kind == "country" and m.country in gaz.by_country3 and m.start is not None:
            base.add(gaz.by_country3[m.country], _sentence_of(article, m.start), ACTOR_VOTE)
    # first pass: only names with a single reading vote
    ctx = base.copy()
    previous: list[Entry | None] = []
    for entries, sent, w in zip(readings, sentences, weights, strict=True):
        single = len(set(entries)) == 1
        previous.append(entries[0] if single else None)
        if single:
            ctx.add(entries[0], sent, w)
    choices: list[Entry] = []
    keys = [normalise(c.text) for c in cands]
    for _ in range(2):
        choices = []
        for entries, sent, key, prev in zip(readings, sentences, keys, previous, strict=True):
            own = (prev, _own_votes(keys, previous, weights, key, prev)) if prev else None
            boost = _namesake_cities(entries)
            local = not any(e.feature in ("admin1", "country") and normalise(e.name) == key
                            for e in entries)
            unnamed = not any(normalise(e.name) == key
                              and e.population >= cues.min_population_unrecognised
                              for e in entries)
            choices.append(max(entries, key=lambda e: score(e, ctx, sent, cues, own, key, local,
                                                            unnamed)
                               + (cues.context["namesake_city"] if e in boost else 0.0)))
        ctx = base.copy()
        for entry, sent, w in zip(choices, sentences, weights, strict=True):
            ctx.add(entry, sent, w)
        previous = list(choices)
    return _one_sense(cands, choices)


def _own_votes(keys: list[str], previous: list[Entry | None], weights: list[float], key: str,
               prev: Entry) -> float:
    """The votes a name casts for its own reading: every mention of it, since a
    name repeated ("Paris ... Paris police") is no evidence for its reading."""
    return sum(w for k, p, w in zip(keys, previous, weights, strict=True)
               if k == key and p == prev)


def _one_sense(cands: list[Candidate], choices: list[Entry]) -> list[Entry]:
    """One sense per discourse: a name qualified once ("Paris, Texas", a dateline's
    region) means the same place wherever else the article repeats it."""
    settled: dict[str, Entry] = {}
    for cand, entry in zip(cands, choices, strict=True):
        if "qualified" in cand.notes:
            settled.setdefault(normalise(cand.text), entry)
    return [settled[k] if "qualified" not in c.notes and (k := normalise(c.text)) in settled
            and settled[k] in c.entries else e
            for c, e in zip(cands, choices, strict=True)]
