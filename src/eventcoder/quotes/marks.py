"""Find the strings in quotation marks, paragraph by paragraph.

A `Marked` span is the text between an opening and a closing mark, without
the marks. A quote may run over several paragraphs: by news convention a
paragraph that ends inside a quote has no closing mark, and the next
paragraph reopens it, so the spans are joined into one running from the first
opening mark to the last closing mark (the paragraph breaks and the reopening
mark lie inside it). An opening double mark never closed within its paragraph,
and not continued by the next one, closes at the end of its paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from eventcoder.quotes.lexicon import Lexicon

_PARAGRAPH = re.compile(r"[^\n]+")


@dataclass
class Marked:
    """Text inside quotation marks: content offsets and the marks around it."""

    start: int  # first character of the content
    end: int  # one past the last character of the content
    open_mark: int  # offset of the opening mark
    close_mark: int | None  # offset of the closing mark, None when left open
    paragraph: int  # index of the paragraph holding the opening mark
    single: bool = False
    paragraphs: list[int] = field(default_factory=list)

    @property
    def outer_end(self) -> int:
        """One past the closing mark (or the content's end when unclosed)."""
        return self.close_mark + 1 if self.close_mark is not None else self.end


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Character spans of the non-empty lines of `text` (news paragraphs)."""
    spans = []
    for m in _PARAGRAPH.finditer(text):
        if m.group().strip():
            spans.append((m.start(), m.end()))
    return spans


def _opens(text: str, i: int, para_start: int, lex: Lexicon) -> bool:
    """Whether a symmetric (straight) mark at `i` can open a quote."""
    before_ok = i == para_start or text[i - 1] in lex.open_after
    after_ok = i + 1 < len(text) and not text[i + 1].isspace()
    return before_ok and after_ok


def _closes(text: str, i: int, single: bool) -> bool:
    """Whether a mark at `i` can close a quote (single marks must not be apostrophes)."""
    if i == 0 or text[i - 1].isspace():
        return False
    return not (single and i + 1 < len(text) and text[i + 1].isalnum())


def _scan(text: str, a: int, b: int, pairs: tuple[tuple[str, str], ...], lex: Lexicon,
          single: bool, skip: list[tuple[int, int]]) -> tuple[list[tuple[int, int | None]], int | None]:
    """Pairs of (opening, closing) mark offsets in text[a:b]; and an opening left open."""
    openers = {o: c for o, c in pairs}
    found: list[tuple[int, int | None]] = []
    open_at: int | None = None
    closer = ""
    i = a
    while i < b:
        inside = next((e for s, e in skip if s <= i < e), None)
        if inside is not None:
            i = inside
            continue
        ch = text[i]
        if open_at is not None and ch == closer and _closes(text, i, single):
            found.append((open_at, i))
            open_at = None
        elif ch in openers and (openers[ch] != ch or _opens(text, i, a, lex)):
            if single and openers[ch] == ch and not text[i + 1:i + 2].isalnum():
                i += 1
                continue
            if open_at is None or ch != closer:
                open_at, closer = i, openers[ch]
        i += 1
    return found, open_at


def find_marked(text: str, lex: Lexicon) -> list[Marked]:
    """Every quoted string in `text`, multi-paragraph quotes joined, in text order."""
    paras = paragraphs(text)
    pieces: list[Marked] = []
    for p, (a, b) in enumerate(paras):
        found, left_open = _scan(text, a, b, lex.double_marks, lex, False, [])
        doubles = [(o, c + 1 if c is not None else b) for o, c in found]
        if left_open is not None:
            doubles.append((left_open, b))
        singles, single_open = _scan(text, a, b, lex.single_marks, lex, True, doubles)
        for o, c in found:
            pieces.append(Marked(o + 1, c, o, c, p, False, [p]))
        for o, c in singles:
            pieces.append(Marked(o + 1, c, o, c, p, True, [p]))
        for o, single in ((left_open, False), (single_open, True)):
            if o is not None:
                pieces.append(Marked(o + 1, b, o, None, p, single, [p]))
    pieces.sort(key=lambda m: m.open_mark)
    return _join_paragraphs(text, pieces, paras)


def _starts_paragraph(text: str, m: Marked, paras: list[tuple[int, int]]) -> bool:
    a = paras[m.paragraph][0]
    return not text[a:m.open_mark].strip()


def _join_paragraphs(text: str, pieces: list[Marked], paras: list[tuple[int, int]]) -> list[Marked]:
    """Join an unclosed quote to the quote that reopens the next paragraph."""
    out: list[Marked] = []
    for m in pieces:
        prev = out[-1] if out else None
        if (prev is not None and prev.close_mark is None and prev.single == m.single
                and m.paragraph == prev.paragraphs[-1] + 1 and _starts_paragraph(text, m, paras)):
            prev.end, prev.close_mark = m.end, m.close_mark
            prev.paragraphs.append(m.paragraph)
            continue
        out.append(m)
    # a single mark left open and never continued is an apostrophe or elision
    out = [m for m in out if not (m.single and m.close_mark is None)]
    for m in out:  # an unclosed double quote ends at its paragraph's end, trimmed
        if m.close_mark is None:
            m.end = m.start + len(text[m.start:m.end].rstrip())
    return out
