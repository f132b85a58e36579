"""Quotation marks and non-quote signs (no spaCy model needed)."""

from __future__ import annotations

import pytest

from eventcoder.quotes import filters
from eventcoder.quotes.lexicon import load_lexicon
from eventcoder.quotes.marks import find_marked


@pytest.fixture(scope="module")
def lex():
    return load_lexicon()


def _contents(text, lex):
    return [text[m.start:m.end] for m in find_marked(text, lex)]


@pytest.mark.parametrize("text, expected", [
    # curly double marks, cue after
    ("“Dialogue is our preferred outcome,” said Denis McDonough.", ["Dialogue is our preferred outcome,"]),
    # straight double marks, two quotes in one paragraph
    ('"We are ready to talk," said Wang Yi. "But the other side must show good faith."',
     ["We are ready to talk,", "But the other side must show good faith."]),
    # British style: single marks, apostrophes inside and a plural possessive outside
    ("‘The fishermen’s quota is safe,’ she said of the Koreas’ plan.", ["The fishermen’s quota is safe,"]),
    # straight single marks are not confused with apostrophes
    ("'It's over,' he said, and the Koreas' talks ended.", ["It's over,"]),
    # a quote within a quote stays inside its outer quote
    ("“They told us ‘never again,’ and we believed them,” Park said.",
     ["They told us ‘never again,’ and we believed them,"]),
    # a section title in single marks
    ("‘Strategic Tactic’", ["Strategic Tactic"]),
])
def test_marks_found(lex, text, expected):
    assert _contents(text, lex) == expected


def test_marks_multi_paragraph_quote_is_one_span(lex):
    text = ('"The rich countries want us to stop using coal.\n\n'
            '"Our people need electricity," said Amara Okafor.')
    (m,) = find_marked(text, lex)
    assert text[m.start:m.end] == ('The rich countries want us to stop using coal.\n\n'
                                   '"Our people need electricity,')
    assert m.paragraphs == [0, 1]


def test_marks_unclosed_quote_ends_with_its_paragraph(lex):
    text = "“We will go on, he said.\n\nThe talks ended."
    assert _contents(text, lex) == ["We will go on, he said."]


def test_marks_elision_is_not_a_quote(lex):
    assert _contents("Rock music of the ‘90s returned to Seoul.", lex) == []


@pytest.mark.parametrize("text, is_title", [
    ("He said so on CBS’s “Face the Nation” program on Sunday.", True),
    ("The report, titled “A Path to Peace,” was published on Monday.", True),
    ("The so-called “phase two” deal has been delayed.", True),
    ("Dahl screened the documentary “Last Harvest” for delegates.", True),
    ("The annual “Freedom Shield” exercise starts next week.", True),
    ("“Dialogue is our preferred outcome,” said Denis McDonough.", False),
    ("The leaders had “quite a bit of alignment” on stopping the program.", False),
])
def test_filters_titles(lex, text, is_title):
    (m,) = find_marked(text, lex)
    assert filters.is_title(text, m, lex) is is_title


@pytest.mark.parametrize("text, headline", [
    ("‘Strategic Tactic’", True),
    ("“Routine Test”", True),
    ("“We will never give up.”", False),
])
def test_filters_headlines(lex, text, headline):
    (m,) = find_marked(text, lex)
    assert filters.is_headline(text, m, lex, (0, len(text))) is headline


@pytest.mark.parametrize("inner, scare", [
    ("high-level", True),
    ("nuclear free world", True),
    ("Those talks have to be real.", False),
    ("No.", False),
])
def test_filters_scare_quotes(lex, inner, scare):
    text = f"They held “{inner}” talks."
    (m,) = find_marked(text, lex)
    assert filters.is_scare(text, m, lex) is scare


def test_lexicon_reads_cue_verbs_and_phrases(lex):
    assert lex.is_cue_verb("say") and lex.is_cue_verb("Warn")
    assert "object_of" in lex.frames("accuse")
    assert ("according", "to") in lex.phrases
    assert not lex.is_cue_verb("meet")
