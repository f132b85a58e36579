"""Who did it to whom: the source and target actors of a candidate event.

Read from the dependency parse, with actors coded by the actors stage
(`eventcoder.actors.actor_for_token`):

- source: the subject of the event word, climbing through open clauses
  ("plans to attack", "agreed to ... and signed"), relative clauses ("Iran,
  which attacked ..."), predicate adjectives ("is willing to"); the
  possessor or "by" agent of a nominal event ("Russia's invasion"); the
  "by" agent of a passive ("was attacked by rebels");
- target: the direct object or addressee, else the object of a target
  preposition ("talks with the U.S.", "aid to Syria"), else the passive
  subject, else the addressee of a telling verb ("X told Y it would ...");
- coordination: every coordinated subject and target ("X and Y agreed" is
  an event each way; "sanctions on X and Y" one per target);
- reported speech: a pronoun subject the actors stage left unresolved inside
  a reported clause is the speaker ("Syria says it will withdraw"), while
  the reporting speaker of a clause with its own subject is not the actor
  ("Xinhua said the North is willing ...").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from eventcoder.events.lexicon import Syntax
from eventcoder.events.match import national_agents
from eventcoder.model import Actor, Article

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

ActorLookup = Callable[[Article, "Token"], Actor | None]

_SUBJ = ("nsubj", "csubj", "expl")
_RELATIVE = {"who", "which", "that", "whom", "whose"}
_FALLBACK_DEPS = ("poss", "compound", "amod", "appos", "nmod")
_MAX_CLIMB = 8
# How far (in tokens) outside the event's own clause a participant may lie.
NEAREST_WINDOW = 12


class Roles:
    """Finds sources and targets for candidate events in one article."""

    def __init__(self, article: Article, syntax: Syntax, lookup: ActorLookup) -> None:
        self.article = article
        self.syntax = syntax
        self.lookup = lookup
        self._cache: dict[int, Actor | None] = {}

    # --- actors ------------------------------------------------------------
    def actor(self, token: Token) -> Actor | None:
        """The coded actor a noun phrase refers to, looking into its modifiers
        ("North Korea's envoy" -> PRK, "the president of Armenia" -> ARM)."""
        if token.i not in self._cache:
            self._cache[token.i] = self._actor(token, depth=0)
        return self._cache[token.i]

    def _actor(self, token: Token, depth: int) -> Actor | None:
        found = self.lookup(self.article, token)
        if found is not None and not found.code:
            found = None
        if found is not None and known(found):
            return found
        inner = self._inner_actor(token, depth)
        return inner if inner is not None and (found is None or known(inner)) else found

    def _inner_actor(self, token: Token, depth: int) -> Actor | None:
        """An actor in the phrase's modifiers: "British Defence Secretary Tom King", and
        through a measure ("80 percent of Iraq's debt")."""
        if depth >= 3:
            return None
        for c in token.children:
            if c.dep_ in _FALLBACK_DEPS:
                inner = self._actor(c, depth + 1)
                if inner is not None:
                    return inner
        for c in token.children:
            if c.dep_ == "prep" and c.lower_ in ("of", "from"):
                for g in c.children:
                    if g.dep_ == "pobj":
                        inner = self._actor(g, depth + 1)
                        if inner is not None:
                            return inner
        return None

    def actors(self, tokens: list[Token]) -> list[Actor]:
        """Coded actors of tokens and of their coordinated nouns, deduplicated
        ("sanctions on Iran and Syria"; "his Japanese and South Korean
        counterparts" is one actor per coordinated modifier)."""
        out: list[Actor] = []
        for t in tokens:
            if t.lemma_.lower() in self.syntax.non_actor_nouns:
                continue
            for tok in (t, *_conjuncts(t), *self._span_conjuncts(t)):
                found = [a for m in _coordinated_modifiers(tok) if (a := self.actor(m)) is not None]
                if len({a.code for a in found}) < 2:
                    found = [a] if (a := self.actor(tok)) is not None else []
                for a in found:
                    if all(a.start != b.start or a.code != b.code for b in out):
                        out.append(a)
        return out

    def _span_conjuncts(self, t: Token) -> list[Token]:
        """Conjuncts hanging from inside a multi-word actor rather than from its head:
        in a misparsed "Barack Obama and Vladimir Putin will meet", "Putin" is the
        conjunct of "Obama" while "Barack" heads the subject."""
        a = self.actor(t)
        if a is None or a.start is None or a.end is None:
            return []
        span = t.doc.char_span(a.start, a.end, alignment_mode="expand")
        if span is None or len(span) < 2:
            return []
        return [c for u in span if u.i != t.i for c in _conjuncts(u) if not a.start <= c.idx < a.end]

    # --- sources -------------------------------------------------------------
    def subjects(self, anchor: Token) -> tuple[list[Token], list[Token]]:
        """(source tokens, passive-subject target tokens) for an event word."""
        t = anchor
        via_xcomp = False
        active_conj = False  # "was indicted by the court and promised to surrender"
        for _ in range(_MAX_CLIMB):
            subj = [c for c in t.children if c.dep_ in _SUBJ]
            if subj and t.lemma_.lower() in self.syntax.victim_verbs:
                cause = self._cause_agents(t)  # "two soldiers died in a Taliban ambush"
                return (cause, subj) if cause else ([], [])
            if subj:
                if subj[0].lower_ in _RELATIVE and t.dep_ == "relcl":
                    return [t.head], []
                return subj, []
            passive = [c for c in t.children if c.dep_ in ("nsubjpass", "csubjpass")]
            if passive and (via_xcomp or active_conj):  # "Xi is expected to meet", "Iran was urged to stop"
                return passive, []
            if passive and t.lemma_.lower() in self.syntax.active_passives and not _agents(t):
                return passive, []  # "forces were engaged in ethnic cleansing"
            if passive:
                agents = [a for a in _agents(t) if a.lemma_.lower() not in self.syntax.cause_nouns]
                return agents or self._cause_agents(t), passive
            if t.pos_ in ("NOUN", "PROPN"):
                owners = [c for c in t.children if c.dep_ == "poss"] or _agents(t)
                if not owners and t is anchor:
                    owners = national_agents(t)  # "Israeli air strikes killed ..."
                if owners:
                    return owners, []
            nxt = self._climb(t)
            if nxt is None:
                return [], []
            if isinstance(nxt, list):
                return nxt, []
            if t.dep_ == "acl" and nxt.pos_ in ("NOUN", "PROPN") and t.tag_ in ("VBD", "VBN") \
                    and any(c.dep_ in ("dobj", "obj") or (c.dep_ in ("advcl", "xcomp") and any(
                        a.dep_ == "aux" and a.lower_ == "to" for a in c.children))
                            for c in t.children):
                # "Israeli air strikes killed 20 people", "a commander threatened on Monday to
                # close the strait": an active verb the small model parsed as a noun's clause
                return [nxt], []
            via_xcomp = t.dep_ == "xcomp"
            active_conj = active_conj or (t.dep_ == "conj" and t.tag_ in ("VBD", "VBZ", "VBP"))
            t = nxt
        return [], []

    def _launcher(self, subj: Token) -> Token | None:
        """Who launched or fired a weapon that is the subject: "Drones launched by Yemen's
        Houthi movement struck two Saudi oil facilities" (syntax.yaml: cause_nouns)."""
        if subj.lemma_.lower() not in self.syntax.cause_nouns | self.syntax.instrument_nouns:
            return None
        for clause in subj.children:
            if clause.dep_ == "acl" and clause.tag_ == "VBN":
                agents = _agents(clause)
                if agents and any(known(a) for a in self.actors(agents)):
                    return agents[0]
        return None

    def _cause_agents(self, verb: Token) -> list[Token]:
        """Who carried out the attack a harm is attributed to: "killed in a U.S. drone
        strike", "died in Israeli tank shelling", "wounded by Israeli fire", "killed in
        an air strike by government forces" (syntax.yaml: cause_nouns, cause_preps)."""
        for prep in verb.children:
            if prep.dep_ not in ("prep", "agent") or prep.lower_ not in self.syntax.cause_preps:
                continue
            for noun in prep.children:
                if noun.dep_ != "pobj" or noun.lemma_.lower() not in self.syntax.cause_nouns:
                    continue
                owners = [c for c in noun.children if c.dep_ == "poss"] or _agents(noun) or [
                    c for c in noun.children if c.dep_ in ("amod", "compound")
                    and (c.pos_ == "PROPN" or (c.pos_ == "ADJ" and c.is_title))]
                if any(known(a) for a in self.actors(owners)):
                    return owners
        return []

    def _climb(self, t: Token) -> Token | list[Token] | None:
        """The word whose subject `t` shares, or the controlling object itself."""
        dep = t.dep_
        if dep == "relcl":
            return [t.head]
        if dep == "xcomp":
            head = t.head
            if head.lemma_.lower() in self.syntax.object_control_verbs:
                objs = [c for c in head.children if c.dep_ in ("dobj", "obj")]
                if objs:
                    return objs
            return head
        if dep in ("conj", "acomp", "amod", "acl"):
            return t.head
        if dep in ("dobj", "obj", "attr", "nsubjpass"):
            return t.head
        if dep == "pobj" and t.head.dep_ == "prep":
            return t.head.head
        if dep == "advcl" and not any(c.dep_ == "mark" for c in t.children):
            return t.head  # "..., saying it would ..." shares the main subject
        return None

    def speaker(self, anchor: Token) -> list[Token]:
        """The subject of the reporting verb whose clause contains `anchor`."""
        t = anchor
        for _ in range(_MAX_CLIMB):
            if t.dep_ == "ccomp" and t.head.lemma_.lower() in self.syntax.reporting_verbs:
                return [c for c in t.head.children if c.dep_ == "nsubj"]
            if t.head is t:
                return []
            t = t.head
        return []

    def addressee(self, anchor: Token) -> list[Token]:
        """The person told, when the event is reported to them ("X told Y ...")."""
        t = anchor
        for _ in range(_MAX_CLIMB):
            if t.dep_ == "ccomp" and t.head.lemma_.lower() in self.syntax.telling_verbs:
                return [c for c in t.head.children if c.dep_ in ("dobj", "dative", "obj", "iobj")]
            if t.head is t:
                return []
            t = t.head
        return []

    def sources(self, anchor: Token) -> tuple[list[Actor], list[Actor]]:
        """(source actors, passive targets) of the event anchored at `anchor`."""
        subj, passive = self.subjects(anchor)
        subj = [self._launcher(s) or _participle_subject(s) or s for s in subj]
        actors = self.actors(subj)
        if not actors and not passive and (not subj or any(_is_pronominal(s) for s in subj)):
            actors = self.actors(self.speaker(anchor))
            if not actors and anchor.pos_ == "NOUN" and anchor.dep_ in ("dobj", "obj", "pobj"):
                # "the ILO reiterated its demand": the owner is the verb's subject
                head = anchor.head.head if anchor.dep_ == "pobj" else anchor.head
                actors = self.actors(self.subjects(head)[0])
        return actors, self.actors(passive)

    # --- targets -----------------------------------------------------------
    def nearest(self, anchor: Token, exclude: set[int], source: Actor) -> list[Actor]:
        """The coded actor nearest the event word, after it, then before it,
        outside the subjects and the reporting clause: the participant a
        sentence names without a grammatical link ("jailed 52 members of the
        banned Movement ...")."""
        clause = {t.i for t in anchor.subtree}
        near = [t for t in anchor.sent if t.i not in exclude and t.pos_ in ("PROPN", "NOUN", "ADJ")
                and (t.i in clause or abs(t.i - anchor.i) <= NEAREST_WINDOW)]
        ranked = sorted(near, key=lambda t: (t.i not in clause,
                                             abs(t.i - anchor.i) + (0.5 if t.i < anchor.i else 0)))
        for t in ranked:
            head = t
            while head.dep_ in ("compound", "amod", "flat", "nmod") and head.head is not head:
                head = head.head  # judge the phrase by its head: "United" in "United Nations Command"
            if any(h.lemma_.lower() in self.syntax.non_actor_nouns for h in list(head.ancestors)[:3]):
                continue
            if t.dep_ == "poss" and t.pos_ == "PRON":
                continue
            a = self.lookup(self.article, t)
            if a is None or not known(a) or self.instrument(a):
                continue
            if a.start != source.start and not same_side(a, source) and not self._own(a, t, source) \
                    and not (a.code == source.code and (len(a.code) > 3 or self._owned_by(t, source))):
                return [x for x in self.actors([t]) if x.start != source.start] or [a]
        return []

    def excluded(self, anchor: Token, subjects: list[Token]) -> set[int]:
        """Token indices that cannot hold the target: the subjects, and the
        reporting frame around a reported event (the speaker, the outlet, "in a
        statement carried by KCNA"); for an event word that is itself a
        reporting verb ("said Sudan must ..."), everything outside its clause."""
        out: set[int] = set()
        own = {t.i for t in anchor.subtree}
        for s in subjects:
            out.update(t.i for t in s.subtree if t.i not in own)
        if anchor.pos_ == "NOUN" and anchor.dep_ in ("dobj", "obj", "pobj"):
            # "the Council condemned North Korea's launch": the condemner is no target of the launch
            verb = anchor.head.head if anchor.dep_ == "pobj" else anchor.head
            for s in verb.children:
                if s.dep_ in ("nsubj", "nsubjpass"):
                    out.update(t.i for t in s.subtree if t.i not in own)
        if anchor.lemma_.lower() in self.syntax.reporting_verbs \
                and any(c.dep_ == "ccomp" for c in anchor.children):  # not "wrote off its debt"
            # the content, and the one told ("warned Israel of a harsh response")
            told = ("dobj", "dative", "iobj") if anchor.lemma_.lower() in self.syntax.telling_verbs else ()
            content = {t.i for c in anchor.children if c.dep_ == "ccomp" or c.dep_ in told
                       for t in c.subtree}
            out.update(t.i for t in anchor.sent if t.i not in content)
        # the attribution ("according to U.S. intelligence assessments") names a source
        # of the news, not a participant
        for tok in anchor.sent:
            if tok.lower_ == "according" and not tok.is_ancestor(anchor):
                out.update(x.i for x in tok.subtree)
        t = anchor
        for _ in range(_MAX_CLIMB):
            head = t.head
            if head is t:
                break
            if t.dep_ == "ccomp" and head.lemma_.lower() in self.syntax.reporting_verbs:
                clause = {x.i for x in t.subtree}
                out.update(x.i for x in head.subtree if x.i not in clause)
                break
            t = head
        return out

    def targets(self, parts: list[Token], exclude: set[int], hints: tuple[Token, ...] = (),
                source: Actor | None = None) -> list[Actor]:
        """Target actors: hinted, objects, then target prepositions, of the trigger words.

        A target of unknown country is kept only when nothing better is found;
        a pronoun naming the source itself ("withdraw its troops") is no target.
        """
        fallback: list[Actor] = []
        own = {p.i for p in parts}  # the event's own words ("hold their meeting") are not targets
        exclude = exclude | own
        # the trigger's own object first ("pressed Pakistan to hand over Taliban leaders":
        # Pakistan, not the leaders the embedded verb takes), then the other words' objects
        tiers = [[h for h in hints], self._objects(parts[0]) if parts else [],
                 [t for p in parts[1:] for t in self._objects(p)],
                 [t for p in parts for t in self._prep_objects(p)]]
        for tier_tokens in tiers:
            found = [a for t in tier_tokens if t.i not in exclude for a in self.actors([t])
                     if a.text.lower() not in _REFLEXIVES and not self._own(a, t, source)
                     and not self.instrument(a)]
            if any(known(a) for a in found):
                return [a for a in found if known(a)]
            fallback = fallback or found
        return fallback

    def purpose_targets(self, anchor: Token, exclude: set[int], source: Actor) -> list[Actor]:
        """Targets named in the act's clause of purpose: "marched in Nairobi to demand
        the resignation of President Ruto" is a protest against the president,
        "fired tear gas to disperse protesters" an act on the protesters."""
        for clause in anchor.children:
            if clause.dep_ not in ("advcl", "xcomp") or clause.pos_ not in ("VERB", "AUX") \
                    or not any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
                continue
            found = [a for a in self.targets([clause], exclude, (), source) if known(a)]
            if found:
                return found
        return []

    def instrument(self, actor: Actor) -> bool:
        """A weapon or blast standing for unknown attackers ("a series of bombs"): no target."""
        words = actor.text.lower().split()
        last = words[-1] if words else ""
        return last in self.syntax.instrument_nouns or last.rstrip("s") in self.syntax.instrument_nouns

    def _own(self, actor: Actor, token: Token, source: Actor | None) -> bool:
        """The source itself, its own side, or what it owns ("its troops", also when found
        inside another phrase: "the combat readiness of its army")."""
        if source is None:
            return False
        if same_side(actor, source):
            return True
        if actor.country != source.country:
            return False
        if self._owned_by(token, source):
            return True
        span = token.doc.char_span(actor.start, actor.end, alignment_mode="expand") \
            if actor.start is not None and actor.end is not None else None
        return span is not None and span.root.i != token.i and self._owned_by(span.root, source)

    def _owned_by(self, token: Token, source: Actor | None) -> bool:
        """A phrase the source owns through a pronoun ("its troops", "their
        borders") names what the source acts with, not whom it acts on."""
        if source is None:
            return False
        of = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
              for g in c.children if g.dep_ == "pobj"]
        if token.pos_ in ("NUM", "PRON") or token.lower_ in ("some", "many", "most", "part", "all"):
            return any(self._owned_by(g, source) for g in of)  # "one of its gunboats"
        for c in token.children:
            if c.dep_ == "poss" and c.pos_ == "PRON":
                owner = self.lookup(self.article, c)
                return owner is not None and (owner.code == source.code or _same_entity(owner, source))
        return False

    @staticmethod
    def _objects(t: Token) -> list[Token]:
        return [c for c in t.children if c.dep_ in ("dobj", "obj", "dative", "iobj")]

    def _prep_objects(self, t: Token) -> list[Token]:
        preps = [c for c in t.children
                 if c.dep_ in ("prep", "agent") and c.lower_ in self.syntax.target_preps]
        preps.sort(key=lambda c: self.syntax.target_preps.index(c.lower_))
        return [g for c in preps for g in c.children if g.dep_ == "pobj"]


_REFLEXIVES = {"itself", "themselves", "himself", "herself", "ourselves", "oneself"}
_PRONOUNS = {"it", "its", "they", "their", "them", "he", "his", "him", "she", "her", "itself",
             "themselves", "we", "our", "us"}


def known(actor: Actor) -> bool:
    """Whether the actor's country (or IGO/NGO) is coded, not "---"."""
    return bool(actor.code) and not actor.code.startswith("-")


def same_side(target: Actor, source: Actor) -> bool:
    """Whether a would-be target is the source itself or its own side, so no target of its act.

    The same referent (coreference chain, pronoun), the same country and
    sector ("the Pentagon ... U.S. troops"), or a bare country word naming
    the state a state actor acts for ("Madrid ... the Spanish ambassador").
    Two sides of one country stay apart (police against the opposition: COP
    vs OPP; "Croatia investigates Croatian extremists"; hunger strikers
    against their country), as do two named people ("Obama met Kerry") and
    a place, which stands for its inhabitants.
    """
    if _same_entity(target, source):
        return True
    if target.kind in (None, "place") or source.kind is None or not target.country \
            or target.country != source.country:
        return False  # a mention given by hand (no kind) stands as its coder marked it
    if target.kind == "person" and source.kind == "person" and target.name and source.name \
            and target.name != source.name:
        return False
    if target.sector is None:
        return source.sector in _STATE_SECTORS  # "Madrid ... the Spanish ambassador"
    return target.sector == source.sector


# Sectors that act for the state itself: a bare country word after such a
# source names its own side, while protesters or rebels act against it.
_STATE_SECTORS = (None, "GOV", "MIL", "COP", "JUD", "LEG", "SPY")


def _same_entity(a: Actor, b: Actor) -> bool:
    """Two mentions of one referent (same coreference chain, or a pronoun for it)."""
    return (a.entity is not None and a.entity == b.entity) or _self_reference(a, b)


def _self_reference(actor: Actor, source: Actor | None) -> bool:
    """A pronoun standing for the source itself ("its troops", "blew themselves up")."""
    if actor.text.lower() in _REFLEXIVES:
        return True
    return source is not None and actor.code == source.code and actor.text.lower() in _PRONOUNS


def _participle_subject(t: Token) -> Token | None:
    """ "The Red Cross operating in Iraq said ...": the small model makes the participle the
    subject and "Red Cross" its own; the one who speaks or acts is the participle's subject."""
    if t.pos_ == "VERB" and t.tag_ in ("VBG", "VBN"):
        return next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return None


def _agents(t: Token) -> list[Token]:
    return [g for c in t.children if c.dep_ in ("agent", "prep") and c.lower_ == "by"
            for g in c.children if g.dep_ == "pobj"]


def _conjuncts(t: Token) -> list[Token]:
    """Nouns coordinated with `t`, including a list the parser read as an apposition
    ("The US, Russia, and Switzerland": Russia an appos of US, Switzerland its conj)."""
    out = []
    for c in t.children:
        listed = c.dep_ == "appos" and c.pos_ == "PROPN" and any(g.dep_ == "conj" for g in c.children)
        if (c.dep_ == "conj" or listed) and c.pos_ in ("PROPN", "NOUN"):
            out.append(c)
            out.extend(_conjuncts(c))
    return out


def _coordinated_modifiers(t: Token) -> list[Token]:
    """Coordinated adjectives before a noun: "Japanese and South Korean" officials."""
    mods = [c for c in t.children if c.dep_ in ("amod", "nmod", "compound")]  # "US and British forces"
    out = []
    for m in mods:
        conj = _conjuncts_any(m)
        if conj:
            out.extend([m, *conj])
    return out


def _conjuncts_any(t: Token) -> list[Token]:
    out = []
    for c in t.children:
        if c.dep_ == "conj":
            out.append(c)
            out.extend(_conjuncts_any(c))
    return out


def _is_pronominal(t: Token) -> bool:
    """A pronoun, or a noun phrase owned by one ("his country")."""
    return t.pos_ == "PRON" or any(c.dep_ == "poss" and c.pos_ == "PRON" for c in t.children)
