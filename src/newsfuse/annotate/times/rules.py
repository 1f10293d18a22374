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

from .tense import tense_at

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
    """``trigger``: tokens of which every match holds one (month names, unit words; ``#year``,
    ``#num``, ``#decade`` stand for digit tokens); the full pattern only runs from ``reach``
    characters before each such token. Most of an article holds no time word, and the full
    patterns, with their optional leads, are slow to fail at each position."""

    name: str
    pattern: re.Pattern
    read: Reader
    trigger: frozenset[str] | None = None
    reach: int = 60


def rule(name: str, pattern: str, flags: int = FLAGS, trigger=None, reach: int = 60) -> Callable[[Reader], Rule]:
    """Decorator: ``@rule("weekday", r"...", trigger={"monday", ...})`` turns a reader into a :class:`Rule`."""

    def wrap(read: Reader) -> Rule:
        return Rule(name, re.compile(pattern, flags), read, frozenset(trigger) if trigger else None, reach)

    return wrap


_TOKEN = re.compile(r"\d+s?|[a-z]+")


def index_tokens(text: str, words: frozenset[str]) -> dict[str, list[tuple[int, int]]]:
    """Where each of ``words`` occurs (lower-cased); digit runs under ``#num``, ``#year``, ``#decade``.

    >>> index = index_tokens("In the 1990s, 3 weeks in 2011", frozenset({"weeks", "the"}))
    >>> sorted(index), index["#year"]
    (['#decade', '#num', '#year', 'the', 'weeks'], [(25, 29)])
    """
    index: dict[str, list[tuple[int, int]]] = {}
    for m in _TOKEN.finditer(text.lower()):
        token = m.group()
        if token[0].isdigit():
            if token.endswith("s"):
                keys = ("#decade",) if token.endswith("0s") else ()
            elif len(token) == 4 and "1000" <= token <= "2099":
                keys = ("#num", "#year")
            else:
                keys = ("#num",)
        elif token in words:
            keys = (token,)
        else:
            continue
        span = m.span()
        for key in keys:
            index.setdefault(key, []).append(span)
    return index


def trigger_words(rules: list[Rule]) -> frozenset[str]:
    return frozenset(w for r in rules if r.trigger for w in r.trigger if not w.startswith("#"))


def scan(rule_: Rule, text: str, index: dict[str, list[tuple[int, int]]] | None = None):
    """Every match of the rule's pattern near its trigger tokens, left to right, as candidates.

    Yields matches; the caller sends back whether it kept one (``True``) so that a refused match
    does not hide a shorter one inside it.
    """
    if rule_.trigger is None:
        windows = [(0, len(text))]
    else:
        index = index if index is not None else index_tokens(text, trigger_words([rule_]))
        hits = sorted(span for key in rule_.trigger for span in index.get(key, ()))
        windows = []
        for hit_start, hit_end in hits:
            start, end = max(0, hit_start - rule_.reach), min(len(text), hit_end + 80)
            if windows and start <= windows[-1][1]:
                windows[-1] = (windows[-1][0], max(windows[-1][1], end))
            else:
                windows.append((start, end))
    floor = 0  # a match may run past its window: the next window starts after it
    for start, end in windows:
        pos = max(start, floor)
        while pos < end:
            m = rule_.pattern.search(text, pos, end)
            if m is None:
                break
            if m.end() == end and end < len(text):  # cut by the window: match again on the whole text
                m = rule_.pattern.match(text, m.start())
                if m is None:
                    pos += 1
                    continue
            kept = yield m
            pos = m.end() if kept else m.start() + 1
            if kept:
                floor = m.end()


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
