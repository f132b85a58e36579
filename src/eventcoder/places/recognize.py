"""Toponym recognition: spaCy's place entities plus gazetteer names they miss.

Candidates come from the parser's GPE, LOC, FAC and NORP entities (NORP as
a demonym, "American" -> United States), from PERSON and ORG entities that
are in fact notable places (the small model tags "Kiev" as PERSON), from the
actors stage's country mentions, and from a scan for capitalised names the
gazetteer knows but the model did not tag. The scan is conservative because
GeoNames is full of namesakes of common words and surnames: it keeps
countries, divisions, regions and big cities, towns of the article's
countries and of the states it names (local news: "Nixa" in a Missouri
story), never text inside another entity, a word on the `not_places` list
only where places go ("towards Reading"), and at a sentence's start only a
town of a state the article names. Named rivers, lakes and mountains the
gazetteer lacks ("the Kentucky River") are kept as `feature` candidates
with no entries, placed later by `unlisted`.
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
BROAD_FEATURES = frozenset({"country", "admin1", "admin2", "region", "continent", "capital",
                            "landmark"})
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


def division_key(entry: Entry) -> str:
    """How a division the article names is kept in a recognition context ("US/TX")."""
    return f"{entry.country2}/{entry.admin1}"


def _notable(entries: list[Entry], cues: Cues, context: frozenset[str]) -> list[Entry]:
    """The entries worth reading a name as a place without the parser's say-so:
    broad places, big cities, towns of a country the article is about, and any
    town of a division it names (local news: "Nixa" in a Missouri story).

    `context` holds the article's countries (ISO alpha-3) and the divisions it
    names (`division_key`)."""
    return [e for e in entries if e.feature in BROAD_FEATURES
            or e.population >= cues.min_population_unrecognised
            or (e.country3 in context and e.population >= cues.min_population_in_context)
            or (e.admin1 is not None and division_key(e) in context)]


def lookup_place(text: str, gaz: Gazetteer, cues: Cues) -> list[Entry]:
    """Entries for a name, also without a trailing division word ("Helmand province")."""
    entries = gaz.lookup(text)
    head, _, last = text.rpartition(" ")
    if entries or not head or last.lower() not in cues.division_words:
        return entries
    entries = gaz.lookup(head)
    divisions = [e for e in entries if e.feature in ("admin1", "admin2", "region")]
    if divisions or last.lower() not in cues.named_after_capital:
        return divisions
    # a province named after its big capital ("Idlib province"), never a
    # namesake town ("Jackson County" is not Jackson, Mississippi)
    return [e for e in entries if e.population >= cues.min_population_unrecognised]


def _entries_for(text: str, label: str, gaz: Gazetteer, cues: Cues,
                 context: frozenset[str] = frozenset(),
                 known: frozenset[str] = frozenset(),
                 place_slot: bool = False) -> tuple[list[Entry], bool]:
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
    entries = lookup_place(text, gaz, cues)
    if place_slot:  # where places go ("fled to Bura", "Hola and Bura"): any town in context
        local = [e for e in entries if e.country3 in context]
        if local:
            return local, False
    elif label == "PERSON":  # surnames are towns too ("Davis"): no small towns by context
        context = frozenset()
    return _notable(entries, cues, context), False


def _place_slot(ent: Span, cues: Cues, doc: Doc) -> bool:
    """Whether an entity sits where a place goes: object of a spatial preposition
    ("in Bura", "from Clarksville"), object of a verb acting on places
    ("flooded Beledweyne"), or coordinated with a place entity ("Hola and Bura")."""
    root = ent.root
    if _slot(root, cues):
        return True
    linked = [root.head] if root.dep_ == "conj" else [t for t in root.children
                                                       if t.dep_ == "conj"]
    return any(t.ent_type_ in ("GPE", "LOC") or _slot(t, cues) for t in linked)


def _slot(tok: Token, cues: Cues) -> bool:
    """An object of a spatial preposition or of a verb acting on places."""
    if tok.dep_ in ("pobj", "pcomp"):  # the parser reads "towards Reading" as a gerund
        return tok.head.lower_ in cues.spatial_preps
    return tok.dep_ == "dobj" and tok.head.lemma_ in cues.literal_object_verbs


def _from_entity(article: Article, ent: Span, gaz: Gazetteer, cues: Cues,
                 context: frozenset[str], known: frozenset[str]) -> Candidate | None:
    start, end = _trim(article, ent.start_char, ent.end_char)
    if article.text[start:end].endswith(".") and not gaz.lookup(article.text[start:end]):
        end -= 1  # the sentence's full stop ("through Findlay."), not an abbreviation ("Ky.")
    text = article.text[start:end]
    rng = _token_range(article.doc, start, end)
    if rng is None or not text or text in cues.never_places:
        return None
    feature = _feature_at(article, gaz, cues, set(), rng[0]) if ent.label_ != "ORG" else None
    if feature is not None and feature.tokens[1] >= rng[1]:
        return feature  # "Tana" tagged alone, "River" after it
    entries, adjectival = _entries_for(text, ent.label_, gaz, cues, context, known,
                                       _place_slot(ent, cues, article.doc))
    if not entries and ent.label_ in PLACE_LABELS and _is_feature_name(text, cues):
        return Candidate(start, end, text, [], False, "feature", rng)
    if not entries and ent.label_ == "GPE" and text[:1].isupper() \
            and not _listed_prefix(text, gaz, cues):
        # a town or district the gazetteer lacks ("Kibera"): still a toponym
        return Candidate(start, end, text, [], False, "unlisted", rng)
    if not entries and ent.label_ == "ORG":
        return _qualifier_prefix(article, ent, gaz) or _org_prefix(article, ent, gaz)
    if not entries:
        return None
    return Candidate(start, end, text, entries, adjectival, "ner", rng)


def _qualifier_prefix(article: Article, ent: Span, gaz: Gazetteer) -> Candidate | None:
    """A division right after "Town, " that the parser ran into the next
    sentence ("Vancouver, Wash. Crews from Bend ..." tagged ORG "Wash. Crews")."""
    if not article.text[:ent.start_char].rstrip().endswith(",") or len(ent) < 2:
        return None
    for n in range(min(3, len(ent) - 1), 0, -1):
        span = ent[:n]
        text = article.text[span.start_char:span.end_char]
        entries = [e for e in gaz.lookup(text) if e.feature in ("admin1", "country")]
        if entries:
            return Candidate(span.start_char, span.end_char, text, entries, False, "ner",
                             (span.start, span.end))
    return None


def _listed_prefix(text: str, gaz: Gazetteer, cues: Cues) -> bool:
    """Whether the name opens with a notable listed place: then it is a body
    named after the place ("New York State Park Police"), not an unlisted place
    (a small namesake town in the prefix does not count: "Jones Beach")."""
    words = text.split()
    return any(_notable(gaz.lookup(" ".join(words[:n])), cues, frozenset())
               for n in range(1, len(words)))


def _is_feature_name(text: str, cues: Cues) -> bool:
    """ "Kentucky River", "Lake Kivu", "Mount Kenya": a named natural feature."""
    words = text.split()
    return len(words) >= 2 and (words[-1] in cues.feature_suffixes
                                or words[0] in cues.feature_prefixes)


def _feature_at(article: Article, gaz: Gazetteer, cues: Cues, blocked: set[int],
                i: int) -> Candidate | None:
    """A natural feature's name starting at token `i` ("Tana River", "Lake Kivu")
    that the gazetteer lacks: without it, "Tana" would be read as a town."""
    doc = article.doc
    for n in range(1, MAX_WORDS):
        span = doc[i:i + n + 1]
        if len(span) < n + 1 or span[0].is_stop or any(
                t.i in blocked or not _is_name_token(t.text) for t in span):
            return None
        text = article.text[span.start_char:span.end_char]
        if span[0].text in cues.feature_prefixes or (span[-1].text in cues.feature_suffixes
                                                     and span[0].text not in cues.feature_suffixes):
            if gaz.lookup(text):
                return None  # a listed place ("Spratly Islands"): the gazetteer's reading
            return Candidate(span.start_char, span.end_char, text, [], False, "feature",
                             (span.start, span.end))
    return None


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
             i: int, context: frozenset[str]) -> Candidate | None:
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
        if text in cues.never_places or (n == 1 and span[0].is_stop):
            continue
        if text in cues.not_places:
            # a word that is mostly not a place ("Reading", "Mobile") is one
            # where places go, in a country or state the article is about
            local = [e for e in gaz.lookup(text) if e.country3 in context
                     or (e.admin1 is not None and division_key(e) in context)]
            if local and not opens and _slot(span.root, cues):
                return Candidate(span.start_char, span.end_char, text, local, False,
                                 "gazetteer", (span.start, span.end))
            continue
        rng = (span.start, span.end)
        demonym = gaz.demonym(text)  # "Spanish riot police", missed by the parser
        if demonym:
            return Candidate(span.start_char, span.end_char, text, demonym, True, "gazetteer", rng)
        # a small town by context only under its own name, not an alternate
        # one ("Marmara" is also a name of Golmarmara, Turkey)
        entries = [e for e in _notable(gaz.lookup(text), cues, context)
                   if e.feature in BROAD_FEATURES or e.population >= cues.min_population_unrecognised
                   or normalise(e.name) == normalise(text)]
        if opens:  # a sentence's first word is capitalised anyway: local towns only
            entries = [e for e in entries if e.admin1 is not None and division_key(e) in context
                       and span[0].pos_ == "PROPN"]
        if entries:
            return Candidate(span.start_char, span.end_char, text, entries, False, "gazetteer", rng)
    return None


def _scan(article: Article, gaz: Gazetteer, cues: Cues, blocked: set[int],
          context: frozenset[str]) -> list[Candidate]:
    """Capitalised n-grams that are demonyms or name a broad or big place, outside
    other entities; a place name (not a demonym) never at a sentence's start."""
    doc = article.doc
    found: list[Candidate] = []
    i = 0
    while i < len(doc):
        hit = None
        if i not in blocked and _is_name_token(doc[i].text):
            hit = (_feature_at(article, gaz, cues, blocked, i)
                   or _scan_at(article, gaz, cues, blocked, i, context))
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


def _article_countries(article: Article, gaz: Gazetteer,
                       also: tuple[str, ...] = ()) -> frozenset[str]:
    """Countries the article is plainly about (its country actors and the
    countries of the biggest places its place entities may name), and the
    divisions it names ("Ky.", "Texas", also in the dateline), as `division_key`s."""
    found = {m.country for m in article.mentions if m.kind == "country" and m.country}
    names = [ent.text for ent in article.doc.ents if ent.label_ in ("GPE", "LOC")]
    for name in [*names, *also]:
        entries = gaz.lookup(name)
        biggest = max(entries, key=lambda e: e.population, default=None)
        if biggest is not None and biggest.country3:
            found.add(biggest.country3)
        # not a name that is also a country or capital ("Georgia", "Washington")
        if not any(e.feature in ("country", "capital") for e in entries):
            found.update(division_key(e) for e in entries if e.feature == "admin1" and e.admin1)
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
    context = _article_countries(article, gaz, also_known)
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
    # the places found so far (also those the parser mislabelled) widen the context
    context |= {max(c.entries, key=lambda e: e.population).country3 or "" for c in cands
                if c.entries}
    cands.extend(_scan(article, gaz, cues, blocked | taken, context))
    return sorted(cands, key=lambda c: c.start)
