"""Reading eventcoder's data files.

Dictionaries, patterns and lexicons are YAML, read at start-up by every
stage. PyYAML's pure-Python parser takes most of a second over them; its C
parser (libyaml, in PyYAML's wheels) reads the same files several times
faster with the same safe semantics, so every data file is read through here.
"""

from __future__ import annotations

from typing import Any

import yaml

SAFE_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    """Parse YAML text with the safe loader (C parser where available)."""
    return yaml.load(text, Loader=SAFE_LOADER)  # noqa: S506 - a safe loader
