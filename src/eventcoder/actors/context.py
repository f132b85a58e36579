"""Where an actor belongs when its own words do not say: the context rules.

News names a country once and then speaks of "the judge", "Prime Minister
X" or "the rebels"; human coders take the country from the sentence (CAMEO
codes "President Dos Santos ... Angola" as AGOGOV) or from what the article
is about. These rules also decide when a country word does not give the
state of the people it describes ("ethnic Albanians", "an anti-Syria
journalist"), when a capital or a people acts for its state ("Pyongyang
said") and when a group is only part of a people ("Bosnian Serbs").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventcoder.actors.codes import split_code

# Prepositions whose object is the destination or aim of an act.
DESTINATION_PREPS = frozenset({"to", "into", "toward", "towards", "onto"})

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from eventcoder.actors.info import Info
    from eventcoder.actors.matcher import Match
    from eventcoder.actors.resolver import ArticleResolver


def country_from_context(res: ArticleResolver, tok: Token, info: Info, used: list[Token]) -> None:
    """A role with no country of its own takes the nearest country named in its sentence.

    News names the country once and then speaks of "the judge", "Prime
    Minister X" or "the rebels"; so do human coders (CAMEO codes
    "President Dos Santos ... Angola" as AGOGOV). A demonym after
    "ethnic" names a people, not a state, and does not count.
    """
    lo = min([tok.i] + [t.i for c in used for t in c.subtree])
    hi = max([tok.i] + [t.i for c in used for t in c.subtree])
    others = _others_subject(tok)
    patrons = _patrons(tok)
    reported = _reported_subject(tok)
    best: tuple[tuple[int, int], Match] | None = None
    for m in res.matches:
        if m.entry.kind not in ("country", "capital", "demonym", "place", "organisation") \
                or not m.entry.code or m.entry.code.startswith(("IGO", "NGO", "IMG")) \
                or (m.entry.kind == "organisation" and m.entry.code.endswith("MED")):
            continue  # the outlet reporting it ("Reuters witnesses said") is no context
        if m.start < tok.sent.start or m.start >= tok.sent.end or lo <= m.start <= hi:
            continue
        if not_a_state(tok.doc[m.start]) or _destination(tok.doc[m.start]) \
                or names_no_state(res, tok.doc[m.end - 1]) or m.start in patrons:
            continue
        rank = (int(m.start in others), int(m.start not in reported), abs(m.start - tok.i))
        if best is None or rank < best[0]:
            best = (rank, m)
    if best is not None:
        m = best[1]
        country = split_code(m.entry.code)[0]
        info.country = res.state_of_town(country) if m.entry.kind in ("capital", "place") else country
        info.why = f"{info.why} + country from context '{res.text_of(m.start, m.end)}'"
        return
    dominant = dominant_country(res, tok.i)
    if dominant is not None:
        info.country = dominant
        info.why = f"{info.why} + the article's country so far ({dominant})"


def _destination(tok: Token) -> bool:
    """ "sent troops to Poland", "an envoy to Iran": where an act or a role is aimed,
    not where the people in the sentence come from."""
    while tok.dep_ in ("compound", "amod", "nmod", "poss") and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ == "pobj" and tok.head.lower_ in DESTINATION_PREPS


def _patrons(tok: Token) -> set[int]:
    """Who backs or supplies a group, in a clause describing it: "a militia backed by
    Turkey", "rebels who receive arms from Iran" name a patron, not their country."""
    out: set[int] = set()
    for clause in tok.children:
        if clause.dep_ not in ("relcl", "acl"):
            continue
        for t in clause.subtree:
            if t.dep_ in ("prep", "agent") and t.lower_ in ("by", "from"):
                out.update(x.i for g in t.children if g.dep_ == "pobj" for x in g.subtree)
    return out


def _others_subject(tok: Token) -> set[int]:
    """The tokens naming who acted on `tok`, so that a country there is the last resort:
    "Palestinian bombers killed 23 people in Tel Aviv" (the subject of the verb whose
    object `tok` is) and "five militants were killed in a U.S. drone strike in northwest
    Pakistan" or "wounded by Israeli fire" (the agent or attack of a passive `tok`) do
    not make the victims Palestinian, American or Israeli; where it happened still may."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head  # "four children and a man were killed ..."
    head = tok.head
    if tok.dep_ == "nsubjpass":
        out: set[int] = set()
        for prep in head.children:
            if prep.dep_ not in ("prep", "agent") or prep.lower_ not in _CAUSE_PREPS:
                continue
            for g in prep.children:
                if g.dep_ != "pobj":
                    continue
                out.add(g.i)
                for c in g.children:  # the attack and its doer, not its own place
                    if not (c.dep_ == "prep" and c.lower_ in _PLACE_PREPS):
                        out.update(t.i for t in c.subtree)
        return out
    if tok.dep_ == "nsubj" and head.pos_ in ("VERB", "AUX"):
        # "demonstrators rallied outside the U.S. embassy in Seoul": what the subject
        # acts on is not where it comes from; where it acts ("in Seoul") still may be
        out = set()
        for c in head.children:
            if c.dep_ in ("dobj", "obj", "dative"):
                out |= _phrase_without_places(c)
            elif c.dep_ == "prep":
                for g in c.children:
                    # "outside the U.S. embassy": a place preposition, but another state's site
                    if g.dep_ == "pobj" and (c.lower_ not in _PLACE_PREPS
                                             or g.lemma_.lower() in _FOREIGN_SITES):
                        out |= _phrase_without_places(g)
        return out
    if tok.dep_ == "pobj" and head.dep_ in ("prep", "agent"):
        head = head.head
    elif tok.dep_ not in ("dobj", "obj", "dative"):
        return set()
    return {t.i for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "agent") for t in c.subtree}


def _phrase_without_places(tok: Token) -> set[int]:
    """A noun phrase's tokens, less the places it is located by ("the U.S. embassy in Seoul")."""
    out = {tok.i}
    for c in tok.children:
        if not (c.dep_ == "prep" and c.lower_ in _PLACE_PREPS):
            out.update(t.i for t in c.subtree)
    return out


_REPORTING = frozenset({"say", "tell", "add", "announce", "state", "confirm", "declare"})


def _reported_subject(tok: Token) -> set[int]:
    """For the speaker of a report ("Peru's government has requested U.S. helicopters,
    Interior Minister Carlos Basombrio said"), the tokens of the reported clause's
    subject: an official with no country of their own speaks for the one acting there,
    not for the nearest country named."""
    verb = tok.head
    if tok.dep_ != "nsubj" or verb.lemma_.lower() not in _REPORTING:
        return set()
    clauses = [c for c in verb.children if c.dep_ in ("ccomp", "parataxis")]
    if verb.dep_ in ("parataxis", "advcl", "ccomp") and verb.head.i != verb.i:
        clauses.append(verb.head)
    return {t.i for clause in clauses for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")
            for t in c.subtree}


# Sites that belong to a state other than the one they stand in: people gathered
# outside "the U.S. embassy in Seoul" are not American.
_FOREIGN_SITES = frozenset({"embassy", "consulate", "mission", "legation", "base"})
_CAUSE_PREPS = frozenset({"by", "in", "during", "from", "under"})
_PLACE_PREPS = frozenset({"in", "near", "at", "on", "outside", "inside", "across", "along"})


def dominant_country(res: ArticleResolver, before: int) -> str | None:
    """The country named in at least half (and at least two) of the country mentions before `before`."""
    counts: dict[str, int] = {}
    for m in res.matches:
        if m.start >= before:
            break
        if m.entry.kind in ("country", "capital", "demonym", "place") and m.entry.code:
            code = res.state_of_town(m.entry.code) if m.entry.kind in ("capital", "place") else m.entry.code
            assert code is not None
            counts[code] = counts.get(code, 0) + 1
    if not counts:
        return None
    code, n = max(counts.items(), key=lambda kv: kv[1])
    return code if n >= 2 and 2 * n >= sum(counts.values()) else None


def qualified(res: ArticleResolver, tok: Token) -> bool:
    """ "Bosnian Serbs", "ethnic Turks", "Palestinians of the West Bank": part of a people."""
    for c in tok.children:
        if c.dep_ in ("amod", "compound", "nmod") and (c.lower_ == "ethnic" or (
                c.i in res.match_at and res.match_at[c.i].entry.kind in ("demonym", "country"))):
            return True
        if c.dep_ == "prep" and c.lower_ in ("of", "from", "in"):
            return True
    return False


def not_a_state(tok: Token) -> bool:
    """ "ethnic Albanian guerrillas", "an anti-Syria journalist": the word does not give their state."""
    first = tok.left_edge.i
    before = [t.lower_ for t in tok.doc[max(0, first - 2):first]]
    return "ethnic" in before[-1:] or before in (["anti", "-"], ["pro", "-"]) \
        or tok.lower_ in ("anti", "pro") or any(c.lower_ == "ethnic" for c in tok.children)


def names_no_state(res: ArticleResolver, tok: Token) -> bool:
    """ "the Russian language", "Arabic-speaking": a country word that names a
    language, not a state or its people (`non_state_heads` in agents.yaml)."""
    head = tok
    while head.dep_ in ("amod", "compound", "nmod", "npadvmod") and head.head.i != head.i:
        head = head.head
        if head.lemma_.lower() in res.d.non_state_heads or head.lower_ in res.d.non_state_heads:
            return True
    return False


def agentive(tok: Token) -> bool:
    """A capital stands for its government when it acts: "Pyongyang said", "Beijing's calls"."""
    while tok.dep_ in ("conj", "appos") and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ in ("nsubj", "nsubjpass", "poss", "agent", "compound"):
        return True
    return tok.dep_ == "pobj" and tok.head.lower_ in ("by", "from", "between")
