"""The quotes stage: direct, indirect and mixed quotes with their speakers.

(First version: placeholder until the extractor lands.)
"""

from __future__ import annotations

from eventcoder.model import Article
from eventcoder.settings import Settings


def make_stage(settings: Settings):
    """Find quotes and attribute them."""

    def quotes_stage(article: Article) -> None:
        article.quotes = []

    return quotes_stage
