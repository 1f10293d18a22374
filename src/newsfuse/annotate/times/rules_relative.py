"""Rules for expressions that only mean something against the publish date (weekdays, "yesterday",
"last week", "three years ago", "the past 48 hours") and for lengths of time ("two weeks").

Without an anchor every relative phrase is recognised with value None; durations need no anchor.

>>> from datetime import date
>>> ctx = Context("x", date(2019, 3, 5), 0, 1)
>>> period_reading(ctx, "last", "week").value, period_reading(ctx, "earlier this", "month").value
('2019-02-25/2019-03-03', '2019-03-01/2019-03-05')
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from . import calendar as cal
from .lexicon import (
    NUMBER,
    PARTS_OF_DAY,
    QUALIFIER,
    UNIT,
    UNIT_WORDS,
    VAGUE_NUMBER,
    WEEKDAY,
    WEEKDAY_WORDS,
    parse_number,
    unit_code,
    weekday_number,
)
from .rules import L, Context, Reading, hedge_confidence, rule
from ...text.lexicon import word_map

# --------------------------------------------------------------------------- days


@rule(
    "weekday",
    rf"{L}(?P<x>(?:(?P<rel>last|this\s+coming|this\s+past|this|next|the\s+previous|the\s+following|early|late|earlier|later)\s+(?:on\s+)?)?"
    rf"(?P<wd>{WEEKDAY})(?:\s+(?P<part>{PARTS_OF_DAY}))?)(?![\w-])",
    trigger=WEEKDAY_WORDS, reach=30,
)
def weekday(m: re.Match, ctx: Context) -> Reading | None:
    """On Tuesday, Monday night, last Friday, will meet on Thursday."""
    if re.search(r"\b(?:Good|Black|Bloody|Man)\s+$", ctx.before(m.start("x"), 8)):
        return None  # named days, not the weekday of this week
    rel = (m.group("rel") or "").lower().split()
    if rel[:1] == ["the"]:
        return Reading(None, 0.6, day=True)  # "the previous Friday" hangs on another date
    if ctx.anchor is None:
        return Reading(None, 0.8, day=True)
    wd = weekday_number(m.group("wd"))
    if rel == ["last"] or rel == ["this", "past"]:
        mode = "last"
    elif rel == ["next"] or rel == ["this", "coming"]:
        mode = "next"
    elif rel == ["this"]:
        mode = "future" if ctx.tense(*m.span("x")) == "future" else "this"
    else:
        mode = "future" if ctx.tense(*m.span("x")) == "future" else "past"
    d = cal.weekday_date(ctx.anchor, wd, mode)
    return Reading(cal.iso(d), 0.88 if rel else 0.85, day=True)


# Day words and their offset from the day of writing (time_words.tsv); the rule's pattern and trigger
# words (each phrase's last word, and the parts of a day) are made from them.
_DAY_WORDS = {w: int(n) for w, n in word_map("time_words.tsv", "day_word").items()}
_DAY_WORD = "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(_DAY_WORDS, key=len, reverse=True))
_DAY_PARTS = ("morning", "afternoon", "evening", "night")


@rule(
    "day_word",
    rf"{L}(?P<x>(?:(?:early|late|earlier|later)\s+)?(?P<w>{_DAY_WORD})(?:\s+(?P<part>{'|'.join(_DAY_PARTS)}))?)(?![\w-])",
    trigger={w.split()[-1] for w in _DAY_WORDS} | set(_DAY_PARTS), reach=30,
)
def day_word(m: re.Match, ctx: Context) -> Reading | None:
    """Today, yesterday, last night, the day after tomorrow; "earlier in the day" (the day of writing:
    "that day" is another rule's, anchored on the story's own dates)."""
    if ctx.anchor is None:
        return Reading(None, 0.85, day=True)
    offset = _DAY_WORDS[re.sub(r"\s+", " ", m.group("w").lower())]
    return Reading(cal.iso(ctx.anchor + timedelta(days=offset)), 0.93, day=True)


# --------------------------------------------------------------------------- calendar periods


def _period_value(anchor: date, unit: str, offset: int) -> str:
    """This (0), last (-1) or next (+1) week, month, year, quarter, decade or century."""
    if unit == "week":
        return cal.week_interval(anchor + timedelta(weeks=offset))
    if unit == "month":
        d = cal.add_months(anchor, offset)
        return cal.month_value(d.year, d.month)
    if unit == "year":
        return cal.year_value(anchor.year + offset)
    if unit == "quarter":
        d = cal.add_months(anchor, 3 * offset)
        return cal.quarter_interval(d.year, (d.month - 1) // 3 + 1)
    if unit == "decade":
        return f"{anchor.year // 10 + offset:03d}"
    if unit == "century":
        return f"{anchor.year // 100 + offset:02d}"
    raise ValueError(unit)


def _weekend(anchor: date, mode: str) -> str:
    """The Saturday-Sunday pair: ``last``/``past`` — the latest begun; ``next`` — the first ahead."""
    saturday = cal.week_start(anchor) + timedelta(days=5)
    if mode == "this":
        return cal.weekend_interval(saturday)
    if mode == "past":  # "over the weekend": the one just gone, or the current one on a weekend day
        return cal.weekend_interval(saturday if anchor >= saturday else saturday - timedelta(days=7))
    if mode == "last":
        return cal.weekend_interval(saturday - timedelta(days=7))
    if mode == "next":
        return cal.weekend_interval(saturday if anchor < saturday else saturday + timedelta(days=7))
    return cal.weekend_interval(saturday + timedelta(days=7))  # "next weekend" said on a weekend


def period_reading(ctx: Context, rel: str, unit: str, start: int = 0, end: int = 0) -> Reading | None:
    """``rel`` ("last", "this", "the past", "earlier this", "the end of last", ...) + a calendar unit."""
    a = ctx.anchor
    if a is None:
        return Reading(None, 0.85)
    words = rel.lower().split()
    if unit == "weekend":
        if words[-1:] == ["last"] or words[-2:] == ["this", "past"]:
            mode = "last"
        elif words[-1:] in (["next"], ["coming"]) or words[-2:] == ["this", "coming"]:
            mode = "next"
        elif words[-1:] == ["this"]:
            mode = "this"
        else:
            mode = "next" if ctx.tense(start, end) == "future" else "past"
        return Reading(_weekend(a, mode), 0.85)
    if words[:2] in (["the", "past"], ["the", "last"], ["this", "past"]) or words in (["past"],):
        n, designator = (10, "Y") if unit == "decade" else (100, "Y") if unit == "century" else (1, unit_code(unit)[0])
        if unit == "quarter":
            n, designator = 3, "M"
        return Reading(cal.window_back(a, n, designator), 0.85, kind="window")
    if words[:2] in (["the", "next"], ["the", "coming"]) or words == ["coming"]:
        n, designator = (10, "Y") if unit == "decade" else (100, "Y") if unit == "century" else (1, unit_code(unit)[0])
        if unit == "quarter":
            n, designator = 3, "M"
        return Reading(cal.window_ahead(a, n, designator), 0.8, kind="window")
    if words[:1] == ["the"] and words[1:2] in (["previous"], ["following"]):
        return Reading(None, 0.6)  # hangs on another date in the text
    if words == ["this", "coming"]:
        words = ["next"]
    offset = {"last": -1, "this": 0, "next": 1, "current": 0}.get(words[-1])
    if offset is None:
        return None
    whole = _period_value(a, unit, offset)
    first, last = cal.bounds(whole)
    if words[0] == "earlier" and offset == 0:
        return Reading(cal.interval(cal.iso(first), cal.iso(a)), 0.85)
    if words[0] == "later" and offset == 0:
        return Reading(cal.interval(cal.iso(a), cal.iso(last)), 0.8)
    if words[0] in ("early", "late", "mid", "the") and len(words) > 1:
        return Reading(whole, 0.7)  # early/late this month, the end of last year: within that period
    return Reading(whole, 0.92)


@rule(
    "period",
    rf"{L}(?P<x>(?P<rel>(?:earlier|later|early|late|mid)[\s-]+(?:this|last|next)|the\s+(?:end|beginning|start|middle|rest)\s+of\s+(?:this|last|next|the)"
    r"|the\s+(?:past|last|previous|next|coming|following|current)|this\s+past|this\s+coming|this|last|next)\s+"
    r"(?P<u>week(?:end)?|month|year|quarter|decade|century))(?!['’]?s?\s+of\b|[\w-])",
    trigger={"week", "weekend", "month", "year", "quarter", "decade", "century"}, reach=45,
)
def period(m: re.Match, ctx: Context) -> Reading | None:
    """Last week, this month, next year, the past week, earlier this month, over the weekend."""
    if m.group("u")[:1].isupper():
        return None  # "This Week" is a programme's name
    rel = re.sub(r"[\s-]+", " ", m.group("rel").lower())
    unit = m.group("u").lower()
    words = rel.split()
    if words[:1] == ["the"] and words[-1] == "the" and unit != "year" and unit != "month":
        return None  # "the end of the week" needs a referent
    if words[:2] == ["the", "rest"]:
        return Reading(None, 0.6)
    if words[:1] == ["the"] and words[1] in ("end", "beginning", "start", "middle") and words[-1] == "the":
        words = words[:-1] + ["this"]
    return period_reading(ctx, " ".join(words), unit, *m.span("x"))


@rule(
    "weekend",
    rf"{L}(?P<x>the\s+weekend)(?![\w-])",
    trigger={"weekend"}, reach=10,
)
def the_weekend(m: re.Match, ctx: Context) -> Reading | None:
    """Over the weekend: the one just gone, or the coming one when the clause looks ahead."""
    return period_reading(ctx, "the", "weekend", *m.span("x"))


# --------------------------------------------------------------------------- counted units


@rule(
    "ago",
    rf"{L}(?P<x>(?:(?P<q>{QUALIFIER})\s+)?(?P<n>{NUMBER}|{VAGUE_NUMBER})[\s-]+(?P<u>{UNIT})(?P<half>\s+and\s+a\s+half)?(?:\s+or\s+so)?\s+(?:ago|back))(?![\w-])",
    trigger={"ago", "back"}, reach=80,
)
def ago(m: re.Match, ctx: Context) -> Reading | None:
    """Three years ago → 2016; almost three years ago → 2016 with lower confidence; days → a date."""
    amount = parse_number(m.group("n") + (m.group("half") or ""))
    if amount is None or ctx.anchor is None:
        return Reading(None, 0.6)
    designator, multiple = unit_code(m.group("u"))
    when = cal.shift(ctx.anchor, -amount, designator, multiple)
    if designator in ("MIN", "S"):
        when = ctx.anchor
    # As precise as the count: days and weeks → a date, months → a month, years → a year.
    return Reading(cal.at_granularity(when, designator), hedge_confidence(m.group("q"), 0.85))


@rule(
    "window",
    rf"{L}(?P<x>(?:the\s+)?(?P<dir>past|last|previous|next|coming|following)\s+(?:(?P<q>{QUALIFIER})\s+)?(?P<n>{NUMBER}|{VAGUE_NUMBER})"
    rf"\s+(?P<u>{UNIT})(?P<half>\s+and\s+a\s+half)?(?:\s+or\s+so)?)(?![\w-])",
    trigger=UNIT_WORDS, reach=70,
)
def window(m: re.Match, ctx: Context) -> Reading | None:
    """The past 48 hours, over the last 10 days, the next two weeks: an interval at the publish date."""
    direction = m.group("dir").lower()
    if m.group("n").lower() in ("a", "an") and not m.group("x").lower().startswith("the"):
        return None  # "rations last a month"
    amount = parse_number(m.group("n") + (m.group("half") or ""))
    if amount is None:
        return Reading(None, 0.6, kind="vague")  # "the past few days"
    if direction in ("previous", "following"):
        return Reading(None, 0.6)  # relative to another date in the text
    if ctx.anchor is None:
        return Reading(None, 0.8, kind="window")
    designator, multiple = unit_code(m.group("u"))
    make = cal.window_back if direction in ("past", "last") else cal.window_ahead
    return Reading(make(ctx.anchor, amount, designator, multiple), hedge_confidence(m.group("q"), 0.88), kind="window")


_RATE_BEFORE = re.compile(r"(?:\d|%|\b(?:once|twice|thrice|times|per|every|each|a))\W*$", re.IGNORECASE)
_AGE = re.compile(r"(?:-old|\s+old\b|-olds?\b)", re.IGNORECASE)


@rule(
    "duration",
    rf"{L}(?P<x>(?:(?P<q>{QUALIFIER})\s+)?(?P<n>{NUMBER})[\s-]+(?:(?:more|additional|extra|further|long|straight|consecutive|trading|business|working|calendar)\s+)?(?P<u>{UNIT})"
    rf"(?P<half>\s+and\s+a\s+half)?(?:-long)?)(?![\w]|-(?!old))",
    trigger=UNIT_WORDS, reach=60,
)
def duration(m: re.Match, ctx: Context) -> Reading | None:
    """Two weeks → P2W, 48 hours → PT48H, a year and a half → P1Y6M, a two-week pause → P2W.

    Ages ("a 6-year-old", "52 years old") are not lengths of time in a story and are left out.
    """
    n_text = m.group("n").lower()
    unit = m.group("u").lower()
    after = ctx.after(m.end("x"), 12)
    if _AGE.match(after) or re.search(r"\baged?\s*$", ctx.before(m.start("x"), 8), re.I):
        return None
    if m.group("u")[:1].isupper() and not m.group("x")[:1].isupper():
        return None  # "60 Minutes" is a programme
    if unit.startswith("quarter") and (n_text in ("a", "an", "one", "three") or re.match(r"\s+of\b", after)):
        return None  # "a quarter of the population"
    if unit.startswith("second") and n_text in ("a", "an"):
        return None  # "a second time"
    if n_text in ("a", "an", "one") and not m.group("q") and "-" not in m.group("x"):
        before = ctx.before(m.start("x"), 12)
        if _RATE_BEFORE.search(before):
            return None  # "$5 a day", "twice a week": a rate, not a length
        if n_text == "one" and unit in ("day", "night") and not re.search(r"\b(?:for|within|in|after|than|about|only|just)\s*$", before, re.I):
            return None  # "one day he will ..." names no length
    if n_text in ("a", "an") and _RATE_BEFORE.search(ctx.before(m.start("x"), 12)):
        return None
    amount = parse_number(m.group("n") + (m.group("half") or ""))
    if amount is None or amount <= 0:
        return None
    designator, multiple = unit_code(unit)
    value = cal.duration(amount, designator, multiple)
    return Reading(value, hedge_confidence(m.group("q"), 0.9), kind="duration") if value else None


@rule(
    "half_unit",
    rf"{L}(?P<x>half\s+an?\s+(?P<u>hour|day|week|month|year|decade|century))(?![\w-])",
    trigger={"half"}, reach=0,
)
def half_unit(m: re.Match, ctx: Context) -> Reading | None:
    """Half an hour → PT30M, half a century → P50Y."""
    designator, multiple = unit_code(m.group("u"))
    return Reading(cal.duration(0.5, designator, multiple), 0.9, kind="duration")


@rule(
    "vague",
    rf"{L}(?P<x>(?:the\s+)?(?:recent|coming|past|last|next|previous|following|upcoming)\s+(?:few\s+|several\s+|many\s+)?(?:days|weeks|months|years|decades)"
    rf"|(?:a\s+few|several|many)\s+(?:more\s+)?(?:days|weeks|months|years|decades|hours)"
    rf"|(?:hours|days|weeks|months|years|decades)\s+ago"
    rf"|(?:{NUMBER})\s+(?:to|or)\s+(?:{NUMBER})\s+(?:{UNIT}))(?![\w-])",
    trigger=UNIT_WORDS, reach=70,
)
def vague(m: re.Match, ctx: Context) -> Reading | None:
    """In recent weeks, the coming days, several years, two to three weeks: recognised, value None.

    The contract's forms have no open or fuzzy end, so these stay unresolved rather than guessed.
    """
    return Reading(None, 0.5, kind="vague")


@rule(
    "anaphoric",
    rf"{L}(?P<x>the\s+(?:next|following|previous|preceding|same)\s+(?:day|morning|evening|night|week|month|year)|the\s+day\s+(?:before|after)(?!\s+(?:yesterday|tomorrow))"
    r"|(?:earlier|later)\s+that\s+(?:day|week|month|year)|that\s+(?:same\s+)?(?:day|night|morning|evening))(?![\w-])",
    trigger={"day", "morning", "evening", "night", "week", "month", "year"}, reach=40,
)
def anaphoric(m: re.Match, ctx: Context) -> Reading | None:
    """The next day, that same day, earlier that year: anchored on another date in the story, not on
    the publish date. Recognised, left unresolved (the contract's null) rather than guessed.

    ("Two days later" and "a year earlier" are read as their lengths, P2D and P1Y, by ``duration``.)"""
    return Reading(None, 0.6, kind="vague")


RULES = [weekday, day_word, period, the_weekend, ago, window, duration, half_unit, vague, anaphoric]
