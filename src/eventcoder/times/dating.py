"""Event dating through the parse: when did the event named by a verb or noun happen?

GDELT dates every event at publication, so a nuclear test "in February"
lands in June. Here an event takes the date of the time expression that
governs its clause: one attached to the trigger or to its arguments, but not
one inside another clause (a relative clause, a reported clause, a clause
introduced by "after"). Failing that:

- an event in a clause introduced by "before"/"after" with a measured gap
  ("came one day before Obama met Xi") is dated from the other clause's date;
- a conjoined verb shares its first conjunct's date, an infinitive its head's,
  and a reported clause its reporting verb's ("said last week that ...");
- otherwise the verb's tense decides: present, recent past and future events
  take the publication date, a pluperfect ("had agreed") only its month,
  because it happened some time before the reported moment.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from typing import TYPE_CHECKING

from eventcoder.model import Article, TimeExpr
from eventcoder.times import values as V
from eventcoder.times.lexicon import load_lexicon
from eventcoder.times.tense import governing_verb, verb_tense

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

# Dependents that open another clause: their times belong to another event.
_OTHER_CLAUSE = {"ccomp", "advcl", "relcl", "csubj", "csubjpass", "conj", "parataxis", "xcomp",
                 "mark", "cc", "punct", "acl", "pcomp"}
_REPORTING = {"say", "tell", "announce", "report", "state", "add", "claim", "confirm", "note", "warn",
              "insist", "deny", "accuse", "reveal", "disclose", "write", "declare", "quote", "show",
              "indicate", "suggest", "acknowledge", "admit", "allege", "argue", "explain", "stress"}
_MAX_DEPTH = 4


def _time_tokens(article: Article) -> dict[int, int]:
    """Token index → index of the time expression covering it."""
    out: dict[int, int] = {}
    for i, t in enumerate(article.times):
        span = article.span(t.start, t.end)
        if span is not None:
            for tok in span:
                out.setdefault(tok.i, i)
    return out


def _date_of(article: Article, t: TimeExpr) -> str | None:
    """The schema date a time expression gives an event (None for durations, vague refs)."""
    if t.type not in ("DATE", "TIME"):
        return None
    if t.value == "PRESENT_REF" and article.published:
        return article.published.isoformat()
    week = V.parse_value_date(t.value)
    if article.published and week is not None and week[1] == "week":
        return _day_in_week(article.published, week[0]).isoformat()
    return V.event_value(t.value)


def _day_in_week(published: dt.date, day_in_target_week: dt.date) -> dt.date:
    """The day of a week-valued event ("last week", "this week"): the publication's weekday
    in that week. It always lies in the named week, and for "last week" it is exactly
    seven days before publication, so the event falls in the week before the report
    rather than on a Monday up to thirteen days earlier."""
    monday = day_in_target_week - dt.timedelta(days=day_in_target_week.weekday())
    return monday + dt.timedelta(days=published.weekday())


def _unresolved(t: TimeExpr) -> bool:
    """A date the text names but the anchor could not fix ("last week" with no publication date)."""
    return t.type in ("DATE", "TIME") and t.value.startswith("X")


def _clause_time(article: Article, root: Token, tok2time: dict[int, int]) -> int | None:
    """The nearest time expression in `root`'s own clause (breadth first) that dates it:
    a datable one, or else one naming a date that cannot be resolved."""
    queue: deque[tuple[Token, int]] = deque((c, 1) for c in root.children if c.dep_ not in _OTHER_CLAUSE)
    unresolved = None
    while queue:
        tok, depth = queue.popleft()
        idx = tok2time.get(tok.i)
        if idx is not None and _date_of(article, article.times[idx]) is not None:
            return idx
        if idx is not None and unresolved is None and _unresolved(article.times[idx]):
            unresolved = idx
        for child in tok.children:
            if child.dep_ not in _OTHER_CLAUSE or (child.dep_ == "acl" and child.pos_ != "VERB"):
                queue.append((child, depth + 1))
    return unresolved


def _gap(article: Article, clause: Token, tok2time: dict[int, int]) -> tuple[int, int, str] | None:
    """For a clause introduced by before/after with a measured gap, (sign, time index, marker)."""
    lex = load_lexicon()
    before, after = set(lex.words("clause_before")), set(lex.words("clause_after"))
    markers = [c for c in clause.children if c.dep_ in ("mark", "prep") and c.lower_ in before | after]
    if not markers and clause.dep_ == "pcomp" and clause.head.lower_ in before | after:
        markers = [clause.head]
    if not markers:
        return None
    marker = markers[0]
    near = list(marker.subtree)
    near += [c for c in (*clause.children, *clause.head.children) if c.dep_ == "npadvmod"]
    near += list(marker.lefts)
    for tok in near:
        for sub in tok.subtree:
            idx = tok2time.get(sub.i)
            if idx is not None and article.times[idx].type == "DURATION":
                # "A came one day before B": B = A + 1 day
                return (1 if marker.lower_ in before else -1), idx, marker.lower_
    return None


def _main_clause(clause: Token) -> Token:
    """The clause a before/after clause hangs on (through the preposition for a pcomp)."""
    return clause.head.head if clause.dep_ == "pcomp" else clause.head


def annotate_gaps(article: Article) -> None:
    """Point each measured gap ("one day before Obama met Xi") at the date it counts from.

    The expression stays a TIMEX3 DURATION (P1D), as TimeML has it; its
    `anchor` becomes the date of the clause it hangs on (the June 6
    suggestion) and its `why` names the date it leads to (2013-06-07).
    """
    if article.doc is None or not article.times:
        return
    tok2time = _time_tokens(article)
    for tok in article.doc:
        gap = _gap(article, tok, tok2time) if tok.dep_ in ("advcl", "pcomp") else None
        if gap is None:
            continue
        sign, gidx, marker = gap
        idx = _clause_time(article, _main_clause(tok), tok2time)
        t = article.times[gidx]
        if idx is None or t.anchor is not None:
            continue
        base = _date_of(article, article.times[idx])
        shifted = _shift_by_duration(base, t.value, sign) if base else None
        if shifted:
            t.anchor = idx
            source = article.times[idx].text
            t.why = f"{t.why}; the event {marker} it is on {shifted} ({t.text} from {source})"


def _shift_by_duration(date: str, duration: str, sign: int) -> str | None:
    """`date` (YYYY-MM-DD, YYYY-MM or YYYY) moved by a simple duration (P1D, P2W, P3M, P1Y)."""
    import re

    m = re.fullmatch(r"P(\d+)([DWMY])", duration)
    parsed = V.parse_value_date(date)
    if not m or parsed is None:
        return None
    n, unit = int(m.group(1)) * sign, m.group(2)
    d, gran = parsed
    if unit == "D" and gran == "day":
        return (d + dt.timedelta(days=n)).isoformat()
    if unit == "W" and gran == "day":
        return (d + dt.timedelta(weeks=n)).isoformat()
    if unit == "M" and gran in ("day", "month"):
        shifted = V.add_months(d, n)
        return shifted.isoformat() if gran == "day" else shifted.strftime("%Y-%m")
    if unit == "Y":
        return str(d.year + n) if gran == "year" else None
    return None


def _tense_date(article: Article, token: Token) -> tuple[str | None, str | None]:
    """The date the verb's tense allows when no expression dates the event."""
    pub = article.published
    if pub is None:
        return None, None
    verb = governing_verb(token)
    if verb is not None:
        aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
        if verb.tag_ == "VBN" and "had" in aux:
            return pub.strftime("%Y-%m"), "tense: pluperfect (some time before the reported moment)"
        tense = verb_tense(verb)
        if tense:
            return pub.isoformat(), f"publication date (tense: {tense})"
    return pub.isoformat(), "publication date"


def _date(article: Article, token: Token, tok2time: dict[int, int],
          depth: int) -> tuple[str | None, str | None]:
    idx = _clause_time(article, token, tok2time)
    if idx is not None:
        t = article.times[idx]
        date = _date_of(article, t)
        return date, t.text if date else f"{t.text} (unresolved: no publication date)"
    if depth >= _MAX_DEPTH:
        return _tense_date(article, token)
    head = token.head
    gap = _gap(article, token, tok2time) if token.dep_ in ("advcl", "pcomp") else None
    if gap is not None:
        sign, gidx, marker = gap
        other, _ = _date(article, _main_clause(token), tok2time, depth + 1)
        shifted = _shift_by_duration(other, article.times[gidx].value, sign) if other else None
        if shifted:
            return shifted, f"{article.times[gidx].text} {marker} ({other})"
    if token.pos_ in ("NOUN", "PROPN") and head is not token:
        verb = governing_verb(head)
        if verb is not None:
            return _date(article, verb, tok2time, depth + 1)
    if token.dep_ in ("conj", "xcomp") and head is not token:
        return _date(article, head, tok2time, depth + 1)
    if token.dep_ == "ccomp" and head.lemma_ in _REPORTING:
        idx = _clause_time(article, head, tok2time)
        if idx is not None:
            t = article.times[idx]
            return _date_of(article, t), f"{t.text} (date of the report)"
    return _tense_date(article, token)


def event_date(article: Article, token: Token) -> tuple[str | None, str | None]:
    """The date (YYYY, YYYY-MM or YYYY-MM-DD) of the event whose trigger is `token`,
    and a note on where it came from (the time expression's text, or a rule)."""
    if article.doc is None or token is None:
        if article.published:
            return article.published.isoformat(), "publication date"
        return None, None
    return _date(article, token, _time_tokens(article), 0)
