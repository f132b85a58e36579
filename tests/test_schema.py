"""The JSON contract: real output validates against the documented schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from eventcoder.output import write_json

SCHEMA = Path(__file__).resolve().parents[1] / "src/eventcoder/data/schema/eventcoder.schema.json"


def test_schema_seed_article_output_validates(seed_article):
    import io

    buf = io.StringIO()
    write_json([seed_article], buf)
    data = json.loads(buf.getvalue())
    jsonschema.validate(data, json.loads(SCHEMA.read_text()))
    art = data["articles"][0]
    assert art["events"] and art["quotes"] and art["times"]
    for e in art["events"]:
        assert seed_article.text[e["start"]:e["end"]] == e["evidence"]
    for q in art["quotes"]:
        assert seed_article.text[q["start"]:q["end"]] == q["text"]
    for t in art["times"]:
        assert seed_article.text[t["start"]:t["end"]] == t["text"]


def test_schema_documented_fields_are_all_in_the_json_schema():
    doc = (Path(__file__).resolve().parents[1] / "docs/schema.md").read_text()
    schema = json.loads(SCHEMA.read_text())
    for name in ("event", "quote", "time", "actor"):
        for field in schema["$defs"][name]["required"]:
            assert f"`{field}`" in doc, (name, field)
