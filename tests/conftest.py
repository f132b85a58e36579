"""Shared fixtures: the spaCy model and the full pipeline, loaded once per session."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "nk-talks-2013-06-16.json"


@pytest.fixture(scope="session")
def nlp():
    """The spaCy model the pipeline uses (with eventcoder's paragraph splitter)."""
    from eventcoder.nlp import load_model
    from eventcoder.settings import Settings

    return load_model(Settings().spacy_model)


@pytest.fixture(scope="session")
def pipeline():
    """The default pipeline, built once."""
    from eventcoder.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def seed_article(pipeline):
    """The defining article (Bloomberg, 16 June 2013), coded once for all tests."""
    from eventcoder.read import article_from_object

    obj = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    return pipeline(article_from_object(obj, str(EXAMPLE)))


@pytest.fixture(scope="session")
def code(pipeline):
    """Code one text: `code(text, published="2013-06-16")` returns the Article."""
    from eventcoder.model import Article

    def _code(text: str, published: str | None = "2013-06-16", **fields):
        pub = dt.date.fromisoformat(published) if published else None
        return pipeline(Article(text=text, published=pub, **fields))

    return _code
