"""Sentence-level PLOVER classifier (`eventcoder classify`).

(First version: placeholder until the trained model lands.)

Contract:
- `Classifier.load(settings=None)` returns a ready classifier (loads its artifact once).
- `Classifier.predict(items)` takes dicts `{"text", "source", "target"}` (source/target may be
  None) and returns, in order, dicts `{"plover": str, "cameo": str|None, "confidence": float,
  "why": str}`.
- `classify_stream(path, out, err)` reads JSONL, writes JSONL, reports bad lines through `err`
  and returns the exit status (1 when any line failed).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from eventcoder.errors import Errors


class Classifier:
    """Placeholder: predicts CONSULT for everything."""

    @classmethod
    def load(cls, settings: Any = None) -> Classifier:
        return cls()

    def predict(self, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{"plover": "CONSULT", "cameo": "040", "confidence": 0.0, "why": "placeholder"}
                for _ in items]


def classify_stream(path: str, out: IO[str], err: Callable[[str], None]) -> int:
    """Classify every line of a JSONL file; bad lines are reported and skipped."""
    import sys

    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        err(Errors.E001.format(source=path))
        return 1
    except UnicodeDecodeError as exc:
        err(Errors.E002.format(source=path, detail=exc.reason))
        return 1
    clf = Classifier.load()
    failed = 0
    items = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
                raise ValueError("expected an object with a \"text\" string")
        except (json.JSONDecodeError, ValueError) as exc:
            err(Errors.E005.format(source=f"{path}:{n}", detail=exc))
            failed += 1
            continue
        items.append(obj)
    for obj, pred in zip(items, clf.predict(items), strict=True):
        out.write(json.dumps({k: pred[k] for k in ("plover", "cameo", "confidence")}) + "\n")
    return 1 if failed else 0
