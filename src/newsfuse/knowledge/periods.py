"""ISO 8601 periods as the figures stage writes them, and the comparisons reconciliation needs.

A figure's ``period`` is a date (``2019-03-05``), a reduced date (``2019-03``, ``2019``), an interval
(``2019-03-03/2019-03-05``, either end possibly open ``..``) or an unanchored duration (``P10D``,
``PT48H``); ``None`` when unknown. Two figures count the same window only when their periods are
*equal*: a window nested inside another ("48 hours" inside "10 days") is a different window.

>>> a, b = parse_period("2019-03-03/2019-03-05"), parse_period("2019-02-24/2019-03-05")
>>> same_window(a, b), same_start(a, b), nested(a, b)
(False, False, True)
>>> same_window(parse_period("2019-03-05"), parse_period("2019-03-05/2019-03-05"))
True
>>> parse_period("PT48H").days, parse_period("P2D") == parse_period("PT48H")
(2.0, True)
>>> describe(parse_period("2019-03-03/2019-03-05")), describe(parse_period("P10D"))
('3–5 Mar 2019', '10 days')
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from ..text.calendar_words import MONTH_NAMES, WEEKDAY_NAMES

_DURATION = re.compile(
    r"^P(?:(?P<y>\d+(?:\.\d+)?)Y)?(?:(?P<mo>\d+(?:\.\d+)?)M)?(?:(?P<w>\d+(?:\.\d+)?)W)?(?:(?P<d>\d+(?:\.\d+)?)D)?"
    r"(?:T(?:(?P<h>\d+(?:\.\d+)?)H)?(?:(?P<mi>\d+(?:\.\d+)?)M)?(?:(?P<s>\d+(?:\.\d+)?)S)?)?$"
)
_MONTHS = tuple(name[:3].capitalize() for name in MONTH_NAMES)  # "Jan" ... "Dec", as periods are shown


@dataclass(frozen=True, slots=True)
class Period:
    """A window in days. Anchored: ``start``/``end`` (inclusive, either may be None for an open end).
    Unanchored duration: only ``days``."""

    start: date | None = None
    end: date | None = None
    days: float | None = None
    raw: str = field(default="", compare=False)

    @property
    def anchored(self) -> bool:
        return self.start is not None or self.end is not None


def _date_bounds(text: str) -> tuple[date, date] | None:
    """First and last day of a (possibly reduced) ISO date; a datetime counts as its day."""
    text = text.strip()
    m = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ].*)?$", text)
    if not m:
        return None
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    try:
        if d:
            day = date(y, int(mo), int(d))
            return day, day
        if mo:
            last = calendar.monthrange(y, int(mo))[1]
            return date(y, int(mo), 1), date(y, int(mo), last)
        return date(y, 1, 1), date(y, 12, 31)
    except ValueError:
        return None


def _duration_days(text: str) -> float | None:
    m = _DURATION.match(text.strip())
    if not m or text.strip() in ("P", "PT"):
        return None
    g = {k: float(v) if v else 0.0 for k, v in m.groupdict().items()}
    return g["y"] * 365 + g["mo"] * 30 + g["w"] * 7 + g["d"] + g["h"] / 24 + g["mi"] / 1440 + g["s"] / 86400


def parse_period(text: str | None) -> Period | None:
    """A :class:`Period`, or None when ``text`` is empty or not ISO 8601."""
    if not text or not text.strip():
        return None
    text = text.strip()
    if "/" in text:
        left, _, right = text.partition("/")
        a = None if left in ("", "..") else _date_bounds(left)
        b = None if right in ("", "..") else _date_bounds(right)
        if a is None and left not in ("", ".."):
            # "P2D/2019-03-05": a duration ending on a date
            days, b2 = _duration_days(left), b
            if days is None or b2 is None:
                return None
            return Period(start=date.fromordinal(b2[1].toordinal() - max(int(round(days)) - 1, 0)), end=b2[1],
                          days=days, raw=text)
        if b is None and right not in ("", ".."):
            days = _duration_days(right)
            if days is None or a is None:
                return None
            return Period(start=a[0], end=date.fromordinal(a[0].toordinal() + max(int(round(days)) - 1, 0)),
                          days=days, raw=text)
        start, end = (a[0] if a else None), (b[1] if b else None)
        return _anchored(start, end, text)
    bounds = _date_bounds(text)
    if bounds:
        return _anchored(bounds[0], bounds[1], text)
    days = _duration_days(text)
    return Period(days=days, raw=text) if days is not None else None


def _anchored(start: date | None, end: date | None, raw: str) -> Period:
    days = (end - start).days + 1 if start and end else None
    return Period(start=start, end=end, days=days, raw=raw)


def same_window(a: Period | None, b: Period | None) -> bool:
    """Equal windows: the same days if anchored; the same length if both are bare durations."""
    if a is None or b is None:
        return False
    if a.anchored and b.anchored:
        return (a.start, a.end) == (b.start, b.end)
    if not a.anchored and not b.anchored:
        return a.days is not None and b.days is not None and abs(a.days - b.days) < 1e-6
    return False


def same_start(a: Period | None, b: Period | None) -> bool:
    """Both anchored with the same known first day (cumulative counts "since Sunday")."""
    return a is not None and b is not None and a.start is not None and a.start == b.start


def nested(inner: Period | None, outer: Period | None) -> bool:
    """``inner`` lies within ``outer`` and is not equal to it (e.g. 48 hours within 10 days)."""
    if inner is None or outer is None or same_window(inner, outer):
        return False
    if inner.anchored and outer.anchored:
        lo_ok = outer.start is None or (inner.start is not None and inner.start >= outer.start)
        hi_ok = outer.end is None or (inner.end is not None and inner.end <= outer.end)
        return lo_ok and hi_ok
    return inner.days is not None and outer.days is not None and inner.days < outer.days


_WEEKDAYS = WEEKDAY_NAMES
_WEEKDAY_PHRASE = re.compile(r"^(?:(?:on|last|early|late)\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
                             r"(?:\s+(?:morning|afternoon|evening|night))?$", re.I)


def weekday_before(phrase: str, reference: date) -> date | None:
    """The day a bare weekday names in a news report written on ``reference``: that weekday of the
    past week, or the reference day itself ("on Monday" in a Tuesday report is the day before).

    >>> weekday_before("Monday", date(2017, 10, 3)), weekday_before("Tuesday afternoon", date(2017, 10, 3))
    (datetime.date(2017, 10, 2), datetime.date(2017, 10, 3))
    >>> weekday_before("last year", date(2017, 10, 3)) is None
    True
    """
    m = _WEEKDAY_PHRASE.match(phrase.strip())
    if not m:
        return None
    back = (reference.weekday() - _WEEKDAYS.index(m.group(1).lower())) % 7
    return date.fromordinal(reference.toordinal() - back)


def reanchored_weekday(phrase: str, value: str | None, printed: date | None, published: str | None) -> str | None:
    """The value of a time phrase, a bare weekday ("on Monday") resolved against the date the page prints
    at its top when that differs from the given publish date (a page's metadata is often the crawl or
    the first version; the printed date is the text's own). Other phrases keep ``value``.

    >>> reanchored_weekday("Monday", "2017-09-25", date(2017, 10, 3), "2017-10-01")
    '2017-10-02'
    >>> reanchored_weekday("last year", "2016", date(2017, 10, 3), "2017-10-01")
    '2016'
    """
    if printed is None or printed.isoformat() == (published or "")[:10]:
        return value
    day = weekday_before(phrase, printed)
    return day.isoformat() if day is not None else value


_MONTH_NUMBERS = {m.lower(): i + 1 for i, m in enumerate(_MONTHS)}
_MONTH_RE = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_PRINTED = (
    re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH_RE + r",?\s+(\d{4})\b", re.I),  # 3 October 2017
    re.compile(r"\b" + _MONTH_RE + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s*(\d{4})\b", re.I),  # Apr 15 2017, Apr 152017
    re.compile(r"\b(\d{1,2})[.\-](\d{1,2})[.\-](\d{4})\b"),  # 20.04.2017, 27-07-2016 (day first)
)
PRINTED_NEAR_DAYS = 7  # a date printed at the top further than this from the publish date is about something else
DATELINE_CHARS = 200  # where a page prints its own date
# A date after one of these words is prose ("on March 3 2011, protests began"), not the page's dateline.
_PROSE_BEFORE = re.compile(r"\b(?:in|on|since|until|till|from|by|before|after|between|during|to|and|or)\W*\Z", re.I)


def printed_date(text: str, published: str | None) -> date | None:
    """The full date a page prints at its top ("Date of publication 3 October 2017", "Last updated at
    Apr 15 2017"): a dateline at any distance from the given publish date, a date in prose ("on 3 March
    2011") only within PRINTED_NEAR_DAYS of it (any, when there is none).

    >>> printed_date("Last updated at Apr 152017 A car bomb ...", "2017-04-13")
    datetime.date(2017, 4, 15)
    >>> printed_date("27-07-2016 Syria ...", None), printed_date("In December 2016 ...", "2017-04-13")
    (datetime.date(2016, 7, 27), None)
    >>> printed_date("Strikes kill 47 AFP Saturday 25 Jun 2016 ...", "2016-06-05")  # the record's date is the crawl's
    datetime.date(2016, 6, 25)
    >>> printed_date("Protests began on 3 March 2011 ...", "2013-08-21") is None
    True
    """
    pub = parse_published(published).day
    for m in sorted((m for rx in _PRINTED for m in rx.finditer(text)), key=lambda m: m.start()):
        g = m.groups()
        try:
            if g[0].isdigit() and g[1].isdigit():
                day = date(int(g[2]), int(g[1]), int(g[0]))
            elif g[0].isdigit():
                day = date(int(g[2]), _MONTH_NUMBERS[g[1][:3].lower()], int(g[0]))
            else:
                day = date(int(g[2]), _MONTH_NUMBERS[g[0][:3].lower()], int(g[1]))
        except ValueError:
            continue
        # A dateline (the date heads the page, or follows its title, agency or "Published") is the
        # page's own date even far from the given one: scraped records often carry the crawl's date.
        if pub is None or abs((day - pub).days) <= PRINTED_NEAR_DAYS or not _PROSE_BEFORE.search(text[:m.start()]):
            return day
    return None


def _day(d: date, with_year: bool = True) -> str:
    return f"{d.day} {_MONTHS[d.month - 1]}" + (f" {d.year}" if with_year else "")


def describe(p: Period | None) -> str:
    """A short human form: '5 Mar 2019', '3–5 Mar 2019', 'since 3 Mar 2019', '10 days'."""
    if p is None:
        return "unknown period"
    if not p.anchored:
        days = p.days or 0
        if days < 1:
            return f"{round(days * 24):g} hours"
        return f"{days:g} days" if days != 1 else "1 day"
    if p.start and p.end:
        if p.start == p.end:
            return _day(p.start)
        if (p.start.year, p.start.month) == (p.end.year, p.end.month):
            return f"{p.start.day}–{_day(p.end)}"
        return f"{_day(p.start, p.start.year != p.end.year)} – {_day(p.end)}"
    if p.start:
        return f"since {_day(p.start)}"
    return f"until {_day(p.end)}"  # type: ignore[arg-type]


# --------------------------------------------------------------------------- publication times


@dataclass(frozen=True, slots=True)
class When:
    """When an article was published: the day, and the time of day when the source gives one.

    Two reports of the same day are ordered only when both carry a time.
    """

    day: date | None
    seconds: int | None = None

    def before(self, other: "When") -> bool:
        """Strictly earlier, as far as the known precision can tell."""
        if self.day is None or other.day is None:
            return False
        if self.day != other.day:
            return self.day < other.day
        if self.seconds is None or other.seconds is None:
            return False
        return self.seconds < other.seconds

    def label(self) -> str:
        return _day(self.day, with_year=False) if self.day else "undated"

    @property
    def key(self) -> tuple[int, int]:
        """A sort key: undated last; within a day, an unknown time first."""
        return (self.day.toordinal() if self.day else 10**9, -1 if self.seconds is None else self.seconds)


def parse_published(text: str | None) -> When:
    """``'2019-03-05'`` → day only; ``'2019-03-05T14:20:00Z'`` → day and time; junk → unknown."""
    if not text:
        return When(None)
    text = text.strip()
    try:
        dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        bounds = _date_bounds(text)
        return When(bounds[0] if bounds and bounds[0] == bounds[1] else None)
    has_time = bool(re.search(r"[T ]\d{2}:\d{2}", text))
    if has_time and dt.tzinfo is not None:
        dt = dt.astimezone(timezone.utc)  # so that times from different offsets compare
    seconds = dt.hour * 3600 + dt.minute * 60 + dt.second if has_time else None
    return When(dt.date(), seconds)
