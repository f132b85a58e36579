"""The news-style sentences we wrote for the classifier (`news-sentences.yaml`): well-formed
marks, every PLOVER type covered, and the shipped model (not trained on them) agreeing with
most of their labels, which checks both the labels' conventions and the model's reach."""

from __future__ import annotations

import re
from collections import Counter

import pytest
import yaml

from eventcoder.events.classify import DATA, Classifier

PLOVER = {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "REQUEST",
          "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
MARK = re.compile(r"\{([ST]):([^}]*)\}")


@pytest.fixture(scope="module")
def table() -> dict[str, list[str]]:
    return yaml.safe_load((DATA / "news-sentences.yaml").read_text(encoding="utf-8"))


def test_news_sentences_cover_every_type(table: dict[str, list[str]]) -> None:
    assert set(table) == PLOVER
    assert min(len(v) for v in table.values()) >= 40


def test_news_sentences_marks_are_well_formed(table: dict[str, list[str]]) -> None:
    seen: Counter[str] = Counter()
    for label, sentences in table.items():
        for sent in sentences:
            marks = Counter(kind for kind, text in MARK.findall(sent) if text.strip())
            assert marks["S"] == 1 and marks["T"] <= 1, (label, sent)
            assert "{" not in MARK.sub("", sent), (label, sent)
            seen[sent] += 1
    assert not [s for s, n in seen.items() if n > 1]


def test_shipped_model_agrees_with_most_news_labels(table: dict[str, list[str]]) -> None:
    def merged(label: str) -> str:
        return "YIELD" if label in ("CONCEDE", "RETREAT") else label

    items, gold = [], []
    for label, sentences in table.items():
        for sent in sentences:
            actors = dict(MARK.findall(sent))
            items.append({"text": MARK.sub(lambda m: m.group(2), sent),
                          "source": actors.get("S"), "target": actors.get("T")})
            gold.append(merged(label))
    pred = [merged(p["plover"]) for p in Classifier.load().predict(items)]
    agree = sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold)
    assert agree >= 0.8
