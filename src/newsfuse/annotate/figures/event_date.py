"""The date of the event a news report is about, from the text's own words.

A report about one incident dates it once or twice ("A bomb killed six people on Wednesday ...") and
then goes on without a date ("The blast also wounded 32", "State TV said six died"). The figures stage
gives that date to the later, undated counts of the incident (see ``newsfuse.annotate.figures.stage``), so that
"the blast killed six" in one article and "killed six ... on Wednesday" in another count the same day.

The rule, in order:

1. The day the text was written: the full date the page prints at its top when there is one
   (``periods.printed_date``), else the publish date. No such day: no event date (a relative "on
   Monday" cannot be resolved, and a date is never guessed).
2. Evidence: the time phrases of the body (outside boilerplate) that resolve to a single day (a bare
   weekday re-read against the printed date) within ``WINDOW_DAYS`` before the day of writing, and
   - are not written with a year ("Wed 19 Apr 2017", "Syria April 18 2017 (File photo)", a tweet's
     "July 27 2016"): in a news page these are datelines, photo captions and embedded posts; a report
     names the recent day of its event by weekday or by month and day;
   - are not part of a photo caption (text before "(File photo)", "(archive)" in the same sentence);
   - are not the time of a report ("..., state TV reported on Wednesday"): the day something was said
     is not the day it happened (an article dated only by its report day has no event date);
   - stand in a clause that tells of an incident: a casualty word of the figures lexicon ("killed",
     "wounded") or an incident word of ``data/event_words.tsv`` ("blast", "shelling", "attack"); the
     clause ends at punctuation and at subordinating words, so "... reopen the road which regime forces
     severed on Thursday" does not date the killing the sentence begins with; an incident named only
     as a place or moment of something else ("at the scene of the attack on Sunday") does not count.
   A weekday's possessive before an incident word in text that lost its apostrophes ("Saturdays
   blast hit ...") counts too: the times layer does not read it.
3. Agreement: the event date is the day of the evidence when all of it names one day, or when one day
   is named at least twice and at least ``DOMINANCE`` times as often as any other day (a lede repeated
   in the body against one background mention of an earlier attack). Two days named equally often
   ("a blast killed five on Monday; another attack killed three on Tuesday"): no event date.
4. A dateline lede, only when rule 2 found no evidence at all: the text opens (``DATELINE_LEAD_CHARS``)
   with its own full date, the day of writing, and the next sentences tell of a casualty ("13 Oct 2016
   At least 17 people ... were killed in a car bomb blast"): breaking news, dated by its dateline. A
   page that dates itself but opens with background, or names no casualty, gets no event date.

>>> from newsfuse.model import Article, TimeExpr
>>> text = "A bomb killed six people on Wednesday in the city. The blast also wounded 32."
>>> a = Article(id="x", text=text, content_hash="", published="2017-04-19",
...             times=(TimeExpr(28, 37, "Wednesday", "2017-04-19"),))
>>> found = find_event_date(a)
>>> found.day.isoformat(), [t.text for t in found.evidence]
('2017-04-19', ['Wednesday'])
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from ...knowledge.periods import DATELINE_CHARS, parse_published, printed_date, reanchored_weekday, weekday_before
from ...model import Article, Figure, Sentence, TimeExpr
from ...settings import DATA_DIR
from ..clean.sentences import sentences_of
from .categories import Lexicon, lexicon

Span = TimeExpr | Figure
WORDS_PATH = DATA_DIR / "event_words.tsv"
WINDOW_DAYS = 7  # an event a report dates by a bare weekday lies in the week before it was written
DOMINANCE = 2  # how much more often the event's day must be named than any other day
DATELINE_LEAD_CHARS = 40  # a dateline that opens the text (rule 4)
CASUALTY_CATEGORIES = frozenset({"dead", "injured", "dead_or_injured", "missing"})

_YEAR = re.compile(r"\b\d{4}\b")
_SINGLE_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CAPTION_END = re.compile(r"\((?:file\s+photo|archive|file|photo)[^)]*\)|\bfile\s+photo\b", re.I)
_REPORTING = re.compile(
    r"\b(?:said|says|told|reported|announced|stated|added|confirmed|statement|report|reports|"
    r"tweeted|wrote|noted|warned|estimated)\b[^.;,]{0,25}\Z", re.I)
_SPAN_LEAD = re.compile(r"\b(?:since|over|during|between|until)\s+(?:the\s+)?\Z", re.I)  # "report since the March 19 claim"
_WEEKDAY_WORD = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)days?\b|\b(?:yesterday|today|overnight|tonight)\b",
                           re.I)
_POSSESSIVE_WEEKDAY = re.compile(r"\b((?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)s\s+", re.I)
_CLAUSE_BOUNDARY = re.compile(
    r"[,;:()\"“”—–]|\s-\s|\b(?:which|who|whom|whose|where|when|while|after|before|as|because|until|since|"
    r"although|though|whereas|that|but|said|says|told|reported)\b", re.I)  # "the monitor, which tracks the war, said ..."
_NOT_REPORTING = re.compile(r"(?:since|over|in the past|between|during)\b", re.I)


@dataclass(frozen=True, slots=True)
class EventDate:
    """The day of the reported event and the phrases that state it."""

    day: date
    evidence: tuple[TimeExpr, ...]


# --------------------------------------------------------------------------- words


@dataclass(frozen=True, slots=True)
class EventWords:
    incident: re.Pattern
    background: re.Pattern
    casualty: re.Pattern
    reference: re.Pattern  # "the scene of the attack": the incident named as a place, not told


def _alternation(phrases: Sequence[str]) -> re.Pattern:
    parts = sorted({p.strip().lower() for p in phrases if p.strip()}, key=len, reverse=True)
    body = "|".join(r"\s+".join(map(re.escape, p.split())) for p in parts) or r"(?!x)x"
    return re.compile(r"(?<![\w-])(?:" + body + r")(?![\w-])", re.I)


@lru_cache(maxsize=4)
def event_words(path: Path = WORDS_PATH) -> EventWords:
    """The incident and background words of ``data/event_words.tsv``, and the casualty words of the
    figures lexicon (its dead/injured/missing triggers)."""
    kinds: dict[str, list[str]] = {"incident": [], "background": [], "reference": []}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        kind, _, phrases = line.partition("\t")
        if kind.strip() in kinds:
            kinds[kind.strip()].extend(phrases.split("|"))
    lex = lexicon()
    casualty = [" ".join(key) for key, value in _lexicon_triggers(lex) if value in CASUALTY_CATEGORIES]
    incident = _alternation(kinds["incident"])
    reference = re.compile(_alternation(kinds["reference"]).pattern + r"\s+(?:(?:the|a|an|this|that|its|their)\s+)?"
                           r"(?:[\w-]+\s+){0,2}?" + incident.pattern, re.I)
    return EventWords(incident, _alternation(kinds["background"]), _alternation(casualty), reference)


def _lexicon_triggers(lex: Lexicon) -> list[tuple[tuple[str, ...], str]]:
    """(phrase words, category) of the figures lexicon's triggers."""
    return [entry for bucket in lex.phrases.get("trigger", {}).values() for entry in bucket]


def tells_incident(clause: str, words: EventWords | None = None) -> bool:
    """The clause tells of an incident: a casualty word or an incident word, not only as the place of
    something else ("at the scene of the attack on Sunday").

    >>> tells_incident("The blast also wounded 32."), tells_incident("Seats were covered in blood on Tuesday.")
    (True, False)
    >>> tells_incident("debris was still strewn at the scene of the attack on Sunday")
    False
    """
    w = words or event_words()
    clause = w.reference.sub(" ", clause)
    return bool(w.casualty.search(clause) or w.incident.search(clause))


def background_sentence(sentence: str, words: EventWords | None = None) -> bool:
    """The sentence is about the history around the event ("The conflict has killed more than 280,000
    people"): a background word and no incident word.

    >>> background_sentence("The conflict has killed more than 280,000 people.")
    True
    >>> background_sentence("The monitor, which tracks the war, said the blast killed 16.")
    False
    """
    w = words or event_words()
    return bool(w.background.search(sentence)) and not w.incident.search(sentence)


# --------------------------------------------------------------------------- times


def reporting_time(text: str, sentence_start: int, t: TimeExpr) -> bool:
    """"..., OCHA said on Monday": the day of the report, not of what it reports."""
    before = text[max(sentence_start, t.start - 40) : t.start]
    return bool(_REPORTING.search(before)) and not _NOT_REPORTING.match(t.text) and not _SPAN_LEAD.search(before)


def _possessive_weekdays(article: Article, words: EventWords) -> list[TimeExpr]:
    """"Saturdays blast hit a convoy": a weekday's possessive before an incident word in a text that lost
    its apostrophes, which the times layer does not read as a date. Resolved like "on Saturday"."""
    written = parse_published(article.published).day
    out = []
    for m in _POSSESSIVE_WEEKDAY.finditer(article.text):
        after = article.text[m.end() : m.end() + 40]
        hit = words.incident.match(after) or words.incident.match(after.split(" ", 1)[-1])
        if hit is None or _in_boilerplate(article, m.start(), m.end()) or written is None:
            continue
        day = weekday_before(m.group(1), written)
        if day is not None:
            out.append(TimeExpr(m.start(), m.start() + len(m.group(1)), m.group(1), day.isoformat(), "event_date"))
    return out


def names_a_day(sentence: str) -> bool:
    """The sentence names a day even where the times layer found none ("Saturdays convoy attack killed
    126", its apostrophe lost): its counts have a time of their own and never take the event's date.

    >>> names_a_day("Saturdays convoy attack killed 126 people."), names_a_day("The blast killed six.")
    (True, False)
    """
    return bool(_WEEKDAY_WORD.search(sentence))


def printed_day(article: Article) -> date | None:
    """The full date the page prints near its top ("Sunday 3 Jul 2016"), if any."""
    return printed_date(article.text[:DATELINE_CHARS], article.published)


def writing_day(article: Article, printed: date | None = None) -> date | None:
    """The day the text was written: the date the page prints at its top, else the publish date."""
    return printed or printed_day(article) or parse_published(article.published).day


def resolved_value(article: Article, t: TimeExpr, printed: date | None = None) -> str | None:
    """The value of a time phrase, a bare weekday re-read against the date the page prints (pass
    ``printed`` when it is known, to read the page's top once per article)."""
    return reanchored_weekday(t.text, t.value, printed or printed_day(article), article.published)


def clause_of(text: str, sent: Sentence, t: TimeExpr | Span) -> tuple[int, int]:
    """The clause of the sentence a span (a time phrase, a figure) is in: up to the punctuation or subordinating word on
    either side ("... the road which regime forces severed on Thursday" → "regime forces severed on
    Thursday"), so that a date of a relative clause does not date the main clause's killing."""
    start = sent.start
    for m in _CLAUSE_BOUNDARY.finditer(text, sent.start, t.start):
        start = m.end()
    m = _CLAUSE_BOUNDARY.search(text, t.end, sent.end)
    return start, (m.start() if m else sent.end)


def _in_caption(text: str, sent: Sentence, t: TimeExpr) -> bool:
    """The phrase comes before a caption's end mark ("... on Saturday ... (File photo) A bomb ...")."""
    return bool(_CAPTION_END.search(text[t.end : sent.end]))


def _in_boilerplate(article: Article, start: int, end: int) -> bool:
    return any(b.start < end and start < b.end for b in article.boilerplate)


def _sentence_of(sentences: Sequence[Sentence], t: TimeExpr) -> Sentence | None:
    for s in sentences:
        if s.start <= t.start and t.end <= s.end:
            return s
    return None


def evidence(article: Article, sentences: Sequence[Sentence] | None = None) -> list[tuple[TimeExpr, date]]:
    """The time phrases that date an incident the text tells of, with their day (rule 2)."""
    printed = printed_day(article)
    written = writing_day(article, printed)
    if written is None:
        return []
    sentences = list(sentences if sentences is not None else sentences_of(article))
    words = event_words()
    text = article.text
    out = []
    for t in list(article.times) + _possessive_weekdays(article, words):
        value = resolved_value(article, t, printed)
        if not value or not _SINGLE_DAY.match(value) or _YEAR.search(t.text):
            continue
        try:
            day = date.fromisoformat(value)
        except ValueError:
            continue
        if not 0 <= (written - day).days <= WINDOW_DAYS or _in_boilerplate(article, t.start, t.end):
            continue
        sent = _sentence_of(sentences, t)
        if sent is None or reporting_time(text, sent.start, t) or _in_caption(text, sent, t):
            continue
        if tells_incident(text[slice(*clause_of(text, sent, t))], words):
            out.append((t, day))
    return out


def dateline_lede(article: Article, sentences: Sequence[Sentence] | None = None) -> TimeExpr | None:
    """Rule 4: the page opens with its own full date and, right after it, a casualty ("13 Oct 2016 At
    least 17 people ... were killed in a car bomb blast"): breaking news dated by its dateline, used only
    when the body dates no incident itself (rule 2 found nothing)."""
    printed = printed_day(article)
    written = writing_day(article, printed)
    if written is None:
        return None
    text = article.text
    sentences = list(sentences if sentences is not None else sentences_of(article))
    for t in article.times:
        if t.start >= DATELINE_LEAD_CHARS or not _YEAR.search(t.text) or \
                resolved_value(article, t, printed) != written.isoformat():
            continue
        # The dateline's own sentence (often the headline run into the lede) and the next one.
        following = [s for s in sentences if s.end > t.end][:2]
        lede = text[t.end : following[-1].end] if following else text[t.end : t.end + 300]
        if event_words().casualty.search(lede) and not background_sentence(lede):
            return t
        return None
    return None


def find_event_date(article: Article, sentences: Sequence[Sentence] | None = None) -> EventDate | None:
    """The day of the event the article reports, when its incident dates agree (rule 3), else the day of
    a dateline lede (rule 4); else None."""
    found = evidence(article, sentences)
    if not found:
        lede = dateline_lede(article, sentences)
        return EventDate(writing_day(article), (lede,)) if lede is not None else None  # type: ignore[arg-type]
    counts = Counter(day for _, day in found).most_common()
    day, n = counts[0]
    if len(counts) > 1 and (n < 2 or n < DOMINANCE * counts[1][1]):
        return None
    return EventDate(day, tuple(t for t, d in found if d == day))
