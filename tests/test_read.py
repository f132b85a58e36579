"""Readers: every input form, and every kind of bad input reported by name."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from eventcoder.errors import InputError
from eventcoder.model import Article
from eventcoder.read import read_inputs, read_path

SENTENCE = "North Korea proposed talks with the United States on Sunday."


def _one(path, **kw):
    items = list(read_path(str(path), **kw))
    assert len(items) == 1
    return items[0]


def test_read_txt_title_then_blank_line(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(f"N. Korea Proposes Talks\n\n{SENTENCE}\n", encoding="utf-8")
    a = _one(p, published=dt.date(2013, 6, 16))
    assert isinstance(a, Article)
    assert a.title == "N. Korea Proposes Talks"
    assert a.text.startswith("North Korea proposed")
    assert a.published == dt.date(2013, 6, 16)
    assert a.id == "a"


def test_read_txt_without_title(tmp_path):
    p = tmp_path / "b.txt"
    p.write_text(SENTENCE + "\nA second line follows directly.\n", encoding="utf-8")
    a = _one(p)
    assert a.title is None and a.text.startswith("North Korea")


def test_read_json_article_keeps_metadata(tmp_path):
    p = tmp_path / "a.json"
    p.write_text(json.dumps({"id": "x1", "title": "T", "text": SENTENCE, "published": "2013-06-16",
                             "url": "http://example.org/a", "outlet": "Wire"}), encoding="utf-8")
    a = _one(p, published=dt.date(2000, 1, 1))
    assert (a.id, a.title, a.url, a.outlet) == ("x1", "T", "http://example.org/a", "Wire")
    assert a.published == dt.date(2013, 6, 16)  # the article's own date wins over --published


def test_read_jsonl_bad_line_does_not_stop_the_rest(tmp_path):
    p = tmp_path / "many.jsonl"
    p.write_text("\n".join([json.dumps({"text": SENTENCE}), "{not json", json.dumps({"text": "  "}),
                            json.dumps({"text": "Russia and China agreed to hold talks."})]),
                 encoding="utf-8")
    items = list(read_path(str(p)))
    assert [type(i).__name__ for i in items] == ["Article", "InputError", "InputError", "Article"]
    assert f"{p}:2" in str(items[1]) and "malformed JSON" in str(items[1])
    assert f"{p}:3" in str(items[2]) and "empty" in str(items[2])


@pytest.mark.parametrize("content, problem", [
    (b"", "empty"),
    (b"   \n\t \n", "empty"),
    (b"caf\xe9 au lait in Paris", "not valid UTF-8"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
])
def test_read_bad_file_is_reported_by_name(tmp_path, content, problem):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    err = _one(p)
    assert isinstance(err, InputError)
    assert str(p) in str(err) and problem in str(err)


def test_read_missing_file_then_good_one(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(SENTENCE, encoding="utf-8")
    items = list(read_inputs([str(tmp_path / "nope.txt"), str(good)]))
    assert isinstance(items[0], InputError) and "no such file" in str(items[0])
    assert isinstance(items[1], Article)


@pytest.mark.parametrize("obj, problem", [
    ({"title": "no text"}, "\"text\""),
    ({"text": 42}, "must be a string"),
    ({"text": SENTENCE, "published": "16/06/2013"}, "invalid publication date"),
    ([1, 2], "expected a JSON object"),
])
def test_read_invalid_article_objects(tmp_path, obj, problem):
    p = tmp_path / "obj.json"
    p.write_text(json.dumps(obj), encoding="utf-8")
    items = list(read_path(str(p)))
    assert items and all(isinstance(i, InputError) for i in items)
    assert problem in str(items[0])
