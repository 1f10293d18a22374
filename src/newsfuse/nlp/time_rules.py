"""What a time rule is: a compiled pattern and a function that reads one match.

A rule's pattern finds candidate phrases; its reader checks the match in context (rejecting, say,
"May" the verb) and returns a :class:`Reading`: the value (or None when the phrase cannot be
resolved) with a confidence. The named group ``x``, when present, is the reported span, so a pattern
may look at a preposition ("in 2011") without reporting it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Callable

from .time_tense import tense_at

FLAGS = re.IGNORECASE


@dataclass(frozen=True, slots=True)
class Reading:
    value: str | None
    confidence: float
    # point: a date, reduced date or calendar period; window: an interval ending/starting at the
    # anchor; duration; vague (recognised, never resolved); clock: a time of day.
    kind: str = "point"
    year_inferred: bool = False  # the year came from the anchor, not the text
    day: bool = False  # names one day (a time of day may attach to it)


@dataclass(frozen=True, slots=True)
class Context:
    """The article around a match: its text, anchor date and sentence bounds."""

    text: str
    anchor: date | None
    sentence_start: int
    sentence_end: int

    def tense(self, start: int, end: int) -> str | None:
        return tense_at(self.text, self.sentence_start, start, end, self.sentence_end)

    def before(self, start: int, chars: int = 40) -> str:
        """The text just before ``start`` within the sentence (for context checks)."""
        return self.text[max(self.sentence_start, start - chars) : start]

    def after(self, end: int, chars: int = 40) -> str:
        return self.text[end : min(self.sentence_end, end + chars)]


Reader = Callable[[re.Match, Context], Reading | None]


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    pattern: re.Pattern
    read: Reader


def rule(name: str, pattern: str, flags: int = FLAGS) -> Callable[[Reader], Rule]:
    """Decorator: ``@rule("weekday", r"...")`` turns a reader into a :class:`Rule`."""

    def wrap(read: Reader) -> Rule:
        return Rule(name, re.compile(pattern, flags), read)

    return wrap


def span_of(m: re.Match) -> tuple[int, int]:
    if "x" in m.re.groupindex and m.group("x") is not None:
        return m.start("x"), m.end("x")
    return m.start(), m.end()


# A word boundary that also refuses digits and hyphens glued on ("3-2011", "2011-").
L = r"(?<![\w$£€#/-])"
R = r"(?![\w/]|-\d)"


def capitalised(word: str) -> bool:
    return word[:1].isupper()


def sentence_initial(ctx: Context, start: int) -> bool:
    return not ctx.text[ctx.sentence_start : start].strip(" \t\n\"'“‘(")


def hedge_confidence(qualifier: str | None, base: float) -> float:
    """Lower confidence when a hedge ("almost", "more than") makes the stated count approximate."""
    return round(base - 0.25, 2) if qualifier else base
