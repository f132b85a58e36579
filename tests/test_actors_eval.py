"""`eventcoder eval actors` on small gold files in both formats."""

from __future__ import annotations

import json

from eventcoder.evaluate import actors as ev
from eventcoder.pipeline import Pipeline
from eventcoder.settings import Settings

PLOVER = [
    {"id": "HEADER", "event": "DOCUMENT"},
    {"id": "T-1", "date": "2000-01-01",
     "text": "Senior Hungarian and Romanian officials agreed on Wednesday that their countries "
             "should cooperate.",
     "source": [{"actorText": "Hungarian", "code": "HUN", "sector": "GOV"},
                {"actorText": "Romanian", "code": "ROU", "sector": "GOV"}], "target": ""},
    {"id": "T-2", "date": "2000-01-01",
     "text": "Turkish police prevented the demonstration staged by students at Cumhuriyet University.",
     "source": [{"actorText": "Turkish police", "code": "TUR", "sector": "COP"}],
     "target": [{"actorText": "students at Cumhuriyet University", "code": "TUR", "sector": "EDU"}]},
]

PETR2 = """<Validation><Sentences>
<Sentence category="TEST" date="20150609" id="TEST_2" evaluate="true"/>
<EventCoding eventcode="190" sourcecode="USA" targetcode="RUS" />
<Text>
The United States fired anti-aircraft batteries at Russia this week.
</Text>
</Sentence>
<Sentence category="TEST" date="20150609" id="PASSIVE_5" evaluate="true"/>
<EventCoding eventcode="190" sourcecode="---LEG" targetcode="USAGOV" />
<Text>
Congress is asking Obama to help Iran.
</Text>
</Sentence>
</Sentences></Validation>
"""


def test_plover_alignment_scores_marked_words_by_their_phrase(tmp_path):
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(PLOVER), encoding="utf-8")
    records = ev.read_plover(path)
    assert [r.id for r in records] == ["T-1", "T-2"]
    score = ev.score_plover(Pipeline(Settings(stages=("nlp", "actors"))), records, "gold")
    assert (score.n_full, score.ok_country, score.ok_full) == (4, 4, 4)


def test_petr2_codes_are_found_among_mentions(tmp_path):
    path = tmp_path / "gold.xml"
    path.write_text(PETR2, encoding="utf-8")
    records = ev.read_petr2(path)
    assert len(records) == 2
    score = ev.score_petr2(Pipeline(Settings(stages=("nlp", "actors"))), records, "gold")
    # the unknown-country "---LEG" is scored on its sector only
    assert (score.n_country, score.n_full) == (3, 4)
    assert score.ok_full == 4


def test_main_prints_and_returns_zero(tmp_path, capsys):
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(PLOVER), encoding="utf-8")
    assert ev.main([str(path)]) == 0
    out = capsys.readouterr().out
    assert "country+sector" in out and "1.000" in out


def test_main_missing_file_fails(tmp_path):
    assert ev.main([str(tmp_path / "nope.json")]) == 1
