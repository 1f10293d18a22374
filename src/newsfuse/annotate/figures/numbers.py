"""Number expressions in running (and noisy) news text, with the range each one allows.

This module knows numbers, not people: it finds every number expression, normalises it to
``value``/``low``/``high`` with a ``qualifier``, and says what ``kind`` of number it is, so that the
figures stage can keep counts and skip dates, years, ages, money, percentages, measures, durations,
times, identifiers and phone numbers.

Bounds per qualifier (CONTRACT.md; ``None`` = unbounded):

==============  =====================================  ====================
qualifier       examples                               low .. high
==============  =====================================  ====================
exact           "360,000", "seventy", "a dozen"        v .. v
approx          "around", "about", "some", "roughly"   0.9v .. 1.1v
approx          "almost", "nearly", "close to"         0.9v .. v
at_least        "at least", "no fewer than", "12+"     v .. None
more_than       "over", "more than", "upwards of"      v+1 .. None
at_most         "up to", "as many as", "no more than"  0 .. v
less_than       "fewer than", "less than", "under"     0 .. v-1
range           "400 to 600", "between 14,000 and      a .. b  (value None)
                18,000", "400-600", "two or three"
vague           see ``VAGUE`` below                    table   (value None)
==============  =====================================  ====================

"almost"/"nearly" keep the ``approx`` qualifier (the contract's set has no separate name for them);
their bounds say the rest. Vague amounts (``VAGUE``): "dozens" 24..99, "scores" 40..99, "tens (of)"
20..99, "hundreds" 200..999, "thousands" 2,000..9,999, "tens of thousands" 20,000..99,999, "hundreds
of thousands" 200,000..999,999, "millions" 2e6..9.99e8 (as the contract says), "tens of millions"
2e7..9.99e7, "hundreds of millions" 2e8..9.99e8, "many" before a casualty participle ("many injured",
"Many were killed") 2 and more; "several"/"a few"/"many" before dozen, hundred,
thousand or million take the same range as the plural ("several million" 2e6..9.99e6). "a dozen" is the
word number 12.

Why one module of this length: one job, number expressions; most of it is the patterns of the
numbers a count is not (dates, money, measures, durations, identifiers), which it must know to
skip them.

>>> [(n.text, n.value, n.low, n.high, n.qualifier) for n in find_counts("Over 20,000 civilians fled")]
[('Over 20,000', 20000, 20001, None, 'more_than')]
>>> n = parse_number("between 14,000 and 18,000"); (n.low, n.high, n.qualifier)
(14000, 18000, 'range')
>>> [(n.text, n.kind) for n in find_numbers("In 2011, 5 km away, 30% of 12 people")]
[('2011', 'year'), ('5', 'measure'), ('30', 'percent'), ('12', 'count')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Callable, Iterable

from ...settings import DATA_DIR
from ...text import number_words
from ...text.lexicon import read_rows, word_map, word_set
from ...text.number_words import SCALES, UNITS, words_value

# --------------------------------------------------------------------------- the record


@dataclass(frozen=True, slots=True)
class NumberExpr:
    """A number expression: ``[start, end)`` covers qualifier and number ("almost 3,000")."""

    start: int
    end: int
    text: str
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    kind: str = "count"  # count | year | date | time | money | percent | measure | duration | age
    #                      | ordinal | identifier | phone | score | decimal | fraction | superseded
    num_start: int = -1  # the numeral itself, without the qualifier
    num_end: int = -1
    scaled: bool = False  # carries a scale word or suffix ("1.2 million", "3k")

    @property
    def is_count(self) -> bool:
        return self.kind == "count"


def _clean(x: float | None) -> float | None:
    """Whole numbers as ``int`` (JSON prints 20000, not 20000.0); others rounded against float noise."""
    if x is None:
        return None
    x = round(float(x), 6)
    return int(x) if x.is_integer() else x


def bounds(value: float, qualifier: str) -> tuple[float | None, float | None]:
    """The inclusive ``(low, high)`` a qualified number allows (see the module table).

    >>> bounds(300, "approx"), bounds(3000, "almost"), bounds(20000, "more_than"), bounds(50, "less_than")
    ((270, 330), (2700, 3000), (20001, None), (0, 49))
    """
    v = float(value)
    if qualifier == "approx":
        return _clean(v * 9 / 10), _clean(v * 11 / 10)
    if qualifier == "almost":
        return _clean(v * 9 / 10), _clean(v)
    if qualifier == "at_least":
        return _clean(v), None
    if qualifier == "more_than":
        return _clean(v + 1), None
    if qualifier == "at_most":
        return 0, _clean(v)
    if qualifier == "less_than":
        return 0, _clean(max(v - 1, 0))
    return _clean(v), _clean(v)


# --------------------------------------------------------------------------- lexicons

TENS = {**number_words.TENS, **number_words.MISSPELLED_TENS}  # counts in noisy text: "fourty" too
FOREIGN_NUMBERS = {w: int(v) for w, v in word_map("figure_words.tsv", "foreign_number").items()}  # "diez"
FOREIGN_COLLECTIVES = {w: int(v) for w, v in word_map("figure_words.tsv", "foreign_collective").items()}  # "centenar"
_FOREIGN_ARTICLES = frozenset({"un", "una", "une", "um", "uma"})
SHORT_SCALES = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "mln": 1_000_000, "b": 10**9, "bn": 10**9}

# Vague amounts: phrase -> (low, high), the contract's ranges, kept as data.
VAGUE: dict[str, tuple[int, int | None]] = {  # an empty high: no upper bound ("many" killed)
    phrase: (int(low), int(high) if high else None) for phrase, low, high in read_rows(DATA_DIR / "vague_quantities.tsv")
}
_VAGUE_SYNONYMS = {"a few": "several", "many": "several", "some": "several"}

# People-ish words a bare year-like number ("1500 families") or a glued "m" ("3m refugees") may count.
# The figures stage passes its full lexicon; this short list keeps the module useful on its own.
_BUILTIN_COUNT_NOUNS = word_set("figure_words.tsv", "builtin_count_noun")

MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_CURRENCY_WORDS = (
    r"dollars?|euros?|pounds?\s+sterling|yen|yuan|renminbi|rupees?|rupiah|francs?|liras?|lira|pesos?|"
    r"colones|colon|riyals?|rials?|dinars?|dirhams?|shekels?|rubles?|roubles?|cents?|markkas?|markka|"
    r"marks|krona|kronor|kroner|baht|ringgit|naira|rand|shillings?|bucks|usd|eur|gbp|sterling"
)
_MEASURE_WORDS = (
    r"km2|km²|kms?|kilomet(?:re|er)s?|met(?:re|er)s?|m2|m²|m|cm|mm|miles?|mi|feet|foot|ft|inch(?:es)?|"
    r"yards?|hectares?|ha|acres?|kgs?|kilos?|kilograms?|grams?|g|tons?|tonnes?|lbs?|pounds|"
    r"litres?|liters?|ml|gallons?|barrels?|bpd|degrees?|deg|°|mph|kph|km/h|knots?|mw|megawatts?|kw|"
    r"kilowatts?|volts?|bytes?|gb|mb|storeys?|stories|floors?|magnitude|points?|calories|sq|square|cubic|"
    r"percentage|bps|basis"
)
_DURATION_WORDS = (
    r"seconds?|secs?|minutes?|mins?|hours?|hrs?|h|days?|nights?|weeks?|wks?|months?|years?|yrs?|"
    r"decades?|centuries|century|weekends?|generations?"
)
_ID_BEFORE = (
    r"no\.?|nos\.?|number|#|route|highway|flight|room|article|art\.|paragraph|para\.?|section|resolution|"
    r"page|p\.|pp\.|chapter|box|unit|battalion|brigade|division|regiment|corps|squad|zone|sector|"
    r"line|bus|gate|terminal|platform|channel|tel\.?|telephone|phone|fax|hotline|code|model|version|"
    r"level|category|grade|phase|class|km|kilometre|kilometer|mile|exit|junction|plot|block|apartment|"
    r"apt\.?|floor|street|st\.|avenue|ave\.?|road|rd\.?|lot|ward|precinct|district|camp|sura|verse|"
    r"psalm|act|law|decree|covid|windows|iphone|boeing|airbus|mig|su|mk|ak"
)

# --------------------------------------------------------------------------- atoms

_DIGITS = re.compile(
    r"""(?<![\d.,])(?:
        (?P<comma>\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d]))
      | (?P<spaced>\d{1,3}(?:[\u00a0\u202f\u2009\u2007 ]\d{3})+(?![\d]|[.,]\d))
      | (?P<loose>\d{1,3},[ ]\d{3}(?![\d,]))
      | (?P<dots>\d{1,3}(?:\.\d{3})+(?![\d]|[.,]\d))
      | (?P<deccomma>\d+,\d{1,2}(?=[\s\u00a0]*(?:million|billion|mln|mn|bn|thousand|lakh|crore)\b))
      | (?P<plain>\d+(?:\.\d+)?(?![\d]))
    )""",
    re.X,
)
_SCALE_AFTER = re.compile(
    r"(?:[\s\u00a0\u202f]*(?P<word>million|billion|trillion|thousand|lakhs?|crores?|mln|mn|bn|dozen|hundred)\b"
    r"|(?P<short>bn|mn|mln|[kKmMbB])(?![A-Za-z]))",
    re.I,
)
_WORD = re.compile(r"[A-Za-z]+")
# "scores" and "tens" count people only before "of" or a casualty participle ("scores wounded", "Tens
# killed and wounded"); elsewhere they are test scores and decades
_PEOPLE_AFTER = r"(?=\s+of\b|\s+(?:were\s+|have\s+been\s+|had\s+been\s+)?(?:killed|wounded|injured|dead|hurt|died)\b)"
# "many" counts people before a casualty participle, also with "more", "others" or a people noun between
# ("many more injured", "many others were wounded", "many civilians were killed"); elsewhere it is no count.
_CASUALTY_AFTER = r"\s+(?:were\s+|have\s+been\s+|had\s+been\s+)?(?:killed|wounded|injured|dead|hurt|died)\b"
_MANY_PEOPLE_AFTER = (r"(?=(?:\s+(?:more|others|other\s+people|people|civilians|children|women|men|residents|"
                      r"fighters|militants|soldiers|troops))?" + _CASUALTY_AFTER + ")")
_VAGUE_RE = re.compile(
    r"(?<![A-Za-z])(?:(?P<pre>several|a\s+few|many|some)\s+(?P<core>dozen|hundred\s+thousand|hundred|thousand|million)"
    r"(?![A-Za-z])|(?P<plural>tens\s+of\s+thousands|hundreds\s+of\s+thousands|tens\s+of\s+millions|"
    r"hundreds\s+of\s+millions|10s\s+of\s+thousands|1,?000s|100s|dozens|scores" + _PEOPLE_AFTER + r"|tens"
    + _PEOPLE_AFTER + r"|many" + _MANY_PEOPLE_AFTER + r"|hundreds|thousands|millions)(?![A-Za-z]))",
    re.I,
)


@dataclass(slots=True)
class _Atom:
    start: int
    end: int
    value: float | None
    low: float | None = None
    high: float | None = None
    vague: bool = False
    words: bool = False  # spelled out ("seventy")
    scale: float | None = None  # the scale word it carries, for range sharing ("1.2 to 1.5 million")
    raw: str = ""  # the digits as written (for year/decimal checks)
    form: str = "plain"  # comma | spaced | loose | dots | deccomma | plain


def _digit_value(match: re.Match) -> tuple[float, str]:
    text = match.group(0)
    kind = match.lastgroup or "plain"
    if kind in ("comma", "loose"):
        return float(text.replace(",", "").replace(" ", "")), kind
    if kind == "spaced":
        return float(re.sub(r"[\s\u00a0\u202f\u2009\u2007]", "", text)), kind
    if kind == "dots":
        return float(text.replace(".", "")), kind
    if kind == "deccomma":
        return float(text.replace(",", ".")), kind
    return float(text), kind


def _digit_atoms(text: str, count_noun: Callable[[str], bool]) -> list[_Atom]:
    atoms = []
    for m in _DIGITS.finditer(text):
        value, form = _digit_value(m)
        start, end = m.start(), m.end()
        if form == "spaced" and " " in m.group(0) and _MONTH_BEFORE.search(text, 0, start):
            # "March 5 300 people": the plain space separates a day from a count, not thousands.
            first = re.match(r"\d+", m.group(0))
            value, end, form = float(first.group(0)), start + first.end(), "plain"
        raw = text[start:end]
        scale = None
        sm = _SCALE_AFTER.match(text, end)
        if sm:
            if sm.group("word"):
                word = sm.group("word").lower()
                scale = 12 if word == "dozen" else SCALES.get(word) or SHORT_SCALES.get(word)
            else:
                short = sm.group("short").lower()
                if short == "m" and not ("." in raw or _next_word_is_count(text, sm.end(), count_noun)):
                    scale = None  # "100m" is metres unless a count follows ("3m refugees") or it has decimals
                elif short == "b" and not _next_word_is_count(text, sm.end(), count_noun):
                    scale = None
                else:
                    scale = SHORT_SCALES[short]
            if scale is not None:
                if form == "dots" and scale >= 1000:  # "9.960 million" is a decimal, not 9960 million
                    value = float(raw)
                value *= scale
                end = sm.end()
        atoms.append(_Atom(start, end, value, scale=scale, raw=raw, form=form))
    return atoms


def _next_word_is_count(text: str, pos: int, count_noun: Callable[[str], bool]) -> bool:
    m = re.match(r"[\s\u00a0]*([A-Za-z]+)", text[pos : pos + 40])
    return bool(m) and count_noun(m.group(1).lower())


def _word_atoms(text: str) -> list[_Atom]:
    """Spelled-out numbers: "seventy", "two hundred and fifty", "a dozen", "half a million", "1.2 million"."""
    words = [(m.start(), m.end(), m.group(0).lower()) for m in _WORD.finditer(text)]
    atoms: list[_Atom] = []
    i = 0
    n = len(words)

    def joined(a: int, b: int) -> bool:  # only spaces or one hyphen between words a and b
        gap = text[words[a][1] : words[b][0]]
        return bool(re.fullmatch(r"[\s\u00a0]+|-|[\s\u00a0]*-[\s\u00a0]*", gap))

    while i < n:
        s, e, w = words[i]
        j = i
        value: float | None = None
        if w in FOREIGN_NUMBERS and not (i > 0 and joined(i - 1, i) and text[words[i - 1][0]].isupper()):
            # "diez familias": one word, not joined to English number words; after a capitalised word it
            # is part of a name ("Canal Doce", "Ocho Rios")
            atoms.append(_Atom(s, e, FOREIGN_NUMBERS[w], words=True))
            i += 1
            continue
        if w in _FOREIGN_ARTICLES and i + 1 < n and joined(i, i + 1) and words[i + 1][2] in FOREIGN_COLLECTIVES:
            value = FOREIGN_COLLECTIVES[words[i + 1][2]]  # "un centenar de casas", as "a dozen"
            atoms.append(_Atom(s, words[i + 1][1], value, words=True, scale=value))
            i += 2
            continue
        if w in UNITS or w in TENS:
            j = i
        elif w in ("a", "an") and i + 1 < n and joined(i, i + 1) and (words[i + 1][2] in SCALES or words[i + 1][2] == "dozen"):
            j = i + 1
        elif w == "half" and i + 2 < n and words[i + 1][2] == "a" and (words[i + 2][2] in SCALES or words[i + 2][2] == "dozen"):
            mult = 12 if words[i + 2][2] == "dozen" else SCALES[words[i + 2][2]]
            atoms.append(_Atom(s, words[i + 2][1], mult / 2, words=True, scale=mult))
            i += 3
            continue
        else:
            i += 1
            continue
        # extend over the number words that follow
        seq = [w] if w not in ("a", "an") else ["one", words[j][2]]
        last = j
        while last + 1 < n and joined(last, last + 1):
            nxt = words[last + 1][2]
            if nxt in UNITS or nxt in TENS or nxt in SCALES or nxt == "dozen":
                if (nxt in UNITS or nxt in TENS) and (seq[-1] in UNITS or seq[-1] in TENS) and not (
                    seq[-1] in TENS and nxt in UNITS and UNITS[nxt] < 10
                ):
                    break  # "five six" is two numbers; "twenty five" is one
                seq.append(nxt)
                last += 1
            elif nxt == "and" and last + 2 < n and joined(last + 1, last + 2) and seq[-1] in SCALES and (
                words[last + 2][2] in UNITS or words[last + 2][2] in TENS
            ):
                last += 1  # "two hundred and fifty": skip the "and"
            else:
                break
        value = words_value(seq)
        scale = max((SCALES.get(x, 12 if x == "dozen" else 0) for x in seq), default=0) or None
        atoms.append(_Atom(s, words[last][1], value, words=True, scale=scale))
        i = last + 1
    return atoms


def _vague_atoms(text: str) -> list[_Atom]:
    atoms = []
    for m in _VAGUE_RE.finditer(text):
        if m.group("pre"):
            core = re.sub(r"\s+", " ", m.group("core").lower())
            key = "several " + core
        else:
            key = re.sub(r"\s+", " ", m.group("plural").lower())
        if key not in VAGUE:
            continue
        low, high = VAGUE[key]
        atoms.append(_Atom(m.start(), m.end(), None, low, high, vague=True))
    return atoms


def _merge(atom_lists: Iterable[list[_Atom]]) -> list[_Atom]:
    """Leftmost-longest, non-overlapping."""
    every = sorted((a for lst in atom_lists for a in lst), key=lambda a: (a.start, -(a.end - a.start)))
    out: list[_Atom] = []
    for a in every:
        if out and a.start < out[-1].end:
            continue
        out.append(a)
    return out


# --------------------------------------------------------------------------- qualifiers

_QUALIFIERS_BEFORE: list[tuple[str, str]] = [
    (r"at\s+the\s+very\s+least|at\s+least|no\s+fewer\s+than|no\s+less\s+than|not\s+less\s+than|"
     r"not\s+fewer\s+than|a\s+minimum\s+of|minimum\s+of|at\s+a\s+minimum", "at_least"),
    (r"(?:well|just|slightly|a\s+little|far|a\s+bit|some)\s+(?:over|above|more\s+than)|more\s+than|over|"
     r"upwards?\s+of|in\s+excess\s+of|above|exceeding|greater\s+than|north\s+of", "more_than"),
    (r"(?:just|slightly|a\s+little|a\s+bit)\s+(?:under|below|less\s+than|fewer\s+than|short\s+of|shy\s+of)|"
     r"almost|nearly|close\s+to|not\s+quite|approaching|getting\s+on\s+for", "almost"),
    (r"an\s+estimated|estimated|approximately|approx\.?|around|about|some|roughly|circa|ca\.|"
     r"in\s+the\s+region\s+of|on\s+the\s+order\s+of|in\s+the\s+order\s+of|of\s+the\s+order\s+of|"
     r"an\s+approximate|give\s+or\s+take|somewhere\s+around|round\s+about|close\s+on|~", "approx"),
    (r"up\s+to|as\s+many\s+as|as\s+much\s+as|at\s+most|at\s+the\s+most|no\s+more\s+than|not\s+more\s+than|"
     r"a\s+maximum\s+of|maximum\s+of|as\s+high\s+as|upto", "at_most"),
    (r"less\s+than|fewer\s+than|under|below|lower\s+than|not\s+even", "less_than"),
]
_QUAL_BEFORE_RE = re.compile(
    r"(?<![A-Za-z])(?:" + "|".join(f"(?P<q{i}>{p})" for i, (p, _) in enumerate(_QUALIFIERS_BEFORE))
    + r")(?:[\s\u00a0]+|(?<=~))\Z",
    re.I,
)
_QUAL_AFTER_RE = re.compile(
    r"(?:[\s\u00a0]+(?:(?P<at_least>or\s+more|or\s+above|and\s+(?:more|above)|at\s+least)|(?P<approx>or\s+so)|"
    r"(?P<at_most>or\s+fewer|or\s+less|at\s+most)|(?P<odd>odd))(?![A-Za-z])|-(?P<plus>plus)(?![A-Za-z])|(?P<plus2>\+)"
    r"|-(?P<odd2>odd)(?![A-Za-z]))",
    re.I,
)

# --------------------------------------------------------------------------- context kinds

_MONTH_BEFORE = re.compile(r"(?<![A-Za-z])(?:" + MONTHS + r")\.?[\s\u00a0]*(?:the[\s\u00a0]+)?\Z", re.I)
_MONTH_DAY_BEFORE = re.compile(r"(?<![A-Za-z])(?:" + MONTHS + r")\.?[\s\u00a0]+\d{1,2}(?:st|nd|rd|th)?,?[\s\u00a0]*\Z", re.I)
_DAY_MONTH_BEFORE = re.compile(r"(?<!\d)\d{1,2}(?:st|nd|rd|th)?[\s\u00a0]+(?:" + MONTHS + r")\.?[\s\u00a0]*\Z", re.I)
_MONTH_AFTER = re.compile(r"^(?:st|nd|rd|th)?[\s\u00a0]*(?:of[\s\u00a0]+)?(?:" + MONTHS + r")(?![A-Za-z])", re.I)
_DATE_TOKEN = re.compile(r"\b\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}\b|\b\d{1,2}/\d{1,2}\b|\b\d{4}-\d{2}\b")
_TIME_TOKEN = re.compile(r"\b\d{1,2}[:h.]\d{2}(?:[:.]\d{2})?\b(?![.,]?\d)(?=\s*(?:a\.?m\.?|p\.?m\.?|hrs|h\b|gmt|utc|local|[^\d]|$))")
_PHONE_TOKEN = re.compile(r"(?:\+\d{1,3}[\s.\-]?)?(?:\(\d{1,4}\)[\s.\-]?)?\d{2,4}(?:[\s.\-]\d{2,4}){2,}|\+\d[\d\s.\-]{6,}\d")
_PERCENT_AFTER = re.compile(r"^[\s\u00a0]*(?:%|percent(?:age)?\b|per[\s\u00a0]*cent\b|pct\b|pc\b|percentage\s+points?)", re.I)
_MONEY_BEFORE = re.compile(r"(?:[$€£¥₹₦₱]|US\$|USD|EUR|GBP|Rs\.?|R\$|CHF|AUD|CAD|NZ\$|HK\$|S\$|A\$|C\$)[\s\u00a0]*\Z", re.I)
_MONEY_AFTER = re.compile(
    r"^[\s\u00a0]*(?:of[\s\u00a0]+)?(?:[A-Za-z.]+[\s\u00a0]+){0,2}?(?:" + _CURRENCY_WORDS + r")(?![A-Za-z])", re.I
)
_TIME_AFTER = re.compile(r"^[\s\u00a0]*(?:a\.m\.|p\.m\.|am\b|pm\b|o'clock|o’clock|hrs\b|gmt\b|utc\b|local\s+time)", re.I)
_AGE_AFTER = re.compile(
    r"^[\s\u00a0-]*(?:years?|yrs?|months?|weeks?|days?)[\s\u00a0-]*(?:old|of\s+age)\b|^-year-olds?\b|^[\s\u00a0]*(?:yo|y/o|y\.o\.)(?![A-Za-z])|^s?[\s\u00a0]+and[\s\u00a0]+(?:over|above|older|under|younger)\b",
    re.I,
)
_AGE_BEFORE = re.compile(
    r"(?<![A-Za-z])(?:aged|ages|age|age\s+of|the\s+ages\s+of|the\s+age\s+of|aged\s+between|in\s+their|in\s+his|in\s+her|"
    r"(?:children|kids|boys|girls|people|those|persons|adults|babies|infants|men|women|youths?|students|pupils|"
    r"minors|anyone|everyone|residents|citizens|males|females|patients)[\s\u00a0]+"
    r"(?:(?:aged|who\s+are|who\s+were)[\s\u00a0]+)?(?:under|over|below|above|younger\s+than|older\s+than|less\s+than|more\s+than)"
    r"(?:[\s\u00a0]+the[\s\u00a0]+age[\s\u00a0]+of)?|(?:under|over|below|above)[\s\u00a0]+the[\s\u00a0]+age[\s\u00a0]+of)[\s\u00a0]+\Z",
    re.I,
)
_DURATION_AFTER = re.compile(
    r"^(?:[\s\u00a0]*|[\s\u00a0]*-[\s\u00a0]*)(?:(?:more|full|long|straight|consecutive|whole|additional|extra|other|"
    r"successive|previous|last|past|next|calendar|working|business)[\s\u00a0]+)?(?:" + _DURATION_WORDS + r")(?![A-Za-z])",
    re.I,
)
_MEASURE_AFTER = re.compile(
    r"^(?:[\s\u00a0]*|[\s\u00a0]*-[\s\u00a0]*)(?:sq\.?[\s\u00a0]*|square[\s\u00a0]+|cubic[\s\u00a0]+)?(?:" + _MEASURE_WORDS + r")(?![A-Za-z])",
    re.I,
)
_ORDINAL_AFTER = re.compile(r"^(?:st|nd|rd|th|er|e|ème|º|°(?=\s))(?![A-Za-z])", re.I)
_MULT_AFTER = re.compile(r"^(?:[\s\u00a0]*|-)(?:times|fold|to[\s\u00a0]+one|-to-\d|:\d)(?![A-Za-z])", re.I)
_FRACTION_AFTER = re.compile(r"^-?(?:thirds?|halves|half|quarters?|fifths?|tenths?)(?![A-Za-z])|^/\d", re.I)
_ID_BEFORE_RE = re.compile(r"(?<![A-Za-z])(?:" + _ID_BEFORE + r")[\s\u00a0]*-?[\s\u00a0]*\Z", re.I)
_LETTER_GLUED_BEFORE = re.compile(r"[A-Za-z]-?\Z")
_UPDATE_FROM = re.compile(
    r"(?<![A-Za-z])(?:rose|risen|rising|rises|increased|increasing|climbed|climbing|jumped|grew|grown|up|down|fell|"
    r"fallen|dropped|declined|decreased|raised|revised|upped|lowered|gone|went|soared|swelled|doubled|"
    r"risen|surged|shot)[\s\u00a0]+(?:[A-Za-z]+[\s\u00a0]+){0,2}from[\s\u00a0]+\Z",
    re.I,
)


def _kind(text: str, a: _Atom, count_noun: Callable[[str], bool]) -> str:
    before = text[max(0, a.start - 60) : a.start]
    after = text[a.end : a.end + 60]
    if a.vague:
        after_of = re.match(r"^[\s\u00a0]+of[\s\u00a0]+(.*)", after, re.S)
        rest = after_of.group(1) if after_of else after
        if _DURATION_AFTER.match(" " + rest) or _MEASURE_AFTER.match(" " + rest) or _MONEY_AFTER.match(" " + rest):
            return "measure"
        if _MONEY_BEFORE.search(before):
            return "money"
        return "count"
    raw = a.raw
    if _PERCENT_AFTER.match(after):
        return "percent"
    if _MONEY_BEFORE.search(before) or _MONEY_AFTER.match(after):
        return "money"
    if not a.words:
        if a.scale is None and _ORDINAL_AFTER.match(after):
            return "ordinal"
        if a.scale is None and re.match(r"^[\s\u00a0]*(?:a\.?m\.?|p\.?m\.?)(?![A-Za-z])", after, re.I):
            return "time"
        if a.scale is None and _LETTER_GLUED_BEFORE.search(before) and not re.search(r"[A-Za-z]{4,}-\Z", before):
            return "identifier"  # "M-16", "MH17", "G20", "COVID-19"
        if a.scale is None and _ID_BEFORE_RE.search(before):
            return "identifier"
        # A count noun after the number keeps it a count: "On Jan 5, 2000 people were evacuated".
        if a.scale is None and re.fullmatch(r"\d{4}", raw) and 1800 <= int(raw) <= 2100 and \
                _MONTH_DAY_BEFORE.search(before) and not _next_word_is_count(text, a.end, count_noun):
            return "year"  # "Sun Apr 16 2017 Death toll ...": a date
        if a.scale is None and _MONTH_BEFORE.search(before) and re.fullmatch(r"\d{1,2}(?:18|19|20)\d\d", raw) and \
                1 <= int(raw[:-4]) <= 31 and not _next_word_is_count(text, a.end, count_noun):
            return "date"  # "Apr 152017": day and year run together
        if a.scale is None and re.fullmatch(r"\d{4}s?", raw) and 1800 <= int(raw[:4]) <= 2100:
            if after.startswith("s") or not _next_word_is_count(text, a.end, count_noun):
                return "year"
        if re.match(r"^'?s(?![A-Za-z])", after) and a.scale is None:  # "1990s", "in their 20s"
            return "year" if len(raw) == 4 else "age" if len(raw) == 2 else "other"
    if _AGE_AFTER.match(after) or _AGE_BEFORE.search(before):
        return "age"
    if _MONTH_BEFORE.search(before) and (a.value is not None and a.value <= 31 or (not a.words and len(raw) == 4)):
        # "on 23 September 28 bodies were found": the day came before the month, so 28 is no day
        if not _DAY_MONTH_BEFORE.search(before) or (not a.words and len(raw) == 4):
            return "date"
    if _MONTH_AFTER.match(after) and a.value is not None and a.value <= 31:
        return "date"
    if _TIME_AFTER.match(after):
        return "time"
    if _FRACTION_AFTER.match(after):
        return "fraction"
    if _MULT_AFTER.match(after):
        return "multiplier"
    if _DURATION_AFTER.match(after):
        return "duration"
    if _MEASURE_AFTER.match(after) and not re.match(r"^[\s\u00a0]*(?:m|g|points?|floors?|stories|storeys?)[\s\u00a0]+(?:people|persons|residents|civilians)", after, re.I):
        return "measure"
    if not a.words and "." in raw and a.scale is None and a.form != "dots":
        return "decimal"  # "0.4": a count of people has no decimals unless scaled ("1.2 million")
    return "count"


# --------------------------------------------------------------------------- ranges

_RANGE_SEP = re.compile(r"^[\s\u00a0]*(?:to|-|–|—|‒|or|and|till|until|through)[\s\u00a0]*$", re.I)
_BETWEEN_BEFORE = re.compile(r"(?<![A-Za-z])between[\s\u00a0]+\Z", re.I)
_FROM_BEFORE = re.compile(r"(?<![A-Za-z])from[\s\u00a0]+\Z", re.I)


def _share_scale(a: _Atom, b: _Atom) -> float | None:
    """"1.2 to 1.5 million": the first number takes the second one's scale when it has none."""
    if a.value is None:
        return None
    if a.scale is None and b.scale and b.scale >= 1000 and b.value is not None and a.value < b.value / b.scale * 10:
        if a.value * b.scale <= b.value or a.value < 1000:
            return a.value * b.scale
    return a.value


def _pair_range(text: str, a: _Atom, b: _Atom) -> tuple[float, float] | None:
    if a.vague or b.vague or a.value is None or b.value is None:
        return None
    gap = text[a.end : b.start]
    m = _RANGE_SEP.match(gap)
    if not m:
        return None
    sep = gap.strip().lower()
    before = text[max(0, a.start - 60) : a.start]
    if sep == "and" and not _BETWEEN_BEFORE.search(before):
        return None
    if sep in ("till", "until", "through") and not _FROM_BEFORE.search(before):
        return None
    low = _share_scale(a, b)
    high = b.value
    if low is None or not low < high:
        return None
    return low, high


# --------------------------------------------------------------------------- public API


def find_numbers(text: str, count_noun: Callable[[str], bool] | None = None) -> list[NumberExpr]:
    """Every number expression in ``text`` with its kind, left to right.

    ``count_noun(word)`` says whether a lowercase word names countable people or homes; it decides
    borderline cases ("1500 families" is a count, "1500 Daesh" a year; "3m refugees" is 3 million).
    """
    is_noun = count_noun or (lambda w: w in _BUILTIN_COUNT_NOUNS)
    blocked = _blocked_spans(text)
    atoms = [a for a in _merge([_digit_atoms(text, is_noun), _word_atoms(text), _vague_atoms(text)])]
    out: list[NumberExpr] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        block = _inside(blocked, a.start, a.end)
        if block:
            out.append(_expr(text, a.start, a.end, a.value, a.value, a.value, "exact", block, a))
            i += 1
            continue
        b = atoms[i + 1] if i + 1 < len(atoms) else None
        pair = _pair_range(text, a, b) if b is not None and not _inside(blocked, b.start, b.end) else None
        kind_a = _kind(text, a, is_noun)
        if pair is not None:
            kind_b = _kind(text, b, is_noun)
            kind = kind_b if kind_b != "count" else kind_a  # "5 to 10 km", "$5 to 10"
            if kind_a == "year" or kind_b == "year":
                kind = "year"
            elif kind_a == "decimal" and kind_b == "count" and b.scale:
                kind = "count"  # "1.2 to 1.5 million": the first number takes the scale
            start = a.start
            before = text[max(0, a.start - 60) : a.start]
            bm = _BETWEEN_BEFORE.search(before) or _FROM_BEFORE.search(before)
            if bm and text[a.end : b.start].strip().lower() in ("and", "to", "-", "–", "till", "until", "through"):
                start = a.start - (len(before) - bm.start())
            if _UPDATE_FROM.search(before):
                # "rose from 40 to 45": 45 is the count now, 40 is the one it replaced.
                out.append(_expr(text, a.start, a.end, a.value, a.value, a.value, "exact", "superseded", a))
                i += 1
                continue
            low, high = pair
            out.append(_qualify(text, NumberExpr(start, b.end, text[start : b.end], None, _clean(low), _clean(high),
                                                 "range", kind, a.start, b.end, bool(a.scale or b.scale)), ranged=True))
            i += 2
            continue
        if kind_a == "count" and a.vague:
            out.append(_qualify(text, _expr(text, a.start, a.end, None, a.low, a.high, "vague", "count", a), vague=True))
        elif kind_a == "count":
            out.append(_qualify(text, _expr(text, a.start, a.end, a.value, a.value, a.value, "exact", "count", a)))
        else:
            out.append(_expr(text, a.start, a.end, a.value, a.low if a.vague else a.value,
                             a.high if a.vague else a.value, "vague" if a.vague else "exact", kind_a, a))
        i += 1
    return _mark_scores(text, out)


def _expr(text: str, start: int, end: int, value, low, high, qualifier: str, kind: str, a: _Atom) -> NumberExpr:
    return NumberExpr(start, end, text[start:end], _clean(value), _clean(low), _clean(high), qualifier, kind,
                      start, end, a.scale is not None)


def _qualify(text: str, n: NumberExpr, vague: bool = False, ranged: bool = False) -> NumberExpr:
    """Attach a qualifier written before ("at least 70") or after ("70 or more", "100+")."""
    before = text[max(0, n.start - 40) : n.start]
    after = text[n.end : n.end + 20]
    if not ranged and not vague:
        m = _QUAL_BEFORE_RE.search(before)
        if m:
            qual = _QUALIFIERS_BEFORE[int(m.lastgroup[1:])][1]
            if qual == "less_than" and _AGE_BEFORE.search(before):
                return n
            start = n.start - (len(before) - m.start())
            low, high = bounds(n.value, qual)
            return replace(n, start=start, text=text[start : n.end], low=low, high=high,
                           qualifier="approx" if qual == "almost" else qual)
        m = _QUAL_AFTER_RE.match(after)
        if m:
            group = m.lastgroup
            qual = {"at_least": "at_least", "approx": "approx", "at_most": "at_most", "odd": "approx",
                    "plus": "at_least", "plus2": "at_least", "odd2": "approx"}[group]
            end = n.end + m.end()
            low, high = bounds(n.value, qual)
            return replace(n, end=end, text=text[n.start : end], low=low, high=high, qualifier=qual)
    elif vague:
        m = _QUAL_BEFORE_RE.search(before)
        if m and _QUALIFIERS_BEFORE[int(m.lastgroup[1:])][1] in ("at_least", "more_than"):
            # "at least hundreds": no upper bound any more.
            start = n.start - (len(before) - m.start())
            return replace(n, start=start, text=text[start : n.end], high=None)
    return n


def _mark_scores(text: str, out: list[NumberExpr]) -> list[NumberExpr]:
    """"won 3-1", "a 2-1 vote": a dash pair that is not a rising range is a score, not two counts."""
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if a.kind == "count" and b.kind == "count" and a.qualifier == "exact" and b.qualifier == "exact":
            gap = text[a.end : b.start]
            if gap in ("-", "–", "—", ":") and a.value is not None and b.value is not None and a.value >= b.value:
                out[i] = replace(a, kind="score")
                out[i + 1] = replace(b, kind="score")
    return out


def _blocked_spans(text: str) -> list[tuple[int, int, str]]:
    spans = []
    for regex, kind in ((_DATE_TOKEN, "date"), (_TIME_TOKEN, "time"), (_PHONE_TOKEN, "phone")):
        for m in regex.finditer(text):
            if kind == "phone":
                digits = re.sub(r"\D", "", m.group(0))
                if len(digits) < 8 or re.fullmatch(r"\d{1,3}(?:[ \u00a0]\d{3})+", m.group(0)):
                    continue  # "20 000 000" is a number with spaces, not a phone number
                if _MONTH_BEFORE.search(text, max(0, m.start() - 12), m.start()):
                    continue  # "Fri Apr 29 2016 57 Civilians killed": a dateline, then a headline's count
            if kind == "date" and re.fullmatch(r"\d{1,4}-\d{1,4}", m.group(0)):
                continue
            spans.append((m.start(), m.end(), kind))
    return spans


def _inside(spans: list[tuple[int, int, str]], start: int, end: int) -> str | None:
    for s, e, kind in spans:
        if s <= start and end <= e:
            return kind
    return None


def find_counts(text: str, count_noun: Callable[[str], bool] | None = None) -> list[NumberExpr]:
    """Only the number expressions that can count something (kind ``count``)."""
    return [n for n in find_numbers(text, count_noun) if n.kind == "count"]


def parse_number(phrase: str, count_noun: Callable[[str], bool] | None = None) -> NumberExpr | None:
    """The first count expression in a short phrase, or None.

    >>> n = parse_number("almost 3,000 people"); (n.text, n.low, n.high)
    ('almost 3,000', 2700, 3000)
    >>> parse_number("hundreds of militants").high
    999
    """
    counts = find_counts(phrase, count_noun)
    return counts[0] if counts else None
