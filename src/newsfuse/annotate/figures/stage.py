"""The figures stage: every count of people (and of homes destroyed) with what it counts, who claims
it, where and when.

For each sentence (outside boilerplate) the stage takes the count expressions of
:mod:`newsfuse.annotate.figures.numbers`, reads the words around each one with the lexicon of
:mod:`newsfuse.annotate.figures.categories`, and writes a :class:`~newsfuse.model.Figure`:

- what is counted (``unit``, ``subject``): the noun after the number ("280 Daesh terrorists" → fighters),
  a noun before it ("IDPs total 122 387", "the camp's population to over 56,000"), or nothing when a
  verb says the count is of people ("the toll rose to 45", "killing 12").
- what happened (``category``), first rule that answers wins:
  1. an anchor noun the number is the value of ("death toll ... 45" → dead, "population" near a camp →
     sheltered);
  2. a verb or noun right before it that governs it ("killed at least 70", "the death of nearly 40,000",
     "forced the evacuation of 2,000");
  3. the first trigger in the predicate after it, within the clause ("400 to 600 militants remain holed
     up"; appositives such as ", mostly children under the age of five," are skipped; "remained" passes on
     to "displaced" when that follows);
  4. the noun itself ("46 deaths", "IDPs", "displaced persons", "casualties");
  5. the figure it is coordinated with ("killed 6 priests and 2 women", "3,000 people, including hundreds
     of militants, left");
  6. the nearest trigger on its left in the clause (only for a lexicon noun), else ``other``.
- ``negated`` ("were not harmed"; "no civilians were killed" gives a figure of 0), ``modality``
  ("expected to arrive", "could rise to"), ``cumulative`` ("the toll rose to", "so far", "since Sunday").
- ``claimant``: the attribution of the figure's span
  (:func:`newsfuse.annotate.attribution.claimants.claimant_for_span`), else the speaker of the quote
  holding it, else the speech cue of the sentence ("according to OCHA", "the SDF believes", "..., OCHA
  said"; "it said" takes the previous claimant); the span is the entity mention when the entities
  layer has one. A count printed twice word for word (a standfirst copied from the body) takes the
  claimant of its attributed copy.
- ``place``: a place mention of the sentence outside the claimant, nearest the figure, preferring the
  destination for arrivals ("reached the Al Hol camp from Baghouz" → Al Hol).
- ``period``: a time of the sentence that is not the reporting time ("..., OCHA said on Monday"),
  nearest the figure; "the past 10 days" and "since Sunday" become intervals ending on the publish date.
  A casualty count with no time in its sentence, not cumulative and not in a clause about the history
  around the event, takes the day the article dates its event on (:mod:`newsfuse.annotate.figures.event_date`:
  "A bomb killed six on Wednesday ... The blast also wounded 32" → both Wednesday); no such day (no
  date in the text, two incident dates, only the day of a report): it stays unknown.

The stage uses no model, so it runs on upper-case wire text as well (MUC) and costs little. This
module runs it article by article; one sentence is read by :class:`.sentence.SentenceContext`, whose
parts are modules of one job each: :mod:`.subject` (what is counted), :mod:`.happened` (what
happened), :mod:`.modifiers` (negation, modality, running totals), :mod:`.claimant_cues`,
:mod:`.place_choice`, :mod:`.period_choice`; the words they read are :mod:`.word_classes` and the
lexicon of :mod:`.categories`.
"""

from __future__ import annotations

import dataclasses
import re

from ...model import Article, Figure, Sentence, SpanRef
from ...stage import Stage
from ..attribution.claimants import article_claimants, claimant_for_span, narrow_claimant
from ..clean.sentences import sentences_of
from . import event_date
from .categories import lexicon
from .numbers import find_numbers
from .reading import NAME, VERSION
from .sentence import DocState, SentenceContext


# --------------------------------------------------------------------------- the stage


def annotate(article: Article) -> Article:
    """The article with its ``figures`` layer filled."""
    return article.with_layer(figures=find_figures(article))


STAGE = Stage(
    name=NAME,
    version=VERSION,
    requires=("sentences", "entities", "places", "times", "quotes"),
    provides=("figures",),
    process=annotate,
)


def find_figures(article: Article) -> list[Figure]:
    """Every figure of the article, in text order."""
    text = article.text
    lex = lexicon()
    sentences = join_wrapped_lines(text, list(sentences_of(article)))
    numbers = [n for n in find_numbers(text, lex.is_count_noun) if not _in_boilerplate(article, n.start, n.end)]
    out: list[Figure] = []
    state = DocState()
    event = event_date.find_event_date(article, sentences)
    undated: list[int] = []  # figures that take the event's date (see _with_event_date)
    for sent in sentences:
        if _in_boilerplate(article, sent.start, sent.end, whole=True):
            continue
        sent_numbers = [n for n in numbers if sent.start <= n.start and n.end <= sent.end]
        ctx = SentenceContext(article, sent, sent_numbers, lex, state)
        for fig in ctx.figures():
            try:
                claimant = claimant_for_span(article, fig.start, fig.end)
            except Exception:  # a bug in the attribution rules must not lose the figure
                claimant = None
            if claimant is None:
                claimant = _quote_speaker(article, fig)
            if claimant is None:
                # The cue rules' own phrase, narrowed to the source it names ("a wedding" names none).
                found = ctx.claimant(fig)
                claimant = narrow_claimant(article, found) if found is not None else None
            place = ctx.place(fig, claimant)
            period = ctx.period(fig)
            if period is None and event is not None and ctx.takes_event_date(fig):
                undated.append(len(out))
            out.append(dataclasses.replace(fig, claimant=claimant, place=place, period=period))
        state.remember(ctx)
    return _with_event_date(_repeated_claimants(out, text), undated, event, sentences)


COPY_WORDS = 6  # words after a count that, the same in two places, make them one statement copied


def _repeated_claimants(figures: list[Figure], text: str) -> list[Figure]:
    """A statement the article prints twice, once with its source (a standfirst or lead copied from the
    body: "At least 38 civilians were killed on Wednesday as they ..." and later the same words with ", a
    monitoring group said"): the unattributed copy is the same statement and takes that source. Only a
    copy word for word: a count merely equal to an attributed one may be the outlet's own."""
    out = list(figures)
    attributed = [(f, _copy_key(text, f)) for f in figures if f.claimant is not None]
    for i, fig in enumerate(figures):
        if fig.claimant is not None or fig.value is None or not attributed:
            continue
        words = _copy_key(text, fig)
        same = [f for f, key in attributed if f.value == fig.value and f.category == fig.category and key == words]
        if same:
            nearest = min(same, key=lambda f: abs(f.start - fig.start))
            out[i] = dataclasses.replace(fig, claimant=nearest.claimant)
    return out


def _copy_key(text: str, fig: Figure) -> tuple[str, ...]:
    """The count's words and the words after it, lower-cased, without punctuation."""
    return tuple(re.findall(r"[\w'-]+", text[fig.start : fig.start + 200].lower())[: len(fig.text.split()) + COPY_WORDS])


BACKGROUND_FACTOR = 10  # an undated count this many times the incident's own counts is a background total


def _with_event_date(figures: list[Figure], undated: list[int], event: event_date.EventDate | None,
                     sentences: list[Sentence]) -> list[Figure]:
    """The undated counts of the incident given the day the article dates its event on
    (:mod:`newsfuse.annotate.figures.event_date`), except a count far larger than the counts stated next
    to that date ("More than 300,000 people have been killed" in a report of a blast that killed 26): the
    war's toll."""
    if event is None or not undated:
        return figures
    dated = [s for s in sentences if any(s.start <= t.start < s.end for t in event.evidence)]
    near = [f for f in figures if f.category in event_date.CASUALTY_CATEGORIES and f.value is not None
            and any(s.start <= f.start < s.end for s in dated)]
    scale = max((f.high or f.value or 0 for f in near), default=None)
    out = list(figures)
    for i in undated:
        size = figures[i].low or figures[i].value
        if scale and size is not None and size >= BACKGROUND_FACTOR * scale:
            continue
        out[i] = dataclasses.replace(figures[i], period=event.day.isoformat())
    return out


def _quote_speaker(article: Article, fig: Figure) -> SpanRef | None:
    """The speaker of the reported speech the figure is part of ("OCHA said around 15,000 ..."), when it
    names a source at all ("Activists in Syria reported that ...": not "Syria")."""
    best = None
    for q in article.quotes:
        if q.speaker is not None and q.start <= fig.start and fig.end <= q.end:
            if best is None or q.end - q.start < best.end - best.start:
                best = q
    return article_claimants(article).source_of_speaker(best.speaker) if best is not None else None


def _in_boilerplate(article: Article, start: int, end: int, whole: bool = False) -> bool:
    for b in article.boilerplate:
        if whole:
            if b.start <= start and end <= b.end:
                return True
        elif b.start < end and start < b.end:
            return True
    return False


# --------------------------------------------------------------------------- sentences


def join_wrapped_lines(text: str, sentences: list[Sentence]) -> list[Sentence]:
    r"""Sentences that hard-wrapped wire text cut at line ends ("TWO\nPEOPLE WERE KILLED"), joined again.

    A sentence that ends without punctuation and is followed by a single line break (not a blank line)
    continues on the next line; headlines stay apart because a blank line follows them.

    >>> t = "TWO\nPEOPLE WERE KILLED.\n\nNext"
    >>> [t[s.start:s.end] for s in join_wrapped_lines(t, [Sentence(0, 3), Sentence(4, 23), Sentence(25, 29)])]
    ['TWO\nPEOPLE WERE KILLED.', 'Next']
    """
    out: list[Sentence] = []
    for sent in sentences:
        if out:
            prev = out[-1]
            gap = text[prev.end : sent.start]
            ends = text[prev.start : prev.end].rstrip()[-1:]
            if gap.count("\n") == 1 and not gap.strip() and ends and ends not in ".!?…\"”’':;)]":
                out[-1] = Sentence(prev.start, sent.end)
                continue
        out.append(sent)
    return out
