"""Actor dictionaries: the built-in files load fast, and a user's file wins.

A user's dictionary (`--actors FILE`, `Settings.actor_files`) is read after
the built-in ones; a malformed file is reported as an E020 DataError that
names the file and the line.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from eventcoder.actors import actor_for_token
from eventcoder.actors.codes import join_code, split_code
from eventcoder.actors.dictionary import load_dictionary
from eventcoder.errors import DataError
from eventcoder.model import Article
from eventcoder.pipeline import Pipeline
from eventcoder.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_USER_FILE = ROOT / "examples" / "my-actors.yaml"


def _code_with(files: tuple[Path, ...], text: str, published: str = "2013-06-16") -> Article:
    pipeline = Pipeline(Settings(stages=("nlp", "actors"), actor_files=files))
    return pipeline(Article(text=text, published=dt.date.fromisoformat(published)))


def _code_of(article: Article, word: str) -> str | None:
    tok = next(t for t in article.doc if t.text == word)
    actor = actor_for_token(article, tok)
    return actor.code if actor else None


def test_builtin_dictionary_loads_quickly():
    start = time.perf_counter()
    d = load_dictionary.__wrapped__(())
    assert time.perf_counter() - start < 2.0
    assert d.forms["KCNA"].code == "PRKMED"
    assert d.forms["Pyongyang"].kind == "capital"
    assert d.forms["Chinese"].code == "CHN"
    assert d.agents["police"].sector == "COP"


def test_every_country_form_has_a_known_code():
    d = load_dictionary()
    codes = set(d.country_names)
    for form, entry in d.forms.items():
        if entry.kind in ("country", "demonym", "capital", "place"):
            assert entry.code in codes, form


def test_office_holder_terms_are_ordered():
    d = load_dictionary()
    for name, roles in d.people.items():
        for role in roles:
            assert role.start is None or role.end is None or role.start < role.end, name


def test_user_dictionary_overrides_builtin():
    text = "The official Xinhua News Agency said the North is willing to accept advice."
    assert _code_of(_code_with((), text), "Agency") == "CHNMED"
    assert _code_of(_code_with((EXAMPLE_USER_FILE,), text), "Agency") == "CHNGOV"


def test_user_people_replace_builtin_terms(tmp_path):
    user = tmp_path / "people.yaml"
    user.write_text("people:\n"
                    "  - {name: Barack Obama, aliases: [Obama], code: USALEG, role: Senator, "
                    "from: 2005-01-03}\n", encoding="utf-8")
    text = "Obama said the sanctions would stay."
    assert _code_of(_code_with((), text), "Obama") == "USAGOV"
    assert _code_of(_code_with((user,), text), "Obama") == "USALEG"


def test_user_agents_and_new_bodies(tmp_path):
    art = _code_with((EXAMPLE_USER_FILE,),
                     "A researcher at KIDA said the whistleblower had fled to Panmunjom.")
    assert _code_of(art, "KIDA") == "KOREDU"
    assert _code_of(art, "Panmunjom") == "PRK"


@pytest.mark.parametrize(("content", "line", "detail"), [
    ("actors:\n  - {name: Acme, code: usa_bus}\n", 2, "not a CAMEO-style code"),
    ("actors:\n  - {name: Acme}\n", 2, "'code'"),
    ("actors:\n  - Acme Corp\n", 1, "must be a mapping"),
    ("people:\n  - {name: Jane Roe, code: GBRGOV}\n  - {name: Jane Roe, code: GBRGOV, from: soon}\n",
     3, "YYYY-MM-DD"),
    ("people:\n  - {name: Jane Roe, code: GBRGOV, from: 2020-01-01, to: 2019-01-01}\n", 2,
     "'to' is before 'from'"),
    ("actors: [\n  {name: Acme, code: USABUS\n", 3, "not valid YAML"),
    ("actorz:\n  - {name: Acme, code: USABUS}\n", 1, "unknown section"),
    ("agents:\n  - {words: [analyst], sector: analyst}\n", 2, "three-letter code"),
])
def test_bad_user_file_names_file_and_line(tmp_path, content, line, detail):
    bad = tmp_path / "bad-actors.yaml"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_dictionary((bad,))
    message = str(err.value)
    assert message.startswith("E020 ")
    assert str(bad) in message
    assert f"line {line}:" in message
    assert detail in message


@pytest.mark.parametrize(("code", "country", "sector"), [
    ("PRKGOV", "PRK", "GOV"),
    ("USA", "USA", None),
    ("IGOUNO", "IGOUNO", None),
    ("IGOUNOMIL", "IGOUNO", "MIL"),
    ("NGOHRI", "NGO", "HRI"),
    ("IGOMIL", "IGO", "MIL"),
    ("PSEREBHMS", "PSE", "REB"),
    ("---GOV", None, "GOV"),
    (None, None, None),
])
def test_codes_split_into_country_and_sector(code, country, sector):
    assert split_code(code) == (country, sector)


def test_join_code_writes_unknown_country_as_dashes():
    assert join_code("CHN", "MED") == "CHNMED"
    assert join_code(None, "GOV") == "---GOV"
    assert join_code(None, None) is None
