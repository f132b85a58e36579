"""The temporal vocabulary, read from `data/times/<lang>.yaml`.

Words live in data (as in dateparser's language files); this module only
loads them and turns word lists into regular-expression alternations, so a
new synonym is a one-line data change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from eventcoder.datafiles import load_yaml


@dataclass(frozen=True)
class Lexicon:
    """The temporal words of one language, with helpers to build patterns."""

    raw: dict[str, Any]

    def table(self, name: str) -> dict[str, Any]:
        """A mapping section of the data file (empty if absent)."""
        return dict(self.raw.get(name) or {})

    def words(self, name: str) -> list[str]:
        """A list section of the data file (empty if absent)."""
        return list(self.raw.get(name) or [])

    def alt(self, name: str, keys: bool = True, dots: bool = False) -> str:
        """A regex alternation of the section's words, longest first.

        Spaces in phrases match any run of whitespace. A word written with a
        final "." needs it; with `dots`, other short words (abbreviations) take
        an optional one, so "Sept." and "Sept" both match.
        """
        items = self.table(name).keys() if keys else self.words(name)
        parts = []
        for w in sorted(items, key=len, reverse=True):
            word = str(w)
            esc = re.escape(word.rstrip(".")).replace(r"\ ", r"\s+").replace(" ", r"\s+")
            if word.endswith("."):
                esc += r"\."
            elif dots and len(word) <= 4:
                esc += r"\.?"
            parts.append(esc)
        return "(?:" + "|".join(parts) + ")"

    def lookup(self, name: str, word: str) -> Any:
        """Case- and space-insensitive lookup of `word` in a mapping section."""
        key = " ".join(word.lower().rstrip(".").split())
        for k, v in self.table(name).items():
            if " ".join(str(k).lower().rstrip(".").split()) == key:
                return v
        return None

    def month(self, word: str) -> int | None:
        """Month number of a month name or abbreviation."""
        return self.lookup("months", word)

    def weekday(self, word: str) -> int | None:
        """ISO weekday number of a weekday name."""
        return self.lookup("weekdays", word)

    def number(self, word: str) -> float | None:
        """The value of a number written in digits or words ("six", "21", "twenty-one")."""
        w = " ".join(word.lower().replace(",", "").split())
        if re.fullmatch(r"\d+(?:\.\d+)?", w):
            return float(w)
        value = self.lookup("numbers", w)
        if value is not None:
            return float(value)
        if "-" in w:  # twenty-one
            parts = [self.lookup("numbers", p) for p in w.split("-")]
            if all(p is not None for p in parts):
                return float(sum(parts))
        return None

    def unit(self, word: str) -> tuple[str, dict[str, Any]] | None:
        """The canonical unit name and its entry for a unit word, singular or plural."""
        w = word.lower()
        plurals = self.table("unit_plurals")
        w = plurals.get(w, w)
        units = self.table("units")
        if w in units:
            return w, units[w]
        if w.endswith("s") and w[:-1] in units:
            return w[:-1], units[w[:-1]]
        return None


@lru_cache(maxsize=4)
def load_lexicon(lang: str = "en") -> Lexicon:
    """Load (once) the vocabulary for `lang` from the package data."""
    path = resources.files("eventcoder") / "data" / "times" / f"{lang}.yaml"
    return Lexicon(load_yaml(path.read_text(encoding="utf-8")))
