"""A light tokenizer and clause-boundary finder for the quote rules (sentences come from the sentences
layer; :func:`sentence_end` only bounds a search from a given offset).

The quote stage runs on every sentence of every article, so it does not run a model: words and
punctuation come from one regular expression, with offsets into the original text. Honorifics
("Col.", "Mr.") and initialisms ("U.S.", "U.N.") stay one token so that a period inside a name does
not end a speaker phrase.

>>> [t.text for t in tokenize("Col. Pat Ryder told AFP: U.S. forces won't stay.")]
['Col.', 'Pat', 'Ryder', 'told', 'AFP', ':', 'U.S.', 'forces', "won't", 'stay', '.']
>>> sentence_end("He left. She stayed.", 0)
8
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ABBREVIATIONS = (
    "Mr|Mrs|Ms|Dr|Col|Gen|Lt|Sgt|Capt|Maj|Cpl|Pvt|Adm|Cmdr|Brig|Rep|Sen|Gov|Prof|Rev|St|Jr|Sr|"
    "Pres|Amb|Insp|Supt|Hon|Messrs|No|Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec|Inc|Corp|Ltd|Co|vs"
)

_TOKEN = re.compile(
    rf"(?:(?<![\w.])(?:{ABBREVIATIONS})\.)"  # honorifics and month abbreviations keep their period
    r"|(?:(?<![\w.])(?:[A-Za-z]\.){2,})"  # U.S. U.N. a.m.
    r"|(?:(?<![\w.])[A-Z]\.(?=\s+[A-Z]))"  # the initial of "Elijah E. Cummings"
    r"|(?:[^\W_\x80-\x9f]+(?:(?:[’'&-]|[\x80-\x9f]+)[^\W_]+)*)"  # words (inner apostrophes, hyphens, mojibake)
    r"|(?:\S)"
)

_SENTENCE_PUNCT = re.compile(r"[.!?]+(?=[\"”’')\]»]*(?:\s|$))|\n")
_NEXT_CHAR = re.compile(r"[\"”’')\]»]*\s*(\S)")
_ABBREVIATION_BEFORE = re.compile(rf"(?:\b(?:{ABBREVIATIONS})|(?<![\w.])[A-Z]|(?:[A-Za-z]\.)+[A-Za-z])\Z")


@dataclass(slots=True, frozen=True)
class Token:
    start: int
    end: int
    text: str

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum()

    @property
    def is_title(self) -> bool:
        return self.text[:1].isupper()


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets into ``text``."""
    end = len(text) if end is None else end
    return [Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, end)]


def sentence_end(text: str, start: int, limit: int | None = None) -> int:
    """End offset (after the punctuation) of the sentence running from ``start``; capped by ``limit``."""
    limit = len(text) if limit is None else limit
    for match in _SENTENCE_PUNCT.finditer(text, start, limit):
        if match.group() == "\n":
            return match.start()
        if match.group() == "." and _ABBREVIATION_BEFORE.search(text, max(start, match.start() - 12), match.start()):
            continue  # "Col. Ryder", "J. Smith", "U.S. forces"
        after = _NEXT_CHAR.match(text, match.end(), limit)
        if after and after.group(1).islower():
            continue  # '"Go!" he said.' is one sentence
        return match.end()
    return limit
