"""Calendar arithmetic for resolving time expressions against an anchor (the publish date), and
the value strings of the contract: ISO dates, reduced dates, intervals and durations.

Conventions (the contract leaves them open; every module and consumer relies on these):

- Intervals are ``start/end`` with both ends inclusive whole calendar periods: ``2019-03-01/2019-03-31``
  is all of March. Ends may be reduced dates (``2011/2019-03-05`` for "since 2011").
- A window that ends "now" ("the past 48 hours", "the past 10 days") covers every calendar day it
  touches: it starts N units before the publish date and ends on it (48 hours → ``2019-03-03/2019-03-05``).
- Weeks are ISO weeks (Monday to Sunday); a weekend is Saturday and Sunday.
- Seasons are northern-hemisphere meteorological seasons; winter Y is December Y to February Y+1.

>>> a = date(2019, 3, 5)  # a Tuesday
>>> weekday_date(a, 0, "past"), weekday_date(a, 3, "future"), weekday_date(a, 1, "last")
(datetime.date(2019, 3, 4), datetime.date(2019, 3, 7), datetime.date(2019, 2, 26))
>>> week_interval(a), window_back(a, 48, "H", 1), season_interval(2018, "winter")
('2019-03-04/2019-03-10', '2019-03-03/2019-03-05', '2018-12-01/2019-02-28')
>>> bounds("2019-02"), bounds("2011/2019-03-05")
((datetime.date(2019, 2, 1), datetime.date(2019, 2, 28)), (datetime.date(2011, 1, 1), datetime.date(2019, 3, 5)))
"""

from __future__ import annotations

import calendar
import math
import re
from datetime import date, timedelta

# --------------------------------------------------------------------------- formatting


def iso(d: date) -> str:
    return d.isoformat()


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def year_value(year: int) -> str:
    return f"{year:04d}"


def interval(start: str, end: str) -> str:
    return f"{start}/{end}"


def duration(amount: float, designator: str, multiple: int = 1) -> str | None:
    """The ISO 8601 duration of ``amount`` units: ``P10D``, ``PT48H``, ``P1Y6M`` (a year and a half).

    A fraction is restated in the next smaller unit (weeks become days, as ISO does not mix weeks).

    >>> duration(2, "W"), duration(48, "H"), duration(1.5, "Y"), duration(0.5, "H"), duration(3, "Y", 10)
    ('P2W', 'PT48H', 'P1Y6M', 'PT30M', 'P30Y')
    >>> duration(18.5, "M"), duration(1.5, "W"), duration(2.5, "D")
    ('P18M15D', 'P10DT12H', 'P2DT12H')
    """
    n = amount * multiple
    smaller = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("MIN", 60), "MIN": ("S", 60)}
    parts: dict[str, int] = {}
    if designator == "W" and n != int(n):
        designator, n = "D", n * 7
    for _ in range(4):
        whole = int(n + 1e-9)
        if whole:
            parts[designator] = whole
        n -= whole
        if n < 1e-9:
            break
        if designator not in smaller:
            return None
        designator, factor = smaller[designator]
        n *= factor
    else:
        return None
    date_part = "".join(f"{parts[k]}{k}" for k in ("Y", "M", "W", "D") if k in parts)
    time_part = "".join(f"{parts[k]}{'M' if k == 'MIN' else k}" for k in ("H", "MIN", "S") if k in parts)
    return "P" + date_part + (f"T{time_part}" if time_part else "") if parts else None


# --------------------------------------------------------------------------- arithmetic


def parse_anchor(published: str | None) -> date | None:
    """The date part of an ISO date or datetime, or None."""
    if not published:
        return None
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", published)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def add_months(d: date, months: int) -> date:
    """``d`` moved by whole months, the day clamped to the target month's length."""
    total = d.year * 12 + (d.month - 1) + months
    year, month = divmod(total, 12)
    return date(year, month + 1, min(d.day, calendar.monthrange(year, month + 1)[1]))


def shift(d: date, amount: float, designator: str, multiple: int = 1) -> date:
    """``d`` moved by ``amount`` units (negative: back). Hours round outward to whole days."""
    n = amount * multiple
    if designator == "D":
        return d + timedelta(days=round(n))
    if designator == "W":
        return d + timedelta(days=round(7 * n))
    if designator == "M":
        return add_months(d, round(n))
    if designator == "Y":
        months = round(12 * n)
        return add_months(d, months)
    if designator == "H":
        days = math.ceil(abs(n) / 24)
        return d + timedelta(days=days if n >= 0 else -days)
    return d  # minutes and seconds stay within the day


def at_granularity(d: date, designator: str) -> str:
    """``d`` written as precisely as a count of these units warrants ("3 months ago" → a month)."""
    if designator == "M":
        return month_value(d.year, d.month)
    if designator == "Y":
        return year_value(d.year)
    return iso(d)


def window_back(anchor: date, amount: float, designator: str, multiple: int = 1) -> str:
    """The interval of the last N units, ending on the anchor."""
    return interval(iso(shift(anchor, -amount, designator, multiple)), iso(anchor))


def window_ahead(anchor: date, amount: float, designator: str, multiple: int = 1) -> str:
    return interval(iso(anchor), iso(shift(anchor, amount, designator, multiple)))


def week_start(d: date) -> date:
    return d - timedelta(days=d.weekday())


def week_interval(d: date) -> str:
    monday = week_start(d)
    return interval(iso(monday), iso(monday + timedelta(days=6)))


def weekend_interval(saturday: date) -> str:
    return interval(iso(saturday), iso(saturday + timedelta(days=1)))


def quarter_interval(year: int, quarter: int) -> str:
    first = 3 * (quarter - 1) + 1
    return interval(iso(date(year, first, 1)), iso(date(year, first + 2, calendar.monthrange(year, first + 2)[1])))


def half_interval(year: int, half: int) -> str:
    return interval(f"{year:04d}-01-01", f"{year:04d}-06-30") if half == 1 else interval(f"{year:04d}-07-01", f"{year:04d}-12-31")


SEASON_MONTHS = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}


def season_interval(year: int, season: str) -> str:
    first = SEASON_MONTHS[season]
    start = date(year, first, 1)
    last = add_months(start, 2)
    end = date(last.year, last.month, calendar.monthrange(last.year, last.month)[1])
    return interval(iso(start), iso(end))


# --------------------------------------------------------------------------- choosing the year / day


def weekday_date(anchor: date, weekday: int, mode: str) -> date:
    """The day named ``weekday`` relative to the anchor.

    ``past``: the most recent on or before the anchor; ``future``: the first on or after it;
    ``last``/``next``: strictly before/after; ``this``: in the anchor's ISO week.
    """
    back = (anchor.weekday() - weekday) % 7
    ahead = (weekday - anchor.weekday()) % 7
    if mode == "past":
        return anchor - timedelta(days=back)
    if mode == "future":
        return anchor + timedelta(days=ahead)
    if mode == "last":
        return anchor - timedelta(days=back or 7)
    if mode == "next":
        return anchor + timedelta(days=ahead or 7)
    return week_start(anchor) + timedelta(days=weekday)


def pick_year(anchor: date, candidate_for_year, tense: str | None) -> date | None:
    """Choose among last year's, this year's and next year's candidate dates.

    ``candidate_for_year(y)`` gives the date the expression would mean in year ``y`` (or None when
    it does not exist, like 29 February). Past tense: the latest on or before the anchor; future:
    the earliest on or after it; no cue: the nearest to the anchor.
    """
    options = [c for c in (candidate_for_year(anchor.year + k) for k in (-1, 0, 1)) if c is not None]
    if not options:
        return None
    if tense == "past":
        before = [c for c in options if c <= anchor]
        return max(before) if before else None
    if tense == "future":
        after = [c for c in options if c >= anchor]
        return min(after) if after else None
    return min(options, key=lambda c: (abs((c - anchor).days), c > anchor))


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


# --------------------------------------------------------------------------- reading values back


def bounds(value: str) -> tuple[date, date] | None:
    """First and last day a date, reduced date or interval value covers (None for durations)."""
    if "/" in value:
        a, b = value.split("/", 1)
        first, last = bounds(a), bounds(b)
        return (first[0], last[1]) if first and last else None
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value)
    if m:
        y = int(m.group(1))
        if m.group(3):
            d = date(y, int(m.group(2)), int(m.group(3)))
            return d, d
        if m.group(2):
            mo = int(m.group(2))
            return date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1])
        return date(y, 1, 1), date(y, 12, 31)
    m = re.fullmatch(r"(\d{2,3})", value)  # decade (199) or century (19)
    if m:
        span = 10 if len(value) == 3 else 100
        y = int(value) * span
        return date(max(y, 1), 1, 1), date(y + span - 1, 12, 31)
    return None


def start_value(value: str) -> str:
    """The first end of an interval, else the value itself."""
    return value.split("/", 1)[0]


def end_value(value: str) -> str:
    return value.split("/", 1)[-1]
