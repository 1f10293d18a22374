"""Does the clause around a time expression look ahead or back?

"They will meet on Thursday" means the coming Thursday; "they met on Thursday" the last one. The
nearest explicit cue before the expression (within its sentence and a few words) decides; a cue
right after it in the same clause ("Thursday's vote will ...") counts when there is none before.
"Would" is left out on purpose: in reported speech it marks the past as often as the future.
Without a cue the caller picks its own default.

>>> s = "The group said on Tuesday it will meet on Thursday."
>>> tense_at(s, 0, s.index("Tuesday"), s.index("Tuesday") + 7), tense_at(s, 0, s.index("Thursday"), len(s) - 1)
('past', 'future')
>>> tense_at("Hundreds are expected to arrive on Tuesday.", 0, 33, 40)
'future'
"""

from __future__ import annotations

import re

_FUTURE = (
    r"will|'ll|shall|won't|wo\s+n't|going\s+to|gonna|due\s+(?:to\s+be|on|in)|set\s+(?:to|for)|expected|expects?|expecting"
    r"|scheduled|schedules?|plans?\s+to|planned|planning|intends?\s+to|to\s+be\s+held|is\s+to|are\s+to"
    r"|hopes?\s+to|aims?\s+to|next|upcoming|coming|later\s+this|tomorrow|as\s+(?:soon|early)\s+as"
)
_PAST = (
    r"was|were|had|did|said|told|says|ago|last|earlier|yesterday|previously|has\s+been|have\s+been"
    r"|since|began|left|fled|met|took|came|went|died|killed|arrived|announced|reported|occurred|happened"
)
# "lower-than-expected" is not a future cue: a cue word must not hang on a hyphen.
_CUE = re.compile(rf"(?<![-\w])(?:(?P<future>{_FUTURE})|(?P<past>{_PAST}))\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[,;:()\u2014]")
_WINDOW_BEFORE = 90  # characters: about a dozen words
_WINDOW_AFTER = 30


def tense_at(text: str, sentence_start: int, start: int, end: int, sentence_end: int | None = None) -> str | None:
    """``"future"``, ``"past"`` or None for the expression at ``[start, end)``."""
    lo = max(sentence_start, start - _WINDOW_BEFORE)
    last = None
    for m in _CUE.finditer(text, lo, start):
        last = m
    if last is not None:
        return "future" if last.group("future") else "past"
    hi = min(sentence_end if sentence_end is not None else len(text), end + _WINDOW_AFTER)
    stop = _CLAUSE_END.search(text, end, hi)  # a cue after the phrase counts only within its clause
    m = _CUE.search(text, end, stop.start() if stop else hi)
    if m is not None:
        return "future" if m.group("future") else "past"
    return None
