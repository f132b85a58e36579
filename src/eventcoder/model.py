"""The one data structure that flows through the pipeline: an `Article`.

Like spaCy's `Doc`, an `Article` is created by a reader, and every stage
annotates it in place: the nlp stage attaches the parse and the sentences,
the actors stage its actor mentions, the times stage its time expressions,
the events stage its events and the quotes stage its quotes. Output code only
reads it. Nothing else is passed between stages, so a stage can be run and
tested alone on an `Article` built by hand.

The `to_dict()` methods produce the documented JSON contract
(`docs/schema.md`); fields used only inside the pipeline (the spaCy `Doc`,
token indices, rule names) stay out of the contract or sit in clearly named
extension fields.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span

Factuality = Literal["asserted", "future", "possible", "negated"]
QuoteKind = Literal["direct", "indirect", "mixed"]
TimeType = Literal["DATE", "TIME", "DURATION", "SET"]


@dataclass
class Actor:
    """A coded actor: who takes part in an event or speaks a quote.

    `text` is the mention as written; `start`/`end` are character offsets into
    the article text (None for an actor inferred without a mention, such as
    the implied speaker of a section). `code` is CAMEO-style: a country
    (ISO alpha-3) followed by sector codes ("PRKGOV"), or an IGO/NGO code
    ("IGOUNO"). `name` is the canonical name of a person or body when known,
    and `why` says which rule or dictionary entry produced the code.
    """

    text: str
    start: int | None = None
    end: int | None = None
    code: str | None = None
    country: str | None = None
    sector: str | None = None
    name: str | None = None
    kind: str | None = None  # "country", "person", "organisation", "group", "pronoun", ...
    why: str | None = None
    entity: int | None = None  # coreference chain id within the article

    def to_dict(self) -> dict[str, Any]:
        """The schema's Actor object, plus the `name` and `why` extensions."""
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "code": self.code,
            "country": self.country,
            "sector": self.sector,
            "name": self.name,
            "why": self.why,
        }


@dataclass
class Sentence:
    """A sentence of the article: its index and character span in `text`."""

    index: int
    start: int
    end: int
    text: str


@dataclass
class TimeExpr:
    """A time expression, typed and valued as TIMEX3 (`2013-05-24`, `P1Y`).

    `mod` carries TIMEX3's modifier (`MORE_THAN`, `APPROX`, `START`, ...),
    `anchor` the index of the time expression this one was resolved against
    when it is relative to another date in the text ("one day before").
    """

    text: str
    start: int
    end: int
    type: TimeType
    value: str
    mod: str | None = None
    anchor: int | None = None
    why: str | None = None
    end_value: str | None = None  # a range's last day: "June 27-30" -> 2013-06-30

    def to_dict(self) -> dict[str, Any]:
        """The schema's time object, with the `mod` and `end_value` extensions."""
        d: dict[str, Any] = {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "type": self.type,
            "value": self.value,
        }
        if self.mod:
            d["mod"] = self.mod
        if self.end_value:
            d["end_value"] = self.end_value
        return d


@dataclass
class Place:
    """A toponym resolved to a gazetteer entry (GeoNames).

    `metonymic` is True where the name stands for a government or a people
    ("Washington said", "American officials") rather than a location.
    """

    text: str
    start: int
    end: int
    name: str | None = None
    geonameid: int | None = None
    country: str | None = None  # ISO alpha-3
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    feature: str | None = None  # "country", "admin1", "city", ...
    metonymic: bool = False
    why: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The schema's Place object."""
        return {
            "text": self.text, "start": self.start, "end": self.end, "name": self.name,
            "geonameid": self.geonameid, "country": self.country, "admin1": self.admin1,
            "lat": self.lat, "lon": self.lon, "feature": self.feature,
            "metonymic": self.metonymic,
        }


@dataclass
class Event:
    """A coded event: source did `cameo` to target, with the evidence."""

    source: Actor
    target: Actor | None
    cameo: str
    plover: str | None
    mode: str | None
    goldstein: float
    quad_class: int
    factuality: Factuality
    date: str
    sentence: int
    start: int
    end: int
    evidence: str
    label: str = ""  # CAMEO description, for humans
    trigger: str | None = None  # the word(s) that evoked the event
    why: str | None = None  # the pattern or model that coded it, and its score
    date_source: str | None = None  # the time expression (or rule) that dated it
    confidence: float = 1.0
    location: Place | None = None  # where it happened (set by the places stage)
    date_end: str | None = None  # the last day, when dated by a range of days ("June 27-30")

    def to_dict(self) -> dict[str, Any]:
        """The schema's event object, plus explanation extensions."""
        d = {
            "source": self.source.to_dict(),
            "target": self.target.to_dict() if self.target else None,
            "cameo": self.cameo,
            "plover": self.plover,
            "mode": self.mode,
            "goldstein": self.goldstein,
            "quad_class": self.quad_class,
            "factuality": self.factuality,
            "date": self.date,
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "evidence": self.evidence,
            "label": self.label,
            "trigger": self.trigger,
            "why": self.why,
            "date_source": self.date_source,
            "confidence": round(self.confidence, 3),
            "location": self.location.to_dict() if self.location else None,
        }
        if self.date_end:
            d["date_end"] = self.date_end
        return d


@dataclass
class Quote:
    """A direct, indirect or mixed quote with its speaker and cue verb."""

    text: str
    start: int
    end: int
    kind: QuoteKind
    speaker: Actor | None
    cue: str | None
    why: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The schema's quote object."""
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "cue": self.cue,
        }


@dataclass
class Article:
    """A news article and everything the pipeline found in it.

    Only `text` is required. `published` anchors every relative time
    expression; without it, relative expressions keep unresolved values.
    `source_name` names where the article came from (a file, a line of a
    JSONL file) so that errors can point at it.
    """

    text: str
    id: str = ""
    title: str | None = None
    published: dt.date | None = None
    url: str | None = None
    outlet: str | None = None
    source_name: str = "<input>"
    doc: Doc | None = field(default=None, repr=False)
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Actor] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    extras: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.id:
            self.id = hashlib.sha1(self.text.encode("utf-8")).hexdigest()[:16]

    # --- helpers shared by the stages -------------------------------------
    def sentence_at(self, char: int) -> Sentence | None:
        """The sentence containing character offset `char`."""
        for s in self.sentences:
            if s.start <= char < s.end:
                return s
        return None

    def mentions_in(self, start: int, end: int) -> list[Actor]:
        """Actor mentions lying inside [start, end)."""
        return [m for m in self.mentions if m.start is not None and m.end is not None
                and start <= m.start and m.end <= end]

    def span(self, start: int, end: int) -> Span | None:
        """The spaCy span for a character range, expanded to token bounds."""
        if self.doc is None:
            return None
        return self.doc.char_span(start, end, alignment_mode="expand")

    def to_dict(self) -> dict[str, Any]:
        """The schema's article object."""
        return {
            "id": self.id,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "url": self.url,
            "outlet": self.outlet,
            "events": [e.to_dict() for e in self.events],
            "quotes": [q.to_dict() for q in self.quotes],
            "times": [t.to_dict() for t in self.times],
            "actors": [m.to_dict() for m in self.mentions],
            "places": [p.to_dict() for p in self.places],
            "dateline": (self.extras["dateline"].to_dict()
                         if isinstance(self.extras.get("dateline"), Place) else None),
        }
