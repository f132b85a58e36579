"""The times stage: every time expression, typed and valued as TIMEX3.

(First version: placeholder until the resolver lands.)

Contract used by the events stage: after this stage, `article.times` lists
the time expressions in text order, and `event_date(article, token)` gives
the date of the event whose verb is `token`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventcoder.model import Article
from eventcoder.settings import Settings

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token


def event_date(article: Article, token: Token) -> tuple[str | None, str | None]:
    """The date (YYYY, YYYY-MM or YYYY-MM-DD) of the event whose trigger is `token`,
    and a note on where it came from (the time expression's text, or a rule)."""
    if article.published:
        return article.published.isoformat(), "publication date"
    return None, None


def make_stage(settings: Settings):
    """Find time expressions and resolve them against the publication date."""

    def times_stage(article: Article) -> None:
        article.times = []

    return times_stage
