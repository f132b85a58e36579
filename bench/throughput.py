"""Throughput of `eventcoder code` against the bare spaCy parse of the same texts.

Real articles: the seed article (829 words) plus the TempEval-3 news
documents in ../shared/data/te3-dev (or any .txt/.json/.jsonl given with
--input). Articles shorter than `--words` (default 800, the issue's size) are
joined, paragraph after paragraph, with the next ones until they reach it, so
the rate is for articles of that length; `--words 0` keeps them as they are. Both
runs parse the same texts with the same model, one after the other in this
process, so the ratio shows what eventcoder's own stages cost on top of the
parse. It also prints each stage's share of the time (so the cost of, say,
geoparsing can be read off), the rate with `--workers N` processes, and the
peak memory of the main process and of the workers.

Last, it times the real user path, `eventcoder ingest --workers N` into a
fresh DuckDB store (reading, coding, deduplicating and committing), on copies
of the articles made distinct so that the store's idempotency does not skip
them.

    python bench/throughput.py [--repeat 3] [--workers 2] [--words 800] [--input FILE ...]
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
from eventcoder.nlp import parse_text
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


def to_length(articles: list[Article], words: int) -> list[Article]:
    """Join consecutive short articles until each reaches about `words` words.

    A joined article keeps the first one's id and date; its text is the
    articles' texts one paragraph after the other, so every sentence is still
    real news and the parse cost per word is unchanged.
    """
    if words <= 0:
        return articles
    out: list[Article] = []
    group: list[Article] = []
    for a in articles:
        group.append(a)
        if sum(len(g.text.split()) for g in group) >= 0.9 * words:
            out.append(_joined(group))
            group = []
    if group:
        out.append(_joined(group))
    return out


def _joined(group: list[Article]) -> Article:
    first = group[0]
    if len(group) == 1:
        return first
    text = "\n\n".join(g.text.strip() for g in group)
    return Article(text=text, id="+".join(g.id for g in group), published=first.published)


def fresh(articles: list[Article]) -> list[Article]:
    return [Article(text=a.text, id=a.id, published=a.published, title=a.title) for a in articles]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=3, help="passes over the articles (default 3)")
    ap.add_argument("--input", nargs="*", default=[], help="article files instead of the defaults")
    ap.add_argument("--workers", type=int, default=2, help="processes for the pooled rate (default 2)")
    ap.add_argument("--words", type=int, default=800,
                    help="join short articles up to this many words (default 800; 0: as they are)")
    ap.add_argument("--no-ingest", action="store_true", help="skip the `eventcoder ingest` timing")
    args = ap.parse_args()

    base = to_length(load_articles(args.input), args.words)
    if not base:
        sys.exit("no articles to measure")
    words = sum(len(a.text.split()) for a in base)
    pipeline = Pipeline()
    # The baseline is spaCy as its users run it: the model loaded plainly,
    # without eventcoder's paragraph splitter or its indexed attribute ruler.
    import spacy

    nlp = spacy.load(pipeline.settings.spacy_model)
    list(nlp.pipe(parse_text(a) for a in base[:2]))
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
    copies = max(args.repeat, -(-64 // len(base)))  # at least two batches of 32
    if args.workers > 1:
        rate = pooled_rate(pipeline, base, copies, args.workers)
        print(f"--workers {args.workers}      : {rate:7.1f} articles/s  "
              f"({copies * len(base)} articles in batches of 32)")
    if not args.no_ingest:
        rate, start, n_ing = ingest_rate(base, copies, args.workers)
        print(f"ingest --workers {args.workers}: {rate:7.1f} articles/s  ({n_ing} articles into a "
              f"new DuckDB store, after {start:.1f} s of start-up)")
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


def pooled_rate(pipeline: Pipeline, base: list[Article], copies: int, workers: int) -> float:
    """Articles per second when batches of 32 are coded by `workers` forked processes.

    Each batch is split between the workers, as `ingest` does.
    """
    from eventcoder.scale.pool import ProcessPool

    items = [a for _ in range(copies) for a in fresh(base)]
    chunks = [items[i:i + 32] for i in range(0, len(items), 32)]
    with ProcessPool(pipeline.settings, workers, pipeline=pipeline) as pool:
        t0 = time.perf_counter()
        done = sum(len(rows) for rows in pool(chunks))
        return done / (time.perf_counter() - t0)


def ingest_rate(base: list[Article], copies: int, workers: int) -> tuple[float, float, int]:
    """`eventcoder ingest --workers N` of `copies` distinct copies of the articles.

    Returns (articles/s once started, start-up seconds, articles). Start-up
    (imports, model and dictionaries, workers) is the time of the same
    command on one article, and is taken out of the rate.
    """
    import json
    import subprocess
    import tempfile

    def run(tmp: Path, name: str, n_copies: int, limit: int | None = None) -> tuple[int, float]:
        src = tmp / f"{name}.jsonl"
        rows = [{"id": f"{a.id}#{r}", "text": f"Copy {r}.\n\n{a.text}",
                 "published": a.published.isoformat() if a.published else None}
                for r in range(n_copies) for a in base][:limit]
        # A distinct first line per copy: a new content hash, the same parse cost.
        src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        cmd = [sys.executable, "-m", "eventcoder", "ingest", str(src), "--db",
               str(tmp / f"{name}.duckdb"), "--workers", str(workers), "--quiet"]
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True)
        return len(rows), time.perf_counter() - t0

    with tempfile.TemporaryDirectory() as tmp:
        _, start = run(Path(tmp), "one", 1, limit=1)
        n, secs = run(Path(tmp), "all", copies)
    return (n - 1) / max(secs - start, 1e-9), start, n


if __name__ == "__main__":
    main()
