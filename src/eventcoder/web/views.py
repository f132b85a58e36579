"""From a coded (or stored) article to what the article page draws.

The article text is cut at every start and end of an actor, quote, time
expression, event sentence and event trigger into plain-text segments; each
segment knows which of those spans cover it. The template writes each
segment as an escaped text node inside a `<span>` whose classes and data
attributes say what it belongs to, so overlapping spans need no nesting, and
the article's own characters are never interpreted as markup (no raw HTML is
ever built from article text, here or in the browser).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
              4: "material conflict"}


@dataclass
class Segment:
    """A run of text covered by the same set of highlights."""

    text: str
    classes: list[str] = field(default_factory=list)
    events: list[int] = field(default_factory=list)     # event sentences covering it
    evidence: list[int] = field(default_factory=list)   # events whose actor or trigger it is
    actor: str | None = None                             # the actor code, for click-to-filter
    tip: str | None = None

    @property
    def plain(self) -> bool:
        """True when nothing highlights this run (it is written as bare text)."""
        return not (self.classes or self.events or self.evidence)


@dataclass
class _Mark:
    start: int
    end: int
    cls: str
    event: int | None = None       # sentence membership
    evidence: int | None = None    # actor or trigger of this event
    actor: str | None = None
    tip: str | None = None


def _valid(span: dict[str, Any] | None, n: int) -> tuple[int, int] | None:
    if not span:
        return None
    s, e = span.get("start"), span.get("end")
    if not isinstance(s, int) or not isinstance(e, int) or not 0 <= s < e <= n:
        return None
    return s, e


def _actor_tip(a: dict[str, Any]) -> str:
    bits = [a.get("code") or "uncoded"]
    if a.get("name") and a.get("name") != a.get("text"):
        bits.append(str(a["name"]))
    if a.get("why"):
        bits.append(str(a["why"]))
    return " · ".join(bits)


def locate_actor(actor: dict[str, Any] | None, mentions: list[dict[str, Any]], lo: int,
                 hi: int) -> tuple[int, int] | None:
    """Where an event's actor is written: its own offsets, else a stored mention inside the event."""
    if not actor:
        return None
    if isinstance(actor.get("start"), int) and isinstance(actor.get("end"), int):
        return actor["start"], actor["end"]
    for m in mentions:
        if (isinstance(m.get("start"), int) and lo <= m["start"] and (m.get("end") or 0) <= hi
                and m.get("text") == actor.get("text") and m.get("code") == actor.get("code")):
            return m["start"], m["end"]
    return None


def locate_trigger(text: str, trigger: str | None, lo: int, hi: int) -> list[tuple[int, int]]:
    """The trigger's words inside the event's sentence, in order.

    A trigger may be split in the text ('proposed its first talks' for 'proposed talks').
    """
    spans: list[tuple[int, int]] = []
    pos = lo
    for word in (trigger or "").split():
        m = re.compile(rf"\b{re.escape(word)}\b", re.IGNORECASE).search(text, pos, hi)
        if m:
            spans.append((m.start(), m.end()))
            pos = m.end()
    return spans


def _marks(text: str, art: dict[str, Any]) -> list[_Mark]:
    n = len(text)
    marks: list[_Mark] = []
    mentions = art.get("actors") or []
    for a in mentions:
        if (span := _valid(a, n)):
            marks.append(_Mark(*span, "ac", actor=a.get("code"), tip=_actor_tip(a)))
    for q in art.get("quotes") or []:
        if (span := _valid(q, n)):
            who = (q.get("speaker") or {}).get("text") or "unknown speaker"
            marks.append(_Mark(*span, "qt", tip=f"{q.get('kind', 'quote')} quote · {who}"))
    for t in art.get("times") or []:
        if (span := _valid(t, n)):
            marks.append(_Mark(*span, "tm", tip=f"{t.get('type')} {t.get('value')}"))
    for i, e in enumerate(art.get("events") or []):
        sent = _valid(e, n)
        if not sent:
            continue
        marks.append(_Mark(*sent, "", event=i))
        for side in ("source", "target"):
            where = locate_actor(e.get(side), mentions, *sent)
            if where and 0 <= where[0] < where[1] <= n:
                marks.append(_Mark(*where, "", evidence=i))
        for s, t in locate_trigger(text, e.get("trigger"), *sent):
            marks.append(_Mark(s, t, f"trg q{e.get('quad_class') or 0}", evidence=i,
                               tip=f"{e.get('cameo')} {e.get('label') or ''}".strip()))
    return marks


def segments(text: str, art: dict[str, Any]) -> list[Segment]:
    """The text cut into segments, each with the highlights that cover it."""
    marks = _marks(text, art)
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    out: list[Segment] = []
    for s, e in zip(cuts, cuts[1:]):
        seg = Segment(text=text[s:e])
        tips: list[str] = []
        for m in marks:
            if m.start <= s and e <= m.end:
                for c in m.cls.split():
                    if c not in seg.classes:
                        seg.classes.append(c)
                if m.event is not None:
                    seg.events.append(m.event)
                if m.evidence is not None and m.evidence not in seg.evidence:
                    seg.evidence.append(m.evidence)
                if m.actor:
                    seg.actor = m.actor
                if m.tip and m.tip not in tips:
                    tips.append(m.tip)
        seg.tip = " | ".join(tips) or None
        out.append(seg)
    return out


def safe_href(url: str | None) -> str | None:
    """The URL if it is http(s), else None: a `javascript:` URL from an article is never a link."""
    if not url:
        return None
    scheme = urlsplit(url.strip()).scheme.lower()
    return url.strip() if scheme in ("http", "https") else None


def actor_label(a: dict[str, Any] | None) -> str:
    """How an actor is named on a card: its text, else its name, else its code."""
    if not a:
        return "—"
    return a.get("text") or a.get("name") or a.get("code") or "?"


def _shift(items: list[dict[str, Any]], lo: int, hi: int) -> list[dict[str, Any]]:
    """Spans inside [lo, hi), moved to offsets relative to `lo`; others blanked (indices kept)."""
    out = []
    for it in items:
        s, e = it.get("start"), it.get("end")
        if isinstance(s, int) and isinstance(e, int) and lo <= s < e <= hi:
            out.append({**it, "start": s - lo, "end": e - lo})
        else:
            out.append({})
    return out


def excerpts(art: dict[str, Any]) -> list[dict[str, Any]]:
    """For an article stored without its text: its event sentences, in order, each highlighted.

    Every event keeps its sentence (`evidence`) and that sentence's offsets, so the sentences can
    be shown with the actors, quotes and times that lie inside them, and cards still light them up.
    """
    seen: dict[int, dict[str, Any]] = {}
    for e in art.get("events") or []:
        s, evidence = e.get("start"), e.get("evidence")
        if isinstance(s, int) and evidence and s not in seen:
            seen[s] = {"start": s, "end": s + len(evidence), "text": evidence}
    out = []
    for sent in sorted(seen.values(), key=lambda x: x["start"]):
        lo, hi = sent["start"], sent["end"]
        events = [({**ev, "start": 0, "end": hi - lo,
                    "source": _shift([ev.get("source") or {}], lo, hi)[0] or ev.get("source"),
                    "target": _shift([ev.get("target") or {}], lo, hi)[0] or ev.get("target")}
                   if ev.get("start") == lo else {}) for ev in art.get("events") or []]
        local = {"events": events, "actors": _shift(art.get("actors") or [], lo, hi),
                 "quotes": _shift(art.get("quotes") or [], lo, hi),
                 "times": _shift(art.get("times") or [], lo, hi)}
        out.append({"start": lo, "segments": segments(sent["text"], local)})
    return out


def article_view(art: dict[str, Any], text: str | None) -> dict[str, Any]:
    """Everything the article template needs: segments, cards, quotes, times and the actor list."""
    actors: dict[str, int] = {}
    for a in art.get("actors") or []:
        if a.get("code"):
            actors[a["code"]] = actors.get(a["code"], 0) + 1
    return {
        "article": art,
        "text": text,
        "segments": segments(text, art) if text else [],
        "excerpts": [] if text else excerpts(art),
        "events": art.get("events") or [],
        "quotes": art.get("quotes") or [],
        "times": art.get("times") or [],
        "actor_counts": sorted(actors.items(), key=lambda kv: (-kv[1], kv[0])),
        "href": safe_href(art.get("url")),
    }
