"""`eventcoder eval events`: reading both gold formats, label mapping and the scores."""

from __future__ import annotations

import json

from click.testing import CliRunner

from eventcoder.evaluate.events import load_petr2, load_plover_gsr, score_events, score_types

GSR = [
    {"id": "DOC", "event": "DOCUMENT", "eventText": "header"},
    {"id": "A1", "date": "2001-05-02", "event": "DEMAND",
     "source": [{"actorText": "Ukraine", "code": "UKR"}],
     "target": [{"actorText": "Russian troops", "code": "RUSMIL"}],
     "text": "Ukraine demanded that Russian troops leave the peninsula.",
     "textInfo": {"markup": "(SRC: Ukraine) (EVT: demanded) that (TAR: Russian troops) leave."}},
    {"id": "A2", "date": "2001-05-03", "event": "AGREE", "target": "",
     "source": [{"actorText": "Peru", "code": "PER"}, {"actorText": "Ecuador", "code": "ECU"}],
     "text": "Peru and Ecuador agreed to reopen their border.",
     "textInfo": {"markup": "(SRC/TAR: Peru) and (SRC/TAR: Ecuador) (EVT: agreed) to reopen."}},
    {"id": "A3", "date": "2001-05-04", "event": "RETREAT",
     "source": [{"actorText": "the rebels", "code": "---REB"}], "target": "",
     "text": "The rebels withdrew from the town on Sunday."},
]

PETR = """<?xml version='1.0' encoding='utf-8'?>
<Validation>
# a comment line that is not XML, as in the real file
<Sentences>
<Sentence category="AFP" date="20080806" id="S1" evaluate="true"/>
<EventCoding eventcode="173" sourcecode="GUYJUD" targetcode="BRAPPL" />
<Text>
Guyanese judges ordered the arrest of two Brazilian miners.
</Text>
</Sentence>
<Sentence category="AFP" date="20080806" id="S2" evaluate="true"/>
<EventCoding eventcode="010" sourcecode="USA" targetcode="CHN" />
<Text>
The US said it was studying the Chinese statement.
</Text>
</Sentence>
<Sentence category="AFP" date="20080806" id="S3" evaluate="true"/>
<EventCoding noevents="True" />
<Text>
Markets were calm.
</Text>
</Sentence>
<Sentence category="AFP" date="20080807" id="S4" evaluate="true"/>
<EventCoding eventcode="0874" sourcecode="RUS" targetcode="GEO" />
<Text>
Russian forces pulled back from the Georgian town of Gori.
</Text>
</Sentence>
</Sentences>
</Validation>
"""


def test_plover_gsr_labels_and_events(tmp_path) -> None:
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps(GSR), encoding="utf-8")
    items = load_plover_gsr(path)
    assert [s.plover for s in items] == ["REQUEST", "AGREE", "YIELD"]
    assert items[0].source == "Ukraine" and items[0].target == "Russian troops"
    assert items[0].events == [("REQUEST", "UKR", "RUS")]
    # SRC/TAR compound: one event each way
    assert sorted(items[1].events) == [("AGREE", "ECU", "PER"), ("AGREE", "PER", "ECU")]
    assert items[2].events == [("YIELD", None, None)]


def test_petr2_reads_past_comments_and_skips_statements(tmp_path) -> None:
    path = tmp_path / "petr.xml"
    path.write_text(PETR, encoding="utf-8")
    items = load_petr2(path)
    assert [s.id for s in items] == ["S1", "S4"]  # 01x and no-event records skipped
    assert items[0].plover == "COERCE" and items[0].date == "2008-08-06"
    assert items[0].text == "Guyanese judges ordered the arrest of two Brazilian miners."
    assert items[1].plover == "YIELD" and items[1].events == [("YIELD", "RUS", "GEO")]


def test_type_scores() -> None:
    sc = score_types(["AGREE", "AGREE", "ASSAULT", "YIELD"], ["AGREE", "ASSAULT", "ASSAULT", "YIELD"])
    assert sc.accuracy == 0.75
    p, r, f, n = sc.per_type["AGREE"]
    assert (p, r, n) == (1.0, 0.5, 2)
    assert abs(sc.per_type["ASSAULT"][2] - 2 / 3) < 1e-9
    assert abs(sc.macro_f1 - (2 / 3 + 2 / 3 + 1.0) / 3) < 1e-9
    assert sc.confusion[("AGREE", "ASSAULT")] == 1


def test_event_scores() -> None:
    gold = [[("AGREE", "PER", "ECU")], [("ASSAULT", "SYR", None)]]
    pred = [[("AGREE", "PER", "ECU"), ("AGREE", "ECU", "PER")], []]
    p, r, f, n_g, n_p = score_events(gold, pred)
    assert (p, r, n_g, n_p) == (0.5, 0.5, 2, 2)


def test_cli_eval_events(tmp_path) -> None:
    from eventcoder.cli import main

    gsr = tmp_path / "gsr.json"
    gsr.write_text(json.dumps(GSR), encoding="utf-8")
    petr = tmp_path / "petr.xml"
    petr.write_text(PETR, encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "events", "--gold", str(gsr), "--gold", str(petr)])
    assert result.exit_code == 0, result.output
    assert "classify: accuracy" in result.output and "macro-F1" in result.output
    assert "sentences/s" in result.output and "code end to end" in result.output
    missing = CliRunner().invoke(main, ["eval", "events", "--gold", str(tmp_path / "none.json")])
    assert missing.exit_code == 1


def test_jsonl_gold_reads_actors_codes_and_merges_yield(tmp_path):
    from eventcoder.evaluate.events import load_gold

    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in [
        {"id": "b1", "text": "Serbia withdrew its troops from the border.", "source": "Serbia",
         "target": None, "plover": "RETREAT", "source_code": "SRBGOV", "target_code": None,
         "date": "2022-12-11"},
        {"id": "b2", "text": "Kenya asked Uganda for help.", "source": "Kenya", "target": "Uganda",
         "plover": "REQUEST", "source_country": "KEN", "target_country": "UGA"},
    ]) + "\n\n", encoding="utf-8")
    items = load_gold(path)
    assert [(g.id, g.plover, g.events) for g in items] == [
        ("b1", "YIELD", [("YIELD", "SRB", None)]), ("b2", "REQUEST", [("REQUEST", "KEN", "UGA")])]
    assert items[0].date == "2022-12-11" and items[1].target == "Uganda"


def test_legacy_cameo_country_codes_compare_as_iso():
    from eventcoder.evaluate.events import _country

    assert (_country("JAPGOV"), _country("ITL"), _country("ZAR"), _country("USAGOV")) == \
        ("JPN", "ITA", "COD", "USA")
    assert _country("---REB") is None
