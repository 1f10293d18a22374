"""Rule-based sentence splitting with offsets: cheap enough to run on every article.

A sentence never crosses a paragraph break (a blank line), never overlaps a boilerplate span, and in
one-paragraph-per-line text never crosses a newline either (so a headline without final punctuation
is a sentence of its own); see :mod:`newsfuse.text.layout` for hard-wrapped paragraphs.

Inside a line, a sentence ends at ``.``, ``!``, ``?`` or an ellipsis, together with any closing
quotes or brackets right after it (``."``, ``.”``, ``.)``), when whitespace and then a plausible
sentence start follow. The period is not an end after a title ("Mr.", "Gen."), before a number
after "No."/"Fig.", after a list marker opening the sentence ("1."), after an initial
("Donald J. Trump"), a dotted abbreviation ("U.S.", "a.m."), a month or a dateline state ("Calif.")
unless a common sentence-opening word follows, and never before a lowercase word. Decimal points
("1.2 million") are not followed by whitespace, so they are never candidates.

>>> text = 'Mr. Ryan met U.S. officials at 9 a.m. on Monday. "It was slow." He left.'
>>> [text[s:e] for s, e in split_sentences(text)]
['Mr. Ryan met U.S. officials at 9 a.m. on Monday.', '"It was slow."', 'He left.']
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator

from ...model import Article, Sentence
from ...stage import Stage
from ...text.calendar_words import MONTH_SHORT, WEEKDAY_SHORT
from ...text.layout import blocks, is_wrapped, lines
from ...text.spans import strip_span
from ...text.lexicon import word_set

VERSION = "rules-1"

# A candidate end: terminal punctuation, then closing quotes/brackets, then whitespace or the end.
_CANDIDATE = re.compile(r"(?:[.!?…]+)[\"'”’»)\]]*(?=\s|\Z)")
_OPENERS = "\"'“‘«([{"
_ALNUM = re.compile(r"\w")

# Titles and name parts that precede a name: a period after them is never an end.
TITLES = word_set("sentence_words.tsv", "title")
# Abbreviations that stand before a number: "No. 10", "Fig. 3", "approx. 300".
BEFORE_NUMBER = word_set("sentence_words.tsv", "before_number")
# Abbreviations that may also end a sentence ("... Ltd. The firm", "... in the U.S. He said").
SOFT = frozenset(MONTH_SHORT) | frozenset(WEEKDAY_SHORT) | word_set("sentence_words.tsv", "soft")
# US state abbreviations of datelines ("HAYWARD, Calif. (AP) —"); capitalised only, as "ill." is a word.
STATES = word_set("sentence_words.tsv", "state")
NEVER_END = frozenset(("e.g", "i.e", "cf", "viz", "al"))  # "e.g. Syria", "Smith et al. found"
# Words that commonly open a sentence: after a soft abbreviation, they signal that a new one starts.
OPENERS = word_set("sentence_words.tsv", "opener")
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]\Z")  # "U.S", "a.m", "e.g" (the last period is the candidate)
_INITIAL = re.compile(r"[^\W\d_]\Z")  # "Donald J. Trump", "Viera d. Smith"
_LIST_MARKER = re.compile(r"(?:\d{1,3}|[A-Za-z]|[ivxIVX]{1,4})\Z")  # "1. Eat early", "b. Sleep"


def _next_word(text: str, pos: int, end: int) -> tuple[str, str]:
    """The first character and the word that follow ``pos`` (skipping spaces and opening quotes)."""
    i = pos
    while i < end and text[i].isspace():
        i += 1
    while i < end and text[i] in _OPENERS:
        i += 1
    j = i
    while j < end and not text[j].isspace():
        j += 1
    word = text[i:j].strip(".,;:!?\"'”’)]")
    return (text[i] if i < end else ""), word


def _is_end(text: str, match: re.Match[str], start: int, end: int) -> bool:
    """Whether the candidate ``match`` ends a sentence (the text goes on after it, from ``start``:
    where the sentence being built began)."""
    first, word = _next_word(text, match.end(), end)
    if not first:
        return True
    if first.islower():  # '"Go!" he shouted', 'the U.S. and', '... and then'
        return False
    punct = match.group().rstrip("\"'”’»)]")
    if punct != ".":
        return True  # "!", "?", "?!", "...", "…"
    i = match.start()
    while i > start and not text[i - 1].isspace():
        i -= 1
    token = text[i : match.start()].lstrip(_OPENERS)
    if _LIST_MARKER.match(token) and (i == start or text[start:i].isspace()):
        return False  # the token opens the sentence: a list marker ("1. Eat early")
    low = token.lower()
    if low in TITLES:
        return False
    if low in NEVER_END:
        return False
    if low in BEFORE_NUMBER and first.isdigit():
        return False
    if low in SOFT or token in STATES or _DOTTED.match(token) or _INITIAL.match(token):
        return word.lower() in OPENERS
    return True


def split_piece(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentences of ``text[start:end]``, a piece that no sentence may cross (a line, or a paragraph)."""
    pos = start
    for match in _CANDIDATE.finditer(text, start, end):
        if match.end() < end and _is_end(text, match, pos, end):
            s, e = strip_span(text, pos, match.end())
            if s < e:
                yield s, e
            pos = match.end()
    s, e = strip_span(text, pos, end)
    if s < e:
        yield s, e


def _gaps(length: int, spans: Iterable[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """The parts of ``[0, length)`` outside ``spans`` (sorted, non-overlapping)."""
    pos = 0
    for s, e in spans:
        if s > pos:
            yield pos, s
        pos = max(pos, e)
    if pos < length:
        yield pos, length


def split_sentences(text: str, exclude: Iterable[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """``[start, end)`` of every sentence of ``text``, skipping the ``exclude`` spans (boilerplate).

    >>> text = " date 2019-03-05 Crowds left Baghouz.\\n\\nHundreds flee battle\\nAround 300 fled."
    >>> [text[s:e] for s, e in split_sentences(text, exclude=[(1, 16)])]
    ['Crowds left Baghouz.', 'Hundreds flee battle', 'Around 300 fled.']
    """
    found: list[tuple[int, int]] = []
    for gap_start, gap_end in _gaps(len(text), sorted(exclude)):
        for b_start, b_end in blocks(text, gap_start, gap_end):
            if is_wrapped(text[b_start:b_end]):
                pieces: Iterable[tuple[int, int]] = [(b_start, b_end)]
            else:
                pieces = lines(text, b_start, b_end)
            for p_start, p_end in pieces:
                for s, e in split_piece(text, p_start, p_end):
                    if _ALNUM.search(text, s, e):  # a line of dashes or bullets is no sentence
                        found.append((s, e))
    return found


def process(article: Article) -> Article:
    spans = split_sentences(article.text, [(b.start, b.end) for b in article.boilerplate])
    return article.with_layer(sentences=[Sentence(s, e) for s, e in spans])


def sentences_of(article: Article) -> tuple[Sentence, ...]:
    """The article's sentences layer. Every stage that reads sentences asks here, so there is one
    splitter: an article that has no such layer (built by hand, read without it) gets this stage's
    sentences, made now; a layer that ran and found none stays empty.

    >>> [(s.start, s.end) for s in sentences_of(Article.create(id="a", text="Hundreds fled. Dr. Ali stayed."))]
    [(0, 14), (15, 30)]
    """
    return article.sentences if article.has("sentences") else process(article).sentences


def sentence_at(article: Article, offset: int) -> Sentence | None:
    """The sentence of the article's sentences layer that holds character ``offset``, if any."""
    return next((s for s in article.sentences if s.start <= offset < s.end), None)


STAGE = Stage(
    name="sentences",
    version=VERSION,
    requires=("boilerplate",),
    provides=("sentences",),
    process=process,
)
