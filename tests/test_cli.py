"""The command line, driven as a user drives it: formats, stdin, errors, exit status."""

from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner

from eventcoder.cli import main

ARTICLE = ("North Korea proposed talks with the United States on Sunday. "
           "“Dialogue is our preferred outcome,” said Denis McDonough, the White House chief of staff.")


def run(args, input=None):
    return CliRunner().invoke(main, args, input=input, catch_exceptions=False)


def test_cli_code_json_default_when_piped(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    r = run(["code", str(p), "--published", "2013-06-16"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    [art] = data["articles"]
    assert art["published"] == "2013-06-16"
    assert {"events", "quotes", "times"} <= set(art)


def test_cli_code_stdin_jsonl_one_object_per_article():
    lines = "\n".join(json.dumps({"id": f"a{i}", "text": ARTICLE, "published": "2013-06-16"})
                      for i in range(3))
    r = run(["code", "-", "--format", "jsonl"], input=lines)
    assert r.exit_code == 0, r.output
    out = [json.loads(line) for line in r.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a0", "a1", "a2"]


def test_cli_code_csv_has_header_and_event_rows(tmp_path):
    p = tmp_path / "a.json"
    p.write_text(json.dumps({"text": ARTICLE, "published": "2013-06-16"}), encoding="utf-8")
    r = run(["code", str(p), "--format", "csv"])
    assert r.exit_code == 0
    rows = list(csv.reader(io.StringIO(r.stdout)))
    assert rows[0][:4] == ["article_id", "published", "date", "source_code"]


def test_cli_code_table_shows_sections(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    r = run(["code", str(p), "--published", "2013-06-16", "--format", "table"])
    assert r.exit_code == 0
    for section in ("Events", "Quotes", "Times"):
        assert section in r.stdout


def test_cli_bad_inputs_reported_others_still_coded(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02\x03garbage")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Le président a déclaré".encode("latin-1"))
    jsonl = tmp_path / "mixed.jsonl"
    jsonl.write_text(json.dumps({"text": ARTICLE}) + "\n{broken\n", encoding="utf-8")
    r = run(["code", str(tmp_path / "missing.txt"), str(empty), str(binary), str(latin), str(good),
             str(jsonl), "--format", "jsonl", "--published", "2013-06-16"])
    assert r.exit_code == 1
    err_lines = [line for line in r.stderr.splitlines() if line.strip()]
    assert len(err_lines) == 5, r.stderr  # one line per bad input, no traceback
    assert "Traceback" not in r.stderr
    for name in ("missing.txt", "empty.txt", "blob.txt", "latin.txt", "mixed.jsonl:2"):
        assert any(name in line for line in err_lines), name
    assert len(r.stdout.splitlines()) == 2  # the good file and the good JSONL line


def test_cli_bad_published_option_is_a_usage_error(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    r = run(["code", str(p), "--published", "June 16"])
    assert r.exit_code == 2 and "YYYY-MM-DD" in r.output


def test_cli_actors_lists_mentions_with_codes():
    r = run(["actors", "Chinese President Xi Jinping met Barack Obama.", "--published",
             "2013-06-07", "--format", "json"])
    assert r.exit_code == 0
    codes = {a["code"] for a in json.loads(r.stdout)["actors"]}
    assert "CHNGOV" in codes


def test_cli_code_table_shows_evidence_on_a_narrow_terminal(tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    r = run(["code", str(p), "--published", "2013-06-16", "--format", "table"])
    assert r.exit_code == 0
    assert "proposed" in r.stdout  # the evidence sentence of the PRK -> USA event
