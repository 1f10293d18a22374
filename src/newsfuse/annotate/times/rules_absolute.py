"""Rules for calendar expressions: dates, months, years, decades, centuries, seasons, quarters,
holidays and clock times. Where the text leaves the year out ("on March 1"), the year comes from the
anchor and the clause's tense; without an anchor such a phrase is recognised but left unresolved.

Why one module of this length: one short ``@rule`` per kind of calendar expression, sharing the
reading helpers; :mod:`.rules_relative` holds the rules that need the publish date.

>>> from datetime import date
>>> ctx = Context("x", date(2019, 3, 5), 0, 1)
>>> month_day_reading(ctx, 0, 1, 2, 22, None).value, month_day_reading(ctx, 0, 1, 12, 20, None).value
('2019-02-22', '2018-12-20')
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from . import calendar as cal
from .lexicon import (
    AMBIGUOUS_MONTHS,
    MONTH,
    MONTH_WORDS,
    NUMBER_WORD,
    ORDINAL_DAY,
    ORDINAL_WORD,
    ORDINAL_WORDS,
    SEASON,
    SEASONS,
    WEEKDAY,
    day_number,
    month_number,
    parse_number,
    weekday_number,
)
from .rules import L, Context, Reading, capitalised, rule, sentence_initial
from ...text.lexicon import word_map, word_set

YEAR = r"(?:1\d{3}|20\d\d)"
_ONES = r"(?:one|two|three|four|five|six|seven|eight|nine)"
# Years in words, as broadcast transcripts write them: "nineteen ninety-six", "two thousand and one".
SPELLED_YEAR = (
    rf"(?:(?:nineteen|eighteen)\s+(?:hundred(?:\s+and)?(?:\s+{NUMBER_WORD})?|{NUMBER_WORD}|oh[\s-]+{_ONES})"
    rf"|two\s+thousand(?:\s+and)?(?:\s+{NUMBER_WORD})?)"
)
_YEAR_END = r"(?![\w/-]|[.,]\d)"

# --------------------------------------------------------------------------- shared readers


def month_day_reading(
    ctx: Context, start: int, end: int, month: int, day: int, year: str | None, weekday: int | None = None
) -> Reading | None:
    """A day of a month; the year from the text, else the one the anchor and tense make likeliest."""
    if year:
        d = cal.safe_date(int(year), month, day)
        return Reading(cal.iso(d), 0.97, day=True) if d else None
    if cal.safe_date(2000, month, day) is None:  # 2000 is a leap year: 29 February is allowed
        return None
    if ctx.anchor is None:
        return Reading(None, 0.8, year_inferred=True, day=True)
    anchor = ctx.anchor
    if weekday is not None:  # "Saturday, April 25": the weekday names the year
        fits = [d for d in (cal.safe_date(anchor.year + k, month, day) for k in (-1, 0, 1)) if d and d.weekday() == weekday]
        if fits:
            d = min(fits, key=lambda c: abs((c - anchor).days))
            return Reading(cal.iso(d), 0.93, year_inferred=True, day=True)
    make = lambda y: cal.safe_date(y, month, day)  # noqa: E731
    nearest = cal.pick_year(anchor, make, None)
    d = cal.pick_year(anchor, make, ctx.tense(start, end)) or nearest
    # A tense cue is a hint, not proof ("said it would extend its bid ... to Nov. 6"): it may not push
    # a date that lies within weeks of publication a whole year away.
    if nearest and abs((d - anchor).days) > 180 and abs((nearest - anchor).days) <= 45:
        d = nearest
    return Reading(cal.iso(d), 0.9, year_inferred=True, day=True) if d else None


def month_reading(ctx: Context, start: int, end: int, month: int, rel: str | None) -> Reading:
    """A month named alone ("in March", "last October")."""
    if ctx.anchor is None:
        return Reading(None, 0.75, year_inferred=True)
    a = ctx.anchor
    here = a.year * 12 + a.month - 1
    options = [(y, y * 12 + month - 1) for y in (a.year - 1, a.year, a.year + 1)]
    rel = (rel or "").lower().split()
    if rel == ["this"]:
        year = a.year
    elif rel[:1] == ["last"] or rel == ["this", "past"]:
        year = max(y for y, i in options if i < here)
    elif rel[:1] == ["next"] or rel == ["this", "coming"]:
        year = min(y for y, i in options if i > here)
    else:
        tense = ctx.tense(start, end)
        ahead = min(i for y, i in options if i >= here) - here
        # News mostly reports what happened: without a cue, the latest such month so far, unless
        # the month is at most two ahead ("in May", written in March, is this May).
        if tense == "future" or (tense is None and ahead <= 2):
            year = min(y for y, i in options if i >= here)
        else:
            year = max(y for y, i in options if i <= here)
    return Reading(cal.month_value(year, month), 0.85, year_inferred=True)


def pick_period(anchor: date, periods: list[str], mode: str | None) -> str | None:
    """Choose among candidate calendar periods (intervals) relative to the anchor.

    ``this``: the one holding the anchor, else the nearest; ``last``: the latest wholly before it;
    ``next``: the earliest wholly after it; ``past``: the latest begun by then; ``future``: the
    earliest not yet over; None: as ``this``.
    """
    spans = [(p, cal.bounds(p)) for p in periods]
    if mode == "last":
        done = [p for p, (s, e) in spans if e < anchor]
        return done[-1] if done else None
    if mode == "next":
        ahead = [p for p, (s, e) in spans if s > anchor]
        return ahead[0] if ahead else None
    if mode == "past":
        begun = [p for p, (s, e) in spans if s <= anchor]
        return begun[-1] if begun else None
    if mode == "future":
        open_ = [p for p, (s, e) in spans if e >= anchor]
        return open_[0] if open_ else None
    for p, (s, e) in spans:
        if s <= anchor <= e:
            return p
    return min(spans, key=lambda ps: min(abs((ps[1][0] - anchor).days), abs((ps[1][1] - anchor).days)))[0]


def _month_ok(ctx: Context, m: re.Match, alone: bool) -> bool:
    """Month names that are also words ("may", "march") need a capital; alone, a date-like neighbour."""
    word = m.group("mon")
    key = word.lower().rstrip(".")
    if key in AMBIGUOUS_MONTHS and not capitalised(word):
        return False
    if not alone:
        return True
    if key != word.lower() or len(key) <= 3 and key != "may":  # abbreviations need a day or year
        return False
    if not capitalised(word):
        return False
    if re.match(r"\s+[A-Z][a-z]", ctx.after(m.end("mon"), 20)) and not re.match(r"\s+(?:I|The|A)\b", ctx.after(m.end("mon"), 20)):
        return False  # "June Smith", "April Fools"
    if m.group("rel") or m.group("mod"):
        return True
    prev = re.search(r"(\w+)\W*$", ctx.before(m.start("mon"), 25))
    prev_word = prev.group(1).lower() if prev else ""
    if key in AMBIGUOUS_MONTHS or sentence_initial(ctx, m.start("mon")):
        return prev_word in _MONTH_PREPOSITIONS
    return True


_MONTH_PREPOSITIONS = set(word_set("time_words.tsv", "month_preposition"))

# --------------------------------------------------------------------------- dates


@rule(
    "iso_date",
    rf"{L}(?P<y>{YEAR})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:T\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?(?![\w/-])",
    trigger={"#year"}, reach=0,
)
def iso_date(m: re.Match, ctx: Context) -> Reading | None:
    d = cal.safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    return Reading(cal.iso(d), 0.98, day=True) if d else None


@rule(
    "numeric_date",
    rf"{L}(?P<a>\d{{1,4}})(?P<sep>[/.])(?P<b>\d{{1,2}})(?P=sep)(?P<c>\d{{4}}|\d{{2}})(?![\w/]|\.\d)",
    trigger={"#num"}, reach=12,
)
def numeric_date(m: re.Match, ctx: Context) -> Reading | None:
    """2019/03/05; 5/3/2019 when the order is clear (a part above 12), else unresolved."""
    a, b, c = int(m.group("a")), int(m.group("b")), m.group("c")
    if len(m.group("a")) == 4:
        d = cal.safe_date(a, b, int(c)) if len(c) == 2 else None
        return Reading(cal.iso(d), 0.95, day=True) if d else None
    if len(m.group("a")) > 2:
        return None
    year = int(c)
    if len(c) == 2:
        pivot = (ctx.anchor.year % 100 + 1) if ctx.anchor else 50
        year += 2000 if year <= pivot else 1900
    if a > 12 and b <= 12:
        day, month = a, b
    elif b > 12 and a <= 12:
        day, month = b, a
    elif a == b:
        day = month = a
    else:
        return Reading(None, 0.6, day=True)  # 05/03/2019: 5 March or May 3 — never a guess
    d = cal.safe_date(year, month, day)
    return Reading(cal.iso(d), 0.9, day=True) if d else None


@rule(
    "day_month",
    rf"{L}(?P<x>(?:(?P<lead>from|(?P<between>between))\s+)?(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?(?P<d>{ORDINAL_DAY}|{ORDINAL_WORD})"
    rf"(?:\s*(?P<c>-|–|to|(?(between)and|(?!)))\s*(?P<d2>{ORDINAL_DAY}))?\s+(?P<of>of\s+)?(?P<mon>{MONTH})(?:,?\s+(?P<y>{YEAR}))?)"
    rf"(?![\w-]|[.,]\d)",
    trigger=MONTH_WORDS, reach=60,
)
def day_month(m: re.Match, ctx: Context) -> Reading | None:
    """5 March 2019, the 5th of March, 1-3 March."""
    if not _month_ok(ctx, m, alone=False):
        return None
    if m.group("d").lower() in ORDINAL_WORDS and not m.group("of"):
        return None  # "second March" is not a date; "the second of March" is
    if re.search(r"[\d,.]\s*$", ctx.before(m.start("x"), 3)):
        return None
    return _day_range(m, ctx)


@rule(
    "month_day",
    rf"{L}(?P<x>(?:(?P<lead>from|(?P<between>between))\s+)?(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<mon>{MONTH})\s+(?:the\s+)?(?P<d>{ORDINAL_DAY}|{ORDINAL_WORD})"
    rf"(?:\s*(?P<c>-|–|to|through|(?(between)and|(?!)))\s*(?P<d2>{ORDINAL_DAY}))?(?:,?\s+(?P<y>{YEAR}))?)(?![\w-]|[.,]\d|\s+(?:{MONTH}))",
    trigger=MONTH_WORDS, reach=40,
)
def month_day(m: re.Match, ctx: Context) -> Reading | None:
    """March 1, 2019; Nov. 6; March 1-3."""
    if not _month_ok(ctx, m, alone=False):
        return None
    return _day_range(m, ctx)


def _day_range(m: re.Match, ctx: Context) -> Reading | None:
    if m.group("lead") and not m.group("d2"):
        return None  # "from March 1" alone: the date without the lead word is found at the next position
    month = month_number(m.group("mon"))
    weekday = weekday_number(m.group("wd")) if m.group("wd") else None
    start, end = m.span("x")
    first = month_day_reading(ctx, start, end, month, day_number(m.group("d")), m.group("y"), weekday)
    if first is None or not m.group("d2"):
        return first
    last_day = day_number(m.group("d2"))
    if first.value is None:
        return Reading(None, first.confidence, kind="point", year_inferred=first.year_inferred)
    d1 = date.fromisoformat(first.value)
    d2 = cal.safe_date(d1.year, month, last_day)
    if d2 is None or d2 <= d1:
        return None
    return Reading(cal.interval(first.value, cal.iso(d2)), first.confidence, year_inferred=first.year_inferred)


@rule(
    "month_year",
    rf"{L}(?P<x>(?:(?P<mod>early|mid|late|the\s+(?:beginning|start|end|middle)\s+of)[\s-]+)?(?P<mon>{MONTH}),?\s+"
    rf"(?:of\s+)?(?:(?P<y>{YEAR})|(?P<sy>{SPELLED_YEAR})|(?P<ry>this|last|next)\s+year))(?![\w/-]|[.,]\d)",
    trigger=MONTH_WORDS, reach=40,
)
def month_year(m: re.Match, ctx: Context) -> Reading | None:
    """March 2019, mid-March 2019, January this year."""
    if not _month_ok(ctx, m, alone=False):
        return None
    month = month_number(m.group("mon"))
    if m.group("y") or m.group("sy"):
        year = int(m.group("y")) if m.group("y") else spelled_year_value(m.group("sy"))
        if year is None:
            return None
        conf = 0.96
    else:
        if ctx.anchor is None:
            return Reading(None, 0.8)
        year = ctx.anchor.year + {"this": 0, "last": -1, "next": 1}[m.group("ry").lower()]
        conf = 0.92
    return Reading(cal.month_value(year, month), conf - (0.15 if m.group("mod") else 0))


@rule(
    "month",
    rf"{L}(?P<x>(?:(?P<rel>last|this|next|this\s+past|this\s+coming)\s+|(?P<mod>early|mid|late|the\s+(?:beginning|start|end|middle)\s+of)[\s-]+)?"
    rf"(?P<mon>{MONTH}))(?![\w-]|\s+\d|'s\s+\d)",
    trigger=MONTH_WORDS, reach=40,
)
def month_alone(m: re.Match, ctx: Context) -> Reading | None:
    """In March, last October, mid-June: the year from the anchor and tense."""
    if not _month_ok(ctx, m, alone=True):
        return None
    reading = month_reading(ctx, *m.span("x"), month_number(m.group("mon")), m.group("rel"))
    if m.group("mod"):
        return Reading(reading.value, reading.confidence - 0.15, year_inferred=True)
    return reading


# --------------------------------------------------------------------------- years, decades, centuries

_YEAR_PREV_BLOCK = re.compile(
    r"(?:resolution|no\.?|nos\.?|number|route|flight|article|chapter|room|page|section|highway|model|law|decree"
    r"|code|unit|bus|squad|item|paragraph|tel\.?|phone|version|platform|gate|km|kilometres?|miles?|\$|£|€|#)\s*$",
    re.IGNORECASE,
)
_YEAR_NEXT_BLOCK = re.compile(
    r"\s*(?:people|persons|civilians|troops|soldiers|fighters|militants|jihadists|men|women|children|families"
    r"|refugees|migrants|residents|detainees|prisoners|dead|deaths|bodies|killed|injured|wounded|homes|houses"
    r"|buildings|tons|tonnes|km|kilomet|miles|metres|meters|feet|dollars|euros|pounds|%|percent|per\s+cent"
    r"|units|votes|cases|points|barrels|more|others|of\s+(?:them|whom|the\s+\w+s)\b)",
    re.IGNORECASE,
)
# "2000 were killed" is a count, but "since 1993 were" is not: verbs block only without a preposition.
_YEAR_NEXT_VERB = re.compile(r"\s*(?:were|have|are|had|died|fled)\b", re.IGNORECASE)
_TEMPORAL_PREPOSITIONS = set(word_set("time_words.tsv", "temporal_preposition"))


@rule(
    "year",
    rf"{L}(?P<x>(?:(?P<mod>early|mid|late|the\s+(?:beginning|start|end|middle)\s+of|(?:the\s+)?fiscal(?:\s+year)?|the\s+year|calendar(?:\s+year)?)[\s-]+)?"
    rf"(?P<y>{YEAR}))(?![\w/]|-\d|[.,]\d|\s*(?:%|percent))",
    trigger={"#year"}, reach=40,
)
def year(m: re.Match, ctx: Context) -> Reading | None:
    """In 2011, mid-2018, the 2011 election — but not 2000 people or Resolution 1973."""
    y = int(m.group("y"))
    before = ctx.before(m.start("y"), 20)
    if _YEAR_PREV_BLOCK.search(before) or re.search(r"\d[,.:]$", before):
        return None
    prev = re.search(r"(\w+\.?)\W*$", ctx.before(m.start("x"), 25))
    prev_word = prev.group(1).lower() if prev else ""
    after = ctx.after(m.end("y"), 30)
    if _YEAR_NEXT_BLOCK.match(after) or (_YEAR_NEXT_VERB.match(after) and prev_word not in _TEMPORAL_PREPOSITIONS):
        return None
    if not (1900 <= y <= 2099 or prev_word in _TEMPORAL_PREPOSITIONS or m.group("mod")):
        return None
    return Reading(cal.year_value(y), 0.8 if m.group("mod") and "fiscal" not in m.group("mod").lower() else 0.93)


@rule(
    "year_range",
    rf"{L}(?P<x>(?:(?P<lead>from|(?P<between>between))\s+)?(?P<y1>{YEAR})\s*(?P<c>-|–|—|to|(?(between)and|(?!)))\s*(?P<y2>{YEAR}|\d\d))(?![\w/-]|[.,]\d|\s*%)",
    trigger={"#year"}, reach=12,
)
def year_range(m: re.Match, ctx: Context) -> Reading | None:
    """2011-2014, 2018-19, from 2014 to 2017, between 2011 and 2013."""
    y1, y2 = int(m.group("y1")), m.group("y2")
    y2n = int(y2) if len(y2) == 4 else (y1 // 100) * 100 + int(y2)
    if y2n <= y1 or y2n - y1 > 200 or re.search(r"[\d,.:$]\s*$", ctx.before(m.start("x"), 3)):
        return None
    return Reading(cal.interval(cal.year_value(y1), cal.year_value(y2n)), 0.9)


_DECADE_WORDS = {w: int(n) for w, n in word_map("time_words.tsv", "decade").items()}


@rule(
    "decade",
    rf"{L}(?P<x>(?:the\s+)?(?:(?P<mod>early|mid|late)[\s-]+)?(?:(?P<y>1\d\d0|20\d0)['’]?s|['‘’](?P<yy>\d0)s"
    rf"|(?P<w>{'|'.join(map(re.escape, _DECADE_WORDS))})))(?![\w-])",
    trigger={"#decade", "#year", *_DECADE_WORDS}, reach=30,
)
def decade(m: re.Match, ctx: Context) -> Reading | None:
    """The 1990s, the early '80s, the nineties → 199 (ISO reduced to the decade)."""
    if m.group("w") and re.search(r"\b(?:his|her|their|its|my|our|your)\s+(?:early\s+|mid\s+|late\s+)?$", ctx.before(m.start("x"), 20), re.I):
        return None  # "in her sixties" is an age
    conf = 0.8 if m.group("mod") else 0.92
    if m.group("y"):
        return Reading(m.group("y")[:3], conf)
    tens = int(m.group("yy")[0]) if m.group("yy") else _DECADE_WORDS[m.group("w").lower()]
    if ctx.anchor is None:
        return Reading(None, 0.6)
    century = ctx.anchor.year // 100
    if century * 100 + tens * 10 > ctx.anchor.year:
        century -= 1
    return Reading(f"{century:02d}{tens}", conf - 0.05)


@rule(
    "century",
    rf"{L}(?P<x>(?:the\s+)?(?:(?P<mod>early|mid|late)[\s-]+)?(?P<n>\d{{1,2}}(?:st|nd|rd|th)|{ORDINAL_WORD})[\s-]+century)(?![\w-])",
    trigger={"century", "centuries"}, reach=40,
)
def century(m: re.Match, ctx: Context) -> Reading | None:
    """The 20th century → 19 (ISO reduced to the century)."""
    n = day_number(m.group("n"))
    if not n or n > 21:
        return None
    return Reading(f"{n - 1:02d}", 0.8 if m.group("mod") else 0.9)


def spelled_year_value(text: str) -> int | None:
    """1996 for "nineteen ninety-six", 1905 for "nineteen oh five", 2001 for "two thousand and one"."""
    words = re.sub(r"[\s-]+", " ", text.lower()).strip().split(" ")
    if words[:2] == ["two", "thousand"]:
        rest = [w for w in words[2:] if w != "and"]
        n = parse_number(" ".join(rest)) if rest else 0
        return None if n is None else 2000 + int(n)
    base = {"nineteen": 1900, "eighteen": 1800}.get(words[0])
    rest = words[1:]
    if base is None or not rest:
        return None
    if rest[0] == "hundred":
        tail = [w for w in rest[1:] if w != "and"]
        n = parse_number(" ".join(tail)) if tail else 0
        return None if n is None else base + int(n)
    if rest[0] == "oh":
        n = parse_number(" ".join(rest[1:]))
        return None if n is None else base + int(n)
    n = parse_number(" ".join(rest))
    return None if n is None or n < 10 else base + int(n)


@rule(
    "spelled_year",
    rf"{L}(?P<x>(?P<lead>the\s+year\s+)?(?P<sy>{SPELLED_YEAR}))(?![\w-])",
    trigger={"nineteen", "eighteen", "thousand"}, reach=15,
)
def spelled_year(m: re.Match, ctx: Context) -> Reading | None:
    """Nineteen ninety-six, the year two thousand (transcripts of broadcasts)."""
    y = spelled_year_value(m.group("sy"))
    if y is None:
        return None
    if y >= 2000:
        prev = re.search(r"(\w+)\W*$", ctx.before(m.start("x"), 20))
        if not m.group("lead") and not (prev and prev.group(1).lower() in {"in", "since", "by", "until", "of", "during", "before", "after"}):
            return None  # "two thousand" is far more often a count
        if _YEAR_NEXT_BLOCK.match(ctx.after(m.end("x"), 30)):
            return None
    return Reading(cal.year_value(y), 0.85)


# --------------------------------------------------------------------------- seasons, quarters, halves


@rule(
    "season",
    rf"{L}(?P<x>(?:(?P<rel>this\s+past|this\s+coming|the\s+past|the\s+coming|last|this|next|the|(?P<mod>early|late|mid)(?:[\s-]+(?:last|this|next))?)[\s-]+)?"
    rf"(?P<s>{SEASON})(?:\s+of\s+(?:(?P<y>{YEAR})|(?P<sy>{SPELLED_YEAR}))|,?\s+(?P<y2>{YEAR}))?)(?![\w-])",
    trigger=set(SEASONS), reach=30,
)
def season(m: re.Match, ctx: Context) -> Reading | None:
    """Last summer, the winter of 2018, spring 2019 → an interval of three months."""
    word = m.group("s")
    year_text = m.group("y") or m.group("y2") or (str(spelled_year_value(m.group("sy")) or "") if m.group("sy") else None)
    rel = (m.group("rel") or "").lower()
    before = ctx.before(m.start("x"), 30)
    prev = re.search(r"(\S+)\s*$", before)
    if capitalised(word) and not (year_text or sentence_initial(ctx, m.start("s"))):
        return None  # "Arab Spring", "Operation Peace Spring"
    if prev and capitalised(prev.group(1)) and not rel and not sentence_initial(ctx, m.start("x")):
        return None
    if not year_text and re.match(r"\s+of\b", ctx.after(m.end("x"), 6)):
        return None  # "the fall of Raqqa"
    prev_word = prev.group(1).lower().strip(",") if prev else ""
    if not (rel or year_text or prev_word in {"in", "during", "by", "since", "until", "through", "throughout", "over", "before", "after"}):
        return None
    if word.lower() == "fall" and not (rel or year_text):
        return None  # "prices in fall" is too rare to outweigh the verb
    name = SEASONS[word.lower()]
    conf = 0.75 if m.group("mod") else 0.88
    if year_text:
        return Reading(cal.season_interval(int(year_text), name), conf + 0.05)
    if ctx.anchor is None:
        return Reading(None, 0.7)
    periods = [cal.season_interval(ctx.anchor.year + k, name) for k in (-2, -1, 0, 1)]
    words = rel.split()
    if "last" in words or words[-1:] == ["past"]:
        mode = "last"
    elif "next" in words or words[-1:] == ["coming"]:
        mode = "next"
    elif "this" in words:
        mode = None
    else:
        tense = ctx.tense(*m.span("x"))
        mode = tense if tense else None
    value = pick_period(ctx.anchor, periods, mode)
    return Reading(value, conf, year_inferred=True) if value else Reading(None, 0.6)


# Quarter and half ordinals (time_words.tsv; "last" is read as the final one).
_ORDINALS = {w: int(n) for w, n in word_map("time_words.tsv", "quarter_ordinal").items()}


@rule(
    "quarter",
    rf"{L}(?P<x>(?:(?:the|its|this|a|(?P<ry>this|last|next)\s+year['’]s)\s+)?(?:(?P<y0>{YEAR})\s+)?(?:(?:fiscal|calendar)[\s-]+)?"
    rf"(?P<ord>{'|'.join(map(re.escape, [*_ORDINALS, 'last']))})[\s-]+(?:(?:fiscal|calendar)[\s-]+)?(?P<u>quarter|half)"
    rf"(?:\s+of\s+(?:(?:fiscal\s+)?(?P<y>{YEAR})|(?P<ry2>this|last|next)\s+year|the\s+(?:current\s+)?year)|,?\s+(?P<y2>{YEAR}))?)(?![\w-])",
    trigger={"quarter", "half"}, reach=50,
)
def quarter(m: re.Match, ctx: Context) -> Reading | None:
    """The third quarter of 2018, first-half, this year's second quarter → an interval."""
    unit = m.group("u").lower()
    year_text = m.group("y0") or m.group("y") or m.group("y2")
    ordinal = m.group("ord").lower()
    if ordinal == "last" and not year_text:
        return None  # "last quarter" is the previous quarter (period rule), not the fourth
    n = (2 if unit == "half" else 4) if ordinal in ("final", "last") else _ORDINALS[ordinal]
    if unit == "half" and n > 2:
        return None
    make = (lambda y: cal.quarter_interval(y, n)) if unit == "quarter" else (lambda y: cal.half_interval(y, n))
    if year_text:
        return Reading(make(int(year_text)), 0.93)
    if ctx.anchor is None:
        return Reading(None, 0.7)
    rel = (m.group("ry") or m.group("ry2") or "").lower()
    if rel or re.search(r"of\s+the\s+(?:current\s+)?year$", m.group("x"), re.I):
        return Reading(make(ctx.anchor.year + {"this": 0, "last": -1, "next": 1, "": 0}[rel]), 0.88)
    # The nearest such quarter: in October "the third quarter" is the one just reported on, whatever
    # the tense of "is expected to report third-quarter earnings".
    value = pick_period(ctx.anchor, [make(ctx.anchor.year + k) for k in (-1, 0, 1)], None)
    return Reading(value, 0.8, year_inferred=True)


@rule(
    "quarter_code",
    rf"{L}(?P<x>(?:(?P<y0>{YEAR})\s+)?(?P<qh>[QH])(?P<n>[1-4])(?:\s+(?P<y>{YEAR})|\s*['’](?P<yy>\d\d))?)(?![\w-])",
    flags=0,
    trigger={"q", "h"}, reach=10,
)
def quarter_code(m: re.Match, ctx: Context) -> Reading | None:
    """Q3 2018, 2019 Q1, H1 2019."""
    n = int(m.group("n"))
    if m.group("qh") == "H" and n > 2:
        return None
    make = cal.quarter_interval if m.group("qh") == "Q" else cal.half_interval
    year_text = m.group("y0") or m.group("y")
    if year_text:
        return Reading(make(int(year_text), n), 0.93)
    if m.group("yy"):
        return Reading(make(2000 + int(m.group("yy")), n), 0.85)
    if ctx.anchor is None:
        return Reading(None, 0.6)
    value = pick_period(ctx.anchor, [make(ctx.anchor.year + k, n) for k in (-1, 0, 1)], "past")
    return Reading(value, 0.75, year_inferred=True)


# --------------------------------------------------------------------------- holidays and clock times


def _thanksgiving(year: int) -> date:
    first = date(year, 11, 1)
    return first + timedelta(days=(3 - first.weekday()) % 7 + 21)


_HOLIDAYS = {
    "christmas": lambda y: date(y, 12, 25), "christmas day": lambda y: date(y, 12, 25),
    "christmas eve": lambda y: date(y, 12, 24), "new year's day": lambda y: date(y, 1, 1),
    "new year's eve": lambda y: date(y, 12, 31), "thanksgiving": _thanksgiving, "thanksgiving day": _thanksgiving,
    "valentine's day": lambda y: date(y, 2, 14), "halloween": lambda y: date(y, 10, 31),
}  # fmt: skip
_HOLIDAY_LEADS = set(word_set("time_words.tsv", "holiday_lead"))


@rule(
    "holiday",
    rf"{L}(?P<x>(?P<h>Christmas\s+(?:Day|Eve)|Christmas|New\s+Year['’]s\s+(?:Day|Eve)|Thanksgiving(?:\s+Day)?|Valentine['’]s\s+Day|Halloween)"
    rf"(?:,?\s+(?P<y>{YEAR}))?)(?![\w-])",
    flags=0,
    trigger={"christmas", "year", "thanksgiving", "valentine", "halloween"}, reach=0,
)
def holiday(m: re.Match, ctx: Context) -> Reading | None:
    """Christmas Day, New Year's Eve 2018, Thanksgiving."""
    key = re.sub(r"\s+", " ", m.group("h").lower().replace("’", "'"))
    make = _HOLIDAYS[key]
    prev = re.search(r"(\w+)\W*$", ctx.before(m.start("x"), 20))
    prev_word = prev.group(1).lower() if prev else ""
    if not m.group("y") and not re.search(r"(?:Day|Eve)$", m.group("h")) and prev_word not in _HOLIDAY_LEADS:
        return None  # "Christmas trees" names no day
    if m.group("y"):
        return Reading(cal.iso(make(int(m.group("y")))), 0.95, day=True)
    if ctx.anchor is None:
        return Reading(None, 0.7, day=True)
    mode = {"last": "past", "next": "future", "this": None}.get(prev_word) or ctx.tense(*m.span("x"))
    d = cal.pick_year(ctx.anchor, make, mode)
    return Reading(cal.iso(d), 0.85, year_inferred=True, day=True) if d else Reading(None, 0.6, day=True)


@rule(
    "clock",
    rf"{L}(?P<x>(?:(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<mi>[0-5]\d))?\s*[ap]\.?\s?m\b\.?"
    r"|(?P<h24>[01]\d|2[0-3]):?(?P<m24>[0-5]\d)\s*(?:GMT|UTC|hrs|hours|local\s+time)"
    r"|(?:noon|midnight)"
    r"|(?P<hc>[01]?\d|2[0-3]):(?P<mc>[0-5]\d)(?![\d:]))"
    r"(?:\s+\(?(?:GMT|UTC|[ECMP][SD]T|local\s+time)\)?)?)",
    trigger={"#num", "noon", "midnight"}, reach=12,
)
def clock(m: re.Match, ctx: Context) -> Reading | None:
    """10 p.m., 0700 GMT, noon: recognised; a value only when joined to a day (see times.py)."""
    if m.group("hc") is not None:
        prev = re.search(r"(\w+)\W*$", ctx.before(m.start("x"), 20))
        if not (prev and prev.group(1).lower() in {"at", "around", "about", "by", "before", "after", "until", "from", "since", "till"}):
            return None  # "10:30" alone may be a score or a verse
    return Reading(None, 0.7, kind="clock")


RULES = [
    iso_date, numeric_date, day_month, month_day, month_year, month_alone, year, year_range, decade, century,
    spelled_year, season, quarter, quarter_code, holiday, clock,
]  # fmt: skip
