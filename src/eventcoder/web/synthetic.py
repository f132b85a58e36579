"""Synthetic coded articles, for the web load benchmark and the web tests.

A load test needs a store of a realistic size (100,000 events) in seconds,
without running the NLP pipeline: these articles are built directly as coded
`Article` objects (actors, events with CAMEO codes, labels, Goldstein scores
and quad classes from the real codebook) from a seeded random generator, so
every run builds the same store.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

from eventcoder.events.codebook import Codebook
from eventcoder.model import Actor, Article, Event, TimeExpr
from eventcoder.store.db import Batch, Store
from eventcoder.store.rows import article_rows

COUNTRIES = {
    "USA": "the United States", "PRK": "North Korea", "KOR": "South Korea", "CHN": "China",
    "JPN": "Japan", "RUS": "Russia", "IRN": "Iran", "ISR": "Israel", "GBR": "Britain", "FRA": "France",
    "DEU": "Germany", "IND": "India", "PAK": "Pakistan", "UKR": "Ukraine", "SYR": "Syria", "TUR": "Turkey",
}
SECTORS = {"": "", "GOV": "the government of ", "MIL": "the armed forces of "}
CAMEO_CODES = ("010", "020", "036", "040", "042", "043", "051", "057", "061", "071", "111", "112", "120",
               "125", "128", "130", "138", "150", "163", "172", "190", "193", "195")
FACTUALITY = ("asserted",) * 7 + ("future", "possible", "negated")


def _actor(rng: random.Random, text_so_far: int, exclude: str | None = None) -> tuple[Actor, str]:
    country = rng.choice([c for c in COUNTRIES if c != exclude])
    sector = rng.choice(list(SECTORS))
    words = SECTORS[sector] + COUNTRIES[country]
    return Actor(text=words, start=text_so_far, end=text_so_far + len(words), code=country + sector,
                 country=country, sector=sector or None, name=COUNTRIES[country], kind="country"), words


def synthetic_article(rng: random.Random, n: int, events: int, start: dt.date, days: int,
                      book: Codebook) -> Article:
    """One coded article with `events` events among random countries, published in the period."""
    published = start + dt.timedelta(days=rng.randrange(days))
    parts: list[str] = []
    pos = 0
    article = Article(text="", id=f"synthetic-{n}", title=f"Synthetic report {n}", published=published,
                      url=f"https://news.example.org/{published:%Y/%m}/report-{n}", outlet="example.org")
    for i in range(events):
        src, src_words = _actor(rng, pos)
        mid = f" {rng.choice(['met', 'warned', 'urged', 'accused', 'praised', 'threatened'])} "
        tgt, tgt_words = _actor(rng, pos + len(src_words) + len(mid), exclude=src.country)
        day = published - dt.timedelta(days=rng.randrange(3))
        when = f" on {day:%B} {day.day}"
        sentence = f"{src_words}{mid}{tgt_words}{when}, report {n} item {i} said."
        cameo = rng.choice(CAMEO_CODES)
        plover = book.plover(cameo)
        article.mentions += [src, tgt]
        t0 = pos + len(src_words) + len(mid) + len(tgt_words) + 4
        article.times.append(TimeExpr(text=when[4:], start=t0, end=t0 + len(when) - 4, type="DATE",
                                      value=day.isoformat()))
        article.events.append(Event(
            source=src, target=tgt, cameo=cameo, plover=plover.event if plover else None,
            mode=plover.mode if plover else None, goldstein=book.goldstein(cameo),
            quad_class=book.quad_class(cameo), factuality=rng.choice(FACTUALITY), date=day.isoformat(),
            sentence=i, start=pos, end=pos + len(sentence), evidence=sentence, label=book.label(cameo),
            trigger=mid.strip(), why="synthetic"))
        parts.append(sentence)
        pos += len(sentence) + 1
    article.text = " ".join(parts)
    return article


def synthetic_articles(n_events: int, seed: int = 7, per_article: int = 5,
                       start: dt.date = dt.date(2012, 1, 1), days: int = 730) -> Iterator[Article]:
    """Articles holding `n_events` events in all, spread over `days` days from `start`."""
    rng = random.Random(seed)
    book = Codebook.load()
    made, n = 0, 0
    while made < n_events:
        k = min(per_article, n_events - made)
        yield synthetic_article(rng, n, k, start, days, book)
        made += k
        n += 1


def fill_store(store: Store, n_events: int, seed: int = 7, batch: int = 500) -> int:
    """Write synthetic articles with `n_events` events into `store`; returns the articles written."""
    lookup = store.clusterer.lookup
    if store.count("events") == 0:
        # Nothing stored yet: no cluster can match a stored one, so skip the per-key look-ups
        # (the clusterer still deduplicates within this run from its own memory).
        store.clusterer.lookup = lambda key: []
    written = 0
    pending = []
    try:
        for article in synthetic_articles(n_events, seed):
            pending.append(article_rows(article))
            if len(pending) >= batch:
                store.write(Batch(articles=pending))
                written += len(pending)
                pending = []
        if pending:
            store.write(Batch(articles=pending))
            written += len(pending)
    finally:
        store.clusterer.lookup = lookup
    return written
