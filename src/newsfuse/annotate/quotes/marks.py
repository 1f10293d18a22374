"""Quotation marks as the web writes them, paired into quoted spans.

Scraped news mixes every convention: straight ``"…"``, curly ``“…”``, German ``„…“``, guillemets
``«…»`` (and ``»…«``), British single marks ``‘…’`` used as the main quotes, TeX-style
````…''``, and HTML entities left unescaped (``&quot;``). Marks get lost or doubled on the way, so
pairing never trusts the glyph alone: as in CommonMark's emphasis rules, a mark *opens* when it is
glued to the word after it and *closes* when glued to the word before it; the glyph only breaks ties.

Pairing is done per paragraph, and odd documents never stop it:

- a quote still open at the end of a paragraph continues when the next paragraph starts with an
  opening mark (the convention for quotes running over several paragraphs) — one span;
- otherwise the runaway quote is bounded at the paragraph end (``closed=False``);
- an opening mark met inside an open quote means the closing mark was lost: the open quote ends
  just before the new mark;
- a closing mark with no opener as the first mark of a paragraph means the opening mark was lost:
  a span from the paragraph start is offered (``recovered_open=True``) for the caller to accept
  only when a speech cue follows it.

Single marks (``'`` ``‘`` ``’``) double as apostrophes, so they are paired only outside double
quotes, never run away, and skip word-internal and elision apostrophes.

>>> text = 'He said: “We will win.” Then: «Non», and „Ja“.'
>>> [text[q.content_start:q.content_end] for q in find_quoted_spans(text)]
['We will win.', 'Non', 'Ja']
>>> text = '"It is slow,\\n\\n"and it is methodical," he said.'
>>> q = find_quoted_spans(text)[0]
>>> (text[q.content_start:q.content_end], q.paragraphs)
('It is slow,\\n\\n"and it is methodical,', 2)
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ...text.spans import strip_span

# Canonical glyph of every mark spelling we recognise (HTML entities survive some scrapers).
_SPELLINGS: dict[str, str] = {
    '"': '"', "“": "“", "”": "”", "„": "„", "‟": "„", "«": "«", "»": "»", "″": '"', "＂": '"',
    "``": "„", "''": "''",
    "&quot;": '"', "&#34;": '"', "&#x22;": '"', "&ldquo;": "“", "&#8220;": "“", "&rdquo;": "”",
    "&#8221;": "”", "&bdquo;": "„", "&#8222;": "„", "&laquo;": "«", "&#171;": "«", "&raquo;": "»",
    "&#187;": "»",
    "'": "'", "‘": "‘", "’": "’", "‚": "‚", "‹": "‹", "›": "›",
    "&#39;": "'", "&apos;": "'", "&lsquo;": "‘", "&#8216;": "‘", "&rsquo;": "’", "&#8217;": "’",
}
_MARK = re.compile("|".join(re.escape(s) for s in sorted(_SPELLINGS, key=len, reverse=True)))

DOUBLE_GLYPHS = frozenset('"“”„«»') | {"''"}
SINGLE_GLYPHS = frozenset("'‘’‚‹›")
GUILLEMETS = frozenset("«»‹›")
ALL_MARK_CHARS = frozenset("\"“”„‟«»″＂'‘’‚‹›`")

# Glyphs whose direction is fixed whatever the context.
_ALWAYS_OPENS = frozenset({"„", "‚"})
# Two apostrophes are TeX's closing mark, but some archives (older New York Times copy) use them for
# both: their direction is left to the context.
_ALWAYS_CLOSES: frozenset[str] = frozenset()

_OPENING_CONTEXT = frozenset("([{—–")
_CLOSING_CONTEXT = frozenset(".,;:!?)]}—–…")


@dataclass(slots=True, frozen=True)
class QuotedSpan:
    """A stretch of text between quotation marks (the content excludes the marks)."""

    open_start: int  # offset of the opening mark (== content_start when it was lost)
    content_start: int
    content_end: int
    close_end: int  # offset after the closing mark (== content_end when there is none)
    closed: bool = True
    single: bool = False  # ‘…’ / '…' / ‹…›
    paragraphs: int = 1  # > 1 for a quote running over several paragraphs
    recovered_open: bool = False  # the opening mark was lost; content starts at the paragraph start

    @property
    def start(self) -> int:
        return self.content_start

    @property
    def end(self) -> int:
        return self.content_end


@dataclass(slots=True, frozen=True)
class _Mark:
    start: int
    end: int
    glyph: str
    role: str  # "open" | "close" | "either"


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Paragraphs: blocks between newlines, or between blank lines when the text is hard-wrapped.

    >>> paragraph_spans("One.\\nTwo.\\n\\nThree.")
    [(0, 4), (5, 9), (11, 17)]
    """
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    separator = r"\n[ \t\r]*\n" if _looks_hard_wrapped(text, lines) else r"\n"
    spans: list[tuple[int, int]] = []
    pos = 0
    for match in re.finditer(separator, text):
        spans.append((pos, match.start()))
        pos = match.end()
    spans.append((pos, len(text)))
    return [strip_span(text, s, e) for s, e in spans if text[s:e].strip()]


def _looks_hard_wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    # Fixed-width wire copy: most lines of similar length that stop mid-sentence.
    long_lines = [(s, e) for s, e in lines if e - s >= 40]
    if len(long_lines) < 5:
        return False
    open_ended = sum(1 for s, e in long_lines if text[e - 1] not in ".!?:\"”'’")
    widths = sorted(e - s for s, e in long_lines)
    spread = widths[int(len(widths) * 0.9)] - widths[len(widths) // 10]
    return open_ended / len(long_lines) > 0.6 and spread <= 25


def _role(text: str, start: int, end: int, glyph: str) -> str | None:
    """"open", "close", "either", or None when the character is not a quotation mark here."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if glyph in SINGLE_GLYPHS - GUILLEMETS:
        if before.isalnum() and after.isalnum():
            return None  # don't, Syria’s, O’Brien
        if after.isdigit() and glyph in "'’":
            return None  # ’90s
    if glyph == '"' and before.isdigit() and text[start : start + 1] == '"':
        return None  # 12" (inches)
    if glyph in _ALWAYS_OPENS:
        return "open"
    if glyph in _ALWAYS_CLOSES:
        return "close"
    glued_after = not after.isspace()
    glued_before = not before.isspace()
    left = glued_after and (not glued_before or before in _OPENING_CONTEXT or before in ALL_MARK_CHARS)
    right = glued_before and before not in _OPENING_CONTEXT and (
        not glued_after or after in _CLOSING_CONTEXT or after in ALL_MARK_CHARS
    )
    if left and not right:
        return "open"
    if right and not left:
        return "close"
    return "either"


def _closes(opener: str, closer: str) -> bool:
    if opener in GUILLEMETS or closer in GUILLEMETS:
        return {opener, closer} in ({"«", "»"}, {"‹", "›"})
    return True


def find_quoted_spans(text: str, paragraphs: list[tuple[int, int]] | None = None) -> list[QuotedSpan]:
    """All quoted spans of the text, in order (double-quoted first level, then single-quoted)."""
    paragraphs = paragraph_spans(text) if paragraphs is None else paragraphs
    marks_by_paragraph = [_marks(text, s, e) for s, e in paragraphs]
    spans: list[QuotedSpan] = []
    carried: tuple[_Mark, int] | None = None  # an open quote continuing from earlier paragraphs
    for index, ((p_start, p_end), marks) in enumerate(zip(paragraphs, marks_by_paragraph)):
        doubles = [m for m in marks if m.glyph in DOUBLE_GLYPHS]
        found, open_mark, open_paragraphs = _pair_doubles(text, p_start, doubles, carried)
        carried = None
        if open_mark is not None:
            next_opens = index + 1 < len(paragraphs) and _starts_with_opening(
                marks_by_paragraph[index + 1], paragraphs[index + 1][0]
            )
            if next_opens:
                carried = (open_mark, open_paragraphs)
            else:
                found.append(_runaway(text, open_mark, p_end, open_paragraphs))
        spans.extend(found)
        spans.extend(_pair_singles(text, marks, found, p_start, p_end))
    spans.sort(key=lambda q: (q.content_start, -q.content_end))
    return spans


_TAG = re.compile(r"<[A-Za-z/][^<>\n]{0,400}>")  # markup left in scraped text: <tweet id="...">


def _marks(text: str, start: int, end: int) -> list[_Mark]:
    tags = [(m.start(), m.end()) for m in _TAG.finditer(text, start, end)] if "<" in text[start:end] else []
    marks = []
    for match in _MARK.finditer(text, start, end):
        if tags and any(s <= match.start() < e for s, e in tags):
            continue  # attribute quotes inside a tag are not quotation marks
        glyph = _SPELLINGS[match.group()]
        role = _role(text, match.start(), match.end(), glyph)
        if role is not None:
            marks.append(_Mark(match.start(), match.end(), glyph, role))
    return marks


def _starts_with_opening(marks: list[_Mark], paragraph_start: int) -> bool:
    return bool(marks) and marks[0].start == paragraph_start and marks[0].role in ("open", "either") and (
        marks[0].glyph in DOUBLE_GLYPHS
    )


def _runaway(text: str, mark: _Mark, end: int, paragraphs: int) -> QuotedSpan:
    _, end = strip_span(text, mark.end, end)
    return QuotedSpan(mark.start, mark.end, max(mark.end, end), max(mark.end, end), False, False, paragraphs)


def _pair_doubles(
    text: str, p_start: int, marks: list[_Mark], carried: tuple[_Mark, int] | None
) -> tuple[list[QuotedSpan], _Mark | None, int]:
    spans: list[QuotedSpan] = []
    open_mark, paragraphs = (carried[0], carried[1] + 1) if carried else (None, 1)
    if carried and marks and marks[0].start == p_start:
        marks = marks[1:]  # the mark that reopens a continuing quote
    for position, mark in enumerate(marks):
        if open_mark is None:
            if mark.role in ("open", "either"):
                open_mark, paragraphs = mark, 1
            elif position == 0 and mark.start > p_start:
                # a closing mark before any opener: the opening mark was probably lost
                spans.append(QuotedSpan(p_start, p_start, mark.start, mark.end, True, False, 1, True))
            continue
        if mark.role in ("close", "either") and _closes(open_mark.glyph, mark.glyph):
            spans.append(QuotedSpan(open_mark.start, open_mark.end, mark.start, mark.end, True, False, paragraphs))
            open_mark = None
        elif mark.role == "open" and (open_mark.glyph in GUILLEMETS) == (mark.glyph in GUILLEMETS):
            # a new opening mark inside an open quote: the closing mark was lost
            _, end = strip_span(text, open_mark.end, mark.start)
            spans.append(QuotedSpan(open_mark.start, open_mark.end, end, end, False, False, paragraphs))
            open_mark, paragraphs = mark, 1
    return spans, open_mark, paragraphs


def _pair_singles(
    text: str, marks: list[_Mark], doubles: list[QuotedSpan], p_start: int, p_end: int
) -> list[QuotedSpan]:
    """Single-quoted spans outside double quotes; an unclosed single mark is an apostrophe."""
    starts = [q.open_start for q in doubles]  # doubles are in text order and never overlap

    def inside_double(pos: int) -> bool:
        i = bisect.bisect_right(starts, pos) - 1
        return i >= 0 and pos < doubles[i].close_end

    singles = [m for m in marks if m.glyph in SINGLE_GLYPHS and not inside_double(m.start)]
    spans: list[QuotedSpan] = []
    i = 0
    while i < len(singles):
        opener = singles[i]
        if opener.role != "open":
            i += 1
            continue
        closers = []
        j = i + 1
        while j < len(singles) and not (singles[j].role == "open" and closers):
            if singles[j].role in ("close", "either") and _closes(opener.glyph, singles[j].glyph):
                closers.append(j)
            j += 1
        if not closers:
            i += 1
            continue
        # "the group’s leaders’ fate,’ he said": prefer a closer next to punctuation over a possessive
        strong = [k for k in closers if _punctuated(text, singles[k])]
        k = strong[0] if strong else closers[0]
        spans.append(QuotedSpan(opener.start, opener.end, singles[k].start, singles[k].end, True, True))
        i = k + 1
    return spans


def _punctuated(text: str, mark: _Mark) -> bool:
    before = text[mark.start - 1] if mark.start > 0 else " "
    after = text[mark.end] if mark.end < len(text) else " "
    return before in ",.!?" or after in ",.;:!?"
