"""Within-article coreference for actors: pronouns and definite descriptions.

A light rule-based resolver, in the spirit of Hobbs' algorithm, working over
the mentions the stage has coded so far (in text order):

* "he/his/him/she/her": the nearest person; in the same sentence a person
  who is a subject wins ("Choe told Xi ... his country" is Choe's country);
* "it/its": the nearest state or organisation (not an expletive "it", not
  the subject of a passive);
* "they/their/them": the nearest plural group ("rebels", "officials");
* "the commission", "the envoy": the last mention with the same head word;
  "the country", "the regime": the last country named.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventcoder.model import Actor

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from eventcoder.actors.dictionary import Entry
    from eventcoder.actors.info import Info
    from eventcoder.actors.resolver import ArticleResolver

PERSON = {"he", "him", "his", "she", "her", "hers", "himself", "herself"}
THING = {"it", "its", "itself"}
PLURAL = {"they", "them", "their", "theirs", "themselves"}
SUBJECTS = {"nsubj", "nsubjpass"}
DETERMINERS = {"the", "this", "that", "these", "those"}
# How many sentences back a mention still adds salience to "it"/"they".
SALIENCE_WINDOW = 2


def is_pronoun(tok: Token) -> bool:
    """A third-person pronoun that may refer to an actor."""
    low = tok.lower_
    return (low in PERSON or low in THING or low in PLURAL) and tok.pos_ in ("PRON", "DET", "ADJ")


def category(actor: Actor, tok: Token) -> str:
    """person, thing or plural: which pronouns may refer back to this mention."""
    kind = actor.kind
    if kind == "pronoun":
        low = tok.lower_
        return "person" if low in PERSON else ("plural" if low in PLURAL else "thing")
    if kind == "person":
        # A role in apposition to a named person ("Yang, a professor at ...") is
        # not a separate antecedent for "he": the name before it is.
        if not actor.name and tok.dep_ == "appos":
            return "role"
        return "person"
    if tok.tag_ in ("NNS", "NNPS") or kind == "group" and tok.tag_ not in ("NN", "NNP"):
        return "plural"
    return "thing"  # a singular body is "it": "the army said it killed ..."


def _wanted(tok: Token) -> str | None:
    low = tok.lower_
    if low in PERSON:
        return "person"
    if low in PLURAL:
        return "plural"
    if tok.dep_ in ("expl", "nsubjpass") or (tok.dep_ == "nsubj" and _is_dummy_it(tok)):
        return None
    return "thing"


def _is_dummy_it(tok: Token) -> bool:
    """'it is likely/clear that ...', 'it seems', 'it's discussed': no referent."""
    head = tok.head
    if head.lemma_ in ("seem", "appear", "rain", "take"):
        return True
    if head.lemma_ == "be":
        return any(c.dep_ in ("acomp", "ccomp", "xcomp") for c in head.children)
    return any(c.dep_ == "auxpass" for c in head.children)


def resolve_pronoun(res: ArticleResolver, tok: Token) -> Actor | None:
    """The pronoun as an actor carrying its antecedent's code, or None."""
    want = _wanted(tok)
    if want is None:
        return None
    ante = _antecedent(res, tok, want)
    if ante is None:
        return None
    return Actor(text=tok.text, start=tok.idx, end=tok.idx + len(tok), code=ante.code,
                 country=ante.country, sector=ante.sector, name=ante.name, kind="pronoun",
                 why=f"pronoun '{tok.text}' -> '{ante.text}' ({ante.code or 'uncoded'})",
                 entity=ante.entity)


def _antecedent(res: ArticleResolver, tok: Token, want: str) -> Actor | None:
    cands = [(i, a) for i, a, cat, _ in res.history
             if cat == want and i < tok.i and not (a.start is not None and a.end is not None
                                                   and a.start <= tok.idx < a.end)]
    if not cands:
        return None
    if want != "person":
        return _thing_antecedent(tok, cands)
    doc = tok.doc
    sent_start = tok.sent.start
    same = [(i, a) for i, a in cands if i >= sent_start]
    pool = same
    if not pool:
        last_sent = doc[cands[-1][0]].sent.start
        pool = [(i, a) for i, a in cands if doc[i].sent.start == last_sent]
    subjects = [(i, a) for i, a in pool if doc[i].dep_ in SUBJECTS or doc[i].head.dep_ in SUBJECTS
                and doc[i].dep_ in ("appos", "compound")]
    chosen = subjects[-1] if subjects and same else pool[-1]
    if subjects and not same:
        chosen = subjects[-1] if pool[-1][1].code is None else pool[-1]
    return chosen[1]


def _thing_antecedent(tok: Token, cands: list[tuple[int, Actor]]) -> Actor:
    """The antecedent of "it"/"they" by salience, after Lappin and Leass (1994).

    Each earlier mention of the last `SALIENCE_WINDOW` sentences adds weight to
    its referent (the mentions sharing a country): recency (halved per sentence
    back), being a subject, a direct object, or the subject of a clause that
    contains the pronoun. So "North Korea proposed talks with the U.S. ...
    after it scrapped a meeting" is North Korea (the governing subject), and a
    country the recent sentences keep naming outweighs one named once. The
    most recent mention of the most salient referent is the antecedent.
    """
    doc = tok.doc
    starts = sorted({doc[i].sent.start for i, _ in cands} | {tok.sent.start})
    rank = {s: len(starts) - 1 - n for n, s in enumerate(starts)}
    above = {t.i for t in tok.ancestors}
    weight: dict[str, float] = {}
    latest: dict[str, tuple[int, Actor]] = {}
    for i, a in cands:
        dist = rank[doc[i].sent.start]
        if dist > SALIENCE_WINDOW or not a.code:
            continue
        w = 100.0
        head = _subject_head(doc[i])
        if head is not None:
            w += 80 + (50 if dist == 0 and head.i in above else 0)
        elif doc[i].dep_ in ("dobj", "obj"):
            w += 50
        key = a.country or a.code
        weight[key] = weight.get(key, 0.0) + w * 0.5 ** dist
        latest[key] = (i, a)
    if not weight:
        return cands[-1][1]
    best = max(weight, key=lambda key: (weight[key], latest[key][0]))
    return latest[best][1]


def _subject_head(tok: Token) -> Token | None:
    """The verb whose subject the mention is (through "of"/apposition/compound), or None."""
    t = tok
    for _ in range(3):
        if t.dep_ in SUBJECTS:
            return t.head
        if t.dep_ in ("compound", "appos", "conj", "poss") or (t.dep_ == "pobj" and t.head.lower_ == "of"):
            t = t.head if t.dep_ != "pobj" else t.head.head
            continue
        return None
    return None


def resolve_description(res: ArticleResolver, tok: Token, info: Info) -> Actor | None:
    """A definite description ("the commission") as a copy of its antecedent, or None."""
    if not any(c.dep_ == "det" and c.lower_ in DETERMINERS for c in tok.children):
        return None
    lemma = tok.lemma_.lower()
    plural = tok.tag_ in ("NNS", "NNPS")
    for i, actor, cat, ante_lemmas in reversed(res.history):
        if i >= tok.i or lemma not in ante_lemmas or (cat == "plural") != plural:
            continue
        return _copy(tok, actor, f"'{_np(tok)}' -> '{actor.text}'")
    if lemma in res.d.country_words and tok.is_lower:
        for i, actor, _, _ in reversed(res.history):
            if i < tok.i and actor.country and actor.kind in ("country", "group", "organisation",
                                                               "person", "pronoun"):
                sector = None if info.country_only else info.sector
                code = f"{actor.country}{sector or ''}"
                return Actor(text=_np(tok), start=tok.left_edge.idx, end=tok.idx + len(tok),
                             code=code, country=actor.country, sector=sector,
                             name=res.d.country_names.get(actor.country), kind="description",
                             why=f"{info.why} + last country named: '{actor.text}'",
                             entity=None if sector else actor.entity)
    return None


def _np(tok: Token) -> str:
    return tok.doc[tok.left_edge.i:tok.i + 1].text


def _copy(tok: Token, actor: Actor, why: str) -> Actor:
    return Actor(text=_np(tok), start=tok.left_edge.idx, end=tok.idx + len(tok), code=actor.code,
                 country=actor.country, sector=actor.sector, name=actor.name, kind="description",
                 why=f"definite description {why}", entity=actor.entity)


def has_person_role(res: ArticleResolver, tok: Token) -> bool:
    """Whether the text gives the name `tok` a person's title or role (so it is a person)."""
    for child in tok.children:
        if child.dep_ in ("compound", "appos", "amod"):
            agent = res.d.agents.get(child.lemma_.lower()) or res.d.agents.get(child.lower_)
            if agent is not None and agent.kind == "person":
                return True
    if tok.dep_ in ("appos", "compound"):
        agent = res.d.agents.get(tok.head.lemma_.lower())
        return agent is not None and agent.kind == "person"
    return False


def prefers_office_holder(res: ArticleResolver, tok: Token, entry: Entry) -> bool:
    """A bare surname coordinated with a government actor means the office holder.

    "Park and Xi will hold their first summit": the earlier "Park Young Ho"
    (a researcher) is not meant; the coordinated head of state is.
    """
    role, former = entry.role_at(res.day)
    if role is None or former or not role.code.endswith("GOV"):
        return False
    partners = [c for c in tok.children if c.dep_ == "conj"]
    if tok.dep_ == "conj":
        partners.append(tok.head)
    for other in partners:
        m = res.match_at.get(other.i)
        if m is not None and m.entry.kind == "person":
            other_role, other_former = m.entry.role_at(res.day)
            if other_role is not None and not other_former and other_role.code.endswith("GOV"):
                return True
    return False
