"""Boilerplate in already-scraped text, reported as spans (the text itself is never changed).

A scraped page keeps some page furniture around the article: the ` date YYYY-MM-DD` metadata
prefix, navigation lines ("Latest News", "Read more"), share/subscribe/cookie prompts, byline-only
lines, copyright lines, photo credits, and captions or paragraphs that the scraper picked up twice.
Each of these becomes a :class:`~newsfuse.model.Boilerplate` span over the line's text (without
its newline; for a repeated hard-wrapped paragraph, over the whole block), with a ``reason``:

``date_prefix`` · ``nav_line`` · ``share_prompt`` · ``byline`` · ``copyright`` · ``photo_credit`` ·
``timestamp`` ("Updated 5 March 2019") ·
``repeated_paragraph`` (the second and later copies; the first copy stays article text) · or the
reason of a section of the phrase list.

The rules look at whole lines only and ask for a close match, because a false positive hides real
text from every later stage: a headline, a section heading ("Meeting between Russia and US") or a
short real sentence must stay. Plain phrases live in ``data/boilerplate_lines.txt``; users add their
own in ``$NEWSFUSE_HOME/boilerplate.txt`` (same format; the file's hash then joins the ``method``).

>>> text = " date 2019-03-05 Crowds left the town.\\n\\nAdvertisement\\n\\nBy Jane Doe, Reuters\\n"
>>> [(text[b.start:b.end], b.reason) for b in find_boilerplate(text)]
[('date 2019-03-05', 'date_prefix'), ('Advertisement', 'nav_line'), ('By Jane Doe, Reuters', 'byline')]
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ...model import Article, Boilerplate
from ...settings import DATA_DIR, home_dir
from ...stage import Stage
from ...text.calendar_words import MONTH_NAMES, MONTHS, WEEKDAY_NAMES, WEEKDAY_SHORT
from ...text.date_prefix import find_date_prefix
from ...text.layout import blocks, is_wrapped, lines
from ...text.lexicon import word_set, words

VERSION = "rules-1"
BUNDLED_PHRASES = DATA_DIR / "boilerplate_lines.txt"
USER_PHRASES_NAME = "boilerplate.txt"

MAX_PREFIX_LINE_WORDS = 30  # a "phrase *" entry only matches short lines, never a paragraph
MAX_LINE_WORDS = 40  # no line rule looks at a longer line: page furniture is short
MIN_REPEAT_WORDS = 3  # shorter repeats ("Yes.", "Syria") are left alone unless a line rule catches them

# --------------------------------------------------------------------------- normalisation

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‛": "'", "′": "'", "“": '"', "”": '"', "„": '"', "″": '"'})
# Bullets, arrows and separators that decorate menu lines: "» Read more", "Related: ", "— Share —".
_DECORATION = " \t\r\f\v•·»«›‹><|*#▶►▸▹→←↓-–—:~=_"
_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[\W_]+")
_FIRST_WORD = re.compile(r"[^\W_]*")
# ASCII bytes that ``_NON_WORD`` matches (all but letters and digits) mapped to a space, the rest kept.
_ASCII_SEPARATORS = bytes(b if chr(b).isalnum() and b < 128 else 0x20 for b in range(256))


def normalize_line(line: str) -> str:
    """Lowercase, NFKC, straight quotes, single spaces, no decoration around, no final punctuation.

    >>> normalize_line("  » READ   More… ")
    'read more'
    """
    if not unicodedata.is_normalized("NFKC", line):
        line = unicodedata.normalize("NFKC", line)
    if not line.isascii():  # the curly quotes are not ASCII; a dict translate walks every character in Python
        line = line.translate(_QUOTES)
    line = line.lower()
    line = _SPACES.sub(" ", line).strip(_DECORATION)
    return line.rstrip(_DECORATION + ".!…").strip(_DECORATION)


def _first_word(norm: str) -> str:
    """The leading run of letters/digits: the bucket of a prefix ("related:" and "related: x" → "related")."""
    match = _FIRST_WORD.match(norm)
    return match.group() if match else ""


def repeat_key(text: str) -> str:
    """What two copies of a paragraph share: words only (case, quotes, punctuation and spacing ignored).

    >>> repeat_key('He said: “We fled.”') == repeat_key('he said "We  fled"')
    True
    """
    if text.isascii():  # the same key, its separators found by a byte table rather than a regex (issue 17)
        return " ".join(text.lower().encode("ascii").translate(_ASCII_SEPARATORS).decode("ascii").split())
    return _NON_WORD.sub(" ", unicodedata.normalize("NFKC", text).lower()).strip()


# --------------------------------------------------------------------------- the phrase list


@dataclass(frozen=True)
class PhraseList:
    """Whole-line phrases (normalised) and line prefixes, each with the reason it records."""

    exact: dict[str, str]
    prefixes: dict[str, tuple[tuple[str, str], ...]]  # by first word, longest prefix first
    user_hash: str | None = None  # sha256 prefix of the user's file, when one was read

    def match(self, line: str) -> str | None:
        """The reason of the phrase that ``line`` is, or starts with; None when none does."""
        norm = normalize_line(line)
        if not norm:
            return None
        reason = self.exact.get(norm)
        if reason is not None:
            return reason
        if len(norm.split()) > MAX_PREFIX_LINE_WORDS:
            return None
        for prefix, reason in self.prefixes.get(_first_word(norm), ()):
            if norm.startswith(prefix) and (len(norm) == len(prefix) or not norm[len(prefix)].isalnum()):
                return reason
        return None


def parse_phrases(lines_: list[str], exact: dict[str, str], prefixes: dict[str, str]) -> None:
    """Add the entries of one phrase file to ``exact``/``prefixes`` (see the data file's header)."""
    reason = "user_phrase"
    for raw in lines_:
        entry = raw.strip()
        if not entry or entry.startswith("#"):
            continue
        if entry.startswith("[") and entry.endswith("]"):
            reason = entry[1:-1].strip() or reason
            continue
        remove = entry.startswith("!")
        entry = entry[1:].strip() if remove else entry
        if entry.endswith("*"):
            key = _SPACES.sub(" ", unicodedata.normalize("NFKC", entry[:-1]).translate(_QUOTES).lower())
            key = key.strip().lstrip(_DECORATION)
            table = prefixes
        else:
            key = normalize_line(entry)
            table = exact
        if not key:
            continue
        if remove:
            table.pop(key, None)
        else:
            table[key] = reason


@lru_cache(maxsize=8)
def _load(user_file: str | None, _mtime: float | None) -> PhraseList:
    exact: dict[str, str] = {}
    prefixes: dict[str, str] = {}
    parse_phrases(BUNDLED_PHRASES.read_text(encoding="utf-8").splitlines(), exact, prefixes)
    user_hash = None
    if user_file is not None:
        data = Path(user_file).read_bytes()
        user_hash = hashlib.sha256(data).hexdigest()[:8]
        parse_phrases(data.decode("utf-8", "replace").splitlines(), exact, prefixes)
    # Longest prefix first, so "share this article *" wins over a shorter, more general entry.
    by_word: dict[str, list[tuple[str, str]]] = {}
    for prefix, reason in sorted(prefixes.items(), key=lambda item: -len(item[0])):
        by_word.setdefault(_first_word(prefix), []).append((prefix, reason))
    return PhraseList(exact=exact, prefixes={k: tuple(v) for k, v in by_word.items()}, user_hash=user_hash)


def phrase_list() -> PhraseList:
    """The bundled phrases plus ``$NEWSFUSE_HOME/boilerplate.txt`` (re-read when that file changes)."""
    user = home_dir() / USER_PHRASES_NAME
    try:
        mtime = user.stat().st_mtime
    except OSError:
        return _load(None, None)
    return _load(str(user), mtime)


# --------------------------------------------------------------------------- line rules

_UPPER = "A-ZÀ-ÖØ-Þ"
_NAME_TOKEN = re.compile(rf"[{_UPPER}][\w'’.\-]*\Z")
_PARTICLES = word_set("boilerplate_words.tsv", "name_particle")
# Lowercase words a byline or credit may contain ("By Jane Doe in Beirut and agencies").
_BYLINE_GLUE = word_set("boilerplate_words.tsv", "byline_glue")
# Capitalised words that start phrases such as "By Tuesday, ..." or "By The Numbers": not names.
_NOT_NAMES = frozenset(WEEKDAY_NAMES) | frozenset(MONTH_NAMES) | word_set("boilerplate_words.tsv", "not_a_name")
_BYLINE_START = re.compile(r"(?i:(?:written|posted|words|text|story|report|published)\s+)?(?i:by)\s+(?P<rest>.+)\Z")
_CREDIT_SEGMENT = re.compile(
    r"(?i:(?:additional\s+|further\s+)?(?:reporting|writing|editing|edited|written|compiled|"
    r"research|researched|produced|translated|translation|graphics|photos?|video|fact-checking)"
    r"(?:\s+and\s+(?:reporting|writing|editing|research))?\s+by)\s+(?P<names>.+)\Z"
)
_TOKEN_SPLIT = re.compile(r"[\s,|·;:/&()\[\]–—]+|\s-\s")
_DATEISH = re.compile(r"\d[\d:./]*(?:am|pm|a\.m\.|p\.m\.)?\Z", re.IGNORECASE)

_COPYRIGHT = re.compile(r"(?:©|\(c\)\s|copyright\b)", re.IGNORECASE)
_RIGHTS = re.compile(r"\ball rights reserved\b", re.IGNORECASE)
_CREDIT_LABELS = words("boilerplate_words.tsv", "credit_label")
_CREDIT_LABEL = re.compile(
    # Longest label first, so that "Image copyright Getty Images" does not stop at "Image".
    r"(?i:%s)\b" % "|".join(sorted(_CREDIT_LABELS, key=len, reverse=True)).replace(" ", r"\s+")
    + r"\s*(?:[:©|]|(?i:by)\b)?\s*(?P<rest>\S.*)\Z"
)
_TIMESTAMP = re.compile(
    r"(?i:(?:last\s+)?(?:updated|published|posted|modified|first\s+published)(?:\s+on|\s+at)?)\s*:?\s*(?P<rest>.+)\Z"
)
# Words of a timestamp line: month and weekday words (the three-letter weekdays, as such lines write them).
_DATE_WORDS = (frozenset(MONTHS) | frozenset(WEEKDAY_NAMES) | {w for w in WEEKDAY_SHORT if len(w) == 3}
               | word_set("boilerplate_words.tsv", "date_word"))
_AGENCIES = word_set("boilerplate_words.tsv", "agency")
_AGENCY_GLUE = word_set("boilerplate_words.tsv", "agency_glue")
_SOCIAL = word_set("boilerplate_words.tsv", "social")
_SECTIONS = word_set("boilerplate_words.tsv", "section")
_BREADCRUMB_SEP = re.compile(r"\s+[|>›»/•·]\s+")
_MENU_LOWER = frozenset("and & of the".split())


def _tokens(text: str) -> list[str]:
    return [t for t in _TOKEN_SPLIT.split(text) if t]


def _lead_word(line: str) -> str:
    """The first token of a line, lowercased ("" for a line of separators)."""
    tokens = _TOKEN_SPLIT.split(line.lstrip(" \t•·»›>|*-–—("), maxsplit=1)
    return tokens[0].lower() if tokens else ""


def _namelike(tokens: list[str], glue: frozenset[str]) -> bool:
    """True when every token is a capitalised word, a name particle, a date bit or allowed glue."""
    for token in tokens:
        low = token.lower()
        if _NAME_TOKEN.match(token) or low in _PARTICLES or low.startswith("al-") or low in glue:
            continue
        if _DATEISH.match(token):
            continue
        return False
    return True


def is_byline(line: str) -> bool:
    """ "By Jane Doe", "By Jane Doe and Sam Roe, Reuters", "(Reporting by X; Editing by Y)".

    >>> is_byline("By Jane Doe in Beirut and agencies"), is_byline("By Tuesday, most had fled.")
    (True, False)
    """
    body = line.strip().rstrip(".").strip()
    if body.startswith("(") and body.endswith(")"):
        body = body[1:-1].strip()
    if not body or len(body) > 200 or body[-1:] in "!?":
        return False
    match = _BYLINE_START.match(body)
    if match:
        tokens = _tokens(match.group("rest"))
        if not tokens or len(tokens) > 14 or not _NAME_TOKEN.match(tokens[0]):
            return False
        if tokens[0].lower().rstrip(".") in _NOT_NAMES:
            return False
        return _namelike(tokens, _BYLINE_GLUE)
    segments = [s.strip() for s in body.split(";") if s.strip()]
    for segment in segments:
        credit = _CREDIT_SEGMENT.match(segment)
        if not credit:
            return False
        tokens = _tokens(credit.group("names"))
        if not tokens or not _NAME_TOKEN.match(tokens[0]) or not _namelike(tokens, _BYLINE_GLUE):
            return False
    return bool(segments)


def is_copyright(line: str) -> bool:
    """ "© 2019 Example Media", "Copyright 2019 Example. All rights reserved." (not "Copyright law ...").

    >>> is_copyright("(c) 2019 Example Media Ltd"), is_copyright("Copyright rules changed in May.")
    (True, False)
    """
    if len(line.split()) > MAX_PREFIX_LINE_WORDS:
        return False
    if _RIGHTS.search(line):
        return True
    marker = _COPYRIGHT.match(line.strip())
    if not marker:
        return False
    tokens = [t for t in _tokens(line.strip()[marker.end():]) if t != "©"]
    return bool(tokens) and _namelike(tokens, _BYLINE_GLUE)


def is_timestamp(line: str) -> bool:
    """ "Updated 5 March 2019", "Published: Mar 5, 2019 10:32 GMT": a date line with a label.

    >>> is_timestamp("Last updated: 5 March 2019, 10:32 GMT"), is_timestamp("Updated figures show 300 fled.")
    (True, False)
    """
    match = _TIMESTAMP.match(line.strip())
    if not match:
        return False
    tokens = _tokens(match.group("rest"))
    return bool(tokens) and len(tokens) <= 10 and any(t[0].isdigit() for t in tokens) and all(
        _DATEISH.match(t) or t.lower().rstrip(".") in _DATE_WORDS for t in tokens
    )


def is_photo_credit(line: str) -> bool:
    """ "Photo: AFP", "Image copyright Getty Images", "(Reuters)", "AFP/Getty Images".

    >>> is_photo_credit("Photo: Jane Doe/AFP"), is_photo_credit("Photo: a boy walks past the camp")
    (True, False)
    """
    if line.count(" ") > 16:  # a credit has at most a label and 8 tokens
        return False
    stripped = line.strip().rstrip(".").strip()
    parenthesised = stripped[:1] in "([" and stripped[-1:] in ")]"
    if parenthesised:
        stripped = stripped[1:-1].strip()
    if not stripped:
        return False
    label = _CREDIT_LABEL.match(stripped)
    if label:
        tokens = _tokens(label.group("rest"))
        if tokens and len(tokens) <= 8 and _namelike(tokens, _AGENCY_GLUE | {"courtesy", "of", "the"}):
            return True
    tokens = _tokens(stripped)
    if not tokens or len(tokens) > 8:
        return False
    lowered = [t.lower() for t in tokens]
    if not any(t in _AGENCIES for t in lowered):
        return False
    if not _namelike(tokens, _AGENCY_GLUE):
        return False
    # A lone heading such as "Reuters Exclusive" is not a credit: ask for credit-like form.
    credit_form = parenthesised or "/" in stripped or "|" in stripped or "via" in lowered or "photo" in lowered
    return credit_form or all(t in _AGENCIES or t in _AGENCY_GLUE for t in lowered)


def is_share_row(line: str) -> bool:
    """A row of share buttons: "Facebook Twitter WhatsApp Email"."""
    if line.count(" ") > 12 or _lead_word(line) not in _SOCIAL:  # cheap exits first
        return False
    tokens = [t.lower() for t in _tokens(line)]
    return bool(tokens) and len(tokens) <= 12 and all(t in _SOCIAL for t in tokens)


def is_menu(line: str) -> bool:
    """A row of section names ("Home World Politics Business") or a breadcrumb ("Home > World > Syria")."""
    if _lead_word(line) in _SECTIONS:
        tokens = [t.lower() for t in _tokens(line)]
        if len(tokens) >= 3 and all(t in _SECTIONS for t in tokens):
            return True
    if not _BREADCRUMB_SEP.search(line):
        return False
    parts = _BREADCRUMB_SEP.split(line.strip())
    if len(parts) < 3:
        return False
    for part in parts:
        words = part.split()
        if not words or len(words) > 3 or part[-1:] in ".!?":
            return False
        for word in words:
            if not (word[0].isupper() or word[0].isdigit() or word.lower() in _MENU_LOWER):
                return False
    return True


def classify_line(line: str, phrases: PhraseList | None = None) -> str | None:
    """The boilerplate reason for a whole line, or None when the line is (or may be) article text.

    >>> classify_line("Latest News"), classify_line("Meeting between Russia and US")
    ('nav_line', None)
    """
    if line.count(" ") >= MAX_LINE_WORDS:  # cheap exit: every rule below wants a short line
        return None
    phrases = phrases if phrases is not None else phrase_list()
    reason = phrases.match(line)
    if reason is not None:
        return reason
    if is_share_row(line):
        return "share_prompt"
    if is_menu(line):
        return "nav_line"
    if is_photo_credit(line):  # before bylines: "Photo by Jane Doe/AFP" is a credit
        return "photo_credit"
    if is_byline(line):
        return "byline"
    if is_copyright(line):
        return "copyright"
    if is_timestamp(line):
        return "timestamp"
    return None


# --------------------------------------------------------------------------- repeated paragraphs


def repeated_units(text: str) -> list[tuple[int, int]]:
    """Spans of paragraphs (or one-line units) whose words already appeared earlier in the text.

    A unit is a line, or a whole block when the block is one hard-wrapped paragraph.

    >>> text = "A boy walks past the camp\\n\\nHundreds fled.\\n\\nA boy walks past the “camp”"
    >>> [text[s:e] for s, e in repeated_units(text)]
    ['A boy walks past the “camp”']
    """
    seen: set[str] = set()
    found: list[tuple[int, int]] = []
    for b_start, b_end in blocks(text):
        block_text = text[b_start:b_end]
        units = [(b_start, b_end)] if is_wrapped(block_text) else lines(text, b_start, b_end)
        for start, end in units:
            key = repeat_key(text[start:end])
            if key.count(" ") + 1 < MIN_REPEAT_WORDS:
                continue
            if key in seen:
                found.append((start, end))
            else:
                seen.add(key)
    return found


# --------------------------------------------------------------------------- the stage


def _without_overlaps(spans: list[Boilerplate]) -> list[Boilerplate]:
    """Sorted spans; a span inside an earlier one is dropped, a partial overlap is merged into it."""
    kept: list[Boilerplate] = []
    for span in sorted(spans, key=lambda b: (b.start, -b.end)):
        if kept and span.start < kept[-1].end:
            last = kept[-1]
            if span.end > last.end:
                kept[-1] = Boilerplate(last.start, span.end, last.reason, last.method)
            continue
        kept.append(span)
    return kept


def method_name(phrases: PhraseList) -> str:
    base = f"boilerplate/{VERSION}"
    return f"{base}+user-{phrases.user_hash}" if phrases.user_hash else base


def find_boilerplate(text: str, phrases: PhraseList | None = None) -> list[Boilerplate]:
    """Every boilerplate span of ``text``: sorted, non-overlapping, each within one line or block."""
    phrases = phrases if phrases is not None else phrase_list()
    method = method_name(phrases)
    spans: list[Boilerplate] = []

    prefix = find_date_prefix(text)
    if prefix is not None:
        start, end, _iso = prefix
        spans.append(Boilerplate(start, end, "date_prefix", method))
        for lead_start, lead_end in lines(text, 0, start):  # "Latest News date 2019-..." : the lead too
            spans.append(Boilerplate(lead_start, lead_end, "nav_line", method))

    for start, end in lines(text):
        reason = classify_line(text[start:end], phrases)
        if reason is not None:
            spans.append(Boilerplate(start, end, reason, method))

    for start, end in repeated_units(text):
        spans.append(Boilerplate(start, end, "repeated_paragraph", method))
    return _without_overlaps(spans)


def process(article: Article) -> Article:
    return article.with_layer(boilerplate=find_boilerplate(article.text))


STAGE = Stage(
    name="boilerplate",
    version=VERSION,
    requires=(),
    provides=("boilerplate",),
    process=process,
)
