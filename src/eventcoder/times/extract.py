"""Finding and valuing every time expression of an article.

The patterns (grammar.py) propose candidates, the resolver accepts or
rejects each in context, the longest accepted ones are kept, and they are
valued in text order so that "a day earlier" can lean on the date before it.
A clock time written next to its day ("15:00 GMT Saturday") becomes one
TIME expression.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from eventcoder.model import TimeExpr
from eventcoder.times.grammar import find_candidates, select
from eventcoder.times.lexicon import load_lexicon
from eventcoder.times.resolve import Resolved, Resolver

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

_JOIN = re.compile(r"^(?:\s*,\s*|\s+)$")


def extract_times(text: str, published: dt.date | None, doc: Doc | None = None,
                  lang: str = "en") -> list[TimeExpr]:
    """The TIMEX3 expressions of `text`, in text order, anchored on `published`."""
    lex = load_lexicon(lang)
    resolver = Resolver(lex, text, published, doc)
    chosen = select([c for c in find_candidates(text, lang) if resolver.accept(c)])
    resolved: list[Resolved] = []
    out: list[TimeExpr] = []
    for cand in chosen:
        for r in resolver.value(cand):
            if r.end <= r.start:
                continue
            if resolved and _merge(text, resolved[-1], r):
                out[-1] = resolver.to_expr(resolved[-1])
                continue
            resolved.append(r)
            out.append(resolver.to_expr(r))
            resolver.note(r, len(out) - 1)
    _days_for_clock_times(text, resolved, out)
    return out


def _days_for_clock_times(text: str, resolved: list[Resolved], out: list[TimeExpr]) -> None:
    """A clock time takes the day named later in its sentence ("at 11 p.m. on Wednesday")."""
    for i, r in enumerate(resolved):
        if not r.day_guessed:
            continue
        for j in range(i + 1, len(resolved)):
            nxt = resolved[j]
            if re.search(r"[.!?]\s|\n", text[r.end:nxt.start]):
                break
            if nxt.type == "DATE" and re.fullmatch(r"\d{4}-\d\d-\d\d", nxt.value):
                r.value = f"{nxt.value}T{r.value.split('T', 1)[1]}"
                r.why = f"clock time on the day named after it ({nxt.value})"
                out[i].value, out[i].why = r.value, r.why
                break


def _merge(text: str, prev: Resolved, cur: Resolved) -> bool:
    """Fold a clock time and the day next to it into one TIME (in place on `prev`)."""
    if not _JOIN.match(text[prev.end:cur.start]):
        return False
    pair = {prev.type, cur.type}
    if pair != {"TIME", "DATE"}:
        return False
    clock, day = (prev, cur) if prev.type == "TIME" else (cur, prev)
    if "T" not in clock.value or not re.match(r"^\d{4}-\d\d-\d\d$", day.value):
        return False
    if not re.match(r"^[\dX]{4}-[\dX]{2}-[\dX]{2}T\d", clock.value):
        return False
    prev.value = f"{day.value}T{clock.value.split('T', 1)[1]}"
    prev.type = "TIME"
    prev.end = cur.end
    prev.day_guessed = False
    prev.why = f"{clock.why}; day from the date next to it"
    return True
