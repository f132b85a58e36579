"""The quotes stage on real news sentences: every case of issue 5, and the seed article.

Each sentence goes through nlp → actors → quotes only (the stages the quotes
stage needs), so these tests do not depend on the events and times stages.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventcoder.model import Article
from eventcoder.pipeline import Pipeline
from eventcoder.read import article_from_object
from eventcoder.settings import Settings

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "nk-talks-2013-06-16.json"


@pytest.fixture(scope="module")
def quotes_pipeline():
    return Pipeline(Settings(stages=("nlp", "actors", "quotes")))


@pytest.fixture(scope="module")
def quotes_of(quotes_pipeline):
    def _run(text: str):
        return quotes_pipeline(Article(text=text)).quotes
    return _run


@pytest.fixture(scope="module")
def seed(quotes_pipeline):
    obj = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    return quotes_pipeline(article_from_object(obj, str(EXAMPLE)))


def _speaker(q) -> str:
    return f"{q.speaker.text} / {q.speaker.name}" if q.speaker else ""


# sentence, exact quote text, kind, speaker (in text or name), cue
CASES = [
    # direct, cue after, inverted "said X" with an apposition and a show title
    ("“Dialogue is our preferred outcome,” said Denis McDonough, the White House chief of staff, "
     "on today’s CBS’s “Face the Nation” program.",
     "Dialogue is our preferred outcome", "direct", "Denis McDonough", "said"),
    # direct, cue after, subject first, reporting verb other than said
    ("“We are watching very closely,” a senior U.S. defense official said on condition of anonymity.",
     "We are watching very closely", "direct", "a senior U.S. defense official", "said"),
    # cue inside: one quote over both parts, the cue inside its span
    ("“We will not,” Prime Minister Shinzo Abe said, “accept any deal that leaves the abductees behind.”",
     "We will not,” Prime Minister Shinzo Abe said, “accept any deal that leaves the abductees behind.",
     "direct", "Shinzo Abe", "said"),
    # cue before, colon-introduced
    ("Japanese Prime Minister Kenji Morita told parliament: “This is an outrageous act that threatens "
     "the peace and security of our region.”",
     "This is an outrageous act that threatens the peace and security of our region.", "direct",
     "Kenji Morita", "told"),
    # British single marks
    ("‘There is no alternative to diplomacy,’ the Foreign Secretary told MPs on Tuesday.",
     "There is no alternative to diplomacy", "direct", "Foreign Secretary", "told"),
    # a quote attributed with "according to"
    ("“The talks are over,” according to a senior official in Seoul.",
     "The talks are over", "direct", "official", "according to"),
    # indirect: said (that) ..., in a statement
    ("The Pentagon said in a statement that two soldiers were wounded.",
     "two soldiers were wounded", "indirect", "Pentagon", "said"),
    # indirect: the reporting clause after the content
    ("Any talks must have no preconditions, an unidentified spokesman of North Korea’s National Defense "
     "Commission said in a statement carried by the official Korean Central News Agency.",
     "Any talks must have no preconditions", "indirect", "spokesman", "said"),
    # indirect: X told Y ...
    ("North Korea’s envoy Choe Ryong Hae told Chinese President Xi Jinping on May 24 his country wants "
     "to find ways to resolve its conflicts via talks.",
     "his country wants to find ways to resolve its conflicts via talks", "indirect", "Choe Ryong Hae",
     "told"),
    # indirect: reporting verbs beyond "said"
    ("The ministry warned that any strike would be met with force.",
     "any strike would be met with force", "indirect", "ministry", "warned"),
    ("Merkel insisted the euro zone would survive the crisis.",
     "the euro zone would survive the crisis", "indirect", "Merkel", "insisted"),
    ("Raman noted that soybean prices had already risen 4 percent this week.",
     "soybean prices had already risen 4 percent this week", "indirect", "Raman", "noted"),
    ("The president urged Congress to pass the bill before the recess.",
     "Congress to pass the bill before the recess", "indirect", "president", "urged"),
    ("A spokesman for the Kremlin denied that Moscow had supplied the missiles.",
     "Moscow had supplied the missiles", "indirect", "A spokesman for the Kremlin", "denied"),
    ("Russia accused the United States of meddling in its elections.",
     "the United States of meddling in its elections", "indirect", "Russia", "accused"),
    ("Vidal’s campaign chief, Jorge Paredes, argued that more than 200,000 votes should be annulled.",
     "more than 200,000 votes should be annulled", "indirect", "Jorge Paredes", "argued"),
    ("Norway’s fisheries ministry announced that the quotas would take effect on 1 January.",
     "the quotas would take effect on 1 January", "indirect", "fisheries ministry", "announced"),
    ("U.S. officials have repeatedly stated that the sanctions will remain in place.",
     "the sanctions will remain in place", "indirect", "officials", "stated"),
    ("Pavel Sokolov claimed the resolution had been drafted in a hurry.",
     "the resolution had been drafted in a hurry", "indirect", "Pavel Sokolov", "claimed"),
    # indirect: "according to X" reports the clause it modifies
    ("The North has conducted more than a dozen launches this year, according to South Korea’s "
     "Joint Chiefs of Staff.",
     "The North has conducted more than a dozen launches this year", "indirect", "Joint Chiefs of Staff",
     "according to"),
    # mixed: an indirect clause holding a quoted fragment; a media outlet keeps the speaker
    ("In a statement, the official Xinhua News Agency said the North “is willing to accept advice from "
     "the Chinese side and carry out dialogue.”",
     "the North “is willing to accept advice from the Chinese side and carry out dialogue.", "mixed",
     "Xinhua", "said"),
    ("KCNA said the South was “a puppet of the U.S.” and would pay for its actions.",
     "the South was “a puppet of the U.S.” and would pay for its actions", "mixed", "KCNA", "said"),
    ("The leaders had “quite a bit of alignment” on stopping North Korea’s nuclear program, according "
     "to White House national security adviser Tom Donilon.",
     "The leaders had “quite a bit of alignment” on stopping North Korea’s nuclear program", "mixed",
     "Tom Donilon", "according to"),
    # a participle shares its speaker, and makes a quote of its own
    ("Peru’s main opposition party on Tuesday rejected the results, saying the vote had been marred by "
     "“systematic irregularities” in six regions.",
     "the vote had been marred by “systematic irregularities” in six regions", "mixed",
     "opposition party", "saying"),
    # what the parser hangs elsewhere: a that-clause on "a report", a day right after the cue,
    # a time phrase before the clause's subject, a reporter's own conjunct, a modal conjunct
    ("Analysts at the International Grains Council warned in a report that prices could rise sharply "
     "“if the corridor closes again.”",
     "prices could rise sharply “if the corridor closes again.", "mixed", "Analysts", "warned"),
    ("Col. Tawang Palden said Tuesday China’s increasing pressure on Bhutan may be a pretext.",
     "China’s increasing pressure on Bhutan may be a pretext", "indirect", "Tawang Palden", "said"),
    ("Trump said on Monday the election was rigged.",
     "the election was rigged", "indirect", "Trump", "said"),
    ("Dalton told reporters on Wednesday that the House would “work its will” but gave no timetable.",
     "the House would “work its will", "mixed", "Dalton", "told"),
    ("Spokesman Dmitry Orlov said Russia was still “studying the conditions” and would announce its "
     "position “in due course.”",
     "Russia was still “studying the conditions” and would announce its position “in due course.",
     "mixed", "Dmitry Orlov", "said"),
    ("The plan, which officials said could cost $1 billion, was approved on Tuesday.",
     "could cost $1 billion", "indirect", "officials", "said"),
    ("The European Union called on Israel to halt settlement construction.",
     "Israel to halt settlement construction", "indirect", "European Union", "called"),
    # a participle naming something in quotes; "according to" naming where a quote was reported
    ("U.S. President Joe Biden on Tuesday said the United States would send more air defense systems "
     "to Ukraine, calling Russia’s latest strikes “an act of pure cruelty.”",
     "an act of pure cruelty.", "direct", "Joe Biden", "calling"),
    ("“Nothing will change on the battlefield,” Kremlin spokesman Dmitry Peskov told a daily "
     "briefing, according to the RIA news agency.",
     "Nothing will change on the battlefield", "direct", "Dmitry Peskov", "told"),
    # two sentences the parser ran together: the cue reports only its own
    ("Ukrainian President Volodymyr Zelenskiy thanked Biden in a post on X. “Every Patriot saves "
     "lives,” he wrote.", "Every Patriot saves lives", "direct", "he", "wrote"),
    # a dateline before the subject; a statement that "read"
    ("BEIJING (AP) — China on Monday accused the Philippines of deliberately ramming a coast guard ship.",
     "the Philippines of deliberately ramming a coast guard ship", "indirect", "China", "accused"),
    ('The statement read: "China will continue to take necessary measures in accordance with the law."',
     "China will continue to take necessary measures in accordance with the law.", "direct",
     "The statement", "read"),
    # an outlet quoting someone "as saying": the one quoted speaks
    ("Iran's state-run IRNA news agency quoted Foreign Minister Hossein Amir-Abdollahian as saying "
     "Tehran was \"serious\" about reaching a deal.",
     'Tehran was "serious" about reaching a deal', "mixed", "Hossein Amir-Abdollahian", "saying"),
    # an organisation named in apposition to its description
    ("The largest farmers’ union, the FNSEA, said the measures announced so far were ‘crumbs’.",
     "the measures announced so far were ‘crumbs", "mixed", "FNSEA", "said"),
    # a wire dateline is not part of the reported clause
    ("KHARTOUM, Sudan (Reuters) - Sudan's army and the Rapid Support Forces agreed on Saturday to a "
     "week-long truce, Saudi Arabia and the United States said in a joint statement.",
     "Sudan's army and the Rapid Support Forces agreed on Saturday to a week-long truce", "indirect",
     "Saudi Arabia and the United States", "said"),
    # indirect questions and attributed beliefs
    ("He asked whether the deal was final.", "whether the deal was final", "indirect", "He", "asked"),
    ("Analysts believe the move is aimed at pressuring Seoul.",
     "the move is aimed at pressuring Seoul", "indirect", "Analysts", "believe"),
    # a quoted name given by a speaker
    ('Environmental groups said the text was weak. Greenpeace called it "a betrayal of the most '
     'vulnerable."', "a betrayal of the most vulnerable.", "direct", "Greenpeace", "called"),
]


@pytest.mark.parametrize("text, quote, kind, speaker, cue", CASES, ids=[c[4] + "-" + c[2] for c in CASES])
def test_quote_cases(quotes_of, text, quote, kind, speaker, cue):
    found = [q for q in quotes_of(text) if q.text == quote]
    assert found, [(q.kind, q.text) for q in quotes_of(text)]
    q = found[0]
    assert q.kind == kind
    assert speaker in _speaker(q)
    assert q.cue == cue


@pytest.mark.parametrize("text", [
    "The senator appeared on NBC’s “Meet the Press” on Sunday to discuss the budget.",
    "The report, titled “A Path to Peace,” was published on Monday.",
    "North Korea’s June 6 suggestion to hold “high-level” talks with South Korea came a day later.",
    "Iran has called for a “nuclear free” Middle East for decades.",
    "The so-called “phase two” deal has already been delayed twice.",
    "‘Strategic Tactic’\n\nThe talks collapsed in May.",
    "Dahl’s team screened the documentary “Last Harvest” for delegates on Friday.",
])
def test_not_quotes(quotes_of, text):
    assert quotes_of(text) == []


def test_standalone_quote_after_its_speakers_quote(quotes_of):
    qs = quotes_of('"We are ready to talk," said Wang Yi, China\'s foreign minister. '
                   '"But the other side must show good faith."')
    assert [q.text for q in qs] == ["We are ready to talk", "But the other side must show good faith."]
    assert all("Wang Yi" in _speaker(q) and q.kind == "direct" for q in qs)


def test_multi_paragraph_quote_is_one_quote(quotes_of):
    text = ('"We are very far apart," said Amara Okafor, Nigeria\'s environment minister. "The rich '
            'countries want us to stop using coal.\n\n"Our people need electricity. We will not sign '
            'a text that ignores that."\n\nThe talks resume on Sunday.')
    qs = quotes_of(text)
    assert len(qs) == 2
    assert qs[1].text == ('The rich countries want us to stop using coal.\n\n"Our people need '
                          'electricity. We will not sign a text that ignores that.')
    assert "Amara Okafor" in _speaker(qs[1])


def test_pronoun_speaker_takes_the_earlier_name(quotes_of):
    text = ("Proposing talks may be North Korea’s tactic, according to Yang Moo Jin, a professor in "
            "Seoul.\n\n“Strategically, North Korea wants to settle the issues with the U.S.,” he said.")
    q = [q for q in quotes_of(text) if q.text.startswith("Strategically")][0]
    assert q.speaker.text == "he" and q.speaker.name == "Yang Moo Jin"


def test_a_surname_continues_the_earlier_speaker(quotes_of):
    qs = quotes_of('"Each confrontation makes the next one more likely," said Collin Park, a maritime '
                   'security expert at the Lowy Institute in Sydney.\n\n"It is a dangerous pattern," Park '
                   'said.')
    assert [(q.speaker.text, q.speaker.name) for q in qs] == [("Collin Park", "Collin Park"),
                                                              ("Park", "Collin Park")]


def test_he_said_continues_the_last_person_quoted_not_a_name_in_the_quote(quotes_of):
    qs = quotes_of("Syria's foreign minister, Faisal Mekdad, told reporters the two sides would meet "
                   'again. "I told Mr. Nasrallah that the two countries will resume the meeting," he said.')
    assert (qs[-1].speaker.text, qs[-1].speaker.name) == ("he", "Faisal Mekdad")


def test_speech_within_a_quote_is_not_a_quote_of_its_own(quotes_of):
    qs = quotes_of("“Strategically, North Korea is saying it wants to settle the issues,” he said.")
    assert [q.text for q in qs] == ["Strategically, North Korea is saying it wants to settle the issues"]


def test_according_to_inside_a_reported_clause_is_cut_out(quotes_of):
    qs = quotes_of("Officials said the talks would resume next month, according to Reuters.")
    assert [(q.text, q.speaker.text) for q in qs] == [("the talks would resume next month", "Officials")]


def test_participle_after_a_reporting_verb_is_a_second_quote(quotes_of):
    qs = quotes_of("Merkel insisted the euro zone would survive, adding that Greece “must stick to its "
                   "commitments.”")
    assert [(q.text, q.cue, q.speaker.text) for q in qs] == [
        ("the euro zone would survive", "insisted", "Merkel"),
        ("Greece “must stick to its commitments.", "adding", "Merkel")]


def test_second_speaker_joined_by_while_is_a_quote_of_its_own(quotes_of):
    qs = quotes_of('French President Claire Dubois said she was "confident" a deal could be reached in '
                   'the coming weeks, while German Chancellor Markus Weber stressed that "time is running '
                   'out."')
    assert [(q.text, q.speaker.text) for q in qs] == [
        ('she was "confident" a deal could be reached in the coming weeks', "Claire Dubois"),
        ("time is running out.", "Markus Weber")]


def test_speaker_named_in_the_sentence_before_a_standalone_quote(quotes_of):
    qs = quotes_of("Traders said the market had priced it in.\n\nMarchenko, speaking on national "
                   "television, was blunt. “Without this corridor, people in Africa and Asia will go "
                   "hungry. It is that simple.”")
    assert qs[-1].text.startswith("Without this corridor") and qs[-1].speaker.text == "Marchenko"


@pytest.mark.parametrize("text", [
    "The official declined to say how many systems would be sent.",
    "He did not say whether Patriot batteries would be included.",
])
def test_what_was_not_said_is_not_a_quote(quotes_of, text):
    assert quotes_of(text) == []


def test_the_one_asked_is_not_the_asker(quotes_of):
    qs = quotes_of("Asked whether Moscow had approved the extension, Erdogan said: “We have no reason to "
                   "think otherwise.”")
    assert [(q.text, q.cue) for q in qs] == [("We have no reason to think otherwise.", "said")]


def test_colon_ending_the_paragraph_before_introduces_the_quote(quotes_of):
    qs = quotes_of("Aid groups said the pause was not enough. In a statement, the Norwegian Refugee "
                   "Council said:\n\n“Two more days will not rebuild a single home.”")
    assert (qs[-1].text, qs[-1].speaker.text) == ("Two more days will not rebuild a single home.",
                                                  "the Norwegian Refugee Council")


def test_it_said_continues_the_subject_of_the_sentence_before(quotes_of):
    qs = quotes_of("Israel and Hamas agreed to extend a ceasefire, Qatar’s foreign ministry said on Monday. "
                   "The Israeli prime minister’s office confirmed the extension in a brief statement. "
                   "It said Israel would “respond forcefully” to any violation.")
    assert qs[-1].speaker.text == "It"
    assert qs[-1].speaker.name == "The Israeli prime minister’s office"


def test_quote_offsets_slice_the_article_text(quotes_pipeline):
    text = "“We will not,” he said, “accept it.”\n\nKCNA said the South “must apologise.”"
    article = quotes_pipeline(Article(text=text))
    assert article.quotes
    for q in article.quotes:
        assert text[q.start:q.end] == q.text
        assert q.to_dict()["kind"] in ("direct", "indirect", "mixed")


def test_empty_article_has_no_quotes(quotes_pipeline):
    assert quotes_pipeline(Article(text="No one said anything.")).quotes == []


# --- the seed article (issues 2 and 5) ------------------------------------

@pytest.mark.parametrize("fragment, speaker, kind", [
    ("Dialogue is our preferred outcome", "Denis McDonough", "direct"),
    ("Those talks have to be real.", "Denis McDonough", "direct"),
    ("quite a bit of alignment", "Tom Donilon", "mixed"),
    ("There is no sincerity in North Korea", "Park Young Ho", "direct"),
    ("Ultimately, the offer is aimed to appease China", "Park Young Ho", "direct"),
    ("that it has been for peace and dialogue all along", "Park", "mixed"),
    ("This is a strategic tactic", "Park Young Ho", "direct"),
    ("our desire is to have credible negotiations", "Caitlin Hayden", "direct"),
    ("Strategically, North Korea is saying", "Yang Moo Jin", "mixed"),
    ("is willing to accept advice", "Xinhua", "mixed"),
    ("Any talks must have no preconditions", "spokesman of North Korea’s National Defense Commission",
     "indirect"),
    ("his country wants to find ways", "Choe Ryong Hae", "indirect"),
    ("North Korea confirmed its denuclearization commitment", "the commission", "mixed"),
    ("Proposing talks with the U.S. may be North Korea’s tactic", "Yang Moo Jin", "indirect"),
    ("North Korea must live up to past commitments", "U.S.", "indirect"),
])
def test_seed_quotes(seed, fragment, speaker, kind):
    qs = [q for q in seed.quotes if fragment in q.text]
    assert len(qs) == 1, [q.text[:40] for q in seed.quotes]
    assert speaker in _speaker(qs[0])
    assert qs[0].kind == kind


def test_seed_at_least_nine_direct_or_partial_quotes(seed):
    assert sum(q.kind in ("direct", "mixed") for q in seed.quotes) >= 9


@pytest.mark.parametrize("not_a_quote", ["Face the Nation", "high-level", "Strategic Tactic",
                                         "nuclear free world"])
def test_seed_titles_and_terms_are_not_quotes(seed, not_a_quote):
    assert not [q for q in seed.quotes if q.text.strip(" ,.") == not_a_quote]


def test_seed_every_quote_has_speaker_and_cue(seed):
    for q in seed.quotes:
        assert q.speaker is not None and q.speaker.text and q.cue, q
        assert seed.text[q.start:q.end] == q.text
