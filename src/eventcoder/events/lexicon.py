"""The events stage's dictionaries, read from `eventcoder/data/events/`.

- `triggers.yaml`: verb and noun patterns -> CAMEO codes, and light verbs,
- `frames.yaml`: words that embed another event (intent, appeal, demand,
  reject, threaten, cancel, halt) and how they recode it,
- `factuality.yaml`: negation, modality, future and conditional cues,
- `syntax.yaml`: target prepositions, reporting verbs, transparent nouns.

The files are ours, written from the CAMEO and PLOVER codebooks; see their
headers. `Lexicon.load()` reads and validates them once per process.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import MISSING, dataclass, field, fields
from functools import lru_cache
from importlib import resources
from typing import Any

from eventcoder.datafiles import load_yaml
from eventcoder.events.codebook import Codebook

_PACKAGE = "eventcoder.data.events"


@dataclass(frozen=True)
class VerbPattern:
    """A verb lemma (with optional object or particle constraints) -> CAMEO."""

    id: str
    lemmas: frozenset[str]
    cameo: str
    objects: frozenset[str] = frozenset()
    prep: str | None = None
    mode: str | None = None
    ambiguous: bool = False

    @property
    def specificity(self) -> int:
        """Constraints the pattern carries; a more specific pattern wins."""
        return bool(self.objects) + bool(self.prep)


@dataclass(frozen=True)
class NounPattern:
    """A nominal trigger ("talks", "air strike") -> CAMEO."""

    id: str
    lemmas: frozenset[str]
    cameo: str
    modifiers: frozenset[str] = frozenset()
    mode: str | None = None


@dataclass(frozen=True)
class Frame:
    """A word that embeds another event and recodes it (see frames.yaml)."""

    name: str
    verbs: frozenset[str]
    adjectives: frozenset[str]
    nouns: frozenset[str]
    preps: frozenset[str]
    mapping: dict[str, str]
    default: str | None
    fallthrough: str | None
    carry_target: bool
    particles: dict[str, frozenset[str]] = field(default_factory=dict)
    obligation_modals: frozenset[str] = frozenset()
    nominal_only: bool = False
    default_needs_object: frozenset[str] = frozenset()

    def recode(self, code: str) -> str | None:
        """The frame's code for an embedded `code` (longest matching prefix)."""
        for n in range(len(code), 1, -1):
            if code[:n] in self.mapping:
                return self.mapping[code[:n]]
        return None


@dataclass(frozen=True)
class Cues:
    """Factuality cue words (see factuality.yaml)."""

    negators: frozenset[str]
    negating_heads: frozenset[str]
    future_aux: frozenset[str]
    would_aux: frozenset[str]
    possible_aux: frozenset[str]
    future_heads: frozenset[str]
    possible_heads: frozenset[str]
    conditional_marks: frozenset[str]


@dataclass(frozen=True)
class FutureRecoding:
    """CAMEO roots whose future acts are coded as intents or threats (frames.yaml)."""

    intent: tuple[str, ...]
    intent_when_self_reported: tuple[str, ...]
    threaten: tuple[str, ...]


@dataclass(frozen=True)
class Syntax:
    """Word lists for reading the parse (see syntax.yaml)."""

    target_preps: tuple[str, ...]
    reporting_verbs: frozenset[str]
    telling_verbs: frozenset[str]
    object_control_verbs: frozenset[str]
    transparent_nouns: frozenset[str]
    non_actor_nouns: frozenset[str]
    purpose_events: frozenset[str]
    background_marks: frozenset[str] = frozenset()
    receipt_verbs: frozenset[str] = frozenset()
    place_target_roots: frozenset[str] = frozenset()
    receipt_nouns: dict[str, str] = field(default_factory=dict)
    active_passives: frozenset[str] = frozenset()
    instrument_nouns: frozenset[str] = frozenset()
    victim_verbs: frozenset[str] = frozenset()
    cause_nouns: frozenset[str] = frozenset()
    cause_preps: frozenset[str] = frozenset()
    recodings: dict[str, dict] = field(default_factory=dict)
    domestic_roots: frozenset[str] = frozenset()
    content_heads: frozenset[str] = frozenset()
    content_preps: frozenset[str] = frozenset()
    condition_marks: frozenset[str] = frozenset()
    recipient_codes: frozenset[str] = frozenset()
    own_place_no_target_roots: frozenset[str] = frozenset()
    document_nouns: frozenset[str] = frozenset()
    implied_state_acts: dict[str, str] = field(default_factory=dict)
    reciprocal_roots: frozenset[str] = frozenset()


def _syntax(raw: dict[str, Any], codebook: Codebook) -> Syntax:
    """syntax.yaml read by field name: word lists as sets of strings (a list without a
    default must be present), `target_preps` in its order of preference, and the
    tables whose CAMEO codes are checked."""
    special: dict[str, Any] = {
        "target_preps": tuple(raw["target_preps"]),
        "receipt_nouns": {str(k): _checked(codebook, {"cameo": str(v), "id": f"receipt:{k}"}, "cameo")
                          for k, v in (raw.get("receipt_nouns") or {}).items()},
        "recodings": _recodings(raw.get("recodings") or {}, codebook),
        "implied_state_acts": {str(k): str(v) for k, v in (raw.get("implied_state_acts") or {}).items()},
    }
    values: dict[str, Any] = {}
    for f in fields(Syntax):
        if f.name in special:
            values[f.name] = special[f.name]
        elif f.default is MISSING and f.default_factory is MISSING:
            values[f.name] = frozenset(str(w) for w in raw[f.name])
        else:
            values[f.name] = frozenset(str(w) for w in raw.get(f.name) or ())
    return Syntax(**values)


def _recodings(raw: dict, codebook: Codebook) -> dict[str, dict]:
    """syntax.yaml's recodings, their word lists as sets and every code checked."""
    out: dict[str, dict] = {}
    for name, rule in raw.items():
        rule = {k: (frozenset(str(x) for x in v) if isinstance(v, list) else v) for k, v in rule.items()}
        _checked(codebook, {"id": f"recoding:{name}", "cameo": str(rule["to"])}, "cameo")
        out[name] = rule
    return out


@dataclass(frozen=True)
class Lexicon:
    """All the events stage's dictionaries, indexed for lookup by lemma."""

    verbs: dict[str, list[VerbPattern]]
    nouns: dict[str, list[NounPattern]]
    light_verbs: frozenset[str]
    frames: list[Frame]
    cues: Cues
    syntax: Syntax
    future: FutureRecoding
    frame_index: dict[tuple[str, str], list[Frame]] = field(default_factory=dict)

    @classmethod
    @lru_cache(maxsize=1)
    def load(cls) -> Lexicon:
        """Read, validate and index the three YAML files (once per process)."""
        codebook = Codebook.load()
        triggers = _read("triggers.yaml")
        verbs: dict[str, list[VerbPattern]] = defaultdict(list)
        for row in triggers["verbs"]:
            p = VerbPattern(row["id"], frozenset(row["lemmas"]), _checked(codebook, row, "cameo"),
                            frozenset(row.get("object", ())), row.get("prep"), row.get("mode"),
                            bool(row.get("ambiguous", False)))
            for lemma in p.lemmas:
                verbs[lemma].append(p)
        nouns: dict[str, list[NounPattern]] = defaultdict(list)
        for row in triggers["nouns"]:
            n = NounPattern(row["id"], frozenset(row["lemmas"]), _checked(codebook, row, "cameo"),
                            frozenset(row.get("modifiers", ())), row.get("mode"))
            for lemma in n.lemmas:
                nouns[lemma].append(n)
        raw_frames = _read("frames.yaml")
        recoding = raw_frames.pop("future_recoding")
        frames = [_frame(name, body, codebook) for name, body in raw_frames.items()]
        index: dict[tuple[str, str], list[Frame]] = defaultdict(list)
        for f in frames:
            for kind, words in (("verb", f.verbs), ("adj", f.adjectives), ("noun", f.nouns)):
                for w in words:
                    index[(kind, w)].append(f)
        cues = Cues(**{k: frozenset(str(w) for w in v) for k, v in _read("factuality.yaml").items()})
        raw = _read("syntax.yaml")
        syntax = _syntax(raw, codebook)
        future = FutureRecoding(*(tuple(str(r) for r in recoding[k]) for k in
                                  ("intent", "intent_when_self_reported", "threaten")))
        return cls(dict(verbs), dict(nouns), frozenset(triggers["light_verbs"]), frames, cues, syntax,
                   future, dict(index))

    def frame(self, name: str) -> Frame:
        """The frame called `name`."""
        return next(f for f in self.frames if f.name == name)

    @property
    def verb_lemmas(self) -> frozenset[str]:
        """Every verb the dictionaries know: triggers, light verbs, frame and reporting verbs."""
        return frozenset({*self.verbs, *self.light_verbs, *self.syntax.reporting_verbs,
                          *self.syntax.receipt_verbs, *(w for k, w in self.frame_index if k == "verb")})

    def frames_for(self, kind: str, lemma: str) -> list[Frame]:
        """Frames evoked by a word of `kind` ("verb", "adj", "noun")."""
        return self.frame_index.get((kind, lemma), [])


def _read(name: str) -> dict[str, Any]:
    text = resources.files(_PACKAGE).joinpath(name).read_text(encoding="utf-8")
    return load_yaml(text)


def _checked(codebook: Codebook, row: dict[str, Any], key: str) -> str:
    code = str(row[key])
    if not codebook.is_code(code):
        raise ValueError(f"events dictionary: pattern {row.get('id')!r} has unknown CAMEO code {code!r}")
    return code


def _frame(name: str, body: dict[str, Any], codebook: Codebook) -> Frame:
    mapping = {str(k): str(v) for k, v in body["map"].items()}
    for code in [*mapping.values(), *([body["default"]] if body.get("default") else [])]:
        if not codebook.is_code(str(code)):
            raise ValueError(f"events frames: frame {name!r} maps to unknown CAMEO code {code!r}")
    return Frame(name, frozenset(body.get("verbs", ())), frozenset(body.get("adjectives", ())),
                 frozenset(body.get("nouns", ())), frozenset(body.get("preps", ())), mapping,
                 str(body["default"]) if body.get("default") else None, body.get("fallthrough"),
                 bool(body.get("carry_target", False)),
                 {str(k): frozenset(str(p) for p in v) for k, v in (body.get("particles") or {}).items()},
                 frozenset(body.get("obligation_modals", ())), bool(body.get("nominal_only", False)),
                 frozenset(body.get("default_needs_object", ())))
