"""The pipeline: read → nlp → actors → times → events → quotes.

`Pipeline` builds each configured stage once (loading its dictionaries and
models) and then runs every article through them in order. Articles are
parsed in batches with spaCy's `nlp.pipe`, which is several times faster than
parsing one at a time; the other stages work per article. A stage that fails
on one article turns that article into an `InputError` naming it, and the
batch goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from itertools import islice

from eventcoder import nlp as nlp_module
from eventcoder.errors import Errors, InputError
from eventcoder.model import Article
from eventcoder.registry import Registry, StageFn, StageSpec, check_pipeline
from eventcoder.settings import Settings

log = logging.getLogger(__name__)


class Pipeline:
    """The configured stages, built once and applied to many articles."""

    def __init__(self, settings: Settings | None = None, registry: Registry | None = None) -> None:
        self.settings = settings or Settings()
        self.registry = registry or Registry()
        self.specs: list[StageSpec] = [self.registry.get(n) for n in self.settings.stages]
        for problem in check_pipeline(self.specs):
            log.warning(problem)
        self.stages: list[tuple[str, StageFn]] = [
            (spec.name, spec.factory(self.settings)) for spec in self.specs]

    @property
    def nlp(self):
        """The spaCy pipeline used by the nlp stage."""
        return nlp_module.load_model(self.settings.spacy_model)

    def __call__(self, article: Article) -> Article:
        """Run every stage on one article (errors propagate)."""
        for _, fn in self.stages:
            fn(article)
        return article

    def _finish(self, article: Article) -> Article | InputError:
        try:
            for name, fn in self.stages:
                if name == "nlp" and article.doc is not None:
                    continue
                fn(article)
        except Exception as exc:  # one article must not stop the batch
            log.debug("stage failed on %s", article.source_name, exc_info=True)
            detail = f"{type(exc).__name__}: {exc}"
            return InputError(Errors.E010.format(source=article.source_name, detail=detail),
                              article.source_name)
        return article

    def code(self, items: Iterable[Article | InputError]) -> Iterator[Article | InputError]:
        """Code a stream of articles, passing read errors through in order."""
        batch_size = self.settings.batch_size
        it = iter(items)
        use_pipe = any(name == "nlp" for name, _ in self.stages)
        while True:
            chunk = list(islice(it, batch_size))
            if not chunk:
                return
            if use_pipe:
                articles = [a for a in chunk if isinstance(a, Article)]
                try:
                    list(nlp_module.pipe(self.nlp, articles, batch_size))
                except Exception:  # fall back to one at a time, so the error is pinned down
                    log.debug("batch parse failed; parsing one at a time", exc_info=True)
            for item in chunk:
                yield item if isinstance(item, InputError) else self._finish(item)


def code_text(text: str, published: str | None = None, pipeline: Pipeline | None = None,
              **fields: str) -> Article:
    """Code one text (a convenience for the API and for tests)."""
    import datetime as dt

    pipe = pipeline or Pipeline()
    article = Article(text=text, published=dt.date.fromisoformat(published) if published else None,
                      **fields)
    return pipe(article)
