"""Coding the noun phrase headed by a token: the heart of the actors stage.

`ArticleResolver` holds what one article needs: the dictionary matches by
token, the people met so far (so that "Park said" finds "Park Young Ho,
senior research fellow at ..."), the mentions so far (for pronouns and
definite descriptions) and a cache, so that each token is coded once.

A phrase is coded from its head and its modifiers, found in the dependency
parse:

* the head: a dictionary entry (country, capital, demonym, organisation,
  office holder), an agent noun or title ("spokesman", "police"), a
  capitalised name, or a pronoun;
* the modifiers: compounds, adjectives, possessives, appositions and the
  prepositional phrases "of/for/from/at/in X" of a role or body.

Conjuncts, relative clauses and other clauses are never looked into, and
the prepositional phrases of a head that is not itself an actor are not
either, so "talks with the U.S." is not an actor while "a spokesman of the
commission" is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from eventcoder.actors import context, coref
from eventcoder.actors.codes import join_code, split_code, tail_of
from eventcoder.actors.dictionary import ActorDictionary, Agent, Entry
from eventcoder.actors.info import Info
from eventcoder.actors.matcher import Match
from eventcoder.model import Actor, Article

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

MODIFIER_DEPS = {"compound", "amod", "nmod", "poss", "appos", "npadvmod", "flat"}
ROLE_PREPS = {"of", "for", "from", "at", "in", "with"}
LOCATIVE_PREPS = {"in", "at", "from"}
HEAD_POS = {"NOUN", "PROPN", "PRON"}
DETERMINERS = {"the", "this", "that", "these", "those"}
ORG_KINDS = {"organisation", "group", "agent"}


# Sectors of a state's own institutions: with no antecedent, "the authorities" or "the
# police" belong to the country the sentence is about.
_STATE_SECTORS = frozenset({"GOV", "COP", "JUD", "LEG", "MIL", "SPY"})


class ArticleResolver:
    """Codes noun phrases of one article; built by the stage, reused by `actor_for_token`."""

    def __init__(self, article: Article, dictionary: ActorDictionary, matches: list[Match]) -> None:
        self.article = article  # the parse is read through it, so freeing article.doc frees it
        self.d = dictionary
        self.day: dt.date | None = article.published
        self.matches = matches
        self.match_at: dict[int, Match] = {i: m for m in matches for i in range(m.start, m.end)}
        self.countries = {m.entry.code for m in matches
                          if m.entry.kind in ("country", "demonym", "capital", "place") and m.entry.code}
        self.cache: dict[int, Actor | None] = {}
        self.people: dict[str, Actor] = {}  # lower-case name or name part -> latest person actor
        # (token i, actor, category, head and role lemmas)
        self.history: list[tuple[int, Actor, str, frozenset[str]]] = []
        self.entities: dict[str, int] = {}
        self.infos: dict[int, Info] = {}  # token i -> the combined Info behind its actor
        self._active: set[int] = set()
        # each token's lower-case text ("" for whitespace), read once: phrases are built
        # from it for every noun, far more cheaply than from `Doc` slices
        assert article.doc is not None
        self._words = [t.lower_ if not t.is_space else "" for t in article.doc]
        self._drop_name_parts()

    @property
    def doc(self):
        """The article's parse (None once the caller has freed it)."""
        return self.article.doc

    # --- public ---------------------------------------------------------------
    def actor(self, tok: Token) -> Actor | None:
        """The actor of the noun phrase headed by `tok` (cached)."""
        if tok.i in self.cache:
            return self.cache[tok.i]
        if tok.i in self._active:  # a cycle in a malformed parse
            return None
        self._active.add(tok.i)
        try:
            result = self._code(tok)
        finally:
            self._active.discard(tok.i)
        self.cache[tok.i] = result
        return result

    def heads(self) -> Iterable[Token]:
        """Tokens that head a noun phrase which may be an actor, in text order."""
        doc = self.doc
        assert doc is not None
        for tok in doc:
            m = self.match_at.get(tok.i)
            if m is not None:
                if tok.i == self._match_root(m) and self._match_is_phrase(m, tok):
                    yield tok
                continue
            if tok.pos_ in HEAD_POS and tok.dep_ not in ("compound", "flat", "amod"):
                yield tok

    def record(self, tok: Token, actor: Actor) -> None:
        """Add a coded mention to the history (for coreference) and the people index."""
        if actor.entity is None:
            actor.entity = self._entity_id(actor)
        if actor.kind == "person" and actor.name:
            self._register_person(actor)
        # the head word, and the role words of a named person ("envoy" in "envoy Choe"),
        # are what a later definite description repeats
        lemmas = {tok.lemma_.lower()} | {c.lemma_.lower() for c in tok.children
                                         if c.dep_ in ("compound", "appos")
                                         and self.d.agents.get(c.lemma_.lower()) is not None}
        self.history.append((tok.i, actor, coref.category(actor, tok), frozenset(lemmas)))

    # --- coding -----------------------------------------------------------------
    def _code(self, tok: Token) -> Actor | None:
        if coref.is_pronoun(tok):
            actor = coref.resolve_pronoun(self, tok)
            if actor is not None:
                self.infos[tok.i] = Info.from_actor(actor, "pronoun")
            return actor
        base = self._base(tok)
        if base is None or base.kind == "demonym" and context.names_no_state(self, tok):
            return None
        used, mods = self._modifiers(tok, base)
        info = self._combine(tok, base, mods)
        if base.kind in ("agent", "group") and not info.fixed and tok.i not in self.match_at:
            self._apposition_country(tok, info)
        if info.country is None and info.kind in ("title", "agent", "organisation", "group") \
                and not info.fixed:
            ante = coref.resolve_description(self, tok, info)
            if ante is not None:
                self.infos[tok.i] = Info.from_actor(ante, info.kind)
                return ante
        anaphoric = tok.tag_ in ("NNS", "NNPS") and any(
            c.dep_ == "det" and c.lower_ in ("the", "these", "those", "both") for c in tok.children) \
            and info.sector not in _STATE_SECTORS  # "the authorities" are the place's own
        modifier_position = tok.dep_ in ("compound", "amod", "nmod", "appos", "flat")
        if info.country is None and base.stateless:
            info.country = base.stateless  # "a human rights group": a non-governmental body
            info.why = f"{info.why} (no state: {base.stateless})"
        if info.country is None and not info.fixed and not anaphoric and not modifier_position \
                and (info.sector or info.kind == "demonym"):
            context.country_from_context(self, tok, info, used)
        self.infos[tok.i] = info
        return self._to_actor(tok, base, used, info)

    def _apposition_country(self, tok: Token, info: Info) -> None:
        """An apposition to a named country or body is that country: in "China, North
        Korea's biggest benefactor" the possessive names the other party."""
        if tok.dep_ != "appos" or tok.head.i == tok.i:
            return
        m = self.match_at.get(tok.head.i)
        if m is None or m.entry.kind not in ("country", "capital", "organisation") or not m.entry.code:
            return
        country = split_code(m.entry.code)[0]
        if country and country != info.country:
            info.country = country
            info.why = f"{info.why} + apposition to '{self._text(m.start, m.end)}'"

    def _drop_name_parts(self) -> None:
        """Forget a surname match that is only part of a longer unknown name.

        "Park" is a known office holder's short name, but in "Park Young Ho"
        it begins another person's name.
        """
        doc = self.doc
        assert doc is not None
        keep = []
        for m in self.matches:
            if m.entry.kind == "person" and m.end - m.start == 1 and m.form != m.entry.name:
                near = [doc[m.end]] if m.end < len(doc) else []
                if any(t.pos_ == "PROPN" and t.is_title and t.i not in self.match_at
                       and t.ent_type_ in ("PERSON", "") and self.d.agents.get(t.lower_) is None
                       for t in near):
                    continue
            keep.append(m)
        if len(keep) != len(self.matches):
            self.matches = keep
            self.match_at = {i: m for m in keep for i in range(m.start, m.end)}

    def _base(self, tok: Token) -> Info | None:
        m = self.match_at.get(tok.i)
        if m is not None:
            return self._from_match(m, tok)
        agent, start = self._agent(tok)
        if agent is not None and self._ends_name(tok):
            agent = None  # "Tom King": a surname that is also a title
        if agent is None and self._namelike(tok):
            return self._name(tok)
        if agent is not None:
            return self._from_agent(tok, agent, start)
        return None

    def _from_match(self, m: Match, tok: Token) -> Info | None:
        entry = m.entry
        text = self._text(m.start, m.end)
        span = (m.start, m.end)
        if entry.kind == "person":
            return self._person_entry(entry, text, tok, span)
        if entry.kind == "contextual":
            return self._contextual(entry, text, span)
        if entry.kind == "country":
            return Info("country", country=entry.code, name=entry.name, span=span,
                        why=f"country '{text}'")
        if entry.kind == "place":
            country = self.state_of_town(entry.code)
            return Info("place", country=country, name=entry.name, span=span,
                        why=f"place '{text}' in {country}")
        if entry.kind == "capital":
            country = self.state_of_town(entry.code)
            if context.agentive(tok) and not self._names_a_place_of(tok):
                return Info("capital", country=country, sector="GOV", name=entry.name, span=span,
                            why=f"capital '{text}' (seat of government)")
            return Info("place", country=country, name=entry.name, span=span,
                        why=f"capital '{text}' (as a place)")
        if entry.kind == "demonym":
            plural = tok.tag_ in ("NNS", "NNPS") or text.endswith("s")
            # "Israeli soldiers arrested 100 Palestinians": people, not the state;
            # "Palestinians reject the plan" speaks for the nation.
            people = plural and tok.i == m.end - 1 and tok.dep_ not in ("amod", "compound", "nmod") \
                and (not context.agentive(tok) or context.qualified(self, tok))
            return Info("demonym", country=entry.code, name=entry.name, span=span, plural=plural,
                        sector="CVL" if people else None,
                        why=f"demonym '{text}'" + (" (its people)" if people else ""))
        if entry.contexts and not any(self.countries.intersection(when) for _, when in entry.contexts):
            return None  # "Labour" outside Britain
        country, sector = split_code(entry.code)
        kind = "group" if entry.group else "organisation"
        name = m.form if entry.each else entry.name
        note = f", {entry.note}" if entry.note else ""
        return Info(kind, country=country, sector=sector, tail=tail_of(entry.code), name=name,
                    fixed=True, span=span, plural=entry.group,
                    why=f"{'organisation' if kind == 'organisation' else 'group'} '{name}'"
                        f" ({entry.source}{note})")

    def _names_a_place_of(self, tok: Token) -> bool:
        """ "the Paris attack", "the Geneva talks": a capital before a word that is no
        actor says where, not who (while "Beijing officials" are its government)."""
        root = tok
        while root.dep_ in ("compound", "flat") and root.head.i != root.i and root.head.i in self.match_at \
                and self.match_at[root.head.i] is self.match_at.get(tok.i):
            root = root.head
        if root.dep_ != "compound" or root.head.i == root.i:
            return False
        head = root.head
        return head.pos_ == "NOUN" and head.i not in self.match_at and self._agent(head)[0] is None

    def state_of_town(self, code: str | None) -> str | None:
        """The state a town lay in at the article's date (Juba before 2011: Sudan)."""
        return self.d.state_at(code, self.day) if code else code

    def _person_entry(self, entry: Entry, text: str, tok: Token, span: tuple[int, int]) -> Info:
        single = span[1] - span[0] == 1
        known = self.people.get(text.lower()) if single else None
        if known is not None and not coref.prefers_office_holder(self, tok, entry):
            return self._from_known_person(known, text, span)
        role, former = entry.role_at(self.day)
        if role is None:
            first = entry.roles[0] if entry.roles else None
            country = split_code(first.code)[0] if first else None
            return Info("person", country=country, name=entry.name, span=span, fixed=True,
                        why=f"person '{entry.name}' (not yet in office)")
        country, sector = split_code(role.code)
        if former:
            sector = "ELI"
        when = f"former {role.describe()}" if former else role.describe()
        return Info("person", country=country, sector=sector, tail="" if former else tail_of(role.code),
                    name=entry.name, span=span, fixed=True, former=(role.title or "").lower() if former
                    else None, why=f"office holder '{entry.name}' ({when})")

    def _from_known_person(self, known: Actor, text: str, span: tuple[int, int]) -> Info:
        info = Info.from_actor(known, "person")
        info.span = span
        info.fixed = known.code is not None
        info.why = f"'{text}' = {known.name}, named earlier ({known.code or 'uncoded'})"
        return info

    def _contextual(self, entry: Entry, text: str, span: tuple[int, int]) -> Info | None:
        for codes, when in entry.contexts:
            if self.countries.intersection(when):
                return Info("country", country=codes[0], also=tuple(codes[1:]), span=span,
                            name=self.d.country_names.get(codes[0]),
                            why=f"'{text}' in an article about {'/'.join(sorted(when))}")
        return None

    def _agent(self, tok: Token) -> tuple[Agent | None, int]:
        """The agent noun or title ending at `tok`, longest form first ("prime minister")."""
        lefts = [c.i for c in tok.lefts if c.dep_ in ("compound", "amod", "nmod")]
        first = min(lefts) if lefts else tok.i
        words = self._words
        for start in range(max(first, tok.i - 3), tok.i + 1):
            if any(j in self.match_at for j in range(start, tok.i)):
                continue
            phrase = " ".join(w for w in words[start:tok.i + 1] if w)
            agent = self.d.agents.get(phrase)
            if agent is not None:
                return agent, start
        agent = self.d.agents.get(tok.lemma_.lower()) or self.d.agents.get(tok.lower_)
        return agent, tok.i

    def _from_agent(self, tok: Token, agent: Agent, start: int) -> Info:
        text = self._text(start, tok.i + 1)
        name = None
        if tok.pos_ == "PROPN" or tok.is_title and tok.i > tok.sent.start:
            name_start = self._name_start(tok)
            if name_start < tok.i:
                name = self._text(name_start, tok.i + 1)
                start = min(start, name_start)
        kind = {"person": "title", "country": "agent"}.get(agent.kind, agent.kind)
        if agent.kind == "place":
            return Info("place", lemma=tok.lemma_.lower(), span=(start, tok.i + 1),
                        why=f"place word '{text}'")
        plural = agent.plural and tok.tag_ in ("NNS", "NNPS", "NN") and tok.lower_.endswith("s")
        return Info(kind, sector=agent.sector, inherit=agent.inherit, name=name,
                    plural=plural or tok.tag_ == "NNS", lemma=tok.lemma_.lower(),
                    span=(start, tok.i + 1), country_only=agent.kind == "country",
                    stateless=agent.stateless,
                    why=f"{'title' if agent.kind == 'person' else 'agent'} '{text}'")

    def _ends_name(self, tok: Token) -> bool:
        """`tok` is the last word of a person's name (the word before is a first name)."""
        if tok.ent_type_ != "PERSON" or tok.pos_ != "PROPN" or tok.i == 0:
            return False
        prev = tok.doc[tok.i - 1]
        return prev.ent_type_ == "PERSON" and prev.pos_ == "PROPN" and prev.head.i == tok.i \
            and self.d.agents.get(prev.lower_) is None and prev.i not in self.match_at

    @staticmethod
    def _namelike(tok: Token) -> bool:
        """A proper name; the small model sometimes tags surnames as plural nouns ("Davies")."""
        if tok.pos_ == "PROPN":
            return True
        return tok.pos_ == "NOUN" and tok.is_title and tok.i > tok.sent.start \
            and tok.ent_type_ in ("PERSON", "ORG")

    def _name_start(self, tok: Token) -> int:
        """First token of the capitalised name ending at `tok` ("National Defense Commission")."""
        j = tok.i
        doc = tok.doc
        while j - 1 >= tok.sent.start:
            prev = doc[j - 1]
            if prev.i in self.match_at or not prev.is_title or prev.head.i < prev.i \
                    or prev.lower_ in self.d.modifiers and (prev.is_lower or prev.i == prev.sent.start) \
                    or prev.head.i > tok.i or prev.dep_ not in ("compound", "amod", "flat"):
                break
            j -= 1
        return j

    def _name(self, tok: Token) -> Info | None:
        """A capitalised name not in the dictionaries: a person met earlier, or a new one."""
        start = tok.i
        doc = tok.doc
        while start - 1 >= tok.sent.start:
            prev = doc[start - 1]
            if prev.pos_ != "PROPN" or prev.i in self.match_at or prev.head.i != tok.i \
                    or self.d.agents.get(prev.lower_) is not None:
                break
            start -= 1
        text = self._text(start, tok.i + 1)
        span = (start, tok.i + 1)
        known = self.people.get(text.lower())
        if known is not None:
            return self._from_known_person(known, text, span)
        label = tok.ent_type_
        titled = coref.has_person_role(self, tok)
        in_clause = any(t.pos_ in ("VERB", "AUX") for t in tok.sent)
        given = tok.i > start and doc[start].text in self.d.given_names
        if label == "PERSON" or titled or given or (tok.i - start >= 1 and not label and in_clause):
            return Info("person", name=text, span=span, why=f"name '{text}'")
        if label in ("ORG", "NORP"):
            return Info("organisation", name=text, span=span, why=f"organisation name '{text}'")
        return None

    # --- modifiers ------------------------------------------------------------------
    def _modifiers(self, tok: Token, base: Info) -> tuple[list[Token], list[tuple[str, Info]]]:
        """The modifiers of `tok` that say something about the actor, with their relation."""
        used: list[Token] = []
        mods: list[tuple[str, Info]] = []
        lo, hi = base.span or (tok.i, tok.i + 1)
        takes_preps = base.kind in ("title", "agent", "organisation", "group", "place") \
            and not base.fixed
        for child in tok.children:
            if lo <= child.i < hi:
                continue
            dep = child.dep_
            if dep == "appos" and any(c.dep_ == "conj" for c in child.children):
                continue  # a list read as an apposition: "The US, Russia, and Switzerland met"
            if dep in MODIFIER_DEPS:
                info = self._modifier(child)
                rel = dep
            elif dep == "prep" and takes_preps and child.lower_ in ROLE_PREPS:
                pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if pobj is None:
                    continue
                info = self._modifier(pobj)
                rel = "loc" if child.lower_ in LOCATIVE_PREPS else "prep"
                if info is not None and rel == "loc" and info.kind not in ("country", "capital"):
                    rel = "prep"
            else:
                continue
            if info is not None:
                used.append(child)
                mods.append((rel, info))
        return used, mods

    def _modifier(self, child: Token) -> Info | None:
        if child.lower_ == "led" and child.dep_ in ("amod", "compound"):
            # "the Saudi-led coalition": the leader's country is the coalition's (a patron,
            # "Iran-backed", is not: actors.context)
            leader = next((g for g in child.children if g.i in self.match_at), None)
            return self._modifier(leader) if leader is not None else None
        if context.not_a_state(child) or context.names_no_state(self, child):
            return None
        m = self.match_at.get(child.i)
        if m is not None and not coref.is_pronoun(child):
            root = self.doc[self._match_root(m)] if self.doc is not None else child
            if root.i != child.i and m.entry.kind not in ("person",):
                return self._from_match(m, child)
            actor = self.actor(child)
            if actor is None:
                return None
            known = self.infos.get(child.i)
            return Info(**{**known.__dict__, "sources": []}) if known is not None \
                else Info.from_actor(actor, self._kind_of(m.entry))
        sector = self.d.modifiers.get(child.lower_, "none")
        # Inside a capitalised name ("National Defense Commission") the word is part of the name.
        plain = child.is_lower or child.i == child.sent.start or not child.head.is_title
        if sector != "none" and plain and child.dep_ in ("amod", "compound", "advmod"):
            return Info("modifier", sector=sector, why=f"'{child.text}'") if sector else None
        if child.pos_ == "PROPN" and child.dep_ in ("compound", "appos", "flat") \
                and self._agent(child)[0] is None:
            return self._name(child)
        actor = self.actor(child)
        if actor is None:
            return None
        known = self.infos.get(child.i)
        if known is not None:
            info = Info(**{**known.__dict__, "sources": []})
            info.why = actor.why or info.why
            return info
        return Info.from_actor(actor)

    @staticmethod
    def _kind_of(entry: Entry) -> str:
        return {"capital": "capital", "demonym": "demonym", "contextual": "country"}.get(
            entry.kind, entry.kind)

    # --- combining ------------------------------------------------------------------
    def _combine(self, tok: Token, base: Info, mods: list[tuple[str, Info]]) -> Info:
        """Merge head and modifiers: who (name), which country, which sector."""
        info = Info(base.kind, base.country, base.sector, base.tail, base.name, base.why, base.fixed,
                    base.inherit, base.plural, base.entity, base.lemma, base.also, base.span,
                    base.country_only)
        reasons = [base.why] if base.why else []
        if base.kind == "demonym":
            # "Bosnian Serbs", "Iraqi Kurds": where they live, not who they are;
            # "ethnic Turks": a people, the country comes from the context.
            where = next((m for rel, m in mods if rel in ("amod", "compound", "nmod") and m.country
                          and m.kind in ("demonym", "country", "capital")), None)
            if where is not None:
                info.country = where.country
            elif any(c.lower_ == "ethnic" for c in tok.children):
                info.country = None
        named = [m for rel, m in mods if m.kind == "person" and m.name
                 and rel in ("compound", "appos", "flat", "nmod")]
        if info.kind == "title" and named:
            person = named[0]
            info.kind, info.name, info.entity = "person", person.name, person.entity
            if person.country:
                info.country, info.fixed = person.country, person.fixed
                if person.fixed and person.sector:
                    info.sector = person.sector
            reasons.append(person.why)
        order = {"compound": 0, "amod": 0, "nmod": 0, "flat": 0, "poss": 1, "npadvmod": 2,
                 "appos": 3, "prep": 4, "loc": 5}
        ranked = sorted(mods, key=lambda rm: order.get(rm[0], 9))
        if info.country is None:
            for _, m in ranked:
                if m.country:
                    info.country, info.tail = m.country, info.tail or (m.tail if m.fixed else "")
                    reasons.append(m.why)
                    break
        self._combine_sector(info, base, ranked, reasons)
        info.why = " + ".join(dict.fromkeys(r for r in reasons if r))
        return info

    @classmethod
    def _combine_sector(cls, info: Info, base: Info, ranked: list[tuple[str, Info]],
                        reasons: list[str]) -> None:
        cls._pick_sector(info, base, ranked, reasons)
        if info.sector == "GOV" and not base.fixed and info.country \
                and info.country.startswith(("IGO", "NGO")):
            info.sector = None  # "a U.N. mediator": an IGO's official, not a government's

    @staticmethod
    def _pick_sector(info: Info, base: Info, ranked: list[tuple[str, Info]], reasons: list[str]) -> None:
        if any(m.kind == "modifier" and m.sector == "ELI" for _, m in ranked):
            info.sector, info.tail = "ELI", ""
            reasons.append("'former'")
            return
        if info.country_only:
            info.sector = None
            return
        word = next((m for _, m in ranked if m.kind == "modifier" and m.sector), None)
        roles = [m for rel, m in ranked if m.sector and rel != "loc"
                 and m.kind in ("title", "agent", "organisation", "group")]
        titles = [m for m in roles if m.kind == "title"]
        if base.former is not None and titles and titles[0].lemma and titles[0].lemma in base.former:
            return  # "Chancellor Merkel" in 2023 names the office she has left: ELI stays
        if base.kind == "person" and titles:
            info.sector = titles[0].sector if not info.sector or titles[0].inherit is False \
                or not base.fixed else info.sector
            if info.sector == titles[0].sector:
                reasons.append(titles[0].why)
        elif base.kind == "person" and not info.sector and roles:
            info.sector = roles[0].sector
            reasons.append(roles[0].why)
        elif base.kind == "person" and not info.sector:
            appos = next((m for rel, m in ranked if rel == "appos" and m.sector), None)
            if appos is not None:
                info.sector = appos.sector
                reasons.append(appos.why)
        elif base.inherit and not base.fixed:
            source = word or next((m for m in roles if m.kind != "title"), None)
            if source is not None and source.sector:
                info.sector = source.sector
                reasons.append(source.why)

        elif word is not None and not base.fixed and base.kind in ("agent", "group", "title"):
            info.sector = word.sector
            reasons.append(word.why)

    # --- output --------------------------------------------------------------------
    def _to_actor(self, tok: Token, base: Info, used: list[Token], info: Info) -> Actor | None:
        if info.kind in ("agent", "title", "group", "organisation") and not info.country \
                and not info.sector and not info.name:
            return None
        if info.kind == "place" and not info.country:
            return None
        start, end = self._extent(tok, base, used)
        doc = tok.doc
        code = join_code(info.country, info.sector, info.tail if info.sector or info.fixed else "")
        if info.kind == "demonym":
            kind = "group"
        elif info.kind in ("capital", "place"):
            kind = "country" if info.kind == "capital" else "place"
        elif info.kind in ("title", "agent"):
            kind = "person" if info.kind == "title" else ("country" if info.country_only else "group")
        else:
            kind = info.kind
        return Actor(text=self.article.text[doc[start].idx:doc[end - 1].idx + len(doc[end - 1])],
                     start=doc[start].idx, end=doc[end - 1].idx + len(doc[end - 1]), code=code,
                     country=info.country, sector=info.sector, name=info.name, kind=kind,
                     why=info.why, entity=info.entity)

    def _extent(self, tok: Token, base: Info, used: list[Token]) -> tuple[int, int]:
        lo, hi = base.span or (tok.i, tok.i + 1)
        lo, hi = min(lo, tok.i), max(hi, tok.i + 1)
        for child in tok.lefts:
            if child.dep_ in ("det", "amod", "compound", "nummod", "poss", "nmod", "quantmod"):
                lo = min(lo, child.left_edge.i)
        for child in used:
            sub = list(child.subtree)
            lo, hi = min(lo, sub[0].i), max(hi, sub[-1].i + 1)
        doc = tok.doc
        while hi - 1 > lo and doc[hi - 1].is_punct:
            hi -= 1
        while lo < hi - 1 and doc[lo].is_punct:
            lo += 1
        return lo, hi

    # --- helpers -------------------------------------------------------------------------
    def text_of(self, start: int, end: int) -> str:
        """The article text of tokens [start, end)."""
        return self._text(start, end)

    def _text(self, start: int, end: int) -> str:
        doc = self.doc
        assert doc is not None
        return self.article.text[doc[start].idx:doc[end - 1].idx + len(doc[end - 1])]

    def _match_root(self, m: Match) -> int:
        assert self.doc is not None
        return self.doc[m.start:m.end].root.i

    def _match_is_phrase(self, m: Match, root: Token) -> bool:
        """A dictionary match that is a noun phrase of its own, not a modifier of another."""
        if m.entry.kind in ("person", "organisation", "contextual"):
            return True
        if m.entry.kind == "demonym":
            if root.dep_ == "conj" and root.head.dep_ in ("amod", "compound", "nmod"):
                return False  # "Japanese and South Korean counterparts": a modifier too
            return root.dep_ not in ("amod", "compound", "nmod") or root.pos_ in ("NOUN",) \
                and root.tag_ in ("NNS", "NNPS")
        if root.dep_ not in ("amod", "compound", "nmod"):
            return True
        # "US relations with Asia": the country is mentioned, "relations" is no actor
        return m.entry.kind == "country" and self.actor(root.head) is None

    def _entity_id(self, actor: Actor) -> int:
        key = f"{actor.kind}:{actor.name}" if actor.name else f"code:{actor.code}:{actor.text.lower()}"
        if actor.kind == "country" and actor.country:
            key = f"country:{actor.country}"
        if key not in self.entities:
            self.entities[key] = len(self.entities)
        return self.entities[key]

    def _register_person(self, actor: Actor) -> None:
        assert actor.name
        parts = actor.name.replace("-", " ").split()
        keys = {actor.name.lower(), actor.text.lower()}
        if len(parts) > 1:
            keys.update({parts[0].lower(), parts[-1].lower()})
        for key in keys:
            old = self.people.get(key)
            if old is None or actor.code is not None or old.code is None:
                self.people[key] = actor
