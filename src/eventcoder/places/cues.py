"""The places stage's cue lists, read from `eventcoder/data/places/cues.yaml`.

Agent nouns ("officials", "government") that make a modifying toponym stand
for a people or government are shared with the actors stage: they are read
from its `agents.yaml` and extended by our own list.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from eventcoder.places.gazetteer import DATA, _yaml


@dataclass(frozen=True)
class Cues:
    """Priors, limits and word lists for recognition, resolution and metonymy."""

    feature_prior: dict[str, float]
    context: dict[str, float]
    min_population_unrecognised: int
    min_population_in_context: int
    division_words: frozenset[str]
    named_after_capital: frozenset[str]
    not_places: frozenset[str]
    never_places: frozenset[str]
    literal_subject_verbs: frozenset[str]
    literal_object_verbs: frozenset[str]
    actor_preps: frozenset[str]
    literal_possessed: frozenset[str]
    agent_nouns: frozenset[str]
    resident_nouns: frozenset[str]
    locative_preps: frozenset[str]
    spatial_preps: frozenset[str]
    feature_suffixes: frozenset[str]
    feature_prefixes: frozenset[str]
    dateline_agencies: tuple[str, ...]


def _agent_words() -> set[str]:
    """Agent nouns from the actors stage's dictionary (single words, lower case)."""
    spec = _yaml(DATA / "actors" / "agents.yaml")
    words: set[str] = set()
    for agent in spec.get("agents", []) if isinstance(spec, dict) else []:
        words.update(w for w in agent.get("words", []) if " " not in w)
    return words


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    """The cues, read once per process."""
    raw = _yaml(DATA / "places" / "cues.yaml")
    met = raw["metonymy"]
    return Cues(
        feature_prior={k: float(v) for k, v in raw["feature_prior"].items()},
        context={k: float(v) for k, v in raw["context"].items()},
        min_population_unrecognised=int(raw["min_population_unrecognised"]),
        min_population_in_context=int(raw["min_population_in_context"]),
        division_words=frozenset(raw["division_words"]),
        named_after_capital=frozenset(raw["named_after_capital"]),
        not_places=frozenset(raw["not_places"]),
        never_places=frozenset(raw["never_places"]),
        literal_subject_verbs=frozenset(met["literal_subject_verbs"]),
        literal_object_verbs=frozenset(met["literal_object_verbs"]),
        actor_preps=frozenset(met["actor_preps"]),
        literal_possessed=frozenset(met["literal_possessed"]),
        agent_nouns=frozenset(_agent_words() | set(met["extra_agent_nouns"])),
        resident_nouns=frozenset(met["resident_nouns"]),
        locative_preps=frozenset(raw["locative_preps"]),
        spatial_preps=frozenset(raw["locative_preps"]) | frozenset(raw["spatial_preps"]),
        feature_suffixes=frozenset(raw["natural_features"]["suffixes"]),
        feature_prefixes=frozenset(raw["natural_features"]["prefixes"]),
        dateline_agencies=tuple(raw["dateline_agencies"]),
    )
