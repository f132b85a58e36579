"""Put quotation marks and reporting cues together into attributed quotes.

The order of the rules, and why:

1. Titles and headlines among the quoted strings are set aside first, so a
   show's name never turns a reported clause into a mixed quote; a headline
   or standfirst paragraph (short, not ending like a sentence) makes no quote.
2. Each reporting cue with content from the parse (`cues.py`) becomes a quote:
   *direct* when every word of its content lies inside quotation marks,
   *mixed* when the content holds a quoted fragment and words outside marks,
   *indirect* when it holds none. A cue inside a quote or inside another
   cue's content is speech within speech, and is left to its outer quote.
3. A quoted string that no cue claimed looks for a cue next to it in its
   sentence: after the closing mark (“...,” said X; “...,” X added) or before
   the opening one (X said: “...”). When that cue already introduced the
   first part of the same sentence (“We will not,” he said, “accept it.”),
   the two parts become one quote, spanning both (the cue lies inside).
4. A quoted sentence still unclaimed that starts a sentence is spoken by the
   person its paragraph opens with ("Marchenko was blunt. “...”"), else it is
   the next part of the previous quote's speech, when that quote is in the
   same paragraph or one just before (a quote standing alone after its
   speaker's quote).
5. What is left is a scare quote or a term (“high-level”) and is dropped.

Spans: a direct quote is the text inside its marks, without a trailing comma
that belongs to the attribution (“Dialogue is our preferred outcome,” →
"Dialogue is our preferred outcome"); a multi-paragraph quote runs from its
first opening mark to its last closing mark. An indirect quote is the reported
clause without the cue, the speaker, a leading "that" and edge punctuation;
a mixed one is that clause, ending inside the closing mark when the clause
ends in a quoted fragment.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from eventcoder.model import Actor, Article, Quote
from eventcoder.quotes import filters
from eventcoder.quotes.cues import Cue, find_cues
from eventcoder.quotes.lexicon import Lexicon
from eventcoder.quotes.marks import Marked, find_marked, paragraphs
from eventcoder.quotes.speakers import build_speaker

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

_NEAR_TOKENS = 40  # how far from its quote a cue may sit in the same sentence
_FOLLOW_PARAGRAPHS = 2  # how many paragraphs back a standalone quote looks for its speaker


@dataclass
class Draft:
    """A quote before its speaker is resolved."""

    start: int
    end: int
    kind: str
    cue: Cue | None
    why: str
    marks: list[Marked] = field(default_factory=list)
    follows: Draft | None = None
    speaker: Actor | None = None
    speaker_tok: Token | None = None  # a speaker named without a cue ("X was blunt. “...”")


class Assembler:
    """One article's quotes, built by the rules in the module docstring."""

    def __init__(self, article: Article, lex: Lexicon) -> None:
        self.article, self.lex = article, lex
        self.text = article.text
        self.doc: Doc = article.doc
        self.paras = paragraphs(self.text)
        self.token_starts = [t.idx for t in self.doc]
        self.para_starts = [a for a, _ in self.paras]
        self.drafts: list[Draft] = []
        self.claimed: set[int] = set()  # open_mark offsets of marks in a quote
        self.headlines = {i for i, para in enumerate(self.paras)  # a lone sentence is no headline
                          if len(self.paras) > 1 and filters.is_headline_paragraph(self.text, para, lex)}

    # --- helpers ------------------------------------------------------------
    def para_of(self, char: int) -> int:
        """Index of the paragraph holding `char`."""
        return max(0, bisect.bisect_right(self.para_starts, char) - 1)

    def tokens_between(self, start: int, end: int) -> list[Token]:
        """The tokens starting in [start, end)."""
        a = bisect.bisect_left(self.token_starts, start)
        b = bisect.bisect_left(self.token_starts, end)
        return list(self.doc[a:b])

    def after_dateline(self, start: int) -> int:
        """Skip a wire dateline ("BEIJING (AP) — ") opening the paragraph at `start`."""
        para_start = self.paras[self.para_of(start)][0]
        if para_start != start:
            return start
        m = self.lex.dateline.match(self.text, start)
        return m.end() if m else start

    def trim(self, start: int, end: int) -> tuple[int, int]:
        """Strip spaces and an attribution comma from the ends of a span."""
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1] in " \t\n,":
            end -= 1
        return start, end

    # --- rule 1 ---------------------------------------------------------------
    def real_marks(self) -> list[Marked]:
        """Quoted strings that are not titles or headlines."""
        out = []
        for m in find_marked(self.text, self.lex):
            para = self.paras[m.paragraph]
            if filters.is_title(self.text, m, self.lex) or filters.is_headline(
                    self.text, m, self.lex, para) or m.paragraph in self.headlines:
                continue
            out.append(m)
        return out

    # --- rule 2 ---------------------------------------------------------------
    def outer_cues(self, cues: list[Cue], marks: list[Marked]) -> list[Cue]:
        """Cues with a speaker that are not speech within other speech.

        A cue inside another cue's content is speech within speech and is
        left out, unless it is a separate statement (`Cue.separate_from`),
        which is cut out of the first quote and kept. An "according to"
        inside a reported clause, or a closing "..., state media reported",
        names where the report came from, and is cut out of the clause.
        """
        live = [c for c in cues if c.speaker is not None
                and self.para_of(c.token.idx) not in self.headlines
                and not any(m.open_mark < c.token.idx < m.outer_end for m in marks)]
        dropped: set[int] = set()
        for outer in live:
            span = outer.content_span()
            if span is None or id(outer) in dropped or outer.quoted_only:
                continue  # a naming cue reports only its quoted words: a cue beyond them is separate
            for inner in live:
                if inner is outer or not span[0] <= inner.token.idx < span[1]:
                    continue
                if inner.is_phrase:
                    outer.cut(inner.token.i, inner.speaker.right_edge.i)  # type: ignore[union-attr]
                    dropped.add(id(inner))
                elif inner.cites_source(outer):
                    outer.cut(inner.speaker.left_edge.i, inner.token.right_edge.i)  # type: ignore[union-attr]
                    dropped.add(id(inner))
                elif inner.separate_from(outer):
                    outer.cut(inner.token.left_edge.i, inner.token.right_edge.i)
                else:
                    dropped.add(id(inner))
        return [c for c in live if id(c) not in dropped]

    def one_sentence(self, cue: Cue, cs: int, ce: int, marks: list[Marked]) -> tuple[int, int]:
        """Clip a content span to the sentence next to its cue.

        The parser sometimes runs two sentences together ("Zelenskiy thanked
        Biden. “Every Patriot saves lives,” he wrote."); a full stop outside
        quotation marks ends what the cue can report.
        """
        opens = {m.open_mark for m in marks}
        stops = []
        for t in self.tokens_between(cs, ce):
            if any(m.open_mark < t.idx < m.outer_end for m in marks):
                continue
            after = t.idx + len(t.text)
            nxt = after + len(self.text[after:after + 5]) - len(self.text[after:after + 5].lstrip())
            # "thanked Biden on X. “Every ...": an abbreviation's stop before a new quote
            if t.text in (".", "?", "!") or (t.text.endswith(".") and nxt in opens):
                stops.append(after - 1)
        if not stops:
            return cs, ce
        if cue.start >= ce:
            cs = stops[-1] + 1
            while cs < ce and (self.text[cs].isspace()):
                cs += 1
            return cs, ce
        return cs, stops[0] if stops[0] > cs else ce

    def from_cue(self, cue: Cue, marks: list[Marked]) -> Draft | None:
        """The direct, mixed or indirect quote a cue's parsed content makes."""
        span = cue.content_span()
        if span is None:
            return None
        cs, ce = self.one_sentence(cue, *span, marks)
        hits = [m for m in marks if m.open_mark < ce and cs < m.outer_end
                and m.open_mark not in self.claimed]
        if cue.quoted_only:
            hits = hits[:1]  # "dismissed as “absurd” reports that ...": the name it gives
        if not hits:
            if cue.quoted_only or len(filters.words(self.text[cs:ce])) < 2:
                return None
            return Draft(*self.trim(self.after_dateline(cs), ce), "indirect", cue,
                         "quotes: reported clause of the cue")
        for m in hits:
            self.claimed.add(m.open_mark)
        unquoted = [t for t in cue.content if cs <= t.idx < ce and (t.is_alpha or t.like_num)
                    and not any(m.open_mark < t.idx < m.outer_end for m in hits)]
        if not unquoted or cue.quoted_only:
            start, end = self.trim(hits[0].start, hits[-1].end)
            return Draft(start, end, "direct", cue, "quotes: quoted content of the cue", hits)
        end = self.before_apposition(cue, hits[-1], ce)
        for m in hits:
            if m.start < end <= m.end:
                end = m.end
        start = min(cs, hits[0].start) if cs >= hits[0].open_mark else self.after_dateline(cs)
        start, end = self.trim(start, end)
        return Draft(start, end, "mixed", cue, "quotes: reported clause with a quoted fragment", hits)

    def before_apposition(self, cue: Cue, last: Marked, ce: int) -> int:
        """End a mixed clause at its last fragment when a comment on the words follows.

        "told the conference that there would be ‘no U-turn’, a line she
        repeated in the Commons": the apposition after the closing mark
        describes the quoted words; it is the reporter's, not the speaker's.
        So a noun phrase that is all that follows the fragment's comma is cut.
        """
        if last.close_mark is None or last.outer_end >= ce:
            return ce
        after = sorted((t for t in cue.content if last.outer_end <= t.idx < ce), key=lambda t: t.i)
        if len(after) < 3 or after[0].text != "," or after[1].pos_ != "DET":
            return ce
        noun = after[1].head  # "a line": the noun phrase must be all that follows
        rest = {t.i for t in after[1:] if not t.is_punct}
        if noun.pos_ in ("NOUN", "PROPN") and rest <= {t.i for t in noun.subtree}:
            return last.end
        return ce

    # --- rule 3 ---------------------------------------------------------------
    def _cue_at(self, i: int, cues_at: dict[int, Cue]) -> Cue | None:
        cue = cues_at.get(i)
        return cue if cue is not None and cue.speaker is not None else None

    def cue_after(self, m: Marked, cues_at: dict[int, Cue], marks: list[Marked]) -> Cue | None:
        """A cue in the same sentence after the closing mark (“...,” said X).

        Only for a quote that opens its sentence or follows a colon or comma:
        a fragment inside a sentence ("what it called “a hostile policy”,
        and KCNA said ...") is not what a later cue reports.
        """
        lead = self.text[self.paras[m.paragraph][0]:m.open_mark].rstrip()
        if not (self.starts_sentence(m) or lead.endswith((":", ",", "—"))):
            return None
        para_end = self.paras[self.para_of(m.outer_end - 1)][1]
        nxt = min((o.open_mark for o in marks if o.open_mark >= m.outer_end), default=para_end)
        toks = self.tokens_between(m.outer_end, min(para_end, nxt))
        for tok in toks[:_NEAR_TOKENS]:
            if tok.is_sent_start and tok.idx > m.outer_end + 1 and tok.text not in ",":
                break
            if tok.text in (".", "?", "!"):
                break
            cue = self._cue_at(tok.i, cues_at)
            if cue is not None:
                return cue
        return None

    def cue_before(self, m: Marked, cues_at: dict[int, Cue], marks: list[Marked]) -> Cue | None:
        """A cue before the opening mark, ending in a colon or comma (X said: “...”).

        The colon may end the paragraph before, when the quote is set off as
        a paragraph of its own.
        """
        para_start = self.paras[m.paragraph][0]
        lead = self.text[para_start:m.open_mark].rstrip()
        if not lead and m.paragraph > 0:  # "the council said:" ending the paragraph before
            para_start, before = self.paras[m.paragraph - 1]
            lead = self.text[para_start:before].rstrip()
            if not lead.endswith(":"):
                return None
        if not lead.endswith((":", ",")):
            return None
        prev = max((o.outer_end for o in marks if o.outer_end <= m.open_mark), default=para_start)
        toks = self.tokens_between(max(prev, para_start), m.open_mark)
        for tok in reversed(toks[-_NEAR_TOKENS:]):
            if tok.text in (".", "?", "!"):
                break
            cue = self._cue_at(tok.i, cues_at)
            if cue is not None:
                return cue
        return None

    def attach_adjacent(self, m: Marked, cue: Cue) -> None:
        """Give `m` the cue next to it, joining it to the cue's other part when split."""
        for d in self.drafts:
            if d.cue is cue and d.kind == "direct" and d.marks:
                first, last = d.marks[0], d.marks[-1]
                if last.outer_end <= m.open_mark and self._split(last, m, cue):
                    d.end, d.marks = self.trim(m.start, m.end)[1], [*d.marks, m]
                    self.claimed.add(m.open_mark)
                    return
                if m.outer_end <= first.open_mark and self._split(m, first, cue):
                    d.start, d.marks = m.start, [m, *d.marks]
                    self.claimed.add(m.open_mark)
                    return
                return  # the cue belongs to another quote of its own
        start, end = self.trim(m.start, m.end)
        self.drafts.append(Draft(start, end, "direct", cue, "quotes: cue next to the quote", [m]))
        self.claimed.add(m.open_mark)

    def _split(self, a: Marked, b: Marked, cue: Cue) -> bool:
        """Whether `a` and `b` are two parts of one quote around `cue`."""
        between = self.text[a.outer_end:b.open_mark]
        inner_a = self.text[a.start:a.end].rstrip()
        return (a.outer_end <= cue.start < b.open_mark and between.rstrip().endswith((",", ":"))
                and "\n" not in between and not filters.ends_sentence(inner_a))

    # --- rule 4 ---------------------------------------------------------------
    def starts_sentence(self, m: Marked) -> bool:
        """Whether the quoted string opens a sentence of its paragraph."""
        lead = self.text[self.paras[m.paragraph][0]:m.open_mark].rstrip()
        return not lead or filters.ends_sentence(lead)

    def after_colon(self, m: Marked) -> bool:
        """Whether a colon introduces the quoted string ("put the question bluntly: “...”")."""
        return self.text[self.paras[m.paragraph][0]:m.open_mark].rstrip().endswith(":")

    def previous(self, m: Marked) -> Draft | None:
        """The latest attributed quote before `m`, within a paragraph or two."""
        before = [d for d in self.drafts if d.end <= m.start and (d.cue or d.follows)]
        if not before:
            return None
        d = max(before, key=lambda x: x.end)
        if m.paragraph - self.para_of(d.start) > _FOLLOW_PARAGRAPHS:
            return None
        return d

    def follow_up(self, m: Marked) -> None:
        """A quoted sentence with no cue of its own: the previous speaker goes on."""
        inner = self.text[m.start:m.end]
        if filters.is_scare(self.text, m, self.lex) or filters.is_title_case(inner):
            return
        if not (self.starts_sentence(m) or self.after_colon(m)) and len(
                filters.words(inner)) <= 2 * self.lex.scare_max_words:
            return
        start, end = self.trim(m.start, m.end)
        intro = self.introducer(m)
        if intro is not None:
            self.drafts.append(Draft(start, end, "direct", None, "quotes: speaker of the sentence before",
                                     [m], speaker_tok=intro))
            self.claimed.add(m.open_mark)
            return
        prev = self.previous(m)
        why = "quotes: continues the previous speaker's quote" if prev else "quotes: no speaker found"
        self.drafts.append(Draft(start, end, "direct", prev.cue if prev else None, why, [m], prev))
        self.claimed.add(m.open_mark)

    def introducer(self, m: Marked) -> Token | None:
        """The person a quote's paragraph opens with ("Marchenko was blunt. “...”").

        When the sentence right before a standalone quote, in its paragraph,
        quotes no one and its subject is a person, that person is speaking;
        so is the subject of a sentence that introduces the quote with a colon
        but no reporting verb ("Doyle put the question bluntly: “...”").
        """
        para_start = self.paras[m.paragraph][0]
        if not self.text[para_start:m.open_mark].strip():
            return None
        toks = self.tokens_between(para_start, m.open_mark)
        if not toks:
            return None
        sent = toks[-1].sent
        if any(d.start < sent.end_char and sent.start_char < d.end for d in self.drafts):
            return None
        if any(d.cue is not None and sent.start <= d.cue.token.i < sent.end for d in self.drafts):
            return None  # "“...?” he asked.", split off by the parser: a cue, not an introduction
        colon = next((t for t in reversed(toks) if not t.is_space and not t.is_quote), None)
        # "Okafor put it plainly: “...”": the verb the colon ends, whatever the parse's root
        verb = colon.head if colon is not None and colon.text == ":" else sent.root
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is None:
            return None
        person = subj.ent_type_ == "PERSON" or subj.lower_ in ("he", "she") or (
            subj.pos_ == "PROPN" and not subj.ent_type_)  # a bare surname the model did not tag
        return subj if person else None

    # --- all together -------------------------------------------------------
    def run(self) -> list[Quote]:
        """Every quote of the article, in text order."""
        marks = self.real_marks()
        cues = find_cues(self.doc, self.lex)
        for cue in self.outer_cues(cues, marks):
            draft = self.from_cue(cue, marks)
            if draft is not None:
                self.drafts.append(draft)
        cues_at = {c.token.i: c for c in cues}
        for m in marks:
            if m.open_mark in self.claimed:
                continue
            cue = self.cue_after(m, cues_at, marks) or self.cue_before(m, cues_at, marks)
            if cue is not None:
                self.attach_adjacent(m, cue)
        for m in marks:
            if m.open_mark not in self.claimed:
                self.follow_up(m)
        return self.resolve(self.dedupe())

    def dedupe(self) -> list[Draft]:
        """Drop a quote overlapping an earlier-found one (parse ambiguities)."""
        kept: list[Draft] = []
        for d in self.drafts:
            if d.end > d.start and not any(k.start < d.end and d.start < k.end for k in kept):
                kept.append(d)
        return sorted(kept, key=lambda d: d.start)

    def resolve(self, drafts: list[Draft]) -> list[Quote]:
        """Speakers in text order (a pronoun may stand for an earlier speaker)."""
        earlier: list[Actor] = []
        by_token: dict[int, Actor] = {}
        quotes = []
        for d in drafts:
            head = d.speaker_tok if d.speaker_tok is not None else (
                d.cue.speaker if d.cue is not None else None)
            if head is not None and d.follows is None:
                key = head.i
                if key not in by_token:
                    by_token[key] = build_speaker(self.article, head, earlier)
                d.speaker = by_token[key]
            elif d.follows is not None:
                d.speaker = d.follows.speaker
            if d.speaker is not None:
                earlier.append(d.speaker)
            quotes.append(Quote(text=self.text[d.start:d.end], start=d.start, end=d.end,
                                kind=d.kind, speaker=d.speaker,  # type: ignore[arg-type]
                                cue=d.cue.text if d.cue else None, why=d.why))
        return quotes
