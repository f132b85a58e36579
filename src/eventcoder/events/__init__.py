"""The events stage: who did what to whom, coded in CAMEO and PLOVER.

(First version: placeholder until the coder lands.)
"""

from __future__ import annotations

from eventcoder.model import Article
from eventcoder.settings import Settings


def make_stage(settings: Settings):
    """Find and code events."""

    def events_stage(article: Article) -> None:
        article.events = []

    return events_stage
