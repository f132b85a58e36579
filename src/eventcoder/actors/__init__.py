"""The actors stage: every actor mention in the article, coded CAMEO-style.

(First version: placeholder until the dictionary-based resolver lands.)

Contract used by the events and quotes stages: after this stage,
`article.mentions` lists every actor mention (names, descriptions, pronouns
resolved through coreference), each an `Actor` with character offsets, and
`actor_for_token(article, token)` returns the actor a noun phrase refers to.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventcoder.model import Actor, Article
from eventcoder.settings import Settings

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token


def actor_for_token(article: Article, token: Token) -> Actor | None:
    """The actor that the noun phrase headed by `token` refers to, or None."""
    sub = list(token.subtree)
    start, end = sub[0].idx, sub[-1].idx + len(sub[-1])
    best = None
    for m in article.mentions_in(start, end):
        if best is None or (m.start <= token.idx < m.end):
            best = m
    return best


def make_stage(settings: Settings):
    """Find and code actor mentions."""

    def actors_stage(article: Article) -> None:
        article.mentions = []

    return actors_stage
