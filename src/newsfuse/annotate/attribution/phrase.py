"""The noun phrase that names a source, cut out of a longer speaker phrase.

Texts that lost their punctuation run the reported clause into its speaker ("... in the Salah al-Din
district of Aleppo Syrian state television reported on Wednesday", "... on Wednesday the Assad regimes
official television channel reported"). :func:`source_np` walks left from the word before the
reporting verb and keeps what can belong to one source-naming noun phrase:

- names (an entity mention or a known alias is kept whole; a mention running over a determiner,
  "Raqqa the Syrian Observatory ...", is cut after it);
- capitalised words, lower-case modifiers that describe sources ("state", "official", "medical",
  "Britain-based", "pro-Damascus"), source nouns ("television", "ministry", "monitor"), a possessive
  that lost its apostrophe ("the Assad regimes official television");
- a determiner closes the phrase ("Aleppo city a monitor" → "a monitor"), and so do dates, weekdays,
  numbers, function words and words that describe no source ("people Syrian state television");
- a place name followed by a demonym is a boundary ("Aleppo Syrian state television"), as is a place
  before "local sources" ("Turkey local sources");
- "the Observatory a Britain-based monitor" (an apposition that lost its commas) keeps the name;
- a place after a source noun is dropped ("the defence ministry in Moscow", "a hospital source in
  Hassakeh city") and returned apart, since it may say which country the source belongs to.

>>> text = "killed six in the Salah al-Din district of Aleppo Syrian state television reported"
>>> s, e = 0, text.index(" reported")
>>> np = source_np(text, s, e)
>>> text[np.start:np.end], np.determiner
('Syrian state television', None)
>>> text = "on Wednesday the Assad regimes official television channel reported"
>>> np = source_np(text, 0, text.index(" reported"))
>>> text[np.start:np.end], np.determiner
('Assad regimes official television channel', 'the')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from ...model import EntityMention, PlaceMention
from ...text import calendar_words
from ..quotes.tokens import Token, tokenize
from ...text.lexicon import word_set

WEEKDAYS = frozenset(calendar_words.WEEKDAYS)  # names and short forms
MONTHS = frozenset(calendar_words.MONTHS)
TIME_WORDS = word_set("attribution_words.tsv", "time_word")
DETERMINERS = word_set("attribution_words.tsv", "determiner")
# Nouns that can head a phrase naming a source.
SOURCE_HEADS = word_set("attribution_words.tsv", "source_head")
# Lower-case words that modify a source noun.
MODIFIERS = word_set("attribution_words.tsv", "source_modifier")
# Modifiers that do not follow a place name ("Turkey local sources" is two phrases).
_NOT_AFTER_PLACE = word_set("attribution_words.tsv", "not_after_place")
_POSSESSOR_NOUNS = word_set("attribution_words.tsv", "possessor_noun")
_NAME_INNER = word_set("attribution_words.tsv", "name_inner")
_NAME_PARTICLES = word_set("attribution_words.tsv", "name_particle")  # "Staffan de Mistura"
# "head of the Monitor" names whom the head speaks for, not where the source is.
_LEADER_NOUNS = word_set("attribution_words.tsv", "leader_noun")
_PLACE_PREPOSITIONS = frozenset("in from at of near".split())
_PLACE_NOUNS = word_set("attribution_words.tsv", "place_noun")
PRONOUNS = frozenset("it he she they".split())
# Descriptions of a person that stand beside the person's name ("Mohammed Saeed an activist").
PERSON_DESCRIPTIONS = word_set("attribution_words.tsv", "person_description")
_COLLECTIVE_HEADS = word_set("attribution_words.tsv", "collective_head")
# Heads of a description that may stand beside a name as its apposition ("SOHR a monitoring group").
APPOSITION_HEADS = word_set("attribution_words.tsv", "apposition_head")
MAX_TOKENS = 12


@dataclass(frozen=True, slots=True)
class SourceNP:
    start: int
    end: int
    determiner: str | None  # "the" / "a" / ... before the phrase, lower-cased
    place: tuple[int, int] | None = None  # a place the phrase was cut from ("... in Moscow")


def _is_number(tok: Token) -> bool:
    return tok.text[:1].isdigit() or tok.text.lower() in ("one", "two", "three", "four", "five", "six", "seven",
                                                          "eight", "nine", "ten", "dozens", "hundreds")


def _boundary_word(tok: Token) -> bool:
    low = tok.lower.rstrip(".")
    return low in WEEKDAYS or low in MONTHS or low in TIME_WORDS or _is_number(tok)


def _covering(spans: Sequence[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    for s, e in spans:
        if s <= start and end <= e:
            return s, e
    return None


def _demonym_like(tok: Token, demonyms: frozenset[str]) -> bool:
    low = tok.lower
    return tok.is_title and (low in demonyms or low.endswith(("ian", "ish", "ese", "ean")) and len(low) > 4)


def source_np(
    text: str,
    start: int,
    end: int,
    mentions: Iterable[EntityMention] = (),
    places: Iterable[PlaceMention] = (),
    names: Iterable[tuple[int, int]] = (),
    demonyms: frozenset[str] = frozenset(),
) -> SourceNP | None:
    """The source-naming noun phrase that ends ``text[start:end]`` (see the module docstring).

    ``names``: spans of known names (aliases, outlets) to keep whole; ``demonyms``: lower-cased
    nationality adjectives beyond the ``-ian/-ish/-ese`` ones."""
    toks = [t for t in tokenize(text, start, end)]
    while toks and not toks[-1].is_word:
        toks.pop()
    if not toks:
        return None
    mentions = [m for m in mentions if m.end > start and m.start < end]
    names = list(names)
    units = sorted({*_unit_spans(text, mentions), *names})
    place_spans = [(p.start, p.end) for p in places] + [(m.start, m.end) for m in mentions if m.label in ("GPE", "LOC")]
    org_spans = [(m.start, m.end) for m in mentions if m.label in ("ORG", "PERSON")] + list(names)
    # "a hospital source in Hassakeh city": the place after a source noun is no part of the name
    place = None
    for k in range(len(toks) - 2, 0, -1):
        if toks[k].lower in _PLACE_PREPOSITIONS and toks[k - 1].lower in SOURCE_HEADS - _LEADER_NOUNS \
                and toks[k - 1].text.islower():
            tail = toks[k + 1 :]
            if tail and all(_placeish(t, place_spans) for t in tail) \
                    and any(t.lower in _PLACE_NOUNS or _covering(place_spans, t.start, t.end) for t in tail) \
                    and not any(_covering(org_spans, t.start, t.end) for t in tail):
                place = (tail[0].start, tail[-1].end)
                toks = toks[:k]
                break
    i = len(toks) - 1
    first = i
    j = i - 1
    det = None
    desc_head = toks[i].lower
    while j >= 0 and i - j < MAX_TOKENS:
        tok, right = toks[j], toks[j + 1]
        low = tok.lower
        unit = _covering(units, tok.start, right.end)
        if unit is not None and unit[0] <= tok.start and right.end <= unit[1]:
            first = j
            j -= 1
            continue
        if low in DETERMINERS and not tok.is_title or (low in DETERMINERS and j == 0):
            det = low
            break
        if low in DETERMINERS:  # "The" at a sentence start
            det = low
            break
        if _boundary_word(tok) or not tok.is_word:
            if tok.text in ("-", "'s", "’s") and j > 0:
                first = j
                j -= 1
                continue
            break
        if low in _NAME_INNER:
            if right.is_title and (j > 0 and toks[j - 1].is_title or low in _NAME_PARTICLES):
                first = j
                j -= 1
                continue
            if low == "of" and j > 0 and toks[j - 1].lower in _COLLECTIVE_HEADS and not right.is_title:
                desc_head = toks[j - 1].lower  # "a network of activists": the network is the head
                first = j
                j -= 1
                continue
            break
        if tok.is_title:
            if _demonym_like(right, demonyms) and not _demonym_like(tok, demonyms):
                break  # "Aleppo Syrian state television"
            if right.lower in _NOT_AFTER_PLACE and _covering(place_spans, tok.start, tok.end):
                break  # "Turkey local sources"
            first = j
            j -= 1
            continue
        if low in MODIFIERS or low in SOURCE_HEADS or "-" in low[1:] or _lost_possessive(toks, j):
            first = j
            j -= 1
            continue
        break
    s, e = toks[first].start, toks[i].end
    # "the Observatory a Britain-based monitor": an apposition without its commas keeps the name
    if det in ("a", "an", "the") and j > 0 and not _has_name(text, s, e, units):
        k = j - 1
        if toks[k].text == ")":  # "the Local Coordination Committees (LCC) a network of activists"
            while k > 0 and toks[k].text != "(":
                k -= 1
            k -= 1
        if k >= 0:
            people = desc_head in PERSON_DESCRIPTIONS
            if desc_head in APPOSITION_HEADS or people:
                before = _unit_ending_at(units, toks[k].end, mentions, people)
                if before is None and not people:
                    before = _title_run_ending_at(toks, k)
                if before is not None and _covering(place_spans, before[0], before[1]) is None:  # "Nusaybin a witness"
                    return SourceNP(before[0], before[1], None, place)
    return SourceNP(s, e, det, place)


def _lost_possessive(toks: Sequence[Token], j: int) -> bool:
    """'the Assad regimes official television': a noun with a possessive 's' whose apostrophe is lost."""
    low = toks[j].lower
    return low.endswith("s") and low[:-1] in _POSSESSOR_NOUNS and j > 0 and toks[j - 1].is_title


def _placeish(tok: Token, place_spans: Sequence[tuple[int, int]]) -> bool:
    return (tok.is_title or tok.lower in _PLACE_NOUNS or tok.lower in ("the", "-")
            or _covering(place_spans, tok.start, tok.end) is not None)


def _unit_spans(text: str, mentions: Iterable[EntityMention]) -> list[tuple[int, int]]:
    """Entity mentions as units to keep whole; one running over a determiner starts after it."""
    out = []
    for m in mentions:
        if m.label not in ("PERSON", "ORG", "NORP", "FAC", "GPE"):
            continue
        s = m.start
        inner = list(re.finditer(r"\s(?:the|a|an)\s", text[m.start : m.end]))
        if inner:
            s = m.start + inner[-1].end()
        out.append((s, m.end))
    return out


def _has_name(text: str, s: int, e: int, units: Sequence[tuple[int, int]]) -> bool:
    if any(us < e and s < ue for us, ue in units):
        return True
    return any(t.is_title and not t.text.endswith(("-based",)) and "-" not in t.text
               for t in tokenize(text, s, e)[:-1])


def _title_run_ending_at(toks: Sequence[Token], k: int) -> tuple[int, int] | None:
    """A run of two or more capitalised words ending at token ``k`` ("Local Coordination Committees")."""
    first = k
    while first - 1 >= 0 and (toks[first - 1].is_title and toks[first - 1].is_word
                              or toks[first - 1].lower in ("of", "for") and first - 2 >= 0 and toks[first - 2].is_title):
        first -= 1
    if k - first + 1 >= 2 and toks[first].is_title and toks[k].is_title \
            and not any(_boundary_word(t) for t in toks[first : k + 1]):  # "On Sunday a monitor": a date, no name
        return toks[first].start, toks[k].end
    return None


def _unit_ending_at(units: Sequence[tuple[int, int]], end: int, mentions: Sequence[EntityMention],
                    person: bool = False) -> tuple[int, int] | None:
    """The name ending at ``end``: an organisation (or known name), or a person for ``person``."""
    labels = ("PERSON",) if person else ("ORG",)
    for m in mentions:
        if m.end == end and m.label in labels:
            return m.start, m.end
    if person:
        return None
    for s, e in units:
        if e == end and not any(m.start <= s and e <= m.end and m.label not in labels for m in mentions):
            return s, e
    return None


def plausible_source(text: str, np: SourceNP, units: Sequence[tuple[int, int]] = ()) -> bool:
    """Does the phrase name a source: a name, a pronoun, or a source noun at its head?"""
    toks = tokenize(text, np.start, np.end)
    if not toks:
        return False
    head = toks[-1].lower
    if head in PRONOUNS or head in SOURCE_HEADS:
        return True
    if any(us < np.end and np.end <= ue + 1 for us, ue in units):
        return True
    return all(t.is_title or t.lower in _NAME_INNER for t in toks if t.is_word) and any(t.is_title for t in toks) \
        and not (len(toks) == 1 and toks[0].lower in ("initial", "some", "many"))


__all__ = ["SourceNP", "source_np", "plausible_source", "SOURCE_HEADS", "PRONOUNS"]
