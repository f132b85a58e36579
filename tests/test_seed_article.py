"""End to end on the defining article (Bloomberg, 16 June 2013): issue 2's acceptance."""

from __future__ import annotations

import pytest


def _events(article, src=None, tgt=None, sentence_has=None):
    out = []
    for e in article.events:
        if src and e.source.country != src:
            continue
        if tgt and (e.target is None or e.target.country != tgt):
            continue
        if sentence_has and sentence_has not in e.evidence:
            continue
        out.append(e)
    return out


def test_seed_prk_proposes_talks_to_usa_dated_publication(seed_article):
    evs = [e for e in _events(seed_article, "PRK", "USA") if e.cameo.startswith("036")]
    assert evs, [(e.source.code, e.target and e.target.code, e.cameo) for e in seed_article.events]
    assert any(e.date == "2013-06-16" and e.factuality == "asserted" for e in evs)


def test_seed_prk_scraps_meeting_with_south_last_week(seed_article):
    evs = _events(seed_article, "PRK", "KOR", sentence_has="scrapped")
    assert evs
    dated = [e for e in evs if "last week" in e.evidence]
    assert dated and all("2013-06-09" <= e.date <= "2013-06-15" and len(e.date) == 10 for e in dated)


def test_seed_nuclear_test_dated_february(seed_article):
    evs = [e for e in seed_article.events if "atomic weapon" in e.evidence and e.source.country == "PRK"]
    assert evs and any(e.date == "2013-02" for e in evs)
    assert not any(e.date.startswith("2013-06") for e in evs if "tested" in (e.trigger or ""))


def test_seed_obama_meets_xi_one_day_after_june_6(seed_article):
    evs = [e for e in _events(seed_article, "USA", "CHN", sentence_has="met his Chinese counterpart")
           if e.plover == "CONSULT"]
    assert evs and evs[0].date == "2013-06-07"


def test_seed_park_xi_summit_is_future_on_june_27(seed_article):
    evs = [e for e in seed_article.events if "summit" in e.evidence and e.plover == "CONSULT"
           and {e.source.country, e.target and e.target.country} == {"KOR", "CHN"}]
    assert evs
    assert all(e.factuality == "future" and e.date == "2013-06-27" for e in evs)


def test_seed_unlikely_to_agree_is_not_an_asserted_agreement(seed_article):
    bad = [e for e in seed_article.events if "unlikely to agree" in e.evidence
           and e.plover == "AGREE" and e.factuality == "asserted"]
    assert not bad


def test_seed_no_asserted_event_from_hypothetical_clauses(seed_article):
    for e in seed_article.events:
        if e.trigger and e.trigger.lower() in {"agree", "accept"} and "unlikely" in e.evidence:
            assert e.factuality != "asserted"


@pytest.mark.parametrize("fragment, speaker, code", [
    ("Dialogue is our preferred outcome", "McDonough", "USAGOV"),
    ("Those talks have to be real", "McDonough", "USAGOV"),
    ("quite a bit of alignment", "Donilon", "USAGOV"),
    ("There is no sincerity in North Korea", "Park Young Ho", "KOR"),
    ("Ultimately, the offer is aimed to appease China", "Park Young Ho", "KOR"),
    ("our desire is to have credible negotiations", "Caitlin Hayden", "USAGOV"),
    ("Strategically, North Korea is saying", "Yang Moo Jin", "KOR"),
    ("is willing to accept advice", "Xinhua", "CHNMED"),
    ("This is a strategic tactic", "Park", "KOR"),
])
def test_seed_quote_speakers(seed_article, fragment, speaker, code):
    qs = [q for q in seed_article.quotes if fragment in q.text]
    assert qs, [q.text[:40] for q in seed_article.quotes]
    sp = qs[0].speaker
    assert sp is not None
    assert speaker in (sp.name or "") or speaker in sp.text
    assert (sp.code or "").startswith(code)


def test_seed_at_least_nine_direct_quotes(seed_article):
    assert sum(q.kind in ("direct", "mixed") for q in seed_article.quotes) >= 9


@pytest.mark.parametrize("not_a_quote", ["Face the Nation", "high-level", "Strategic Tactic"])
def test_seed_titles_and_scare_quotes_are_not_quotes(seed_article, not_a_quote):
    assert not [q for q in seed_article.quotes if q.text.strip(" ,.") == not_a_quote]


@pytest.mark.parametrize("text, value", [
    ("May 24", "2013-05-24"), ("May 23", "2013-05-23"), ("February", "2013-02"),
    ("last year", "2012"), ("April", "2013-04"), ("June 27-30", "2013-06-27"),
    ("February 2012", "2012-02"), ("today", "2013-06-16"),
])
def test_seed_times_resolved(seed_article, text, value):
    found = [t for t in seed_article.times if text in t.text]
    assert found, [t.text for t in seed_article.times]
    assert any(t.value == value for t in found), [(t.text, t.value) for t in found]


def test_one_act_with_two_counterparts_has_one_type(seed_article):
    """ "Davies will hold talks with his Japanese and South Korean counterparts": two
    events, one per counterpart, of the same type."""
    talks = [e for e in seed_article.events if "counterparts" in e.evidence]
    assert {e.target.country for e in talks} == {"JPN", "KOR"}
    assert len({(e.cameo, e.factuality) for e in talks}) == 1
