"""Finding and valuing every time expression of an article.

The patterns (grammar.py) propose candidates, the resolver accepts or
rejects each in context, spaCy's DATE entities that no pattern matched are
offered to dateparser (fallback.py), the longest accepted ones are kept, and they are
valued in text order so that "a day earlier" can lean on the date before it.
A clock time written next to its day ("15:00 GMT Saturday") becomes one
TIME expression.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from typing import TYPE_CHECKING

from eventcoder.model import TimeExpr
from eventcoder.times.fallback import entity_candidates
from eventcoder.times.grammar import find_candidates, select
from eventcoder.times.lexicon import load_lexicon
from eventcoder.times.resolve import Resolved, Resolver

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

_JOIN = re.compile(r"^(?:\s*,\s*|\s+)$")


def extract_times(text: str, published: dt.date | None, doc: Doc | None = None,
                  lang: str = "en") -> list[TimeExpr]:
    """The TIMEX3 expressions of `text`, in text order, anchored on `published`."""
    lex = load_lexicon(lang)
    resolver = Resolver(lex, text, published, doc)
    found = find_candidates(text, lang)
    accepted = [c for c in found if resolver.accept(c)]
    # spaCy entities only where no pattern matched at all (a rejected match stays rejected)
    chosen = select(accepted + entity_candidates(text, doc, found))
    resolved: list[Resolved] = []
    out: list[TimeExpr] = []
    for cand in chosen:
        try:
            valued = resolver.value(cand)
        except (ValueError, KeyError, TypeError, IndexError, OverflowError):
            # an odd match ("year 99999") must not cost the article its other times
            log.debug("cannot value %r", text[cand.start:cand.end], exc_info=True)
            continue
        for r in valued:
            if r.end <= r.start:
                continue
            if resolved and _merge(text, resolved[-1], r):
                out[-1] = resolver.to_expr(resolved[-1])
                resolver.note(resolved[-1], len(out) - 1)
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


_YEAR_SHIFT = re.compile(r"(?i)^(?:last|this|next)\s+year$")


def _merge(text: str, prev: Resolved, cur: Resolved) -> bool:
    """Fold two neighbours into one expression (in place on `prev`): a clock time
    and its day, or a month and its relative year ("May last year")."""
    if not _JOIN.match(text[prev.end:cur.start]):
        return False
    if (prev.type == "DATE" and re.fullmatch(r"\d{4}-\d\d(?:-\d\d)?", prev.value)
            and "year by" in prev.why and _YEAR_SHIFT.match(text[cur.start:cur.end])
            and re.fullmatch(r"\d{4}", cur.value) and text[prev.end:cur.start].strip() == ""):
        prev.value = cur.value + prev.value[4:]
        prev.end = cur.end
        prev.why = f"month of {text[cur.start:cur.end].lower()}"
        return True
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
