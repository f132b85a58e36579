"""`Info`: what one piece of a noun phrase says about the actor.

A noun phrase is coded by combining the pieces it is made of: its head
("spokesman", "Xi Jinping", "Pyongyang") and its modifiers ("Chinese",
"North Korea's", "of the commission", "former"). Each piece is first turned
into an `Info` (country, sector, kind, name and the reason), and
`combine()` in resolver.py merges them by a few precedence rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from eventcoder.actors.codes import split_code, tail_of
from eventcoder.model import Actor


@dataclass
class Info:
    """Partial knowledge about an actor from one piece of a noun phrase.

    `kind` is country, capital, demonym, organisation, group, person,
    title (a person's role without a name), agent (a common noun such as
    "police"), modifier (a word like "former") or pronoun. `fixed` marks a
    country and sector that come from a dictionary entry for this very
    actor (an organisation or an office holder), which modifiers never
    override. `inherit` marks a role whose sector the organisation named
    next to it decides ("spokesman of the rebels").
    """

    kind: str
    country: str | None = None
    sector: str | None = None
    tail: str = ""
    name: str | None = None
    why: str = ""
    fixed: bool = False
    inherit: bool = False
    plural: bool = False
    entity: int | None = None
    lemma: str | None = None
    also: tuple[str, ...] = ()  # further countries ("the two Koreas")
    span: tuple[int, int] | None = None  # token range of the piece
    country_only: bool = False  # an agent like "country" or "side": no sector
    stateless: str | None = None  # the code of such a body named without a country
    former: str | None = None  # the office an office holder had left by the article's date
    sources: list[str] = field(default_factory=list)

    @classmethod
    def from_actor(cls, actor: Actor, kind: str | None = None) -> Info:
        """The Info carried by an already coded actor (a modifier coded as its own phrase)."""
        country, sector = split_code(actor.code)
        return cls(kind=kind or actor.kind or "organisation", country=country, sector=sector,
                   tail=tail_of(actor.code), name=actor.name, why=actor.why or "",
                   entity=actor.entity)
