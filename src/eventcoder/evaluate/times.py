"""`eventcoder eval times`: TIMEX3 extraction and normalisation scores on TimeML files.

Each `.tml` file gives the text (the TEXT element, tags stripped), the gold
TIMEX3 spans in it, and the document creation time (the TIMEX3 with
functionInDocument="CREATION_TIME"), which is the publication date the
times stage anchors on. The scores follow the TempEval-3 scorer:

- strict span match: same start and end; relaxed: the spans overlap;
- precision = matched system expressions / system expressions, recall =
  matched gold / gold, F1 their harmonic mean (strict and relaxed);
- type and value accuracy: the share of relaxed-matched gold expressions whose
  matched system expression has the same type (value);
- value F1: precision and recall counting only relaxed matches with the right
  value, as TE3's "attribute F1".
"""

from __future__ import annotations

import datetime as dt
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.table import Table

from eventcoder.evaluate import Tally, report_console, shared_data


@dataclass(frozen=True)
class Timex:
    """A time expression (gold or system): span, type and value."""

    start: int
    end: int
    type: str
    value: str
    text: str = ""


@dataclass
class TmlDoc:
    """One TimeML document: its text, creation date and gold expressions."""

    name: str
    text: str
    dct: dt.date | None
    gold: list[Timex] = field(default_factory=list)


def _walk(elem: ET.Element, chunks: list[str], offset: int, gold: list[Timex]) -> int:
    """Append `elem`'s text to `chunks`, recording TIMEX3 offsets; returns the new offset."""
    if elem.text:
        chunks.append(elem.text)
        offset += len(elem.text)
    for child in elem:
        start = offset
        offset = _walk(child, chunks, offset, gold)
        if child.tag == "TIMEX3":
            text = "".join(child.itertext())
            gold.append(Timex(start, offset, child.get("type", ""), child.get("value", ""), text))
        if child.tail:
            chunks.append(child.tail)
            offset += len(child.tail)
    return offset


def load_tml(path: Path) -> TmlDoc:
    """Read a TimeML file (text, DCT and gold TIMEX3s inside TEXT)."""
    root = ET.parse(path).getroot()
    dct = None
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            try:
                dct = dt.date.fromisoformat((timex.get("value") or "")[:10])
            except ValueError:
                dct = None
            break
    text_elem = root.find("TEXT")
    if text_elem is None:
        raise ValueError("no TEXT element")
    chunks: list[str] = []
    gold: list[Timex] = []
    _walk(text_elem, chunks, 0, gold)
    return TmlDoc(path.stem, "".join(chunks), dct, gold)


@dataclass
class Counts(Tally):
    """Match counts summed over documents."""

    gold: int = 0
    system: int = 0
    strict_g: int = 0
    strict_s: int = 0
    relaxed_g: int = 0
    relaxed_s: int = 0
    type_ok: int = 0
    value_g: int = 0
    value_s: int = 0



def _overlaps(a: Timex, b: Timex) -> bool:
    return a.start < b.end and b.start < a.end


def _best(x: Timex, others: list[Timex]) -> Timex | None:
    """The overlapping expression sharing the most characters with `x`."""
    best, size = None, 0
    for o in others:
        common = min(x.end, o.end) - max(x.start, o.start)
        if common > size:
            best, size = o, common
    return best


def score(gold: list[Timex], system: list[Timex]) -> Counts:
    """TE3 counts for one document."""
    c = Counts(gold=len(gold), system=len(system))
    for g in gold:
        s = _best(g, system)
        if s is None:
            continue
        c.relaxed_g += 1
        c.strict_g += any(o.start == g.start and o.end == g.end for o in system)
        c.type_ok += s.type == g.type
        c.value_g += s.value == g.value
    for s in system:
        g = _best(s, gold)
        if g is None:
            continue
        c.relaxed_s += 1
        c.strict_s += any(o.start == s.start and o.end == s.end for o in gold)
        c.value_s += s.value == g.value
    return c


def _prf(num_s: int, n_s: int, num_g: int, n_g: int) -> tuple[float, float, float]:
    p = num_s / n_s if n_s else 0.0
    r = num_g / n_g if n_g else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def figures(c: Counts) -> dict[str, float]:
    """Strict/relaxed P, R, F1, type and value accuracy, value F1."""
    sp, sr, sf = _prf(c.strict_s, c.system, c.strict_g, c.gold)
    rp, rr, rf = _prf(c.relaxed_s, c.system, c.relaxed_g, c.gold)
    vp, vr, vf = _prf(c.value_s, c.system, c.value_g, c.gold)
    return {"strict P": sp, "strict R": sr, "strict F1": sf, "relaxed P": rp, "relaxed R": rr,
            "relaxed F1": rf, "type acc": c.type_ok / c.relaxed_g if c.relaxed_g else 0.0,
            "value acc": c.value_g / c.relaxed_g if c.relaxed_g else 0.0, "value F1": vf}


def run(docs: list[TmlDoc]) -> list[tuple[TmlDoc, list[Timex], Counts]]:
    """Run the nlp and times stages on each document and score it."""
    from eventcoder.model import Article
    from eventcoder.pipeline import Pipeline
    from eventcoder.settings import Settings

    pipe = Pipeline(Settings(stages=("nlp", "times")))
    out = []
    for doc in docs:
        article = pipe(Article(text=doc.text, published=doc.dct, source_name=doc.name))
        system = [Timex(t.start, t.end, t.type, t.value, t.text) for t in article.times]
        out.append((doc, system, score(doc.gold, system)))
    return out


def main(gold_dir: str | None) -> int:
    """Print per-file and overall TE3 figures; 1 when the folder holds no readable .tml file."""
    console, err = report_console(), Console(stderr=True)
    folder = Path(gold_dir) if gold_dir else shared_data() / "te3-dev"
    paths = sorted(folder.glob("*.tml")) if folder.is_dir() else []
    if not paths:
        err.print(f"eventcoder: {folder}: no TimeML (.tml) files found", style="red", soft_wrap=True)
        return 1
    docs, status = [], 0
    for path in paths:
        try:
            docs.append(load_tml(path))
        except (OSError, ET.ParseError, ValueError) as exc:
            err.print(f"eventcoder: {path}: cannot read TimeML ({exc})", style="red", soft_wrap=True)
            status = 1
    started = time.perf_counter()
    results = run(docs)
    elapsed = time.perf_counter() - started
    names = list(figures(Counts()))
    table = Table(title=f"TIMEX3 on {folder} (TempEval-3 definitions)")
    table.add_column("file")
    table.add_column("gold", justify="right")
    table.add_column("sys", justify="right")
    for n in names:
        table.add_column(n, justify="right")
    total = Counts()
    for doc, _, counts in results:
        total.add(counts)
        f = figures(counts)
        table.add_row(doc.name, str(counts.gold), str(counts.system), *(f"{f[n]:.3f}" for n in names))
    f = figures(total)
    table.add_row("[bold]overall[/bold]", str(total.gold), str(total.system), *(f"{f[n]:.3f}" for n in names))
    console.print(table)
    console.print(f"value F1 {f['value F1']:.3f}, relaxed F1 {f['relaxed F1']:.3f}, strict F1 "
                  f"{f['strict F1']:.3f} on {len(docs)} documents ({elapsed:.1f} s)", soft_wrap=True)
    return status
