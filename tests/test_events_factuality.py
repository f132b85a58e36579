"""Factuality of events: asserted, future, possible or negated, on news sentences."""

from __future__ import annotations

import datetime as dt

import pytest

from eventcoder.events import EventCoder
from eventcoder.events.gold import lookup_mention, mentions_for
from eventcoder.model import Article
from eventcoder.pipeline import Pipeline
from eventcoder.settings import Settings

ACTORS = {"Iran": "IRN", "Israel": "ISR", "The U.S.": "USA", "the U.S.": "USA", "Russia": "RUS",
          "Ukraine": "UKR", "North Korea": "PRK", "Park": "KORGOV", "Xi": "CHNGOV", "China": "CHN",
          "Japan": "JPN", "Hamas": "PSEHAM", "Serbia": "SRB", "Kosovo": "XKX"}


@pytest.fixture(scope="module")
def facts():
    """`facts(text)` -> [(cameo, factuality)] of the sentence's events."""
    pipe = Pipeline(Settings(stages=("nlp", "times")))
    coder = EventCoder(Settings(), None, lookup_mention)

    def _facts(text: str):
        art = pipe(Article(text=text, published=dt.date(2013, 6, 16)))
        art.mentions = mentions_for(text, ACTORS.items())
        coder(art)
        return [(e.cameo, e.factuality) for e in art.events]

    return _facts


@pytest.mark.parametrize("text, factuality", [
    ("Israel attacked Hamas positions on Sunday.", "asserted"),
    # negation
    ("Israel did not attack Hamas positions on Sunday.", "negated"),
    ("Russia never threatened Ukraine, the Kremlin said.", "negated"),
    ("Iran refused to release the American hostages.", "asserted"),  # the refusal happened (1243)
    ("Serbia has held no talks with Kosovo since March.", "negated"),
    # modality
    ("Iran may attack Israel, analysts said.", "possible"),
    ("Russia could impose sanctions on Ukraine.", "possible"),
    ("The U.S. is unlikely to agree to the proposal from North Korea.", "possible"),
    ("Japan might recognize Kosovo next year.", "possible"),
    # future and plans
    ("Park and Xi will hold their first summit meeting in Beijing on June 27.", "future"),
    ("Iran plans to hold talks with Russia next month.", "future"),
    ("China is to host Japan for talks next week.", "future"),
    ("Xi is expected to meet Park in Beijing on Thursday.", "future"),
    ("Russia was set to sign the treaty with Ukraine.", "future"),
    ("The meeting with Japan, which would have been the first in years, was cancelled after Iran "
     "objected.", None),
    # conditionals and questions
    ("If Iran attacks Israel, the region will be at war.", "possible"),
    ("Will Russia attack Ukraine?", "possible"),
])
def test_factuality(facts, text, factuality):
    found = facts(text)
    if factuality is None:  # nothing asserted
        assert all(f != "asserted" for _, f in found), found
        return
    assert found, text
    assert found[0][1] == factuality, found


def test_refusal_is_coded_as_reject_not_as_release(facts):
    assert facts("Iran refused to release the American hostages.")[0] == ("1243", "asserted")


def test_refusal_of_an_uncoded_act_negates_it(facts):
    assert facts("Israel refused to attack Hamas positions.")[0] == ("190", "negated")


def test_unlikely_agreement_is_never_asserted(facts):
    text = ("The U.S. is unlikely to agree to today's proposal after repeatedly demanding "
            "North Korea take steps toward disarmament.")
    assert all(f != "asserted" for c, f in facts(text) if c.startswith("03"))


def test_future_aid_is_an_intent_to_give_aid(facts):
    """CAMEO codes a future material act as an intent (0331), not as aid given."""
    assert facts("Japan will give Ukraine a loan of $500 million.")[0] == ("0331", "future")


def test_hypothetical_meeting_is_not_asserted(facts):
    text = ("Kim's regime scrapped plans for a meeting with Park, which would have been "
            "the first such dialogue in six years.")
    assert all(f != "asserted" for c, f in facts(text) if c.startswith("04"))


def test_factuality_preposition_about_is_not_about_to(code):
    """'a statement about Choe's meeting' reports a past meeting, not a planned one."""
    art = code("In a statement about North Korean envoy Choe Ryong Hae's meeting with a top Chinese "
               "official in Beijing on May 23, "
               "Xinhua said the two sides discussed trade.", published="2013-06-16")
    meetings = [e for e in art.events if e.trigger and "meeting" in e.trigger]
    assert meetings and all(e.factuality == "asserted" for e in meetings)
    plans = code("North Korea is about to hold talks with China.", published="2013-06-16")
    assert any(e.factuality == "future" for e in plans.events)


def test_will_not_allow_is_a_refusal_asserted(code):
    """ "would never allow" rejects, stated now (the reject frame's codes); a past "did not"
    stays a negated event."""
    events = code("Sudanese President Omar al-Bashir said he would never allow U.N. peacekeepers "
                  "into Darfur.", published="2006-09-01").events
    assert [(e.plover, e.factuality) for e in events] == [("REJECT", "asserted")]
    talks = code("Israel will not negotiate with Hamas, the prime minister said.").events
    assert [(e.plover, e.cameo, e.factuality) for e in talks] == [("REJECT", "125", "asserted")]
