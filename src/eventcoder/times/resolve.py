"""From pattern matches to TIMEX3 types and values.

`Resolver.accept` (from accept.py) decides whether a candidate is a time at
all; `Resolver.value` then values the chosen candidates in text order against the anchor (the
publication date), the tense of their clause, and the last date the text
mentioned (for "a day earlier", "that year", "the next day").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from eventcoder.model import TimeExpr
from eventcoder.times import values as V
from eventcoder.times.accept import NOUNISH_AFTER, Acceptor
from eventcoder.times.grammar import Candidate
from eventcoder.times.lexicon import Lexicon
from eventcoder.times.tense import tense_at

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc


# Calendar units from fine to coarse, to tell when a reference is too coarse.
_FINENESS = {"day": 1, "week": 2, "weekend": 2, "month": 3, "quarter": 4, "year": 5}


# A fractional quantity is written in the next smaller unit (TIMEX3 values are whole).
_SMALLER = {"Y": ("M", 12, False), "M": ("D", 30, False), "W": ("D", 7, False), "D": ("H", 24, True)}
_SMALLER_CLOCK = {"H": ("M", 60, True), "M": ("S", 60, True)}


@dataclass
class Resolved:
    """A valued expression before it becomes a `TimeExpr` (the span may shrink)."""

    start: int
    end: int
    type: str
    value: str
    mod: str | None = None
    anchored: bool = False  # resolved against a date in the text, not the anchor
    why: str = ""
    day_guessed: bool = False  # a clock time whose day was not written next to it
    end_value: str | None = None  # a range's last day ("June 27-30")


class Resolver(Acceptor):
    """Values the accepted candidates of one article."""

    def __init__(self, lex: Lexicon, text: str, dct: dt.date | None, doc: Doc | None) -> None:
        super().__init__(lex, text, dct, doc)
        self.ref: tuple[dt.date, str, int] | None = None  # last date in text, granularity, index
        self._ref_end = 0

    # --- valuing ------------------------------------------------------------
    def tense(self, c: Candidate) -> V.Tense:
        """The tense of the candidate's clause, sharpened by a preposition before it:
        "has until Monday" looks ahead, "since Monday" back."""
        tense = tense_at(self.doc, c.start, c.end)
        if tense in (None, "present"):
            prev = self._prev_words(c.start, 1)
            if prev in self.lex.words("future_prepositions"):
                return "future"
            if prev in self.lex.words("past_prepositions"):
                return "past"
        return tense

    def value(self, c: Candidate) -> list[Resolved]:
        """The candidate's TIMEX3 expressions: usually one, two for a range of years, none
        when it cannot be valued."""
        if c.kind == "year_range":
            return self._year_range(c, c.parts)
        fn = getattr(self, f"_v_{c.kind}")
        r: Resolved | None = fn(c, c.parts)
        if r is None:
            return []
        determined = re.match(r"(?i)(?:the|this|that|these|those|last|next|past)\b", self.text[c.start:c.end])
        if c.qmod and r.mod is None and not determined and (r.type == "DURATION" or c.kind == "ago"):
            r.mod = c.qmod
        return [r]

    def _r(self, c: Candidate, type_: str, value: str, why: str, **kw: Any) -> Resolved:
        return Resolved(c.start, c.end, type_, value, why=why, **kw)

    def _pos_mod(self, p: dict[str, str]) -> str | None:
        pos = p.get("pos") or p.get("pos2")
        return self.lex.lookup("position_mods", pos) if pos else None

    def _year(self, p: dict[str, str], month: int, day: int | None, c: Candidate) -> tuple[int | None, str]:
        if "y" in p:
            return int(p["y"]), "explicit year"
        that = " ".join(p.get("that", "").lower().split())
        if that in ("last", "this", "next") and self.dct is not None:  # "November of last year"
            return self.dct.year + self.lex.lookup("shifts", that), f"{that} year"
        if "that" in p:  # "in mid-March of that year"
            ref = self.reference(c.start)
            if ref is not None:
                step = {"the following": 1, "the previous": -1}.get(" ".join(p["that"].lower().split()), 0)
                return ref[0].year + step, "the year of the date before it"
        if self.dct is None:
            return None, "no anchor"
        shift = p.get("shift")
        if shift:
            n = self.lex.lookup("shifts", shift) or 0
            base = self.dct.year
            if n < 0:
                return (base - 1 if (month, day or 0) >= (self.dct.month, self.dct.day if day else 0)
                        else base), f"shift {shift}"
            if n > 0:
                return (base + 1 if (month, day or 0) <= (self.dct.month, self.dct.day if day else 0)
                        else base), f"shift {shift}"
            return base, f"shift {shift}"
        tense = self.tense(c)
        return V.year_for(month, day, self.dct, tense), f"year by tense: {tense or 'unknown'}"

    def _date(self, c: Candidate, p: dict[str, str], month: int, day: int | None) -> Resolved | None:
        if month is None or not 1 <= month <= 12:
            return None
        year, why = self._year(p, month, day, c)
        if day is not None:
            try:
                dt.date(year or 2000, month, day)
            except ValueError:
                return None
        y = f"{year:04d}" if year is not None else "XXXX"
        value = f"{y}-{month:02d}" + (f"-{day:02d}" if day is not None else "")
        return self._r(c, "DATE", value, why, mod=self._pos_mod(p))

    def _day(self, s: str) -> int:
        """A day of the month written "5", "5th" or "fifth"."""
        digits = re.sub(r"\D", "", s)
        if digits:
            return int(digits)
        words = [w.lower() for w in self.lex.words("day_ordinals")]
        return words.index(s.lower()) + 1 if s.lower() in words else 0

    def _v_iso(self, c: Candidate, p: dict[str, str]) -> Resolved | None:
        try:
            d = dt.date(int(p["y"]), int(p["m"]), int(p["d"]))
        except ValueError:
            return None
        if "h" in p:
            return self._r(c, "TIME", f"{d.isoformat()}T{p['h']}:{p['min']}", "ISO date-time")
        return self._r(c, "DATE", d.isoformat(), "ISO date")

    def _v_numeric(self, c: Candidate, p: dict[str, str]) -> Resolved | None:
        y = int(p["y"])
        if y < 100:
            y += 2000 if y <= (self.dct.year % 100 if self.dct else 30) + 1 else 1900
        try:
            d = dt.date(y, int(p["m"]), int(p["d"]))
        except ValueError:
            return None
        return self._r(c, "DATE", d.isoformat(), "numeric date")

    def _v_md_range(self, c: Candidate, p: dict[str, str]) -> Resolved | None:
        r = self._date(c, p, self.lex.month(p["month"]), self._day(p["d"]))
        if r is None:
            return None
        m1 = int(r.value[5:7])
        m2 = self.lex.month(p["month2"]) if "month2" in p else m1
        d2 = self._day(p["d2"])
        if m2 == m1 and d2 <= self._day(p["d"]):
            return None
        y = int(r.value[:4]) + (1 if m2 < m1 else 0)  # "Dec. 30-Jan. 2" ends in the next year
        try:
            last = dt.date(y, m2, d2)
        except ValueError:
            return None
        r.end_value = last.isoformat()
        r.why = f"range {r.value} to {r.end_value} ({r.why})"
        return r

    def _v_mdy(self, c: Candidate, p: dict[str, str]) -> Resolved | None:
        return self._date(c, p, self.lex.month(p["month"]), self._day(p["d"]))

    _v_dmy = _v_mdy

    def _v_my(self, c: Candidate, p: dict[str, str]) -> Resolved | None:
        return self._date(c, p, self.lex.month(p["month"]), None)

    _v_month = _v_my

    def _year_range(self, c: Candidate, p: dict[str, str]) -> list[Resolved]:
        """ "1950-1953" as two DATEs, TimeML-style; the second notes the range it closes."""
        y, y2 = int(p["y"]), p["y2"]
        end = int(y2) if len(y2) == 4 else y // 100 * 100 + int(y2)
        text = self.text[c.start:c.end]
        first_end = c.start + text.index(p["y"]) + len(p["y"])
        second_start = c.start + text.rindex(y2)
        return [Resolved(c.start, first_end, "DATE", f"{y:04d}", why=f"range {y} to {end}: start"),
                Resolved(second_start, c.end, "DATE", f"{end:04d}", why=f"range {y} to {end}: end")]

    def _v_year(self, c: Candidate, p: dict[str, str]) -> Resolved | None:
        why = "fiscal year" if "fiscal" in p else "explicit year"
        return self._r(c, "DATE", p["y"], why, mod=self._pos_mod(p))

    def _v_decade(self, c: Candidate, p: dict[str, str]) -> Resolved | None:
        if "dec" in p:
            value = p["dec"][:3]
        else:
            two = int(p["dec2"])
            century = 19 if not self.dct or two > self.dct.year % 100 else 20
            value = f"{century}{two // 10}"
        return self._r(c, "DATE", value, "decade", mod=self._pos_mod(p))

    def _v_century(self, c: Candidate, p: dict[str, str]) -> Resolved | None:
        ordinal = p["ord"].lower()
        n = self.lex.lookup("ordinals", ordinal)
        if n is None:
            n = int(re.sub(r"\D", "", ordinal) or 0)
        if not 1 <= n <= 30:
            return None
        return self._r(c, "DATE", f"{n - 1:02d}", "century", mod=self._pos_mod(p))

    def _day_part_value(self, day: str, part: str | None) -> tuple[str, str]:
        if not part:
            return "DATE", day
        code = self.lex.lookup("day_parts", part)
        return "TIME", f"{day}T{code}"

    def _v_weekday(self, c: Candidate, p: dict[str, str]) -> Resolved | None:
        wd = self.lex.weekday(p["wd"])
        if wd is None:
            return None
        if self.dct is None:
            t, v = self._day_part_value(f"XXXX-WXX-{wd}", p.get("part"))
            return self._r(c, t, v, "weekday without an anchor")
        shift = self.lex.lookup("shifts", p["shift"]) if "shift" in p else None
        tense = self.tense(c)
        d = V.weekday_date(wd, self.dct, tense, shift)
        t, v = self._day_part_value(d.isoformat(), p.get("part"))
        return self._r(c, t, v, f"weekday by {'shift' if shift is not None else 'tense: ' + str(tense)}",
                       mod=self._pos_mod(p))

    def _v_deictic(self, c: Candidate, p: dict[str, str]) -> Resolved | None:
        entry = self.lex.lookup("deictic_days", p["deictic"]) or {}
        if self.dct is None:
            day = "XXXX-XX-XX"
        else:
            day = (self.dct + dt.timedelta(days=entry.get("offset", 0))).isoformat()
        if "part" in p:
            t, v = self._day_part_value(day, p["part"])
        else:  # "tonight" carries its part of day in the data
            t, v = ("TIME", f"{day}T{entry['part']}") if entry.get("part") else ("DATE", day)
        return self._r(c, t, v, f"{p['deictic'].lower()} from the publication date")

    def _v_daypart(self, c: Candidate, p: dict[str, str]) -> Resolved | None:
        shift = p["shift"].lower()
        offset = {"this": 0, "last": -1, "yesterday": -1, "tomorrow": 1}[shift]
        if shift == "last" and p["part"].lower() not in ("night",):
            return None
        day = (self.dct + dt.timedelta(days=offset)).isoformat() if self.dct else "XXXX-XX-XX"
        t, v = self._day_part_value(day, p["part"])
        return self._r(c, t, v, "part of day")

    def _period(self, c: Candidate, unit: str, n: int, why: str, mod: str | None = None) -> Resolved:
        value = V.shift_value(self.dct, unit, n) if self.dct else V.unknown_value(unit)
        return self._r(c, "DATE", value, why, mod=mod)

    def _v_rel_period(self, c: Candidate, p: dict[str, str]) -> Resolved | None:
        unit = p["unit"].lower()
        shift = " ".join(p["shift"].lower().split())
        if shift in self.lex.words("duration_shifts") or (
                unit in self.lex.words("long_units") and shift.startswith("the ")):
            # "the past week", "over the next decade": the stretch up to or from now
            return self._r(c, "DURATION", self._duration_value(1, unit), f"{shift} {unit}")
        n = self.lex.lookup("shifts", shift)
        if n is None:
            return None
        return self._period(c, unit, int(n), f"{shift} {unit}", mod=self._pos_mod(p))

    def _v_pos_period(self, c: Candidate, p: dict[str, str]) -> Resolved | None:
        """ "the end of the year": this one, unless the tense says it is already over
        (past tense before it ends) or still ahead (future tense after it began)."""
        unit = p["unit"].lower()
        mod = self._pos_mod(p)
        tense = self.tense(c)
        n = 0
        if self.dct is not None and unit == "year":
            if tense == "past" and (mod == "END" or (mod == "MID" and self.dct.month < 6)):
                n = -1
            elif tense == "future" and mod == "START" and self.dct.month > 2:
                n = 1
        return self._period(c, unit, n, f"{p['pos'].lower()} the {unit} (tense: {tense})", mod=mod)

    def _v_season(self, c: Candidate, p: dict[str, str]) -> Resolved | None:
        code = self.lex.lookup("seasons", p["season"])
        first_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
        if "y" in p:
            year: int | None = int(p["y"])
        elif self.dct is None:
            year = None
        else:
            has_shift = "shift" in p and p["shift"].lower() != "the"
            shift = self.lex.lookup("shifts", p["shift"]) if has_shift else None
            cur_first = {12: 12, 1: 12, 2: 12}.get(self.dct.month, (self.dct.month // 3) * 3)
            in_season = first_month == cur_first
            if shift == 0 or (shift is None and in_season):
                year = self.dct.year if not (code == "WI" and self.dct.month <= 2) else self.dct.year - 1
            elif shift is not None and shift < 0:
                year = self.dct.year - 1 if first_month >= cur_first else self.dct.year
            elif shift is not None and shift > 0:
                year = self.dct.year + 1 if first_month <= cur_first else self.dct.year
            else:
                year = V.year_for(first_month, None, self.dct, self.tense(c))
        y = f"{year:04d}" if year is not None else "XXXX"
        return self._r(c, "DATE", f"{y}-{code}", "season", mod=self._pos_mod(p))

    def _v_quarter(self, c: Candidate, p: dict[str, str]) -> Resolved | None:
        if "q" in p:
            n, kind = int(p["q"][1]), "Q"
        else:
            n = self.lex.lookup("ordinals", p["ord"])
            kind = "Q" if p["qh"].lower() == "quarter" else "H"
            if n is None or n > (4 if kind == "Q" else 2):
                return None
            if "y" not in p and "shift" not in p and "same" not in p \
                    and re.match(r"\s+of\b", self.text[c.end:c.end + 4]):
                return None  # "the first half of the match"
        first_month = (n - 1) * (3 if kind == "Q" else 6) + 1
        if "shift" in p:
            year = (self.dct.year + (self.lex.lookup("shifts", p["shift"]) or 0)) if self.dct else None
        elif "y" in p:
            year = int(p["y"])
        elif self.dct is None:
            year = None
        elif first_month <= self.dct.month < first_month + (3 if kind == "Q" else 6):
            year = self.dct.year  # the quarter we are in: "first-quarter sales will beat forecasts"
        else:
            year = V.year_for(first_month, None, self.dct, self.tense(c))
        y = f"{year:04d}" if year is not None else "XXXX"
        return self._r(c, "DATE", f"{y}-{kind}{n}", "quarter" if kind == "Q" else "half-year")

    def _number(self, p: dict[str, str]) -> float | None:
        """The quantity of a duration; None when absent or vague ("several")."""
        return self.lex.number(p["num"]) if "num" in p else None

    def _duration_value(self, n: float | None, unit_word: str) -> str:
        found = self.lex.unit(unit_word)
        if found is None:
            return "PX"
        name, entry = found
        code = entry["code"]
        if n is None:
            code = entry.get("vague", code)
            return f"PTX{code}" if entry.get("clock") else f"PX{code}"
        if name == "quarter":
            n, code = n * 3, "M"
        else:
            n = n * entry.get("times", 1)
        clock = bool(entry.get("clock"))
        smaller = _SMALLER_CLOCK if clock else _SMALLER
        if n % 1 and code in smaller:  # "half an hour" is PT30M, "a year and a half" P18M
            code, factor, clock = smaller[code]
            n = n * factor
        num = f"{n:g}"
        return f"PT{num}{code}" if clock else f"P{num}{code}"

    def _v_duration(self, c: Candidate, p: dict[str, str]) -> Resolved | None:
        n = self._number(p)
        text = self.text[c.start:c.end].lower()
        if n is not None and "and a half" in text:
            n += 0.5
        value = self._duration_value(n, p["unit"])
        det = re.match(r"(?i)the\s+(?=\S+-)", self.text[c.start:c.end])
        rest = self.text[c.start + det.end():c.end].lower() if det else ""
        if det and "num" in p and rest == f"{p['num']}-{p['unit']}".lower():
            # "the two-day meeting": the duration modifies a noun, the article is the noun's
            return Resolved(c.start + det.end(), c.end, "DURATION", value, why="duration (modifier)")
        return self._r(c, "DURATION", value, "duration")

    def _v_ago(self, c: Candidate, p: dict[str, str]) -> Resolved | None:
        direction = " ".join(p["dir"].lower().split())
        n = self._number(p)
        found = self.lex.unit(p["unit"])
        if found is None:
            return None
        unit, entry = found
        after = self.text[c.end:c.end + 12]
        # "a month earlier than usual", "one day before Obama met Xi": a duration
        # measured to something named after it; the span drops the direction word
        if (direction in ("before", "after") and NOUNISH_AFTER.match(after)) or \
                re.match(r"\s+than\b", after):
            end = c.start + self.text[c.start:c.end].lower().rfind(direction.split()[0])
            while end > c.start and self.text[end - 1].isspace():
                end -= 1
            return Resolved(c.start, end, "DURATION", self._duration_value(n, p["unit"]),
                            why=f"duration {direction} a later-named event")
        sign = -1 if direction in self.lex.words("before_anchor") else 1
        if n is None:
            return self._r(c, "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", f"vague {direction}")
        cal_unit = {"decade": "year", "century": "year", "fortnight": "week", "night": "day",
                    "weekend": "week"}.get(unit, unit)
        steps = int(round(n * entry.get("times", 1)))
        if entry.get("clock"):
            return self._clock_offset(c, steps, unit, sign, direction)
        anchored = direction not in ("ago", "from now", "hence")
        base = self.dct
        why = f"{direction} from the publication date"
        idx = None
        ref = self.reference(c.start) if anchored else None
        if ref is not None:
            base, _, idx = ref
            why = f"{direction} from the date before it"
        if base is None:
            return self._r(c, "DATE", V.unknown_value(cal_unit), why)
        return self._r(c, "DATE", V.shift_value(base, cal_unit, sign * steps), why, anchored=idx is not None)

    def _clock_offset(self, c: Candidate, steps: int, unit: str, sign: int, direction: str) -> Resolved:
        if self.dct is None:
            return self._r(c, "TIME", "XXXX-XX-XXTXX:XX", f"{direction} without an anchor")
        if unit == "hour" and steps >= 24:
            d = self.dct + dt.timedelta(days=sign * (steps // 24))
            return self._r(c, "DATE", d.isoformat(), f"{direction} from the publication date")
        return self._r(c, "DATE", self.dct.isoformat(), f"{direction} from the publication date")

    def _v_set(self, c: Candidate, p: dict[str, str]) -> Resolved | None:
        if "set" in p:
            v = self.lex.lookup("sets", p["set"])
            return self._r(c, "SET", v, "frequency word") if v else None
        if "wd" in p:
            return self._r(c, "SET", f"XXXX-WXX-{self.lex.weekday(p['wd'])}", "every weekday")
        if "season" in p:
            return self._r(c, "SET", f"XXXX-{self.lex.lookup('seasons', p['season'])}", "every season")
        n = self._number(p)
        unit = self.lex.unit(p["unit"])
        if unit is None:
            return None
        if n is None and "other" not in p:
            v = {"year": "XXXX", "month": "XXXX-XX", "week": "XXXX-WXX", "day": "XXXX-XX-XX",
                 "night": "XXXX-XX-XXTNI", "quarter": "XXXX-QX", "weekend": "XXXX-WXX-WE"}.get(
                unit[0], self._duration_value(1, p["unit"]))
            return self._r(c, "SET", v, "frequency")
        return self._r(c, "SET", self._duration_value((n or 1) * (2 if "other" in p else 1), p["unit"]),
                       "frequency")

    def _v_time(self, c: Candidate, p: dict[str, str]) -> Resolved | None:
        if "clock" in p:
            hhmm = self.lex.lookup("clock_words", p["clock"])
        else:
            h = int(p["h"])
            ampm = p.get("ampm", "").lower().replace(".", "")
            if ampm == "pm" and h < 12:
                h += 12
            elif ampm == "am" and h == 12:
                h = 0
            hhmm = f"{h:02d}:{p.get('min', '00')}"
        ref = self.reference(c.start)
        if ref is not None and ref[1] == "day":
            day, why = ref[0].isoformat(), "clock time on the last day named"
        else:
            day, why = (self.dct.isoformat() if self.dct else "XXXX-XX-XX"), "clock time on the anchor day"
        return self._r(c, "TIME", f"{day}T{hhmm}", why, day_guessed=True)

    def _v_parsed(self, c: Candidate, p: dict[str, str]) -> Resolved | None:
        return self._r(c, "DATE", p["value"], "spaCy DATE entity read by dateparser")

    def _v_holiday(self, c: Candidate, p: dict[str, str]) -> Resolved | None:
        month, day = self.lex.lookup("holidays", p["hol"])
        return self._date(c, p, month, day)

    def _v_vague(self, c: Candidate, p: dict[str, str]) -> Resolved | None:
        return self._r(c, "DATE", self.lex.lookup("vague_refs", p["vague"]), "vague reference")

    def _v_anaphoric(self, c: Candidate, p: dict[str, str]) -> Resolved | None:
        unit = p["unit"].lower()
        word = " ".join((p.get("ana") or p.get("dir") or "").lower().split())
        if "inside" in p:  # "earlier in the day": the span is "the day", the day of the last date
            c = Candidate(c.start + len(p["inside"]), c.end, c.kind, {}, c.priority)
            while self.text[c.start].isspace():
                c.start += 1
        elif word in ("before", "after") and NOUNISH_AFTER.match(self.text[c.end:c.end + 12]):
            return self._event_relative(c, unit)
        offset = {"that": 0, "the same": 0, "the next": 1, "the following": 1, "after": 1, "later": 1,
                  "the previous": -1, "the preceding": -1, "before": -1, "earlier": -1}.get(word, 0)
        part = None
        if unit in ("morning", "afternoon", "evening", "night"):
            part, unit = unit, "day"
        ref = self.reference(c.start)
        base = ref[0] if ref else self.dct
        if base is None:
            return self._r(c, "DATE", V.unknown_value(unit), "anaphoric, no anchor")
        if ref and _FINENESS.get(unit, 0) < _FINENESS.get(ref[1], 0):
            # "that day" after "in June": the day is not known, only its year
            value = f"{base.year:04d}-XX-XX" if unit == "day" else f"{base.year:04d}-XX"
        else:
            value = V.shift_value(base, unit, offset)
        t, v = self._day_part_value(value, part) if part else ("DATE", value)
        return self._r(c, t, v, "relative to the date before it" if ref else "relative to publication",
                       anchored=ref is not None)

    def _event_relative(self, c: Candidate, unit: str) -> Resolved | None:
        """ "the day before the son reported him": a day next to an event the text names,
        so only its year is known: that of the last date named, however far back, as a
        story told in the past keeps its year (else publication)."""
        end = c.start + self.text[c.start:c.end].lower().rfind(unit) + len(unit)
        base = self.ref[0] if self.ref else self.dct
        year = f"{base.year:04d}" if base else "XXXX"
        value = {"day": f"{year}-XX-XX", "week": f"{year}-WXX", "month": f"{year}-XX"}.get(unit)
        if value is None:
            return None
        return Resolved(c.start, end, "DATE", value, why="a day next to an event named after it")

    def _v_weekend(self, c: Candidate, p: dict[str, str]) -> Resolved | None:
        if self.dct is None:
            return self._r(c, "DATE", "XXXX-WXX-WE", "weekend")
        tense = self.tense(c)
        n = -1 if tense == "past" and self.dct.isoweekday() < 6 else (1 if tense == "future" and
                                                                      self.dct.isoweekday() >= 6 else 0)
        return self._r(c, "DATE", V.shift_value(self.dct, "weekend", n), f"weekend by tense: {tense}")

    # --- bookkeeping ---------------------------------------------------------
    def note(self, r: Resolved, index: int) -> None:
        """Remember a concrete date as the reference for later anaphora."""
        if r.type in ("DATE", "TIME") and not r.anchored:
            parsed = V.parse_value_date(r.value)
            if parsed is not None and parsed[1] in ("day", "month", "year", "week"):
                self.ref = (parsed[0], parsed[1], index)
                self._ref_end = r.end

    def reference(self, start: int) -> tuple[dt.date, str, int] | None:
        """The date "a day earlier" at `start` leans on: the last one named in this or
        the previous sentence (further back, the publication date is the safer anchor)."""
        if self.ref is None:
            return None
        between = self.text[self._ref_end:start]
        if len(re.findall(r"[.!?][\"”’']?\s+(?=[A-Z\"“‘])|\n", between)) > 1:
            return None
        return self.ref

    def to_expr(self, r: Resolved) -> TimeExpr:
        """The public `TimeExpr` for a resolved expression."""
        anchor = self.ref[2] if r.anchored and self.ref else None
        return TimeExpr(self.text[r.start:r.end], r.start, r.end, r.type, r.value,  # type: ignore[arg-type]
                        mod=r.mod, anchor=anchor, why=r.why, end_value=r.end_value)
