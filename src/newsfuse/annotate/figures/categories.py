"""The words the figures stage reads: who is counted and what happened to them.

The lexicon lives in ``data/figure_lexicon.tsv`` (its header documents each kind); this module loads it
once and matches its phrases, longest first, over lowercase word tokens. It knows no numbers and no
articles, so it is easy to test and to extend: add a line to the TSV, not a branch to the code.

>>> lex = lexicon()
>>> lex.person["militants"], lex.person["idps"]
(('fighters', None), ('people', 'displaced'))
>>> [(m.value, m.text) for m in lex.match("trigger", words("were killed or wounded by strikes"))]
[('dead_or_injured', 'killed or wounded')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ...settings import DATA_DIR

LEXICON_PATH = DATA_DIR / "figure_lexicon.tsv"

CATEGORIES = (
    "dead", "injured", "dead_or_injured", "missing", "abducted", "detained", "displaced", "fled", "arrived",
    "sheltered", "returned", "surrendered", "present", "affected", "homes_destroyed", "other",
)
SUBJECTS = ("civilians", "children", "women", "fighters", "soldiers", "police", "migrants", "people", "other")
UNITS = ("people", "households", "homes", "other")

# Words, possessive/negative clitics ("'s", "'t"), digit runs and single other characters. A replacement
# character (U+FFFD) is a letter a wrong decoding lost ("fam\ufffdlias"): it stays inside its word.
LOST = "\ufffd"
_TOKEN = re.compile(r"(?:[^\W\d_]|\ufffd)+|['’][^\W\d_]+|\d+|\S")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    low: str  # lowercase text, curly apostrophes made straight


def words(text: str, offset: int = 0) -> list[Token]:
    """Tokens of ``text`` with absolute offsets (``offset`` = where ``text`` starts in the article)."""
    return [Token(m.start() + offset, m.end() + offset, m.group(0).lower().replace("’", "'"))
            for m in _TOKEN.finditer(text)]


@dataclass(frozen=True, slots=True)
class Match:
    i: int  # first token index
    j: int  # one past the last token index
    value: str
    text: str


@dataclass
class Lexicon:
    person: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # word -> (subject, category)
    household: set[str] = field(default_factory=set)
    home: set[str] = field(default_factory=set)
    thing: set[str] = field(default_factory=set)
    modifier: dict[str, str] = field(default_factory=dict)
    # kind -> first word -> [(phrase words, value)], longest phrases first
    phrases: dict[str, dict[str, list[tuple[tuple[str, ...], str]]]] = field(default_factory=dict)
    multi_nouns: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict)

    def add_phrase(self, kind: str, phrase: str, value: str) -> None:
        key = tuple(t.low for t in words(phrase))
        if not key:
            return
        bucket = self.phrases.setdefault(kind, {}).setdefault(key[0], [])
        bucket.append((key, value))
        bucket.sort(key=lambda kv: -len(kv[0]))

    def match_at(self, kind: str, lows: list[str], i: int) -> Match | None:
        """The longest phrase of ``kind`` starting at lowercase token ``lows[i]``."""
        for key, value in self.phrases.get(kind, {}).get(lows[i], ()):
            if len(key) == 1 or tuple(lows[i : i + len(key)]) == key:
                return Match(i, i + len(key), value, " ".join(key))
        return None

    def match(self, kind: str, toks: list[Token] | list[str], start: int = 0, end: int | None = None) -> list[Match]:
        """Every phrase of ``kind`` in ``toks[start:end]``, left to right, longest first, not overlapping."""
        lows = [t if isinstance(t, str) else t.low for t in toks]
        end = len(lows) if end is None else end
        out = []
        i = start
        while i < end:
            m = self.match_at(kind, lows, i)
            if m and m.j <= end:
                out.append(m)
                i = m.j
            else:
                i += 1
        return out

    def noun(self, toks: list[str], i: int) -> tuple[str, int, str, str | None] | None:
        """``(kind, length, subject_or_unit, category)`` of the (possibly multiword) noun at ``toks[i]``.

        kind is ``person`` | ``household`` | ``home`` | ``thing``.
        """
        for key, kind in self.multi_nouns.get(toks[i], ()):
            if tuple(toks[i : i + len(key)]) == key:
                return self._noun_value(kind, " ".join(key), len(key))
        w = toks[i]
        for kind in ("person", "household", "home", "thing"):
            if self._has(kind, w):
                return self._noun_value(kind, w, 1)
        return None

    def _has(self, kind: str, w: str) -> bool:
        return w in self.person if kind == "person" else w in getattr(self, kind)

    def _noun_value(self, kind: str, w: str, n: int) -> tuple[str, int, str, str | None]:
        if kind == "person":
            subject, category = self.person[w]
            return kind, n, subject, category
        return kind, n, {"household": "households", "home": "homes", "thing": "other"}[kind], None

    def is_count_noun(self, w: str) -> bool:
        """Whether a lowercase word counts people, households or homes (for numbers.find_numbers)."""
        return w in self.person or w in self.household or w in self.home


def _parse(path: Path) -> Lexicon:
    lex = Lexicon()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, phrases, value = (line.split("\t") + ["", ""])[:3]
        for phrase in _with_lost_letters(phrases.split("|")):
            phrase = phrase.strip().lower()
            if not phrase:
                continue
            key = tuple(t.low for t in words(phrase))
            if kind == "person":
                subject, _, category = value.partition(",")
                _store_noun(lex, "person", key, (subject, category or None))
            elif kind in ("household", "home", "thing"):
                _store_noun(lex, kind, key, None)
            elif kind == "modifier":
                lex.modifier[phrase] = value
            else:
                lex.add_phrase(kind, phrase, value)
    return lex


def _with_lost_letters(phrases: list[str]) -> list[str]:
    """The phrases, and after them each one with an accented letter as text decoded with the wrong
    charset shows it: scraped pages lose "í" to a replacement character ("fam\ufffdlias desalojadas")."""
    lossy = [_NON_ASCII.sub(LOST, p) for p in phrases]
    return phrases + [p for p, q in zip(lossy, phrases) if p != q]


def _store_noun(lex: Lexicon, kind: str, key: tuple[str, ...], value) -> None:
    name = " ".join(key)
    if kind == "person":
        lex.person.setdefault(name, value)
    else:
        getattr(lex, kind).add(name)
    if len(key) > 1:
        bucket = lex.multi_nouns.setdefault(key[0], [])
        bucket.append((key, kind))
        bucket.sort(key=lambda kv: -len(kv[0]))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The bundled lexicon, loaded once per process."""
    return _parse(LEXICON_PATH)
