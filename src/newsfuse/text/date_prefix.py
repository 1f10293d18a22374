"""The ` date YYYY-MM-DD` publish-date prefix of already-scraped text pages.

Scraped pages such as the seed pages carry the publish date inline near the start of the text,
sometimes after a navigation word and followed on the same line by the first sentence::

     date 2019-03-05 US-backed militants prepared on Tuesday ...

The prefix is metadata (the publish date); the text keeps it, and cleaning reports it as boilerplate.

>>> find_date_prefix(" date 2019-03-05 US-backed militants prepared")
(1, 16, '2019-03-05')
>>> find_date_prefix("Latest News date 2019-03-05 US-backed militants prepared")
(12, 27, '2019-03-05')
>>> find_date_prefix("The date 2019-03-05 was chosen.") is None
True
"""

from __future__ import annotations

import re

# Only in the first line, within a short lead of navigation words (no sentence punctuation before it),
# so that "the date 2019-03-05" inside a sentence is not taken for metadata.
_PREFIX = re.compile(r"\A[^\n.!?\"]{0,60}?(?:(?<=\s)|\A)(date (\d{4}-\d{2}-\d{2}))(?=\s|\Z)")
_LEAD_WORDS = re.compile(
    r"\A\s*(?:(?:Latest|Breaking|Top|Home|World|Local|Live|Main)(?:\s+(?:News|Stories|Updates|Headlines))?"
    r"|News|Home)?\s*\Z",
    re.IGNORECASE,
)


def find_date_prefix(text: str) -> tuple[int, int, str] | None:
    """``(start, end, iso_date)`` of the ``date YYYY-MM-DD`` marker, or None."""
    match = _PREFIX.match(text)
    if not match:
        return None
    lead = text[: match.start(1)]
    if not _LEAD_WORDS.match(lead):  # only navigation words ("Latest News") may precede it
        return None
    return match.start(1), match.end(1), match.group(2)
