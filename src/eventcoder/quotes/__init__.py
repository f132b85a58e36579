"""The quotes stage: direct, indirect and mixed quotes with their speakers.

`make_stage(settings)` returns a callable that fills `article.quotes` with
`Quote` objects: the quoted content (without marks or cue), its character
span, its kind (direct, indirect, mixed), the speaker as a coded `Actor`
(through the actors stage, which runs before this one) and the cue ("said",
"according to"). How the rules fit together is explained in
`eventcoder.quotes.assemble`; the words they use are in
`eventcoder/data/quotes/`.
"""

from __future__ import annotations

from collections.abc import Callable

from eventcoder.model import Article
from eventcoder.quotes.assemble import Assembler
from eventcoder.quotes.lexicon import load_lexicon
from eventcoder.settings import Settings

__all__ = ["make_stage"]


def make_stage(settings: Settings) -> Callable[[Article], None]:
    """Find the article's quotes and attribute them to coded speakers."""
    lex = load_lexicon()

    def quotes_stage(article: Article) -> None:
        if article.doc is None:
            article.quotes = []
            return
        article.quotes = Assembler(article, lex).run()

    return quotes_stage
