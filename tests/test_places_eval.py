"""`eventcoder eval places`: scoring over every gold toponym, and the gold file's format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventcoder.evaluate.places import DEFAULT_GOLD, distance_km, load_gold, main, score_article
from eventcoder.model import Place

SEOUL = {"start": 0, "end": 5, "text": "Seoul", "name": "Seoul", "geonameid": 1835848,
         "country": "KOR", "lat": 37.566, "lon": 126.9784, "metonymic": False}
INCHEON = Place(text="Seoul", start=0, end=5, name="Incheon", geonameid=1843564, country="KOR",
                lat=37.4565, lon=126.7052)


def test_distance_is_great_circle() -> None:
    assert distance_km(37.566, 126.9784, 39.9075, 116.3972) == pytest.approx(955, abs=10)


def test_wrong_city_in_right_country_within_161_km() -> None:
    t = score_article([SEOUL], [INCHEON])
    assert (t.gold, t.found, t.exact, t.country, t.near) == (1, 1, 0, 1, 1)


def test_missed_toponym_counts_as_wrong_everywhere() -> None:
    t = score_article([SEOUL], [])
    f = t.figures()
    assert (f["exact"], f["country"], f["161km"], f["found"]) == (0, 0, 0, 0)


def test_metonymy_and_precision() -> None:
    other = Place(text="Tokyo", start=10, end=15, name="Tokyo", geonameid=1850147,
                  country="JPN", lat=35.69, lon=139.69, metonymic=True)
    t = score_article([SEOUL], [INCHEON, other])
    assert t.metonymy == 1 and t.system == 2 and t.system_matched == 1


def test_gold_file_offsets_match_its_texts() -> None:
    docs = load_gold(DEFAULT_GOLD)
    assert len(docs) >= 10
    assert sum(len(d["places"]) for d in docs) >= 80


def test_bad_gold_offsets_are_reported(tmp_path: Path) -> None:
    bad = tmp_path / "gold.jsonl"
    bad.write_text(json.dumps({"text": "In Seoul.", "places": [dict(SEOUL)]}) + "\n")
    with pytest.raises(ValueError, match="offsets"):
        load_gold(bad)
    assert main(str(bad)) == 1


def test_eval_prints_the_three_accuracies(capsys) -> None:
    assert main(str(DEFAULT_GOLD)) == 0
    out = capsys.readouterr().out
    for words in ("exact-place accuracy", "country accuracy", "accuracy within 161 km"):
        assert words in out
