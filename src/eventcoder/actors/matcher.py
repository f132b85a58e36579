"""Finding dictionary forms in a parsed article with spaCy's PhraseMatcher.

Two matchers are built once per dictionary: one on exact spelling, for short
all-capital forms ("US", "UN", "KCNA": "us" and "un" are not actors) and
contextual forms ("the North"), and one ignoring case for everything else.
A case-insensitive match must still contain a capital letter, so "turkey"
and "chad" in running text are not countries. Overlapping matches keep the
longest ("North Korea" over "Korea", "National Security Council" over
"Security Council").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from eventcoder.actors.dictionary import ActorDictionary, Entry

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc


@dataclass(frozen=True)
class Match:
    """A dictionary form found in the text: token range [start, end) and its entry."""

    start: int
    end: int
    entry: Entry
    form: str


def is_exact_form(form: str, entry: Entry) -> bool:
    """Forms that must match with their exact capitalisation."""
    letters = form.replace(".", "")
    return entry.kind == "contextual" or (len(letters) <= 5 and letters.isupper())


class DictionaryMatcher:
    """PhraseMatchers over every form of an `ActorDictionary`."""

    def __init__(self, nlp: Language, dictionary: ActorDictionary) -> None:
        from spacy.matcher import PhraseMatcher

        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.entries: dict[str, tuple[Entry, str]] = {}
        exact_forms = [f for f, e in dictionary.forms.items() if is_exact_form(f, e)]
        folded_forms = [f for f, e in dictionary.forms.items() if not is_exact_form(f, e)]
        for form, doc in zip(exact_forms, nlp.tokenizer.pipe(exact_forms), strict=True):
            key = "=" + form
            self.entries[key] = (dictionary.forms[form], form)
            self.exact.add(key, [doc])
        by_lower: dict[str, str] = {}
        for form in folded_forms:  # later forms win, as in the dictionary
            by_lower[form.lower()] = form
        lowers = list(by_lower)
        # Tokenise the form as written: lower-cased, "u.s." splits differently from "U.S.".
        written = [by_lower[low] for low in lowers]
        for low, doc in zip(lowers, nlp.tokenizer.pipe(written), strict=True):
            key = "~" + low
            self.entries[key] = (dictionary.forms[by_lower[low]], by_lower[low])
            self.folded.add(key, [doc])
        self.vocab = nlp.vocab

    def __call__(self, doc: Doc) -> list[Match]:
        """Non-overlapping matches in text order, longest first on overlap."""
        found: list[Match] = []
        strings = self.vocab.strings
        for matcher, folded in ((self.exact, False), (self.folded, True)):
            for key_id, start, end in matcher(doc):
                entry, form = self.entries[strings[key_id]]
                if folded and not any(ch.isupper() for ch in doc[start:end].text):
                    continue
                found.append(Match(start, end, entry, form))
        found.sort(key=lambda m: (-(m.end - m.start), m.entry.kind == "contextual", m.start))
        taken: set[int] = set()
        kept: list[Match] = []
        for m in found:
            if taken.isdisjoint(range(m.start, m.end)):
                kept.append(m)
                taken.update(range(m.start, m.end))
        kept.sort(key=lambda m: m.start)
        return kept
