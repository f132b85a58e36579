"""`eventcoder eval actors`: source and target actor codes against gold data.

Two development sets are read (both from ../shared/data unless --gold says
otherwise):

* the PLOVER GSR (JSON): each record marks its source and target actors in
  the sentence (`actorText`) with a country code and a sector. We find that
  text in the sentence, code the noun phrase it belongs to with the actors
  stage (`actor_for_token`), and compare. The gold text often marks only
  the distinguishing word of the phrase ("Senior (Hungarian) officials" is
  HUNGOV), so the phrase is the one the marked words modify; a marked word
  with a country of its own keeps that country ("Romanian" in "Hungarian
  and Romanian officials" is ROUGOV).
* the PETRARCH-2 validation file (XML): its records give source and target
  codes but not the actor text (and were produced by PETRARCH-2, not by
  people). A gold code counts as found when some actor mention the stage
  finds in the sentence has it; a gold country "---" (unknown) is scored on
  the sector alone. This is an upper bound on attribution, a measure of
  coverage.

Country accuracy compares the country part (ISO3, or the IGO/NGO/IMG
prefix when the gold gives only that); country+sector also compares the
first sector (gold "CIV" and "JRN" are CAMEO's older names of CVL and MED;
"***" and an empty sector mean none).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from eventcoder.evaluate import COUNTRY_ALIASES, report_console, shared_data

DEFAULT_GOLD = ("plover/plover-gsr-dev.json", "petr2-gsr/PETR2_GSR_validation.xml")
SECTOR_ALIASES = {"CIV": "CVL", "JRN": "MED"}
# Codes of the GSR that are not ISO 3166 alpha-3 (CAMEO's older spellings).
ORG_PREFIXES = ("IGO", "NGO", "IMG")


@dataclass
class GoldActor:
    """One gold actor: its text (may be empty), country and sector."""

    text: str
    country: str | None
    sector: str | None
    role: str  # "source" or "target"
    at: tuple[int, int] | None = None  # where the markup puts it in the text


@dataclass
class GoldRecord:
    """A gold sentence with its actors."""

    id: str
    text: str
    published: dt.date | None
    actors: list[GoldActor] = field(default_factory=list)


@dataclass
class Score:
    """Counts for one data set."""

    name: str
    n_country: int = 0
    ok_country: int = 0
    n_full: int = 0
    ok_full: int = 0
    misses: list[tuple[str, str, str, str]] = field(default_factory=list)  # id, gold text, gold, ours

    def add(self, country_ok: bool | None, full_ok: bool, miss: tuple[str, str, str, str]) -> None:
        if country_ok is not None:
            self.n_country += 1
            self.ok_country += country_ok
        self.n_full += 1
        self.ok_full += full_ok
        if not full_ok:
            self.misses.append(miss)


def _norm_country(code: str | None) -> str | None:
    if not code or code.startswith("---"):
        return None
    code = code.upper()
    if code.startswith(ORG_PREFIXES):
        return code[:3]
    return COUNTRY_ALIASES.get(code[:3], code[:3])


def _norm_sector(sector: str | None) -> str | None:
    if not sector:
        return None
    from eventcoder.actors.codes import SECTORS

    sector = sector.strip()[:3].upper()
    sector = SECTOR_ALIASES.get(sector, sector)
    return sector if sector in SECTORS else None


def _split_gold_code(code: str) -> tuple[str | None, str | None]:
    code = code.strip().upper()
    if code.startswith(ORG_PREFIXES):
        return code[:3], _norm_sector(code[6:9])
    return _norm_country(code), _norm_sector(code[3:6])


# --- reading the gold files -------------------------------------------------------
def read_plover(path: Path) -> list[GoldRecord]:
    """Records of the PLOVER GSR JSON file (the header record is skipped)."""
    records = []
    for rec in json.loads(path.read_text(encoding="utf-8")):
        if not rec.get("text"):
            continue
        try:
            published = dt.date.fromisoformat(rec.get("date", ""))
        except ValueError:
            published = None
        gold = GoldRecord(rec["id"], rec["text"], published)
        marked = _marked_spans(rec.get("textInfo", {}).get("markup", ""), rec["text"])
        for role in ("source", "target"):
            value = rec.get(role)
            for a in value if isinstance(value, list) else []:
                if isinstance(a, dict) and a.get("actorText") and a.get("code"):
                    text = a["actorText"].strip()
                    gold.actors.append(GoldActor(text, _norm_country(a["code"]),
                                                 _norm_sector(a.get("sector")), role,
                                                 _take(marked, text, role)))
        records.append(gold)
    return records


def _marked_spans(markup: str, text: str) -> list[tuple[str, str, int, int]]:
    """(label, text, start, end) of each "(SRC: ...)" / "(TAR: ...)" in the markup.

    Offsets are into the plain text the markup gives, which must equal the
    record's text; otherwise nothing is returned and the text is searched.
    """
    spans: list[tuple[str, str, int, int]] = []
    plain: list[str] = []
    i = 0
    pos = 0
    while i < len(markup):
        m = re.match(r"\((SRC/TAR|SRC|TAR|EVT): ", markup[i:])
        if m is None:
            plain.append(markup[i])
            pos += 1
            i += 1
            continue
        depth, j = 1, i + m.end()
        while j < len(markup) and depth:
            depth += {"(": 1, ")": -1}.get(markup[j], 0)
            j += 1
        inner = markup[i + m.end():j - 1]
        spans.append((m.group(1), inner, pos, pos + len(inner)))
        plain.append(inner)
        pos += len(inner)
        i = j
    return spans if "".join(plain) == text else []


def _take(marked: list[tuple[str, str, int, int]], text: str, role: str) -> tuple[int, int] | None:
    want = " ".join(text.split())
    tag = "SRC" if role == "source" else "TAR"
    for k, (label, inner, start, end) in enumerate(marked):
        if tag in label and " ".join(inner.split()) == want:
            if label != "SRC/TAR":
                del marked[k]
            return start, end
    return None


_SENT_RE = re.compile(r"<Sentence ([^>]*)/>(.*?)<Text>(.*?)</Text>", re.S)


def read_petr2(path: Path) -> list[GoldRecord]:
    """Records of the PETRARCH-2 validation XML (codes only, no actor text)."""
    records = []
    for m in _SENT_RE.finditer(path.read_text(encoding="utf-8")):
        attrs = dict(re.findall(r'(\w+)="([^"]*)"', m.group(1)))
        text = " ".join(m.group(3).split())
        if not text:
            continue
        try:
            published = dt.datetime.strptime(attrs.get("date", ""), "%Y%m%d").date()
        except ValueError:
            published = None
        gold = GoldRecord(attrs.get("id", "?"), text, published)
        for src, tgt in re.findall(r'sourcecode="([^"]*)" targetcode="([^"]*)"', m.group(2)):
            for code, role in ((src, "source"), (tgt, "target")):
                country, sector = _split_gold_code(code)
                gold.actors.append(GoldActor("", country, sector, role))
        records.append(gold)
    return records


# --- coding ---------------------------------------------------------------------------------
def _find(text: str, needle: str) -> tuple[int, int] | None:
    """Character range of the gold actor text; "U.S. ... negotiators" spans its parts."""
    parts = [p.strip() for p in re.split(r"\.{2,}", needle) if p.strip()]
    if not parts:
        return None
    pos = 0
    start = end = None
    for part in parts:
        i = text.find(part, pos)
        if i < 0:
            i = text.lower().find(part.lower(), pos)
        if i < 0 and " " in part:  # "US forces" marking "US and British forces"
            gapped = re.search(r"\b" + r"\b.{0,40}?\b".join(map(re.escape, part.split())) + r"\b",
                               text[pos:])
            if gapped is not None:
                start = pos + gapped.start() if start is None else start
                end = pos = pos + gapped.end()
                continue
        if i < 0:
            return None
        start = i if start is None else start
        end = i + len(part)
        pos = end
    assert start is not None and end is not None
    return start, end


def code_gold_span(article, start: int, end: int, role: str = "source"):
    """(country, sector) that the stage gives the phrase the gold text marks.

    A place that is a target stands for its people (`place_as_target`), as
    the events stage codes it.
    """
    from eventcoder.actors import actor_for_token, place_as_target
    from eventcoder.actors.codes import split_code

    span = article.span(start, end)
    if span is None or not len(span):
        return None, None
    # The phrase's head: of the words whose head lies outside the gold text, the
    # one nearest the root, and the last of those (English noun phrases are
    # head-final: "Israeli police", "al-Qaeda").
    tops = [t for t in span if not t.is_punct and not (span.start <= t.head.i < span.end)]
    if tops:
        least = min(_depth(t) for t in tops)
        head = [t for t in tops if _depth(t) == least][-1]
    else:
        head = span.root
    while head.dep_ in ("amod", "compound", "nmod", "conj") and head.head.i != head.i:
        here = actor_for_token(article, head)
        if here is not None and here.sector and here.country or actor_for_token(article, head.head) is None:
            break
        head = head.head
    phrase = actor_for_token(article, head)
    if phrase is not None and role == "target":
        phrase = place_as_target(phrase)
    # Country words inside the gold text itself ("Russian" in "U.S. and Russian negotiators").
    own = [(t, a) for t in span if (a := actor_for_token(article, t)) is not None
           and a.kind in ("country", "group") and a.country and not a.sector]
    if phrase is None:
        inner = [a for t in span if (a := actor_for_token(article, t)) is not None and a.code]
        if not inner:
            return None, None
        return _norm_country(split_code(inner[0].code)[0]), split_code(inner[0].code)[1]
    country, sector = split_code(phrase.code)
    if own and (country is None or any(t.dep_ == "conj" for t, _ in own)):
        country = own[0][1].country
    return _norm_country(country), sector


def _depth(tok) -> int:
    depth = 0
    while tok.head.i != tok.i and depth < 50:
        tok = tok.head
        depth += 1
    return depth


def _ours(country: str | None, sector: str | None) -> str:
    return f"{country or '---'}{sector or ''}"


def score_plover(pipeline, records: list[GoldRecord], name: str) -> Score:
    """Align each gold actor text and compare codes."""
    from eventcoder.model import Article

    score = Score(name)
    for rec in records:
        article = pipeline(Article(text=rec.text, published=rec.published))
        for g in rec.actors:
            where = g.at or _find(rec.text, " ".join(g.text.split()))
            country, sector = code_gold_span(article, *where, g.role) if where else (None, None)
            gold = _ours(g.country, g.sector)
            country_ok = None if g.country is None else country == g.country
            score.add(country_ok, bool(country_ok is not False and sector == g.sector),
                      (rec.id, g.text, gold, _ours(country, sector)))
    return score


def score_petr2(pipeline, records: list[GoldRecord], name: str) -> Score:
    """Is each gold code among the codes of the sentence's actor mentions?"""
    from eventcoder.actors import place_as_target
    from eventcoder.actors.codes import split_code
    from eventcoder.model import Article

    score = Score(name)
    for rec in records:
        if not rec.actors:
            continue
        article = pipeline(Article(text=rec.text, published=rec.published))
        found = set()
        for m in article.mentions:
            country, sector = split_code(m.code)
            found.add((_norm_country(country), sector))
        as_targets = {(_norm_country(m.country), "CVL") for m in article.mentions
                      if place_as_target(m) is not m}
        for g in rec.actors:
            gold = _ours(g.country, g.sector)
            if g.country is None:
                ok = any(s == g.sector for _, s in found)
                score.add(None, ok, (rec.id, g.role, gold, ", ".join(sorted(_ours(*f) for f in found))))
                continue
            pool = found | as_targets if g.role == "target" else found
            country_ok = any(c == g.country for c, _ in pool)
            full_ok = (g.country, g.sector) in pool
            score.add(country_ok, full_ok,
                      (rec.id, g.role, gold, ", ".join(sorted(_ours(*f) for f in found))))
    return score


# --- reporting ---------------------------------------------------------------------------------
def _ratio(ok: int, n: int) -> str:
    return f"{ok / n:.3f} ({ok}/{n})" if n else "-"


def _print(scores: list[Score], seconds: float) -> None:
    from rich.table import Table

    console = report_console()
    table = Table(title="Actor coding accuracy (source and target actors)")
    for col in ("data set", "actors", "country", "country+sector"):
        table.add_column(col)
    total = Score("overall")
    for s in scores:
        table.add_row(s.name, str(s.n_full), _ratio(s.ok_country, s.n_country), _ratio(s.ok_full, s.n_full))
        total.n_country += s.n_country
        total.ok_country += s.ok_country
        total.n_full += s.n_full
        total.ok_full += s.ok_full
    table.add_row("overall", str(total.n_full), _ratio(total.ok_country, total.n_country),
                  _ratio(total.ok_full, total.n_full), style="bold")
    console.print(table)
    for s in scores:
        if not s.misses:
            continue
        misses = Table(title=f"{s.name}: first misses (country+sector)")
        for col in ("record", "gold text / role", "gold", "ours"):
            misses.add_column(col, overflow="fold")
        for row in s.misses[:25]:
            misses.add_row(*row)
        console.print(misses)
    console.print(f"[dim]{seconds:.1f} s[/dim]")


def main(gold_paths: list[str]) -> int:
    """Score the stage on the gold files (default: both development sets); print rich tables."""
    from eventcoder.pipeline import Pipeline
    from eventcoder.settings import Settings

    paths = [Path(p) for p in gold_paths] or [shared_data() / p for p in DEFAULT_GOLD]
    missing = [p for p in paths if not p.is_file()]
    if missing:
        from rich.console import Console

        Console(stderr=True).print(f"eventcoder: no such gold file: {', '.join(map(str, missing))}")
        return 1
    pipeline = Pipeline(Settings(stages=("nlp", "actors")))
    t0 = time.perf_counter()
    scores = []
    for path in paths:
        if path.suffix.lower() == ".xml":
            scores.append(score_petr2(pipeline, read_petr2(path), path.name))
        else:
            scores.append(score_plover(pipeline, read_plover(path), path.name))
    _print(scores, time.perf_counter() - t0)
    return 0
