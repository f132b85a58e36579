"""Strings in quotation marks that are not quotes.

Titles of shows, books and programmes (“Face the Nation” program, a report
titled “...”), headlines and section titles standing alone on a line
(‘Strategic Tactic’), and scare quotes or quoted terms that nobody is said to
say (“high-level”). The signal words live in `data/quotes/not_quotes.yaml`.
"""

from __future__ import annotations

import re

from eventcoder.quotes.lexicon import Lexicon
from eventcoder.quotes.marks import Marked

_WORD = re.compile(r"[\w’'-]+")
_TERMINAL = ".?!"
_MINOR = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "by", "with", "from"}


def words(text: str) -> list[str]:
    """The words of `text` (hyphenated and apostrophised words count once)."""
    return _WORD.findall(text)


def content(text: str, m: Marked) -> str:
    """The text inside the marks."""
    return text[m.start:m.end]


def ends_sentence(s: str) -> bool:
    """Whether `s` ends with sentence-final punctuation."""
    return s.rstrip().rstrip("\"”’'»)").endswith(tuple(_TERMINAL))


def _next_word(text: str, i: int) -> str:
    m = _WORD.search(text, i)
    if m is None or text[i:m.start()].strip():
        return ""
    return m.group().lower()


def _words_before(text: str, i: int, n: int) -> tuple[str, ...]:
    head = text[max(0, i - 60):i]
    return tuple(w.lower() for w in _WORD.findall(head)[-n:])


def is_title(text: str, m: Marked, lex: Lexicon) -> bool:
    """A short quoted string introduced as a name or next to what it names."""
    inner = content(text, m)
    if len(words(inner)) > lex.headline_max_words:
        return False
    if any(_words_before(text, m.open_mark, len(lead)) == lead for lead in lex.title_leads):
        return True  # a report titled “A Path to Peace,”
    if ends_sentence(inner) or inner.rstrip().endswith(","):
        return False
    if _next_word(text, m.outer_end) in lex.title_nouns:
        return True  # “Face the Nation” program
    before = _words_before(text, m.open_mark, 1)
    return bool(before) and before[0] in lex.title_nouns and not text[
        max(0, m.open_mark - 3):m.open_mark].rstrip().endswith((",", ":"))  # the documentary “X”


def is_headline(text: str, m: Marked, lex: Lexicon, para: tuple[int, int]) -> bool:
    """A short quoted string that is its paragraph's only text and no sentence."""
    a, b = para
    alone = not text[a:m.open_mark].strip() and not text[m.outer_end:b].strip(" \t.:")
    inner = content(text, m)
    return alone and len(words(inner)) <= lex.headline_max_words and not ends_sentence(inner)


def is_title_case(inner: str) -> bool:
    """Title Case of two words or more ("The Art of the Deal"), not a sentence."""
    ws = words(inner)
    if len(ws) < 2 or ends_sentence(inner):
        return False
    return all(w[0].isupper() or w.lower() in _MINOR for w in ws) and ws[0][0].isupper()


def is_scare(text: str, m: Marked, lex: Lexicon) -> bool:
    """A quoted term or short fragment that is no sentence of its own."""
    inner = content(text, m)
    return len(words(inner)) <= lex.scare_max_words and not ends_sentence(inner)


def is_headline_paragraph(text: str, para: tuple[int, int], lex: Lexicon) -> bool:
    """A short paragraph that does not end like a sentence: a headline or standfirst.

    Body paragraphs end with . ? ! (or a colon introducing a quote), before
    or after a closing mark; a headline ("Chancellor concedes policy ‘went
    too far’ as MPs demand change") ends with a word or a closing mark.
    """
    line = text[para[0]:para[1]].strip()
    tail = line.rstrip("\"”’'»)")
    if not tail or tail[-1] in _TERMINAL + ":;,—–-":
        return False
    if any(f",{close}" in line for close in "\"”’'»"):
        return False  # “...,” he said: an attribution, with its full stop lost
    return len(words(line)) <= lex.headline_paragraph_max_words
