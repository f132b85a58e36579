"""Whether a pattern match is a time expression at all, in its context.

Capitalised "May" after "in" is a month, "may" the modal is not; "2008" in
"the 2008 elections" is a year, in "2008 people voted" a count (the parse
says so); "the fall of Saigon" is no season. `Acceptor` holds what these
checks read (the text, the anchor, spaCy's parse and entities), and the
resolver builds on it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from eventcoder.times.grammar import Candidate
from eventcoder.times.lexicon import Lexicon

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

# After "before"/"after", a following word means the gap is measured to a
# named event ("a week after it scrapped ..."), so the expression is a duration.
NOUNISH_AFTER = re.compile(r"\s*[\w\"“‘'$]")


class Acceptor:
    """The context of one article, and the checks that accept or reject candidates."""

    def __init__(self, lex: Lexicon, text: str, dct: dt.date | None, doc: Doc | None) -> None:
        self.lex = lex
        self.text = text
        self.dct = dct
        self.doc = doc
        self._ent_cache: dict[int, str] = {}
        if doc is not None:  # one pass over the tokens' entity tags (cheaper than `doc.ents`)
            self._ent_cache = {tok.idx: tok.ent_type_ for tok in doc if tok.ent_type_}

    def _prev_words(self, start: int, n: int = 2) -> str:
        return " ".join(re.findall(r"[\w'-]+", self.text[max(0, start - 40):start])[-n:]).lower()

    def _ent_label(self, start: int) -> str | None:
        return self._ent_cache.get(start)

    def _sentence_initial(self, start: int) -> bool:
        before = self.text[max(0, start - 3):start]
        return start == 0 or bool(re.search(r"(?:[.!?\"'”’]\s+|\n\s*)$", before)) or before.strip() == ""

    def accept(self, c: Candidate) -> bool:
        """Whether the candidate is a time expression in this context."""
        check = getattr(self, f"_accept_{c.kind}", None)
        return True if check is None else bool(check(c))

    def _accept_month(self, c: Candidate) -> bool:
        month = c.parts["month"]
        if month.rstrip(".") not in self.lex.words("ambiguous_months"):
            return True
        if "pos" in c.parts or "shift" in c.parts:
            return True
        prev = self._prev_words(c.start, 1)
        cues = {w.lower() for w in self.lex.words("month_cues")}
        month_start = c.start + (self.text[c.start:c.end].find(month))
        return prev in cues or self._ent_label(month_start) == "DATE"

    def _accept_year(self, c: Candidate) -> bool:
        if "pos" in c.parts or "fiscal" in c.parts:
            return True
        y = int(c.parts["y"])
        label = self._ent_label(c.end - 4)
        prev = self._prev_words(c.start, 1)
        cue = prev in {"in", "since", "until", "till", "by", "from", "during", "of", "before", "after",
                       "between", "and", "to", "through", "year", "early", "late", "mid", "circa", "around"}
        if label in ("CARDINAL", "MONEY", "QUANTITY", "PERCENT") and not cue:
            return False
        if prev not in ("the", "its", "his", "her", "their", "our", "this", "a", "an", "in", "since", "of",
                        "by", "from", "during", "until", "before", "after") \
                and self._counts_a_plural(c.end - 4):
            return False  # "2008 people voted"
        if y < 1600:  # "in 1415" is a year, "1415 votes" or "room 1415" is not
            return prev in ("in", "since", "until", "by", "from", "of", "before", "after", "between",
                            "and", "year", "circa", "around") and label not in ("CARDINAL", "MONEY")
        return y <= (self.dct.year + 30 if self.dct else 2100)

    def _counts_a_plural(self, char: int) -> bool:
        """Whether the number at `char` counts a plural noun in the parse ("2008 people")."""
        if self.doc is None:
            return False
        span = self.doc.char_span(char, char + 4, alignment_mode="expand")
        if span is None or len(span) != 1:
            return False
        tok = span[0]
        return tok.dep_ == "nummod" and tok.head.tag_ == "NNS"

    def _accept_year_range(self, c: Candidate) -> bool:
        y, y2 = int(c.parts["y"]), c.parts["y2"]
        end = int(y2) if len(y2) == 4 else y // 100 * 100 + int(y2)
        return y < end <= y + 100

    def _accept_season(self, c: Candidate) -> bool:
        """Seasons are common nouns too ("the fall of Saigon", "the Arab Spring")."""
        p = c.parts
        if "y" in p:
            return True
        if p["season"][0].isupper() and not self._sentence_initial(c.start):
            return False
        if re.match(r"\s+(?:of|in|from)\b", self.text[c.end:c.end + 6]):
            return False
        if ("shift" in p and p["shift"].lower() != "the") or "pos" in p:
            return True
        cues = {"in", "during", "by", "since", "until", "through", "over", "throughout", "this", "last",
                "next", "before", "after"}
        return self._prev_words(c.start, 1) in cues

    def _accept_weekday(self, c: Candidate) -> bool:
        return not re.match(r"\s+[A-Z][a-z]", self.text[c.end:c.end + 3]) or "shift" in c.parts

    def _accept_set(self, c: Candidate) -> bool:
        word = self.text[c.start:c.end]
        return not (word[0].isupper() and not self._sentence_initial(c.start) and "set" in c.parts)

    def _accept_vague(self, c: Candidate) -> bool:
        word = " ".join(c.parts["vague"].lower().split())
        needs = self.lex.table("vague_needs_context")
        if word in needs:
            window = " ".join(self.text[max(0, c.start - 20):c.end + 20].lower().split())
            return any(p in window for p in needs[word])
        if word == "recent" or word == "the past":
            # "recent weeks" and "the past two years" are durations, found by their own rule
            following = self.text[c.end:c.end + 25]
            return not re.match(r"\s+(?:\w+\s+)?(?:days|weeks|months|years|decades)\b", following)
        if word == "now":
            return not re.match(r"\s*-", self.text[c.end:c.end + 2])
        return True

    def _accept_duration(self, c: Candidate) -> bool:
        p = c.parts
        if self._prev_words(c.start, 1) in ("ages", "aged", "age"):
            return False  # an age is not a time: "children ages 6 months and older"
        unit = p["unit"].lower()
        num = p.get("num", "").lower()
        if "num" not in p:
            # a bare plural ("for years", "months of tension") is a vague duration,
            # but "in some quarters" and "weekends" are not
            return unit.endswith("s") and unit not in ("quarters", "weekends") or unit == "centuries"
        if unit == "second" and num in ("a", "one"):
            return False
        if unit.startswith("quarter") and re.match(r"\s+of\b", self.text[c.end:c.end + 4]):
            return False
        n = self.lex.number(num)
        return n is None or n < 10000

    def _accept_ago(self, c: Candidate) -> bool:
        return "num" in c.parts or c.parts["dir"].lower() == "ago"
