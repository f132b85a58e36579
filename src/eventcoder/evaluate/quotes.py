"""`eventcoder eval quotes`: quote span F1 and speaker accuracy on a gold set.

The gold file is JSONL, one article a line: the article fields (`id`,
`title`, `published`, `text`) and `quotes`, each with `start`/`end` (character
offsets of the content in `text`), `kind`, `cue`, `speaker` (the speaker's
name, or for a pronoun or description the name it stands for when the
article gives one) and optionally `speaker_text` (the mention as written).
The default is `tests/data/quotes-gold.jsonl` (see its README for the
annotation conventions).

Figures, in the spirit of the Gender Gap Tracker and Citron evaluations:

- overlap P/R/F1: a system quote matches a gold quote when their content
  spans share at least one character; matching is one-to-one, largest
  overlap first;
- near-exact P/R/F1: the same, but a match needs an overlap ratio
  (intersection over union of the two spans) of at least 0.9;
- speaker accuracy: the share of overlap-matched gold quotes whose system
  speaker is right: the system speaker's name or text contains the gold
  name or mention, or is contained in it, ignoring case, accents, punctuation
  and articles ("Park" matches "Park Young Ho"; a pronoun alone never matches);
- kind accuracy: the share of overlap-matched quotes with the gold kind.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.table import Table

from eventcoder.evaluate import Tally, report_console
from eventcoder.model import Actor, Article, Quote

NEAR_EXACT = 0.9
GOLD_NAME = Path("tests") / "data" / "quotes-gold.jsonl"
_STAGES = ("nlp", "actors", "quotes")  # all the quotes stage needs
_DROP = {"the", "a", "an", "s", "mr", "mrs", "ms", "dr"}
_PRONOUNS = {"he", "she", "it", "they", "him", "her", "them", "i", "we", "you"}


@dataclass
class Counts(Tally):
    """Tallies over one or more articles."""

    gold: int = 0
    system: int = 0
    overlap: int = 0
    near: int = 0
    speaker: int = 0
    kind: int = 0



def _f1(matched: int, system: int, gold: int) -> tuple[float, float, float]:
    p = matched / system if system else 0.0
    r = matched / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def figures(c: Counts) -> dict[str, float]:
    """Precision, recall and F1 at both thresholds, speaker and kind accuracy."""
    op, orr, of = _f1(c.overlap, c.system, c.gold)
    npr, nr, nf = _f1(c.near, c.system, c.gold)
    return {"overlap P": op, "overlap R": orr, "overlap F1": of,
            "near-exact P": npr, "near-exact R": nr, "near-exact F1": nf,
            "speaker acc": c.speaker / c.overlap if c.overlap else 0.0,
            "kind acc": c.kind / c.overlap if c.overlap else 0.0}


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def ratio(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Intersection over union of two character spans."""
    union = max(a[1], b[1]) - min(a[0], b[0])
    return _overlap(a, b) / union if union > 0 else 0.0


def match(gold: list[tuple[int, int]], system: list[tuple[int, int]],
          min_ratio: float = 0.0) -> list[tuple[int, int]]:
    """One-to-one (gold index, system index) pairs, largest overlap first."""
    pairs = sorted(((_overlap(g, s), gi, si) for gi, g in enumerate(gold)
                    for si, s in enumerate(system)), reverse=True)
    used_g: set[int] = set()
    used_s: set[int] = set()
    out = []
    for ov, gi, si in pairs:
        if ov <= 0 or gi in used_g or si in used_s or ratio(gold[gi], system[si]) < min_ratio:
            continue
        used_g.add(gi)
        used_s.add(si)
        out.append((gi, si))
    return out


def _tokens(name: str | None) -> frozenset[str]:
    plain = unicodedata.normalize("NFKD", (name or "").lower().replace("’", "'"))
    words = re.findall(r"\w+", "".join(ch for ch in plain if not unicodedata.combining(ch)))
    return frozenset(w for w in words if w not in _DROP)


def speaker_matches(gold: dict[str, Any], speaker: Actor | None) -> bool:
    """Whether the system speaker names the gold speaker (see the module docstring)."""
    if speaker is None:
        return False
    gold_forms = [_tokens(gold.get("speaker")), _tokens(gold.get("speaker_text"))]
    sys_forms = [_tokens(speaker.name), _tokens(speaker.text)]
    for g in gold_forms:
        for s in sys_forms:
            if g and s and not (s <= _PRONOUNS or g <= _PRONOUNS) and (g <= s or s <= g):
                return True
    return False


def score(gold: list[dict[str, Any]], system: list[Quote]) -> Counts:
    """Tallies for one article."""
    g_spans = [(q["start"], q["end"]) for q in gold]
    s_spans = [(q.start, q.end) for q in system]
    c = Counts(gold=len(gold), system=len(system))
    loose = match(g_spans, s_spans)
    c.overlap = len(loose)
    c.near = len(match(g_spans, s_spans, NEAR_EXACT))
    for gi, si in loose:
        c.speaker += speaker_matches(gold[gi], system[si].speaker)
        c.kind += gold[gi].get("kind") == system[si].kind
    return c


def default_gold() -> Path:
    """The gold set shipped with the repository, found from here or the working directory."""
    here = Path(__file__).resolve()
    for base in (*here.parents, Path.cwd()):
        if (base / GOLD_NAME).is_file():
            return base / GOLD_NAME
    return Path.cwd() / GOLD_NAME


def load_gold(path: Path) -> list[dict[str, Any]]:
    """The gold articles, one JSON object a line (blank lines skipped)."""
    items = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            obj = json.loads(line)
            if not isinstance(obj, dict) or "text" not in obj:
                raise ValueError(f"line {n}: expected an article object with a text")
            items.append(obj)
    return items


def code_articles(items: Iterable[dict[str, Any]]) -> list[Article]:
    """Run the stages the quotes stage needs over the gold articles' texts."""
    from eventcoder.pipeline import Pipeline
    from eventcoder.settings import Settings

    pipe = Pipeline(Settings(stages=_STAGES))
    articles = []
    for obj in items:
        pub = dt.date.fromisoformat(obj["published"]) if obj.get("published") else None
        articles.append(pipe(Article(text=obj["text"], id=obj.get("id", ""),
                                     title=obj.get("title"), published=pub)))
    return articles


def main(gold: str | None) -> int:
    """Print per-article and overall figures; 1 when the gold file cannot be read."""
    console = report_console()
    path = Path(gold) if gold else default_gold()
    try:
        items = load_gold(path)
    except (OSError, ValueError) as exc:
        console.print(f"eventcoder: {path}: cannot read gold quotes ({exc})", style="red")
        return 1
    started = time.perf_counter()
    articles = code_articles(items)
    elapsed = time.perf_counter() - started
    names = list(figures(Counts()))
    table = Table(title=f"Quotes on {path}")
    for col in ("article", "gold", "sys", *names):
        table.add_column(col, justify="left" if col == "article" else "right")
    total = Counts()
    for obj, article in zip(items, articles):
        counts = score(obj.get("quotes", []), article.quotes)
        total.add(counts)
        f = figures(counts)
        table.add_row(obj.get("id", ""), str(counts.gold), str(counts.system),
                      *(f"{f[n]:.3f}" for n in names))
    f = figures(total)
    table.add_row("ALL", str(total.gold), str(total.system), *(f"{f[n]:.3f}" for n in names),
                  style="bold")
    console.print(table)
    console.print(f"{len(items)} articles coded in {elapsed:.1f}s; near-exact = span overlap "
                  f"ratio (intersection/union) >= {NEAR_EXACT}")
    return 0
