"""Where the lines and paragraphs of an already-scraped text are, as ``[start, end)`` offsets.

Scraped pages come in two layouts: one paragraph per line (the seed pages, most extractors), or
paragraphs hard-wrapped over several lines. In the first a newline ends a unit (a headline without
final punctuation is still a unit of its own); in the second it is just a space. A block is taken as
hard-wrapped when a line ending in a lowercase word or a comma is followed by a line starting in
lowercase, which one-paragraph-per-line text practically never shows.

>>> text = "Headline here\\n\\nFirst para.\\nSecond para."
>>> [text[s:e] for s, e in blocks(text)]
['Headline here', 'First para.\\nSecond para.']
>>> [text[s:e] for s, e in lines(text, 15, len(text))]
['First para.', 'Second para.']
>>> is_wrapped("the talks ended\\nwithout a deal.")
True
"""

from __future__ import annotations

import re
from typing import Iterator

from .spans import strip_span

# A paragraph break: a blank line (spaces, tabs, \r allowed on it), or the Unicode paragraph separator.
PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*|\u2029\s*")
_LINE_END = re.compile(r"\n|\u2028")
_WRAP_JOIN = re.compile(r"[a-z,;][^\S\n]*\n[^\S\n]*[a-z]")


def _pieces(text: str, separator: re.Pattern, start: int, end: int | None) -> Iterator[tuple[int, int]]:
    """Non-blank pieces of ``text[start:end]`` between ``separator`` matches, whitespace-trimmed."""
    end = len(text) if end is None else end
    pos = start
    for brk in separator.finditer(text, start, end):
        s, e = strip_span(text, pos, brk.start())
        if s < e:
            yield s, e
        pos = brk.end()
    s, e = strip_span(text, pos, end)
    if s < e:
        yield s, e


def blocks(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """Non-blank paragraphs (blank-line separated) of ``text[start:end]``, whitespace-trimmed."""
    return _pieces(text, PARAGRAPH_BREAK, start, end)


def lines(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """Non-blank lines of ``text[start:end]``, whitespace-trimmed (so never including the newline)."""
    return _pieces(text, _LINE_END, start, end)


def is_wrapped(block_text: str) -> bool:
    """True when the block's newlines are soft (a paragraph hard-wrapped over several lines)."""
    return "\n" in block_text and _WRAP_JOIN.search(block_text) is not None
