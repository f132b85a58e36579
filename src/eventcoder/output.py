"""Writers: the documented JSON, JSONL, CSV of events, and rich tables.

Output only reads `Article` objects; it never changes them.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO

from eventcoder.model import Article

CSV_COLUMNS = [
    "article_id", "published", "date", "source_code", "source_text", "source_country",
    "source_sector", "target_code", "target_text", "target_country", "target_sector",
    "cameo", "label", "plover", "mode", "goldstein", "quad_class", "factuality",
    "sentence", "start", "end", "evidence",
]


def write_json(articles: Iterable[Article], out: IO[str]) -> None:
    """`{"articles": [...]}`, as documented in docs/schema.md."""
    json.dump({"articles": [a.to_dict() for a in articles]}, out, ensure_ascii=False, indent=2)
    out.write("\n")


def write_jsonl(article: Article, out: IO[str]) -> None:
    """One article object on one line."""
    out.write(json.dumps(article.to_dict(), ensure_ascii=False) + "\n")


def csv_writer(out: IO[str]) -> csv.writer:
    """A CSV writer with the header row written."""
    w = csv.writer(out)
    w.writerow(CSV_COLUMNS)
    return w


def write_csv_rows(article: Article, w) -> None:
    """One row per event."""
    for e in article.events:
        s, t = e.source, e.target
        w.writerow([
            article.id, article.published.isoformat() if article.published else "", e.date,
            s.code or "", s.text, s.country or "", s.sector or "",
            (t.code or "") if t else "", t.text if t else "", (t.country or "") if t else "",
            (t.sector or "") if t else "",
            e.cameo, e.label, e.plover or "", e.mode or "", e.goldstein, e.quad_class,
            e.factuality, e.sentence, e.start, e.end, e.evidence,
        ])


def _short(text: str, n: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _snippet(sentence: str, trigger: str | None, width: int = 90) -> str:
    """The part of the evidence sentence around its trigger word, at most `width` characters."""
    text = " ".join(sentence.split())
    if len(text) <= width:
        return text
    at = text.find(trigger.split()[0]) if trigger else -1
    start = max(0, min(at - width // 3, len(text) - width)) if at >= 0 else 0
    out = text[start:start + width]
    return ("…" if start else "") + out + ("…" if start + width < len(text) else "")


def print_table(article: Article, console, explain: bool = False) -> None:
    """Events, quotes and times of one article as readable rich tables."""
    from rich.table import Table

    head = article.title or article.id
    date = article.published.isoformat() if article.published else "no date"
    console.rule(f"[bold]{head}[/bold]  ({date})")

    # A narrow terminal (under 110 columns) has no room for an evidence column:
    # the evidence then goes under the event, where the CAMEO label would be.
    narrow = console.width < 110
    ev = Table(title=f"Events ({len(article.events)})", expand=True)
    ev.add_column("dyad", no_wrap=True)
    ev.add_column("event", overflow="fold", ratio=1 if narrow else None, no_wrap=not narrow)
    ev.add_column("G", justify="right", no_wrap=True)
    ev.add_column("fact.", no_wrap=True)
    ev.add_column("date", no_wrap=True)
    if not narrow:
        ev.add_column("evidence", overflow="fold", ratio=1, min_width=30)
    for e in article.events:
        src = e.source.code or "?"
        tgt = (e.target.code or "?") if e.target else "-"
        evidence = _snippet(e.evidence, e.trigger)
        if explain:
            evidence += f"\n[dim]why: {e.why}; date: {e.date_source}[/dim]"
        head = f"{e.cameo} {e.plover or ''}"
        cells = [f"{src} → {tgt}", f"{head}\n[dim]{evidence}[/dim]" if narrow
                 else f"{head}\n[dim]{_short(e.label, 26)}[/dim]",
                 f"{e.goldstein:+.1f}", e.factuality, e.date]
        ev.add_row(*cells if narrow else [*cells, evidence])
    console.print(ev)

    qt = Table(title=f"Quotes ({len(article.quotes)})", expand=True)
    for col in ("speaker", "code", "kind", "cue", "quote"):
        qt.add_column(col, overflow="fold")
    for q in article.quotes:
        sp = q.speaker
        qt.add_row(sp.name or sp.text if sp else "?", (sp.code or "?") if sp else "?", q.kind,
                   q.cue or "", _short(q.text, 120))
    console.print(qt)

    tt = Table(title=f"Times ({len(article.times)})")
    for col in ("text", "type", "value"):
        tt.add_column(col)
    for t in article.times:
        tt.add_row(t.text, t.type, t.value + (f" ({t.mod})" if t.mod else ""))
    console.print(tt)
