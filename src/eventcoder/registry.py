"""Stages registered by name, with declared contracts.

A stage factory takes the `Settings` and returns a callable that annotates an
`Article` in place. Factories load what they need (dictionaries, models) once,
so the callable holds its own state and no module keeps global state; the
same pipeline can therefore be built twice with different settings in one
process, or shipped to Dask workers.

Each registration declares what the stage `requires` from earlier stages and
what it `assigns`, and `check_pipeline()` warns about a requirement that no
earlier stage meets (as spaCy's `pipe_analysis` does).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from eventcoder.model import Article
from eventcoder.settings import Settings

StageFn = Callable[[Article], None]
Factory = Callable[[Settings], StageFn]


@dataclass(frozen=True)
class StageSpec:
    """A registered stage: its name, factory and contract."""

    name: str
    factory: Factory
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    doc: str


# Built-in stages: name -> "module:factory". Importing eventcoder registers
# nothing; the registry imports a stage's module only when it is used.
BUILTIN: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "nlp": ("eventcoder.nlp:make_stage", (), ("doc", "sentences")),
    "actors": ("eventcoder.actors:make_stage", ("doc",), ("mentions",)),
    "times": ("eventcoder.times:make_stage", ("doc",), ("times",)),
    "events": ("eventcoder.events:make_stage", ("doc", "mentions", "times"), ("events",)),
    "quotes": ("eventcoder.quotes:make_stage", ("doc", "mentions"), ("quotes",)),
    "places": ("eventcoder.places:make_stage", ("doc", "mentions", "events"), ("places",)),
}


class Registry:
    """Stage factories by name; users may register their own."""

    def __init__(self) -> None:
        self._specs: dict[str, StageSpec] = {}

    def register(self, name: str, factory: Factory, requires: Sequence[str] = (),
                 assigns: Sequence[str] = (), doc: str = "") -> None:
        """Register `factory` under `name`; an existing name is an error."""
        if name in self._specs or name in BUILTIN:
            raise ValueError(f"a stage named {name!r} is already registered")
        self._specs[name] = StageSpec(name, factory, tuple(requires), tuple(assigns), doc)

    def get(self, name: str) -> StageSpec:
        """The spec for `name`, importing a built-in stage's module on first use."""
        if name in self._specs:
            return self._specs[name]
        if name not in BUILTIN:
            known = ", ".join(sorted({*BUILTIN, *self._specs}))
            raise ValueError(f"unknown stage {name!r} (known: {known})")
        target, requires, assigns = BUILTIN[name]
        module_name, attr = target.split(":")
        factory = getattr(importlib.import_module(module_name), attr)
        spec = StageSpec(name, factory, requires, assigns, (factory.__doc__ or "").strip())
        self._specs[name] = spec
        return spec

    def names(self) -> list[str]:
        """All stage names, built-in first."""
        return [*BUILTIN, *(n for n in self._specs if n not in BUILTIN)]


def check_pipeline(specs: Sequence[StageSpec]) -> list[str]:
    """Warnings for requirements that no earlier stage assigns."""
    have: set[str] = set()
    problems = []
    for spec in specs:
        for need in spec.requires:
            if need not in have:
                problems.append(f"stage {spec.name!r} requires {need!r}, which no earlier stage assigns")
        have.update(spec.assigns)
    return problems
