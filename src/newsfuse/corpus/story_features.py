"""What the story clusterer looks at in an article: weighted words, names, places and dates.

Names, places and dates come from the annotate stage when the article has them (canonical entities,
GeoNames ids, resolved times); otherwise cheap fallbacks are used, so ``newsfuse cluster`` also works
on bare text at stream speed:

- names: capitalised words that are not capitalised only because they open a sentence or a title
  (a sentence-initial "Williams" counts when the article also writes "Williams" mid-sentence; a
  Title Case "Arrested" does not, because the article also writes "arrested"). Names are counted,
  so an article's protagonists (the most-mentioned names) weigh most;
- years: four-digit years 1950–2049 in the text.

Names and unresolved places are matched by a spelling key (``spelling_key``), so that transliteration
variants of one name ("Ostrogan" / "Ostrohan", "Zelenskiy" / "Zelensky", "Mohammad" / "Mohamad") are
one feature. (Keying the name words among the TF-IDF terms too was tried: it lowered the ECB+ dev
scores over a range of merge thresholds, so the terms keep their plain stems.)

>>> f = features_of(Article.create(id="a", text="Floods hit Port Avel. Rescuers in Port Avel said 40 died in 2024. Avel is cut off."))
>>> sorted(f.names.items())
[('avel', 3), ('port', 2)]
>>> f.years
frozenset({2024})
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from ..model import Article
from ..text.calendar_words import MONTHS, WEEKDAY_NAMES
from ..text.lexicon import word_set

_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]+")
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
_STOP = frozenset(ENGLISH_STOP_WORDS) | word_set("story_words.tsv", "story_stop")

# Tokens for the name finder: words (with inner apostrophes and hyphens) and the marks that end a
# sentence or open a quotation, after which a capital letter says nothing about names.
_NAME_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Za-z]|[.!?:;]|\n")
_SENTENCE_END = frozenset(".!?:;\n")
_POSSESSIVE = re.compile(r"['’]s?$")
# Capitalised words that are not names of anything the story is about.
_NOT_NAMES = (frozenset(ENGLISH_STOP_WORDS) | set(WEEKDAY_NAMES) | set(MONTHS)
              | word_set("story_words.tsv", "not_a_name"))


def _stem(word: str) -> str:
    """A light suffix stripper: enough to meet 'quake'/'quakes', 'killed'/'kills' half-way, and fast."""
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


@dataclass(slots=True)
class StoryFeatures:
    terms: Counter  # stemmed content words → count (title words counted twice)
    names: Counter  # canonical entities, or name words, lowercased → mentions
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


def name_words(text: str) -> Counter:
    """Capitalised words that look like parts of names, lowercased, with their mention counts.

    A capital that only opens a sentence, or stands in a Title Case headline, is no evidence of a
    name: such a word counts when the text also capitalises it mid-sentence, or when it runs into a
    word that does ("Jamal Williams" opening a sentence). A word the text also writes in lower case is
    a common word. ALL-CAPS words (shouted headlines, acronyms) are left out.

    >>> sorted(name_words("Police said Jamal Williams was arrested. Williams, 32, denied it.").items())
    [('jamal', 1), ('williams', 2)]
    >>> sorted(name_words("Gunman Arrested In Orlin\\nA gunman was arrested in Orlin.").items())
    [('orlin', 2)]
    """
    # (word, confirmed: capitalised where a capital says something, next token is a word)
    words: list[tuple[str, bool, bool]] = []
    mid_sentence: set[str] = set()
    lower: set[str] = set()
    for line in text.split("\n"):
        tokens = _NAME_TOKEN.findall(line)
        # A Title Case headline capitalises every content word: no capital there is evidence.
        content = [t for t in tokens if len(t) > 3 and t[0].isalpha() and t.lower() not in _NOT_NAMES]
        title_case = len(content) >= 2 and all(t[0].isupper() for t in content)
        opens_sentence = True
        for i, token in enumerate(tokens):
            if token in _SENTENCE_END:
                opens_sentence = True
                continue
            word = _POSSESSIVE.sub("", token) if len(token) > 3 else token
            if word[:1].isupper() and not word.isupper():
                confirmed = not opens_sentence and not title_case
                followed = i + 1 < len(tokens) and tokens[i + 1] not in _SENTENCE_END
                words.append((word, confirmed, followed))
                if confirmed:
                    mid_sentence.add(word)
            else:
                words.append((word, False, False))
                if word.islower():
                    lower.add(word)
            opens_sentence = False
    names: Counter = Counter()
    for i, (word, confirmed, followed) in enumerate(words):
        low = word.lower()
        if not word[:1].isupper() or word.isupper() or len(low) < 3 or low in _NOT_NAMES or low in lower:
            continue
        runs_into_name = followed and i + 1 < len(words) and words[i + 1][0] in mid_sentence
        if confirmed or word in mid_sentence or runs_into_name:
            names[low] += 1
    return names


def fold(text: str) -> str:
    """Text with diacritics and typographic apostrophes folded to ASCII, so that "Buzău" meets
    "Buzau" and "Lohan’s" meets "Lohan's" (only for matching: the article text is never changed).

    >>> fold("Buzău’s mayor in Râmnicu Sărat")
    "Buzau's mayor in Ramnicu Sarat"
    """
    if text.isascii():
        return text
    text = text.replace("’", "'").replace("‘", "'")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


# Spelling variants that transliteration and house styles produce for one name, each folded to one
# form: Cyrillic г written g or h, х written kh or h, ф written ph or f, в written w or v.
_DIGRAPHS = (("kh", "h"), ("ph", "f"), ("ck", "k"), ("g", "h"), ("w", "v"))
# The adjectival endings of Slavic names: -iy, -yy, -yi, -ii, -ij and a plain -y are one ending.
_ENDING = re.compile(r"(?:iy|yy|yi|ii|ij|y)$")
_DOUBLE = re.compile(r"(.)\1+")


def spelling_key(name: str) -> str:
    """A spelling key for a (lowercased, folded) name: the same key for its usual transliteration
    variants, word by word. Vowels are kept, so different names that share consonants stay apart.

    >>> spelling_key("ostrogan") == spelling_key("ostrohan")
    True
    >>> spelling_key("zelenskiy") == spelling_key("zelensky") == spelling_key("zelenskyy")
    True
    >>> spelling_key("mohammad al-hassan") == spelling_key("mohamad al-hasan")
    True
    >>> spelling_key("kessor") == spelling_key("kassor")
    False
    """
    words = []
    for word in name.split():
        if len(word) > 3:
            for spelling, key in _DIGRAPHS:
                word = word.replace(spelling, key)
            word = _DOUBLE.sub(r"\1", word)
            word = _ENDING.sub("i", word) if len(word) > 4 else word
        words.append(word)
    return " ".join(words)


def features_of(article: Article) -> StoryFeatures:
    body = fold(_body(article))
    if article.entities:
        names = Counter(
            spelling_key(fold(e.entity).lower())
            for e in article.entities
            if e.label in ("PERSON", "ORG", "NORP", "FAC", "EVENT", "GPE", "LOC")
        )
    else:
        names = Counter()
        for name, count in name_words(body).items():
            names[spelling_key(name)] += count
    terms: Counter = Counter()
    for text, weight in ((fold(article.title or ""), 2), (body, 1)):
        # Numbers are left out: counts and dates are event-specific, but as bare tokens ("10", "2")
        # they matched unrelated articles more often than they told events apart (ECB+ dev topics).
        for word in _WORD.findall(text):
            lower = _POSSESSIVE.sub("", word.lower()).strip("'-")
            if lower not in _STOP and len(lower) > 2:
                terms[_stem(lower)] += weight
    if article.places:
        places = frozenset(str(p.geonameid) if p.geonameid else spelling_key(fold(p.text).lower()) for p in article.places)
    else:
        places = frozenset()
    years = {int(y) for y in _YEAR.findall(body)}
    for t in article.times:
        if t.value and t.value[:4].isdigit():
            years.add(int(t.value[:4]))
    return StoryFeatures(terms, names, places, frozenset(years), _day_number(article.published))
