"""CAMEO-style actor codes: splitting a code into country and sector, and back.

A state actor's code is its ISO alpha-3 country followed by sector codes
("PRKGOV"). An international or non-state organisation's code starts with
a six-letter organisation code ("IGOUNO", "NGOAMN", "IMGMUS") that plays the
part of the country, optionally followed by a sector ("IGOUNOMIL"). An actor
whose country is unknown is written "---" + sector, as CAMEO does.
"""

from __future__ import annotations

# Prefixes of organisation codes that stand in the country slot.
ORG_PREFIXES = ("IGO", "NGO", "IMG", "MNC")
UNKNOWN = "---"
# CAMEO role (sector) codes; a three-letter group after the country that is
# not one of these ("IAE" in IGOUNOIAE) belongs to the organisation's name.
SECTORS = frozenset({
    "GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "MED", "EDU", "BUS", "REL", "LAB", "CVL",
    "REF", "HLH", "HRI", "AGR", "CRM", "ELI", "UAF", "LEG", "ENV", "DEV", "MOD", "RAD", "INS", "IGO",
    "NGO"})


def split_code(code: str | None) -> tuple[str | None, str | None]:
    """(country, sector) of a code: "PRKGOV" -> ("PRK", "GOV"), "IGOUNO" -> ("IGOUNO", None)."""
    if not code:
        return None, None
    code = code.upper()
    if code.startswith(ORG_PREFIXES) and code[3:6] in SECTORS:
        country, rest = code[:3], code[3:]  # a body named without its organisation: "NGOHRI"
    elif code.startswith(ORG_PREFIXES):
        country, rest = code[:6], code[6:]
    else:
        country, rest = code[:3], code[3:]
    sector = rest[:3] if rest[:3] in SECTORS else None
    return (None if country == UNKNOWN else country), sector


def join_code(country: str | None, sector: str | None, tail: str = "") -> str | None:
    """The code for a country and sector: ("PRK", "GOV") -> "PRKGOV"; (None, "GOV") -> "---GOV"."""
    if not country and not sector:
        return None
    return f"{country or UNKNOWN}{sector or ''}{tail}"


def tail_of(code: str | None) -> str:
    """What follows country and sector in a code ("PSEREBHMS" -> "HMS"), kept when recoding."""
    if not code:
        return ""
    country, _ = split_code(code)
    rest = code[len(country or UNKNOWN):]
    return rest[3:] if rest[:3] in SECTORS else rest
