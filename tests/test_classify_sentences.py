"""`classify` combines the codebook patterns (over the parse) with the lexical model."""

from __future__ import annotations

import pytest

from eventcoder.events.sentences import SentenceClassifier


@pytest.fixture(scope="module")
def clf():
    return SentenceClassifier.load()


@pytest.mark.parametrize("text, source, target, plover, cameo", [
    ("North Korea threatened on Friday to launch more missiles.", "North Korea", None, "THREATEN", "138"),
    ("Israeli Prime Minister Benjamin Netanyahu met U.S. Secretary of State Antony Blinken in "
     "Jerusalem on Monday.", "Benjamin Netanyahu", "Antony Blinken", "CONSULT", "040"),
    ("The European Union imposed new sanctions on Iran over its supply of drones to Russia.",
     "The European Union", "Iran", "SANCTION", "163"),
])
def test_classify_sentences_pattern_gives_type_and_specific_code(clf, text, source, target, plover, cameo):
    [pred] = clf.predict([{"text": text, "source": source, "target": target}])
    assert pred["plover"] == plover
    assert pred["cameo"] == cameo
    assert "model said" in pred["why"]  # the pattern decided, and the model's view is recorded


def test_classify_sentences_without_actors_fall_back_to_the_model(clf):
    text = "Thousands of teachers marched through the capital demanding higher pay."
    [pred] = clf.predict([{"text": text, "source": None, "target": None}])
    assert pred["plover"] == "PROTEST"
    assert "model said" not in pred["why"]


def test_classify_sentences_keeps_order_and_length(clf):
    items = [{"text": "Russia and China agreed to hold talks.", "source": "Russia", "target": "China"},
             {"text": "Police arrested the opposition leader in Harare.", "source": "Police",
              "target": "the opposition leader"}] * 3
    preds = clf.predict(items)
    assert [p["plover"] for p in preds[:2]] * 3 == [p["plover"] for p in preds]
    assert preds[1]["plover"] == "COERCE"


def test_given_actors_are_found_whatever_their_spacing_and_case():
    from eventcoder.events.gold import mentions_for

    found = mentions_for("The Homeland Union (Conservatives) began collecting signatures, "
                         "the U.S. said.", [("Homeland Union  (Conservatives)", "LTU"),
                                            ("The U.S.", "USA"), ("Iran", "IRN")])
    assert [(a.text, a.code) for a in found] == [("Homeland Union (Conservatives)", "LTU"),
                                                  ("the U.S.", "USA")]
