"""The actors stage on real news sentences: every form of mention issue 4 lists.

Each row is (sentence, the mention or head word to look up, expected code).
Sentences come from news reports (Bloomberg, AFP, Reuters, AP, the CAMEO
manual examples); the stage runs alone after the parse.
"""

from __future__ import annotations

import datetime as dt

import pytest

from eventcoder.actors import actor_for_token
from eventcoder.model import Article
from eventcoder.pipeline import Pipeline
from eventcoder.settings import Settings


@pytest.fixture(scope="module")
def actors_pipeline():
    """nlp + actors only: fast, and independent of the other stages."""
    return Pipeline(Settings(stages=("nlp", "actors")))


@pytest.fixture(scope="module")
def code(actors_pipeline):
    def _code(text: str, published: str | None = "2013-06-16") -> Article:
        pub = dt.date.fromisoformat(published) if published else None
        return actors_pipeline(Article(text=text, published=pub))

    return _code


def head(article: Article, word: str, nth: int = 0):
    """The nth token spelled `word`."""
    toks = [t for t in article.doc if t.text == word]
    assert len(toks) > nth, f"{word!r} not in {article.text!r}"
    return toks[nth]


def code_of(article: Article, word: str, nth: int = 0) -> str | None:
    actor = actor_for_token(article, head(article, word, nth))
    return actor.code if actor else None


COUNTRY_FORMS = [
    ("Libya has offered to hand over to Great Britain two of its nationals.", "Libya", "LBY"),
    ("Libya has offered to hand over to Great Britain two of its nationals.", "Britain", "GBR"),
    ("The U.S. is unlikely to agree to today's proposal.", "U.S.", "USA"),
    ("N. Korea Proposes Talks on Peace Treaty.", "Korea", "PRK"),
    ("The DPRK rejected the demand on Tuesday.", "DPRK", "PRK"),
    ("The United States on Thursday demanded that the Democratic People's Republic of Korea "
     "forsake its nuclear program.", "Korea", "PRK"),
    ("The PRC on Tuesday demanded that the US cancel plans to sell weapons to Taiwan.", "PRC", "CHN"),
    ("The PRC on Tuesday demanded that the US cancel plans to sell weapons to Taiwan.", "US", "USA"),
    ("Czechia and Albania have upgraded their diplomatic ties.", "Czechia", "CZE"),
]

DEMONYMS = [
    ("Russian President Boris Yeltsin on Saturday hosted Japanese Prime Minister Ryutaro "
     "Hashimoto in this Siberian city.", "Hashimoto", "JPNGOV"),
    ("Senior Hungarian and Romanian officials agreed on Wednesday that their countries should "
     "cooperate.", "officials", "HUNGOV"),
    ("Moroccan diplomats held their first meeting with the president.", "diplomats", "MARGOV"),
    ("Afghan rebels have kidnapped up to 16 Russian civilian advisers.", "rebels", "AFGREB"),
    ("Afghan rebels have kidnapped up to 16 Russian civilian advisers.", "advisers", "RUSCVL"),
    ("South Korean President Park Geun Hye's government has emphasized the six-party process.",
     "government", "KORGOV"),
]

METONYMY = [
    ("Pyongyang said it would respond to the sanctions.", "Pyongyang", "PRKGOV"),
    ("Seoul rejected the offer on Monday.", "Seoul", "KORGOV"),
    ("The Kremlin said the talks had been useful.", "Kremlin", "RUSGOV"),
    ("The White House announced the visit on Tuesday.", "House", "USAGOV"),
    ("The Pentagon announced it would send more troops.", "Pentagon", "USAMIL"),
    ("Downing Street said the prime minister would attend.", "Street", "GBRGOV"),
    ("Berlin rejected recent calls by Belarus's rulers for immediate economic aid.", "Berlin", "DEUGOV"),
    ("Berlin rejected recent calls by Belarus's rulers for immediate economic aid.", "rulers", "BLRGOV"),
    # a capital that is only where something happens is a place, not the government
    ("Park and Xi will hold their first summit meeting in Beijing on June 27-30.", "Beijing", "CHN"),
]

TITLES_AND_SECTORS = [
    ("British Defence Secretary Tom King has promised to continue military aid to Mozambique.",
     "King", "GBRGOV"),
    ("U.S. Army Lieutenant General William Harrison signed the armistice.", "Harrison", "USAMIL"),
    ("Turkish police prevented the demonstration staged by students.", "police", "TURCOP"),
    ("The Latvian Constitutional Court cancelled restrictions on the use of the Russian language.",
     "Court", "LVAJUD"),
    ("Poland's parliament has demanded an immediate admission by Moscow.", "parliament", "POLLEG"),
    ("Poland's parliament has demanded an immediate admission by Moscow.", "Moscow", "RUSGOV"),
    ("Opposition groups in Zimbabwe are demanding that the president abandon his policy.",
     "groups", "ZWEOPP"),
    ("The Macedonian army prepared to resume shelling.", "army", "MKDMIL"),
    ("Israeli soldiers arrested more than 100 Palestinians on Saturday.", "soldiers", "ISRMIL"),
    ("Israeli soldiers arrested more than 100 Palestinians on Saturday.", "Palestinians", "PSECVL"),
    ("Liberian riot police used tear gas to disperse demonstrators.", "police", "LBRCOP"),
    ("Thousands of Congolese refugees fled across the border.", "refugees", "CODREF"),
    ("Chinese state media said the meeting was constructive.", "media", "CHNGOV"),
    ("Pakistani intelligence officials said the militants had crossed the border.", "officials",
     "PAKSPY"),
    ("A Tunisian court has jailed a Nigerian student for two years.", "court", "TUNJUD"),
    ("A Tunisian court has jailed a Nigerian student for two years.", "student", "NGAEDU"),
    ("An Argentine judge has ordered former president Carlos Menem to appear.", "judge", "ARGJUD"),
    ("An Argentine judge has ordered former president Carlos Menem to appear.", "Menem", "ARGELI"),
    ("US and British activists staged a dramatic protest in Beijing.", "activists", "USAOPP"),
    ("Human Rights Watch said the police had beaten the detainees.", "Watch", "NGOHRWHRI"),
    ("A minefield explosion near the town of Samarra killed two Iraqi youths.", "explosion", "IRQUAF"),
    ("Iraqi Kurds sought refuge in Germany last month.", "Kurds", "IRQCVL"),
    ("Bosnian Serbs demanded a truce with Moslem forces in east Bosnia.", "Serbs", "BIHCVL"),
    ("The Nigerian government said the strike was illegal.", "government", "NGAGOV"),
]

ORGANISATIONS = [
    ("The official Korean Central News Agency carried the statement.", "Agency", "PRKMED"),
    ("KCNA said the drills were a rehearsal for invasion.", "KCNA", "PRKMED"),
    ("The official Xinhua News Agency said the North is willing to accept advice.", "Agency", "CHNMED"),
    ("Hungary will support a U.N. Security Council resolution.", "Council", "IGOUNO"),
    ("The U.S. State Department had no immediate comment.", "Department", "USAGOV"),
    ("Caitlin Hayden, a National Security Council spokeswoman, said in an e-mailed statement.",
     "Hayden", "USAGOV"),
    ("He signed the armistice on behalf of United Nations Command.", "Command", "IGOUNOMIL"),
    ("The IAEA has dispatched inspectors to Esfahan.", "IAEA", "IGOUNOIAE"),
    ("NATO said its aircraft had struck the targets.", "NATO", "IGONAT"),
    ("Afghan rebel leaders said they would meet U.N. mediator Diego Cordovez.", "Cordovez", "IGOUNO"),
    ("Afghan rebel leaders said they would meet U.N. mediator Diego Cordovez.", "leaders", "AFGREB"),
    ("Hamas fired rockets at southern Israel.", "Hamas", "PSEREBHMS"),
    ("The Taliban claimed responsibility for the attack.", "Taliban", "AFGREB"),
    ("Yang Moo Jin, a professor at the University of North Korean Studies in Seoul, said by "
     "telephone today.", "Jin", "KOREDU"),
]


@pytest.mark.parametrize(("text", "word", "expected"), COUNTRY_FORMS)
def test_country_names_and_abbreviations(code, text, word, expected):
    assert code_of(code(text), word) == expected


@pytest.mark.parametrize(("text", "word", "expected"), DEMONYMS)
def test_demonyms(code, text, word, expected):
    assert code_of(code(text), word) == expected


@pytest.mark.parametrize(("text", "word", "expected"), METONYMY)
def test_capital_and_seat_of_government_metonymy(code, text, word, expected):
    assert code_of(code(text), word) == expected


@pytest.mark.parametrize(("text", "word", "expected"), TITLES_AND_SECTORS)
def test_titles_and_agents_give_sectors(code, text, word, expected):
    assert code_of(code(text, published="2003-01-01"), word) == expected


@pytest.mark.parametrize(("text", "word", "expected"), ORGANISATIONS)
def test_organisations(code, text, word, expected):
    assert code_of(code(text), word) == expected


def test_contextual_north_and_south(code):
    art = code("North Korea proposed talks, less than a week after it scrapped a meeting with the "
               "South. The North is heeding Beijing's calls.")
    by_text = {m.text: m.code for m in art.mentions}
    assert by_text["the South"] == "KOR"
    assert by_text["The North"] == "PRK"


def test_the_north_needs_a_korean_context(code):
    art = code("Floods hit the North on Monday, the weather service said.")
    assert all(m.text != "the North" for m in art.mentions)


def test_two_koreas_stands_for_both(code):
    art = code("North Korea cut the hotline, and tension between the two Koreas rose.")
    codes = {m.code for m in art.mentions if m.text == "the two Koreas"}
    assert codes == {"PRK", "KOR"}


def test_person_through_title_before_name(code):
    art = code("North Korea's envoy Choe Ryong Hae told Chinese President Xi Jinping on May 24 "
               "his country wants to find ways to resolve its conflicts via talks.")
    assert code_of(art, "Jinping") == "CHNGOV"
    choe = actor_for_token(art, head(art, "Hae"))
    assert choe is not None and choe.name == "Choe Ryong Hae" and choe.code == "PRKGOV"


def test_person_through_apposition(code):
    art = code("\u201cDialogue is our preferred outcome,\u201d said Denis McDonough, the White House "
               "chief of staff, on CBS.")
    assert code_of(art, "McDonough") == "USAGOV"


def test_unknown_person_through_apposition_with_organisation(code):
    art = code("Glyn Davies, the top U.S. envoy on North Korea, will hold talks with his Japanese "
               "counterpart this week in Washington.")
    davies = actor_for_token(art, head(art, "Davies"))
    assert davies is not None and davies.code == "USAGOV" and davies.kind == "person"


def test_role_given_earlier_in_the_article(code):
    art = code("\u201cThere is no sincerity in the offer,\u201d Park Young Ho, senior research fellow "
               "at the state-run Korea Institute for National Unification in Seoul, said by telephone "
               "today.\n\nToday's proposal is part of North Korea's tactic, Park said.")
    park = actor_for_token(art, head(art, "Park", 1))
    assert park is not None and park.name == "Park Young Ho" and park.code == "KOREDU"


@pytest.mark.parametrize(("published", "expected"), [
    ("2013-06-16", "USAGOV"),   # in office
    ("2006-05-01", "USALEG"),   # senator then
    ("2019-03-01", "USAELI"),   # former president
])
def test_office_holder_role_valid_at_publication_date(code, published, expected):
    art = code("Obama said the sanctions would stay.", published=published)
    assert code_of(art, "Obama") == expected


def test_prime_minister_then_president_again(code):
    assert code_of(code("Putin said Russia would respond.", "2010-05-01"), "Putin") == "RUSGOV"
    art = code("Putin said Russia would respond.", "2010-05-01")
    assert "Prime Minister" in (actor_for_token(art, head(art, "Putin")).why or "")


def test_former_in_text_gives_elite(code):
    art = code("Former President Bill Clinton arrived in Pyongyang on Tuesday.", "2009-08-04")
    assert code_of(art, "Clinton") == "USAELI"


def test_pronouns_take_their_antecedent(code):
    art = code("Proposing talks with the U.S. may be North Korea's tactic, according to Yang Moo Jin, "
               "a professor at the University of North Korean Studies in Seoul.\n\n"
               "\u201cNorth Korea is saying it wants to settle the issues,\u201d he said.")
    he = actor_for_token(art, head(art, "he"))
    assert he is not None and he.name == "Yang Moo Jin" and he.code == "KOREDU"
    it = actor_for_token(art, head(art, "it"))
    assert it is not None and it.code == "PRK"


def test_possessive_pronoun_country(code):
    art = code("North Korea's envoy Choe Ryong Hae told Chinese President Xi Jinping on May 24 "
               "his country wants to find ways to resolve its conflicts via talks.")
    assert code_of(art, "country") == "PRK"
    assert code_of(art, "its") == "PRK"


def test_expletive_it_is_not_an_actor(code):
    art = code("North Korea confirmed its commitment on the condition that it is discussed as part "
               "of broader talks.")
    assert code_of(art, "it") is None


def test_definite_description_and_possessives(code):
    art = code("Any talks must have no preconditions, an unidentified spokesman of North Korea's "
               "National Defense Commission said. North Korea confirmed its commitment, the "
               "commission headed by North Korean leader Kim Jong Un said. China has taken a "
               "tougher stance against Kim's regime.")
    assert code_of(art, "spokesman") == "PRKGOV"
    assert code_of(art, "Commission") == "PRKGOV"
    assert code_of(art, "commission") == "PRKGOV"
    assert code_of(art, "regime") == "PRKGOV"
    assert code_of(art, "Un") == "PRKGOV"


def test_actor_for_token_does_not_absorb_conjuncts(code):
    art = code("Park and Xi will hold their first summit meeting in Beijing on June 27-30.")
    park = actor_for_token(art, head(art, "Park"))
    assert park is not None and park.code == "KORGOV" and "Xi" not in park.text
    assert code_of(art, "Xi") == "CHNGOV"


def test_actor_for_token_ignores_pps_and_clauses_of_non_actors(code):
    art = code("North Korea proposed its first talks with the U.S. in more than a year, a proposal "
               "that China welcomed.")
    assert code_of(art, "talks") is None
    assert code_of(art, "proposal") is None
    assert code_of(art, "U.S.") == "USA"


def test_mentions_are_in_text_order_with_offsets(code):
    art = code("The U.S. is unlikely to agree. China, North Korea's biggest benefactor, has taken "
               "a tougher stance against Kim's regime.")
    starts = [m.start for m in art.mentions]
    assert starts == sorted(starts)
    for m in art.mentions:
        assert art.text[m.start:m.end] == m.text
        assert m.why


def test_coreference_chains_share_an_entity(code):
    art = code("Kim Jong Un inspected the troops. Kim said his army was ready.")
    kims = [m for m in art.mentions if m.name == "Kim Jong Un"]
    assert len(kims) >= 3
    assert len({m.entity for m in kims}) == 1


def test_conjoined_country_modifiers_give_one_mention_each(code):
    art = code("Senior Hungarian and Romanian officials agreed on Wednesday that their countries "
               "should cooperate.")
    codes = {m.text: m.code for m in art.mentions}
    assert codes["Romanian"] == "ROUGOV"
    assert code_of(art, "officials") == "HUNGOV"


def test_places_and_places_as_targets(code):
    from eventcoder.actors import place_as_target

    art = code("Sudanese rebels shelled the southern regional capital Juba on Sunday.", "2013-06-16")
    juba = actor_for_token(art, head(art, "Juba"))
    assert juba is not None and juba.country == "SSD" and juba.sector is None
    assert place_as_target(juba).code == "SSDCVL"
    assert code_of(art, "rebels") == "SDNREB"


def test_party_names_need_their_country(code):
    assert code_of(code("Labour won the vote in Britain."), "Labour") == "GBRPTY"
    assert code_of(code("Labour unions in Brazil called a strike."), "Labour") is None


def test_lowercase_common_words_are_not_countries(code):
    art = code("They ate turkey and drank from china cups.")
    assert not [m for m in art.mentions if m.country in ("TUR", "CHN")]


@pytest.mark.parametrize(("text", "word", "expected"), [
    ("North Korea tested a missile on Sunday. The regime said the test was a success.", "regime",
     "PRKGOV"),
    ("Iran's foreign minister arrived in Geneva. The country wants the sanctions lifted.", "country",
     "IRN"),
    ("North Korea's envoy Choe Ryong Hae met Xi in Beijing. The envoy carried a letter.", "envoy",
     "PRKGOV"),
])
def test_definite_descriptions_refer_back(code, text, word, expected):
    art = code(text)
    toks = [t for t in art.doc if t.text == word]
    actor = actor_for_token(art, toks[-1])
    assert actor is not None and actor.code == expected


def test_title_of_an_office_already_left_is_former(code):
    art = code("German Chancellor Angela Merkel met French President Emmanuel Macron in Berlin.",
               published="2023-06-01")
    assert code_of(art, "Merkel") == "DEUELI"
    assert code_of(art, "Macron") == "FRAGOV"


def test_given_name_makes_a_person_despite_the_entity_label(code):
    art = code("Glyn Davies will hold talks with his Japanese and South Korean counterparts.")
    davies = actor_for_token(art, head(art, "Davies"))
    assert davies is not None and davies.kind == "person"
    his = actor_for_token(art, head(art, "his"))
    assert his is not None and his.name == "Glyn Davies"
    assert {m.code for m in art.mentions if m.kind == "person" and m.text != "his"} >= {"JPNGOV", "KORGOV"}
