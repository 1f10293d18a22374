"""What the story clusterer looks at in an article: weighted words, names, places and dates.

Names, places and dates come from the annotate stage when the article has them (canonical entities,
GeoNames ids, resolved times); otherwise cheap fallbacks are used (capitalised word runs as names), so
``newsfuse cluster`` also works on bare text at stream speed.

>>> f = features_of(Article.create(id="a", text="Floods hit Port Avel. Rescuers in Port Avel said 40 died in 2024."))
>>> sorted(f.names)
['port avel']
>>> f.years
frozenset({2024})
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from .model import Article

_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]+|\d+")
_NAME_RUN = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z]+(?:[ -](?:[A-Z][a-z]+|of|al|el|de))*(?: [A-Z][a-z]+)?)")
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
_STOP = frozenset(ENGLISH_STOP_WORDS) | {"said", "says", "told", "according", "reported", "news", "just", "like",
                                         "year", "years", "new", "people", "time", "including", "day"}
# Words that start sentences or are capitalised for other reasons and make poor name features.
_NOT_NAMES = frozenset({"the", "a", "an", "he", "she", "it", "they", "we", "i", "but", "and", "in", "on", "at",
                        "this", "that", "there", "his", "her", "their", "its", "monday", "tuesday", "wednesday",
                        "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april",
                        "may", "june", "july", "august", "september", "october", "november", "december",
                        "mr", "mrs", "ms", "dr", "after", "when", "while", "as", "if", "for", "with"})


def _stem(word: str) -> str:
    """A light suffix stripper: enough to meet 'quake'/'quakes', 'killed'/'kills' half-way, and fast."""
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


@dataclass(slots=True)
class StoryFeatures:
    terms: Counter  # stemmed content words → count (title words counted twice)
    names: frozenset[str]  # canonical entities or capitalised runs, lowercased
    places: frozenset[str]  # geonameids when resolved, else place names
    years: frozenset[int]  # years the text speaks of
    day: int | None  # publish date as a day number (None when unknown)


def _day_number(published: str | None) -> int | None:
    if not published or len(published) < 10:
        return None
    from datetime import date

    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None


def _body(article: Article) -> str:
    """The text without boilerplate spans (they are shared across unrelated articles of one site)."""
    if not article.boilerplate:
        return article.text
    parts, pos = [], 0
    for span in sorted(article.boilerplate, key=lambda b: b.start):
        parts.append(article.text[pos : span.start])
        pos = max(pos, span.end)
    parts.append(article.text[pos:])
    return " ".join(parts)


def features_of(article: Article) -> StoryFeatures:
    body = _body(article)
    terms: Counter = Counter()
    for text, weight in ((article.title or "", 2), (body, 1)):
        for word in _WORD.findall(text):
            lower = word.lower()
            if lower.isdigit():
                # Counts and dates are specific to one event ("23 pirates", "the 12th"): keep them as terms.
                if len(lower) <= 4 and lower != "0":
                    terms["#" + lower] += weight
            elif lower not in _STOP and len(lower) > 2:
                terms[_stem(lower)] += weight
    if article.entities:
        names = frozenset(e.entity.lower() for e in article.entities if e.label in ("PERSON", "ORG", "NORP", "FAC", "EVENT"))
    else:
        names = frozenset(
            run.lower() for run in _NAME_RUN.findall(body) if run.lower().split()[0] not in _NOT_NAMES and len(run) > 3
        )
    if article.places:
        places = frozenset(str(p.geonameid) if p.geonameid else p.text.lower() for p in article.places)
    else:
        places = frozenset()
    years = {int(y) for y in _YEAR.findall(body)}
    for t in article.times:
        if t.value and t.value[:4].isdigit():
            years.add(int(t.value[:4]))
    return StoryFeatures(terms, names, places, frozenset(years), _day_number(article.published))
