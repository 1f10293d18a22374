"""Month and weekday words, from one table (``data/calendar_words.tsv``) for every stage that reads them.

>>> MONTHS["sept"], WEEKDAYS["thurs"], MONTH_NAMES[4], WEEKDAY_NAMES[0]
(9, 3, 'may', 'monday')
>>> MONTH_SHORT[:4], "tues" in WEEKDAY_SHORT
(('jan', 'feb', 'mar', 'apr'), True)
"""

from __future__ import annotations

from ..settings import DATA_DIR
from .lexicon import read_rows

_ROWS = read_rows(DATA_DIR / "calendar_words.tsv")  # word, kind, number, form


def _words(kind: str, form: str) -> tuple[str, ...]:
    return tuple(word for word, k, _n, f in _ROWS if k == kind and f == form)


MONTH_NAMES = _words("month", "name")  # january ... december
MONTH_SHORT = _words("month", "short")  # jan ... dec, sept ("may" has no shorter form)
WEEKDAY_NAMES = _words("weekday", "name")  # monday ... sunday
WEEKDAY_SHORT = _words("weekday", "short")  # mon tue tues wed thu thur thurs fri sat sun
MONTHS: dict[str, int] = {word: int(n) for word, k, n, _f in _ROWS if k == "month"}  # every form -> 1-12
WEEKDAYS: dict[str, int] = {word: int(n) for word, k, n, _f in _ROWS if k == "weekday"}  # every form -> 0-6
