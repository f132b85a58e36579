"""Toponym recognition: spaCy's place entities plus gazetteer names they miss.

Candidates come from the parser's GPE, LOC, FAC and NORP entities (NORP as
a demonym, "American" -> United States), from PERSON and ORG entities that
are in fact notable places (the small model tags "Kiev" as PERSON), from the
actors stage's country mentions, and from a scan for capitalised names the
gazetteer knows but the model did not tag. The scan is conservative because GeoNames is full of namesakes of
common words and surnames: it keeps countries, admin1 divisions, regions and
big cities only, never a word on the `not_places` list, never a
sentence-initial word, and never text inside another entity.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from eventcoder.model import Article
from eventcoder.places.cues import Cues
from eventcoder.places.gazetteer import Entry, Gazetteer, normalise

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
ENTITY_LABELS = frozenset({"GPE", "LOC", "FAC", "NORP", "PERSON", "ORG", "PRODUCT"})
BLOCKING_LABELS = frozenset({"WORK_OF_ART", "EVENT", "LAW",
                             "LANGUAGE", "DATE", "TIME", "MONEY", "QUANTITY", "CARDINAL"})
BROAD_FEATURES = frozenset({"country", "admin1", "region", "continent", "capital", "landmark"})
MAX_WORDS = 4  # longest name the scan tries ("Bosnia and Herzegovina")
CONNECTORS = frozenset({"of", "de", "la", "el", "al", "du", "des", "and"})


@dataclass
class Candidate:
    """A toponym in the text and the gazetteer entries it may denote."""

    start: int
    end: int
    text: str
    entries: list[Entry]
    adjectival: bool = False
    source: str = "ner"
    tokens: tuple[int, int] = (0, 0)  # token range in the doc
    notes: list[str] = field(default_factory=list)


def _trim(article: Article, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the" and a trailing possessive from a character span."""
    text = article.text
    if text[start:start + 4].lower() == "the ":
        start += 4
    for suffix in ("'s", "\u2019s", "'", "\u2019"):
        if text[start:end].endswith(suffix) and end - len(suffix) > start:
            end -= len(suffix)
            break
    return start, end


def _token_range(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return (span.start, span.end) if span is not None and len(span) else None


def _notable(entries: list[Entry], cues: Cues, context: frozenset[str]) -> list[Entry]:
    """The entries worth reading a name as a place without the parser's say-so:
    broad places, big cities, and towns of a country the article is about."""
    return [e for e in entries if e.feature in BROAD_FEATURES
            or e.population >= cues.min_population_unrecognised
            or (e.country3 in context and e.population >= cues.min_population_in_context)]


def lookup_place(text: str, gaz: Gazetteer, cues: Cues) -> list[Entry]:
    """Entries for a name, also without a trailing division word ("Helmand province")."""
    entries = gaz.lookup(text)
    head, _, last = text.rpartition(" ")
    if entries or not head or last.lower() not in cues.division_words:
        return entries
    entries = gaz.lookup(head)
    divisions = [e for e in entries if e.feature in ("admin1", "region")]
    if divisions or last.lower() not in cues.named_after_capital:
        return divisions
    # a province named after its big capital ("Idlib province"), never a
    # namesake town ("Jackson County" is not Jackson, Mississippi)
    return [e for e in entries if e.population >= cues.min_population_unrecognised]


def _entries_for(text: str, label: str, gaz: Gazetteer, cues: Cues,
                 context: frozenset[str] = frozenset(),
                 known: frozenset[str] = frozenset()) -> tuple[list[Entry], bool]:
    """Entries for an entity's text and whether it is a demonym, by entity label.

    The small model mislabels places: "Aleppo" as NORP, "Kiev" as PERSON,
    "Washington" as ORG. A non-place label is overruled only for a notable
    place (country, capital, division, big city; for NORP, ORG and FAC also a
    town in a country the article is about) not on the `not_places` list.
    """
    if label in ("GPE", "LOC"):
        entries = lookup_place(text, gaz, cues)
        return (entries, False) if entries else (gaz.demonym(text), True)
    if label == "NORP":
        entries = gaz.demonym(text)
        return (entries, True) if entries else (_notable(gaz.lookup(text), cues, context), False)
    if text in cues.not_places:
        return [], False
    if normalise(text) in known:  # named as a place elsewhere in the article
        return lookup_place(text, gaz, cues), False
    if label == "PERSON":  # surnames are towns too ("Davis"): no small towns by context
        context = frozenset()
    return _notable(lookup_place(text, gaz, cues), cues, context), False


def _from_entity(article: Article, ent: Span, gaz: Gazetteer, cues: Cues,
                 context: frozenset[str], known: frozenset[str]) -> Candidate | None:
    start, end = _trim(article, ent.start_char, ent.end_char)
    text = article.text[start:end]
    rng = _token_range(article.doc, start, end)
    if rng is None or not text or text in cues.never_places:
        return None
    entries, adjectival = _entries_for(text, ent.label_, gaz, cues, context, known)
    if not entries:
        return _org_prefix(article, ent, gaz) if ent.label_ == "ORG" else None
    return Candidate(start, end, text, entries, adjectival, "ner", rng)


def _org_prefix(article: Article, ent: Span, gaz: Gazetteer) -> Candidate | None:
    """A country or demonym opening an organisation's name ("the U.S. Navy",
    "the Syrian Observatory"): a toponym standing for its state or people."""
    tokens = [t for t in ent if not (t.i == ent.start and t.lower_ == "the")]
    for n in range(min(3, len(tokens) - 1), 0, -1):
        start, end = tokens[0].idx, tokens[n - 1].idx + len(tokens[n - 1])
        text = article.text[start:end]
        entries = [e for e in gaz.lookup(text) if e.feature == "country"]
        adjectival = not entries
        entries = entries or gaz.demonym(text)
        if entries:
            rng = (tokens[0].i, tokens[n - 1].i + 1)
            return Candidate(start, end, text, entries, adjectival, "ner", rng)
    return None


def _from_mentions(article: Article, gaz: Gazetteer, taken: set[int]) -> list[Candidate]:
    """Country actors the parser missed ("Washington" tagged ORG), read as toponyms."""
    out = []
    for m in article.mentions:
        if m.kind != "country" or not m.country or m.start is None or m.end is None:
            continue
        start, end = _trim(article, m.start, m.end)
        text = article.text[start:end]
        rng = _token_range(article.doc, start, end)
        if rng is None or taken.intersection(range(*rng)):
            continue
        entries = [e for e in gaz.lookup(text) if e.country3 == m.country]
        adjectival = False
        if not entries:
            entries = [e for e in gaz.demonym(text) if e.country3 == m.country]
            adjectival = True
        if entries:
            out.append(Candidate(start, end, text, entries, adjectival, "actors", rng))
            taken.update(range(*rng))
    return out


def _is_name_token(text: str) -> bool:
    return bool(text) and text[0].isupper()


def _opens_sentence(tok: Token) -> bool:
    """True for a sentence's first word, also after opening quotes or brackets."""
    cur = tok
    while cur.i > 0 and not cur.is_sent_start and cur.nbor(-1).is_punct:
        cur = cur.nbor(-1)
    return cur.is_sent_start or cur.i == 0


def _scan_at(article: Article, gaz: Gazetteer, cues: Cues, blocked: set[int],
             i: int) -> Candidate | None:
    """The longest gazetteer name (or demonym) starting at token `i`, if any."""
    doc = article.doc
    opens = _opens_sentence(doc[i])
    for n in range(min(MAX_WORDS, len(doc) - i), 0, -1):
        span = doc[i:i + n]
        if any(t.i in blocked for t in span) or not _is_name_token(span[-1].text):
            continue
        if any(not _is_name_token(t.text) and t.lower_ not in CONNECTORS for t in span):
            continue
        text = article.text[span.start_char:span.end_char]
        if text in cues.not_places or text in cues.never_places or (n == 1 and span[0].is_stop):
            continue
        rng = (span.start, span.end)
        demonym = gaz.demonym(text)  # "Spanish riot police", missed by the parser
        if demonym:
            return Candidate(span.start_char, span.end_char, text, demonym, True, "gazetteer", rng)
        entries = [] if opens else _notable(gaz.lookup(text), cues, frozenset())
        if entries:
            return Candidate(span.start_char, span.end_char, text, entries, False, "gazetteer", rng)
    return None


def _scan(article: Article, gaz: Gazetteer, cues: Cues, blocked: set[int]) -> list[Candidate]:
    """Capitalised n-grams that are demonyms or name a broad or big place, outside
    other entities; a place name (not a demonym) never at a sentence's start."""
    doc = article.doc
    found: list[Candidate] = []
    i = 0
    while i < len(doc):
        hit = None
        if i not in blocked and _is_name_token(doc[i].text):
            hit = _scan_at(article, gaz, cues, blocked, i)
        if hit:
            found.append(hit)
            i = hit.tokens[1]
        else:
            i += 1
    return found


def _person_spans(article: Article) -> set[tuple[int, int]]:
    """Spans the actors stage coded as people of a known country ("Park" -> KORGOV);
    other person mentions merely echo the parser's PERSON label ("Tamil Nadu")."""
    return {(m.start, m.end) for m in article.mentions
            if m.kind == "person" and m.country and m.start is not None and m.end is not None}


def _article_countries(article: Article, gaz: Gazetteer) -> frozenset[str]:
    """Countries the article is plainly about: its country actors and the
    countries of the biggest places its place entities may name."""
    found = {m.country for m in article.mentions if m.kind == "country" and m.country}
    for ent in article.doc.ents if article.doc is not None else ():
        if ent.label_ in ("GPE", "LOC"):
            entries = gaz.lookup(ent.text)
            biggest = max(entries, key=lambda e: e.population, default=None)
            if biggest is not None and biggest.country3:
                found.add(biggest.country3)
    return frozenset(found)


def _known_places(article: Article, gaz: Gazetteer, cues: Cues,
                  also: tuple[str, ...]) -> frozenset[str]:
    """Names the article uses as places (place entities, the dateline): a PERSON
    or ORG label on the same name elsewhere is the parser's slip."""
    names = {normalise(n) for n in also}
    for ent in article.doc.ents if article.doc is not None else ():
        if ent.label_ in ("GPE", "LOC"):
            start, end = _trim(article, ent.start_char, ent.end_char)
            if lookup_place(article.text[start:end], gaz, cues):
                names.add(normalise(article.text[start:end]))
    return frozenset(names)


def find_candidates(article: Article, gaz: Gazetteer, cues: Cues,
                    also_known: tuple[str, ...] = ()) -> list[Candidate]:
    """Every toponym candidate in the article, in text order, without overlaps.

    `also_known` names places found by other means (the dateline's)."""
    doc = article.doc
    if doc is None:
        return []
    persons = _person_spans(article)
    cands: list[Candidate] = []
    blocked: set[int] = set()
    taken: set[int] = set()
    context = _article_countries(article, gaz)
    known = _known_places(article, gaz, cues, also_known)
    unresolved: set[int] = set()
    for ent in doc.ents:
        if ent.label_ in ENTITY_LABELS:
            cand = _from_entity(article, ent, gaz, cues, context, known)
            # the actors stage overrules the parser's place label ("Park" tagged LOC),
            # not the gazetteer's reading of a PERSON/ORG label ("Tamil Nadu")
            person = ent.label_ in PLACE_LABELS and cand and (cand.start, cand.end) in persons
            if cand and not person:
                cands.append(cand)
                taken.update(range(*cand.tokens))
            elif ent.label_ in PLACE_LABELS:
                # a place the gazetteer lacks ("Gulf of Oman"): no part of it is "Oman"
                unresolved.update(range(ent.start, ent.end))
            blocked.update(range(ent.start, ent.end))
        elif ent.label_ in BLOCKING_LABELS:
            blocked.update(range(ent.start, ent.end))
    for start, end in persons:
        rng = _token_range(doc, start, end)
        if rng:
            blocked.update(range(*rng))
    mentioned = _from_mentions(article, gaz, taken | unresolved)
    cands.extend(mentioned)
    for cand in mentioned:
        blocked.update(range(*cand.tokens))
    cands.extend(_scan(article, gaz, cues, blocked | taken))
    return sorted(cands, key=lambda c: c.start)
