"""`eventcoder eval times`: reading TimeML and the TempEval-3 scores."""

from __future__ import annotations

import datetime as dt

import pytest

from eventcoder.evaluate import shared_data
from eventcoder.evaluate import times as ev

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>AP_test</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22" functionInDocument="CREATION_TIME">\
March 22, 2013</TIMEX3></DCT>
<TEXT>
Six of the pediatric <EVENT eid="e1">deaths</EVENT> were reported in <TIMEX3 tid="t2" type="DATE" \
value="2013-W11">the last week</TIMEX3>, the CDC's Dr. Michael Jhung said <TIMEX3 tid="t3" type="DATE" \
value="2013-03-22">Friday</TIMEX3>. The season started about <TIMEX3 tid="t1" type="DURATION" \
value="P1M">a month</TIMEX3> earlier than usual.
</TEXT>
</TimeML>
"""


@pytest.fixture
def tml_dir(tmp_path):
    (tmp_path / "AP_test.tml").write_text(TML, encoding="utf-8")
    return tmp_path


def test_load_tml_offsets_and_dct(tml_dir):
    doc = ev.load_tml(tml_dir / "AP_test.tml")
    assert doc.dct == dt.date(2013, 3, 22)
    assert [(g.text, g.type, g.value) for g in doc.gold] == [
        ("the last week", "DATE", "2013-W11"), ("Friday", "DATE", "2013-03-22"),
        ("a month", "DURATION", "P1M")]
    assert all(doc.text[g.start:g.end] == g.text for g in doc.gold)


def test_score_strict_relaxed_and_value():
    gold = [ev.Timex(0, 10, "DATE", "2013-W11"), ev.Timex(20, 26, "DATE", "2013-03-22"),
            ev.Timex(40, 47, "DURATION", "P1M")]
    system = [ev.Timex(0, 10, "DATE", "2013-W11"),      # strict, right value
              ev.Timex(18, 26, "DATE", "2013-03-15"),   # relaxed only, wrong value
              ev.Timex(60, 64, "DATE", "2012")]         # spurious
    f = ev.figures(ev.score(gold, system))
    assert f["strict P"] == pytest.approx(1 / 3) and f["strict R"] == pytest.approx(1 / 3)
    assert f["relaxed P"] == pytest.approx(2 / 3) and f["relaxed R"] == pytest.approx(2 / 3)
    assert f["value acc"] == pytest.approx(1 / 2)
    assert f["value F1"] == pytest.approx(1 / 3)


def test_main_scores_a_folder(tml_dir, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    assert ev.main(str(tml_dir)) == 0
    out = capsys.readouterr().out
    assert "AP_test" in out and "value F1 1.000" in out


def test_main_reports_an_empty_folder(tmp_path, capsys):
    assert ev.main(str(tmp_path)) == 1
    assert "no TimeML (.tml) files" in capsys.readouterr().err


def test_main_reports_a_broken_file(tml_dir, capsys):
    (tml_dir / "broken.tml").write_text("<TimeML><TEXT>unclosed", encoding="utf-8")
    assert ev.main(str(tml_dir)) == 1
    assert "broken.tml: cannot read TimeML" in capsys.readouterr().err


@pytest.mark.skipif(not (shared_data() / "te3-dev").is_dir(), reason="TE3 development data not present")
def test_te3_dev_value_f1_beats_heideltime():
    docs = [ev.load_tml(p) for p in sorted((shared_data() / "te3-dev").glob("*.tml"))]
    total = ev.Counts()
    for _, _, counts in ev.run(docs):
        total.add(counts)
    f = ev.figures(total)
    assert f["value F1"] >= 0.85, f
    assert f["relaxed F1"] >= 0.9, f
