"""Places stage: toponyms resolved offline to GeoNames records.

Why one module of this length: candidates, scoring and the article-wide passes share one context
(countries, areas and points read from all the article's toponyms), refined pass by pass; finding
toponyms (:mod:`.toponyms`) and the gazetteer (:mod:`.gazetteer`) are modules of their own.

For each toponym (see :mod:`.toponyms`) the gazetteer gives candidates by exact name key, then by
name without Arabic articles or area words ("Deir ez-Zor Governorate" → "Deir ez-Zor"). Candidates
are scored by a prior (countries and first-level areas before towns, big towns before small ones,
main names before alternate names) plus the article's context, computed from a first pass over
all its toponyms: the countries it mentions, the first-level areas it mentions, the "Town, State"
pattern, the hint words around the name ("province", "village of") and the distance to the
article's other places ("Tripoli" beside "Benghazi" is the Libyan one).

A name with no exact candidate gets, in order:

1. a spelling variant in a country the article is about (consonant skeleton, fuzzy area names:
   "Al Hol" → Al Ḩawl, "Deir Az Zor" → Dayr az Zawr);
2. the place of a variant spelling of it in the same article ("Baghuz" → whatever "Baghouz" got);
3. the most specific area the text supports: the area named beside it ("Baghouz, a village in
   Deir Az Zor province" → that province, precision ``admin1``), else the country of the
   sentence or of the article (precision ``country``, low confidence). Never a same-name place
   in another country.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import Sequence

from rapidfuzz import fuzz

from ...model import Article, PlaceMention
from ...stage import Stage
from ..clean.sentences import sentences_of
from .default import default_gazetteer
from .distances import NearestPlaces, distance_km
from .gazetteer import Candidate, Gazetteer, Place
from .placenames import name_key, skeleton, without_articles, without_generic_suffix
from .toponyms import Toponym, find_toponyms, strip_direction

VERSION = "1"
METHOD = f"places/gazetteer-{VERSION}"
INCLUDE_DEMONYMS = True  # "Syrian" → Syria, precision country (geoparsing corpora count them)


@dataclass
class _Mention:
    top: Toponym
    key: str
    cands: list[Candidate]
    how: str = "exact"  # exact | variant | group | context | demonym
    best: Place | None = None
    score: float = 0.0
    confidence: float = 0.0
    extra: dict = field(default_factory=dict)


# --------------------------------------------------------------------------- candidates


def _keys(text: str, suffix: str | None = None) -> list[str]:
    key = name_key(text)
    keys = [name_key(f"{text} {suffix}")] if suffix else []
    keys += [key, name_key(strip_direction(text))]
    for k in (without_generic_suffix(key), without_articles(key), without_articles(without_generic_suffix(key))):
        if k and k not in keys:
            keys.append(k)
    return keys


def _candidates(gaz: Gazetteer, text: str, suffix: str | None = None) -> list[Candidate]:
    for k in _keys(text, suffix):
        cands = gaz.lookup(k)
        if cands:
            return cands
    return []


# --------------------------------------------------------------------------- scoring


def _prior(c: Candidate) -> float:
    p = c.place
    pop = math.log10(p.population + 1)
    code = p.feature_code
    # A country's or continent's own name almost never means a same-name town ("Mexico", Missouri).
    if code in ("PCLI", "PCLD", "PCLS", "PCLF", "PCL", "TERR"):
        score = 9.0
    elif code == "CONT":
        score = 8.0
    elif code == "ADM1":
        score = 5.0 + pop / 6
    elif code == "PPLC":
        score = 2.0 + pop / 2
    elif code == "ADM2":
        score = 1.0 + pop / 3
    elif p.source == "user":
        score = 7.0  # the analyst's own entry beats same-name records
    else:
        score = pop / 2
    if not c.primary:
        score -= 2.5
    return score


_HINT_CODES = {
    "admin": ("ADM1",),
    "admin2": ("ADM2", "ADM3"),
    "settlement": ("PPL", "PPLC", "PPLA", "USER"),
}


@dataclass
class _Context:
    countries: Counter
    admin1: Counter
    points: list[tuple[int, Place]]  # (mention index, resolved town/area) for distances
    near: NearestPlaces = field(init=False)

    def __post_init__(self) -> None:
        self.near = NearestPlaces(self.points)

    @cached_property
    def top_country(self) -> str | None:  # asked for every candidate; the counts no longer change
        return self.countries.most_common(1)[0][0] if self.countries else None


def _context(mentions: list[_Mention]) -> _Context:
    countries: Counter = Counter()
    admin1: Counter = Counter()
    points: list[tuple[int, Place]] = []
    for i, m in enumerate(mentions):
        p = m.best
        if p is None:
            continue
        if p.country_code:
            # "US-backed", "Russia-led": the country as a modifier says less about where things happen.
            countries[p.country_code] += 0.34 if m.extra.get("modifier") else 1
        if p.feature_code == "ADM1" and p.admin1:
            admin1[p.admin1] += 1
        if p.feature_code not in ("PCLI", "CONT") and p.precision in ("point", "admin2", "admin1"):
            if all(q.key != p.key for _, q in points):
                points.append((i, p))
    return _Context(countries, admin1, points)


def _score(i: int, m: _Mention, c: Candidate, ctx: _Context | None, state_after: str | None) -> float:
    p = c.place
    s = _prior(c)
    hint = m.top.hint
    if hint and p.feature_code in _HINT_CODES.get(hint, ()):
        s += 4.0
    if state_after and (p.admin1 == state_after or p.country_code == state_after):
        s += 8.0
    if m.top.label == "LOC" and p.feature_class == "P" and p.population < 50_000:
        s -= 3.0  # a region or sea ("the Pacific", "the Middle East"), not a small town of that name
    if ctx is None:
        return s
    if p.country_code and ctx.countries.get(p.country_code):
        own = 1 if (m.best is not None and m.best.country_code == p.country_code) else 0
        if ctx.countries[p.country_code] - own > 0:
            s += 3.0
            if p.country_code == ctx.top_country:
                s += 1.5
    if p.admin1 and p.feature_code != "ADM1":
        own = 1 if (m.best is not None and m.best.admin1 == p.admin1 and m.best.feature_code == "ADM1") else 0
        if ctx.admin1.get(p.admin1, 0) - own > 0:
            s += 3.0
    if p.feature_code not in ("PCLI", "CONT"):
        nearest = ctx.near.nearest_km(p, i)
        if nearest is not None:
            s += 2.5 * math.exp(-nearest / 300.0)
    return s


def _state_after(text: str, top: Toponym, gaz: Gazetteer) -> str | None:
    """The admin1 key or country code in "Gainesville, Ga." / "Paris, France" after a town name."""
    m = re.match(r",\s*((?:[A-Z][\w]*\.?\s?){1,3})", text[top.end : top.end + 30])
    if not m:
        return None
    name = m.group(1).strip().rstrip(",")
    for c in _candidates(gaz, name):
        if c.primary and c.place.feature_code == "ADM1":
            return c.place.admin1
        if c.primary and c.place.feature_code == "PCLI":
            return c.place.country_code
    return None


# --------------------------------------------------------------------------- resolution


def _run_passes(mentions: list[_Mention], which: list[int], states: list[str | None], ctx: _Context | None,
                passes: int) -> _Context:
    for _ in range(passes):
        for i in which:
            m = mentions[i]
            if not m.cands:
                continue
            scored = sorted(((_score(i, m, c, ctx, states[i]), c) for c in m.cands), key=lambda x: -x[0])
            m.score, best = scored[0]
            m.best = best.place
            margin = scored[0][0] - scored[1][0] if len(scored) > 1 else 5.0
            m.confidence = round(min(0.99, 0.5 + margin / 10), 2)
        ctx = _context(mentions)
    return ctx if ctx is not None else _context(mentions)


WEAK_MIN_POPULATION_ALONE = 20_000


def _agrees(i: int, m: _Mention, ctx: _Context) -> bool:
    """Is a weakly recognised name's best reading consistent with the article's other places?"""
    p = m.best
    if p is None:
        return False
    if p.feature_code in ("PCLI", "ADM1", "CONT") or p.source == "user":
        return True
    others = Counter(ctx.countries)
    if p.country_code:
        others[p.country_code] -= 1
    if +others:
        if others.get(p.country_code, 0) <= 0:
            return False
        near = [distance_km(p, q) for j, q in ctx.points if j != i]
        if p.admin1 and ctx.admin1.get(p.admin1):
            return True
        return bool(near and min(near) <= 250) or p.population >= 100_000
    return p.population >= WEAK_MIN_POPULATION_ALONE or p.feature_code == "ADM2"



def resolve(article: Article, gazetteer: Gazetteer | None = None, demonyms: bool = INCLUDE_DEMONYMS) -> list[PlaceMention]:
    """The article's toponyms as PlaceMentions (unresolved ones keep ``geonameid=None``)."""
    gaz = gazetteer if gazetteer is not None else default_gazetteer()
    text = article.text
    mentions: list[_Mention] = []
    for top in find_toponyms(article, gaz, demonyms=demonyms):
        if top.source == "demonym":
            country = gaz.country(top.country_code or "")
            m = _Mention(top, name_key(top.text), [], how="demonym", best=country, confidence=0.6)
            mentions.append(m)
            continue
        cands = _candidates(gaz, top.text, top.suffix)
        if top.hint == "admin" and cands and not any(c.place.feature_code == "ADM1" for c in cands):
            # "in Hasaka province": the province named after its town, whose record may be spelt
            # otherwise ("Al Hasakah"): the first-level area holding a same-name town, if its name is close.
            key = without_generic_suffix(name_key(top.text))
            areas = {c.place.admin1: gaz.admin(c.place.admin1) for c in cands if c.place.admin1}
            cands = cands + [Candidate(a, True) for a in areas.values() if a is not None and _close(key, a.name)]
        mentions.append(_Mention(top, name_key(top.text), cands))
    for m in mentions:
        m.extra["modifier"] = text[m.top.end : m.top.end + 1] in ("-", "–")
    states = [_state_after(text, m.top, gaz) for m in mentions]

    # Strong toponyms first (pass 1: priors and local hints; passes 2-3: with the article's context),
    # then the weak ones, kept only where the strong ones' context agrees, then everything once more.
    strong = [i for i, m in enumerate(mentions) if not m.top.weak]
    ctx = _run_passes(mentions, strong, states, None, 3)
    weak = [i for i, m in enumerate(mentions) if m.top.weak]
    if weak:
        _run_passes(mentions, weak, states, ctx, 1)
        for i in weak:
            if not _agrees(i, mentions[i], ctx):
                mentions[i].best = None
        # A person-tagged spelling variant has no exact namesake to judge here: it waits for the variant step.
        mentions = [m for i, m in enumerate(mentions) if not (m.top.weak and m.best is None and m.top.source != "person-variant")]
        states = [_state_after(text, m.top, gaz) for m in mentions]
        ctx = _run_passes(mentions, list(range(len(mentions))), states, _context(mentions), 1)

    _drop_unrelated_namesakes(mentions, ctx)
    ctx = _context(mentions)
    _resolve_variants(mentions, gaz, ctx)
    mentions = [m for m in mentions if not (m.top.source == "person-variant" and m.best is None)]
    _resolve_groups(mentions)
    _resolve_by_context(mentions, article, ctx, gaz)
    return [_to_mention(m, text) for m in mentions]


def _resolve_variants(mentions: list[_Mention], gaz: Gazetteer, ctx: _Context) -> None:
    """Spelling variants, looked for only in the countries the article is about."""
    countries = [cc for cc, _ in ctx.countries.most_common(3)]
    if not countries:
        return
    for m in mentions:
        if m.best is not None or m.how == "demonym":
            continue
        key = without_generic_suffix(m.key)
        rejected = {c.place.key for c in m.cands}  # exact namesakes were already judged
        pool: dict[tuple, Candidate] = {}
        for c in gaz.lookup_skeleton(skeleton(m.top.text)):
            if c.place.key in rejected:
                continue
            if c.place.country_code in countries and _close(key, c.place.name) and _near_the_story(c.place, ctx):
                pool[c.place.key] = c
        if m.top.hint in (None, "admin", "admin2"):
            for c in gaz.fuzzy_admin(key, countries, cutoff=85):
                pool[c.place.key] = c
        if pool:
            def rank(c: Candidate) -> tuple[bool, int, float, float]:
                # The words around the name first ("Deir Az Zor province" is the province, not the city).
                hinted = bool(m.top.hint and c.place.feature_code in _HINT_CODES.get(m.top.hint, ()))
                similarity = round(_similarity(key, c.place.name) / 10)
                return hinted, similarity, ctx.countries.get(c.place.country_code, 0), _prior(c)

            best = max(pool.values(), key=rank)
            m.best, m.how, m.confidence = best.place, "variant", 0.6


VARIANT_REACH_KM = 150.0  # a spelling variant must lie this near one of the article's resolved places


def _near_the_story(place: Place, ctx: _Context) -> bool:
    """A variant spelling is weak evidence: take it only near the places the article is about
    ("Midan" beside Damascus is its quarter, not Ma'dan 300 km away); any place if none is resolved."""
    points = [p for _, p in ctx.points if p.country_code == place.country_code]
    if not points or place.precision != "point":
        return True
    return any(distance_km(place, p) <= VARIANT_REACH_KM for p in points)


def _similarity(key: str, other_name: str) -> float:
    """Spelling similarity of two names; articles count ("al hol" is nearer "al hawl" than "holly")."""
    other = without_generic_suffix(name_key(other_name))
    return max(fuzz.ratio(key, other), fuzz.ratio(without_articles(key), without_articles(other)) - 5)


def _close(key: str, other_name: str) -> bool:
    """A skeleton match confirmed by spelling ("al hol" ~ "al hawl", not "hialeah")."""
    return _similarity(key, other_name) >= 70


def _resolve_groups(mentions: list[_Mention]) -> None:
    """Variant spellings in one article share the most specific place any of them got."""
    for m in mentions:
        if m.best is not None or m.how == "demonym":
            continue
        skel = skeleton(m.top.text)
        for other in mentions:
            if other is m or other.best is None or other.how in ("demonym", "context"):
                continue
            if skeleton(other.top.text) == skel or fuzz.ratio(without_articles(m.key), without_articles(other.key)) >= 85:
                m.best, m.how, m.confidence = other.best, "group", 0.6
                break


_RANK = {"point": 0, "admin2": 1, "admin1": 2, "region": 3, "country": 4}
FOREIGN_TOWN_MAX_POPULATION = 50_000


def _drop_unrelated_namesakes(mentions: list[_Mention], ctx: _Context) -> None:
    """A small town abroad that merely shares the name is no answer ("Hol", Norway, in a Syria story).

    The article's countries are counted without the mentions of the name itself.
    """
    for m in mentions:
        p = m.best
        if p is None or m.how != "exact" or p.source == "user":
            continue
        if p.feature_code in ("PCLI", "ADM1", "CONT") or p.population >= FOREIGN_TOWN_MAX_POPULATION:
            continue
        votes: Counter = Counter()
        for o in mentions:
            if o.best is not None and o.key != m.key and o.best.country_code:
                votes[o.best.country_code] += 1
        if votes and votes.most_common(1)[0][1] >= 2 and votes.get(p.country_code, 0) == 0:
            m.extra["dropped"] = True
    for m in mentions:
        if m.extra.pop("dropped", False):
            m.best, m.how, m.confidence = None, "exact", 0.0


def _groups(mentions: list[_Mention]) -> list[list[_Mention]]:
    """Unresolved mentions grouped by spelling variant (same skeleton or close spelling)."""
    groups: list[list[_Mention]] = []
    for m in mentions:
        key = without_articles(m.key)
        for g in groups:
            other = without_articles(g[0].key)
            if skeleton(m.top.text) == skeleton(g[0].top.text) or fuzz.ratio(key, other) >= 85:
                g.append(m)
                break
        else:
            groups.append([m])
    return groups


def _resolve_by_context(mentions: list[_Mention], article: Article, ctx: _Context, gaz: Gazetteer) -> None:
    """Unknown names fall back to the most specific area the text around them supports.

    For each group of variant spellings, the candidates are the first- or second-level areas named
    in the same sentences ("Baghouz, a village in Deir Az Zor province"), kept to the article's main
    country when it has one; failing that, the article's main country itself.
    """
    sentences = [(s.start, s.end) for s in sentences_of(article)]
    unresolved = [m for m in mentions if m.best is None and m.how != "demonym"]
    for group in _groups(unresolved):
        areas: list[tuple[int, int, Place]] = []
        nearby_countries: Counter = Counter()
        for m in group:
            sent = next(((s, e) for s, e in sentences if s <= m.top.start < e), (m.top.start - 200, m.top.end + 200))
            for o in mentions:
                if o in group or o.best is None or o.how in ("context", "group"):
                    continue
                if not sent[0] <= o.top.start < sent[1]:
                    continue
                if o.best.precision in ("admin1", "admin2"):
                    areas.append((_RANK[o.best.precision], abs(o.top.start - m.top.end), o.best))
                if o.best.country_code and not o.extra.get("modifier"):
                    nearby_countries[o.best.country_code] += 1
        # The country the text puts the name in: its sentences' countries, else the article's, when
        # the text is plainly about one country (see _dominant_country).
        country = _dominant_country(nearby_countries, mentions) if nearby_countries else None
        if country is None:
            country = _dominant_country(ctx.countries, mentions)
        if country and any(a[2].country_code == country for a in areas):
            areas = [a for a in areas if a[2].country_code == country]
        holder = _named_holder(group, mentions, text=article.text)
        if holder is not None:  # "the neighbourhood of al-Kallaseh in Damascus": inside Damascus
            best, confidence = holder, 0.4
        elif areas:
            best, confidence = min(areas)[2], 0.4
        elif country:
            best, confidence = gaz.country(country), 0.25
        else:
            continue
        for m in group:
            m.best, m.how, m.confidence = best, "context", confidence


_IN_HOLDER = re.compile(r"(?:\s*,\s*|\s+in\s+(?:the\s+)?(?:(?:city|town|village|province|district)\s+of\s+)?)\Z")


def _named_holder(group: list[_Mention], mentions: list[_Mention], text: str) -> Place | None:
    """The known place an unknown name is said to be in, right after it ("al-Kallaseh in Damascus",
    "Qaterji, Aleppo"), the same for every spelling of the name in the text."""
    holders = set()
    found = None
    for m in group:
        for o in mentions:
            if o in group or o.best is None or o.how in ("context", "group", "demonym") or o.top.start < m.top.end:
                continue
            if o.top.start - m.top.end <= 30 and _IN_HOLDER.search(text[m.top.end : o.top.start]):
                holders.add(o.best.key)
                found = o.best
                break
    return found if len(holders) == 1 else None


def _dominant_country(votes: Counter, mentions: list[_Mention]) -> str | None:
    """The country whose votes say where the text happens, or None when they do not.

    An unknown name ("Ostrogan") is not put in a country just because one town of that country is
    named somewhere ("the monitor, which follows the war from Vienna"): the country must be named
    itself (or by its demonym), or hold at least two distinct places of the text, and have the most
    votes without a tie.
    """
    if not votes:
        return None
    ranked = votes.most_common(2)
    country, top = ranked[0]
    if len(ranked) > 1 and ranked[1][1] >= top:
        return None
    named = False
    places = set()
    for m in mentions:
        p = m.best
        if p is None or p.country_code != country or m.how == "context" or m.extra.get("modifier"):
            continue
        if p.precision == "country" and m.how in ("exact", "demonym", "variant"):
            named = True
        places.add(p.key)
    return country if named or len(places) >= 2 else None


def _to_mention(m: _Mention, text: str) -> PlaceMention:
    p = m.best
    method = f"{METHOD}:{m.how}"
    if p is None:
        return PlaceMention(m.top.start, m.top.end, text[m.top.start : m.top.end], None, None, None, None, None,
                            None, None, method, 0.0)
    return PlaceMention(
        start=m.top.start, end=m.top.end, text=text[m.top.start : m.top.end], name=p.name, geonameid=p.geonameid,
        lat=round(p.lat, 5), lon=round(p.lon, 5), country_code=p.country_code, feature_class=p.feature_class,
        precision=p.precision, method=method, confidence=m.confidence,
    )


# --------------------------------------------------------------------------- the stage


def process(article: Article) -> Article:
    return article.with_layer(places=resolve(article))


def process_batch(articles: Sequence[Article]) -> list[Article]:
    return [process(a) for a in articles]


STAGE = Stage(
    name="places",
    version=VERSION,
    requires=("entities",),
    provides=("places",),
    process=process,
    process_batch=process_batch,
)
