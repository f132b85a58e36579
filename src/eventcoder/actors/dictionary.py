"""Actor dictionaries: loading the built-in YAML files and the user's own.

Everything the actors stage knows (country names, demonyms, capitals,
organisations, office holders with dates, agent nouns and titles) lives in
YAML files under `eventcoder/data/actors/`; this module reads them into one
`ActorDictionary`. User files (`--actors FILE`) use the same format as the
built-in `organisations.yaml` / `office_holders.yaml` / `agents.yaml` and are
read last, so that their entries win. A malformed user file raises
`DataError` with an E020 message naming the file and the line.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from eventcoder.actors.codes import split_code
from eventcoder.datafiles import SAFE_LOADER
from eventcoder.errors import DataError, Errors

CODE_RE = re.compile(r"^(?:[A-Z]{3}|---)[A-Z0-9]*$")
KINDS = {"country", "organisation", "person", "group", "place"}
LINE = "__line__"


@dataclass(frozen=True)
class Role:
    """One term of office (or other role) of a person: code and dates."""

    code: str
    title: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None

    def valid_on(self, day: dt.date) -> bool:
        """True when the role was held on `day`."""
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)

    def describe(self) -> str:
        """`President 2013-03-14–` style label for `why`."""
        start = self.start.isoformat() if self.start else ""
        end = self.end.isoformat() if self.end else ""
        return f"{self.title or self.code} {start}–{end}"


@dataclass(frozen=True)
class Entry:
    """A named actor form's meaning.

    kind is one of: country, capital, place, demonym, organisation,
    person, contextual. `code` is the actor code (for a country, its ISO3); a person
    has `roles` instead; a contextual form has `contexts`, pairs of (codes it
    stands for, countries one of which the article must mention), tried in order.
    """

    name: str
    kind: str
    code: str | None = None
    roles: tuple[Role, ...] = ()
    contexts: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = ()  # ((codes, when), ...)
    source: str = ""
    note: str | None = None
    group: bool = False  # an organisation entry naming people ("UN peacekeepers")
    each: bool = False  # the forms are distinct bodies sharing a code; name each as written

    def role_at(self, day: dt.date | None) -> tuple[Role | None, bool]:
        """The role held on `day` and whether the person had left every office by then.

        With no date, the latest role. Returns (None, False) when the person
        had no role yet.
        """
        if not self.roles:
            return None, False
        ordered = sorted(self.roles, key=lambda r: (r.start or dt.date.min))
        if day is None:
            return ordered[-1], False
        for role in reversed(ordered):
            if role.valid_on(day):
                return role, False
        past = [r for r in ordered if r.end is not None and r.end <= day]
        if past:
            return past[-1], True
        return None, False


@dataclass(frozen=True)
class Agent:
    """A common noun or title that makes a noun phrase an actor ("police")."""

    word: str
    sector: str | None
    kind: str
    inherit: bool = False
    plural: bool = False
    stateless: str | None = None  # org code when no country is named ("NGO" for "aid group")


@dataclass
class ActorDictionary:
    """All actor knowledge: named forms, agent nouns, sector modifiers."""

    forms: dict[str, Entry] = field(default_factory=dict)  # form as written -> entry
    agents: dict[str, Agent] = field(default_factory=dict)  # lower-case word/phrase -> agent
    modifiers: dict[str, str | None] = field(default_factory=dict)  # "former" -> "ELI"
    country_words: frozenset[str] = frozenset()
    non_state_heads: frozenset[str] = frozenset()  # "Russian language": the word names no state
    # ISO3 -> (date the state began, the state its towns belonged to before)
    successions: dict[str, tuple[dt.date, str]] = field(default_factory=dict)
    country_names: dict[str, str] = field(default_factory=dict)  # ISO3 -> short name
    people: dict[str, list[Role]] = field(default_factory=dict)  # canonical name -> roles
    people_aliases: dict[str, set[str]] = field(default_factory=dict)
    people_sources: dict[str, str] = field(default_factory=dict)
    given_names: frozenset[str] = frozenset()

    def state_at(self, code: str, day: dt.date | None) -> str:
        """The state a town of country `code` belonged to on `day`: Juba was in
        Sudan until South Sudan's independence (`successions.yaml`)."""
        found = self.successions.get(code)
        if found is None or day is None or day >= found[0]:
            return code
        return self.state_at(found[1], day) if found[1] != code else code

    # --- building -------------------------------------------------------
    def add_form(self, form: str, entry: Entry) -> None:
        """Map `form` to `entry` (a later entry for the same form wins)."""
        form = normalise(form).strip()
        if form:
            self.forms[form] = entry

    def add_person_role(self, name: str, aliases: Iterable[str], role: Role, source: str,
                        replace: bool) -> None:
        """Record a term of office; `replace` drops roles loaded from earlier files."""
        if replace or name not in self.people:
            self.people[name] = []
            self.people_aliases[name] = set()
        self.people[name].append(role)
        self.people_aliases[name].update([name, *aliases])
        self.people_sources[name] = source

    def finish_people(self) -> None:
        """Turn the collected roles into person entries for every alias."""
        for name, roles in self.people.items():
            entry = Entry(name=name, kind="person", roles=tuple(roles),
                          source=self.people_sources.get(name, ""))
            for form in sorted(self.people_aliases[name]):
                self.add_form(form, entry)
                if "-" in form:
                    self.add_form(form.replace("-", " "), entry)


_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'"})


def normalise(text: str) -> str:
    """Forms are matched against the parse text, whose apostrophes are ASCII."""
    return text.translate(_APOSTROPHES)


# --- YAML with line numbers ------------------------------------------------------
class _LineLoader(SAFE_LOADER):  # type: ignore[misc,valid-type]
    """A safe loader that records each mapping's line number under `__line__`."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = yaml.SafeLoader.construct_mapping(loader, node, deep=True)
    mapping[LINE] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_yaml(text: str, source: str) -> dict[str, Any]:
    """Parse a dictionary file, turning YAML errors into E020 messages."""
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 0
        raise DataError(Errors.E020.format(source=source, line=line,
                                           detail=f"not valid YAML ({exc.problem})")) from None
    except yaml.YAMLError as exc:
        raise DataError(Errors.E020.format(source=source, line=0, detail=str(exc))) from None
    if data is None:
        return {LINE: 1}
    if not isinstance(data, dict):
        raise DataError(Errors.E020.format(
            source=source, line=1, detail="expected a mapping with sections such as 'actors:'"))
    return data


class _Checker:
    """Validates entries of one file and raises E020 errors that name the line."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, item: Any, detail: str) -> DataError:
        line = item.get(LINE, 0) if isinstance(item, dict) else 0
        return DataError(Errors.E020.format(source=self.source, line=line, detail=detail))

    def mapping(self, item: Any, parent: dict[str, Any], what: str) -> dict[str, Any]:
        if not isinstance(item, dict):
            raise self.fail(parent, f"each {what} must be a mapping like {{name: ..., code: ...}}")
        return item

    def text(self, item: dict[str, Any], key: str, required: bool = True) -> str | None:
        value = item.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(item, f"'{key}' must be a non-empty string")
        return value.strip()

    def strings(self, item: dict[str, Any], key: str) -> list[str]:
        value = item.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(item, f"'{key}' must be a list of strings")
        return [v.strip() for v in value]

    def code(self, item: dict[str, Any], key: str = "code") -> str:
        written = self.text(item, key)
        assert written is not None
        value = written.upper()
        if not CODE_RE.match(value):
            raise self.fail(item, f"'{key}' {written!r} is not a CAMEO-style code "
                                  "(three letters or --- then sector letters, e.g. USAGOV)")
        return value

    def date(self, item: dict[str, Any], key: str) -> dt.date | None:
        value = item.get(key)
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        raise self.fail(item, f"'{key}' must be a date written YYYY-MM-DD, got {value!r}")

    def section(self, data: dict[str, Any], key: str) -> list[Any]:
        value = data.get(key, [])
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(data, f"section '{key}' must be a list")
        return value


# --- loading the sections ------------------------------------------------------------
SECTIONS = ("actors", "people", "agents", "modifiers", "contextual", "country_words", "non_state_heads",
            "successions", "sectors", "places")


def _load_actors(d: ActorDictionary, items: Sequence[Any], chk: _Checker, parent: dict) -> None:
    for raw in items:
        item = chk.mapping(raw, parent, "actor")
        name = chk.text(item, "name")
        assert name is not None
        code = chk.code(item)
        kind = item.get("kind", "organisation")
        if kind not in KINDS:
            raise chk.fail(item, f"'kind' must be one of {sorted(KINDS)}, got {kind!r}")
        note = item.get("why")
        entry_kind = kind if kind in ("person", "country", "place") else "organisation"
        when = tuple(c.upper() for c in chk.strings(item, "when"))
        entry = Entry(name=name, kind=entry_kind, code=code,
                      roles=(Role(code, None),) if kind == "person" else (),
                      contexts=(((code,), when),) if when else (),
                      source=f"{chk.source}:{item[LINE]}", note=note if isinstance(note, str) else None,
                      group=kind == "group", each=bool(item.get("each")))
        for form in [name, *chk.strings(item, "aliases")]:
            d.add_form(form, entry)


def _load_people(d: ActorDictionary, items: Sequence[Any], chk: _Checker, parent: dict,
                 replaced: set[str]) -> None:
    for raw in items:
        item = chk.mapping(raw, parent, "person")
        name = chk.text(item, "name")
        assert name is not None
        role = Role(chk.code(item), chk.text(item, "role", required=False),
                    chk.date(item, "from"), chk.date(item, "to"))
        if role.start and role.end and role.end < role.start:
            raise chk.fail(item, "'to' is before 'from'")
        first_in_file = name not in replaced
        replaced.add(name)
        d.add_person_role(name, chk.strings(item, "aliases"), role,
                          f"{chk.source}:{item[LINE]}", replace=first_in_file)


def _load_agents(d: ActorDictionary, items: Sequence[Any], chk: _Checker, parent: dict) -> None:
    for raw in items:
        item = chk.mapping(raw, parent, "agent")
        sector = item.get("sector")
        if sector is not None and (not isinstance(sector, str) or not re.fullmatch(r"[A-Z]{3}", sector)):
            raise chk.fail(item, f"'sector' must be a three-letter code or null, got {sector!r}")
        kind = item.get("kind", "group")
        if kind not in KINDS:
            raise chk.fail(item, f"'kind' must be one of {sorted(KINDS)}, got {kind!r}")
        stateless = item.get("stateless")
        if stateless is not None and stateless not in ("IGO", "NGO", "IMG"):
            raise chk.fail(item, f"'stateless' must be IGO, NGO or IMG, got {stateless!r}")
        for word in chk.strings(item, "words"):
            d.agents[word.lower()] = Agent(word.lower(), sector, kind, bool(item.get("inherit")),
                                           bool(item.get("plural")), stateless)


def _load_modifiers(d: ActorDictionary, items: Sequence[Any], chk: _Checker, parent: dict) -> None:
    for raw in items:
        item = chk.mapping(raw, parent, "modifier")
        sector = item.get("sector")
        for word in chk.strings(item, "words"):
            d.modifiers[word.lower()] = sector


def _load_contextual(d: ActorDictionary, items: Sequence[Any], chk: _Checker, parent: dict) -> None:
    for raw in items:
        item = chk.mapping(raw, parent, "contextual form")
        codes = tuple(c.upper() for c in chk.strings(item, "codes"))
        when = tuple(c.upper() for c in chk.strings(item, "when"))
        for form in chk.strings(item, "forms"):
            key = normalise(form)
            old = d.forms.get(key)
            # Several contexts may share a form ("the North"): the earlier ones are tried first.
            earlier = old.contexts if old is not None and old.kind == "contextual" else ()
            d.forms[key] = Entry(name=form, kind="contextual", contexts=(*earlier, (codes, when)),
                                 source=f"{chk.source}:{item[LINE]}")


def _load_successions(d: ActorDictionary, items: Sequence[Any], chk: _Checker, parent: dict) -> None:
    for raw in items:
        item = chk.mapping(raw, parent, "succession")
        since = chk.date(item, "since")
        if since is None:
            raise chk.fail(item, "'since' must be a date like 2011-07-09")
        d.successions[chk.code(item).upper()] = (since, chk.code(item, "before").upper())


def load_file_data(d: ActorDictionary, data: dict[str, Any], source: str) -> None:
    """Add one parsed dictionary file (built-in or user) to `d`."""
    chk = _Checker(source)
    unknown = [k for k in data if k != LINE and k not in SECTIONS]
    if unknown:
        raise chk.fail(data, f"unknown section(s) {', '.join(map(str, unknown))}; "
                             f"expected some of {', '.join(SECTIONS)}")
    _load_actors(d, chk.section(data, "actors"), chk, data)
    _load_people(d, chk.section(data, "people"), chk, data, set())
    _load_agents(d, chk.section(data, "agents"), chk, data)
    _load_modifiers(d, chk.section(data, "modifiers"), chk, data)
    _load_contextual(d, chk.section(data, "contextual"), chk, data)
    _load_successions(d, chk.section(data, "successions"), chk, data)
    places = data.get("places") or {}
    if not isinstance(places, dict):
        raise chk.fail(data, "section 'places' must map country codes to lists of places")
    for code, names in places.items():
        if code == LINE:
            continue
        if not isinstance(names, list):
            raise chk.fail(places, f"places of {code} must be a list")
        for name in names:
            d.add_form(str(name), Entry(str(name), "place", str(code).upper(), source=source))
    if "country_words" in data:
        d.country_words = d.country_words | {w.lower() for w in chk.strings(data, "country_words")}
    if "non_state_heads" in data:
        d.non_state_heads = d.non_state_heads | {w.lower() for w in chk.strings(data, "non_state_heads")}


def _load_countries(d: ActorDictionary, names: dict[str, Any], forms: dict[str, Any]) -> None:
    for code, official in names.items():
        if code == LINE:
            continue
        d.country_names[code] = official[0]
        for name in official:
            d.add_form(name, Entry(name=official[0], kind="country", code=code,
                                   source="countries.yaml"))
    for code, item in forms.items():
        if code == LINE:
            continue
        canonical = d.country_names.get(code, code)
        for name in item.get("names", []):
            d.add_form(name, Entry(canonical, "country", code, source="country_forms.yaml"))
        for name in item.get("demonyms", []):
            d.add_form(name, Entry(canonical, "demonym", code, source="country_forms.yaml"))
        for name in item.get("capitals", []):
            d.add_form(name, Entry(canonical, "capital", code, source="country_forms.yaml"))


DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "actors"


def _builtin_text(name: str) -> str:
    return (DATA_DIR / name).read_text(encoding="utf-8")


BUILTIN_FILES = ("places.yaml", "organisations.yaml", "office_holders.yaml", "contextual.yaml",
                 "agents.yaml", "successions.yaml")


@lru_cache(maxsize=8)
def load_dictionary(user_files: tuple[Path, ...] = ()) -> ActorDictionary:
    """The built-in dictionaries, then each user file in order (theirs win)."""
    d = ActorDictionary()
    _load_countries(d, read_yaml(_builtin_text("countries.yaml"), "countries.yaml"),
                    read_yaml(_builtin_text("country_forms.yaml"), "country_forms.yaml"))
    for name in BUILTIN_FILES:
        load_file_data(d, read_yaml(_builtin_text(name), name), name)
    d.given_names = frozenset(line.strip() for line in _builtin_text("given_names.txt").splitlines()
                              if line.strip() and not line.startswith("#"))
    for path in user_files:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise DataError(Errors.E020.format(source=path, line=0,
                                               detail=f"cannot read ({exc})")) from None
        load_file_data(d, read_yaml(text, str(path)), str(path))
    d.finish_people()
    return d


def entry_country_sector(entry: Entry) -> tuple[str | None, str | None]:
    """Country and sector of a non-person entry."""
    if entry.kind in ("country", "demonym", "place"):
        return entry.code, None
    if entry.kind == "capital":
        return entry.code, "GOV"
    return split_code(entry.code)
