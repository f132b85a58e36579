"""The CAMEO and PLOVER codebooks: labels, Goldstein scores, quad classes and
the mappings between the two schemes.

Shared by the events stage and the sentence classifier, so that both code the
same way. Everything comes from data files in the package:

- `data/cameo/CAMEO.eventcodes.txt` and `CAMEO.goldsteinscale.txt` (GDELT's
  lookup tables of the CAMEO 1.1b3 codebook),
- `data/plover/CAMEO2PLOVER-2021.txt` (the upstream PLOVER conversion table,
  copied unchanged),
- `data/plover/plover-supplement.yaml` (ours: the CAMEO roots 01 and 02 the
  upstream table leaves out, and the default CAMEO code of each PLOVER type
  and mode).

Use `Codebook.load()`; it is cached, so every caller shares one read-only
instance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Any

from eventcoder.datafiles import load_yaml

_DATA = "eventcoder.data"
_TABLE_LINE = re.compile(r"^\s*(\d{2,4})\s*:\s*([A-Z]+)\s*(?:,([^,#]*))?(?:,([^#]*))?(?:#(.*))?$")

# PLOVER 2016 names that the 2021 draft renamed or merged (the PLOVER dev
# set still uses them).
PLOVER_2016 = MappingProxyType({
    "DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT",
    "YIELD": "CONCEDE",
})


@dataclass(frozen=True)
class PloverCode:
    """A PLOVER event type and (optionally) its mode."""

    event: str
    mode: str | None = None


def _read_text(package: str, name: str) -> str:
    return resources.files(package).joinpath(name).read_text(encoding="utf-8", errors="replace")


def _read_tsv(name: str) -> dict[str, str]:
    rows: dict[str, str] = {}
    for n, line in enumerate(_read_text(f"{_DATA}.cameo", name).splitlines()):
        if n == 0 or not line.strip():
            continue  # header row
        code, _, value = line.partition("\t")
        rows[code.strip()] = value.strip()
    return rows


def _read_cameo2plover() -> dict[str, PloverCode]:
    """Parse the upstream table: `036: AGREE,  , diplomatic # Express intent ...`."""
    table: dict[str, PloverCode] = {}
    for line in _read_text(f"{_DATA}.plover", "CAMEO2PLOVER-2021.txt").splitlines():
        if line.lstrip().startswith("#"):
            continue
        m = _TABLE_LINE.match(line)
        if not m:
            continue
        code, event, mode = m.group(1), m.group(2), (m.group(3) or "").strip()
        table.setdefault(code, PloverCode(event, mode or None))
    return table


@dataclass(frozen=True)
class Codebook:
    """Read-only CAMEO/PLOVER lookups."""

    labels: MappingProxyType[str, str]
    goldstein_scores: MappingProxyType[str, float]
    cameo_to_plover: MappingProxyType[str, PloverCode | None]
    plover_defaults: MappingProxyType[str, str]
    plover_mode_defaults: MappingProxyType[str, str]

    @classmethod
    @lru_cache(maxsize=1)
    def load(cls) -> Codebook:
        """Read the tables once per process."""
        supplement: dict[str, Any] = load_yaml(
            _read_text(f"{_DATA}.plover", "plover-supplement.yaml"))
        c2p: dict[str, PloverCode | None] = dict(_read_cameo2plover())
        for code, value in supplement["cameo2plover"].items():
            c2p.setdefault(str(code), PloverCode(value["event"], value.get("mode")) if value else None)
        for code, value in supplement.get("cameo2plover_overrides", {}).items():
            c2p[str(code)] = PloverCode(value["event"], value.get("mode"))
        labels = _read_tsv("CAMEO.eventcodes.txt")
        labels.update({str(k): str(v) for k, v in supplement.get("label_fixes", {}).items()})
        return cls(
            labels=MappingProxyType(labels),
            goldstein_scores=MappingProxyType(
                {k: float(v) for k, v in _read_tsv("CAMEO.goldsteinscale.txt").items()}),
            cameo_to_plover=MappingProxyType(c2p),
            plover_defaults=MappingProxyType({k: str(v) for k, v in supplement["plover2cameo"].items()}),
            plover_mode_defaults=MappingProxyType(
                {k: str(v) for k, v in supplement["plover_mode2cameo"].items()}),
        )

    # --- CAMEO ---------------------------------------------------------------
    def is_code(self, code: str) -> bool:
        """Whether `code` is a CAMEO event code in the codebook."""
        return code in self.labels

    def label(self, code: str) -> str:
        """The CAMEO description ("Express intent to meet or negotiate")."""
        return self.labels.get(code, "")

    def goldstein(self, code: str) -> float:
        """The Goldstein score; a code missing from the table takes its parent's."""
        for c in _ancestors(code):
            if c in self.goldstein_scores:
                return self.goldstein_scores[c]
        return 0.0

    @staticmethod
    def root(code: str) -> str:
        """The two-digit CAMEO root ("036" -> "03")."""
        return code[:2]

    @staticmethod
    def quad_class(code: str) -> int:
        """1 verbal cooperation (01-05), 2 material cooperation (06-08),
        3 verbal conflict (09-13), 4 material conflict (14-20)."""
        root = int(code[:2])
        if root <= 5:
            return 1
        if root <= 8:
            return 2
        if root <= 13:
            return 3
        return 4

    # --- PLOVER --------------------------------------------------------------
    def plover(self, code: str) -> PloverCode | None:
        """The PLOVER type and mode of a CAMEO code (None for 01 statements).

        A code missing from the tables takes its nearest listed parent's mapping.
        """
        for c in _ancestors(code):
            if c in self.cameo_to_plover:
                return self.cameo_to_plover[c]
        return None

    def default_cameo(self, plover: str, mode: str | None = None) -> str | None:
        """The CAMEO code that best stands for a PLOVER type (and mode)."""
        plover = PLOVER_2016.get(plover, plover)
        if mode and f"{plover}/{mode}" in self.plover_mode_defaults:
            return self.plover_mode_defaults[f"{plover}/{mode}"]
        return self.plover_defaults.get(plover)


def _ancestors(code: str) -> list[str]:
    """`code` and its parents, most specific first ("0311" -> 0311, 031, 03)."""
    out = [code]
    if len(code) == 4:
        out.append(code[:3])
    if len(code) >= 3:
        out.append(code[:2])
    return out
