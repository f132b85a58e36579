"""The same matches as spaCy's attribute ruler, found through an index.

en_core_web_sm's `attribute_ruler` maps tags to parts of speech and fixes
lemmas and morphology with 179 patterns. spaCy's `Matcher` tries every
pattern at every token, which costs about a tenth of the whole parse on this
CPU. Every one of those patterns is a fixed sequence of one or two tokens
tested for equality, membership (`IN`, `NOT_IN`) or a regular expression on `TAG`,
`LOWER`, `DEP` and `IS_SPACE`, so a dictionary from a token's lower-cased
text or tag to the few patterns that can start there finds exactly the same
matches. The ruler then applies them as before (its own `set_annotations`),
so the annotations are identical; `tests/test_nlp.py` checks that on real
articles. A ruler with any other kind of pattern keeps spaCy's matcher.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from spacy.pipeline import AttributeRuler
    from spacy.tokens import Doc

# The token attributes patterns may test, in the order of `doc.to_array`'s columns.
_COLUMNS = ("LOWER", "TAG", "DEP", "IS_SPACE")

Test = Callable[[int], bool]
Spec = tuple[tuple[int, Test], ...]
Item = tuple[int, int, tuple[Spec, ...]]


class IndexedRuleMatcher:
    """Finds the attribute ruler's matches, in the form its `match` returns them.

    Tokens are read as one array of string hashes (`doc.to_array`), so the
    per-token work is a dictionary lookup and a few integer comparisons.
    """

    def __init__(self, ruler: AttributeRuler) -> None:
        self.strings = ruler.vocab.strings
        # One index per column: the value a pattern's first token must have.
        self.index: list[dict[int, list[Item]]] = [defaultdict(list) for _ in _COLUMNS]
        self.always: list[Item] = []
        for attr_id, entry in enumerate(ruler.patterns):
            match_id = self.strings.add(str(attr_id))
            for pattern in entry["patterns"]:
                if not pattern:
                    raise ValueError("empty attribute-ruler pattern")
                item = (attr_id, match_id, tuple(self._spec(tok) for tok in pattern))
                for col, attr in enumerate(_COLUMNS):
                    keys = self._keys(pattern[0].get(attr))
                    if keys is not None:
                        for k in keys:
                            self.index[col][k].append(item)
                        break
                else:
                    self.always.append(item)

    def _hash(self, value: str) -> int:
        return self.strings.add(value)

    def _test(self, attr: str, value: Any) -> Test:
        """A predicate on one attribute's hashed value; ValueError if unsupported."""
        if attr == "IS_SPACE" and isinstance(value, bool):
            return int(value).__eq__
        if attr != "IS_SPACE" and isinstance(value, str):
            return self._hash(value).__eq__
        if attr != "IS_SPACE" and isinstance(value, dict) and len(value) == 1:
            (op, arg), = value.items()
            if op == "IN" and isinstance(arg, list):
                return frozenset(self._hash(a) for a in arg).__contains__
            if op == "NOT_IN" and isinstance(arg, list):
                banned = frozenset(self._hash(a) for a in arg)
                return lambda v: v not in banned
            if op == "REGEX" and isinstance(arg, str):
                return self._regex(re.compile(arg))
        raise ValueError(f"unsupported attribute-ruler test {attr}: {value!r}")

    def _regex(self, rx: re.Pattern[str]) -> Test:
        """A regular expression test, remembered per string (a vocabulary is small)."""
        seen: dict[int, bool] = {}
        strings = self.strings

        def test(v: int) -> bool:
            hit = seen.get(v)
            if hit is None:
                hit = seen[v] = rx.search(strings[v]) is not None
            return hit
        return test

    def _spec(self, token_pattern: dict) -> Spec:
        for attr in token_pattern:
            if attr not in _COLUMNS:
                raise ValueError(f"unsupported attribute-ruler attribute {attr}")
        return tuple((_COLUMNS.index(attr), self._test(attr, value))
                     for attr, value in token_pattern.items())

    def _keys(self, value: Any) -> list[int] | None:
        """The hashes a first-token test admits, if it lists them."""
        if value is True:  # IS_SPACE, which the array holds as 0 or 1
            return [1]
        if isinstance(value, str):
            return [self._hash(value)]
        if isinstance(value, dict) and set(value) == {"IN"}:
            return [self._hash(v) for v in value["IN"]]
        return None

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        rows = doc.to_array(list(_COLUMNS)).tolist() if len(doc) else []
        if rows and not isinstance(rows[0], list):  # one column comes back flat
            rows = [[r] for r in rows]
        n = len(rows)
        found: set[tuple[int, int, int, int]] = set()
        lower, tag, dep, space = self.index
        always = self.always
        for i, row in enumerate(rows):
            for attr_id, match_id, specs in (*lower.get(row[0], ()), *tag.get(row[1], ()),
                                             *dep.get(row[2], ()), *space.get(row[3], ()),
                                             *always):
                end = i + len(specs)
                if end <= n and all(test(rows[i + k][col]) for k, spec in enumerate(specs)
                                    for col, test in spec):
                    found.add((attr_id, match_id, i, end))
        return sorted(found)


def speed_up(ruler: AttributeRuler) -> bool:
    """Give `ruler` the indexed matcher; False (and unchanged) if a pattern is unsupported."""
    try:
        ruler.match = IndexedRuleMatcher(ruler)  # type: ignore[method-assign]
    except ValueError:
        return False
    return True
