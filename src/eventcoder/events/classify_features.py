"""Features for the sentence classifier, shared by training and prediction.

The training script (`scripts/train_classifier.py`) and `eventcoder classify` must turn a
sentence into exactly the same feature strings, so both import this module. The features
are plain strings (mapped to weights through the vocabulary shipped with the model), cheap
to compute without a parse so that classification runs at thousands of sentences a second:

- the words of the sentence (light stems) and their bigrams, with the marked source and
  target replaced by the tokens ``srcx`` and ``tgtx``, so the words that name the actors
  do not drive the event type;
- the words just after the source, between source and target, and just before the
  target, each with its own prefix: the predicate linking the two actors is the strongest
  signal of what one did to the other;
- hits of the cue lexicon (`data/classifier/event-cues.yaml`), by PLOVER type and by
  where they fall, so words the training data never showed still count, and the "why"
  can name the words that decided.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from eventcoder.datafiles import load_yaml

DATA = Path(__file__).resolve().parent.parent / "data" / "classifier"
SRC, TGT = "srcx", "tgtx"
_TOKEN = re.compile(r"[a-z]+(?:[-'][a-z]+)*|\d+(?:[.,]\d+)*")
#: How many tokens after the source / before the target count as "near".
AFTER_WINDOW = 6
BEFORE_WINDOW = 3
#: How far back (tokens) an intent or negation marker still governs an action cue.
MARKER_REACH = 4


def stem(word: str) -> str:
    """A light suffix stripper: enough to join "threatened"/"threatens"/"threatening".

    A full lemmatizer needs a parse; this keeps the classifier parse-free and fast.
    """
    if len(word) <= 4 or not word.isalpha():
        return word
    base = word
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("s", "")):
        if not word.endswith(suffix) or len(word) - len(suffix) < 3:
            continue
        if suffix == "s" and word.endswith(("ss", "us", "is")):
            break
        base = word[: len(word) - len(suffix)] + repl
        if suffix in ("ing", "ed") and base[-1] == base[-2] and base[-1] not in "ls":
            base = base[:-1]
        break
    trimmed = base.rstrip("e")
    return trimmed if len(trimmed) >= 3 else base


@dataclass(frozen=True)
class Cue:
    """One cue: its words (each a prefix when ending in "*") and the label it signals."""

    words: tuple[str, ...]
    label: str

    @property
    def text(self) -> str:
        return " ".join(self.words)


class CueLexicon:
    """Word cues per label, matched on lower-cased tokens (first-word index for speed)."""

    def __init__(self, table: dict[str, Sequence[str]]) -> None:
        self._exact: dict[str, list[Cue]] = {}
        self._prefix: dict[str, list[Cue]] = {}
        for label, cues in table.items():
            for raw in cues:
                cue = Cue(tuple(str(raw).lower().split()), label)
                first = cue.words[0]
                if first.endswith("*"):
                    self._prefix.setdefault(first[:-1], []).append(cue)
                else:
                    self._exact.setdefault(first, []).append(cue)
        self._prefix_lengths = sorted({len(p) for p in self._prefix}, reverse=True)

    @staticmethod
    def _word_matches(pattern: str, token: str) -> bool:
        return token.startswith(pattern[:-1]) if pattern.endswith("*") else token == pattern

    def _candidates(self, token: str) -> Iterable[Cue]:
        yield from self._exact.get(token, ())
        for n in self._prefix_lengths:
            if n <= len(token):
                yield from self._prefix.get(token[:n], ())

    def find(self, tokens: Sequence[str]) -> list[tuple[int, int, Cue]]:
        """All cue hits as (start, end, cue), in token order."""
        hits = []
        for i, tok in enumerate(tokens):
            for cue in self._candidates(tok):
                n = len(cue.words)
                if i + n <= len(tokens) and all(
                        self._word_matches(w, tokens[i + k]) for k, w in enumerate(cue.words[1:], 1)):
                    hits.append((i, i + n, cue))
        return hits


@lru_cache(maxsize=4)
def load_lexicon(path: str = str(DATA / "event-cues.yaml")) -> CueLexicon:
    """The PLOVER cue lexicon (cached: it is read-only once built)."""
    table = load_yaml(Path(path).read_text(encoding="utf-8"))
    return CueLexicon(table)


@lru_cache(maxsize=4)
def _markers_table(path: str) -> dict:
    return load_yaml(Path(path).read_text(encoding="utf-8"))


@lru_cache(maxsize=4)
def load_markers(path: str = str(DATA / "markers.yaml")) -> CueLexicon:
    """Intent, negation and condition markers (cached)."""
    table = _markers_table(path)
    return CueLexicon({k: v for k, v in table.items() if k != "GROUPS"})


@lru_cache(maxsize=4)
def load_groups(path: str = str(DATA / "markers.yaml")) -> dict[str, str]:
    """Action type -> its side ("coop" or "conflict")."""
    return {label: group for group, labels in _markers_table(path)["GROUPS"].items() for label in labels}


def _find_span(text: str, actor: str | None, taken: list[tuple[int, int]]) -> tuple[int, int] | None:
    """Where the actor's text occurs (case-insensitive), avoiding spans already taken."""
    if not actor or not actor.strip():
        return None
    low, needle = text.lower(), actor.strip().lower()
    for candidate in (needle, needle.split()[-1] if " " in needle else None):
        if not candidate:
            continue
        start = low.find(candidate)
        while start >= 0:
            end = start + len(candidate)
            if all(end <= a or start >= b for a, b in taken):
                return start, end
            start = low.find(candidate, start + 1)
    return None


def mark_actors(text: str, source: str | None, target: str | None) -> str:
    """The lower-cased sentence with the source and target spans replaced by SRC/TGT tokens."""
    spans: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    for actor, token in ((source, SRC), (target, TGT)):
        span = _find_span(text, actor, taken)
        if span:
            taken.append(span)
            spans.append((span[0], span[1], token))
    out, pos = [], 0
    for start, end, token in sorted(spans):
        out.extend((text[pos:start], f" {token} "))
        pos = end
    out.append(text[pos:])
    return "".join(out).lower().replace("\u2019", "'")


def tokenize(marked: str) -> list[str]:
    """Word tokens of an already lower-cased, actor-marked sentence (numbers become "0")."""
    return ["0" if t[0].isdigit() else t for t in _TOKEN.findall(marked)]


@dataclass
class Featurized:
    """A sentence's tokens, cue hits and feature strings (kept for the explanation)."""

    tokens: list[str]
    hits: list[tuple[int, int, Cue]]
    features: list[str]


def _regions(tokens: Sequence[str]) -> dict[str, range]:
    """Token ranges around the actors: after source, between, before target."""
    s = tokens.index(SRC) if SRC in tokens else -1
    t = tokens.index(TGT) if TGT in tokens else -1
    regions: dict[str, range] = {}
    if s >= 0:
        regions["l"] = range(max(0, s - BEFORE_WINDOW), s)
        end = t if s < t <= s + AFTER_WINDOW else s + 1 + AFTER_WINDOW
        regions["a"] = range(s + 1, min(end, len(tokens)))
    if s >= 0 and t >= 0:
        regions["m" if s < t else "r"] = range(min(s, t) + 1, max(s, t))
    if t >= 0:
        regions["p"] = range(max(0, t - BEFORE_WINDOW), t)
    return regions


def _governing(markers: list[tuple[int, int, Cue]], start: int) -> dict[str, bool]:
    """Which marker kinds end within MARKER_REACH tokens before position `start`."""
    return {m.label: True for a, b, m in markers if b <= start and start - b < MARKER_REACH and a < start}


def _cue_features(tokens: Sequence[str], hits: list[tuple[int, int, Cue]], regions: dict[str, range],
                  markers: list[tuple[int, int, Cue]]) -> list[str]:
    """Cue-hit features: type, where it falls, and the markers that govern it."""
    feats: list[str] = []
    groups = load_groups()
    first_after: str | None = None
    for start, _end, cue in hits:
        label = cue.label
        feats.append("c:" + label)
        for kind in _governing(markers, start):
            feats.append(f"{kind.lower()}:{label}")
            if label in groups:
                feats.append(f"{kind.lower()}:{groups[label]}")
        for name, rng in regions.items():
            if start in rng:
                feats.append(f"c{name}:{label}")
                if name == "a" and first_after is None:
                    first_after = label
    lead = first_after or (hits[0][2].label if hits else None)
    if first_after:
        feats.append("cf:" + first_after)
    if hits:
        feats.append("c0:" + hits[0][2].label)
    kinds = {m.label for _, _, m in markers}
    for kind in kinds:
        feats.append("has:" + kind.lower())
        if lead:
            feats.append(f"has:{kind.lower()}:{lead}")
    return feats


def featurize(text: str, source: str | None, target: str | None,
              lexicon: CueLexicon | None = None) -> Featurized:
    """Feature strings for one sentence with its (optional) source and target text."""
    lexicon = lexicon or load_lexicon()
    tokens = tokenize(mark_actors(text, source, target))
    stems = [stem(t) for t in tokens]
    feats = ["bias"]
    feats.extend("w:" + s for s in stems)
    feats.extend(f"b:{a}_{b}" for a, b in zip(stems, stems[1:]))
    regions = _regions(tokens)
    for name, rng in regions.items():
        feats.extend(f"{name}:{stems[i]}" for i in rng)
        if name in ("a", "m", "r", "l"):
            feats.extend(f"{name}b:{stems[i]}_{stems[i + 1]}" for i in rng if i + 1 in rng)
    if "m" in regions and len(regions["m"]) == 0:
        feats.append("adjacent")
    if "r" in regions:
        feats.append("tgt_first")
    hits = lexicon.find(tokens)
    feats.extend(_cue_features(tokens, hits, regions, load_markers().find(tokens)))
    return Featurized(tokens, hits, feats)
