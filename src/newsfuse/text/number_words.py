"""English numbers written as words: the one table of them, and the one reading of a run of them.

The figures stage reads counts ("two hundred and fifty"), the times stage amounts of time ("twenty-four
hours"), reuse and quote matching compare the numbers two texts state: all of them use these words.

>>> words_value("two hundred fifty thousand".split()), words_value(["twenty", "four"]), words_value(["one", "dozen"])
(250000.0, 24.0, 12.0)
"""

from __future__ import annotations

from typing import Sequence

UNITS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
# Spellings noisy news text uses: read as numbers, never looked for where only standard words are.
MISSPELLED_TENS: dict[str, int] = {"fourty": 40}
SCALES: dict[str, int] = {
    "hundred": 100, "thousand": 1_000, "lakh": 100_000, "lakhs": 100_000, "million": 1_000_000,
    "crore": 10_000_000, "crores": 10_000_000, "billion": 1_000_000_000, "trillion": 10**12,
}  # fmt: skip
DOZEN = 12

_TENS_READ = {**TENS, **MISSPELLED_TENS}


def words_value(seq: Sequence[str]) -> float:
    """The value of a run of lower-case number words (units, tens, "dozen", scales), read left to right:
    a scale multiplies what came before it ("two hundred"), or one when nothing did ("hundred")."""
    total = 0.0
    current = 0.0
    for w in seq:
        if w in UNITS:
            current += UNITS[w]
        elif w in _TENS_READ:
            current += _TENS_READ[w]
        elif w == "dozen":
            current = max(current, 1) * DOZEN
        elif w == "hundred":
            current = max(current, 1) * 100
        elif w in SCALES:
            total += max(current, 1) * SCALES[w]
            current = 0
    return total + current
