"""The actors stage: every actor mention in the article, coded CAMEO-style.

Contract used by the events and quotes stages: after this stage,
`article.mentions` lists every actor mention (names, descriptions, pronouns
resolved through coreference) in text order, each an `Actor` with character
offsets, code, country, sector, name, kind, why and a coreference chain id
(`entity`); and `actor_for_token(article, token)` returns the actor that the
noun phrase headed by a spaCy token refers to.

The knowledge is in YAML files under `eventcoder/data/actors/` (see
docs/actors.md); users add their own with `--actors FILE`.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from eventcoder.actors.dictionary import ActorDictionary, load_dictionary
from eventcoder.actors.matcher import DictionaryMatcher
from eventcoder.actors.resolver import ArticleResolver
from eventcoder.model import Actor, Article
from eventcoder.settings import Settings

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

__all__ = ["actor_for_token", "make_stage", "place_as_target", "load_dictionary", "ActorDictionary"]

RESOLVER_KEY = "_actors_resolver"


def actor_for_token(article: Article, token: Token) -> Actor | None:
    """The actor that the noun phrase headed by `token` refers to, or None.

    Conjuncts are not absorbed ("Park and Xi" on "Park" gives Park only),
    and a head that is not itself an actor gives None even when an actor
    sits in its prepositional phrase or relative clause ("talks with the
    U.S." on "talks"). Needs the actors stage to have run on the article.
    """
    resolver = article.extras.get(RESOLVER_KEY)
    if resolver is None or article.doc is None or token.doc is not article.doc:
        return None
    return resolver.actor(token)


def place_as_target(actor: Actor) -> Actor:
    """A place that an event targets stands for its people (CAMEO's convention).

    "Rebels shelled Juba" is an attack on Juba's inhabitants, SDNCVL; the
    mention itself stays a place (no sector), because "talks in Seoul" name
    a location only. The events stage applies this to targets.
    """
    if actor.kind != "place" or not actor.country or actor.sector:
        return actor
    return dataclasses.replace(actor, code=f"{actor.country}CVL", sector="CVL",
                               why=f"{actor.why} + a place as target stands for its people")


def code_article(article: Article, dictionary: ActorDictionary, matcher: DictionaryMatcher) -> None:
    """Find and code every actor mention of a parsed article (in place)."""
    if article.doc is None:
        article.mentions = []
        return
    resolver = ArticleResolver(article, dictionary, matcher(article.doc))
    article.extras[RESOLVER_KEY] = resolver
    mentions: list[Actor] = []
    for tok in resolver.heads():
        actor = resolver.actor(tok)
        if actor is None:
            continue
        resolver.record(tok, actor)
        mentions.append(actor)
        mentions.extend(_companions(actor, resolver))
        mentions.extend(_conjoined_modifiers(tok, actor, resolver))
    mentions.sort(key=lambda m: (m.start or 0, -(m.end or 0)))
    article.mentions = mentions


def _companions(actor: Actor, resolver: ArticleResolver) -> list[Actor]:
    """Extra mentions for a phrase that names several countries ("the two Koreas")."""
    extra = []
    for m in resolver.matches:
        if m.entry.kind != "contextual" or resolver.doc is None:
            continue
        if resolver.doc[m.start].idx != actor.start:
            continue
        for codes, when in m.entry.contexts:
            if resolver.countries.intersection(when):
                for code in codes[1:]:
                    extra.append(Actor(text=actor.text, start=actor.start, end=actor.end, code=code,
                                       country=code, sector=None,
                                       name=resolver.d.country_names.get(code), kind="country",
                                       why=actor.why, entity=None))
                break
    return extra


def _conjoined_modifiers(tok: Token, actor: Actor, resolver: ArticleResolver) -> list[Actor]:
    """ "Hungarian and Romanian officials": a second mention, ROUGOV, for the second country."""
    extra: list[Actor] = []
    if actor.sector is None or actor.kind == "pronoun":
        return extra
    for child in tok.children:
        if child.dep_ not in ("amod", "compound", "nmod"):
            continue
        for conj in child.conjuncts:
            m = resolver.match_at.get(conj.i)
            if m is None or m.entry.kind not in ("demonym", "country") or not m.entry.code \
                    or m.entry.code == actor.country or resolver.doc is None:
                continue
            first, last = resolver.doc[m.start], resolver.doc[m.end - 1]
            start, end = first.idx, last.idx + len(last)
            extra.append(Actor(text=resolver.article.text[start:end], start=start, end=end,
                               code=f"{m.entry.code}{actor.sector}", country=m.entry.code,
                               sector=actor.sector, name=None, kind=actor.kind,
                               why=f"'{resolver.article.text[start:end]}' conjoined in '{actor.text}'"))
    return extra


def make_stage(settings: Settings):
    """Find and code actor mentions (dictionaries loaded once, user files last)."""
    from eventcoder.nlp import load_model

    dictionary = load_dictionary(tuple(settings.actor_files))
    matcher = DictionaryMatcher(load_model(settings.spacy_model), dictionary)

    def actors_stage(article: Article) -> None:
        code_article(article, dictionary, matcher)

    return actors_stage
