"""eventcoder: political news in, coded events, actors, quotes and dates out.

    >>> from eventcoder import Pipeline, Article
    >>> article = Pipeline()(Article(text="...", published=...))
"""

from eventcoder.model import Actor, Article, Event, Quote, TimeExpr
from eventcoder.pipeline import Pipeline, code_text
from eventcoder.settings import Settings

__version__ = "0.1.0"
__all__ = ["Actor", "Article", "Event", "Pipeline", "Quote", "Settings", "TimeExpr", "code_text"]
