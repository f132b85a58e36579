"""The places stage: toponyms resolved to GeoNames entries, and events located.

Runs last, after actors and events. It finds every toponym in the text
(`recognize`), resolves each to a GeoNames entry from an offline gazetteer
(`gazetteer`, `resolve`; names it lacks, such as rivers, are placed among
the article's towns by `unlisted`), marks the ones that stand for a
government or a people (`metonymy`), reads the dateline, and gives each
event the place where it happened (`locate`). Results: `article.places` (every toponym, metonymic
ones included), `Event.location`, and `article.extras["dateline"]` (the
publication place, a `Place`) when the text opens with a dateline.
"""

from __future__ import annotations

from collections.abc import Callable

from eventcoder.model import Article, Place
from eventcoder.places.cues import Cues, load_cues
from eventcoder.places.gazetteer import Entry, Gazetteer, load_gazetteer
from eventcoder.places.locate import (
    actor_location,
    clause_location,
    dateline_end,
    find_dateline,
)
from eventcoder.places.metonymy import classify
from eventcoder.places.recognize import Candidate, find_candidates
from eventcoder.places.resolve import resolve
from eventcoder.places.unlisted import place_county, place_unlisted
from eventcoder.settings import Settings

__all__ = ["make_stage", "geoparse", "to_place"]


def to_place(cand: Candidate, entry: Entry, gaz: Gazetteer, metonymic: bool, why: str) -> Place:
    """The schema's Place for a resolved candidate."""
    division = gaz.admin1_of(entry)
    admin1 = division.name if division else entry.admin1
    if entry.feature == "admin1":
        admin1 = entry.name
    return Place(text=cand.text, start=cand.start, end=cand.end, name=entry.name,
                 geonameid=entry.geonameid, country=entry.country3, admin1=admin1,
                 lat=entry.lat, lon=entry.lon, feature=entry.output_feature,
                 metonymic=metonymic, why=why)


def geoparse(article: Article, gaz: Gazetteer, cues: Cues) -> list[tuple[Candidate, Place]]:
    """Every toponym of the article (dateline first), resolved and classified."""
    dateline = find_dateline(article, gaz, cues)
    cands = find_candidates(article, gaz, cues, (dateline.text,) if dateline else ())
    if dateline is not None:
        cands = [dateline] + [c for c in cands if c.end <= dateline.start
                              or c.start >= dateline.end]
    ends = dateline_end(dateline) if dateline is not None else 0
    # the dateline's place and its region ("LAWRENCE, Kan.") are where the story is filed
    readings = [(False, "dateline") if c.start < ends else classify(article.doc, c, cues)
                for c in cands]
    # names the gazetteer lacks (rivers, unlisted districts) are placed after
    # the others are resolved, among the article's towns (see `unlisted`)
    listed = [i for i, c in enumerate(cands) if c.entries]
    entries = resolve(article, [cands[i] for i in listed], [readings[i][0] for i in listed],
                      gaz, cues)
    chosen: dict[int, Entry | None] = dict(zip(listed, entries, strict=True))
    resolved = [(cands[i], e) for i, e in zip(listed, entries, strict=True)]
    out = []
    for i, cand in enumerate(cands):
        entry = chosen.get(i) or place_unlisted(article, cand, resolved, gaz)
        if entry is None:
            continue
        if entry.feature == "admin2":
            entry = place_county(article, cand, entry, resolved)
        metonymic, reason = readings[i]
        if cand.source == "feature":  # a river or mountain stands for nobody
            metonymic, reason = False, "natural feature"
        out.append((cand, to_place(cand, entry, gaz, metonymic, f"{cand.source}; {reason}")))
    out.sort(key=lambda pair: pair[0].start)
    return out


def _locate_events(article: Article, found: list[tuple[Candidate, Place]], gaz: Gazetteer,
                   cues: Cues, dateline: Place | None) -> None:
    literal = [(c, p) for c, p in found if not p.metonymic and c.source != "dateline"]
    for event in article.events:
        event.location = (clause_location(article, event, literal, cues)
                          or dateline or actor_location(event, gaz))


def make_stage(settings: Settings) -> Callable[[Article], None]:
    """Find place names, resolve them, and give each event its location."""
    gaz = load_gazetteer()
    cues = load_cues()

    def places_stage(article: Article) -> None:
        if article.doc is None:
            article.places = []
            return
        found = geoparse(article, gaz, cues)
        article.places = [p for _, p in found]
        dateline = next((p for c, p in found if c.source == "dateline"), None)
        if dateline is not None:
            article.extras["dateline"] = dateline
        _locate_events(article, found, gaz, cues, dateline)

    return places_stage
