"""Finding event triggers in a parsed sentence and coding them in CAMEO.

Three layers, all driven by the dictionaries in `data/events/`:

1. *Triggers*: verbs ("attacked") and nouns ("sanctions") with a CAMEO code,
   refined by their object or modifiers ("tested an atomic weapon" -> 150,
   "air strike" -> 195). A noun only evokes an event through a light verb
   ("hold talks"), a possessive or "by" agent ("North Korea's proposal"), or
   a frame.
2. *Frames*: words that embed another event and recode it ("proposed talks"
   is an intent to meet, 036; "scrapped a meeting" rejects it, 125;
   "refused to release" is a refusal to yield, 1243).
3. What remains unclaimed is coded as itself.

The result is a list of `Candidate`s; `roles` then finds their actors and
`factuality` whether they happened.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from eventcoder.events.lexicon import Frame, Lexicon, NounPattern, VerbPattern

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

_OBJECT_DEPS = ("dobj", "nsubjpass", "attr", "obj")
_VERB_POS = ("VERB",)
_NOUN_POS = ("NOUN", "PROPN")
_EVENT_POS = ("VERB", "NOUN")  # what a plain trigger can be: a verb, or a noun with an agent
_MODIFIER_DEPS = ("amod", "compound", "nmod", "npadvmod")


@dataclass
class Code:
    """A CAMEO code for a token, with the rule that gave it."""

    cameo: str
    rule: str
    mode: str | None = None
    ambiguous: bool = False
    tokens: tuple[int, ...] = ()  # token indices the code consumed


@dataclass
class Candidate:
    """A coded event before its actors are known.

    `trigger` is the word that evoked it, `anchor` the word whose subject
    (or possessor) is the source, `parts` every token of the trigger phrase
    (searched for targets), `forced` a factuality imposed by a frame.
    """

    trigger: Token
    anchor: Token
    cameo: str
    rule: str
    mode: str | None = None
    parts: list[Token] = field(default_factory=list)
    forced: str | None = None
    ambiguous: bool = False
    target_hints: list[Token] = field(default_factory=list)  # preferred targets ("demanded that X ...")
    givers: list[Token] = field(default_factory=list)  # "received aid from X": X is the source

    @property
    def secondary(self) -> bool:
        """A participial adjunct ("..., urging X to"), which adds to a main event."""
        a = self.anchor
        return a.dep_ == "advcl" and a.tag_ == "VBG" and not any(
            c.dep_ in ("nsubj", "nsubjpass", "mark") for c in a.children)


def has_particle(token: Token, particles: frozenset[str]) -> bool:
    """Whether `token` has a particle or preposition child among `particles`."""
    return any(c.dep_ in ("prt", "prep", "advmod") and c.lower_ in particles for c in token.children)


def objects_of(token: Token, lex: Lexicon) -> list[Token]:
    """The objects of a verb, seen through transparent nouns ("plans for a meeting")."""
    out = []
    for c in token.children:
        if c.dep_ in _OBJECT_DEPS:
            out.append(c)
            out.extend(see_through(c, lex))
        elif c.dep_ == "prep" and c.lower_ in ("for", "in", "into", "of", "to", "from", "on"):
            out.extend(g for g in c.children if g.dep_ == "pobj")
    return out


def see_through(noun: Token, lex: Lexicon) -> list[Token]:
    """The nouns a transparent noun is about ("round of talks" -> talks, "$5 million in aid" -> aid)."""
    if noun.lemma_.lower() not in lex.syntax.transparent_nouns:
        return []
    out = []
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in ("for", "of", "on", "to", "in"):
            out.extend(g for g in c.children if g.dep_ == "pobj")
        elif c.dep_ in ("acl", "compound"):  # "plans to meet", "a mediation effort"
            out.append(c)
    return out


def _modifier_words(token: Token) -> set[str]:
    words = set()
    for c in token.children:
        if c.dep_ in _MODIFIER_DEPS:
            words.add(c.lemma_.lower())
            words.add(c.lower_)
            words.update(p.lower() for p in c.lower_.split("-"))
    return words


class Matcher:
    """Codes the triggers of one sentence at a time."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex

    # --- layer 1: triggers -------------------------------------------------
    def verb_code(self, token: Token) -> Code | None:
        """The best verb pattern for `token`, if any."""
        patterns = self.lex.verbs.get(token.lemma_.lower())
        if not patterns or token.pos_ not in _VERB_POS or token.dep_ in ("amod", "compound"):
            return None
        if token.dep_ == "acl" and token.tag_ == "VBN" \
                and token.head.lemma_.lower() in self.lex.syntax.document_nouns:
            return None  # "a video released to the Gara newspaper"
        if any(c.dep_ == "det" for c in token.children):
            return None  # "evacuated the wounded": a participle used as a noun
        objs = objects_of(token, self.lex)
        # coordinated objects count too: "cut off electricity, food and fuel supplies"
        objs += [c for o in objs for c in o.conjuncts if c not in objs]
        obj_words = {o.lemma_.lower() for o in objs} | {w for o in objs for w in _modifier_words(o)}
        best: VerbPattern | None = None
        for p in patterns:
            if p.objects and not (p.objects & obj_words):
                continue
            if p.prep and not has_particle(token, frozenset({p.prep})):
                continue
            if best is None or p.specificity > best.specificity:
                best = p
        if best is None:
            return None
        used = tuple(o.i for o in objs if best.objects and o.lemma_.lower() in self.lex.nouns)
        cameo = best.cameo
        if cameo.endswith("0"):  # "sent humanitarian aid": the object can be more specific
            for o in objs:
                inner = self.noun_code(o) if o.i in used else None
                if inner and inner.cameo[:2] == cameo[:2] and inner.cameo != cameo:
                    cameo = inner.cameo
                    break
        return Code(cameo, best.id, best.mode, best.ambiguous, used)

    def noun_code(self, token: Token) -> Code | None:
        """The code of a nominal trigger, refined by its modifiers."""
        if token.pos_ not in _NOUN_POS:
            return None
        patterns = self.lex.nouns.get(token.lemma_.lower()) or self.lex.nouns.get(token.lower_)
        if not patterns:
            for inner in see_through(token, self.lex):
                code = self.noun_code(inner) if inner.pos_ in _NOUN_POS else self.clause_code(inner)
                if code:
                    return Code(code.cameo, code.rule, code.mode, code.ambiguous, (*code.tokens, inner.i))
            return None
        mods = _modifier_words(token)
        best: NounPattern | None = None
        for p in patterns:
            if p.modifiers and not (p.modifiers & mods):
                continue
            if best is None or (p.modifiers and not best.modifiers):
                best = p
        if best is None:
            return None
        return Code(best.cameo, best.id, best.mode, False, (token.i,))

    def clause_code(self, verb: Token) -> Code | None:
        """The code of an embedded clause: a light verb's noun, else the verb's own."""
        if verb.lemma_.lower() in self.lex.light_verbs:
            own = self.verb_code(verb)
            if own and own.tokens:
                return Code(own.cameo, own.rule, own.mode, own.ambiguous, (*own.tokens, verb.i))
            for obj in objects_of(verb, self.lex):
                code = self.noun_code(obj)
                if code:
                    return Code(code.cameo, f"{verb.lemma_}+{code.rule}", code.mode, False,
                                (*code.tokens, obj.i, verb.i))
            for comp in verb.children:  # "prepared to resume shelling", "began to withdraw"
                if comp.dep_ == "xcomp" and comp.pos_ == "VERB":
                    code = self.clause_code(comp)
                    if code:
                        return Code(code.cameo, code.rule, code.mode, code.ambiguous,
                                    (*code.tokens, comp.i, verb.i))
        code = self.verb_code(verb)
        if code:
            return Code(code.cameo, code.rule, code.mode, code.ambiguous, (*code.tokens, verb.i))
        return None

    def complement_code(self, token: Token, nested: bool = True) -> Code | None:
        """The code of a frame's complement, a noun or a clause.

        A complement that is itself a frame word is recoded by its frame first
        ("rejected calls for talks": calls for talks = 026, rejected = 125).
        """
        kind = self.frame_kind(token)
        frames = self.lex.frames_for(kind, token.lemma_.lower()) if kind and kind != "adj" else []
        if nested:
            for frame in frames:
                inner = self.frame_code(token, frame)
                if inner:
                    return inner
        if token.pos_ in _NOUN_POS:
            own = self.noun_code(token)
            if own is None and nested and kind == "noun":
                # "dismissed an appeal", "reneged on his commitment": the frame noun's own act
                frame = next((f for f in frames if f.default), None)
                if frame is not None and frame.default:
                    return Code(frame.default, f"{frame.name}-n", None, False, (token.i,))
            return own
        if token.pos_ in ("VERB", "AUX"):
            return self.clause_code(token)
        return None

    # --- layer 2: frames ---------------------------------------------------
    def frame_kind(self, token: Token) -> str | None:
        """Whether `token` can open a frame as a verb, adjective or noun."""
        if token.pos_ == "VERB":
            return "verb"
        if token.pos_ == "ADJ":
            return "adj"
        if token.pos_ == "NOUN":
            return "noun"
        return None

    def complements(self, token: Token, frame: Frame) -> list[Token]:
        """The words a frame word embeds, in order of preference."""
        out = self._complements(token, frame)
        if frame.nominal_only:
            return [c for c in out if c.pos_ in _NOUN_POS]
        return out

    def _complements(self, token: Token, frame: Frame) -> list[Token]:
        out: list[Token] = []
        for c in token.children:
            if c.dep_ in ("xcomp", "acl", "ccomp"):
                out.append(c)
                out.extend(g for g in c.children if g.dep_ == "conj" and g.pos_ in ("VERB", "AUX"))
                if c.dep_ == "ccomp":  # "proposed that talks include ..."
                    out.extend(g for g in c.children if g.dep_ in ("nsubj", "nsubjpass"))
        for c in token.children:
            if c.dep_ in ("dobj", "nsubjpass", "obj"):
                out.append(c)
                out.extend(see_through(c, self.lex))
            elif c.dep_ in ("prep", "prt") and (c.lower_ in frame.preps or c.dep_ == "prt"):
                out.extend(g for g in c.children if g.dep_ == "pobj")
        if token.dep_ == "amod" and token.head.pos_ in _NOUN_POS:  # "threatened nuclear strikes"
            out.append(token.head)
        if token.pos_ == "NOUN" and token.dep_ in ("dobj", "obj"):  # "reiterated its demand that ..."
            out.extend(c for c in token.head.children if c.dep_ == "ccomp")
        return out

    def frame_code(self, token: Token, frame: Frame) -> Code | None:
        """The code a frame word gives its first coded complement (no side effects)."""
        need = frame.particles.get(token.lemma_.lower())
        if need and not has_particle(token, need):
            return None
        for comp in self.complements(token, frame):
            code = self.complement_code(comp, nested=False)
            if code is None:
                continue
            recoded = frame.recode(code.cameo) or frame.default
            if recoded is None:
                return None
            return Code(recoded, f"{frame.name}+{code.rule}", None, False, (*code.tokens, comp.i, token.i))
        return None

    def apply_frames(self, sent: Span, used: set[int], forced: dict[int, str]) -> list[Candidate]:
        """Frame events of a sentence; marks the complements they consume in `used`."""
        out = []
        for token in sent:
            if token.i in used:
                continue
            kind = self.frame_kind(token)
            frames = self.lex.frames_for(kind, token.lemma_.lower()) if kind else []
            frames = [*frames, *self._obligation_frames(token)]
            if not frames or self._is_purpose(token):
                continue
            for frame in frames:
                need = frame.particles.get(token.lemma_.lower())
                if need and not has_particle(token, need):
                    continue
                cand = self._frame_event(token, frame, used, forced)
                if cand:
                    out.append(cand)
                    used.add(token.i)
                    break
        return out

    def _obligation_frames(self, token: Token) -> list[Frame]:
        """Frames a reporting verb opens through its clause's modal ("said X must ...")."""
        if token.pos_ != "VERB" or token.lemma_.lower() not in self.lex.syntax.reporting_verbs:
            return []
        modals = {a.lower_ for c in token.children if c.dep_ == "ccomp"
                  for a in c.children if a.dep_ == "aux"}
        return [f for f in self.lex.frames if f.obligation_modals & modals]

    def _frame_event(self, token: Token, frame: Frame, used: set[int],
                     forced: dict[int, str]) -> Candidate | None:
        comps = self.complements(token, frame)
        for comp in comps:
            code = self.complement_code(comp)
            if code is None:
                continue
            recoded = frame.recode(code.cameo)
            if recoded is None and frame.default is None:
                if frame.fallthrough:
                    for i in (*code.tokens, comp.i):
                        forced[i] = frame.fallthrough
                used.add(token.i)
                return None
            used.update((*code.tokens, comp.i))
            parts = [token, *(token.doc[i] for i in sorted({*code.tokens, comp.i}))]
            mode = code.mode if recoded is None or recoded == code.cameo else None
            return Candidate(token, self._anchor(token), recoded or frame.default or code.cameo,
                             f"frame:{frame.name}+{code.rule}", mode, parts,
                             target_hints=self._hints(comps, frame))
        # An uncoded clause still makes the frame an act ("urged Iran to reconsider",
        # "is willing to accept advice"), but only a verb's own infinitive, or the
        # that-clause of a demand; a noun ("a call to ...") or a that-clause after
        # "suggested" is too vague.
        clause_deps = ("xcomp", "ccomp") if frame.carry_target or frame.obligation_modals else ("xcomp",)
        verbal = [c for c in comps if c.pos_ in ("VERB", "AUX") and c.dep_ in clause_deps]
        if token.lemma_.lower() in frame.default_needs_object and not any(
                c.dep_ in ("dobj", "obj", "dative") for c in token.children):
            verbal = []  # "the IMF warned that growth would slow": no one is warned
        if frame.default and verbal and token.pos_ != "NOUN":
            used.update(c.i for c in verbal)
            return Candidate(token, self._anchor(token), frame.default, f"frame:{frame.name}",
                             None, [token, *verbal], target_hints=self._hints(comps, frame))
        return None

    @staticmethod
    def _hints(comps: list[Token], frame: Frame) -> list[Token]:
        """The preferred target: whose proposal it is ("rebuffed South Korea's offer of
        talks", "denied a request by the U.N. envoy", "spurned a call from the East African
        Community"), and the addressee of a demand or appeal, the
        subject of its clause ("demanded that the US cancel ...")."""
        owners = [g for c in comps if c.pos_ in _NOUN_POS for g in c.children
                  if g.dep_ == "poss" and g.pos_ != "PRON"]
        owners += [g for c in comps if c.pos_ in _NOUN_POS for p in c.children  # "a request by
                   if p.dep_ == "prep" and p.lower_ in ("by", "from")       # the U.N. envoy"
                   for g in p.children if g.dep_ == "pobj"]
        if not frame.carry_target and not frame.obligation_modals:
            return owners
        return owners + [g for c in comps if c.dep_ in ("ccomp", "xcomp")
                         for g in c.children if g.dep_ in ("nsubj", "nsubjpass")]

    @staticmethod
    def _anchor(token: Token) -> Token:
        """Predicate adjectives take their subject from the copula ("is willing to")."""
        if token.pos_ == "ADJ" and token.dep_ in ("acomp", "attr"):
            return token.head
        return token

    # --- layer 3: the rest -------------------------------------------------
    def sentence(self, sent: Span) -> list[Candidate]:
        """Every candidate event of a sentence."""
        used: set[int] = set()
        forced: dict[int, str] = {}
        out = self.apply_frames(sent, used, forced)
        for token in sent:
            if token.i in used:
                continue
            cand = self._plain(token, used)
            if cand:
                cand.forced = forced.get(token.i) or next(
                    (forced[p.i] for p in cand.parts if p.i in forced), None)
                out.append(cand)
        out.sort(key=lambda c: c.trigger.i)
        return out

    def _plain(self, token: Token, used: set[int]) -> Candidate | None:
        if token.pos_ not in _EVENT_POS or self._is_purpose(token):
            return None
        receipt = self._receipt(token, used)
        if receipt is not None:
            return receipt
        code = self.verb_code(token)
        if code:
            if token.lemma_.lower() in self.lex.light_verbs and not code.tokens:
                noun = self._light_object(token, used)
                if noun is not None:
                    return noun
            used.update(code.tokens)
            parts = [token, *(token.doc[i] for i in code.tokens)]
            return Candidate(token, token, code.cameo, code.rule, code.mode, parts, None, code.ambiguous)
        if token.lemma_.lower() in self.lex.light_verbs and token.pos_ == "VERB":
            return self._light_object(token, used)
        if token.pos_ == "NOUN" and self._has_agent(token):
            ncode = self.noun_code(token)
            if ncode:
                used.update(ncode.tokens)
                return Candidate(token, token, ncode.cameo, ncode.rule, ncode.mode, [token])
        return None

    def _receipt(self, verb: Token, used: set[int]) -> Candidate | None:
        """ "X received aid from Y": Y's giving, coded from what was received,
        with the giver as source and the receiver as target (syntax.yaml)."""
        syntax = self.lex.syntax
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in syntax.receipt_verbs:
            return None
        objs = [c for c in verb.children if c.dep_ in ("dobj", "obj") and c.i not in used]
        preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "from"]
        preps += [c for o in objs for c in o.subtree if c.dep_ == "prep" and c.lower_ == "from"]
        givers = [g for c in preps for g in c.children if g.dep_ == "pobj"]
        if not givers:
            return None
        for obj in objs:
            code = self.noun_code(obj)
            if code is not None:
                cameo, rule, mode = code.cameo, code.rule, code.mode
            elif obj.lemma_.lower() in syntax.receipt_nouns:
                cameo, rule, mode = syntax.receipt_nouns[obj.lemma_.lower()], obj.lemma_.lower(), None
            else:
                continue
            used.add(obj.i)
            return Candidate(verb, verb, cameo, f"receive+{rule}", mode, [verb, obj], givers=givers)
        return None

    def _light_object(self, verb: Token, used: set[int]) -> Candidate | None:
        for obj in objects_of(verb, self.lex):
            if obj.i in used:
                continue
            code = self.noun_code(obj)
            if code:
                used.update((*code.tokens, obj.i))
                # the inner noun too ("a package of military aid for Ukraine"): its own
                # prepositions name the target
                inner = [verb.doc[i] for i in code.tokens if i != obj.i]
                return Candidate(verb, verb, code.cameo, f"{verb.lemma_}+{code.rule}", code.mode,
                                 [verb, obj, *inner])
        return None

    def _is_purpose(self, token: Token) -> bool:
        """Inside an infinitive of purpose ("met to discuss trade", "a treaty to
        end the war"), which states an aim, not an event; except for verbs
        that report the act itself ("staged a sit-in to protest")."""
        if token.lemma_.lower() in self.lex.syntax.purpose_events:
            return False
        t = token
        for _ in range(4):  # a noun inside the clause: "to demand an end to the EC's reform"
            if t.pos_ not in _NOUN_POS or t.dep_ not in ("pobj", "prep", "dobj", "obj") or t.head is t:
                break
            t = t.head.head if t.dep_ == "pobj" else t.head
        for _ in range(4):
            if self._purpose_clause(t):
                return True
            if t.dep_ not in ("xcomp", "conj") or t.head is t:
                return False
            t = t.head
        return False

    @staticmethod
    def _purpose_clause(verb: Token) -> bool:
        if verb.dep_ not in ("advcl", "acl", "relcl"):
            return False
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            return False
        return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)

    @staticmethod
    def _has_agent(noun: Token) -> bool:
        """A noun event needs its own agent: "Russia's invasion", "attack by rebels"."""
        for c in noun.children:
            if c.dep_ == "poss" and c.pos_ != "PRON":
                return True
            if c.dep_ == "prep" and c.lower_ == "by":
                return True
        return bool(national_agents(noun))


def national_agents(noun: Token) -> list[Token]:
    """ "A Ukrainian drone attack set fire to ...": a nationality adjective on an
    event noun that is its clause's subject names who did it (as subject, not
    as background: "fled the Syrian civil war" reports no act)."""
    if noun.dep_ not in ("nsubj", "nsubjpass"):
        return []
    return [c for c in noun.children if c.dep_ == "amod" and c.pos_ == "ADJ" and c.is_title
            and c.i > noun.sent.start]
