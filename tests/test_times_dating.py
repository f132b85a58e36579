"""Event dating through the parse: `event_date(article, trigger)` on real news sentences.

The seed article (Bloomberg, 16 June 2013) gives issue 5's acceptance cases:
the nuclear test "in February", the meeting scrapped "last week", the
Obama–Xi meeting "one day before" which the June 6 suggestion came, and the
Park–Xi summit "on June 27-30". Other rows are wire-style sentences.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from eventcoder.model import Article
from eventcoder.nlp import attach, parse_text
from eventcoder.settings import Settings
from eventcoder.times import event_date, make_stage

SEED = Path(__file__).resolve().parents[1] / "examples" / "nk-talks-2013-06-16.json"


@pytest.fixture(scope="module")
def parse(nlp):
    """parse(text, published) -> an Article with its parse and times."""
    stage = make_stage(Settings())

    def _run(text: str, published: str | None = "2013-06-16") -> Article:
        article = Article(text=text, published=dt.date.fromisoformat(published) if published else None)
        attach(article, nlp(parse_text(article)))
        stage(article)
        return article

    return _run


@pytest.fixture(scope="module")
def seed(parse):
    obj = json.loads(SEED.read_text(encoding="utf-8"))
    return parse(obj["text"], obj["published"])


def trigger(article: Article, word: str, after: str = ""):
    """The token `word` first found after the text `after`."""
    offset = article.text.index(after) if after else 0
    for tok in article.doc:
        if tok.idx >= offset and tok.text == word:
            return tok
    raise AssertionError(f"no token {word!r} after {after!r}")


@pytest.mark.parametrize("word, after, date, note", [
    ("tested", "tougher stance", "2013-02", "February"),
    ("scrapped", "regime unilaterally", "2013-06-09", "last week"),
    ("meeting", "regime unilaterally", "2013-06-09", "last week"),
    ("met", "one day before", "2013-06-07", "one day before"),
    ("suggestion", "June 6", "2013-06-06", "June 6"),
    ("hold", "Park and Xi", "2013-06-27", "June 27-30"),
    ("summit", "Park and Xi", "2013-06-27", "June 27-30"),
    ("told", "Choe Ryong Hae", "2013-05-24", "May 24"),
    ("succeeded", "under Kim", "2011", "2011"),
    ("broke", "rocket launch", "2012", "last year"),
    ("agreed", "food-aid deal", "2012-02", "February 2012"),
    ("proposed", "North Korea today", "2013-06-16", "today"),
    ("hold", "Glyn Davies", "2013-06-16", "this week"),
])
def test_seed_event_dates(seed, word, after, date, note):
    got, why = event_date(seed, trigger(seed, word, after))
    assert got == date, why
    assert note in (why or "")


def test_seed_undated_past_event_takes_publication_date(seed):
    got, why = event_date(seed, trigger(seed, "proposed"))
    assert got == "2013-06-16"
    assert "tense: past" in why


def test_meeting_scrapped_last_week_is_not_dated_at_publication(seed):
    got, _ = event_date(seed, trigger(seed, "scrapped", "regime unilaterally"))
    assert "2013-06-03" <= got <= "2013-06-09"


@pytest.mark.parametrize("text, word, date, note", [
    # a time inside another clause does not date the event
    ("Officials said on Friday that the ceasefire, which began in March, had collapsed.", "said",
     "2013-06-14", "Friday"),
    # a reported clause without its own time takes the report's date
    ("Officials said on Friday that troops shelled the village.", "shelled", "2013-06-14", "Friday"),
    # a conjoined verb shares the first one's date
    ("The North tested a missile in February and threatened strikes.", "threatened", "2013-02", "February"),
    # anchored on another date in the text
    ("Xi met Obama in California on June 7. A day earlier, North Korea proposed talks with the South.",
     "proposed", "2013-06-06", "A day earlier"),
    ("The talks came two days after the summit ended on May 20.", "ended", "2013-05-20", "May 20"),
    # the pluperfect happened some time before: only the month
    ("Both sides had agreed to discuss reopening the industrial complex.", "agreed", "2013-06", "pluperfect"),
    # a future event without a date
    ("The U.S. will send an envoy to Seoul.", "send", "2013-06-16", "future"),
])
def test_event_dates(parse, text, word, date, note):
    article = parse(text)
    got, why = event_date(article, trigger(article, word))
    assert got == date, why
    assert note in (why or "")


def test_no_publication_date_keeps_absolute_dates_only(parse):
    article = parse("The North tested a missile on Feb. 12, 2013, and threatened strikes last week.", None)
    assert event_date(article, trigger(article, "tested")) == ("2013-02-12", "Feb. 12, 2013")
    assert event_date(article, trigger(article, "threatened"))[0] is None


@pytest.mark.parametrize("published, text, expected", [
    # Wednesday article: last week's event falls on last Wednesday, inside last ISO week.
    ("2024-03-13", "The rebels seized the town last week.", "2024-03-06"),
    # Monday article: next week's talks fall on next Monday.
    ("2024-03-11", "The two sides will meet next week in Geneva.", "2024-03-18"),
])
def test_week_dated_events_fall_in_the_named_week(nlp, published, text, expected):
    from eventcoder.pipeline import Pipeline

    pipe = Pipeline(Settings(stages=("nlp", "actors", "times")))
    art = pipe(Article(text=text, published=dt.date.fromisoformat(published)))
    verb = next(t for t in art.doc if t.pos_ == "VERB" and t.dep_ == "ROOT")
    got, why = event_date(art, verb)
    assert got == expected, why
    assert "week" in why


def test_event_dated_by_a_range_keeps_its_last_day(seed_article):
    summit = [e for e in seed_article.events if "June 27-30" in e.evidence]
    assert summit and all((e.date, e.date_end) == ("2013-06-27", "2013-06-30") for e in summit)
    assert summit[0].to_dict()["date_end"] == "2013-06-30"
    others = [e for e in seed_article.events if "June 27-30" not in e.evidence]
    assert all(e.date_end is None and "date_end" not in e.to_dict() for e in others)
