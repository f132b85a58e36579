"""`eventcoder eval events`: PLOVER event-type scores of `classify`, and of `code` end to end.

Two gold formats are read:

- the PLOVER GSR JSON (a list of records, the first a DOCUMENT header; labels use the
  2016 PLOVER set, mapped to the 2021 one: DEMAND→REQUEST, DISAPPROVE and INVESTIGATE→
  ACCUSE, FIGHT→ASSAULT), with the source and target actors' text;
- the PETRARCH-2 validation XML (Sentence / EventCoding / Text elements after a block of
  non-XML comment lines, so it is read with a lenient scan rather than an XML parser);
  CAMEO codes map to PLOVER through the codebook, and 01x statements, which have no
  PLOVER event, are skipped.

CONCEDE, RETREAT and YIELD are scored as one class, YIELD. `classify` is scored on the
type alone; `code` is scored on events, a gold event matching a predicted one when type,
source country and target country agree.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from eventcoder.evaluate import COUNTRY_ALIASES, report_console, shared_data

#: 2016 PLOVER names in the GSR, and the 2021 split of YIELD, as scored here.
SCORED_AS = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT",
             "CONCEDE": "YIELD", "RETREAT": "YIELD"}
TYPES = ("AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "YIELD", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
EventKey = tuple[str, str | None, str | None]


def scored(label: str | None) -> str | None:
    """The class a label is scored as (2016 names mapped, CONCEDE/RETREAT merged)."""
    return SCORED_AS.get(label, label) if label else None


@dataclass
class GoldSentence:
    """One gold sentence: its text, actors' text, the type to classify and the events."""

    id: str
    text: str
    plover: str
    source: str | None = None
    target: str | None = None
    date: str | None = None
    events: list[EventKey] = field(default_factory=list)


def _country(code: Any) -> str | None:
    """The country part of a CAMEO actor code ("USAGOV" -> "USA"; "---REB" -> None).

    IGOs compare on their first three letters too ("IGOUNO" -> "IGO"), as the gold codes
    of the two sets name IGOs at different depths."""
    if not isinstance(code, str) or len(code) < 3 or code.startswith("-"):
        return None
    return COUNTRY_ALIASES.get(code[:3].upper(), code[:3].upper())


def _actors(value: Any) -> list[dict[str, Any]]:
    return [a for a in value if isinstance(a, dict)] if isinstance(value, list) else []


def load_plover_gsr(path: Path) -> list[GoldSentence]:
    """The PLOVER GSR JSON: skip the DOCUMENT header, map labels to the scored set."""
    records = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for rec in records:
        event = rec.get("event")
        if not event or event == "DOCUMENT" or not rec.get("text"):
            continue
        sources, targets = _actors(rec.get("source")), _actors(rec.get("target"))
        label = scored(event)
        markup = (rec.get("textInfo") or {}).get("markup", "")
        if not targets and len(sources) > 1 and "SRC/TAR" in markup:
            # "X and Y agreed": each party is the other's target (one event each way).
            events = [(label, _country(s.get("code")), _country(t.get("code")))
                      for s in sources for t in sources if s is not t]
        else:
            events = [(label, _country(s.get("code")), _country(t.get("code")) if t else None)
                      for s in sources or [{}] for t in (targets or [None])]
        out.append(GoldSentence(
            id=rec.get("id", ""), text=rec["text"], plover=label,
            source=sources[0].get("actorText") if sources else None,
            target=targets[0].get("actorText") if targets else None,
            date=rec.get("date"), events=events))
    return out


def _cameo_to_plover() -> Any:
    """CAMEO code -> PLOVER type, through the shared codebook."""
    from eventcoder.events.codebook import Codebook

    book = Codebook.load()

    def lookup(code: str) -> str | None:
        if code.startswith("01"):
            return None
        if code.startswith("02"):
            return "REQUEST"
        found = book.plover(code)
        return found.event if found else None

    return lookup


_SENTENCE = re.compile(r"<Sentence\b([^>]*)>(.*?)(?=<Sentence\b|</Sentences>|\Z)", re.S)
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)
_CODING = re.compile(r"<EventCoding\b([^>]*)/?>")


def _petr_date(value: str) -> str | None:
    try:
        return dt.datetime.strptime(value, "%Y%m%d").date().isoformat()
    except ValueError:
        return None


def load_petr2(path: Path) -> list[GoldSentence]:
    """The PETRARCH-2 validation records with at least one PLOVER-mapped event."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    to_plover = _cameo_to_plover()
    out = []
    for m in _SENTENCE.finditer(raw):
        attrs = dict(_ATTR.findall(m.group(1)))
        text_m = _TEXT.search(m.group(2))
        if not text_m:
            continue
        events: list[EventKey] = []
        for coding in _CODING.finditer(m.group(2)):
            c = dict(_ATTR.findall(coding.group(1)))
            label = scored(to_plover(c.get("eventcode", ""))) if c.get("eventcode") else None
            if label:
                events.append((label, _country(c.get("sourcecode")), _country(c.get("targetcode"))))
        text = " ".join(text_m.group(1).split())
        if not events or not text:
            continue
        out.append(GoldSentence(id=attrs.get("id", ""), text=text, plover=events[0][0],
                                date=_petr_date(attrs.get("date", "")), events=events))
    return out


def load_jsonl(path: Path) -> list[GoldSentence]:
    """Our gold sets (`tests/data/classify-blind.jsonl`): one sentence per line, with `text`,
    `source`, `target` (the actors' text), `plover`, `date`, and the actors' codes as
    `source_code`/`target_code` (CAMEO-style) or `source_country`/`target_country`."""
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        r = json.loads(line)
        plover = SCORED_AS.get(r["plover"], r["plover"])
        src = _country(r.get("source_code") or r.get("source_country"))
        tgt = _country(r.get("target_code") or r.get("target_country"))
        out.append(GoldSentence(str(r.get("id") or n), r["text"], plover, r.get("source"),
                                r.get("target"), r.get("date"), [(plover, src, tgt)]))
    return out


def load_gold(path: Path) -> list[GoldSentence]:
    """Any gold format, by its file extension: PETRARCH-2 XML, our JSONL, the PLOVER GSR JSON."""
    if path.suffix.lower() == ".xml":
        return load_petr2(path)
    if path.suffix.lower() == ".jsonl":
        return load_jsonl(path)
    return load_plover_gsr(path)


def default_gold() -> list[Path]:
    """Both development sets in ../shared/data."""
    root = shared_data()
    return [root / "plover" / "plover-gsr-dev.json", root / "petr2-gsr" / "PETR2_GSR_validation.xml"]


@dataclass
class TypeScores:
    """Accuracy, macro-F1, per-type P/R/F1 and the confusion counts."""

    accuracy: float
    macro_f1: float
    per_type: dict[str, tuple[float, float, float, int]]
    confusion: Counter


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score_types(gold: Sequence[str], pred: Sequence[str | None]) -> TypeScores:
    """Macro-F1 is over the types that occur in gold or prediction."""
    pairs = Counter(zip(gold, pred))
    labels = sorted({g for g in gold} | {p for p in pred if p}, key=lambda x: (x not in TYPES, x))
    per_type = {}
    for lab in labels:
        tp = pairs[(lab, lab)]
        fp = sum(n for (g, p), n in pairs.items() if p == lab and g != lab)
        fn = sum(n for (g, p), n in pairs.items() if g == lab and p != lab)
        per_type[lab] = (*_prf(tp, fp, fn), tp + fn)
    correct = sum(n for (g, p), n in pairs.items() if g == p)
    macro = sum(v[2] for v in per_type.values()) / len(per_type) if per_type else 0.0
    return TypeScores(correct / len(gold) if gold else 0.0, macro, per_type, pairs)


def score_events(gold: Iterable[list[EventKey]], pred: Iterable[list[EventKey]]) -> tuple[float, ...]:
    """Event P/R/F1, matching per sentence on (type, source country, target country)."""
    tp_p = n_p = tp_g = n_g = 0
    for g, p in zip(gold, pred, strict=True):
        gs, ps = set(g), set(p)
        n_g += len(gs)
        n_p += len(ps)
        tp_g += len(gs & ps)
        tp_p += len(ps & gs)
    prec = tp_p / n_p if n_p else 0.0
    rec = tp_g / n_g if n_g else 0.0
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0), n_g, n_p


def run_classify(items: Sequence[GoldSentence]) -> tuple[TypeScores, float]:
    """Classify every sentence; scores and sentences per second."""
    from eventcoder.events.sentences import SentenceClassifier

    clf = SentenceClassifier.load()
    inputs = [{"text": s.text, "source": s.source, "target": s.target} for s in items]
    t0 = time.perf_counter()
    preds = clf.predict(inputs)
    elapsed = time.perf_counter() - t0
    scores = score_types([s.plover for s in items], [scored(p["plover"]) for p in preds])
    return scores, len(items) / elapsed if elapsed > 0 else float("inf")


def run_code(items: Sequence[GoldSentence]) -> tuple[tuple[float, ...], float]:
    """Code each sentence as an article with the pipeline; event P/R/F1 and sentences/s."""
    from eventcoder.model import Article
    from eventcoder.pipeline import Pipeline

    pipeline = Pipeline()
    articles = [Article(text=s.text, id=s.id, published=dt.date.fromisoformat(s.date) if s.date else None)
                for s in items]
    t0 = time.perf_counter()
    done = list(pipeline.code(articles))
    elapsed = time.perf_counter() - t0
    pred = []
    for item in done:
        events = getattr(item, "events", None) or []
        pred.append([(scored(e.plover), _country(e.source.country) if e.source else None,
                      _country(e.target.country) if e.target else None) for e in events if e.plover])
    return score_events([s.events for s in items], pred), len(items) / elapsed if elapsed > 0 else 0.0


def _print_types(console: Console, name: str, scores: TypeScores, speed: float) -> None:
    console.print(f"[bold]{name}[/bold] classify: accuracy {scores.accuracy:.3f}, "
                  f"macro-F1 {scores.macro_f1:.3f}, {speed:,.0f} sentences/s")
    t = Table(title=f"{name}: per type")
    for col in ("type", "precision", "recall", "F1", "support"):
        t.add_column(col, justify="left" if col == "type" else "right")
    for lab, (p, r, f, n) in scores.per_type.items():
        t.add_row(lab, f"{p:.2f}", f"{r:.2f}", f"{f:.2f}", str(n))
    console.print(t)
    labels = list(scores.per_type)
    c = Table(title=f"{name}: confusion (rows gold, columns predicted)", padding=(0, 1))
    c.add_column("gold", no_wrap=True)
    for lab in labels:
        c.add_column(lab[:4], justify="right", no_wrap=True, min_width=4)
    for g in labels:
        c.add_row(g, *[str(scores.confusion[(g, p)] or ".") for p in labels])
    # The matrix needs about 110 columns; narrower consoles (or a pipe, read as 80) would
    # squeeze every label to "A…", so it is drawn at that width and left to wrap.
    wide = console if console.width >= 110 else Console(width=110, soft_wrap=True)
    wide.print(c)


def main(gold_paths: list[str]) -> int:
    """Print the scores for each gold file; 1 when a file cannot be read."""
    console = report_console()
    paths = [Path(p) for p in gold_paths] or default_gold()
    status = 0
    for path in paths:
        try:
            items = load_gold(path)
        except (OSError, ValueError) as exc:
            console.print(f"eventcoder: {path}: cannot read gold data ({exc})", style="red")
            status = 1
            continue
        if not items:
            console.print(f"eventcoder: {path}: no gold sentences with a PLOVER event", style="red")
            status = 1
            continue
        scores, speed = run_classify(items)
        _print_types(console, f"{path.name} ({len(items)} sentences)", scores, speed)
        (p, r, f, n_g, n_p), code_speed = run_code(items)
        console.print(f"[bold]{path.name}[/bold] code end to end (type + source country + target "
                      f"country): P {p:.3f} R {r:.3f} F1 {f:.3f} ({n_g} gold events, {n_p} predicted; "
                      f"{code_speed:,.0f} sentences/s)\n")
    return status
