"""Find the toponyms of an article: what the places stage will try to put on the map.

Sources, in order of trust:

1. entity mentions labelled GPE, LOC or FAC (spaCy NER plus the entities stage's rules);
2. NORP mentions that are demonyms of a country ("Syrian" → Syria), when ``demonyms`` is on;
3. ORG/PERSON mentions that are really the name of a country or first-level area
   (en_core_web_sm often calls a country acting as an actor an ORG);
4. capitalised names the NER missed, found by the gazetteer and the words around them:
   a country or area name, a name after "village of"/"town of"/"near"..., a name before
   "province"/"governorate"/"county", the state in "Gainesville, Ga.".

Each toponym carries a ``hint`` from the words around it ("admin" before "province", "admin2"
before "district"/"county", "settlement" after "village of"), used when resolving.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from ...model import Article, EntityMention
from ...text.calendar_words import MONTH_NAMES, WEEKDAY_NAMES
from .gazetteer import Gazetteer
from .mistaken_people import after_locative_word
from .placenames import name_key, skeleton
from ...text.lexicon import word_map, word_set

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})

_CAP_SEQ = re.compile(
    # An Arabic article written in lower case opens the name ("al-Qameshli", "el-Bab").
    r"(?<![\w'’.-])(?:(?:al|el|ad|ar|as|ash|at|az|an|ed|er|es|et|ez)-)?(?:[A-Z][\w'’.-]*[\w.]|[A-Z]\.)(?:[ -](?:(?:al|el|ez|az|ad|as|ar|ash|de|del|la|le|of|du|des|da|dos|van|von)[ -])?"
    r"(?:[A-Z][\w'’.-]*[\w.]|[A-Z]\.))*"
)
_SETTLEMENT_CUE = re.compile(
    r"(?:\b(?:village|town|city|hamlet|settlement|camp|district|province|governorate|region|area|suburb|"
    r"neighbourhood|neighborhood|outskirts|port|island)s? of|\bnear(?: the)?|\boutside(?: of)?|"
    r"\bon the outskirts of|\bnorth of|\bsouth of|\beast of|\bwest of)\s+$",
    re.I,
)
# Words after a name that say what kind of place it is ("Idlib province"), and that kind (name_words.tsv).
_ADMIN_AFTER = word_map("name_words.tsv", "admin_after")
_AREA_AFTER = re.compile(r"^\s+(" + "|".join(map(re.escape, _ADMIN_AFTER)) + r")\b", re.I)
_NOT_PLACES = frozenset(MONTH_NAMES) | frozenset(WEEKDAY_NAMES) | word_set("name_words.tsv", "not_a_place")


@dataclass(slots=True)
class Toponym:
    start: int
    end: int
    text: str  # the name to look up (without "the" and possessive 's)
    source: str  # ner | demonym | actor | gazetteer | cue | person-tag | person-variant | in-name | affiliation
    hint: str | None = None  # admin | admin2 | settlement | None
    country_code: str | None = None  # demonyms only
    weak: bool = False  # found without the NER's word for it: kept only if the article's places agree
    suffix: str | None = None  # area word to try with the name ("Oglethorpe" + "County")
    label: str | None = None  # the NER label when the NER found it (GPE, LOC, FAC)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the " and a trailing possessive from a span."""
    span = text[start:end]
    m = re.match(r"(?i)the\s+", span)
    if m and end - start > m.end():
        start += m.end()
    span = text[start:end]
    m = re.search(r"['’]s?$", span)
    if m and m.start() > 0:
        end = start + m.start()
    while end > start and text[end - 1] in " ,.;:" and not re.search(r"\b[A-Z]\.$", text[start:end]):
        end -= 1
    return start, end


def _hint_after(text: str, end: int) -> str | None:
    m = _AREA_AFTER.match(text[end : end + 20])
    return _ADMIN_AFTER[m.group(1).lower()] if m else None


def _hint_before(text: str, start: int) -> str | None:
    before = text[max(0, start - 40) : start]
    m = _SETTLEMENT_CUE.search(before)
    if not m:
        return None
    cue = m.group(0).lower()
    if any(w in cue for w in ("province", "governorate", "region")):
        return "admin"
    if "district" in cue:
        return "admin2"
    return "settlement"


@lru_cache(maxsize=1)
def _outlet_names() -> frozenset[str]:
    """Names of the registered outlets (bundled and the user's): never toponyms."""
    from ...knowledge.outlets import OutletRegistry

    return frozenset(OutletRegistry.load().by_name)


def _allowed(start: int, end: int, blocked: list[tuple[int, int]]) -> bool:
    return not any(s < end and start < e for s, e in blocked)


class _Taken:
    """Disjoint spans in order: whether a new span overlaps one of them is a binary search, not a scan
    of every name found so far (an article has hundreds)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []  # in the same order: the spans are disjoint, so the ends grow too

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect_left(self.starts, end)  # the spans that start before ``end``; the last ends latest
        return k > 0 and self.ends[k - 1] > start

    def add(self, start: int, end: int) -> None:
        k = bisect_left(self.starts, start)
        self.starts.insert(k, start)
        self.ends.insert(k, end)


class _SpanIndex:
    """Fixed spans, overlapping or not, for the same question: sorted by start, with the latest end so
    far at each position (whatever overlaps ``[start, end)`` starts before ``end`` and ends after
    ``start``, so the latest end among the spans starting before ``end`` decides)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self.starts = [s for s, _ in spans]
        self.latest_end: list[int] = []
        for _, e in spans:
            self.latest_end.append(max(e, self.latest_end[-1]) if self.latest_end else e)

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect_left(self.starts, end)
        return k > 0 and self.latest_end[k - 1] > start


_SPEECH_AFTER = re.compile(r"^\s*(?:,\s*)?(?:said|says|told|added|explained|noted|wrote|asked|replied)\b")
_AFFILIATION = re.compile(r"\b(?:R|D|I|DFL)-((?:[A-Z][\w.]*)(?: [A-Z][\w.]*){0,2})")
_AREA_LIST = re.compile(
    r"((?:[A-Z][\w.'’]*(?: [A-Z][\w.'’]*)?)(?:,? (?:and|or) |, (?:and |or )?)){1,12}"
    r"[A-Z][\w.'’]*(?: [A-Z][\w.'’]*)? (counties|parishes|provinces|governorates|districts)\b"
)
_LIST_SUFFIX = {"counties": "County", "parishes": "Parish", "provinces": "Province",
                "governorates": "Governorate", "districts": "District"}
_MIN_WEAK_POPULATION = 1000


def find_toponyms(article: Article, gazetteer: Gazetteer, demonyms: bool = True) -> list[Toponym]:
    text = article.text
    blocked = [(b.start, b.end) for b in article.boilerplate]
    found: list[Toponym] = []
    taken = _Taken()

    outlets = _outlet_names()

    def add(t: Toponym) -> None:
        if t.end <= t.start or not _allowed(t.start, t.end, blocked) or taken.overlaps(t.start, t.end):
            return
        if t.source != "demonym" and _lost_apostrophe(t.text, gazetteer):
            t.end -= 1  # "Syrias capital": "Syria's", its apostrophe lost when the page was scraped
            t.text = t.text[:-1]
        if t.text.casefold() in outlets:  # "SANA" said ...: the news agency, not Sanaa
            return
        found.append(t)
        taken.add(t.start, t.end)

    # Lists of areas first: "Clarke, Madison, Oconee and Oglethorpe counties".
    for m in _AREA_LIST.finditer(text):
        suffix = _LIST_SUFFIX[m.group(2)]
        body_end = m.start(2) - 1
        for item in re.finditer(r"[A-Z][\w.'’]*(?: [A-Z][\w.'’]*)?", text[m.start() : body_end]):
            s0, e0 = m.start() + item.start(), m.start() + item.end()
            add(Toponym(s0, e0, text[s0:e0], "gazetteer", "admin2" if suffix != "Province" else "admin", suffix=suffix))

    entities = sorted(article.entities, key=lambda e: (e.start, -e.end))
    for e in entities:
        if e.label in PLACE_LABELS:
            s, t = _trim(text, e.start, e.end)
            if text[s:t].islower() and not _known(gazetteer, text[s:t]):
                continue  # "mosques were appealing ..." tagged GPE: a common noun, not a name
            longer = _longer_name(text, s, t, gazetteer)
            if longer > t:
                add(Toponym(s, longer, text[s:longer], "ner", _hint_after(text, longer) or _hint_before(text, s), label=e.label))
                continue
            if _known(gazetteer, text[s:t]):
                add(Toponym(s, t, text[s:t], "ner", _hint_after(text, t) or _hint_before(text, s), label=e.label))
                continue
            parts = _known_parts(text, s, t, gazetteer)
            for ps, pe in parts:
                add(Toponym(ps, pe, text[ps:pe], "ner", _hint_after(text, pe) or _hint_before(text, ps)))
            if not parts:
                add(Toponym(s, t, text[s:t], "ner", _hint_after(text, t) or _hint_before(text, s)))
    for e in entities:
        if e.label == "NORP" and demonyms:
            cc = gazetteer.demonym(name_key(e.text))
            if cc:
                add(Toponym(e.start, e.end, e.text, "demonym", None, cc))
                continue
        if e.label not in ("ORG", "PERSON", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART"):
            continue
        s, t = _trim(text, e.start, e.end)
        if e.label in ("ORG", "PERSON") and _is_area_name(e, gazetteer):
            add(Toponym(s, t, text[s:t], "actor", _hint_after(text, t)))
        elif len(e.text.split()) == 1 and _hint_before(text, e.start):
            # "the village of Baghuz" tagged PERSON: the cue words say it is a place.
            add(Toponym(s, t, text[s:t], "cue", _hint_before(text, s)))
        elif len(e.text.split()) == 1 and _hint_after(text, t):
            # "in al-Qameshli city", "Dravic province" tagged ORG: the area word after it says so.
            add(Toponym(s, t, text[s:t], "cue", _hint_after(text, t)))
        elif e.label == "PERSON" and e.entity == e.text and not e.role and not _SPEECH_AFTER.match(text[t : t + 15]):
            if _known(gazetteer, text[s:t], min_population=_MIN_WEAK_POPULATION):
                add(Toponym(s, t, text[s:t], "person-tag", _hint_after(text, t), weak=True))
            elif after_locative_word(text, s) and _known_variant(gazetteer, text[s:t]):
                # "the market in Maaret al-Numan" tagged PERSON: a spelling variant of a known town,
                # after a word that introduces places; kept only if it resolves as a variant near the story.
                add(Toponym(s, t, text[s:t], "person-variant", _hint_after(text, t), weak=True))
            else:
                for ps, pe in _known_parts(text, s, t, gazetteer, prefix_only=True):
                    add(Toponym(ps, pe, text[ps:pe], "in-name", _hint_after(text, pe), weak=True))
        else:
            # A place opening an organisation's or facility's name: "Fargo Police", "Douglas County Hospital".
            for ps, pe in _known_parts(text, s, t, gazetteer, prefix_only=True):
                strong = any(c.primary and c.place.feature_code in ("PCLI", "ADM1")
                             for c in gazetteer.lookup(name_key(text[ps:pe])))
                add(Toponym(ps, pe, text[ps:pe], "in-name", _hint_after(text, pe), weak=not strong))

    for m in _AFFILIATION.finditer(text):
        s, t = m.span(1)
        if _known(gazetteer, text[s:t]):
            add(Toponym(s, t, text[s:t], "affiliation", "settlement", weak=True))

    entity_spans = _SpanIndex([(e.start, e.end) for e in entities])
    for m in _CAP_SEQ.finditer(text):
        _scan_sequence(text, m.start(), m.end(), gazetteer, entity_spans, add)
    found.sort(key=lambda t: t.start)
    return found


_DIRECTIONS = re.compile(
    r"^(?:(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|south-east|"
    r"south-west|northern|southern|eastern|western|central|upper|lower|greater|downtown|metro|rural|"
    r"suburban|coastal)\s+)+",
    re.I,
)


def strip_direction(name: str) -> str:
    """ "Northeast Georgia" → "Georgia" (the area is inside the named one)."""
    stripped = _DIRECTIONS.sub("", name)
    return stripped if stripped.strip() else name


def _known_variant(gazetteer: Gazetteer, name: str) -> bool:
    """A spelling variant (same consonant skeleton) of a town or area of some size; long skeletons only,
    because short ones collide."""
    skel = skeleton(name)
    if len(skel.replace(" ", "")) < 5:
        return False
    return any(c.place.population >= _MIN_WEAK_POPULATION or c.place.feature_code in ("ADM1", "ADM2", "PPLA", "PPLA2")
               for c in gazetteer.lookup_skeleton(skel))


def _lost_apostrophe(name: str, gazetteer: Gazetteer) -> bool:
    """The name is a place's possessive that lost its apostrophe: no place is called so, the name
    without its last "s" is a known one."""
    return len(name) > 3 and name.endswith("s") and not name.endswith("ss") \
        and not gazetteer.lookup(name_key(name)) and _known(gazetteer, name[:-1])


_NAME_WORD = r"[ -](?:(?:al|el|ad|an|ar|as|ash|az|ez|ed|en|es|et)-)?[A-Z][\w'’]*"  # " Abyad", " ez-Zor"
_NAME_GOES_ON = re.compile(rf"(?:{_NAME_WORD}){{1,2}}")


def _longer_name(text: str, start: int, end: int, gazetteer: Gazetteer) -> int:
    """The end of the longest name the gazetteer lists that the tagged span begins: the tagger often
    stops inside a place of several words ("Tal" of "Tal Abyad", "Deir" of "Deir ez-Zor")."""
    m = _NAME_GOES_ON.match(text, end)
    if m is None:
        return end
    words = re.findall(_NAME_WORD, m.group(0))
    for n in range(len(words), 0, -1):
        longer = end + sum(len(w) for w in words[:n])
        if gazetteer.lookup(name_key(text[start:longer])):
            return longer
    return end


def _known(gazetteer: Gazetteer, name: str, min_population: int = 0) -> bool:
    for variant in (name, strip_direction(name)):
        for c in gazetteer.lookup(name_key(variant)):
            p = c.place
            if not c.primary:
                continue
            if min_population == 0 or p.population >= min_population or p.feature_code in ("PCLI", "ADM1", "ADM2", "CONT"):
                return True
    return False


_FEATURE_WORDS = word_set("name_words.tsv", "feature_word")


def _known_parts(text: str, s: int, e: int, gazetteer: Gazetteer, prefix_only: bool = False) -> list[tuple[int, int]]:
    """Sub-spans of a name that the gazetteer knows: "Athens-Clarke County" → Athens, Clarke County.

    A natural feature is not cut up: "Red River" is no mention of a town called Red.
    """
    tokens = [w.lower().strip(".,") for w in text[s:e].split()]
    if len(tokens) == 2 and (tokens[0] in _FEATURE_WORDS or tokens[-1] in _FEATURE_WORDS):
        return []
    words = [(m.start() + s, m.end() + s) for m in re.finditer(r"[^\s\-–/]+", text[s:e])]
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        hit = None
        for j in range(min(len(words), i + 4), i, -1):
            ws, we = words[i][0], words[j - 1][1]
            ws, we = _trim(text, ws, we)
            name = text[ws:we]
            if not name[:1].isupper() or name_key(name) in _NOT_PLACES:
                continue
            if _known(gazetteer, name, min_population=_MIN_WEAK_POPULATION):
                hit = (ws, we, j)
                break
        if hit:
            out.append(hit[:2])
            i = hit[2]
        elif prefix_only:
            break
        else:
            i += 1
        if prefix_only and out:
            # After the opening place, other places of a hyphenated pair ("Fargo-Moorhead").
            rest = text[out[-1][1] : e]
            if not rest.startswith("-"):
                break
    return out


def _is_area_name(e: EntityMention, gazetteer: Gazetteer) -> bool:
    if e.label == "PERSON" and e.entity != e.text:
        return False  # linked to a longer person name ("Jordan" after "Michael Jordan")
    key = name_key(re.sub(r"(?i)^the\s+|['’]s?$", "", e.text))
    # A name the analyst added as a place (user places) is trusted whatever the NER called it.
    return any((c.primary and c.place.feature_code in ("PCLI", "ADM1")) or c.place.source == "user"
               for c in gazetteer.lookup(key))


def _scan_sequence(text, start, end, gazetteer, entity_spans, add) -> None:
    """Try the longest sub-sequences of a capitalised run that the NER did not tag."""
    words = [(m.start() + start, m.end() + start) for m in re.finditer(r"\S+", text[start:end])]
    i = 0
    while i < len(words):
        matched = False
        for j in range(len(words), i, -1):
            s, e = words[i][0], words[j - 1][1]
            s, e = _trim(text, s, e)
            if e <= s or entity_spans.overlaps(s, e):
                continue
            name = text[s:e]
            # "in Syrias Quneitra": a possessive that lost its apostrophe is looked up without its "s"
            # (add() trims it), as for the names the NER tagged.
            key = name_key(name[:-1] if _lost_apostrophe(name, gazetteer) else name)
            if not key or key in _NOT_PLACES or len(key) < 2:
                continue
            reason = _accept(text, s, e, key, gazetteer, whole_run=(i == 0 and j == len(words)))
            if reason:
                source, hint = reason
                add(Toponym(s, e, name, source, hint, weak=source == "weak"))
                i = j
                matched = True
                break
        if not matched:
            i += 1


def _accept(
    text: str, s: int, e: int, key: str, gazetteer: Gazetteer, whole_run: bool = False
) -> tuple[str, str | None] | None:
    hint_after = _hint_after(text, e)
    hint_before = _hint_before(text, s)
    after_comma_of_place = bool(re.search(r"[A-Z][\w.]*,\s*$", text[max(0, s - 30) : s]))
    cands = gazetteer.lookup(key)
    if any(c.primary and c.place.feature_code in ("PCLI", "ADM1", "CONT") for c in cands):
        sentence_initial = s == 0 or re.search(r"(?:^|[.!?\n]\s*)$", text[max(0, s - 3) : s]) is not None
        if not (sentence_initial and len(key.split()) == 1 and key in _AMBIGUOUS_WORDS):
            return "gazetteer", hint_after
    if after_comma_of_place and any(c.place.feature_code == "ADM1" for c in cands):
        return "gazetteer", "admin"
    if hint_after and (cands or hint_after in ("admin", "admin2") or whole_run):
        return "gazetteer", hint_after
    if hint_before:
        return "cue", hint_before
    if any(c.primary and (c.place.population >= _MIN_WEAK_POPULATION or c.place.feature_code == "ADM2") for c in cands):
        sentence_initial = s == 0 or re.search(r"(?:^|[.!?\n\"“]\s*)$", text[max(0, s - 3) : s]) is not None
        word = text[s:e]
        if sentence_initial and re.search(rf"(?<![\w]){re.escape(word.lower())}(?![\w])", text):
            return None  # an ordinary word that opens a sentence
        return "weak", hint_after
    return None


_AMBIGUOUS_WORDS = word_set("name_words.tsv", "ambiguous_place")
