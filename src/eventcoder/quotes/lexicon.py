"""The quotes stage's vocabulary, read from `eventcoder/data/quotes/*.yaml`.

All words the stage knows (cue verbs and phrases, quotation marks, the signs
of titles and terms) live in those files, so extending the stage to a new
reporting verb or a new kind of title is a data change, not a code change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from eventcoder.datafiles import load_yaml

DATA_PACKAGE = "eventcoder.data"


def _read_yaml(name: str) -> dict[str, Any]:
    """One YAML file from the package data folder `quotes/`."""
    text = resources.files(DATA_PACKAGE).joinpath("quotes").joinpath(name).read_text(encoding="utf-8")
    data = load_yaml(text)
    if not isinstance(data, dict):
        raise ValueError(f"data/quotes/{name}: expected a mapping at the top level")
    return data


@dataclass(frozen=True)
class Lexicon:
    """Cue words, quotation marks and non-quote signs, ready for lookup."""

    verb_frames: dict[str, frozenset[str]]
    phrases: tuple[tuple[str, ...], ...]
    double_marks: tuple[tuple[str, str], ...]
    single_marks: tuple[tuple[str, str], ...]
    open_after: str
    title_nouns: frozenset[str]
    title_leads: tuple[tuple[str, ...], ...]
    scare_max_words: int
    headline_max_words: int
    dateline: re.Pattern[str]
    commentary: frozenset[str] = frozenset()
    headline_paragraph_max_words: int = 0
    honorifics: dict[str, tuple[str, ...]] = field(default_factory=dict)  # gender -> titles
    gender_nouns: dict[str, frozenset[str]] = field(default_factory=dict)  # gender -> words
    pronoun_gender: dict[str, str] = field(default_factory=dict)  # "she" -> "female"

    def is_cue_verb(self, lemma: str) -> bool:
        """Whether `lemma` is a reporting verb."""
        return lemma.lower() in self.verb_frames

    def frames(self, lemma: str) -> frozenset[str]:
        """The frames (`clause`, `object_to`, `object_of`, `intent`, `naming`) in which `lemma` reports."""
        return self.verb_frames.get(lemma.lower(), frozenset())


def _pairs(items: list[list[str]]) -> tuple[tuple[str, str], ...]:
    return tuple((str(a), str(b)) for a, b in items)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read the data files once per process (they never change at run time)."""
    cues = _read_yaml("cues.yaml")
    marks = _read_yaml("marks.yaml")
    nots = _read_yaml("not_quotes.yaml")
    gender = _read_yaml("gender.yaml")
    return Lexicon(
        verb_frames={str(k).lower(): frozenset(v) for k, v in cues["verbs"].items()},
        phrases=tuple(tuple(p.lower().split()) for p in cues["phrases"]),
        double_marks=_pairs(marks["double"]),
        single_marks=_pairs(marks["single"]),
        open_after=str(marks["open_after"]),
        title_nouns=frozenset(str(w).lower() for w in nots["title_nouns"]),
        title_leads=tuple(tuple(str(w).lower().split()) for w in nots["title_lead_words"]),
        scare_max_words=int(nots["scare_max_words"]),
        headline_max_words=int(nots["headline_max_words"]),
        dateline=re.compile(str(marks["dateline"]), re.MULTILINE),  # a dateline opens any paragraph
        commentary=frozenset(str(w).lower() for w in cues.get("commentary_participles", [])),
        headline_paragraph_max_words=int(nots.get("headline_paragraph_max_words", 0)),
        honorifics={g: tuple(str(w) for w in ws) for g, ws in gender["honorifics"].items()},
        gender_nouns={g: frozenset(str(w).lower() for w in ws) for g, ws in gender["nouns"].items()},
        pronoun_gender={str(w).lower(): g for g, ws in gender["pronouns"].items() for w in ws},
    )
