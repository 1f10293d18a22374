"""Publish dates as ISO 8601: a date (``2019-03-05``) or a datetime with its offset when known.

>>> normalise_published("2019-03-05")
'2019-03-05'
>>> normalise_published("2019-03-05T10:30:00Z")
'2019-03-05T10:30:00+00:00'
>>> normalise_published("Tue, 05 Mar 2019 10:30:00 +0300")
'2019-03-05T10:30:00+03:00'
>>> normalise_published("last Tuesday") is None
True
"""

from __future__ import annotations

import datetime as dt
from email.utils import parsedate_to_datetime


def normalise_published(value: object) -> str | None:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text).isoformat()
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat()
    except ValueError:
        pass
    try:  # RFC 822 dates, as RSS <pubDate> writes them
        return parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError, IndexError):
        return None
