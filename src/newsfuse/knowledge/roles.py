"""Titles and roles written before a person's name ("Coalition spokesman Sean Ryan").

The name is the entity; the words before it that say what the person is are kept apart as the
mention's ``role``. A role is a run of tokens ending right before the name that holds at least one
role or title word ("spokesman", "chief", "Colonel"), possibly with modifiers ("deputy", "military")
and capitalised words naming whom the person works for ("Coalition", "Observatory", "US").

>>> split_leading_title(["Colonel", "Pat", "Ryder"])
1
"""

from __future__ import annotations
from ..text.lexicon import word_set

ROLE_WORDS = word_set("role_words.tsv", "role")
TITLE_WORDS = word_set("role_words.tsv", "title")
ROLE_MODIFIERS = word_set("role_words.tsv", "role_modifier")
# Words that stop a role: determiners and common verbs/particles that precede names.
STOP_WORDS = word_set("role_words.tsv", "stop_word")


def _norm(token: str) -> str:
    return token.lower().rstrip(".").replace("’", "'")


def is_role_word(token: str) -> bool:
    t = _norm(token)
    return t in ROLE_WORDS or t in TITLE_WORDS


def split_leading_title(tokens: list[str]) -> int:
    """How many leading tokens of a PERSON span are titles/roles (at least one name token is kept)."""
    cut = 0
    for i, tok in enumerate(tokens[:-1]):
        t = _norm(tok)
        if t in TITLE_WORDS or t in ROLE_WORDS:
            cut = i + 1
        elif t in ROLE_MODIFIERS or (tok[:1].isupper() and i + 1 < len(tokens) - 1 and is_role_word(tokens[i + 1])):
            continue
        else:
            break
    return cut


def role_start(tokens: list[tuple[str, bool]]) -> int | None:
    """Given the tokens before a name, nearest last (text, is_sentence_start), the index where the
    role begins, or None when the tokens right before the name are not a role.

    >>> toks = [("said", False), ("Coalition", False), ("spokesman", False)]
    >>> role_start(toks)
    1
    """
    start = None
    has_role = False
    i = len(tokens) - 1
    while i >= 0:
        text, sent_start = tokens[i]
        t = _norm(text)
        if t in STOP_WORDS:
            break
        if t in ROLE_WORDS or t in TITLE_WORDS:
            has_role = True
            start = i
        elif t in ROLE_MODIFIERS or text in ("-", "–", "'s", "’s"):
            if start is None:
                break  # a modifier must modify a role word already taken
            start = i
        elif text[:1].isupper() and text[:1].isalpha():
            if not has_role:
                break
            start = i  # whom the person works for ("Coalition", "US", "Observatory")
        else:
            break
        if sent_start:
            break
        i -= 1
    if not has_role or start is None:
        return None
    # Do not begin a role on a hyphen or a possessive.
    while start < len(tokens) and tokens[start][0] in ("-", "–", "'s", "’s"):
        start += 1
    return start if start < len(tokens) else None
