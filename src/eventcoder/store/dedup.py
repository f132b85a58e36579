"""Deduplication: many reports of one event become one event cluster.

A wire story is reprinted by dozens of outlets, and each copy codes the same
event again. GDELT keeps one event row and counts its mentions, articles and
sources; so do we. Two event mentions belong to one cluster when they share

- the dyad (source and target actor codes),
- the event type (PLOVER category, else the CAMEO root: outlets paraphrase
  "proposed talks" and "offered talks", which the coder may code 036 or 039),
- the factuality (a denied attack is not the attack),
- the event date, and
- near-identical evidence: the Jaccard similarity of the two sentences' word
  sets is at least `threshold`.

Mentions are compared with every mention already in a cluster with the same
key (single linkage), so a chain of small edits stays one cluster. Each
mention keeps its own evidence; only the cluster id is shared.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from eventcoder.model import Event

BlockKey = tuple[str, str, str, str, str]

_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> frozenset[str]:
    """The set of lower-cased words of a sentence."""
    return frozenset(w.lower() for w in _WORD.findall(text))


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard similarity of two word sets (1.0 for two empty sets)."""
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def event_type(cameo: str, plover: str | None) -> str:
    """The type two mentions must share: PLOVER, else the CAMEO root code."""
    return plover or f"cameo:{cameo[:2]}"


def block_key(event: Event) -> BlockKey:
    """The exact-match part of the cluster test: dyad, type, factuality and date."""
    target = event.target.code if event.target and event.target.code else ""
    return (event.source.code or "", target, event_type(event.cameo, event.plover),
            event.factuality, event.date or "")


@dataclass
class Clusterer:
    """Assigns cluster ids to event mentions, consistently across batches.

    `lookup(key)` returns the (cluster_id, evidence) pairs already stored for
    a block key; it is called once per key per ingest run and then cached.
    `next_id` is the next free cluster id (one more than the store's largest),
    so ids depend only on the order articles were ingested in.
    """

    lookup: Callable[[BlockKey], list[tuple[int, str]]]
    next_id: int = 1
    threshold: float = 0.6
    _known: dict[BlockKey, list[tuple[int, frozenset[str]]]] = field(default_factory=dict, repr=False)

    def assign(self, key: BlockKey, evidence: str) -> int:
        """The cluster id for a mention: an existing cluster it matches, else a new one."""
        members = self._known.get(key)
        if members is None:
            members = [(cid, words(ev)) for cid, ev in self.lookup(key)]
            self._known[key] = members
        mine = words(evidence)
        best, best_score = None, self.threshold
        for cid, theirs in members:
            score = similarity(mine, theirs)
            if score >= best_score:
                best, best_score = cid, score
        if best is None:
            best = self.next_id
            self.next_id += 1
        members.append((best, mine))
        return best

    def forget(self) -> None:
        """Drop the cache (after a rolled-back batch whose ids were never stored)."""
        self._known.clear()
