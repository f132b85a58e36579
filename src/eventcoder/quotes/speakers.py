"""The speaker of a quote as a coded `Actor`.

The speaker's span comes from the parse: a named entity when the head token
is in one ("the official Xinhua News Agency" → "Xinhua News Agency"), a name
with its compounds ("Park Young Ho"), or a noun phrase without its
apposition, relative clause or participle ("an unidentified spokesman of
North Korea's National Defense Commission", not "..., which ..."). The code
comes from the actors stage (`actor_for_token`), which sees the apposition
too ("Denis McDonough, the White House chief of staff" → USAGOV).

A pronoun ("he said") keeps its own span but takes the name and code of the
person it stands for: for "it"/"they" the subject of the sentence before when
it fits, for "he"/"she" a named person who is that subject (same paragraph);
then a speaker of the right kind quoted in the last few paragraphs
(in news a "he said" continues the last person quoted, even when a name
inside the quote comes closer); then the actors stage's resolution; then the
latest earlier speaker or person named. A he/she never stands for someone
the article shows to be of the other gender ("Ms. Kemp", "the spokesman";
`data/quotes/gender.yaml`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from eventcoder.actors import actor_for_token
from eventcoder.model import Actor, Article
from eventcoder.quotes.gender import fits, inside_quote

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

_NAMED = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}
_DROP_CHILDREN = {"appos", "relcl", "acl", "punct", "advcl", "parataxis"}
PERSONAL = {"he", "she", "him", "her"}
IMPERSONAL = {"it", "they", "them"}
_FIRST_PERSON = {"i", "we", "me", "us"}
_RECENT_CHARS = 1500  # about three news paragraphs


def _entity(tok: Token) -> Span | None:
    """The named entity `tok` is part of, read from its IOB tags (not a scan of `doc.ents`)."""
    if tok.ent_type_ not in _NAMED:
        return None
    doc = tok.doc
    start = tok.i
    while doc[start].ent_iob_ == "I" and start > 0:
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc.char_span(doc[start].idx, doc[end - 1].idx + len(doc[end - 1]),
                         label=tok.ent_type_) or doc[start:end]


def _name_chain(tok: Token) -> tuple[int, int]:
    """Token range of a proper name: the head and its contiguous compounds."""
    first = tok.i
    for child in sorted(tok.lefts, key=lambda c: -c.i):
        joins = child.dep_ in ("compound", "flat") and child.pos_ == "PROPN"
        if child.i == first - 1 and (joins or child.text == "-"):
            first = child.i  # "Hossein Amir-Abdollahian"
    return first, tok.i + 1


def _phrase(tok: Token) -> tuple[int, int]:
    """Token range of the noun phrase headed by `tok`, without its trailing modifiers."""
    keep = [tok]
    for child in tok.children:
        if child.dep_ not in _DROP_CHILDREN:
            keep.extend(child.subtree)
    idx = sorted(t.i for t in keep)
    first, last = idx[0], idx[-1]
    # stay contiguous around the head: a dropped apposition ends the phrase
    gaps = [i for i in range(tok.i, last + 1) if i not in set(idx)]
    if gaps:
        last = gaps[0] - 1
    # "one Western official familiar with the talks, who was not authorised ...":
    # a comma after the head ends the mention, whatever hangs the clause deeper
    # (but not before a name: "the spokesman on environment, Tom Hale,")
    comma = next((i for i in range(tok.i + 1, last) if tok.doc[i].text == ","
                  and tok.doc[i + 1].pos_ != "PROPN"), None)
    if comma is not None:
        last = comma - 1
    return first, last + 1


def speaker_range(tok: Token) -> tuple[int, int]:
    """Token range [a, b) of the speaker mention headed by `tok`."""
    if tok.pos_ == "PRON":
        return tok.i, tok.i + 1
    if not any(c.dep_ == "conj" for c in tok.children):
        ent = _entity(tok)
        if ent is not None:
            return ent.start, ent.end
        if tok.pos_ == "PROPN" and tok.text[:1].isupper():
            return _name_chain(tok)
    return _phrase(tok)


_KIND_OF_ENTITY = {"PERSON": "person", "ORG": "organisation", "GPE": "country", "LOC": "country",
                   "NORP": "group", "FAC": "organisation"}


def _is_person(actor: Actor) -> bool:
    """Whether a he/she could stand for `actor`: a person, or a singular description."""
    return actor.kind in ("person", "description")


def _kind(tok: Token) -> str:
    """What kind of speaker the head token names, for pronoun resolution."""
    ent = _entity(tok)
    if ent is not None:
        return _KIND_OF_ENTITY.get(ent.label_, "organisation")
    if tok.pos_ == "PROPN":
        return "person"  # a bare name that speaks, not recognised as an organisation
    return "group" if tok.tag_ in ("NNS", "NNPS") else "description"


def _previous_subject(tok: Token) -> Token | None:
    """The subject of the sentence before the pronoun's, when it is not a pronoun itself.

    "The prime minister's office confirmed the extension. It said ...": an
    "it" or "they" at the start of a sentence most often continues its subject.
    """
    first = tok.sent.start
    if first == 0:
        return None
    prev = tok.doc[first - 1].sent
    subj = next((c for c in prev.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subj if subj is not None and subj.pos_ != "PRON" else None


def recent_speaker(tok: Token, earlier: list[Actor]) -> Actor | None:
    """The latest earlier speaker a pronoun can stand for, if it spoke recently.

    In news a "he said" nearly always continues the last person quoted, even
    when another name (often one inside the quote) comes closer; so a recent
    speaker of the right kind wins over the nearest mention.
    """
    word = tok.lower_
    for actor in reversed(earlier):
        if actor.start is None or tok.idx - actor.start > _RECENT_CHARS:
            return None
        if word in PERSONAL and _is_person(actor) and fits(tok, actor):
            return actor
        if word in IMPERSONAL and actor.kind not in ("person", "pronoun", "description"):
            return actor
    return None


def resolve_pronoun(article: Article, tok: Token, earlier: list[Actor]) -> Actor | None:
    """The earlier speaker or name a third-person pronoun most likely stands for."""
    word = tok.lower_
    if word in PERSONAL:
        for actor in reversed(earlier):
            if _is_person(actor) and fits(tok, actor):
                return actor
        ents = [Actor(text=e.text, start=e.start_char, end=e.end_char, name=e.text, kind="person")
                for e in tok.doc.ents if e.label_ == "PERSON" and e.end <= tok.i]
        return next((a for a in reversed(ents) if fits(tok, a)), None)
    elif word in IMPERSONAL:
        for actor in reversed(earlier):
            if actor.kind not in ("person", "pronoun"):
                return actor
    return None


def _previous_person(article: Article, tok: Token) -> Token | None:
    """A person who is the subject of the sentence before, in the same paragraph.

    "Ellison dismissed the estimate. “The CBO has been wrong before,” he
    said.": a he/she opening the next sentence's attribution continues that
    subject, even when someone else was quoted last. The subject is a
    person's name, or a singular description the actors stage codes as a
    person ("Another official was more cautious. “...,” she said").
    """
    subj = _previous_subject(tok)
    if subj is None or "\n" in article.text[subj.idx:tok.idx] or inside_quote(article.text, subj.idx):
        return None
    subj = named_apposition(subj)
    if subj.ent_type_ == "PERSON" or (subj.pos_ == "PROPN" and not subj.ent_type_):
        return subj  # a bare surname the model did not tag is most often a person
    if subj.pos_ == "NOUN" and subj.tag_ == "NN":
        actor = actor_for_token(article, subj)
        if actor is not None and actor.kind == "person":
            return subj
    return None


def _antecedent(article: Article, tok: Token, found: Actor | None, earlier: list[Actor]) -> Actor | None:
    """Who a speaking pronoun stands for (the order is in the module docstring)."""
    if tok.lower_ in IMPERSONAL:
        subj = _previous_subject(tok)
        if subj is not None and _kind(subj) != "person" and (
                (tok.lower_ == "it") == (_kind(subj) != "group")):
            return build_speaker(article, subj, earlier)
    elif tok.lower_ in PERSONAL:
        person = _previous_person(article, tok)
        actor = build_speaker(article, person, earlier) if person is not None else None
        if actor is not None and fits(tok, actor):
            return actor
    recent = recent_speaker(tok, earlier)
    if recent is not None:
        return recent
    if found is not None and found.name and fits(tok, found):
        return found
    return resolve_pronoun(article, tok, earlier)


def named_apposition(tok: Token) -> Token:
    """The name in apposition to a description ("China's envoy, Li Dawei,"), else `tok`.

    Also after a number ("One of them, Sen. Laura Kemp of Maine, said").
    """
    if tok.pos_ in ("NOUN", "PRON", "NUM") or (tok.pos_ == "PROPN" and _entity(tok) is None):
        preps = [c.i for c in tok.children if c.dep_ == "prep"  # "one of them" names no one else
                 and not all(g.pos_ == "PRON" for g in c.children)]
        for child in tok.children:
            # "a spokesman for the host, President Mwangi,": the name is the host's
            if child.dep_ == "appos" and child.pos_ == "PROPN" and not any(p < child.i for p in preps):
                ent = _entity(child)
                if ent is not None and ent.label_ in ("PERSON", "ORG"):
                    return child  # "China's envoy, Li Dawei,"; "the largest union, the FNSEA,"
    return tok


def full_name(tok: Token, text: str) -> str:
    """A surname's full form from the latest earlier person entity ("Park" → "Park Young Ho")."""
    words = text.split()
    for ent in reversed([e for e in tok.doc.ents if e.label_ == "PERSON" and e.end <= tok.i]):
        parts = ent.text.split()
        if len(parts) > len(words) and (parts[:len(words)] == words or parts[-len(words):] == words):
            return ent.text
    return text


def _same_name(written: str, name: str) -> bool:
    """Whether every word of the name as written is in the canonical name."""
    words = {w.strip(".,").lower() for w in name.replace("-", " ").split()}
    return all(w.strip(".,").lower() in words for w in written.replace("-", " ").split())


def _title_words(tok: Token) -> list[str] | None:
    """The title a definite description gives ("Taiwan's president" → ["president"]).

    Only "the ..." or a possessive ("Taiwan's president", "the foreign
    minister"): an indefinite "a spokesperson" names no one in particular.
    """
    if tok.pos_ != "NOUN" or tok.tag_ != "NN":
        return None
    lefts = [c for c in tok.lefts]
    if not any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ == "the") for c in lefts):
        return None
    mods = [c for c in lefts if c.dep_ in ("compound", "amod") and c.i == tok.i - 1]
    return [*(m.lower_ for m in mods), tok.lower_]


def _named_by_title(article: Article, tok: Token, found: Actor | None) -> str | None:
    """The one person the article names by a description's title, before or after it.

    AP and Reuters ledes often say "Taiwan's president said ..." and name him
    later ("President Lai Ching-te said ..."): the description is that person
    when exactly one person in the article bears the title (and, when both
    are coded, the country agrees).
    """
    title = _title_words(tok)
    if title is None:
        return None
    doc, n = tok.doc, len(title)
    names = set()
    for ent in (e for e in doc.ents if e.label_ == "PERSON"):
        inside = [t.lower_ for t in ent[:n]] == title and len(ent) > n
        before = ent.start >= n and [t.lower_ for t in doc[ent.start - n:ent.start]] == title
        if not (inside or before):
            continue
        other = actor_for_token(article, ent.root)
        if found is not None and other is not None and found.country and other.country \
                and found.country != other.country:
            continue
        names.add(ent[n:].text if inside else ent.text)
    return names.pop() if len(names) == 1 else None


def build_speaker(article: Article, tok: Token, earlier: list[Actor]) -> Actor:
    """The speaker `Actor` for the mention headed by `tok` (see the module docstring)."""
    found = actor_for_token(article, tok)
    tok = named_apposition(tok)
    a, b = speaker_range(tok)
    if tok.pos_ == "PROPN":  # "Park said" after "said Collin Park": the same speaker again
        short = article.text[tok.doc[a].idx:tok.doc[b - 1].idx + len(tok.doc[b - 1])]
        again = next((e for e in reversed(earlier) if e.name and e.name != short
                      and _same_name(short, e.name)), None)
        if again is not None:
            return replace(again, text=short, start=tok.doc[a].idx, end=tok.doc[a].idx + len(short),
                           why=f"quotes: same speaker as the earlier {again.name}")
    doc = tok.doc
    start, end = doc[a].idx, doc[b - 1].idx + len(doc[b - 1])
    text = article.text[start:end]
    ent = _entity(tok)
    kind = _kind(tok)
    if tok.pos_ == "PRON" and tok.lower_ not in _FIRST_PERSON:
        ref = _antecedent(article, tok, found, earlier)
        if ref is not None:
            return Actor(text=text, start=start, end=end, code=ref.code, country=ref.country,
                         sector=ref.sector, name=ref.name or ref.text, kind=ref.kind or "pronoun",
                         why=f"quotes: pronoun resolved to {ref.name or ref.text}", entity=ref.entity)
        return Actor(text=text, start=start, end=end, kind="pronoun", why="quotes: unresolved pronoun")
    if found is not None:
        own = found.start is not None and found.start <= tok.idx < (found.end or 0)
        name = found.name if own and found.name else (
            full_name(tok, text) if tok.pos_ == "PROPN" else found.name)
        if tok.pos_ == "PROPN" and name and not _same_name(text, name):
            name = full_name(tok, text)  # "Collin Park" is not "Park Geun-hye"
        name = name or _named_by_title(article, tok, found)
        return replace(found, text=text, start=start, end=end, name=name,
                       kind=(found.kind or kind) if own else kind)
    name = full_name(tok, text) if tok.pos_ == "PROPN" or ent is not None else _named_by_title(
        article, tok, None)
    return Actor(text=text, start=start, end=end, name=name, kind=kind,
                 why="quotes: speaker span from the parse (no coded actor)")
