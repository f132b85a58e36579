"""A safety net: spaCy's DATE entities that no pattern matched, read by dateparser.

The patterns cover the forms news uses; spaCy's entity recogniser sometimes
finds an absolute date written another way ("22.03.2013", "2013/03/22",
"22-Mar-2013"). Such an entity, when it holds a four-digit year (so that it
is absolute and needs no anchoring, which stays the patterns' job), is
handed to dateparser, and its value takes the precision dateparser reports
(day, month or year). Entities that are ages, counts or vague phrases hold
no year and are left alone.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from eventcoder.times.grammar import Candidate

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

_YEAR = re.compile(r"\b(?:1[0-9]|20)\d\d\b")
_LEADING = re.compile(r"^(?i:(?:in|on|at|by|since|until|from|during|of|the)\s+)+")
_PRIORITY = 9  # below every pattern


def entity_candidates(text: str, doc: Doc | None, taken: list[Candidate]) -> list[Candidate]:
    """Candidates (kind "parsed") for spaCy DATE entities that no pattern match overlaps."""
    if doc is None:
        return []
    out = []
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        start, end = ent.start_char, ent.end_char
        if any(c.start < end and start < c.end for c in taken):
            continue
        chunk = text[start:end]
        lead = _LEADING.match(chunk)
        if lead:
            start += lead.end()
            chunk = text[start:end]
        if not _YEAR.search(chunk) or re.search(r"(?i)\b(?:years?|old|ago)\b", chunk):
            continue
        value = parse_absolute(chunk)
        if value:
            out.append(Candidate(start, end, "parsed", {"value": value}, _PRIORITY))
    return out


def parse_absolute(chunk: str) -> str | None:
    """The TIMEX3 value dateparser gives an absolute date string, at its precision."""
    from dateparser.date import DateDataParser

    parser = DateDataParser(languages=["en"], settings={"STRICT_PARSING": False})
    data = parser.get_date_data(chunk)
    if data.date_obj is None:
        return None
    d = data.date_obj
    if data.period == "day":
        return d.strftime("%Y-%m-%d")
    if data.period == "month":
        return d.strftime("%Y-%m")
    if data.period == "year":
        return d.strftime("%Y")
    return None
