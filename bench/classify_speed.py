"""Sentences per second of `eventcoder classify`, end to end, as a user runs it.

Runs the real command (`eventcoder classify FILE`, a fresh process: interpreter start,
imports, loading the model, reading, writing) on N sentences built from the development
sets (repeated to reach N), and also times `Classifier.predict` alone in this process.
Pin it to two cores to match the target machine:

    taskset -c 0,1 python bench/classify_speed.py [--n 1000]
"""

from __future__ import annotations

import argparse
import itertools
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from eventcoder.evaluate.events import default_gold, load_gold
from eventcoder.events.sentences import SentenceClassifier as Classifier


def sentences(n: int) -> list[dict]:
    """N inputs cycled from the development sets (text, source, target)."""
    items = [{"text": s.text, "source": s.source, "target": s.target}
             for path in default_gold() for s in load_gold(path)]
    return list(itertools.islice(itertools.cycle(items), n))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1000, help="number of sentences")
    args = ap.parse_args()
    items = sentences(args.n)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "in.jsonl"
        path.write_text("".join(json.dumps(x) + "\n" for x in items), encoding="utf-8")
        exe = Path(sys.executable).with_name("eventcoder")
        cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "eventcoder.cli"]
        t0 = time.perf_counter()
        run = subprocess.run([*cmd, "classify", str(path)], capture_output=True, text=True, check=False)
        cli_s = time.perf_counter() - t0
    if run.returncode != 0 or len(run.stdout.splitlines()) != len(items):
        print(f"classify failed (exit {run.returncode}): {run.stderr.strip()}", file=sys.stderr)
        return 1
    t0 = time.perf_counter()
    clf = Classifier.load()
    load_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    clf.predict(items)
    predict_s = time.perf_counter() - t0
    print(f"eventcoder classify, {len(items)} sentences, whole command: {cli_s:.2f} s = "
          f"{len(items) / cli_s:,.0f} sentences/s")
    print(f"model load {load_s * 1000:.0f} ms; predict alone: {len(items) / predict_s:,.0f} sentences/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
