"""The times stage: every time expression, typed and valued as TIMEX3.

Contract used by the events stage: after this stage, `article.times` lists
the time expressions in text order (type DATE, TIME, DURATION or SET, a
TIMEX3 value anchored on the publication date, a mod, and the index of the
expression it was resolved against when relative to another date), and
`event_date(article, token)` gives the date of the event whose trigger is
`token`, with a note on what dated it.

Modules: `lexicon` (the words, from data/times/en.yaml), `grammar` (the
patterns), `accept` (is a match a time here?), `resolve` (TIMEX3 values),
`values` (calendar arithmetic), `tense` (the clause's tense from the parse),
`fallback` (spaCy DATE entities no pattern matched, read by dateparser),
`extract` (the whole pass), `dating` (event dates through the parse).

Measured with `eventcoder eval times` on TempEval-3 platinum development
documents (../shared/data/te3-dev): value F1 0.910, relaxed span F1 0.982,
strict 0.970; on the blind wire-style set (`--gold tests/data/times-blind`):
value F1 0.992, strict span F1 0.987.
"""

from __future__ import annotations

from eventcoder.model import Article
from eventcoder.settings import Settings
from eventcoder.times.dating import annotate_gaps, event_date
from eventcoder.times.extract import extract_times

__all__ = ["event_date", "extract_times", "make_stage"]


def make_stage(settings: Settings):
    """Find time expressions and resolve them against the publication date."""
    from eventcoder.times.grammar import rules
    from eventcoder.times.lexicon import load_lexicon

    load_lexicon()  # load the vocabulary and compile the patterns once, up front
    rules()

    def times_stage(article: Article) -> None:
        article.times = extract_times(article.text, article.published, article.doc)
        annotate_gaps(article)

    return times_stage
