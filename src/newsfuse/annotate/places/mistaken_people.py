"""Mentions the NER called people that the places layer shows to be towns.

en_core_web_sm often tags a transliterated town ("Maaret al-Numan") PERSON. Speaker and claimant
resolution must not take such a mention for a person ("he said" after "the market in Maaret al-Numan"
is not the town speaking). Only a mention that the places layer resolved to a sub-country place AND
that follows a word introducing places ("in", "near", "including") counts: a person whose name is
also a town's ("Clinton said") is left alone.
"""

from __future__ import annotations

import re

from ...model import Article

_LOCATIVE_BEFORE = re.compile(r"\b(?:in|at|near|from|into|outside|around|including|across|towards?)\s+$", re.I)


def after_locative_word(text: str, start: int) -> bool:
    """A word that introduces places ("in", "near", "including") ends right before ``start``."""
    return _LOCATIVE_BEFORE.search(text[max(0, start - 12) : start]) is not None


def towns_tagged_as_people(article: Article) -> frozenset[tuple[int, int]]:
    """(start, end) of every mention the places layer reads as a town after a locative word."""
    text = article.text
    return frozenset(
        (p.start, p.end) for p in article.places
        if p.precision not in ("country", "region") and after_locative_word(text, p.start)
    )
