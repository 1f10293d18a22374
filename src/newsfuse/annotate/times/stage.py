"""The ``times`` stage: every date and time expression, normalised against the publish date.

Rules (rules_absolute, rules_relative) propose phrases with readings; the longest phrase
wins where they overlap; then neighbours are joined: "since Sunday" (an interval up to the publish
date), "between February 22 and March 1", "10 p.m. Wednesday". Text inside boilerplate spans is
skipped. Values follow the contract (see calendar for the conventions): an ISO date, a reduced
date (``2019-03``, ``2019``, decade ``199``, century ``19``), an interval, or a duration; None when
the text cannot be resolved (no publish date for a relative phrase, "05/03/2019", "the coming
days"), never a guess. Hedged phrases ("almost three years ago" → ``2016``) keep the stated value
with a lower confidence; the span holds the hedge so a reader sees it.

>>> [(t.text, t.value) for t in find_times("Fighting resumed on Friday night and 280 people left since Sunday.", "2019-03-05")]
[('Friday night', '2019-03-01'), ('since Sunday', '2019-03-03/2019-03-05')]
>>> [(t.text, t.value) for t in find_times("The talks will resume on Thursday, after a two-week pause.", "2019-03-05")]
[('Thursday', '2019-03-07'), ('two-week', 'P2W')]
>>> [(t.text, t.value) for t in find_times("He left in 2011, three years ago, on Tuesday.")]
[('2011', '2011'), ('three years ago', None), ('Tuesday', None)]
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Sequence

from ...knowledge.periods import DATELINE_CHARS, printed_date
from ...model import Article, Boilerplate, Sentence, TimeExpr
from ...stage import Stage
from . import calendar as cal
from .rules import Context, Reading, index_tokens, scan, span_of, trigger_words
from .rules_absolute import RULES as ABSOLUTE_RULES
from .rules_relative import RULES as RELATIVE_RULES

VERSION = "rules-1"
METHOD = f"times/{VERSION}"
RULES = ABSOLUTE_RULES + RELATIVE_RULES
_TRIGGER_WORDS = trigger_words(RULES)


@dataclass(frozen=True, slots=True)
class _Found:
    start: int
    end: int
    reading: Reading
    order: int  # rule position: breaks ties between equally long phrases


# --------------------------------------------------------------------------- sentences and boilerplate

_BOUNDARY = re.compile(r"[.!?]['\"”’)]?\s+(?=[\"“‘(]?[A-Z])|\n")


class _Regions:
    """Sentence bounds for tense cues, and the spans to skip."""

    def __init__(self, text: str, sentences: Sequence[Sentence], boilerplate: Sequence[Boilerplate]):
        self.text = text
        self.sentences = sorted((s.start, s.end) for s in sentences)
        self.starts = [s for s, _ in self.sentences]
        self.skip = sorted((b.start, b.end) for b in boilerplate)

    def blocked(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.skip)

    def sentence(self, start: int, end: int) -> tuple[int, int] | None:
        """The sentence holding ``[start, end)``; None when the phrase crosses a sentence boundary."""
        if self.sentences:
            i = bisect.bisect_right(self.starts, start) - 1
            if i >= 0 and start < self.sentences[i][1]:
                s, e = self.sentences[i]
                return (s, e) if end <= e else None
            # Text outside every sentence (a headline the splitter left out): bounds by punctuation.
        lo = max(0, start - 400)
        s = lo
        for m in _BOUNDARY.finditer(self.text, lo, start):
            s = m.end()
        m = _BOUNDARY.search(self.text, end, min(len(self.text), end + 400))
        return s, (m.start() + 1 if m else min(len(self.text), end + 400))


# --------------------------------------------------------------------------- finding


def _candidates(text: str, anchor: date | None, regions: _Regions) -> list[_Found]:
    found: list[_Found] = []
    index = index_tokens(text, _TRIGGER_WORDS)
    for order, rule in enumerate(RULES):
        matches = scan(rule, text, index)
        m = next(matches, None)
        while m is not None:
            start, end = span_of(m)
            bounds = None if regions.blocked(start, end) else regions.sentence(start, end)
            reading = rule.read(m, Context(text, anchor, *bounds)) if bounds else None
            if reading is not None:
                found.append(_Found(start, end, reading, order))
            try:
                m = matches.send(reading is not None)
            except StopIteration:
                break
    return found


def _select(found: list[_Found]) -> list[_Found]:
    """Longest phrases first; a phrase overlapping one already taken is dropped."""
    taken: list[_Found] = []
    for f in sorted(found, key=lambda f: (-(f.end - f.start), f.order, f.start)):
        if all(f.end <= t.start or t.end <= f.start for t in taken):
            taken.append(f)
    return sorted(taken, key=lambda f: f.start)


# --------------------------------------------------------------------------- joining neighbours

_CLOCK_GAP = re.compile(r"\s*,?\s*(?:(?:on|at|of|around|about|by|before|after)\s+)?", re.IGNORECASE)
_RANGE_GAP = re.compile(r"\s*(?P<c>-|–|—|to|and|until|till|through|thru)\s*", re.IGNORECASE)
_RANGE_LEAD = re.compile(r"\b(?P<w>between|from)\s+$", re.IGNORECASE)
_SINCE_LEAD = re.compile(r"(?:\bever\s+)?\bsince\s+$", re.IGNORECASE)
_WEEK_OF_LEAD = re.compile(r"\bthe\s+week\s+of\s+$", re.IGNORECASE)


def _join_week_of(text: str, items: list[_Found]) -> list[_Found]:
    """'the week of March 6' → that ISO week."""
    out: list[_Found] = []
    for f in items:
        lead = _WEEK_OF_LEAD.search(text, max(0, f.start - 16), f.start)
        if lead and f.reading.day:
            value = f.reading.value and cal.week_interval(date.fromisoformat(f.reading.value))
            f = _Found(lead.start(), f.end, replace(f.reading, value=value, day=False), f.order)
        out.append(f)
    return out


def _join_clock(text: str, items: list[_Found]) -> list[_Found]:
    """'10 p.m. Wednesday', 'Wednesday at 10 p.m.': one phrase with the day's value."""
    out: list[_Found] = []
    for f in items:
        prev = out[-1] if out else None
        if prev and _CLOCK_GAP.fullmatch(text, prev.end, f.start):
            pair = {prev.reading.kind, f.reading.kind}
            day = f if prev.reading.kind == "clock" else prev
            if "clock" in pair and day.reading.day and day.reading.kind != "clock":
                out[-1] = _Found(prev.start, f.end, day.reading, min(prev.order, f.order))
                continue
        out.append(f)
    return out


def _with_year(value: str, year: int) -> str:
    return f"{year:04d}{value[4:]}" if re.fullmatch(r"\d{4}-\d{2}(?:-\d{2})?", value) else value


def _range_value(a: Reading, b: Reading) -> str | None:
    if a.value is None or b.value is None:
        return None
    first, last = cal.start_value(a.value), cal.end_value(b.value)
    if a.year_inferred and not b.year_inferred and re.match(r"\d{4}-", last):
        first = _with_year(first, int(last[:4]))  # "between February 22 and March 1, 2019"
    start_a, start_b = cal.bounds(first), cal.bounds(cal.start_value(b.value))
    if start_a is None or start_b is None:
        return None
    if start_a[0] > start_b[0] and a.year_inferred and re.match(r"\d{4}-", first):
        first = _with_year(first, int(first[:4]) - 1)  # "from December 20 to January 5"
        start_a = cal.bounds(first)
    if start_a[0] > start_b[0]:
        return None
    return cal.interval(first, last)


def _shape(value: str | None) -> str:
    return re.sub(r"\d", "9", value or "")


def _join_ranges(text: str, items: list[_Found]) -> list[_Found]:
    """'between February 22 and March 1', 'from 2011 to 2014', 'February 22 - March 1'."""
    out: list[_Found] = []
    for f in items:
        prev = out[-1] if out else None
        gap = _RANGE_GAP.fullmatch(text, prev.end, f.start) if prev else None
        if prev and gap and prev.reading.kind == "point" and f.reading.kind == "point":
            lead = _RANGE_LEAD.search(text, max(0, prev.start - 12), prev.start)
            connector = gap.group("c").lower()
            if connector == "and" and not (lead and lead.group("w").lower() == "between"):
                out.append(f)
                continue
            if not lead and _shape(prev.reading.value) != _shape(f.reading.value):
                out.append(f)  # "a revision Friday to December's figures" is no range
                continue
            start = lead.start() if lead else prev.start
            value = _range_value(prev.reading, f.reading)
            conf = min(prev.reading.confidence, f.reading.confidence)
            reading = Reading(value, conf if value else 0.6, year_inferred=f.reading.year_inferred)
            out[-1] = _Found(start, f.end, reading, min(prev.order, f.order))
            continue
        out.append(f)
    return out


def _join_since(text: str, items: list[_Found], anchor: date | None) -> list[_Found]:
    """'since Sunday' → from Sunday to the publish date; 'since 2011' → 2011/2019-03-05."""
    out: list[_Found] = []
    for f in items:
        lead = _SINCE_LEAD.search(text, max(0, f.start - 12), f.start)
        if lead and f.reading.kind in ("point", "window"):
            value = None
            if f.reading.value is not None and anchor is not None:
                first = cal.start_value(f.reading.value)
                span = cal.bounds(first)
                if span is not None and span[0] <= anchor:
                    value = cal.interval(first, cal.iso(anchor))
            conf = min(f.reading.confidence, 0.9) if value else 0.6
            f = _Found(lead.start(), f.end, replace(f.reading, value=value, confidence=conf, kind="window"), f.order)
        out.append(f)
    return out


# --------------------------------------------------------------------------- public


def find_times(
    text: str,
    published: str | None = None,
    sentences: Sequence[Sentence] = (),
    boilerplate: Sequence[Boilerplate] = (),
) -> list[TimeExpr]:
    """Every time expression in ``text``, resolved against the ``published`` date (ISO) when given."""
    anchor = cal.parse_anchor(published)
    regions = _Regions(text, sentences, boilerplate)
    items = _select(_candidates(text, anchor, regions))
    items = _join_clock(text, items)
    items = _join_since(text, _join_ranges(text, _join_week_of(text, items)), anchor)
    return [
        TimeExpr(
            start=f.start,
            end=f.end,
            text=text[f.start : f.end],
            value=f.reading.value,
            method=METHOD,
            confidence=round(f.reading.confidence, 2),
        )
        for f in items
    ]


def resolve(phrase: str, published: str | None = None) -> str | None:
    """The value of the longest time expression in a short phrase (None when there is none).

    >>> resolve("over the past 48 hours", "2019-03-05"), resolve("the 1990s"), resolve("a month")
    ('2019-03-03/2019-03-05', '199', 'P1M')
    """
    found = find_times(phrase, published)
    if not found:
        return None
    return max(found, key=lambda t: t.end - t.start).value


def times_in_span(article: Article, start: int, end: int, resolved_only: bool = False) -> list[TimeExpr]:
    """The article's time expressions overlapping ``[start, end)`` (e.g. a figure's sentence), in order."""
    return [
        t
        for t in article.times
        if t.start < end and start < t.end and (t.value is not None or not resolved_only)
    ]


def nearest_time(article: Article, pos: int, start: int, end: int) -> TimeExpr | None:
    """The resolved, anchored time expression within ``[start, end)`` closest to ``pos`` — for a figure,
    the period it most likely refers to. Durations ("a two-week pause") are not periods and are skipped.

    >>> a = Article.create(id="d", text="Since Sunday, 280 fighters left; 3,000 left over the past 10 days.", published="2019-03-05")
    >>> a = process(a)
    >>> nearest_time(a, a.text.index("3,000"), 0, len(a.text)).value
    '2019-02-23/2019-03-05'
    """
    best: tuple[int, TimeExpr] | None = None
    for t in times_in_span(article, start, end, resolved_only=True):
        if t.value.startswith("P"):
            continue
        distance = 0 if t.start <= pos < t.end else min(abs(pos - t.start), abs(pos - t.end))
        if best is None or distance < best[0]:
            best = (distance, t)
    return best[1] if best else None


def process(article: Article) -> Article:
    times = find_times(article.text, reference_date(article), article.sentences, article.boilerplate)
    return article.with_layer(times=times)


def reference_date(article: Article) -> str | None:
    """The day relative times ("yesterday", "the past five days") count from: the date the page prints
    at its top (its dateline) when it prints one, else the record's publish date, which for scraped
    pages is often the crawl's."""
    printed = printed_date(article.text[:DATELINE_CHARS], article.published)
    return printed.isoformat() if printed is not None else article.published


STAGE = Stage(name="times", version=VERSION, requires=("sentences",), provides=("times",), process=process)
