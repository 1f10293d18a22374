"""Who said what: direct, indirect and mixed quotes with their speaker and cue.

The ``quotes`` stage fills ``Article.quotes`` with :class:`~newsfuse.model.Quote` records whose
``start/end/text`` cover the quoted content only (never the quotation marks, the cue or the
speaker). It runs on rules alone — no parser — because quotes are looked for in every sentence and
the annotate budget does not allow a parse of every sentence; the rules live in small modules:

- :mod:`.marks` pairs quotation marks of every style, and bounds odd ones (lost closing
  marks end at the paragraph end or before the next opening mark; quotes running over paragraphs
  continue while each new paragraph reopens them);
- :mod:`.cues` finds the reporting verb and the speaker phrase beside a quote, and indirect
  attributions in a sentence ("X said (that) ...", "..., X said", "according to X", ", saying ...");
- :mod:`.speakers` resolves the speaker phrase to a canonical entity (names, titles, pronouns,
  roles);
- :mod:`.speech_verbs` holds the reporting-verb lexicon (``data/speech_verbs.tsv``).

Kinds:

- ``direct``: quoted words with a cue beside them ('"...," he said', 'He said: "..."', '"...",
  according to OCHA'), or a whole quoted sentence without a cue, then credited to the latest
  speaker of the same or the previous paragraph (lower confidence);
- ``indirect``: a reported clause without quotation marks;
- ``mixed``: a reported clause holding a quoted fragment ('He said the setbacks are "a testament"
  to ...'). Short quoted terms with no cue at all (scare quotes: the so-called "caliphate") are not
  quotes.

A quote split around its cue ('"The progress is slow," he said, "and methodical."') is recorded as
**two parts that share the same cue and speaker** (equal ``cue`` spans link them; see
:func:`quote_groups`): each record's span is then pure quoted content, as the data model requires.
The same link joins a quoted sentence that carries on right after its cue sentence ('"...," she
said. "..."'), or after a reported clause of the same speaker ('He said the wells were dry. "We
have no water."'; that part is ``direct``). A quote running over several paragraphs is **one**
record (its content includes the reopening marks), since no narration interrupts it.

Besides verbs, cues include "according to", a colon after a name in headlines ("Kasich: 'We Are
Going ...'"), a dash signature after a quote ('"..." ― Ann Poe') and the signature line of an
embedded social post ("... — Ann Poe (@annpoe) July 5, 2016"). Quoted Title Case names of works
('In his book, "Make Your Kid a Millionaire," Poe ...') are not quotes.

Why one module of this length: the stage's passes (direct, colon, signed, indirect, continued
speech) share the found-quote records and run in an order that matters; the token rules are in
:mod:`.cues`, :mod:`.marks` and :mod:`.speakers`.

>>> from newsfuse.model import Article, EntityMention
>>> text = '"The progress is slow," Sean Ryan said, "and methodical."'
>>> a = Article.create(id="x", text=text, entities=(EntityMention(24, 33, "Sean Ryan", "PERSON", "Sean Ryan"),))
>>> [(q.text, q.kind, q.speaker.entity, q.cue.text) for q in find_quotes(a)]
[('The progress is slow,', 'direct', 'Sean Ryan', 'said'), ('and methodical.', 'direct', 'Sean Ryan', 'said')]
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Iterable

from ...model import Article, Quote, SpanRef
from ...stage import Stage
from ...text.spans import strip_span
from ..clean.sentences import sentences_of
from ..places.mistaken_people import towns_tagged_as_people
from .cues import Cue, clause_attributions, cue_after, cue_before
from .marks import QuotedSpan, find_quoted_spans, paragraph_spans
from .speakers import SpeakerResolver
from .tokens import Token, sentence_end, tokenize
from ...text.lexicon import word_set

NAME = "quotes"
VERSION = "rules-1"
METHOD = f"{NAME}/{VERSION}"

_CLEAN_BEFORE = frozenset(":,—–―-(")
_LEAD_WORDS = word_set("quote_words.tsv", "lead_word")  # 'But “...”' still stands alone
_PUNCTUATION_ONLY = frozenset(".,!?;:…)]—–―-\"”’'»")

CONFIDENCE = {
    "direct": 0.9,
    "direct-unclosed": 0.7,
    "direct-uncued": 0.5,
    "subject-verb": 0.75,
    "content-then-cue": 0.8,
    "inverted": 0.8,
    "according-to": 0.85,
    "participle": 0.6,
    "naming": 0.6,
    "colon": 0.7,
    "signature": 0.8,
}


@dataclass(slots=True)
class _Found:
    """A quote before its speaker is resolved."""

    parts: list[tuple[int, int]]
    kind: str
    cue: tuple[int, int] | None
    speaker: tuple[int, int] | None  # the speaker phrase, to be resolved
    confidence: float
    subject_search: tuple[int, int] | None = None  # ", saying ...": the clause to find the subject in
    carry_from: int | None = None  # no cue: credit the latest speaker after this offset
    order: int = 0
    extra_kinds: dict[int, str] = field(default_factory=dict)  # part index → kind, when it differs


# --------------------------------------------------------------------------- public API


def find_quotes(article: Article) -> list[Quote]:
    """All quotes of the article, in text order."""
    text = article.text
    blocked = sorted((b.start, b.end) for b in article.boilerplate)
    paragraphs = paragraph_spans(text)
    spans = [q for q in find_quoted_spans(text, paragraphs) if not _overlaps_any(q.open_start, q.close_end, blocked)]

    direct, fragments, used_cues = _direct_quotes(text, spans, paragraphs)
    direct += _signed_posts(text, paragraphs, blocked)
    direct += _colon_quotes(text, paragraphs, spans, direct, blocked)
    quoted_ranges = [(f.parts[0][0], f.parts[-1][1]) for f in direct]
    indirect = _indirect_quotes(text, _sentence_spans(article, blocked), direct, fragments, used_cues)
    direct = _continue_reported_speech(text, paragraphs, direct, indirect)

    found = sorted(direct + indirect, key=lambda f: f.order)
    resolver = SpeakerResolver(text, article.entities, quoted_ranges, towns_tagged_as_people(article))
    quotes: list[Quote] = []
    for item in found:
        speaker = _speaker_of(item, resolver, text)
        if item.kind != "direct":
            for s, e in item.parts:
                resolver.exclude(s, e)
        cue = SpanRef(item.cue[0], item.cue[1], text[item.cue[0] : item.cue[1]]) if item.cue else None
        for i, (s, e) in enumerate(item.parts):
            kind = item.extra_kinds.get(i, item.kind)
            quotes.append(Quote(s, e, text[s:e], kind, speaker, cue, METHOD, round(item.confidence, 2)))
    quotes.sort(key=lambda q: (q.start, q.end))
    return quotes


def quote_groups(quotes: Iterable[Quote]) -> list[tuple[Quote, ...]]:
    """Parts of the same quote together: parts split around one cue share that cue span.

    Quotes without a cue stand alone.
    """
    groups: dict[tuple, list[Quote]] = {}
    for i, q in enumerate(quotes):
        key = ("cue", q.cue.start, q.cue.end) if q.cue else ("alone", i)
        groups.setdefault(key, []).append(q)
    return [tuple(g) for g in sorted(groups.values(), key=lambda g: g[0].start)]


def process(article: Article) -> Article:
    return article.with_layer(quotes=find_quotes(article))


# Places are read so that a town the NER called a person ("Maaret al-Numan") is never a speaker.
STAGE = Stage(name=NAME, version=VERSION, requires=("sentences", "entities", "places"), provides=("quotes",), process=process)


# --------------------------------------------------------------------------- direct quotes


def _direct_quotes(
    text: str, spans: list[QuotedSpan], paragraphs: list[tuple[int, int]]
) -> tuple[list[_Found], list[QuotedSpan], set[int]]:
    p_starts = [s for s, _ in paragraphs]
    bounds = _SentenceBounds(text, paragraphs)
    opens = sorted(q.open_start for q in spans)
    closes: list[int] = []  # close_end of the spans seen so far, sorted
    doubles = sorted((q.open_start, q.close_end) for q in spans if not q.single)
    found: list[_Found] = []
    fragments: list[QuotedSpan] = []
    used_cues: set[int] = set()
    link: tuple[_Found, int] | None = None  # '"...," he said of X, "...": the next part of a split quote
    for q in spans:
        if q.single and _inside(q, doubles):
            continue
        bisect.insort(closes, q.close_end)
        if link is not None and q.open_start == link[1]:
            content = strip_span(text, q.content_start, q.content_end)
            if content[1] > content[0]:
                link[0].parts.append(content)
            link = None
            continue
        link = None
        p = max(0, bisect.bisect_right(p_starts, q.open_start) - 1)
        p_start, p_end = paragraphs[p] if paragraphs else (0, len(text))
        last_paragraph_end = paragraphs[min(len(paragraphs) - 1, p + q.paragraphs - 1)][1] if paragraphs else len(text)
        q = _repair_runaway(text, q)
        previous_close = bisect.bisect_right(closes, q.open_start) - 1
        before_lo = max(p_start, closes[previous_close]) if previous_close >= 0 else p_start
        sentence_start = bounds.last_start(p_start, q.open_start)
        before_lo = bounds.last_start(before_lo, q.open_start)
        next_index = bisect.bisect_left(opens, q.close_end)
        following = opens[next_index : next_index + 1]
        after_hi = min([max(last_paragraph_end, q.close_end)] + following)
        after_hi = sentence_end(text, q.close_end, after_hi)
        before = tokenize(text, before_lo, q.open_start)
        after = tokenize(text, q.close_end, after_hi)
        confidence = CONFIDENCE["direct"] if q.closed and not q.recovered_open else CONFIDENCE["direct-unclosed"]
        content = strip_span(text, q.content_start, q.content_end)
        if content[1] <= content[0]:
            continue
        clean_before = not before or before[-1].text in _CLEAN_BEFORE or all(t.text in _PUNCTUATION_ONLY for t in before)
        leads_on = bool(following) and after_hi == following[0] and bool(after) and (
            after[-1].text in ",:—–-" or after[-1].lower in ("but", "and")  # '..." he said, but "...'
        )
        after_is_punct = all(t.text in _PUNCTUATION_ONLY for t in after)
        introduced = bool(before) and before[-1].text in ":,"
        before_cue = None if q.recovered_open else cue_before(before)
        if before_cue is not None and (before_cue.that or not (after_is_punct or introduced)):
            before_cue = None
        # 'When someone shouted, "Cruz," Beck joked, "Amen!"': an introduced quote keeps its own cue
        after_cue = None
        if not (before_cue is not None and introduced) and _ends_utterance(text, q, after, leads_on):
            after_cue = cue_after(after)
        if after_cue is not None and not introduced and _looks_like_title(text, content):
            after_cue = None  # 'In his book, "Make Your Kid a Millionaire," Mr. Poe suggested ...'
        if after_cue is not None and clean_before:
            item = _make(content, after_cue, after, confidence, used_cues)
            found.append(item)
            cue_end = max(after_cue.verb[1], after_cue.speaker[1] if after_cue.speaker else 0)
            if leads_on and len(after) - cue_end <= 6 and not _has_reporting_verb(after[cue_end:]):
                # not when 'adding, "..."' gives the next part its own cue, nor after a long aside
                link = (item, following[0])
            continue
        if (
            after_cue is not None
            and before_cue is None
            and before_lo == sentence_start
            and len(before) >= 2
            and text[content[1] - 1] == ","
            and after_cue.form is not None
            and after_cue.form.kind == "speech"
            and not _has_reporting_verb(before)
        ):
            # 'The people of Scranton “deserve someone who’s with them,” said the man who ...':
            # the sentence's own subject starts the reported words — a mixed quote
            mixed = _make(strip_span(text, before[0].start, q.close_end), after_cue, after, confidence - 0.1, used_cues)
            mixed.kind = "mixed"
            found.append(mixed)
            continue
        if q.recovered_open:
            continue  # a lone closing mark with no cue: an apostrophe or noise
        if before_cue is not None:
            item = _make(content, before_cue, before, confidence, used_cues)
            if before_cue.speaker is None:  # ', adding: "..."': the subject of the sentence speaks
                item.subject_search = (bounds.last_start(p_start, before_lo), before[before_cue.verb[0]].start)
            found.append(item)
            continue
        if not before and p > 0 and q.open_start == p_start:
            item = _after_colon_paragraph(text, paragraphs[p - 1], content, confidence, used_cues, bounds)
            if item is not None:
                found.append(item)
                continue
        words = sum(1 for t in tokenize(text, *content) if t.is_word)
        complete = text[content[1] - 1] in ".!?" and bool(after) and after[0].is_title  # '"...." She noted ...'
        standalone = (
            before_lo == sentence_start  # not the last item of a list: 'calls people "losers" and "sad."'
            and all(t.text in _PUNCTUATION_ONLY or t.lower in _LEAD_WORDS for t in before)
            and (after_is_punct or complete)
        )
        if standalone and (words >= 4 or text[content[1] - 1] in ".!?"):
            previous = found[-1] if found else None
            previous_start = paragraphs[p - 1][0] if p > 0 and q.open_start == p_start else p_start
            if previous is not None and previous.kind == "direct" and previous.cue and previous.parts[-1][0] >= previous_start:
                # '"...," he said. "..."' (or the next paragraph opening with a quote and no cue):
                # the same utterance goes on — one more part of that quote
                previous.parts.append(content)
                continue
            previous_paragraph = paragraphs[p - 1][0] if p > 0 else 0
            found.append(
                _Found([content], "direct", None, None, CONFIDENCE["direct-uncued"], carry_from=previous_paragraph, order=content[0])
            )
            continue
        fragments.append(q)
    return found, fragments, used_cues


def _after_colon_paragraph(
    text: str,
    previous: tuple[int, int],
    content: tuple[int, int],
    confidence: float,
    used_cues: set[int],
    bounds: "_SentenceBounds",
) -> _Found | None:
    """'Breitbart News responded:' / 'Transcript as follows:' then the quote as the next paragraph."""
    p_start, p_end = previous
    if text[p_end - 1] != ":":
        return None
    lo = bounds.last_start(p_start, p_end - 1)
    before = tokenize(text, lo, p_end)
    cue = cue_before(before)
    if cue is not None and not cue.that:
        item = _make(content, cue, before, confidence, used_cues)
        item.order = content[0] if cue.speaker is None else item.order
    else:
        item = _Found([content], "direct", (p_end - 1, p_end), None, confidence - 0.2, order=content[0])
    if item.speaker is None:
        item.subject_search = (lo, p_end)
        item.carry_from = lo
    return item


def _make(content: tuple[int, int], cue: Cue, tokens: list[Token], confidence: float, used_cues: set[int]) -> _Found:
    cue_span = (tokens[cue.verb[0]].start, tokens[cue.verb[1] - 1].end)
    speaker = (tokens[cue.speaker[0]].start, tokens[cue.speaker[1] - 1].end) if cue.speaker else None
    used_cues.add(cue_span[0])
    order = speaker[0] if speaker else cue_span[0]
    return _Found([content], "direct", cue_span, speaker, confidence, order=order)


_MINOR_WORDS = word_set("quote_words.tsv", "minor_word")


def _looks_like_title(text: str, content: tuple[int, int]) -> bool:
    """A short Title Case span ("Make Your Kid a Millionaire,") names a work, it quotes nobody."""
    words = [t for t in tokenize(text, *content) if t.is_word]
    if not words or len(words) > 8:
        return False
    major = [t for t in words if t.lower not in _MINOR_WORDS]
    return len(major) >= 2 and all(t.is_title or t.text[:1].isdigit() for t in major)


def _has_reporting_verb(tokens: list[Token]) -> bool:
    from .speech_verbs import match_at

    return any(match_at(tokens, i) is not None for i in range(len(tokens)))


def _ends_utterance(text: str, q: QuotedSpan, after: list[Token], leads_on: bool) -> bool:
    """May the words after a quote be its cue? Not when the quote ended its sentence and a new one
    begins ('"Is it?" He answered, "No."' — that cue introduces the next quote), unless it is short
    ('"We won." he said.')."""
    last = text[q.content_end - 1] if q.content_end > q.content_start else ""
    if last not in ".?!" or not after or after[0].text in ",—–-:" or not after[0].is_title:
        return True
    if leads_on:
        return False
    return last != "." or len(after) <= 6


def _repair_runaway(text: str, q: QuotedSpan) -> QuotedSpan:
    """'"We will win, he said.' — a lost closing mark before the cue: cut the quote at the cue."""
    if q.closed or q.recovered_open:
        return q
    tokens = tokenize(text, q.content_start, q.content_end)
    for i, tok in enumerate(tokens):
        if tok.text != "," or i == 0:
            continue
        cue = cue_after(tokens[i : i + 16])
        if cue is None:
            continue
        end_of_cue = tokens[i + max(cue.verb[1], cue.speaker[1] if cue.speaker else 0) - 1].end
        stop = sentence_end(text, end_of_cue, q.content_end)
        if not text[end_of_cue:stop].strip(" .,"):
            return QuotedSpan(q.open_start, q.content_start, tok.start, tok.start, False, q.single, 1, False)
    return q


def _inside(q: QuotedSpan, doubles: list[tuple[int, int]]) -> bool:
    """Is the single-quoted span nested in a double-quoted one (doubles never overlap)?"""
    i = bisect.bisect_right(doubles, (q.open_start, float("inf"))) - 1
    return i >= 0 and doubles[i][0] <= q.open_start and q.close_end <= doubles[i][1]


class _SentenceBounds:
    """Sentence ends per paragraph, found once: quotes ask where their sentence starts again and again."""

    def __init__(self, text: str, paragraphs: list[tuple[int, int]]):
        self.text = text
        self.paragraphs = paragraphs or [(0, len(text))]
        self.p_starts = [s for s, _ in self.paragraphs]
        self._ends: dict[int, list[int]] = {}

    def last_start(self, lo: int, hi: int) -> int:
        """Where the sentence holding ``hi`` starts, not before ``lo``."""
        p = max(0, bisect.bisect_right(self.p_starts, lo) - 1)
        ends = self._ends.get(p)
        if ends is None:
            ends = self._ends[p] = self._sentence_ends(*self.paragraphs[p])
        i = bisect.bisect_left(ends, hi) - 1
        return ends[i] if i >= 0 and ends[i] > lo else lo

    def _sentence_ends(self, start: int, end: int) -> list[int]:
        ends, pos = [], start
        while pos < end:
            stop = sentence_end(self.text, pos, end)
            if stop >= end:
                break
            ends.append(stop)
            pos = stop if stop > pos else pos + 1
        return ends


def _continue_reported_speech(
    text: str, paragraphs: list[tuple[int, int]], direct: list[_Found], indirect: list[_Found]
) -> list[_Found]:
    """'Ann Poe said that the wells were dry. "We have no water."' — a whole quoted sentence right
    after a reported clause of the same paragraph continues it: one more (direct) part of that quote."""
    if not indirect:
        return direct
    p_starts = [s for s, _ in paragraphs]
    everything = sorted(direct + indirect, key=lambda f: f.parts[0][0])
    kept = []
    for item in direct:
        if item.cue is not None or item.carry_from is None:
            kept.append(item)
            continue
        start = item.parts[0][0]
        paragraph = p_starts[max(0, bisect.bisect_right(p_starts, start) - 1)] if p_starts else 0
        before = [f for f in everything if f.parts[-1][1] <= start and f is not item]
        previous = before[-1] if before else None
        if previous is not None and previous.kind != "direct" and previous.cue and previous.parts[0][0] >= paragraph:
            previous.extra_kinds[len(previous.parts)] = "direct"
            previous.parts.append(item.parts[0])
            continue
        kept.append(item)
    return kept


# --------------------------------------------------------------------------- headline and post patterns

_COLON_LEAD = re.compile(
    r"(?:[A-Z][\w’'.\-]*)(?:[ \t]+(?:[A-Z][\w’'.\-]*|of|the|for|and|de|al|bin|van|von|la|le)){0,7}[ \t]*(:)[ \t]+"
)
_NOT_SPEAKERS = word_set("quote_words.tsv", "not_a_speaker")
_SIGNATURE = re.compile(
    r"[—–-]{1,2}[ \t]*(?P<name>[^\n()—–<>]{1,80}?)[ \t]*(?P<handle>\(@\w{1,30}\))[ \t]*"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)[ \t]+\d{1,2},[ \t]+\d{4}"
)
_TRAILING_LINK = re.compile(r"(?:\s*(?:pic\.twitter\.com/\S+|https?://\S+))+\s*$")


def _colon_quotes(
    text: str, paragraphs: list[tuple[int, int]], spans: list[QuotedSpan], direct: list[_Found], blocked: list[tuple[int, int]]
) -> list[_Found]:
    """'Pat Caddell: Democrat Voters Worried ...; It’s ‘in Their Heads.’' — a name, a colon, quoted words."""
    taken = [(f.parts[0][0], f.parts[-1][1]) for f in direct]
    found = []
    for p_start, p_end in paragraphs:
        match = _COLON_LEAD.match(text, p_start, p_end)
        if match is None or match.group().split()[0].lower().strip(":") in _NOT_SPEAKERS:
            continue
        content = strip_span(text, match.end(), p_end)
        inner = [q for q in spans if content[0] <= q.open_start and q.close_end <= content[1] + 1]
        if not inner or _overlaps_any(*content, taken) or _overlaps_any(*content, blocked):
            continue
        kind = "mixed"
        if len(inner) == 1 and inner[0].open_start == content[0] and inner[0].close_end >= content[1] - 1:
            kind, content = "direct", strip_span(text, inner[0].content_start, inner[0].content_end)
        speaker = strip_span(text, match.start(), match.start(1))
        found.append(_Found([content], kind, (match.start(1), match.end(1)), speaker, CONFIDENCE["colon"], order=speaker[0]))
    return found


def _signed_posts(text: str, paragraphs: list[tuple[int, int]], blocked: list[tuple[int, int]]) -> list[_Found]:
    """Embedded social posts left as text: '... — Paul Ryan (@SpeakerRyan) July 5, 2016'."""
    if "(@" not in text:
        return []
    found = []
    for p_start, p_end in paragraphs:
        for match in _SIGNATURE.finditer(text, p_start, p_end):
            lead = text.rfind(">", p_start, match.start())  # after an embed tag such as <tweet ...>
            start = lead + 1 if lead >= 0 else p_start
            end = match.start()
            link = _TRAILING_LINK.search(text, start, end)
            if link is not None:
                end = link.start()
            content = strip_span(text, start, end)
            if content[1] - content[0] < 3 or _overlaps_any(*content, blocked):
                continue
            speaker = strip_span(text, match.start("name"), match.end("name"))
            cue = (match.start("handle"), match.end("handle"))
            found.append(_Found([content], "direct", cue, speaker, CONFIDENCE["signature"], order=speaker[0]))
    return found


# --------------------------------------------------------------------------- indirect quotes


def _indirect_quotes(
    text: str,
    sentences: list[tuple[int, int]],
    direct: list[_Found],
    fragments: list[QuotedSpan],
    used_cues: set[int],
) -> list[_Found]:
    direct_ranges = sorted((f.parts[0][0] - 1, f.parts[-1][1] + 1) for f in direct)
    fragments = sorted(fragments, key=lambda f: f.content_start)
    fragment_starts = [f.content_start for f in fragments]
    found: list[_Found] = []
    seen: set[tuple[int, int]] = set()
    for s_start, s_end in sentences:
        tokens = tokenize(text, s_start, s_end)
        if not tokens or not any(_maybe_cue(t) for t in tokens):
            continue
        blocked = {i for i, t in enumerate(tokens) if t.start in used_cues or _hits(t.start, t.end, direct_ranges)}
        for att in clause_attributions(tokens, blocked):
            parts = [strip_span(text, tokens[a].start, tokens[b - 1].end) for a, b in att.parts]
            parts = [p for p in parts if p[1] > p[0]]
            if not parts or any(_mostly_inside(p, direct_ranges) for p in parts):
                continue
            last = parts[-1]
            nearby = fragments[bisect.bisect_left(fragment_starts, parts[0][0]) : bisect.bisect_left(fragment_starts, last[1])]
            for f in nearby:  # a sentence split inside the quoted words: the content runs to the mark
                if f.content_start < last[1] < f.content_end and last[0] < f.content_start:
                    parts[-1] = (last[0], f.close_end)
                    break
            key = (parts[0][0], parts[-1][1])
            if key in seen:
                continue
            seen.add(key)
            cue = (tokens[att.verb[0]].start, tokens[att.verb[1] - 1].end)
            speaker = (tokens[att.speaker[0]].start, tokens[att.speaker[1] - 1].end) if att.speaker else None
            nearby = fragments[bisect.bisect_left(fragment_starts, parts[0][0]) : bisect.bisect_right(fragment_starts, parts[-1][1])]
            inner = [
                f for f in nearby
                if f.content_end - f.content_start >= 2 and any(s <= f.content_start and f.content_end <= e + 1 for s, e in parts)
            ]
            kind = "mixed" if inner else "indirect"
            confidence = CONFIDENCE[att.pattern] - (0.05 if kind == "mixed" else 0.0)
            item = _Found(parts, kind, cue, speaker, confidence, order=speaker[0] if speaker else cue[0])
            if att.subject_hint is not None:
                a, b = att.subject_hint
                item.subject_search = (tokens[a].start, tokens[max(a, b - 1)].end)
            found.append(item)
    return found


def _maybe_cue(tok: Token) -> bool:
    from .speech_verbs import is_reporting_word

    return is_reporting_word(tok.lower)


# --------------------------------------------------------------------------- speakers


def _speaker_of(item: _Found, resolver: SpeakerResolver, text: str) -> SpanRef | None:
    """The phrase found beside the cue; else the subject of the cue's clause; else the latest speaker."""
    if item.speaker is not None:
        return resolver.resolve(*item.speaker)
    if item.subject_search is not None:
        lo, hi = item.subject_search
        first = [t for t in tokenize(text, lo, hi)[:3] if t.is_word][:1]
        if first and first[0].lower in ("he", "she", "it", "they"):
            return resolver.resolve(first[0].start, first[0].end)  # "He then joked, ..."
        subject = resolver.subject_before(lo, hi) or resolver.latest(lo, hi)
        if subject is not None:
            return subject
    if item.carry_from is not None or item.subject_search is not None:
        since = item.carry_from if item.carry_from is not None else max(0, item.subject_search[0] - 600)
        return resolver.latest(since, item.parts[0][0])
    return None


# --------------------------------------------------------------------------- spans


def _sentence_spans(article: Article, blocked: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentences layer cut at line breaks and boilerplate (a quote's clause never spans either)."""
    text = article.text
    raw = [(s.start, s.end) for s in sentences_of(article)]
    pieces: list[tuple[int, int]] = []
    for start, end in raw:
        pos = start
        for cut in [i for i in range(start, end) if text[i] == "\n"] + [end]:
            pieces.append((pos, cut))
            pos = cut + 1
    out: list[tuple[int, int]] = []
    for start, end in pieces:
        for s, e in _minus(start, end, blocked):
            s, e = strip_span(text, s, e)
            if e > s:
                out.append((s, e))
    return out


def _minus(start: int, end: int, blocked: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out, pos = [], start
    for b_start, b_end in blocked:
        if b_end <= pos or b_start >= end:
            continue
        if b_start > pos:
            out.append((pos, b_start))
        pos = max(pos, b_end)
    if pos < end:
        out.append((pos, end))
    return out


def _overlaps_any(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in ranges)


def _hits(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    """Does ``[start, end)`` overlap one of the sorted ``ranges`` (which barely nest)?"""
    i = bisect.bisect_left(ranges, (end, end))
    return any(s < end and start < e for s, e in ranges[max(0, i - 4) : i])


def _mostly_inside(span: tuple[int, int], ranges: list[tuple[int, int]]) -> bool:
    length = max(1, span[1] - span[0])
    lo = max(0, bisect.bisect_left(ranges, (span[0], span[0])) - 4)
    hi = bisect.bisect_left(ranges, (span[1], span[1]))
    covered = sum(max(0, min(e, span[1]) - max(s, span[0])) for s, e in ranges[lo:hi])
    return covered / length > 0.5
