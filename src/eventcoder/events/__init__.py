"""The events stage: who did what to whom, coded in CAMEO and PLOVER.

For each sentence of the parsed article:

1. `match.Matcher` finds candidate events with our verb/noun patterns and
   frames (`data/events/*.yaml`), each with its CAMEO code and the rule that
   gave it;
2. `roles.Roles` finds their source and target actors in the parse, using
   the actors stage's `actor_for_token`; an event needs a coded source;
3. the sentence classifier (`events.classify.Classifier`) may overrule a
   pattern marked ambiguous, and may add an event for a sentence the patterns
   miss, when it is confident;
4. `factuality.factuality` decides asserted / future / possible / negated;
   a future act is coded as CAMEO codes it: promised cooperation as an
   intent (03), promised force as a threat (13) (`frames.yaml`,
   `future_recoding`);
5. the times stage's `event_date` dates it.

A participial adjunct's event ("..., urging X to ...") is dropped when its
sentence has a main event, and a targetless event when the same source has a
targeted one of the same root in the sentence. Every event records in `why`
the pattern or frame (or the model and its score) that coded it.

Dating: the date of the time expression that governs the event, else the
publication date. An article with no publication date dates such events by
the latest absolute date written in its text (its year), else by the date
the article was coded, and `date_source` says which rule applied, so that
every event keeps the schema's required date.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from eventcoder.actors import place_as_target
from eventcoder.events.clauses import ClauseKind, clause_kind
from eventcoder.events.codebook import Codebook
from eventcoder.events.factuality import factuality, said_future
from eventcoder.events.lemmas import repair_verb_lemmas
from eventcoder.events.lexicon import Lexicon
from eventcoder.events.match import Candidate, Matcher
from eventcoder.events.roles import Roles, known, same_side
from eventcoder.model import Actor, Article, Event, Sentence
from eventcoder.settings import Settings

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

log = logging.getLogger(__name__)

# Confidence given to pattern events, and what the classifier must reach to
# overrule an ambiguous pattern or to add an event the patterns missed.
PATTERN_CONFIDENCE = 0.9
AMBIGUOUS_CONFIDENCE = 0.7
OVERRULE_CONFIDENCE = 0.6
ADD_CONFIDENCE = 0.9
# ... and what it must reach to overrule a plain pattern: as `eventcoder classify` does
# (events/sentences.py says how 0.98 was chosen), a pattern can fire on a side clause
MODEL_WINS_AT = 0.98

# A state's own institutions: protesters of no named country who protest against one
# are that state's people (`EventCoder._domestic_crowd`).
_STATE_SECTORS = frozenset({"GOV", "COP", "JUD", "LEG", "MIL"})

_ABSOLUTE = re.compile(r"^(\d{4})(-\d{2})?(-\d{2})?$")

__all__ = ["make_stage", "EventCoder"]


@dataclass
class _Draft:
    """A candidate with its actors, before it becomes an Event."""

    cand: Candidate
    sentence: Sentence
    source: Actor
    target: Actor | None
    cameo: str
    why: str
    confidence: float
    mode: str | None
    factuality: str = "asserted"
    clause: ClauseKind = "main"
    subjects: tuple[Token, ...] = ()  # the source's words in the parse (for the riot recoding)


class EventCoder:
    """Codes the events of an article; built once by `make_stage`."""

    def __init__(self, settings: Settings, classifier: Any = None,
                 actor_lookup: Callable[..., Actor | None] | None = None,
                 dater: Callable[..., tuple[str | None, str | None]] | None = None) -> None:
        """`actor_lookup` and `dater` default to the actors and times stages'
        contracts; tests and evaluation pass their own (gold actors)."""
        from eventcoder.actors import actor_for_token  # imported late: stages load on demand
        from eventcoder.times import event_date

        self.settings = settings
        self.lex = Lexicon.load()
        self.codebook = Codebook.load()
        self.matcher = Matcher(self.lex)
        self.verb_lemmas = self.lex.verb_lemmas
        self.classifier = classifier
        self.actor_lookup = actor_lookup or actor_for_token
        self.dater = dater or event_date

    def __call__(self, article: Article) -> None:
        article.events = []
        if article.doc is None:
            return
        repair_verb_lemmas(article.doc, self.verb_lemmas)
        roles = Roles(article, self.lex.syntax, self.actor_lookup)
        drafts: list[_Draft] = []
        for sent in article.sentences:
            span = article.doc.char_span(sent.start, sent.end, alignment_mode="expand")
            if span is None:
                continue
            found = [d for cand in self.matcher.sentence(span) for d in self._drafts(cand, sent, roles)]
            if not found and self.classifier is not None:
                found = self._unmatched(span, sent, roles)
            drafts.extend(found)
        self._consult_classifier(drafts)
        seen: set[tuple[Any, ...]] = set()
        for d in _prune(drafts, lambda code: _plover_event(self.codebook, code)):
            key = (d.sentence.index, d.cameo, d.source.code, d.source.start,
                   d.target.code if d.target else None, d.target.start if d.target else None)
            if key in seen:
                continue
            seen.add(key)
            event = self._event(article, d)
            if event is not None:
                article.events.append(event)

    # --- actors, factuality, recoding -------------------------------------------
    def _drafts(self, cand: Candidate, sent: Sentence, roles: Roles) -> list[_Draft]:
        if cand.givers:
            return self._receipt_drafts(cand, sent, roles)
        if self._accused_act(cand.anchor):
            return []
        found, passive = roles.sources(cand.anchor)
        # an event needs a source with a coded country; a place does not act ("the Paris attack")
        sources = [s for s in found if known(s) and s.kind != "place"]
        if not sources and cand.cameo[:2] in self.lex.syntax.domestic_roots:
            sources = self._domestic_crowd(cand, found, roles)
        if not sources and not found and passive:
            sources = self._implied_state(cand, passive, roles)
        if not sources:
            return []
        subjects = roles.subjects(cand.anchor)[0]
        exclude = roles.excluded(cand.anchor, subjects)
        targets = passive or roles.targets(cand.parts, exclude, tuple(cand.target_hints), sources[0]) \
            or [a for a in roles.actors(roles.addressee(cand.anchor))
                if a.sector != "MED"]  # "told state television": the news, not a party
        targets = [t for t in targets if not any(_within(t, s) for s in sources)]
        if cand.cameo in self.lex.syntax.recipient_codes:
            # "handed over ten pirates to Seychelles": the receiver is the target
            receivers = [a for p in cand.parts for c in p.children if c.dep_ == "prep"
                         and c.lower_ == "to" for g in c.children if g.dep_ == "pobj"
                         for a in roles.actors([g]) if known(a)]
            targets = receivers or targets
        if not any(known(t) for t in targets):
            targets = roles.purpose_targets(cand.anchor, exclude, sources[0]) or targets
        # "X and Y met": coordinated sources act on each other only in acts that are mutual
        reciprocal = not cand.cameo or cand.cameo[:2] in self.lex.syntax.reciprocal_roots
        if not any(known(t) for t in targets) and (len(sources) == 1 or not reciprocal):
            # no target, or only ones of unknown country ("mobilized army reservists
            # for a war against Iraq"): the nearest coded participant, if any
            exclude |= {t.i for t in cand.anchor.sent if any(_within_chars(t.idx, s) for s in sources)}
            targets = roles.nearest(cand.anchor, exclude, sources[0]) or targets
        nouns = tuple(p for p in cand.parts if p.pos_ in ("NOUN", "PROPN"))
        fact = factuality(cand.trigger, self.lex.cues, cand.forced, nouns)
        conf = AMBIGUOUS_CONFIDENCE if cand.ambiguous else PATTERN_CONFIDENCE
        why = cand.rule if cand.rule.startswith("frame:") or not cand.rule else f"pattern:{cand.rule}"
        clause = clause_kind(cand.anchor, self.lex.syntax)
        out = []
        for src, tgt in _pairs(sources, targets, reciprocal):
            d = _Draft(cand, sent, src, tgt, cand.cameo, why, conf, cand.mode, fact, clause)
            if fact == "future" and d.cameo:
                self._recode_future(d, roles, said_future(cand.trigger, self.lex.cues))
            if fact == "negated" and d.cameo and said_future(cand.trigger, self.lex.cues):
                self._recode_refusal(d)
            if d.target is not None and d.target.kind in ("place", "country") \
                    and d.cameo[:2] in self.lex.syntax.own_place_no_target_roots \
                    and d.target.country and d.target.country == d.source.country:
                d.target = None  # "staged exercises off the coast of Fujian": where, not whom
            if d.target is not None and d.cameo[:2] in self.lex.syntax.place_target_roots:
                d.target = place_as_target(d.target)
            d.subjects = tuple(subjects)
            self._recode_rescue(d)
            self._recode_joint(d, roles)
            self._recode_riot(d)
            out.append(d)
        return out

    def _recode_refusal(self, d: _Draft) -> None:
        """ "Will not"/"would never" + a cooperative act is a refusal, stated now: "Bashir
        said he would never allow U.N. peacekeepers into Darfur" rejects them (the reject
        frame's map, frames.yaml); a negated past act stays a negated event."""
        frame = next((f for f in self.lex.frames if f.name == "reject"), None)
        code = frame.recode(d.cameo) if frame is not None else None
        if code:
            d.why = f"{d.why} (will not: a refusal)"
            d.cameo, d.mode, d.factuality = code, None, "asserted"

    def _recode_rescue(self, d: _Draft) -> None:
        """Freeing people a third party holds ("special forces freed an aid worker held by
        Somali pirates") is a rescue, humanitarian aid, not a concession of one's own
        captives (syntax.yaml: recodings.rescue)."""
        rule = self.lex.syntax.recodings.get("rescue")
        if not rule or not d.cameo.startswith(tuple(rule["codes"])):
            return
        for obj in (c for p in d.cand.parts for c in p.children if c.dep_ in ("dobj", "obj")):
            for clause in obj.subtree:
                if clause.dep_ == "acl" and clause.lemma_.lower() in rule["held_by"] \
                        and any(c.dep_ == "agent" for c in clause.children):
                    d.cameo, d.mode = str(rule["to"]), None
                    d.why = f"{d.why} (rescue: held by another)"
                    return

    def _recode_joint(self, d: _Draft, roles: Roles) -> None:
        """A joint exercise or patrol is military cooperation (syntax.yaml: recodings.joint)."""
        rule = self.lex.syntax.recodings.get("joint")
        if not rule or not d.cameo.startswith(tuple(rule["codes"])):
            return
        words = [t for p in d.cand.parts for t in (p, *p.children)]
        partners = [a for t in words if t.dep_ == "prep" and t.lower_ in rule["partner_preps"]
                    for g in t.children if g.dep_ == "pobj" for a in roles.actors([g])
                    if known(a) and not same_side(a, d.source)]
        marked = [t.text for t in words if t.lower_ in rule["markers"]]
        if not marked and not partners:
            return
        d.cameo, d.mode = str(rule["to"]), None
        d.why = f"{d.why} (joint: {' '.join(marked) or 'with ' + partners[0].text})"
        if partners and (d.target is None or same_side(d.target, d.source)):
            d.target = partners[0]

    def _recode_riot(self, d: _Draft) -> None:
        """Violence short of killing by a civilian crowd is a riot, a crowd's blockade a
        protest by obstruction, and workers' strike a labour strike (syntax.yaml:
        recodings.riot, .obstruct, .labour)."""
        for name in ("riot", "obstruct", "labour"):
            rule = self.lex.syntax.recodings.get(name)
            if not rule or not d.cameo.startswith(tuple(rule["codes"])) \
                    or d.cameo.startswith(tuple(rule.get("except", ()))):
                continue
            if any(p.lemma_.lower() in rule.get("not_with", ()) for p in d.cand.parts):
                continue
            words = rule.get("trigger_words")
            if words and not any(p.lemma_.lower() in words for p in d.cand.parts):
                continue
            crowd = [s for s in d.subjects if s.lemma_.lower() in rule["crowd_nouns"]]
            if crowd:
                d.cameo, d.mode = str(rule["to"]), None
                d.why = f"{d.why} ({name}: by {crowd[0].text})"
                return

    def _accused_act(self, anchor: Token) -> bool:
        """The act someone is accused, charged or jailed for ("accusing Tehran of supplying
        weapons to the Polisario"): the accusation's content, not an asserted event
        (syntax.yaml: content_heads, content_preps)."""
        syntax = self.lex.syntax
        t = anchor
        for _ in range(3):
            if t.dep_ in ("pcomp", "pobj") and t.head.dep_ == "prep" \
                    and t.head.lower_ in syntax.content_preps \
                    and t.head.head.lemma_.lower() in syntax.content_heads:
                return True
            if t.dep_ not in ("conj", "xcomp") or t.head is t:
                return False
            t = t.head
        return False

    def _implied_state(self, cand: Candidate, passive: list[Actor], roles: Roles) -> list[Actor]:
        """ "Najib Razak was charged with abuse of power", "five activists were arrested in
        Cairo": a legal or police act in the passive with no agent is the state's, where it
        happens, else the state of those it befalls (syntax.yaml: implied_state_acts)."""
        sector = self.lex.syntax.implied_state_acts.get(cand.trigger.lemma_.lower())
        if not sector:
            return []
        where = [a for c in cand.anchor.children if c.dep_ == "prep" and c.lower_ in ("in", "at")
                 for g in c.children if g.dep_ == "pobj" for a in roles.actors([g])
                 if a.kind in ("place", "country") and a.country]
        country = where[0].country if where else next((t.country for t in passive if t.country), None)
        if not country:
            return []
        return [Actor(text="the authorities (implied)", code=f"{country}{sector}", country=country,
                      sector=sector, kind="implied",
                      why=f"no agent of '{cand.trigger.text}': the state of "
                          f"{where[0].text if where else passive[0].text} ({country})")]

    def _domestic_crowd(self, cand: Candidate, found: list[Actor], roles: Roles) -> list[Actor]:
        """Protesters of no named country protesting against a state's own institution
        ("Farmers blocked highways ... in a protest against Prime Minister Narendra Modi's
        government") are that state's people (syntax.yaml: domestic_roots)."""
        crowd = [s for s in found if s.sector and not s.country and s.kind != "place"]
        if not crowd:
            return []
        subjects = roles.subjects(cand.anchor)[0]
        exclude = roles.excluded(cand.anchor, subjects)
        targets = roles.targets(cand.parts, exclude, tuple(cand.target_hints), crowd[0]) \
            or roles.purpose_targets(cand.anchor, exclude, crowd[0])
        states = [t for t in targets if known(t) and t.sector in _STATE_SECTORS and t.country]
        if not states:
            return []
        country = states[0].country
        return [replace(s, country=country, code=f"{country}{s.sector}",
                        why=f"{s.why or s.text} + the country of the state it protests against "
                            f"({states[0].text})") for s in crowd]

    def _receipt_drafts(self, cand: Candidate, sent: Sentence, roles: Roles) -> list[_Draft]:
        """ "X received aid from Y": the giver Y is the source, the receiver X the target."""
        givers = [g for g in roles.actors(cand.givers) if known(g)]
        receivers = roles.sources(cand.anchor)[0]
        fact = factuality(cand.trigger, self.lex.cues, cand.forced, ())
        clause = clause_kind(cand.anchor, self.lex.syntax)
        return [_Draft(cand, sent, g, r, cand.cameo, f"pattern:{cand.rule}", PATTERN_CONFIDENCE, cand.mode,
                       fact, clause)
                for g, r in _pairs(givers, receivers)]

    def _recode_future(self, d: _Draft, roles: Roles, said: bool) -> None:
        """Future acts are statements of intent or threats (frames.yaml: future_recoding).

        Cooperation that is planned, hoped for or promised is an intent to
        cooperate; force is a threat only when promised with "will"/"would"
        (`said`), since "plans to attack" reports a plan, not a threat.
        """
        root = self.codebook.root(d.cameo)
        future = self.lex.future
        frame = None
        if root in future.intent:
            frame = self.lex.frame("intent")
        elif root in future.threaten and said:
            frame = self.lex.frame("threaten")
        elif root in future.intent_when_self_reported:
            speakers = roles.actors(roles.speaker(d.cand.anchor))
            if any(s.code == d.source.code for s in speakers):
                frame = self.lex.frame("intent")
        if frame is None:
            return
        code = frame.recode(d.cameo) or frame.default
        if code:
            d.why = f"{d.why} (future: {frame.name})"
            d.cameo, d.mode = code, None

    def _unmatched(self, span: Any, sent: Sentence, roles: Roles) -> list[_Draft]:
        """A candidate for the classifier: the main verb of a sentence with actors."""
        root = span.root
        if root.lemma_.lower() in self.lex.syntax.reporting_verbs:
            # "Saudi Arabia deposited $3 billion ..., officials said": the report's clause
            # holds the event, and the reporting speaker is not its actor
            inner = [c for c in root.children if c.dep_ in ("ccomp", "parataxis")
                     and c.pos_ in ("VERB", "AUX")]
            root = inner[0] if inner else root
        if root.pos_ not in ("VERB", "AUX"):
            return []
        cand = Candidate(root, root, "", "", None, [root])
        return [d for d in self._drafts(cand, sent, roles) if d.target is not None]

    def _consult_classifier(self, drafts: list[_Draft]) -> None:
        """Let the classifier code unmatched sentences, recode ambiguous patterns, and
        overrule a plain pattern when it is nearly certain (`MODEL_WINS_AT`)."""
        todo = [d for d in drafts if self.classifier is not None]
        if not todo:
            drafts[:] = [d for d in drafts if d.cameo]
            return
        items = [{"text": d.sentence.text, "source": d.source.text,
                  "target": d.target.text if d.target else None} for d in todo]
        try:
            preds = self.classifier.predict(items, explain=False)
        except Exception:  # a failing model must not lose the pattern events
            log.warning("event classifier failed; keeping the pattern events", exc_info=True)
            preds = [{} for _ in items]
        # A plain pattern is overruled only where the model says the same for every pair of
        # actors its trigger gave ("will hold talks with his Japanese and South Korean
        # counterparts" is one act, of one type, whichever counterpart the features name).
        verdicts: dict[int, set[str | None]] = {}
        for d, pred in zip(todo, preds, strict=True):
            if d.cameo and not d.cand.ambiguous:
                sure = float(pred.get("confidence") or 0.0) >= MODEL_WINS_AT
                verdicts.setdefault(id(d.cand), set()).add(pred.get("plover") if sure else None)
        for d, pred in zip(todo, preds, strict=True):
            if d.cameo and not d.cand.ambiguous and len(verdicts.get(id(d.cand), ())) > 1:
                continue
            self._apply_prediction(d, pred)
        drafts[:] = [d for d in drafts if d.cameo]

    def _apply_prediction(self, d: _Draft, pred: dict[str, Any]) -> None:
        conf = float(pred.get("confidence") or 0.0)
        plover = pred.get("plover")
        need = ADD_CONFIDENCE if not d.cameo else \
            OVERRULE_CONFIDENCE if d.cand.ambiguous else MODEL_WINS_AT
        if not plover or conf < max(need, self.settings.min_confidence):
            return
        joint = self.lex.syntax.recodings.get("joint")
        if plover == "COOPERATE" and joint and d.cameo.startswith(tuple(joint["codes"])):
            return  # an exercise held alone is a show of force; joint ones were recoded already
        if d.cameo.startswith("13") and plover != "THREATEN" and any(
                t.dep_ == "mark" and t.lower_ in self.lex.syntax.condition_marks
                for t in d.cand.anchor.sent):
            return  # "will withdraw its force unless ...": a conditional act is a threat
        current = self.codebook.plover(d.cameo) if d.cameo else None
        # the model learns CONCEDE and RETREAT as one (YIELD): within it the pattern decides
        if current is not None and (current.event == plover
                                    or {current.event, plover} <= {"CONCEDE", "RETREAT"}):
            d.confidence = max(d.confidence, conf)
            return
        cameo = pred.get("cameo")
        if not (cameo and self.codebook.is_code(cameo) and _plover_event(self.codebook, cameo) == plover):
            cameo = self.codebook.default_cameo(plover)
        if cameo:
            d.cameo, d.mode, d.confidence = cameo, None, conf
            over = f" (over {d.why})" if d.why else ""
            d.why = f"model:{pred.get('why', 'classifier')} {conf:.2f}{over}"
            if plover == "REJECT" and d.factuality == "negated":
                d.factuality = "asserted"  # "will not accept": the refusal itself is asserted
            self._recode_riot(d)

    # --- the event -------------------------------------------------------------
    def _event(self, article: Article, d: _Draft) -> Event | None:
        cb = self.codebook
        plover = cb.plover(d.cameo)
        date, date_source = self._date(article, d.cand.anchor)
        # dated by a range of days ("summit on June 27-30"): keep its last day too
        date_end = next((t.end_value for t in article.times if t.end_value and t.value == date
                         and t.text == date_source), None)
        parts = sorted(d.cand.parts, key=lambda t: t.i)
        trigger = " ".join(article.text[t.idx:t.idx + len(t)] for t in parts)
        return Event(
            source=d.source, target=d.target, cameo=d.cameo,
            plover=plover.event if plover else None,
            mode=d.mode or (plover.mode if plover else None),
            goldstein=cb.goldstein(d.cameo), quad_class=cb.quad_class(d.cameo),
            factuality=d.factuality,  # type: ignore[arg-type]
            date=date, sentence=d.sentence.index, start=d.sentence.start, end=d.sentence.end,
            evidence=article.text[d.sentence.start:d.sentence.end], label=cb.label(d.cameo),
            trigger=trigger, why=d.why, date_source=date_source, confidence=d.confidence,
            date_end=date_end)

    def _date(self, article: Article, token: Token) -> tuple[str, str]:
        date, note = self.dater(article, token)
        if date:
            return date, note or "time expression"
        if article.published:
            return article.published.isoformat(), "publication date"
        years = [m.group(1) for t in article.times if t.type == "DATE"
                 for m in [_ABSOLUTE.match(t.value)] if m]
        if years:
            return max(years), "no publication date: latest year in the text"
        return dt.date.today().isoformat(), "no publication date: date coded"


def _plover_event(codebook: Codebook, cameo: str) -> str | None:
    found = codebook.plover(cameo)
    return found.event if found else None


def _prune(drafts: list[_Draft], kind_of: Callable[[str], str | None]) -> list[_Draft]:
    """Keep the sentence's main events and the clearly separate others.

    Dropped: a participial adjunct's event ("..., urging X") when its
    sentence has a main event; an event in a clause modifying a noun ("a
    helicopter that was captured by ...") when the sentence has a main-clause
    event; an event in a background clause of time or cause ("... after it
    scrapped a meeting") that repeats a main event's dyad or its source and
    kind; a targetless event when the same source has a targeted one of the
    same kind; and the second of two events with the same source, target
    and root in one sentence.
    """
    main = {d.sentence.index for d in drafts if not d.cand.secondary}
    _victims_as_targets(drafts)
    kept = [d for d in drafts if not (d.cand.secondary and d.sentence.index in main)]
    kept = _drop_purpose_repeats(kept)
    kept = _drop_embedded_nominals(kept)
    kept = _drop_background(kept, kind_of)
    targeted = {(d.sentence.index, d.source.code, d.cameo[:2]) for d in kept if d.target is not None}
    kept = [d for d in kept
            if d.target is not None or (d.sentence.index, d.source.code, d.cameo[:2]) not in targeted]
    seen: set[tuple[Any, ...]] = set()
    out = []
    for n, d in sorted(enumerate(kept), key=lambda nd: nd[1].clause != "main"):  # main events first
        key = (d.sentence.index, d.source.code, d.target.code if d.target else None, d.cameo[:2])
        if key not in seen:
            seen.add(key)
            out.append((n, d))
    return [d for _, d in sorted(out, key=lambda nd: nd[0])]


def _victims_as_targets(drafts: list[_Draft]) -> None:
    """ "blew himself up at a gate of Kabul airport, killing 13 U.S. service members": the
    attack's target is only its place, the participle names whom it hit; its target
    replaces the place before the participle's own event is dropped as an adjunct."""
    for adj in drafts:
        if not adj.cand.secondary or adj.target is None or adj.target.kind == "place" \
                or not known(adj.target) or adj.cameo[:2] not in ("18", "19", "20") \
                or "country from context" in (adj.target.why or ""):
            continue  # only victims the text itself places ("13 U.S. service members")
        for d in drafts:
            if d is not adj and not d.cand.secondary and d.sentence.index == adj.sentence.index \
                    and d.source.code == adj.source.code and d.cameo[:2] in ("18", "19", "20") \
                    and (d.target is None or d.target.kind == "place"):
                d.target = adj.target


def _drop_purpose_repeats(drafts: list[_Draft]) -> list[_Draft]:
    """ "started a hunger strike to protest X": the clause of purpose names the
    aim of the same act, so its own event (a complaint) is dropped when the
    act it serves is coded for the same source."""
    acts = {(d.source.code, p.i) for d in drafts for p in d.cand.parts}
    out = []
    for d in drafts:
        a = d.cand.anchor
        purpose = a.dep_ in ("advcl", "xcomp") and a.pos_ == "VERB" \
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in a.children)
        if purpose and (d.source.code, a.head.i) in acts:
            continue
        out.append(d)
    return out


def _drop_embedded_nominals(drafts: list[_Draft]) -> list[_Draft]:
    """ "The Council condemned North Korea's missile launch": the sentence reports
    the condemnation; the launch it is about is its topic, coded as its target,
    not an event of its own (the nominal event is dropped when another event's
    word takes it as object)."""
    anchors = {d.cand.anchor.i for d in drafts}
    out = []
    for d in drafts:
        a = d.cand.anchor
        head = a.head.head if a.dep_ == "pobj" else a.head
        if a.pos_ == "NOUN" and a.dep_ in ("dobj", "obj", "pobj") and head.i != a.i \
                and head.i in anchors and a is d.cand.trigger:
            continue
        out.append(d)
    return out


def _country(actor: Actor | None) -> str:
    return "-" if actor is None else (actor.country or actor.code or "")[:3]


def _drop_background(drafts: list[_Draft], kind_of: Callable[[str], str | None]) -> list[_Draft]:
    """Drop modifier- and condition-clause events where the sentence has a main event, and
    adjunct-clause events that repeat a main one (`clauses`)."""
    mains = [d for d in drafts if d.clause == "main"]
    with_main = {d.sentence.index for d in mains}
    dyads = {(d.sentence.index, _country(d.source), _country(d.target)) for d in mains}
    kinds = {(d.sentence.index, _country(d.source), kind_of(d.cameo)) for d in mains}
    out = []
    for d in drafts:
        if d.clause in ("modifier", "condition") and d.sentence.index in with_main:
            continue
        if d.clause == "adjunct" and (
                (d.sentence.index, _country(d.source), _country(d.target)) in dyads
                or (d.sentence.index, _country(d.source), kind_of(d.cameo)) in kinds):
            continue
        out.append(d)
    return out


def _within_chars(offset: int, actor: Actor) -> bool:
    return actor.start is not None and actor.end is not None and actor.start <= offset < actor.end


def _within(inner: Actor, outer: Actor) -> bool:
    """A mention inside the source's own phrase ("Iraqi" in "Iraqi Kurds",
    "Baghdad" in "demonstrators in Baghdad") describes the source, and is
    no target of its act."""
    return inner.start is not None and inner is not outer and _within_chars(inner.start, outer) \
        and (inner.start, inner.end) != (outer.start, outer.end)


def _pairs(sources: list[Actor], targets: list[Actor],
           reciprocal: bool = True) -> list[tuple[Actor, Actor | None]]:
    """Source-target pairs: every source with every target; coordinated
    sources with no target act on each other in a mutual act ("X and Y agreed"),
    not in a one-sided one ("US and British activists staged a protest")."""
    source_countries = {s.country or (s.code or "")[:3] for s in sources}
    if reciprocal and len(sources) > 1 and all(
            not known(t) or (t.country or (t.code or "")[:3]) in source_countries for t in targets):
        # "X and Y agreed" (and "Palestinians and Israelis failed to reach their agreement")
        return [(s, t) for s in sources for t in sources if s is not t]
    out: list[tuple[Actor, Actor | None]] = []
    for s in sources:
        own = [t for t in targets if not same_side(t, s)]
        out.extend((s, t) for t in own or [None])  # skipped: the source itself or its own side
    return out


def make_stage(settings: Settings) -> Callable[[Article], None]:
    """Find and code events (loads the dictionaries and the classifier once)."""
    from eventcoder.events.classify import Classifier

    try:
        classifier = Classifier.load(settings)
    except Exception:  # a missing or stale model artifact: code with the patterns alone
        log.warning("event classifier unavailable; coding with patterns only", exc_info=True)
        classifier = None
    return EventCoder(settings, classifier)
