"""The places stage: toponyms resolved to GeoNames entries, and events located.

(First version: placeholder until the gazetteer lands.)
"""

from __future__ import annotations

from eventcoder.model import Article
from eventcoder.settings import Settings


def make_stage(settings: Settings):
    """Find place names, resolve them, and give each event its location."""

    def places_stage(article: Article) -> None:
        article.places = []

    return places_stage
