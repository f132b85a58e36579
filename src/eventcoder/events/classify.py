"""Sentence-level PLOVER classifier (`eventcoder classify`).

Given a sentence that reports an event, with the source's and target's text when known,
say which PLOVER type it is. The model is three small neural networks (one hidden layer
each, their probabilities averaged) over cheap lexical features (`classify_features`:
words, the predicate between the marked actors, and hits of our PLOVER cue lexicon),
trained by `scripts/train_classifier.py` and shipped as
`data/classifier/model.npz` + `vocab.json` (numpy only at run time: fast and offline).
CONCEDE and RETREAT are learned as one class, YIELD (they are scored as one, and the
line between them is thin), and told apart afterwards by which one's cue words dominate.
The CAMEO code is the most specific one the sentence's words support
(`data/classifier/cameo-cues.yaml`), else the type's default.

Contract:
- `Classifier.load(settings=None)` returns a ready classifier (loads its artifact once).
- `Classifier.predict(items)` takes dicts `{"text", "source", "target"}` (source/target may be
  None) and returns, in order, dicts `{"plover": str, "cameo": str|None, "confidence": float,
  "why": str}`.
- `classify_stream(path, out, err)` reads JSONL, writes one JSONL line per input line (an
  unparseable line gets `{"plover": null, ..., "error": ...}` so output stays aligned),
  reports bad lines through `err` and returns the exit status (1 when any line failed).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

import numpy as np

from eventcoder.datafiles import load_yaml
from eventcoder.errors import Errors
from eventcoder.events.classify_features import (
    DATA,
    CueLexicon,
    Featurized,
    featurize,
    load_lexicon,
    mark_actors,
    tokenize,
)


@dataclass(frozen=True)
class CameoRules:
    """Per PLOVER type: a default CAMEO code and ordered (code, cues) refinements."""

    defaults: dict[str, str]
    lexicons: dict[str, list[tuple[str, CueLexicon]]]

    @classmethod
    def from_file(cls, path: Path) -> CameoRules:
        table = load_yaml(path.read_text(encoding="utf-8"))
        defaults = {t: str(v["default"]) for t, v in table.items()}
        lexicons = {t: [(str(r["code"]), CueLexicon({str(r["code"]): r["cues"]})) for r in v.get("rules", [])]
                    for t, v in table.items()}
        return cls(defaults, lexicons)

    def code(self, plover: str, tokens: Sequence[str]) -> tuple[str | None, str | None]:
        """(CAMEO code, the cue that refined it, if any)."""
        for code, lex in self.lexicons.get(plover, []):
            hits = lex.find(tokens)
            if hits:
                return code, hits[0][2].text
        return self.defaults.get(plover), None


@dataclass(frozen=True)
class Network:
    """The trained networks' weights, stacked: sparse features -> ReLU hidden layer -> type
    logits, one network per training seed; their probabilities are averaged."""

    w1: np.ndarray  # (nets, features, hidden), int8; times w1_scale gives the weights
    w1_scale: np.ndarray  # (nets, hidden)
    b1: np.ndarray  # (nets, hidden)
    w2: np.ndarray  # (nets, hidden, labels)
    b2: np.ndarray  # (nets, labels)

    def _forward(self, pre: np.ndarray) -> np.ndarray:
        logits = np.einsum("...nh,nhl->...nl", np.maximum(pre, 0.0), self.w2) + self.b2
        probs = np.exp(logits - logits.max(axis=-1, keepdims=True))
        return (probs / probs.sum(axis=-1, keepdims=True)).mean(axis=-2)

    def probabilities(self, idx: list[int]) -> tuple[np.ndarray, np.ndarray]:
        """(class probabilities, hidden pre-activations) for the active feature indices."""
        pre = (self.w1[:, idx].sum(axis=1, dtype=np.float32) * self.w1_scale + self.b1 if idx
               else self.b1.copy())
        return self._forward(pre), pre

    def influence(self, idx: list[int], pre: np.ndarray, label: int) -> np.ndarray:
        """How much the label's probability drops when each active feature is taken away."""
        without = pre[None, :, :] - np.swapaxes(self.w1[:, idx], 0, 1).astype(np.float32) * self.w1_scale
        return self._forward(pre)[label] - self._forward(without)[:, label]


@lru_cache(maxsize=2)
def _load_artifact(folder: str) -> tuple[dict[str, int], list[str], Network]:
    meta = json.loads((Path(folder) / "vocab.json").read_text(encoding="utf-8"))
    arrays = np.load(Path(folder) / "model.npz")
    vocab = {f: i for i, f in enumerate(meta["features"])}
    net = Network(arrays["w1"], arrays["w1_scale"], arrays["b1"], arrays["w2"], arrays["b2"])
    return vocab, list(meta["labels"]), net


class Classifier:
    """The trained PLOVER type classifier plus the CAMEO refinement rules."""

    def __init__(self, vocab: dict[str, int], labels: list[str], net: Network, lexicon: CueLexicon,
                 cameo: CameoRules) -> None:
        self.vocab, self.labels, self.net = vocab, labels, net
        self.lexicon, self.cameo = lexicon, cameo
        self._names = list(vocab)  # vocab maps name -> index in insertion order

    @classmethod
    def load(cls, settings: Any = None) -> Classifier:
        """Load the shipped artifact (or `settings.classifier_dir` when a setting names one)."""
        folder = Path(getattr(settings, "classifier_dir", None) or DATA)
        vocab, labels, net = _load_artifact(str(folder))
        return cls(vocab, labels, net, load_lexicon(), CameoRules.from_file(DATA / "cameo-cues.yaml"))

    @staticmethod
    def _split_yield(feats: Featurized) -> str:
        """YIELD is learned as one class; report RETREAT when its cues outnumber CONCEDE's."""
        labels = [c.label for _, _, c in feats.hits]
        return "RETREAT" if labels.count("RETREAT") > labels.count("CONCEDE") else "CONCEDE"

    def _why(self, feats: Featurized, idx: list[int], pre: np.ndarray, label: int, conf: float,
             cue: str | None, explain: bool = True) -> str:
        parts = [f"model p={conf:.2f}"]
        cues = [f"{c.text}->{c.label}" for _, _, c in feats.hits if c.label == self.labels[label]][:3]
        if cues:
            parts.append("cues: " + ", ".join(cues))
        if idx and explain:
            drop = self.net.influence(idx, pre, label)
            top = [self._names[idx[i]] for i in np.argsort(-drop)[:3] if drop[i] > 0]
            if top:
                parts.append("top features: " + ", ".join(top))
        if cue:
            parts.append(f"CAMEO refined by '{cue}'")
        return "; ".join(parts)

    def predict(self, items: list[dict[str, Any]], explain: bool = True) -> list[dict[str, Any]]:
        """One prediction per item, in order. `explain=False` leaves out the features that
        weighed most (a leave-one-out pass per prediction), for callers that only keep
        the confident ones; the probability and the cue words are always given."""
        out = []
        for item in items:
            feats = featurize(item.get("text") or "", actor_text(item.get("source")),
                              actor_text(item.get("target")), self.lexicon)
            idx = sorted({self.vocab[f] for f in feats.features if f in self.vocab})
            probs, pre = self.net.probabilities(idx)
            label = int(probs.argmax())
            conf = float(probs[label])
            plover = self.labels[label]
            if plover == "YIELD":
                plover = self._split_yield(feats)
            # The actors' own words count here ("a suicide bomber", "riot police").
            cameo, cue = self.cameo.code(plover, tokenize(mark_actors(item.get("text") or "", None, None)))
            out.append({"plover": plover, "cameo": cameo, "confidence": round(conf, 4),
                        "why": self._why(feats, idx, pre, label, conf, cue, explain)})
        return out


def actor_text(value: Any) -> str | None:
    """The actor's text from what callers pass: a string, or leniently a record such as
    `{"actorText": ...}` or a list of them (a compound actor: its first member)."""
    if isinstance(value, str) or value is None:
        return value
    if isinstance(value, dict):
        found = value.get("actorText") or value.get("text")
        return found if isinstance(found, str) else None
    if isinstance(value, list) and value:
        return actor_text(value[0])
    return None


def _parse_line(line: str, source: str) -> dict[str, Any]:
    """One input line -> item; raises ValueError with the coded message saying what is wrong."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(Errors.E005.format(source=source, detail=exc)) from None
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str) or not obj["text"].strip():
        got = type(obj).__name__ if not isinstance(obj, dict) else 'no non-empty "text"'
        raise ValueError(Errors.E006.format(source=source, detail=got))
    for key in ("source", "target"):
        if obj.get(key) not in (None, "", []) and actor_text(obj[key]) is None:
            raise ValueError(Errors.E007.format(source=source, field=key, expected="a string or null",
                                                detail=type(obj[key]).__name__))
    return obj


def _read(path: str, err: Callable[[str], None]) -> str | None:
    try:
        return sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        err(Errors.E001.format(source=path))
    except UnicodeDecodeError as exc:
        err(Errors.E002.format(source=path, detail=exc.reason))
    except OSError as exc:
        err(Errors.E009.format(source=path, detail=exc.strerror or exc))
    return None


def classify_stream(path: str, out: IO[str], err: Callable[[str], None], explain: bool = False) -> int:
    """Classify every line of a JSONL file, one output line per non-blank input line
    (with `explain`, each line also says why: the pattern or the model's evidence)."""
    text = _read(path, err)
    if text is None:
        return 1
    parsed: list[dict[str, Any] | str] = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            parsed.append(_parse_line(line, f"{path}:{n}"))
        except ValueError as exc:
            err(str(exc))
            parsed.append(str(exc))
    items = [p for p in parsed if isinstance(p, dict)]
    from eventcoder.events.sentences import SentenceClassifier

    preds = iter(SentenceClassifier.load().predict(items)) if items else iter(())
    for entry in parsed:
        if isinstance(entry, str):
            row = {"plover": None, "cameo": None, "confidence": 0.0, "error": entry}
        else:
            pred = next(preds)
            keys = ("plover", "cameo", "confidence", "why") if explain else ("plover", "cameo", "confidence")
            row = {k: pred[k] for k in keys}
        out.write(json.dumps(row) + "\n")
    return 1 if len(items) < len(parsed) else 0
