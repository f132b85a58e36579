"""Calendar arithmetic and TIMEX3 value strings.

Pure functions on `datetime.date`: shifting by calendar units, choosing the
year of a date written without one, and turning a TIMEX3 value back into the
YYYY / YYYY-MM / YYYY-MM-DD date that event records carry.
"""

from __future__ import annotations

import datetime as dt
import re

Tense = str | None  # "past", "present", "future" or None (unknown)


def add_months(d: dt.date, n: int) -> dt.date:
    """`d` moved by `n` calendar months (day clamped to the month's length)."""
    m = d.month - 1 + n
    y, m = d.year + m // 12, m % 12 + 1
    for day in (d.day, 30, 29, 28):
        try:
            return dt.date(y, m, day)
        except ValueError:
            continue
    return dt.date(y, m, 28)


def week_value(d: dt.date) -> str:
    """The ISO week of `d` as TIMEX3: 2013-W24."""
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def shift_value(anchor: dt.date, unit: str, n: int) -> str:
    """The TIMEX3 value of the `unit` period `n` periods away from `anchor`.

    "last week" is shift_value(dct, "week", -1); "next year" is
    shift_value(dct, "year", 1). The granularity is the unit's own.
    """
    if unit == "day":
        return (anchor + dt.timedelta(days=n)).isoformat()
    if unit in ("week", "weekend"):
        v = week_value(anchor + dt.timedelta(weeks=n))
        return v + "-WE" if unit == "weekend" else v
    if unit == "month":
        return add_months(anchor, n).strftime("%Y-%m")
    if unit == "quarter":
        q = (anchor.month - 1) // 3 + n
        return f"{anchor.year + q // 4}-Q{q % 4 + 1}"
    if unit == "year":
        return f"{anchor.year + n:04d}"
    if unit == "decade":
        return f"{(anchor.year // 10 + n):03d}"
    if unit == "century":
        return f"{(anchor.year // 100 + n):02d}"
    raise ValueError(f"unknown calendar unit {unit!r}")


def unknown_value(unit: str) -> str:
    """An unresolved value of the unit's granularity (no anchor date)."""
    return {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX",
            "quarter": "XXXX-QX", "year": "XXXX", "decade": "XXX", "century": "XX"}.get(unit, "XXXX")


def year_for(month: int, day: int | None, anchor: dt.date, tense: Tense) -> int:
    """The year of a month (and day) written without one, seen from `anchor`.

    A past-tense sentence means the most recent such date on or before the
    anchor; a future one the next on or after it; otherwise the nearest.
    """
    here = (anchor.month, anchor.day if day is not None else 0)
    there = (month, day or 0)
    if tense == "past":
        return anchor.year - 1 if there > here else anchor.year
    if tense == "future":
        return anchor.year + 1 if there < here else anchor.year
    diff = month - anchor.month
    if tense == "present" and diff == 6:
        # a present-tense sentence naming a date half a year away is about a
        # schedule ("the fiscal year ends Sept. 30"), so the tie goes ahead
        return anchor.year
    if diff >= 6:  # otherwise a tie goes to the past: news mostly reports what has happened
        return anchor.year - 1
    if diff < -6:
        return anchor.year + 1
    return anchor.year


def weekday_date(weekday: int, anchor: dt.date, tense: Tense, shift: int | None = None) -> dt.date:
    """The date of a weekday (ISO number) seen from `anchor`.

    `shift` is -1 for "last Friday", +1 for "next Friday", 0 for "this Friday";
    without one the tense decides: past → on or before the anchor, future →
    after it, otherwise the nearest (the past wins ties, as news mostly
    reports what has happened).
    """
    back = (anchor.isoweekday() - weekday) % 7
    fwd = (weekday - anchor.isoweekday()) % 7
    if shift == 0:
        return anchor - dt.timedelta(days=anchor.isoweekday() - weekday)
    if shift is not None and shift < 0:
        return anchor - dt.timedelta(days=back or 7)
    if shift is not None and shift > 0:
        return anchor + dt.timedelta(days=fwd or 7)
    if tense == "future":  # "will meet on Friday" written on a Friday: that day
        return anchor + dt.timedelta(days=fwd)
    if tense == "past" or back <= 3:
        return anchor - dt.timedelta(days=back)
    return anchor + dt.timedelta(days=fwd)


_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"^(\d{4})-(\d{2})(?:$|[^\d])")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})")
_QUARTER = re.compile(r"^(\d{4})-(?:Q\d|H\d|SP|SU|FA|WI)")
_YEAR = re.compile(r"^(\d{4})$")


def event_value(value: str) -> str | None:
    """The schema date (YYYY, YYYY-MM or YYYY-MM-DD) a TIMEX3 value supports.

    A week gives its Monday; a quarter, half or season only its year; vague
    and unresolved values (PAST_REF, XXXX-...) give nothing.
    """
    if m := _DAY.match(value):
        return m.group(0)
    if m := _WEEK.match(value):
        try:
            return dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1).isoformat()
        except ValueError:
            return None
    if m := _MONTH.match(value):
        return f"{m.group(1)}-{m.group(2)}"
    if m := _QUARTER.match(value):
        return m.group(1)
    if _YEAR.match(value):
        return value
    return None


def parse_value_date(value: str) -> tuple[dt.date, str] | None:
    """A TIMEX3 value as (a date in it, its granularity), for arithmetic on it."""
    if m := _DAY.match(value):
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))), "day"
        except ValueError:
            return None
    if m := _WEEK.match(value):
        try:
            return dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1), "week"
        except ValueError:
            return None
    if m := _MONTH.match(value):
        if 1 <= int(m.group(2)) <= 12:
            return dt.date(int(m.group(1)), int(m.group(2)), 1), "month"
        return None
    if _YEAR.match(value):
        return dt.date(int(value), 1, 1), "year"
    return None
