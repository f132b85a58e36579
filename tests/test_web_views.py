"""Highlight segments: the article text cut at every span edge, each piece knowing what covers it."""

from __future__ import annotations

import pytest

from eventcoder.web.views import excerpts, locate_trigger, safe_href, segments

TEXT = '"Dialogue is our preferred outcome," said Denis McDonough, the White House chief of staff, on Sunday.'
WHO = "Denis McDonough, the White House chief of staff"
QUOTE = "Dialogue is our preferred outcome"


def span(part: str) -> dict:
    start = TEXT.index(part)
    return {"text": part, "start": start, "end": start + len(part)}


ART = {
    "actors": [{**span(WHO), "code": "USAGOV"}],
    "quotes": [{**span(QUOTE), "kind": "direct", "speaker": {"text": "Denis McDonough"}}],
    "times": [{**span("Sunday"), "type": "DATE", "value": "2013-06-16"}],
    "events": [{"start": 0, "end": len(TEXT), "trigger": "said", "quad_class": 1, "cameo": "010",
                "source": {**span(WHO), "code": "USAGOV"}, "target": None}],
}


def test_web_views_segments_cover_the_text_exactly_once():
    segs = segments(TEXT, ART)
    assert "".join(s.text for s in segs) == TEXT
    by_text = {s.text: s for s in segs}
    assert "qt" in by_text[QUOTE].classes
    actor = by_text[WHO]
    assert actor.classes == ["ac"] and actor.actor == "USAGOV" and actor.evidence == [0]
    assert "trg" in by_text["said"].classes and by_text["said"].evidence == [0]
    assert "tm" in by_text["Sunday"].classes and "2013-06-16" in by_text["Sunday"].tip
    assert all(s.events == [0] for s in segs)  # every piece lies in the event's sentence


@pytest.mark.parametrize("bad", [{"start": 5, "end": 2}, {"start": -1, "end": 3}, {"start": 0, "end": 10_000},
                                 {"start": None, "end": None}, {"start": "0", "end": "4"}])
def test_web_views_bad_offsets_are_ignored(bad):
    segs = segments(TEXT, {"actors": [{**bad, "code": "USA"}]})
    assert "".join(s.text for s in segs) == TEXT and all(s.plain for s in segs)


@pytest.mark.parametrize(("trigger", "expected"), [
    ("proposed talks", ["proposed", "talks"]),      # split by "its first"
    ("scrapped meeting", ["scrapped", "meeting"]),
    ("vetoed", []),
])
def test_web_views_trigger_words_are_found_in_order(trigger, expected):
    text = ("North Korea proposed its first talks with the U.S. in more than a year, "
            "less than a week after it scrapped a meeting with the South.")
    assert [text[s:e] for s, e in locate_trigger(text, trigger, 0, len(text))] == expected


@pytest.mark.parametrize(("url", "href"), [
    ("https://www.bloomberg.com/news/x", "https://www.bloomberg.com/news/x"),
    ("javascript:alert(1)", None), (" JavaScript:alert(1)", None), ("data:text/html,<script>", None),
    ("//evil.example/x", None), (None, None),
])
def test_web_views_only_http_urls_become_links(url, href):
    assert safe_href(url) == href


def test_web_views_excerpts_for_an_article_stored_without_text():
    stored = {**ART, "events": [{**ART["events"][0], "evidence": TEXT,
                                 "source": {"text": WHO, "code": "USAGOV", "start": None, "end": None}}]}
    [ex] = excerpts(stored)
    assert ex["start"] == 0 and "".join(s.text for s in ex["segments"]) == TEXT
    actor = next(s for s in ex["segments"] if s.actor)
    assert actor.evidence == [0]  # found through the stored actor mention
