"""Throughput of `eventcoder code` against the bare spaCy parse of the same texts.

Real articles: the seed article plus the TempEval-3 news documents in
../shared/data/te3-dev (or any .txt/.json/.jsonl given with --input). Both
runs parse the same texts with the same model, one after the other in this
process, so the ratio shows what eventcoder's own stages cost on top of the
parse. It also prints each stage's share of the time (so the cost of, say,
geoparsing can be read off), the rate with `--workers N` processes, and the
peak memory of the main process and of the workers.

    python bench/throughput.py [--repeat 3] [--workers 2] [--input FILE ...]
"""

from __future__ import annotations

import argparse
import re
import resource
import sys
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

from eventcoder.evaluate import shared_data
from eventcoder.model import Article
from eventcoder.nlp import load_model, parse_text
from eventcoder.pipeline import Pipeline
from eventcoder.read import read_inputs

ROOT = Path(__file__).resolve().parents[1]


def te3_articles() -> list[Article]:
    """The TE3 documents as articles (text and creation date)."""
    out = []
    for path in sorted((shared_data() / "te3-dev").glob("*.tml")):
        root = ET.fromstring(path.read_text(encoding="utf-8"))
        text = "".join(root.find("TEXT").itertext()).strip()
        dct = root.find(".//DCT/TIMEX3")
        pub = None
        if dct is not None and re.match(r"\d{4}-\d{2}-\d{2}", dct.get("value", "")):
            import datetime as dt

            pub = dt.date.fromisoformat(dct.get("value")[:10])
        out.append(Article(text=text, id=path.stem, published=pub))
    return out


def load_articles(inputs: list[str]) -> list[Article]:
    if inputs:
        return [a for a in read_inputs(inputs) if isinstance(a, Article)]
    seed = [a for a in read_inputs([str(ROOT / "examples/nk-talks-2013-06-16.json")])
            if isinstance(a, Article)]
    return seed + te3_articles()


def fresh(articles: list[Article]) -> list[Article]:
    return [Article(text=a.text, id=a.id, published=a.published, title=a.title) for a in articles]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=3, help="passes over the articles (default 3)")
    ap.add_argument("--input", nargs="*", default=[], help="article files instead of the defaults")
    ap.add_argument("--workers", type=int, default=2, help="processes for the pooled rate (default 2)")
    args = ap.parse_args()

    base = load_articles(args.input)
    if not base:
        sys.exit("no articles to measure")
    words = sum(len(a.text.split()) for a in base)
    pipeline = Pipeline()
    nlp = load_model(pipeline.settings.spacy_model)
    list(pipeline.code(fresh(base[:2])))  # warm up: load every stage's data

    t0 = time.perf_counter()
    for _ in range(args.repeat):
        for _doc in nlp.pipe((parse_text(a) for a in fresh(base)), batch_size=32):
            pass
    bare = time.perf_counter() - t0

    t0 = time.perf_counter()
    n_events = 0
    for _ in range(args.repeat):
        for a in pipeline.code(fresh(base)):
            n_events += len(getattr(a, "events", []))
    full = time.perf_counter() - t0

    n = len(base) * args.repeat
    print(f"articles: {len(base)} ({words} words, {words / len(base):.0f} per article) x {args.repeat}")
    print(f"bare spaCy parse : {n / bare:7.1f} articles/s  ({bare:.2f} s)")
    print(f"eventcoder code  : {n / full:7.1f} articles/s  ({full:.2f} s, {n_events} events)")
    print(f"ratio code/parse : {full / bare:7.2f}x the parse time")

    shares = stage_times(pipeline, base)
    total = sum(shares.values())
    print("time per stage   : " + ", ".join(
        f"{name} {sec * 1000 / len(base):.1f} ms/article ({100 * sec / total:.0f}%)"
        for name, sec in shares.items()))
    if args.workers > 1:
        rate = pooled_rate(pipeline, base, args.repeat, args.workers)
        print(f"--workers {args.workers}      : {rate:7.1f} articles/s")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory      : {own:.0f} MB main process" + (f", {kids:.0f} MB largest worker"
                                                             if kids else ""))


def stage_times(pipeline: Pipeline, base: list[Article]) -> dict[str, float]:
    """Seconds spent in each stage over the articles, one article at a time."""
    spent: dict[str, float] = defaultdict(float)
    for article in fresh(base):
        for name, fn in pipeline.stages:
            t0 = time.perf_counter()
            fn(article)
            spent[name] += time.perf_counter() - t0
    return dict(spent)


def pooled_rate(pipeline: Pipeline, base: list[Article], repeat: int, workers: int) -> float:
    """Articles per second when chunks are coded by `workers` forked processes."""
    from eventcoder.scale.pool import ProcessPool

    chunks = [fresh(base) for _ in range(repeat)]
    with ProcessPool(pipeline.settings, workers, pipeline=pipeline) as pool:
        t0 = time.perf_counter()
        done = sum(len(rows) for rows in pool(chunks))
        return done / (time.perf_counter() - t0)


if __name__ == "__main__":
    main()
