"""`eventcoder eval places`: geoparsing accuracy over every gold toponym.

Gold format (JSON Lines, one article per line; documented in
tests/data/README-places.md):

    {"id": str, "text": str, "published": "YYYY-MM-DD" | null,
     "places": [{"start": int, "end": int, "text": str, "name": str,
                 "geonameid": int | null, "country": ISO3 | null,
                 "lat": float, "lon": float, "metonymic": bool}]}

Each gold toponym is matched to the system place whose span overlaps it most
(none: it counts as wrong on every measure, so recognition counts, as in the
hidden news sets). Figures over all gold toponyms:

- exact: same GeoNames id (when gold has none: same name and country);
- country: same ISO alpha-3 country;
- 161 km: the system coordinates within 161 km (100 miles) of the gold ones,
  the usual "accuracy@161km" of geoparsing papers;
- found: the share of gold toponyms recognised at all; metonymy: the share of
  found toponyms with the right metonymic flag;
- precision: system places that overlap some gold toponym.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from eventcoder.evaluate import Tally as SummedTally
from eventcoder.evaluate import report_console
from eventcoder.model import Article, Place

DEFAULT_GOLD = Path(__file__).resolve().parents[3] / "tests" / "data" / "places-gold.jsonl"
EARTH_KM = 6371.0088
NEAR_KM = 161.0


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(math.sqrt(h))


@dataclass
class Tally(SummedTally):
    """Counts over gold toponyms (and system places, for precision)."""

    gold: int = 0
    found: int = 0
    exact: int = 0
    country: int = 0
    near: int = 0
    metonymy: int = 0
    system: int = 0
    system_matched: int = 0


    def figures(self) -> dict[str, float]:
        """Shares: accuracy over gold, metonymy over found, precision over system."""
        g = self.gold or 1
        return {"exact": self.exact / g, "country": self.country / g,
                "161km": self.near / g, "found": self.found / g,
                "metonymy": self.metonymy / (self.found or 1),
                "precision": self.system_matched / (self.system or 1)}


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _same_place(gold: dict[str, Any], sys: Place) -> bool:
    if gold.get("geonameid") is not None:
        return gold["geonameid"] == sys.geonameid
    return (str(gold.get("name", "")).casefold() == (sys.name or "").casefold()
            and gold.get("country") == sys.country)


def score_article(gold_places: list[dict[str, Any]], places: list[Place]) -> Tally:
    """Tally one article's gold toponyms against the system's places."""
    t = Tally(gold=len(gold_places), system=len(places))
    for g in gold_places:
        span = (g["start"], g["end"])
        best = max(places, key=lambda p: _overlap(span, (p.start, p.end)), default=None)
        if best is None or _overlap(span, (best.start, best.end)) == 0:
            continue
        t.found += 1
        t.exact += _same_place(g, best)
        t.country += g.get("country") == best.country  # None == None: no country, rightly
        if None not in (best.lat, best.lon, g.get("lat"), g.get("lon")):
            t.near += distance_km(g["lat"], g["lon"], best.lat, best.lon) <= NEAR_KM
        t.metonymy += bool(g.get("metonymic", False)) == best.metonymic
    t.system_matched = sum(any(_overlap((p.start, p.end), (g["start"], g["end"]))
                               for g in gold_places) for p in places)
    return t


def load_gold(path: Path) -> list[dict[str, Any]]:
    """The gold articles; a ValueError names the bad line."""
    docs = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            doc = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"line {n}: {exc}") from exc
        if not isinstance(doc, dict) or "text" not in doc:
            raise ValueError(f"line {n}: an article object with 'text' is required")
        for p in doc.get("places", []):
            if doc["text"][p["start"]:p["end"]] != p["text"]:
                raise ValueError(f"line {n}: offsets of {p['text']!r} do not match the text")
        docs.append(doc)
    return docs


def run(docs: list[dict[str, Any]]) -> list[tuple[str, Tally]]:
    """Code each gold text with the default pipeline (as `eventcoder code` does) and tally it."""
    from eventcoder.pipeline import Pipeline

    pipeline = Pipeline()
    out = []
    for i, doc in enumerate(docs):
        pub = doc.get("published")
        article = Article(text=doc["text"], id=str(doc.get("id") or i),
                          published=dt.date.fromisoformat(pub) if pub else None)
        pipeline(article)
        out.append((article.id, score_article(doc.get("places", []), article.places)))
    return out


def main(gold: str | None) -> int:
    """Print the figures per article and overall; 1 when the gold file is unreadable."""
    console, err = report_console(), Console(stderr=True)
    path = Path(gold) if gold else DEFAULT_GOLD
    try:
        docs = load_gold(path)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        err.print(f"eventcoder: {path}: cannot read places gold ({exc})", style="red",
                  soft_wrap=True)
        return 1
    results = run(docs)
    names = list(Tally().figures())
    table = Table(title=f"Places on {path} (accuracy over every gold toponym)")
    table.add_column("article")
    table.add_column("gold", justify="right")
    for n in names:
        table.add_column(n, justify="right")
    total = Tally()
    for name, tally in results:
        total.add(tally)
        f = tally.figures()
        table.add_row(name, str(tally.gold), *(f"{f[n]:.3f}" for n in names))
    f = total.figures()
    table.add_row("ALL", str(total.gold), *(f"{f[n]:.3f}" for n in names), style="bold")
    console.print(table)
    console.print(f"exact-place accuracy {f['exact']:.3f}, country accuracy {f['country']:.3f}, "
                  f"accuracy within 161 km {f['161km']:.3f} over {total.gold} gold toponyms")
    return 0
