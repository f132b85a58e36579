"""The CAMEO/PLOVER codebook and the events dictionaries load and agree."""

from __future__ import annotations

import pytest

from eventcoder.events.codebook import Codebook
from eventcoder.events.lexicon import Lexicon


@pytest.fixture(scope="module")
def cb() -> Codebook:
    return Codebook.load()


@pytest.mark.parametrize("code, label, goldstein, quad, plover, mode", [
    ("036", "Express intent to meet or negotiate", 4.0, 1, "AGREE", None),
    ("042", "Make a visit", 1.9, 1, "CONSULT", "visit"),
    ("125", "Reject proposal to meet, discuss, or negotiate", -5.0, 3, "REJECT", "meet"),
    ("150", "Demonstrate military or police power, not specified below", -7.2, 4, "MOBILIZE", None),
    ("173", "Arrest, detain, or charge with legal action", -5.0, 4, "COERCE", "arrest"),
    ("0841", "Return, release person(s)", 7.0, 2, "RETREAT", "release"),
    ("1385", "Threaten attack with WMD", -7.0, 3, "THREATEN", "violence"),
])
def test_codebook_lookups(cb, code, label, goldstein, quad, plover, mode):
    assert cb.label(code) == label
    assert cb.goldstein(code) == goldstein
    assert cb.quad_class(code) == quad
    assert cb.plover(code).event == plover
    assert cb.plover(code).mode == mode


def test_appeals_are_requests_and_statements_have_no_plover(cb):
    """Our supplement fills the upstream table's gaps for roots 01 and 02."""
    assert cb.plover("026").event == "REQUEST" and cb.plover("026").mode == "meet"
    assert cb.plover("0233").event == "REQUEST"
    assert cb.plover("010") is None and cb.plover("016") is None


def test_every_cameo_code_outside_01_has_a_plover_type(cb):
    missing = [c for c in cb.labels if not c.startswith("01") and cb.plover(c) is None]
    assert not missing


@pytest.mark.parametrize("plover, mode, cameo", [
    ("AGREE", None, "030"), ("ASSAULT", "firearms", "193"), ("REQUEST", "meet", "108"),
    ("DEMAND", None, "100"), ("FIGHT", None, "190"), ("CONSULT", "visit", "042"),
])
def test_default_cameo_for_plover(cb, plover, mode, cameo):
    assert cb.default_cameo(plover, mode) == cameo


def test_quad_classes_by_root(cb):
    assert [cb.quad_class(c) for c in ("010", "057", "061", "087", "090", "139", "141", "204")] == \
        [1, 1, 2, 2, 3, 3, 4, 4]


def test_garbled_upstream_label_is_fixed(cb):
    assert cb.label("044") == "Meet at a 'third' location"


def test_dictionaries_use_only_real_codes(cb):
    """Loading validates every pattern and frame code against the codebook."""
    lex = Lexicon.load()
    assert lex.verbs["attack"] and lex.nouns["sanction"]
    for frame in lex.frames:
        assert all(cb.is_code(c) for c in frame.mapping.values())
    assert lex.frame("intent").recode("0841") == "0353"
    assert lex.frame("reject").recode("040") == "125"
    assert lex.frame("threaten").recode("2042") == "1385"


def test_pattern_modes_belong_to_their_plover_type(cb):
    """A pattern's PLOVER mode must be one the PLOVER codebook lists for the
    type its CAMEO code maps to (no "ACCUSE/convict" hybrids)."""
    import csv
    from importlib import resources

    text = resources.files("eventcoder.data.plover").joinpath("plover-codebook.csv").read_text("utf-8")
    modes = {(r["event"], r["mode"]) for r in csv.DictReader(text.splitlines())}
    lex = Lexicon.load()
    patterns = {p for ps in lex.verbs.values() for p in ps} | {p for ps in lex.nouns.values() for p in ps}
    bad = [(p.id, cb.plover(p.cameo).event, p.mode) for p in patterns
           if p.mode and (cb.plover(p.cameo).event, p.mode) not in modes]
    assert not bad


def test_codebook_sanctions_are_plover_sanction_not_coerce():
    """Our documented override of the 2021 table: embargoes and sanctions reduce relations."""
    from eventcoder.events.codebook import Codebook

    assert Codebook.load().plover("163").event == "SANCTION"
    assert Codebook.load().plover("173").event == "COERCE"  # arrests stay repression
