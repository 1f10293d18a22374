"""Words of time: month, weekday, season and unit names, number words, and the regex fragments
built from them. No logic beyond turning a matched word into a number.

>>> parse_number("twenty-four"), parse_number("a couple of"), parse_number("2 1/2"), parse_number("several")
(24.0, 2.0, 2.5, None)
>>> month_number("Sept."), weekday_number("thursday"), unit_code("fortnights")
(9, 3, ('D', 14))
"""

from __future__ import annotations

import re

from ...text import calendar_words, number_words
from ...text.lexicon import word_set, words

# --------------------------------------------------------------------------- months and weekdays

MONTHS = calendar_words.MONTHS  # every form -> 1-12

# Longest names first so that "Sept" wins over "Sep" and "June" over "Jun".
MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Sept\.?|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\.?)(?![a-z])"
)
# Month names that are also everyday words: alone they need a capital and a date-like neighbour.
AMBIGUOUS_MONTHS = set(word_set("time_words.tsv", "ambiguous_month"))

WEEKDAYS = {w: n for w, n in calendar_words.WEEKDAYS.items() if w in calendar_words.WEEKDAY_NAMES}  # full names only
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

SEASONS = {"spring": "spring", "summer": "summer", "autumn": "autumn", "fall": "autumn", "winter": "winter"}
SEASON = r"(?:spring|summer|autumn|fall|winter)"

PARTS_OF_DAY = r"(?:morning|afternoon|evening|night|overnight)"

# --------------------------------------------------------------------------- numbers

_UNITS_WORDS = list(number_words.UNITS)  # zero ... nineteen
_TENS_WORDS = list(number_words.TENS)  # twenty ... ninety
# What an amount of time may be counted in: the number words and a few phrases of their own.
NUMBER_WORDS: dict[str, int] = {**number_words.UNITS, **number_words.TENS}
NUMBER_WORDS.update({"a": 1, "an": 1, "a single": 1, "dozen": 12, "a dozen": 12, "hundred": 100, "a hundred": 100})
NUMBER_WORDS.update({"couple of": 2, "a couple of": 2, "a couple": 2, "a thousand": 1000, "thousand": 1000})

_ORDINAL_WORDS = list(words("time_words.tsv", "ordinal"))  # first ... twentieth, in order
ORDINAL_WORDS: dict[str, int] = {w: i + 1 for i, w in enumerate(_ORDINAL_WORDS)}
ORDINAL_WORDS["thirtieth"] = 30
for _i, _w in enumerate(_ORDINAL_WORDS[:9]):
    ORDINAL_WORDS[f"twenty-{_w}"] = 21 + _i
    ORDINAL_WORDS[f"twenty {_w}"] = 21 + _i
ORDINAL_WORDS["thirty-first"] = ORDINAL_WORDS["thirty first"] = 31

_TENS = "|".join(_TENS_WORDS)
_SMALL = "|".join(sorted(_UNITS_WORDS[1:], key=len, reverse=True))
NUMBER_WORD = rf"(?:(?:{_TENS})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|{_SMALL})"
DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+\d/\d)?"
# A count of units: digits, number words, "a"/"an", "a couple of", "a dozen", "one and a half".
NUMBER = (
    rf"(?:{DIGITS}|{NUMBER_WORD}|a\s+couple\s+of|couple\s+of|a\s+dozen|dozen|a\s+hundred|a\s+single|an?)"
    r"(?:\s+and\s+a\s+half)?"
)
# Counts that name no number: recognised, never resolved.
VAGUE_NUMBER = r"(?:a\s+few|few|several|many|a\s+number\s+of|some|dozens\s+of|hundreds\s+of|a\s+couple\s+of)"

ORDINAL_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d])"
ORDINAL_WORD = "(?:" + "|".join(sorted(map(re.escape, ORDINAL_WORDS), key=len, reverse=True)) + ")"

# Hedges before a count ("almost three years ago", "more than 30 years"): the value keeps the stated
# number; the record's confidence drops.
QUALIFIER = (
    r"(?:(?:just\s+)?(?:more|less|fewer)\s+than|(?:just\s+)?(?:over|under)|at\s+least|at\s+most|up\s+to"
    r"|no\s+more\s+than|almost|nearly|about|around|roughly|approximately|some|only|barely|well\s+over"
    r"|close\s+to|upwards\s+of)"
)

# --------------------------------------------------------------------------- units

# unit word -> (ISO designator, multiple). Decades and centuries have no ISO designator: years.
UNITS: dict[str, tuple[str, int]] = {
    "second": ("S", 1), "minute": ("MIN", 1), "hour": ("H", 1), "day": ("D", 1), "night": ("D", 1),
    "week": ("W", 1), "fortnight": ("D", 14), "month": ("M", 1), "year": ("Y", 1), "decade": ("Y", 10),
    "century": ("Y", 100), "centuries": ("Y", 100), "quarter": ("M", 3),
}  # fmt: skip
UNIT = r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?|years?|decades?|century|centuries)"


# Trigger tokens (lower case) for the rules' quick scan, see rules.Rule.
MONTH_WORDS = frozenset(MONTHS)
WEEKDAY_WORDS = frozenset(WEEKDAYS)
UNIT_WORDS = frozenset(
    w + s for w in ("second", "minute", "hour", "day", "night", "week", "fortnight", "month", "quarter", "year", "decade") for s in ("", "s")
) | {"century", "centuries"}


def unit_code(word: str) -> tuple[str, int]:
    """``("D", 14)`` for "fortnights": the ISO designator and how many of it one unit makes."""
    w = word.lower()
    if w in UNITS:
        return UNITS[w]
    return UNITS[w[:-1]] if w.endswith("s") else UNITS[w]


def month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def weekday_number(word: str) -> int:
    """Monday = 0 ... Sunday = 6 (as ``date.weekday()``)."""
    return WEEKDAYS[word.lower()]


def parse_number(text: str) -> float | None:
    """The number a count phrase states, or None when it names none ("several", "a few")."""
    t = " ".join(text.lower().replace("-", " ").split())
    half = 0.0
    if t.endswith(" and a half"):
        t, half = t[: -len(" and a half")], 0.5
    if re.fullmatch(VAGUE_NUMBER.replace(r"\s+", " "), t):
        if t not in ("a couple of",):
            return None
    m = re.fullmatch(r"(\d+(?:,\d{3})*(?:\.\d+)?)(?: (\d)/(\d))?", t)
    if m:
        value = float(m.group(1).replace(",", ""))
        if m.group(2):
            value += int(m.group(2)) / int(m.group(3))
        return value + half
    if t in NUMBER_WORDS:
        return NUMBER_WORDS[t] + half
    parts = t.split(" ")
    if len(parts) == 2 and parts[0] in NUMBER_WORDS and parts[1] in NUMBER_WORDS:
        tens, ones = NUMBER_WORDS[parts[0]], NUMBER_WORDS[parts[1]]
        if tens >= 20 and tens % 10 == 0 and 0 < ones < 10:  # "twenty four", "hundred five"
            return number_words.words_value(parts) + half
    return None


def day_number(text: str) -> int | None:
    """The day of month in "5", "5th", "fifth", "twenty-first"."""
    t = text.lower()
    if t in ORDINAL_WORDS:
        return ORDINAL_WORDS[t]
    m = re.match(r"\d+", t)
    return int(m.group()) if m else None
