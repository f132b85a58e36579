"""The times stage on real news sentences: spans, TIMEX3 types, values and modifiers.

Each row: a sentence (from the seed article, Bloomberg 16 June 2013, or written
in wire style after real reports), the publication date, and an expected
expression (text, type, value[, mod]). The sentence is parsed, because the
year of a date without one depends on the tense of its clause.
"""

from __future__ import annotations

import datetime as dt

import pytest

from eventcoder.model import Article
from eventcoder.nlp import attach, parse_text
from eventcoder.settings import Settings
from eventcoder.times import extract_times, make_stage
from eventcoder.times.fallback import parse_absolute


@pytest.fixture(scope="module")
def times(nlp):
    """times(sentence, published) -> the Article with its times filled by the stage."""
    stage = make_stage(Settings())

    def _run(text: str, published: str | None) -> Article:
        article = Article(text=text, published=dt.date.fromisoformat(published) if published else None)
        attach(article, nlp(parse_text(article)))
        stage(article)
        return article

    return _run


CASES = [
    # explicit dates
    ("North Korea's envoy Choe Ryong Hae told Chinese President Xi Jinping on May 24 his country "
     "wants to find ways to resolve its conflicts via talks.", "2013-06-16",
     ("May 24", "DATE", "2013-05-24")),
    ("The armistice was signed on July 27, 1953, at Panmunjom.", "2013-06-16",
     ("July 27, 1953", "DATE", "1953-07-27")),
    ("Britain will hold a referendum on 23 June 2016, Prime Minister David Cameron said.", "2016-02-20",
     ("23 June 2016", "DATE", "2016-06-23")),
    ("A rocket launch last year broke a food-aid deal agreed to with the U.S. in February 2012.",
     "2013-06-16",
     ("February 2012", "DATE", "2012-02")),
    ("The treaty took effect on 2013-03-18 after ratification.", "2013-03-22",
     ("2013-03-18", "DATE", "2013-03-18")),
    ("Kim, who succeeded his father in 2011, has not travelled abroad.", "2013-06-16",
     ("2011", "DATE", "2011")),
    ("The U.S. has said North Korea must live up to past commitments before six-party negotiations, which "
     "last took place in 2008, can resume.", "2013-06-16", ("2008", "DATE", "2008")),
    # dates without a year: the tense decides
    ("China has taken a tougher stance against Kim's regime after it tested an atomic weapon in February.",
     "2013-06-16", ("February", "DATE", "2013-02")),
    ("Presidential elections will be held in February, the electoral commission said.", "2013-06-16",
     ("February", "DATE", "2014-02")),
    ("The central bank cut its benchmark rate in December.", "2013-03-22", ("December", "DATE", "2012-12")),
    ("The European Central Bank will meet again in September.", "2013-06-16",
     ("September", "DATE", "2013-09")),
    ("Defense Secretary Chuck Hagel resigned on Tuesday.", "2013-06-16", ("Tuesday", "DATE", "2013-06-11")),
    ("Secretary of State John Kerry will travel to Beijing on Tuesday.", "2013-06-16",
     ("Tuesday", "DATE", "2013-06-18")),
    ("The CDC's Dr. Michael Jhung said Friday that six pediatric deaths were reported.", "2013-03-22",
     ("Friday", "DATE", "2013-03-22")),
    ("Park and Xi will hold their first summit meeting in Beijing on June 27-30.", "2013-06-16",
     ("June 27-30", "DATE", "2013-06-27")),
    ("Cyprus has until Monday to raise 5.8 billion euros.", "2013-03-21", ("Monday", "DATE", "2013-03-25")),
    ("Pope Francis will celebrate his first Easter on March 31.", "2013-03-21",
     ("March 31", "DATE", "2013-03-31")),
    ("The unemployment rate fell to 7.7 percent, the lowest since December 2008.", "2013-03-21",
     ("December 2008", "DATE", "2008-12")),
    ("It was the deadliest attack since the 2011 uprising, which began in mid-March of that year.",
     "2013-03-21", ("mid-March of that year", "DATE", "2011-03", "MID")),
    ("The decree, dated 22.03.2013, took effect on 2013/03/25, the ministry said.", "2013-03-26",
     ("22.03.2013", "DATE", "2013-03-22")),
    ("Elections were held on the fifth of November 2012.", "2013-03-21",
     ("the fifth of November 2012", "DATE", "2012-11-05")),
    # relative expressions
    ("The U.S. is unlikely to agree to today's proposal.", "2013-06-16", ("today", "DATE", "2013-06-16")),
    ("Pyongyang rejected the offer yesterday.", "2013-06-16", ("yesterday", "DATE", "2013-06-15")),
    ("Talks resume tomorrow in Geneva.", "2013-06-16", ("tomorrow", "DATE", "2013-06-17")),
    ("Kim's regime unilaterally scrapped plans for a meeting last week with South Korea.", "2013-06-16",
     ("last week", "DATE", "2013-W23")),
    ("Glyn Davies will hold talks with his Japanese and South Korean counterparts this week in Washington.",
     "2013-06-16", ("this week", "DATE", "2013-W24")),
    ("The sanctions take effect next month.", "2013-06-16", ("next month", "DATE", "2013-07")),
    ("The last such talks were held two years ago in Beijing.", "2013-06-16",
     ("two years ago", "DATE", "2011")),
    ("Exports fell 3 percent from a year ago.", "2013-03-22", ("a year ago", "DATE", "2012")),
    ("The rebels seized the town six months ago.", "2013-06-16", ("six months ago", "DATE", "2012-12")),
    ("Troops withdrew late last year.", "2013-06-16", ("late last year", "DATE", "2012", "END")),
    ("The flu season peaked by the end of year.", "2013-03-22", ("the end of year", "DATE", "2012", "END")),
    ("Talks collapsed in mid-January.", "2013-06-16", ("mid-January", "DATE", "2013-01", "MID")),
    ("The Senate voted 52-47 late Thursday to approve a budget for fiscal 2014.", "2013-03-21",
     ("late Thursday", "DATE", "2013-03-21", "END")),
    ("The Senate voted 52-47 late Thursday to approve a budget for fiscal 2014.", "2013-03-21",
     ("fiscal 2014", "DATE", "2014")),
    ("Hundreds of people protested over the weekend.", "2013-03-21", ("the weekend", "DATE", "2013-W11-WE")),
    # durations and modifiers
    ("North Korea proposed its first talks with the U.S. in more than a year.", "2013-06-16",
     ("a year", "DURATION", "P1Y", "MORE_THAN")),
    ("It would have been the first such inter-Korean dialogue in six years.", "2013-06-16",
     ("six years", "DURATION", "P6Y")),
    ("This is a strategic tactic to appear as if it is now ready to return to dialogue, after months of "
     "escalating tensions.", "2013-06-16", ("months", "DURATION", "PXM")),
    ("The season started about a month earlier than usual.", "2013-03-22",
     ("a month", "DURATION", "P1M", "APPROX")),
    ("Unemployment has risen for three consecutive months.", "2013-06-16",
     ("three consecutive months", "DURATION", "P3M")),
    ("Prices rose 20 percent over the past two years.", "2013-06-16",
     ("the past two years", "DURATION", "P2Y")),
    ("The siege lasted nearly two decades.", "2013-06-16", ("two decades", "DURATION", "P20Y", "LESS_THAN")),
    ("Negotiators talked for about three hours.", "2013-06-16",
     ("three hours", "DURATION", "PT3H", "APPROX")),
    ("The fighting has displaced thousands in recent weeks.", "2013-03-22",
     ("recent weeks", "DURATION", "PXW")),
    ("The hearing was suspended for half an hour.", "2013-06-16", ("half an hour", "DURATION", "PT30M")),
    ("The detainees were held for a year and a half.", "2013-06-16",
     ("a year and a half", "DURATION", "P18M")),
    # ranges of years: two TimeML dates
    ("A peace treaty would replace the armistice that ended the 1950-1953 Korean War.", "2013-06-16",
     ("1950", "DATE", "1950")),
    ("A peace treaty would replace the armistice that ended the 1950-1953 Korean War.", "2013-06-16",
     ("1953", "DATE", "1953")),
    # quarters, halves, seasons, decades, centuries
    ("The economy grew 1.8 percent in the first quarter.", "2013-06-16",
     ("the first quarter", "DATE", "2013-Q1")),
    ("Apple reported its fourth-quarter results on Thursday.", "2013-03-22",
     ("fourth-quarter", "DATE", "2012-Q4")),
    ("The Fed expects growth to pick up in the second half of 2013.", "2013-06-16",
     ("the second half of 2013", "DATE", "2013-H2")),
    ("Lowe joined the expedition last summer.", "2013-03-22", ("last summer", "DATE", "2012-SU")),
    ("The vaccine will be ready this spring.", "2013-03-22", ("this spring", "DATE", "2013-SP")),
    ("Inflation was high in the 1990s.", "2013-06-16", ("1990s", "DATE", "199")),
    ("He took part in two of the most important explorations of the 20th Century.", "2013-03-22",
     ("20th Century", "DATE", "19")),
    # times of day
    ("The World Cup qualifier with Russia has been postponed until 15:00 GMT Saturday due to heavy snow.",
     "2013-03-22", ("15:00 GMT Saturday", "TIME", "2013-03-23T15:00")),
    ("The vote is set for 3 p.m. on Tuesday.", "2013-06-16", ("3 p.m.", "TIME", "2013-06-18T15:00")),
    ("The earthquake struck at 2:46 p.m. local time on Friday.", "2011-03-12",
     ("2:46 p.m. local time", "TIME", "2011-03-11T14:46")),
    ("Obama will address the nation tonight.", "2013-06-16", ("tonight", "TIME", "2013-06-16TNI")),
    ("Police found the car on Sunday night.", "2013-06-16", ("Sunday night", "TIME", "2013-06-16TNI")),
    # vague references
    ("It is now ready to return to dialogue.", "2013-06-16", ("now", "DATE", "PRESENT_REF")),
    ("The agency is currently reviewing the data.", "2013-06-16", ("currently", "DATE", "PRESENT_REF")),
    ("Such talks have failed in the past.", "2013-06-16", ("the past", "DATE", "PAST_REF")),
    ("The two sides recently resumed contacts.", "2013-06-16", ("recently", "DATE", "PAST_REF")),
    ("Peace may come in the future.", "2013-06-16", ("the future", "DATE", "FUTURE_REF")),
    # sets
    ("The report is published annually.", "2013-06-16", ("annually", "SET", "XXXX")),
    ("Protesters gather every Tuesday outside the embassy.", "2013-06-16",
     ("every Tuesday", "SET", "XXXX-WXX-2")),
    ("The leaders meet twice a year.", "2013-06-16", ("twice a year", "SET", "XXXX")),
    # expressions anchored on another date in the text
    ("Xi met Obama in California on June 7. A day earlier, North Korea proposed talks with the South.",
     "2013-06-16", ("A day earlier", "DATE", "2013-06-06")),
    ("The envoy arrived in Seoul on May 20 and left two days later.", "2013-06-16",
     ("two days later", "DATE", "2013-05-22")),
    ("North Korea's June 6 suggestion came one day before Obama met Xi.", "2013-06-16",
     ("one day", "DURATION", "P1D")),
    # no publication date: absolute dates still resolve
    ("The armistice was signed on July 27, 1953.", None, ("July 27, 1953", "DATE", "1953-07-27")),
    ("The talks collapsed last year.", None, ("last year", "DATE", "XXXX")),
]


@pytest.mark.parametrize("sentence, published, expected", CASES)
def test_time_expression(times, sentence, published, expected):
    article = times(sentence, published)
    text, type_, value, *mod = expected
    found = [t for t in article.times if t.text == text]
    assert found, [(t.text, t.value) for t in article.times]
    t = found[0]
    assert (t.type, t.value) == (type_, value), t
    assert t.mod == (mod[0] if mod else None), t
    assert sentence[t.start:t.end] == t.text


@pytest.mark.parametrize("sentence", [
    "North Korea proposed its first talks with the U.S. to formally end the Korean War.",
    "Kim Jong Un may visit Beijing, a spokesman said.",
    "Thousands joined a march through the capital, and 2,000 people were detained.",
    "The children, ages 6 months and older, should be vaccinated.",
    "Raymond Roth, 48, was found by his 22-year-old son.",
    "After the fall of Saigon, the Arab Spring was a surprise.",
    "The polls closed, and 2008 people voted for the measure.",
    "Sat on the bench, he waited.",
])
def test_not_time_expressions(times, sentence):
    assert times(sentence, "2013-06-16").times == []


def test_anchored_expression_points_at_its_anchor(times):
    article = times("Xi met Obama in California on June 7. A day earlier, North Korea proposed talks.",
                    "2013-06-16")
    earlier = [t for t in article.times if t.text == "A day earlier"][0]
    assert earlier.anchor is not None and article.times[earlier.anchor].text == "June 7"


def test_measured_gap_points_at_the_date_it_counts_from(times):
    article = times("North Korea's June 6 suggestion to hold talks came one day before the U.S. President "
                    "Barack Obama met his Chinese counterpart Xi Jinping in California.", "2013-06-16")
    gap = [t for t in article.times if t.text == "one day"][0]
    assert (gap.type, gap.value) == ("DURATION", "P1D")
    assert gap.anchor is not None and article.times[gap.anchor].text == "June 6"
    assert "2013-06-07" in gap.why


def test_times_are_in_text_order_and_match_offsets(times):
    text = ("Park and Xi will hold their first summit in Beijing on June 27-30. Davies will hold talks this "
            "week, after a meeting last week and a rocket launch last year.")
    article = times(text, "2013-06-16")
    starts = [t.start for t in article.times]
    assert starts == sorted(starts)
    assert [t.value for t in article.times] == ["2013-06-27", "2013-W24", "2013-W23", "2012"]
    assert all(text[t.start:t.end] == t.text for t in article.times)


def test_extract_times_without_parse_uses_nearest_year():
    # no spaCy parse: no tense, so the nearest February to a June anchor
    found = extract_times("Tests were carried out in February.", dt.date(2013, 6, 16))
    assert [(t.text, t.value) for t in found] == [("February", "2013-02")]


@pytest.mark.parametrize("chunk, value", [
    ("22-Mar-2013", "2013-03-22"), ("Dec 2012", "2012-12"), ("Ides of March", None)])
def test_dateparser_fallback_for_absolute_dates(chunk, value):
    assert parse_absolute(chunk) == value


@pytest.mark.parametrize("sentence, published, text, value, end_value", [
    ("Park and Xi will hold their first summit meeting in Beijing on June 27-30.", "2013-06-16",
     "June 27-30", "2013-06-27", "2013-06-30"),
    ("The talks run from Dec. 30-Jan. 2 in Geneva, the mediators said.", "2013-12-01",
     "Dec. 30-Jan. 2", "2013-12-30", "2014-01-02"),
])
def test_range_of_days_keeps_its_last_day(times, sentence, published, text, value, end_value):
    found = [t for t in times(sentence, published).times if t.text == text]
    assert found, [(t.text, t.value) for t in times(sentence, published).times]
    assert (found[0].value, found[0].end_value) == (value, end_value)
    assert found[0].to_dict()["end_value"] == end_value


def test_single_day_has_no_end_value(times):
    t = times("Pope Francis will celebrate his first Easter on March 31.", "2013-03-21").times[0]
    assert t.end_value is None and "end_value" not in t.to_dict()
