"""Keys for matching place names written in many ways.

Two keys are used, from strict to loose:

- :func:`name_key`: accents, case, apostrophes and punctuation removed
  ("Al-Ḩasakah" → "al hasakah", "U.S." → "us").
- :func:`skeleton`: a consonant skeleton that survives the usual transliteration
  variants of Arabic (and other) names: leading or inner articles dropped, vowels and
  "h"/"w"/"y" after the first letter dropped, q/c → k, doubled letters collapsed. It is a
  candidate generator only: a skeleton match is always confirmed by context or a
  fuzzy score, because short skeletons collide.

>>> name_key("Deir ez-Zor")
'deir ez zor'
>>> skeleton("Deir Az Zor") == skeleton("Dayr az Zawr") == skeleton("Deir ez-Zor")
True
>>> skeleton("Baghouz") == skeleton("Baghuz") == skeleton("al-Baghuz")
True
>>> skeleton("Al Hol") == skeleton("al-Hawl")
True
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from ...text.lexicon import word_set

_APOSTROPHES = "'’‘`´ʻʼʿʾ"
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_/,;:()\[\]\"“”]+")
_DROP = re.compile(r"[^\w ]+")

# Arabic article forms as transliterated in news and GeoNames ("al-", "el-", "ad-", "ash-"...).
ARTICLES = word_set("name_words.tsv", "place_article")
# Words that name the kind of area rather than the area ("Deir ez-Zor Governorate").
GENERIC_AREA_WORDS = word_set("name_words.tsv", "generic_area")


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """Case-, accent- and punctuation-insensitive key of a name (cached: the places stage asks for the
    same few names over and over, ~600 times per article)."""
    s = strip_accents(text).casefold()
    for a in _APOSTROPHES:
        s = s.replace(a, "")
    s = s.replace(".", "")
    s = _SEPARATORS.sub(" ", s)
    s = _DROP.sub("", s)
    return " ".join(s.split())


def without_articles(key: str) -> str:
    """The key without Arabic articles ("al hol" → "hol"); unchanged if nothing would be left."""
    tokens = [t for t in key.split() if t not in ARTICLES]
    return " ".join(tokens) if tokens else key


def without_generic_suffix(key: str) -> str:
    """ "deir ez zor governorate" → "deir ez zor" (only when something is left)."""
    tokens = key.split()
    while len(tokens) > 1 and tokens[-1] in GENERIC_AREA_WORDS:
        tokens.pop()
    return " ".join(tokens)


_SKELETON_MAP = str.maketrans({"q": "k", "c": "k", "v": "f", "p": "b"})


def _token_skeleton(token: str) -> str:
    token = token.translate(_SKELETON_MAP)
    out = [token[0]]
    for ch in token[1:]:
        if ch in "aeiouyhw":
            continue
        if ch != out[-1]:
            out.append(ch)
    return "".join(out)


def skeleton(text: str) -> str:
    """Consonant skeleton of a name (see the module docstring); '' for empty names."""
    key = without_articles(name_key(text))
    tokens = [t for t in key.split() if t]
    return " ".join(_token_skeleton(t) for t in tokens)


def is_latin(text: str) -> bool:
    """True for names written in Latin script (with accents); other scripts are not indexed."""
    for ch in strip_accents(text):
        if ch.isalpha() and not ("a" <= ch.lower() <= "z" or ch in "ßæøðþłđıœ"):
            return False
    return True
