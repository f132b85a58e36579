"""Calendar arithmetic behind the TIMEX3 values (no parse needed)."""

from __future__ import annotations

import datetime as dt

import pytest

from eventcoder.times import values as V

SUNDAY = dt.date(2013, 6, 16)  # the seed article's publication date
FRIDAY = dt.date(2013, 3, 22)  # the TempEval-3 documents' creation date


@pytest.mark.parametrize("unit, n, value", [
    ("week", 0, "2013-W24"), ("week", -1, "2013-W23"), ("weekend", 0, "2013-W24-WE"),
    ("month", -1, "2013-05"), ("month", 7, "2014-01"), ("quarter", 0, "2013-Q2"), ("quarter", -2, "2012-Q4"),
    ("year", -1, "2012"), ("day", -1, "2013-06-15"), ("decade", 0, "201"), ("century", 0, "20"),
])
def test_shift_value(unit, n, value):
    assert V.shift_value(SUNDAY, unit, n) == value


@pytest.mark.parametrize("month, day, tense, year", [
    (2, None, "past", 2013), (12, None, "past", 2012), (2, None, "future", 2014), (9, None, "future", 2013),
    (6, 20, "past", 2012), (6, 10, "future", 2014), (1, None, None, 2013), (12, None, None, 2012),
])
def test_year_for_a_date_without_one(month, day, tense, year):
    assert V.year_for(month, day, SUNDAY, tense) == year


@pytest.mark.parametrize("weekday, tense, shift, date", [
    (5, "past", None, "2013-03-22"),    # "said Friday" on a Friday: that day
    (5, "future", None, "2013-03-22"),  # "will meet Friday" on a Friday: that day
    (1, "past", None, "2013-03-18"), (1, "future", None, "2013-03-25"),
    (6, None, None, "2013-03-23"),      # no tense: the nearest
    (4, None, None, "2013-03-21"),
    (5, None, -1, "2013-03-15"), (5, None, 1, "2013-03-29"), (1, None, 0, "2013-03-18"),
])
def test_weekday_date(weekday, tense, shift, date):
    assert V.weekday_date(weekday, FRIDAY, tense, shift).isoformat() == date


@pytest.mark.parametrize("value, date", [
    ("2013-05-24", "2013-05-24"), ("2013-06-16T14:00", "2013-06-16"), ("2013-W23", "2013-06-03"),
    ("2013-02", "2013-02"), ("2012", "2012"), ("2013-Q2", "2013"), ("2012-SU", "2012"),
    ("PAST_REF", None), ("XXXX-WXX-2", None), ("P1Y", None), ("199", None),
])
def test_event_value(value, date):
    assert V.event_value(value) == date
