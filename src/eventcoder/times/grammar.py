"""The patterns that find time expressions in text.

Each `Rule` is a regular expression assembled from the vocabulary in
`data/times/en.yaml` and a kind that tells the resolver how to value it.
Patterns only find candidates with their parts (month, day, shift, unit...);
whether a candidate is really a time and what it means is decided in
`resolve.py`, where the sentence's parse is at hand.

Spans follow the TimeML convention used in the TempEval-3 gold: a leading
preposition ("in February") and a quantity modifier ("more than a year",
which becomes mod=MORE_THAN) stay outside the span, determiners and
relative words ("the past two years", "last week") inside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from eventcoder.times.lexicon import Lexicon, load_lexicon


@dataclass(frozen=True)
class Rule:
    """A named pattern; lower `priority` wins between equally long matches."""

    kind: str
    pattern: re.Pattern[str]
    priority: int


@dataclass
class Candidate:
    """A pattern match: its span in the text, rule kind and named parts."""

    start: int
    end: int
    kind: str
    parts: dict[str, str]
    priority: int
    qmod: str | None = None  # a quantity modifier just before the span

    @property
    def length(self) -> int:
        """Span length, used to prefer the longest match."""
        return self.end - self.start


def _pieces(lex: Lexicon) -> dict[str, str]:
    """The shared sub-patterns, by name."""
    num_words = lex.alt("numbers")
    return {
        "M": lex.alt("months", dots=True),
        "WD": lex.alt("weekdays", dots=True),
        "DAY": r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?",
        "DAYORD": "(?i:" + lex.alt("day_ordinals", keys=False) + ")",
        "YEAR": r"(?:1[0-9]\d\d|20\d\d)",
        "SEASON": "(?i:" + lex.alt("seasons") + ")",
        "PART": "(?i:" + lex.alt("day_parts") + ")",
        "NUM": rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|(?i:{num_words}(?:-{num_words})?))",
        "VQ": "(?i:" + lex.alt("vague_quantities", keys=False) + ")",
        "UNIT": r"(?i:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|weekends?|months?"
                r"|quarters?|years?|decades?|century|centuries)",
        "SHIFT": "(?i:" + lex.alt("shifts") + ")",
        "POS": "(?i:" + lex.alt("position_mods") + ")",
        "ORD": "(?i:" + lex.alt("ordinals") + ")",
        "TZ": lex.alt("time_zones", keys=False),
        "SET": "(?i:" + lex.alt("sets") + ")",
        "COUNT": "(?i:" + lex.alt("set_counts", keys=False) + ")",
        "EVERY": "(?i:" + lex.alt("set_quantifiers", keys=False) + ")",
        "VAGUE": "(?i:" + lex.alt("vague_refs") + ")",
        "HOL": lex.alt("holidays"),
        "CLOCK": "(?i:" + lex.alt("clock_words") + ")",
        "DEICTIC": "(?i:" + lex.alt("deictic_days") + ")",
        "ADJ": "(?i:" + lex.alt("duration_adjectives", keys=False) + ")",
    }


# (kind, priority, pattern template). Templates use {NAME} for the pieces above.
_TEMPLATES: list[tuple[str, int, str]] = [
    ("iso", 0, r"\b(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)(?:T(?P<h>\d\d):(?P<min>\d\d))?\b"),
    ("numeric", 0, r"(?<![\d/.])\b(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4}|\d{2})\b(?![/\d])"),
    ("numeric", 0, r"(?<![\d.])\b(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})\b(?![.\d])"),
    ("numeric", 0, r"(?<![\d/])\b(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})\b(?![/\d])"),
    ("md_range", 1, r"\b(?:(?P<pos>{POS})\s+)?\b(?P<month>{M})\s+(?P<d>{DAY})\s*(?:-|–|—|\bto\b|\bthrough\b"
                    r"|\band\b|\buntil\b)\s*(?:(?P<month2>{M})\s+)?(?P<d2>{DAY})\b(?!\s*(?:%|:|\d))"
                    r"(?:,?\s+(?P<y>{YEAR})\b)?"),
    ("mdy", 2, r"\b(?:(?P<wd>{WD}),?\s+)?\b(?P<month>{M})\s+(?P<d>{DAY})\b(?!\s*(?:%|:|\.\d))"
               r"(?:,?\s+(?P<y>{YEAR})\b)?"),
    ("dmy", 2, r"\b(?:(?P<wd>{WD}),?\s+)?\b(?:(?i:the)\s+)?(?P<d>{DAY}|{DAYORD})\s+(?:of\s+)?(?P<month>{M})\b"
               r"(?:,?\s+(?P<y>{YEAR})\b)?"),
    ("my", 2, r"\b(?:(?P<pos>{POS})\s*)?\b(?P<month>{M}),?\s+(?:of\s+)?(?P<y>{YEAR})\b"),
    ("month", 3, r"\b(?:(?P<pos>{POS})\s*)?(?:(?P<shift>{SHIFT})\s+)?\b(?P<month>{M})\b(?!\s*\d)"
                 r"(?:\s+of\s+(?P<that>(?i:that|the\s+same|the\s+following|the\s+previous|last|this|next))"
                 r"\s+(?i:year)\b)?"),
    ("year_range", 2, r"(?<![$£€\d,.])\b(?P<y>{YEAR})\s*(?:-|–|—|\bto\b|\bthrough\b)\s*"
                      r"(?P<y2>{YEAR}|\d\d)\b(?!\s*(?:%|percent))"),
    ("year", 4, r"\b(?:(?P<pos>{POS})\s*)?(?:(?P<fiscal>(?i:fiscal(?:\s+year)?)|FY)\s*)?"
                r"(?<![$£€\d,.])\b(?P<y>{YEAR})\b(?!\s*(?:%|percent)|[-/,.]\d)"),
    ("decade", 3, r"(?:(?P<pos>{POS})\s*)?"
                  r"(?:\b(?P<dec>1[0-9]\d0|20\d0)|'(?P<dec2>\d0))s\b"),
    ("century", 3, r"\b(?:(?P<pos>{POS})\s*)?\b(?P<ord>{ORD}|\d{1,2}(?:st|nd|rd|th))"
                   r"\s+(?i:century)\b"),
    ("weekday", 3, r"\b(?:(?P<pos>{POS})\s+)?(?:(?P<shift>{SHIFT})\s+)?\b(?P<wd>{WD})(?![\w-])"
                   r"(?:\s+(?P<part>{PART})\b)?"),
    ("deictic", 3, r"\b(?P<deictic>{DEICTIC})\b(?:\s+(?P<part>{PART})\b)?"),
    ("daypart", 3, r"\b(?P<shift>(?i:this|last|tomorrow|yesterday))\s+(?P<part>{PART})\b"),
    # "earlier this month" is this month: the relative word stays in the span, as in TimeBank
    ("rel_period", 3, r"\b(?:(?P<pos>{POS})\s+|(?P<rel>(?i:earlier|later))\s+(?=(?i:this)\b))?"
                      r"(?P<shift>{SHIFT})\s+(?:(?P<fiscal>(?i:fiscal))\s+)?"
                      r"(?P<unit>(?i:week|weekend|month|year|quarter|decade|century))\b(?!-)"),
    ("pos_period", 4, r"\b(?P<pos>{POS})\s+(?:(?i:the)\s+)?(?P<unit>(?i:week|month|year|decade|century))\b"
                      r"(?!\s+(?:of|before|after)\b)"),
    ("season", 3, r"\b(?:(?P<pos>{POS})\s+)?(?:(?P<shift>{SHIFT}|(?i:the))\s+)?\b(?P<season>{SEASON})\b"
                  r"(?:\s+(?:of\s+)?(?P<y>{YEAR})\b)?"),
    ("quarter", 3, r"\b(?:(?i:the)\s+)?(?P<ord>{ORD})[\s-]+(?:(?P<fiscal>(?i:fiscal))\s+)?"
                   r"(?P<qh>(?i:quarter|half))\b(?:\s+of\s+(?:(?P<y>{YEAR})\b|(?P<shift>{SHIFT})\s+(?i:year)\b|(?P<same>(?i:the\s+year))\b))?"),
    ("quarter", 3, r"\b(?P<q>Q[1-4])(?:\s+(?P<y>{YEAR}))?\b"),
    ("ago", 2, r"(?<![\w,.-])(?:(?P<num>{NUM}|{VQ})[\s-]+)?(?P<unit>{UNIT})\s+"
               r"(?P<dir>(?i:ago|earlier|later|before|after|previously|prior|from\s+now|hence))\b"),
    ("duration", 5, r"(?<![\w,.-])(?:(?P<det>(?i:the\s+past|the\s+last|the\s+next|the\s+coming|the\s+first"
                    r"|the\s+final|the\s+previous|the\s+following|a\s+mere|the|another|a\s+full|a\s+further))\s+)?"
                    r"(?:(?P<num>{NUM}|{VQ})(?:\s+and\s+a\s+half)?[\s-]+(?:{ADJ}\s+)?)?(?P<unit>{UNIT})"
                    r"(?:\s+and\s+a\s+half)?(?P<adj>-(?i:long))?(?P<poss>')?(?![\w-])"),
    ("set", 3, r"\b(?P<set>{SET})\b(?!-)"),
    ("set", 3, r"\b(?P<count>{COUNT}|(?:{NUM})\s+times)\s+(?:(?i:a|an|per|each|every)\s+)(?P<unit>{UNIT})\b"),
    ("set", 3, r"\b(?P<every>{EVERY})\s+(?:(?P<other>(?i:other))\s+)?(?:(?P<num>{NUM})\s+)?"
               r"(?:(?P<unit>{UNIT})|(?P<wd>{WD})|(?P<season>{SEASON}))\b"),
    ("time", 2, r"\b(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<min>[0-5]\d))?\s*"
                r"(?P<ampm>(?i:a\.m\.|p\.m\.|am\b|pm\b|a\.m\b|p\.m\b))(?:\s+(?P<tz>{TZ})\b)?"),
    ("time", 2, r"(?<![\d:.])\b(?P<h>[01]?\d|2[0-3]):(?P<min>[0-5]\d)\b(?![:.]\d)(?:\s+(?P<tz>{TZ})\b)?"),
    ("time", 2, r"\b(?P<h>[01]\d|2[0-3])(?P<min>[0-5]\d)\s+(?P<tz>(?:GMT|UTC|Zulu))\b"),
    ("time", 3, r"\b(?P<clock>{CLOCK})\b"),
    ("holiday", 2, r"\b(?P<hol>{HOL})\b(?:\s+(?P<y>{YEAR})\b)?"),
    ("vague", 6, r"\b(?P<vague>{VAGUE})\b"),
    ("anaphoric", 3, r"\b(?P<ana>(?i:that|the\s+same|the\s+next|the\s+following|the\s+previous"
                     r"|the\s+preceding))\s+(?P<unit>(?i:day|week|weekend|month|year|morning|afternoon"
                     r"|evening|night))\b"),
    ("anaphoric", 3, r"\b(?i:the)\s+(?P<unit>(?i:day|week|month|year|night))\s+"
                     r"(?P<dir>(?i:before|after|earlier|later))\b"),
    # "earlier in the day": the day of the last date named (the span is "the day")
    ("anaphoric", 3, r"\b(?P<inside>(?i:earlier|later)\s+in)\s+(?i:the)\s+"
                     r"(?P<unit>(?i:day|week|month|year))\b"),
    ("weekend", 4, r"\b(?i:the)\s+(?P<unit>(?i:weekend))\b"),
]


# The word a rule cannot match without, by rule kind: a text lacking it skips
# the rule (scanning a news article with every pattern is the stage's main cost).
_NEEDS: dict[str, str] = {
    "md_range": "{M}", "mdy": "{M}", "dmy": "{M}", "my": "{M}", "month": "{M}",
    "weekday": "{WD}", "season": "{SEASON}", "century": "(?i:century)", "decade": r"\d0s\b",
    "rel_period": "{UNIT}", "pos_period": "{UNIT}", "ago": "{UNIT}", "duration": "{UNIT}",
    "quarter": r"(?i:quarter|half|\bQ[1-4])", "year": "{YEAR}", "year_range": "{YEAR}",
}


def _fill(template: str, pieces: dict[str, str]) -> str:
    return re.sub(r"\{([A-Z]+)\}", lambda m: pieces[m.group(1)], template)


@lru_cache(maxsize=4)
def rules(lang: str = "en") -> tuple[Rule, ...]:
    """The compiled rules for `lang` (built once)."""
    lex = load_lexicon(lang)
    pieces = _pieces(lex)
    return tuple(Rule(kind, re.compile(_fill(template, pieces)), priority)
                 for kind, priority, template in _TEMPLATES)


@lru_cache(maxsize=4)
def _needs(lang: str = "en") -> dict[str, re.Pattern[str]]:
    pieces = _pieces(load_lexicon(lang))
    return {kind: re.compile(_fill(need, pieces)) for kind, need in _NEEDS.items()}


@lru_cache(maxsize=4)
def _qmod_pattern(lang: str = "en") -> re.Pattern[str]:
    lex = load_lexicon(lang)
    return re.compile(r"(?i:\b(?P<q>" + lex.alt("quantity_mods") + r"))\s+$")


# How far a time expression may reach from the word it needs ("the first
# quarter of the next fiscal year" is under 60 characters): the window a rule
# is run in around each occurrence of that word.
_REACH = 160


def _windows(text: str, need: re.Pattern[str]) -> list[tuple[int, int]]:
    """Merged stretches of `text` within `_REACH` of a match of `need`, cut at spaces.

    Ends fall on whitespace, so a word boundary at a window's end reads as it
    does in the whole text (a pattern searched from `pos` still sees the
    characters before it).
    """
    spans: list[list[int]] = []
    for m in need.finditer(text):
        a, b = m.start() - _REACH, m.end() + _REACH
        if spans and a <= spans[-1][1]:
            spans[-1][1] = b
        else:
            spans.append([a, b])
    out: list[tuple[int, int]] = []
    for a, b in spans:
        a, b = max(0, a), min(len(text), b)
        while a > 0 and not text[a - 1].isspace():
            a -= 1
        while b < len(text) and not text[b].isspace():
            b += 1
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(b, out[-1][1]))
        else:
            out.append((a, b))
    return out


def find_candidates(text: str, lang: str = "en") -> list[Candidate]:
    """Every match of every rule, overlapping ones included (selection comes later).

    A rule whose kind needs a word (a month name, a unit) only runs near that
    word's occurrences: scanning a long article with every pattern was the
    stage's main cost.
    """
    found: list[Candidate] = []
    qmod = _qmod_pattern(lang)
    lex = load_lexicon(lang)
    needs = _needs(lang)
    by_pattern: dict[str, list[tuple[int, int]]] = {}  # kinds often share a need ({M}, {UNIT})
    windows: dict[str, list[tuple[int, int]]] = {}
    for kind, need in needs.items():
        if need.pattern not in by_pattern:
            by_pattern[need.pattern] = _windows(text, need)
        windows[kind] = by_pattern[need.pattern]
    whole = [(0, len(text))]
    for rule in rules(lang):
        for lo, hi in windows.get(rule.kind, whole):
            for m in rule.pattern.finditer(text, lo, hi):
                start, end = m.span()
                # trim whitespace the optional groups may have left at the edges
                while start < end and text[start].isspace():
                    start += 1
                while end > start and text[end - 1].isspace():
                    end -= 1
                if end <= start:
                    continue
                parts = {k: v for k, v in m.groupdict().items() if v is not None}
                cand = Candidate(start, end, rule.kind, parts, rule.priority)
                q = qmod.search(text, max(0, start - 20), start)
                if q:
                    cand.qmod = lex.lookup("quantity_mods", q.group("q"))
                found.append(cand)
    return found


def select(cands: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates: longest first, then by rule priority; in text order."""
    chosen: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for c in sorted(cands, key=lambda c: (-c.length, c.priority, c.start)):
        if any(c.start < e and s < c.end for s, e in taken):
            continue
        chosen.append(c)
        taken.append((c.start, c.end))
    return sorted(chosen, key=lambda c: c.start)
