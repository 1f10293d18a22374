"""``[start, end)`` spans of a text: the one place where a span is narrowed to what it holds.

>>> strip_span("  he said  ", 0, 11)
(2, 9)
>>> strip_span("   ", 0, 3)
(3, 3)
"""

from __future__ import annotations


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` narrowed to exclude surrounding whitespace (start == end when blank)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
