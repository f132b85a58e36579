"""Reporting cues found in the parse: the cue word, its speaker and its content.

A `Cue` is a reporting verb ("said", "told", "warned") or phrase ("according
to") together with the head token of its speaker and the tokens of what it
reports. The content comes from the dependency parse, by frame (see
`data/quotes/cues.yaml`):

* clause: the verb's clausal complement ("X said (that) CONTENT"), or, when
  the reporting clause follows the content and the parser made it a
  parenthetical ("CONTENT, X said" as parataxis), the clause it hangs from;
* object_to / object_of: the object with its infinitive or "of" phrase;
* a phrase cue ("according to X") reports the clause it modifies.

Whether that content is a direct, indirect or mixed quote is decided later,
against the quotation marks (`eventcoder.quotes.assemble`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from eventcoder.quotes.lexicon import Lexicon

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

_SUBJECTS = ("nsubj",)
_RELATIVE = {"who", "which", "that"}
_VERBAL = {"VERB", "AUX"}
_EDGE_WORDS = {"that"}  # a complementiser opening the content is not part of it


def _edge(tok: Token) -> bool:
    """Punctuation, space or a dangling conjunction left at the edge of a content span."""
    return tok.is_punct or tok.is_space or tok.dep_ == "cc"


def _complementiser(tok: Token) -> bool:
    """A "that" opening the reported clause ("said that ...")."""
    return tok.lower_ in _EDGE_WORDS and (tok.dep_ == "mark" or tok.pos_ == "SCONJ")


@dataclass
class Cue:
    """A reporting cue with its speaker's head token and its content tokens."""

    token: Token  # the cue verb, or the first word of a cue phrase
    text: str  # the cue as written ("said", "pointed out", "according to")
    start: int
    end: int
    speaker: Token | None
    content: list[Token] = field(default_factory=list)
    quoted_only: bool = False  # a naming cue ("called it “...”") reports only quoted words

    @property
    def end_token(self) -> int:
        """Index of the cue's last token (the particle of "pointed out")."""
        return max([self.token.i, *(c.i for c in self.token.children if c.dep_ == "prt")])

    @property
    def is_phrase(self) -> bool:
        """Whether this is a phrase cue ("according to") rather than a verb."""
        return " " in self.text and self.token.pos_ != "VERB" or self.token.lower_ == "according"

    def cites_source(self, outer: Cue) -> bool:
        """Whether this cue closes `outer`'s content as the source of the report.

        "Baghaei said Tehran “will not negotiate under pressure,” state media
        reported.": the reporting clause after the content, with its own
        subject, names where the whole report comes from; it is cut from
        the outer quote, like a closing "according to".
        """
        subj = self.speaker
        if subj is None or not outer.token.i < subj.i < self.token.i or not self.content:
            return False
        before = subj.left_edge.i - 1
        ends = self.token.right_edge.i + 1 >= len(self.token.doc) or self.token.doc[
            self.token.right_edge.i + 1].is_punct
        return (max(t.i for t in self.content) < subj.left_edge.i and ends
                and self.token.doc[before].is_punct)

    def separate_from(self, outer: Cue) -> bool:
        """Whether this cue, lying inside `outer`'s content, makes a quote of its own.

        A participle after a comma ("X insisted ..., adding that ..."), a
        reporting verb joined without subject or modal to the reported clause
        ("said the launch was ... and accused ..."), or a clause with its own
        speaker joined by "while"/"and" ("..., while Weber stressed that ...")
        is a second statement. A reporting verb in the complement ("said
        officials told him ...", "would announce its position") is part of
        what the outer speaker reports.
        """
        tok = self.token
        if tok.dep_ not in ("advcl", "conj"):
            return False
        if any(c.dep_ in _SUBJECTS for c in tok.children):
            return True
        after_comma = tok.i > 0 and tok.doc[tok.i - 1].text == ","
        if tok.tag_ == "VBG" and after_comma:
            return True
        has_aux = any(c.dep_ in ("aux", "auxpass") for c in tok.children)
        return (tok.dep_ == "conj" and not has_aux and tok.tag_ == outer.token.tag_
                and self.content_span() is not None)

    def cut(self, first: int, last: int) -> None:
        """Remove tokens first..last (inclusive) from the content."""
        self.content = [t for t in self.content if not first <= t.i <= last]

    def content_span(self) -> tuple[int, int] | None:
        """Character span of the content, trimmed of edge punctuation and "that"."""
        toks = sorted(self.content, key=lambda t: t.i)
        while toks and (_edge(toks[0]) or _complementiser(toks[0]) or (
                len(toks) > 1 and toks[0].pos_ == "ADV" and _complementiser(toks[1]))):
            toks.pop(0)  # "said only that ...": the adverb is about the saying
        last = self.end_token
        while toks and toks[0].i == last + 1 and toks[0].ent_type_ == "DATE":
            last = toks.pop(0).i  # "said Tuesday the ...": the day it was said
        if len(toks) > 1 and toks[0].tag_ in ("WDT", "WP") and toks[1].i != toks[0].i + 1:
            toks.pop(0)  # "which officials said could cost ...": the relative pronoun stays out
        while toks and _edge(toks[-1]):
            toks.pop()
        if not toks:
            return None
        return toks[0].idx, toks[-1].idx + len(toks[-1])


def speaker_head(verb: Token) -> Token | None:
    """The head token of whoever speaks through `verb`.

    The verb's own subject first ("Park said", "said Denis McDonough" — the
    parser labels the inverted one nsubj too); a relative pronoun stands for
    the noun it modifies ("Park, who said ..."); a verb without a subject
    borrows the one of the verb or noun it depends on ("met Xi and said",
    "issued a statement saying"; a participle takes the sentence's subject). A
    reporting verb the parser joined to the reported clause ("said the launch
    was a test and accused ...") takes the subject of the verb that reported it.
    An infinitive ("declined to say how many") reports nothing, the one
    asked ("Asked whether ..., he said") is not the asker, and the one quoted
    ("IRNA quoted X as saying") is the speaker.
    """
    if verb.dep_ == "pcomp" and verb.head.lower_ == "as":  # "quoted X as saying": X speaks
        # (also "X was quoted by Interfax as saying", X the passive subject)
        quoted = next((c for c in verb.head.head.children if c.dep_ in ("dobj", "obj", "nsubjpass")),
                      None)
        if quoted is not None:
            return quoted
    if verb.dep_ == "acl" and verb.tag_ in ("VBD", "VBZ") and verb.head.i < verb.i and not any(
            c.dep_ in _SUBJECTS for c in verb.children):
        return verb.head  # "The chancellor, Helen Marsh, conceded ...", parsed as a clause on the noun
    if verb.tag_ == "VBN" and verb.dep_ in ("advcl", "acl") and not any(
            c.dep_ in _SUBJECTS for c in verb.children):
        return None  # "Asked whether ..., he said": he is the one asked, not the asker
    if verb.tag_ == "VBG" and verb.dep_ in ("advcl", "acl", "conj"):
        root = verb.sent.root  # "X insisted ..., adding that ...": X, however deep "adding" sits
        # the subject nearest the root: "BEIJING (AP) — China on Tuesday warned ..., saying"
        subj = min((c for c in root.children if c.dep_ in _SUBJECTS),
                   key=lambda c: abs(c.i - root.i), default=None)
        if root.i != verb.i and subj is not None:
            return subj
    tok: Token | None = verb
    for _ in range(3):
        if tok is None:
            return None
        subjects = [c for c in tok.children if c.dep_ in _SUBJECTS]
        # the subject nearest the verb: "BEIJING (AP) — China on Monday accused"
        subj = min(subjects, key=lambda c: abs(c.i - tok.i)) if subjects else None
        if subj is not None:
            if subj.lower_ in _RELATIVE and tok.dep_ == "relcl":
                return tok.head
            return subj
        if tok.dep_ in ("conj", "advcl", "acl") and tok.head.i != tok.i:
            if tok.dep_ == "conj" and tok.head.dep_ == "ccomp":
                tok = tok.head  # "said X was ... and accused": joined to the reported clause
            tok = tok.head
            if tok.pos_ not in _VERBAL and tok.head.i != tok.i:
                tok = tok.head  # "a statement saying ...": the verb that issued it
        else:
            return _name_before(verb) if tok.i == verb.i else None
    return None


def _name_before(verb: Token) -> Token | None:
    """A name right before a subjectless verb, which the parser failed to attach.

    "Under Secretary of Defense for Policy Thomas Reardon insisted": the
    title was read as a prepositional phrase, leaving the verb with no subject.
    """
    if verb.i == 0 or any(c.dep_ in _SUBJECTS for c in verb.children):
        return None
    prev = verb.doc[verb.i - 1]
    if prev.pos_ == "PROPN" and prev.ent_type_ in ("PERSON", "ORG", "NORP") and prev.head.i != verb.i:
        return prev
    return None


_MODALS = {"would", "could", "might", "should", "will", "can", "may", "must"}


def _modal_conjuncts(verb: Token, comp: Token) -> list[Token]:
    """A subjectless modal clause the parser joined to the reporting verb.

    "said Russia was still studying it and would announce its position": the
    second clause continues what was said, though the parse joins it to "said".
    """
    return [c for c in verb.children if c.dep_ == "conj" and c.i > comp.i
            and not any(g.dep_ in _SUBJECTS for g in c.children)
            and any(g.dep_ == "aux" and g.lower_ in _MODALS for g in c.children)]


def _gapped_conjuncts(verb: Token, comp: Token) -> list[Token]:
    """A clause without its verb that the parser joined to the reporting verb.

    "said two soldiers were killed and five wounded": "five (were) wounded"
    continues what was said; a noun or number cannot be a second reporting act.
    """
    return [c for c in verb.children if c.dep_ == "conj" and c.i > comp.i
            and c.pos_ in ("NUM", "NOUN", "PROPN")]


def _reporter_conjuncts(verb: Token, comp: Token, lex: Lexicon) -> list[Token]:
    """Tokens of a verb the parser joined to the reported clause that the reporter did.

    "told reporters that the House would “work its will” but gave no
    timetable": "gave" has no subject or modal of its own and takes the
    reporting verb's tense while the clause is modal, so the reporter gave no
    timetable; it is not part of the content. A conjunct holding quoted words
    ("would “continue to do our duty” but needed “a clear answer”") is still
    speech; a reporting verb in the reporter's tense ("argued that ... and
    pledged to ...") is the reporter's next statement, a cue of its own.
    """
    out: list[Token] = []
    for conj in (c for c in comp.children if c.dep_ == "conj" and c.pos_ == "VERB"):
        own = any(g.dep_ in (*_SUBJECTS, "aux", "auxpass") for g in conj.children)
        modal = any(g.dep_ == "aux" and g.lower_ in _MODALS for g in comp.children)
        quoted = any(t.is_quote for t in conj.subtree)  # “... but needed “a clear answer””: speech
        cue = lex.is_cue_verb(conj.lemma_)  # "argued that ... and pledged to ...": a second statement
        if not own and conj.tag_ == verb.tag_ and ((modal and not quoted) or cue):
            out += list(conj.subtree)
            out += [c for c in comp.children if c.dep_ == "cc" and comp.i < c.i < conj.i]
    return out


def _reporter_adjuncts(verb: Token, comp: Token) -> list[Token]:
    """Phrases between the cue and the clause's subject that the parser gave the clause.

    "Trump said on Monday the election was rigged": with no "that" to open
    the clause, "on Monday" tells when he said it, not when it was rigged.
    """
    subj = next((c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    if subj is None or subj.i < verb.i or any(c.dep_ == "mark" for c in comp.children):
        return []
    return [t for c in comp.children if c.dep_ in ("prep", "npadvmod") and verb.i < c.i < subj.i
            for t in c.subtree]


def _commentary(verb: Token, comp: Token, lex: Lexicon) -> list[Token]:
    """A reporter's participle closing the reported clause ("..., setting up a fight").

    "Ellison said Republicans would not agree ..., setting up a fight that
    could trigger a shutdown": the participle after the comma is the
    reporter's comment on what was said, not part of it. Only participles
    listed as commentary in the data count, and only after a cue that opens
    the sentence's report (a clause before its cue is reported whole).
    """
    if comp.i < verb.i:
        return []
    out: list[Token] = []
    for adv in (c for c in comp.children if c.dep_ in ("advcl", "conj") and c.tag_ == "VBG"):
        comma = adv.left_edge.i > 0 and adv.doc[adv.left_edge.i - 1].text == ","
        if comma and adv.lemma_.lower() in lex.commentary and adv.i > comp.i:
            out += list(adv.subtree)
    return out


def _misattached_that(verb: Token) -> list[Token]:
    """A that-clause the parser hung on the verb's prepositional object.

    "warned in a report that prices could rise": the small model often reads
    the clause as the content of "a report" (acl, or a relative clause), though
    it is what was warned; the noun may sit a few prepositions down.
    """
    out: list[Token] = []
    if verb.dep_ == "acl":  # "The minister, X, acknowledged ... that": the clause hung on "minister"
        out += [a for a in verb.head.children if a.dep_ in ("acl", "relcl") and a.i > verb.i
                and any(m.dep_ == "mark" and m.lower_ == "that" for m in a.children)]
    preps = [c for c in verb.children if c.dep_ == "prep"]
    for _ in range(3):  # "conceded in an interview with the BBC's Today programme that ..."
        pobjs = [c for p in preps for c in p.children if c.dep_ == "pobj"]
        out += [a for pobj in pobjs for a in pobj.children if a.dep_ in ("acl", "relcl")
                and a.i > pobj.i and any(m.dep_ == "mark" and m.lower_ == "that" for m in a.children)]
        preps = [c for pobj in pobjs for c in pobj.children if c.dep_ == "prep"]
    return out


def _subtree_minus(head: Token, *cut: Token) -> list[Token]:
    removed = {t.i for c in cut for t in c.subtree}
    return [t for t in head.subtree if t.i not in removed]


def _past_aside(verb: Token, lex: Lexicon) -> list[Token]:
    """A that-clause the parser hung on an aside between the cue and the clause.

    "Channel 12 reported, citing unnamed officials, that the delegation would
    return": the clause after the aside's closing comma is what was reported.
    """
    out: list[Token] = []
    for adv in (c for c in verb.children if c.dep_ == "advcl" and c.i > verb.i and c.tag_ == "VBG"):
        if "clause" in lex.frames(adv.lemma_):
            continue  # "said ..., adding that ...": a statement of its own
        for comp in (c for c in adv.children if c.dep_ == "ccomp"):
            first = comp.left_edge
            if first.lower_ == "that" and first.i > 0 and verb.doc[first.i - 1].text == ",":
                out.append(comp)
    return out


def _clause_content(verb: Token, lex: Lexicon) -> list[Token]:
    """Content of a verb in the clause frame (see the module docstring)."""
    comps = ([c for c in verb.children if c.dep_ == "ccomp"] or _misattached_that(verb)
             or _past_aside(verb, lex))
    if any(c.i > verb.i for c in comps):
        # "Trump said he would impose tariffs, a move economists warned could raise
        # prices": a verb reports the clause after it; one before is another's
        comps = [c for c in comps if c.i > verb.i]
    if comps:
        comps += _modal_conjuncts(verb, comps[0]) + _gapped_conjuncts(verb, comps[0])
        cut = {t.i for c in comps for t in (*_reporter_conjuncts(verb, c, lex),
                                            *_reporter_adjuncts(verb, c), *_commentary(verb, c, lex))}
        return [t for c in comps for t in c.subtree if t.i not in cut]
    head = verb.head
    if head.i == verb.i or head.pos_ not in _VERBAL or head.i > verb.i:
        return []
    before = verb.doc[verb.left_edge.i - 1] if verb.left_edge.i > 0 else None
    parenthetical = verb.dep_ == "parataxis" or (
        verb.dep_ in ("ccomp", "advcl") and before is not None and before.is_punct)
    return _subtree_minus(head, verb) if parenthetical else []


def _object_content(verb: Token, frame: str) -> list[Token]:
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "obj")), None)
    if obj is None and frame == "object_to":  # "called on Israel to halt ..."
        on = next((c for c in verb.children if c.dep_ in ("prep", "prt") and c.lower_ == "on"), None)
        obj = next((c for c in on.children if c.dep_ == "pobj"), None) if on is not None else None
    if obj is None:
        return []
    if frame == "object_to":
        rest = [c for c in verb.children if c.dep_ == "xcomp" and c.i > obj.i]
    else:
        rest = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("of", "for")]
    if not rest:
        return []
    return [t for c in (obj, *rest) for t in c.subtree]


def _intent_content(verb: Token) -> list[Token]:
    """What a speaker commits to: "vowed to hold up funding" → "to hold up funding"."""
    for child in verb.children:
        if child.dep_ == "xcomp" and child.i > verb.i and any(
                g.dep_ == "aux" and g.lower_ == "to" for g in child.children):
            return list(child.subtree)
    return []


def _naming_content(verb: Token) -> list[Token]:
    """The name a speaker gives something: "called it “...”", "described it as “...”"."""
    for child in verb.children:
        if child.dep_ == "oprd":
            return list(child.subtree)
        if child.dep_ in ("dobj", "obj"):  # "calling the strikes “an act of cruelty”" (read as apposition)
            # or "called the tariffs “unjustified”" (read as an adjective after its noun)
            appos = [g for g in child.children if g.dep_ == "appos" or (g.dep_ == "amod" and g.i > child.i)]
            if appos:
                return list(appos[0].subtree)
        if child.dep_ == "prep" and child.lower_ == "as":
            return [t for t in child.subtree if t.i != child.i]
    return []


def _unanswered(verb: Token, content: list[Token]) -> bool:
    """A negated cue with a question for content ("did not say how many") reports nothing."""
    if not content or not any(c.dep_ == "neg" for c in verb.children):
        return False
    first = min(content, key=lambda t: t.i)
    return first.tag_ in ("WDT", "WP", "WRB") or first.lower_ in ("whether", "if")


def _verb_cue(tok: Token, lex: Lexicon) -> Cue | None:
    if tok.pos_ != "VERB" or not lex.is_cue_verb(tok.lemma_):
        return None
    frames = lex.frames(tok.lemma_)
    content: list[Token] = []
    if "clause" in frames:
        content = _clause_content(tok, lex)
    for frame in ("object_to", "object_of"):
        if not content and frame in frames:
            content = _object_content(tok, frame)
    if not content and "intent" in frames:
        content = _intent_content(tok)
    quoted_only = False
    if not content and "naming" in frames:
        content, quoted_only = _naming_content(tok), True
    if _unanswered(tok, content):
        content = []
    words = [tok, *(c for c in tok.children if c.dep_ == "prt")]
    words.sort(key=lambda t: t.i)
    start, end = words[0].idx, words[-1].idx + len(words[-1])
    text = " ".join(w.text for w in words)
    return Cue(tok, text, start, end, speaker_head(tok), content, quoted_only)


def _clause_of(tok: Token, lex: Lexicon) -> tuple[Token, list[Token]]:
    """The clause a phrase cue modifies, and reporting verbs to leave out of it."""
    clause, cut = tok.head, []
    while clause.pos_ not in _VERBAL and clause.head.i != clause.i:
        clause = clause.head
    if lex.is_cue_verb(clause.lemma_) and clause.dep_ in ("conj", "parataxis"):
        cut.append(clause)  # "..., according to X, said by telephone": the clause above
        clause = clause.head
    return clause, cut


def _closing_clause(tok: Token, speaker: Token) -> list[Token]:
    """The sentence a closing ", according to X." reports, read from the text.

    Wire copy ends a sentence with ", according to X." to source all of it;
    when the parser breaks such a sentence up ("..., with Israel and Hamas
    each blaming the other, according to ..."), the words from the
    sentence's start (the last full stop, or the paragraph's start) to the
    comma are still the content.
    """
    doc = tok.doc
    end = speaker.right_edge.i + 1
    if tok.i == 0 or doc[tok.i - 1].text != "," or end >= len(doc) or doc[end].text not in ".!?":
        return []
    first = tok.i - 1
    while first > 0 and doc[first - 1].text not in (".", "?", "!") and "\n" not in doc[first - 1].text:
        first -= 1
    return list(doc[first:tok.i - 1])


def _first_word(toks: list[Token]) -> int:
    """Index of the first token that is not punctuation."""
    return next((t.i for t in toks if not t.is_punct), toks[-1].i)


def _phrase_cue(tok: Token, lex: Lexicon) -> Cue | None:
    doc = tok.doc
    for phrase in lex.phrases:
        words = doc[tok.i:tok.i + len(phrase)]
        if len(words) != len(phrase) or tuple(w.lower_ for w in words) != phrase:
            continue
        last = words[-1]
        speaker = next((c for c in last.children if c.dep_ == "pobj"), None)
        if speaker is None or tok.head.i == tok.i:
            return None
        clause, cut = _clause_of(tok, lex)
        closing = _closing_clause(tok, speaker)
        inner = _verb_cue(clause, lex) if clause.i != tok.i else None
        if inner is not None and inner.speaker is not None and inner.content_span() is not None and not (
                closing and _first_word(closing) < min(inner.speaker.left_edge.i,
                                                       *(t.i for t in inner.content))):
            return None  # "X told a briefing, according to RIA": RIA is where X's words come from
        content = _subtree_minus(clause, tok, *cut) if clause.i != tok.i else []
        content = [t for t in content if not (t.i >= tok.i and t.i <= last.i)]
        if closing and closing[0].i < min((t.i for t in content), default=tok.i):
            content = closing  # the parse broke the sentence up: the words before the comma
        return Cue(tok, words.text, words.start_char, words.end_char, speaker, content)
    return None


def find_cues(doc: Doc, lex: Lexicon) -> list[Cue]:
    """Every reporting cue in the parse, in text order."""
    starts = {p[0] for p in lex.phrases}
    cues = []
    for tok in doc:
        cue = _phrase_cue(tok, lex) if tok.lower_ in starts else _verb_cue(tok, lex)
        if cue is not None:
            cues.append(cue)
    return cues
