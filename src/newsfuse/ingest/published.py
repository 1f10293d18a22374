"""Publish dates as ISO 8601: a date (``2019-03-05``) or a datetime with its offset when known.

>>> normalise_published("2019-03-05")
'2019-03-05'
>>> normalise_published("2019-03-05T10:30:00Z")
'2019-03-05T10:30:00+00:00'
>>> normalise_published("Tue, 05 Mar 2019 10:30:00 +0300")
'2019-03-05T10:30:00+03:00'
>>> normalise_published("last Tuesday") is None
True

A date is only believed when it could be a publish date: a real calendar day from 1900-01-01 to one
year after today (a clock or time zone slightly ahead is fine; year 9999 is a placeholder, not a
date). Anything else is rejected with a reason (:func:`check_published`), and the article is kept
without a date: its text is still worth reading, and a wrong date would misplace it in every
timeline and story.

>>> check_published("2019-02-30")
(None, 'not a calendar date (day is out of range for month)')
>>> check_published("9999-12-31")[1].startswith("outside the plausible range 1900-01-01 to ")
True
"""

from __future__ import annotations

import datetime as dt
from email.utils import parsedate_to_datetime

EARLIEST = dt.date(1900, 1, 1)
AHEAD = dt.timedelta(days=366)  # how far past today a date may be (clocks, time zones, embargoes)


def latest_plausible(today: dt.date | None = None) -> dt.date:
    return (today or dt.date.today()) + AHEAD


def _parse(text: str) -> dt.date | dt.datetime:
    """The date or datetime ``text`` spells; ValueError with the reason when it spells none."""
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as iso_error:
        if text[:4].isdigit() and text[4:5] == "-":  # ISO-shaped: say what is wrong with it
            raise ValueError(f"not a calendar date ({iso_error})") from None
    try:  # RFC 822 dates, as RSS <pubDate> writes them
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        raise ValueError("not a date") from None


def check_published(value: object, *, today: dt.date | None = None) -> tuple[str | None, str | None]:
    """``(iso, None)`` for a usable publish date; ``(None, reason)`` for one given but not usable
    (unparseable, no such day, or outside 1900-01-01 .. today + 1 year); ``(None, None)`` when none
    is given."""
    if isinstance(value, (dt.date, dt.datetime)):
        parsed: dt.date | dt.datetime = value
    elif not isinstance(value, str) or not value.strip():
        return None, None
    else:
        try:
            parsed = _parse(value.strip())
        except ValueError as error:
            return None, str(error)
    day = parsed.date() if isinstance(parsed, dt.datetime) else parsed
    last = latest_plausible(today)
    if not EARLIEST <= day <= last:
        return None, f"outside the plausible range {EARLIEST.isoformat()} to {last.isoformat()}"
    return parsed.isoformat(), None


def normalise_published(value: object) -> str | None:
    return check_published(value)[0]
