"""`eventcoder eval quotes`: the metrics, the gold set's integrity and the command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventcoder.cli import main as cli
from eventcoder.evaluate import quotes as ev
from eventcoder.model import Actor, Quote

GOLD = Path(__file__).resolve().parent / "data" / "quotes-gold.jsonl"


@pytest.mark.parametrize("a, b, expected", [
    ((0, 10), (0, 10), 1.0),
    ((0, 10), (5, 15), 5 / 15),
    ((0, 10), (10, 20), 0.0),
    ((0, 100), (0, 95), 0.95),
])
def test_ratio_is_intersection_over_union(a, b, expected):
    assert ev.ratio(a, b) == pytest.approx(expected)


def test_match_is_one_to_one_largest_overlap_first():
    gold = [(0, 50), (60, 100)]
    system = [(0, 20), (10, 55), (200, 210)]
    assert sorted(ev.match(gold, system)) == [(0, 1)]  # (60, 100) overlaps nothing
    assert ev.match(gold, system, min_ratio=0.9) == []


@pytest.mark.parametrize("gold, actor, ok", [
    ({"speaker": "Park Young Ho"}, Actor(text="Park"), True),
    ({"speaker": "Yang Moo Jin", "speaker_text": "he"}, Actor(text="he", name="Yang Moo Jin"), True),
    ({"speaker": "Yang Moo Jin", "speaker_text": "he"}, Actor(text="he"), False),
    ({"speaker": "Recep Tayyip Erdogan"}, Actor(text="Erdoğan"), True),
    ({"speaker": "The Global Times"}, Actor(text="Global Times"), True),
    ({"speaker": "Tom Donilon"}, Actor(text="Denis McDonough"), False),
    ({"speaker": "Tom Donilon"}, None, False),
])
def test_speaker_matching(gold, actor, ok):
    assert ev.speaker_matches(gold, actor) is ok


def test_score_counts_each_figure():
    gold = [{"start": 0, "end": 10, "kind": "direct", "speaker": "Park"},
            {"start": 20, "end": 40, "kind": "indirect", "speaker": "Xinhua"}]
    system = [Quote("x" * 10, 0, 10, "direct", Actor(text="Park"), "said"),
              Quote("y" * 10, 20, 30, "mixed", Actor(text="KCNA"), "said"),
              Quote("z", 50, 51, "direct", None, None)]
    c = ev.score(gold, system)
    assert (c.gold, c.system, c.overlap, c.near, c.speaker, c.kind) == (2, 3, 2, 1, 1, 1)
    f = ev.figures(c)
    assert f["overlap P"] == pytest.approx(2 / 3) and f["overlap R"] == 1.0
    assert f["speaker acc"] == 0.5


def test_gold_set_is_consistent():
    items = ev.load_gold(GOLD)
    assert len(items) >= 5
    quotes = [q for a in items for q in a["quotes"]]
    assert len(quotes) >= 40
    assert {q["kind"] for q in quotes} == {"direct", "indirect", "mixed"}
    for a in items:
        for q in a["quotes"]:
            assert a["text"][q["start"]:q["end"]] == q["text"], q
            assert q["speaker"]


def test_gold_is_found_by_default():
    assert ev.default_gold().resolve() == GOLD.resolve()


def test_eval_quotes_on_the_gold_set_meets_the_bar():
    items = ev.load_gold(GOLD)
    total = ev.Counts()
    for obj, article in zip(items, ev.code_articles(items)):
        total.add(ev.score(obj["quotes"], article.quotes))
    f = ev.figures(total)
    assert f["overlap F1"] >= 0.85
    assert f["near-exact F1"] >= 0.70
    assert f["speaker acc"] >= 0.90


def test_eval_quotes_command(tmp_path):
    gold = tmp_path / "gold.jsonl"
    text = "“We will not give in,” said Denis McDonough, the White House chief of staff."
    gold.write_text(json.dumps({"id": "one", "text": text, "quotes": [
        {"text": "We will not give in", "start": 1, "end": 20, "kind": "direct",
         "speaker": "Denis McDonough", "cue": "said"}]}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "quotes", "--gold", str(gold)])
    assert result.exit_code == 0, result.output
    assert "overlap" in result.output and "ALL" in result.output


def test_eval_quotes_unreadable_gold_fails(tmp_path):
    result = CliRunner().invoke(cli, ["eval", "quotes", "--gold", str(tmp_path / "missing.jsonl")])
    assert result.exit_code == 1
