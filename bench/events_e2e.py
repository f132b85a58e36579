"""End-to-end event F1 of `eventcoder code` on the development sets.

Scores event type + source country + target country, as sets of
(type, source, target) triples per sentence, micro-averaged:

- PLOVER dev (`../shared/data/plover/plover-gsr-dev.json`, 164 human-coded
  sentences): type is the PLOVER event (2016 names mapped to 2021:
  DEMAND->REQUEST, DISAPPROVE/INVESTIGATE->ACCUSE, FIGHT->ASSAULT). Actors
  marked SRC/TAR on both sides count both ways. Run twice: with the gold
  actor mentions (`--actors gold`: tests the events stage alone) and with
  the pipeline's own actors stage.
- PETRARCH-2 validation (`../shared/data/petr2-gsr/`, 78 sentences with
  CAMEO codes, PETRARCH-2's output rather than human gold): type is the
  CAMEO root, and separately the PLOVER type of the code.

A missing target is the triple's `-`. Negated and possible events are not
counted as predictions (the gold codes only what happened or was stated).

    .venv/bin/python bench/events_e2e.py [--actors gold|pipeline|both] [-v]

For measuring only: never tune dictionaries on these sentences.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import time
from pathlib import Path

from eventcoder.events import EventCoder, make_stage
from eventcoder.events.codebook import PLOVER_2016, Codebook
from eventcoder.events.gold import lookup_mention, mentions_for
from eventcoder.model import Article
from eventcoder.pipeline import Pipeline
from eventcoder.settings import Settings

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
COUNTED = ("asserted", "future")
Triple = tuple[str, str, str]


def f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def plover_gold() -> list[tuple[str, list[tuple[str, str]], set[Triple]]]:
    """(text, actor mentions, gold triples) for each PLOVER dev record."""
    rows = json.loads((SHARED / "plover" / "plover-gsr-dev.json").read_text(encoding="utf-8"))[1:]
    out = []
    for r in rows:
        src = r.get("source") or []
        tgt = r.get("target") or []
        src = src if isinstance(src, list) else []
        tgt = tgt if isinstance(tgt, list) else []
        event = PLOVER_2016.get(r["event"], r["event"])
        triples: set[Triple] = set()
        if tgt:
            triples = {(event, s["code"][:3], t["code"][:3]) for s in src for t in tgt}
        elif len(src) > 1:
            triples = {(event, s["code"][:3], t["code"][:3]) for s in src for t in src if s is not t}
        else:
            triples = {(event, s["code"][:3], "-") for s in src}
        actors = [(a["actorText"].strip(), a["code"]) for a in [*src, *tgt] if a.get("actorText")]
        out.append((r["text"], actors, triples))
    return out


def petr2_gold() -> list[tuple[str, str | None, set[tuple[str, str, str]]]]:
    """(text, date, gold (code, source, target)) for each PETRARCH-2 record.

    The file is not well-formed XML (self-closed <Sentence/> tags followed by
    </Sentence>), so records are read with patterns.
    """
    raw = (SHARED / "petr2-gsr" / "PETR2_GSR_validation.xml").read_text(encoding="utf-8")
    out = []
    for block in re.split(r"<Sentence\s", raw)[1:]:
        date = re.search(r'date="(\d+)"', block)
        text = re.search(r"<Text>(.*?)</Text>", block, flags=re.S)
        if not text:
            continue
        gold = {(m.group(1), (m.group(2) or "")[:3] or "-", (m.group(3) or "")[:3] or "-")
                for m in re.finditer(r'<EventCoding\s+eventcode="(\w+)"\s+sourcecode="(\w*)"'
                                     r'\s+targetcode="(\w*)"', block)}
        out.append((" ".join(text.group(1).split()), date.group(1) if date else None, gold))
    return out


def _article(text: str, published: str | None) -> Article:
    pub = dt.datetime.strptime(published, "%Y%m%d").date() if published and len(published) == 8 else None
    return Article(text=text, published=pub or dt.date(2000, 1, 1))


def _predicted(article: Article, key) -> set[Triple]:
    return {(key(e.cameo), (e.source.country or e.source.code or "")[:3],
             ((e.target.country or e.target.code or "")[:3] if e.target else "-"))
            for e in article.events if e.factuality in COUNTED and key(e.cameo)}


def score(pairs: list[tuple[set[Triple], set[Triple]]]) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for gold, pred in pairs:
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
    return f1(tp, fp, fn)


def _classifier():
    """The sentence classifier the `code` pipeline uses (None if it cannot load)."""
    from eventcoder.events.classify import Classifier

    try:
        return Classifier.load(Settings())
    except Exception:  # measure the patterns alone when the model cannot load
        return None


def run_plover(mode: str, verbose: bool) -> None:
    cb = Codebook.load()
    data = plover_gold()
    stages = ("nlp", "times") if mode == "gold" else ("nlp", "actors", "times")
    pipe = Pipeline(Settings(stages=stages))
    coder = EventCoder(Settings(), _classifier(), lookup_mention) if mode == "gold" else \
        make_stage(Settings())
    pairs, types = [], []
    t0 = time.perf_counter()
    for text, actors, gold in data:
        art = pipe(_article(text, None))
        if mode == "gold":
            art.mentions = mentions_for(text, actors)
        coder(art)
        pred = _predicted(art, lambda c: (cb.plover(c) or _NOEV).event)
        pairs.append((gold, pred))
        types.append(({g[0] for g in gold}, {p[0] for p in pred}))
        if verbose and gold != pred:
            print(f"  gold={sorted(gold)} pred={sorted(pred)}\n    {text[:150]}")
    secs = time.perf_counter() - t0
    p, r, f = score(pairs)
    tp_type = sum(bool(g & pr) for g, pr in types)
    print(f"PLOVER dev ({mode} actors): type+source+target P={p:.3f} R={r:.3f} F1={f:.3f}; "
          f"sentences with the gold type among predictions {tp_type}/{len(types)}; "
          f"{len(data) / secs:.0f} sentences/s")
    p, r, f = score([(_merge_yield(g), _merge_yield(pr)) for g, pr in pairs])
    print(f"  with CONCEDE and RETREAT counted as one (YIELD, as the classify test does): "
          f"P={p:.3f} R={r:.3f} F1={f:.3f}")


def _merge_yield(triples: set[Triple]) -> set[Triple]:
    """CONCEDE and RETREAT as one type, YIELD."""
    return {("YIELD" if t in ("CONCEDE", "RETREAT") else t, s, g) for t, s, g in triples}


class _NoEvent:
    event = None


_NOEV = _NoEvent()


def run_petr2(verbose: bool) -> None:
    cb = Codebook.load()
    data = petr2_gold()
    pipe = Pipeline(Settings(stages=("nlp", "actors", "times", "events")))
    root_pairs, plover_pairs = [], []
    for text, date, gold in data:
        art = pipe(_article(text, date))
        pred_root = _predicted(art, cb.root)
        root_pairs.append(({(cb.root(c), s, t) for c, s, t in gold}, pred_root))
        gold_pl = {((cb.plover(c) or _NOEV).event, s, t) for c, s, t in gold}
        pred_plover = _predicted(art, lambda c: (cb.plover(c) or _NOEV).event)
        plover_pairs.append(({g for g in gold_pl if g[0]}, pred_plover))
        if verbose and root_pairs[-1][0] != pred_root:
            print(f"  gold={sorted(root_pairs[-1][0])} pred={sorted(pred_root)}\n    {text[:150]}")
    for name, pairs in (("CAMEO root", root_pairs), ("PLOVER type", plover_pairs)):
        p, r, f = score(pairs)
        print(f"PETR-2 ({name}) + source + target, pipeline actors: P={p:.3f} R={r:.3f} F1={f:.3f} "
              f"over {len(pairs)} sentences")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--actors", choices=("gold", "pipeline", "both"), default="both")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every sentence that differs")
    args = ap.parse_args()
    if args.actors in ("gold", "both"):
        run_plover("gold", args.verbose)
    if args.actors in ("pipeline", "both"):
        run_plover("pipeline", args.verbose)
        run_petr2(args.verbose)


if __name__ == "__main__":
    main()
