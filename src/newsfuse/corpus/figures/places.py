"""Which place a figure speaks of, for grouping: the same place, or a coarser name for it.

Outlets name one incident's place at different scales ("Midan", "Damascus", "Syria"). A figure's
place is looked up in its article's place mentions (same GeoNames id, else same text) for its
precision, country and coordinates. A *coarse* place (country, province, district) contains a finer
one of the same country when the finer one lies within a radius that fits its scale; two points a few
kilometres apart are one place (a district and its town).

:func:`assign_places` gives each report the *leaf* place it is about: its own place when that is the
finest named, or the one finer place the other reports name inside it. A report with no place, or a
coarse one holding several of the others' places, keeps a key of its own and meets none of them.

>>> from newsfuse.model import PlaceMention
>>> town = Scope("geo:1", "point", "SY", 33.49, 36.29)
>>> quarter = Scope("geo:2", "point", "SY", 33.47, 36.30)
>>> province = Scope("geo:3", "admin1", "SY", 33.5, 36.3)
>>> contains(province, town), same_place(town, quarter), contains(Scope("geo:4", "country", "SY"), quarter)
(True, True, True)
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Hashable, Sequence

from ...model import Article, PlaceRef

# How far from its point a place of each scale reaches (km): a generous bound, not a border.
RADIUS_KM = {"admin1": 150.0, "admin2": 60.0, "region": 400.0}
SAME_POINT_KM = 5.0  # a quarter and its town, a camp and its village


@dataclass(frozen=True, slots=True)
class Scope:
    key: str
    precision: str = "point"  # point | admin2 | admin1 | region | country
    country: str | None = None
    lat: float | None = None
    lon: float | None = None

    @property
    def coarse(self) -> bool:
        return self.precision in ("country", "admin1", "admin2", "region")


def _km(a: Scope, b: Scope) -> float | None:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))  # type: ignore[arg-type]
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


def same_place(a: Scope, b: Scope) -> bool:
    if a.key == b.key:
        return True
    if a.coarse or b.coarse or (a.country and b.country and a.country != b.country):
        return False
    d = _km(a, b)
    return d is not None and d <= SAME_POINT_KM


SCALES = ("point", "admin2", "admin1", "region", "country")  # finest first


def contains(outer: Scope, inner: Scope) -> bool:
    """``outer`` is coarser than ``inner`` and holds it."""
    if outer.key == inner.key or not outer.coarse:
        return False
    if inner.precision in SCALES and SCALES.index(outer.precision) <= SCALES.index(inner.precision):
        return False
    if outer.precision == "country":
        return bool(outer.country) and outer.country == inner.country
    if outer.country and inner.country and outer.country != inner.country:
        return False
    d = _km(outer, inner)
    return d is not None and d <= RADIUS_KM.get(outer.precision, 0.0)


def _place_key(geonameid: int | None, text: str | None) -> str:
    return f"geo:{geonameid}" if geonameid is not None else "name:" + " ".join((text or "").casefold().split())


def _mention_scope(m) -> Scope:
    return Scope(_place_key(m.geonameid, m.text), m.precision or "point", m.country_code, m.lat, m.lon)


def scope_of(place: PlaceRef | None, article: Article) -> Scope | None:
    """The figure's place with what the article's place mentions know of it; None when unknown."""
    if place is None or not (place.text or place.geonameid):
        return None
    key = _place_key(place.geonameid, place.text)
    for m in article.places:
        if (place.geonameid is not None and m.geonameid == place.geonameid) or (
            place.geonameid is None and m.text and _place_key(None, m.text) == key
        ):
            return _mention_scope(m)
    return Scope(key)


def article_scopes(article: Article) -> list[Scope]:
    """The places an article names, as scopes (for a placeless figure: where its article reports from)."""
    return [_mention_scope(m) for m in article.places]


def assign_places(items: Sequence[tuple[Hashable, Scope | None]],
                  named: dict[Hashable, list[Scope]] | None = None) -> dict[Hashable, str]:
    """item → the key of the place group it belongs to (see the module docstring).

    ``named``: for items with no place, the places their article names; when the others' places leave
    such an item between several, the one its own article names (itself or inside a named area) wins."""
    scopes = {s.key: s for _i, s in items if s is not None}
    # Points a few km apart are one place: map each to a representative.
    rep: dict[str, str] = {}
    for k in sorted(scopes):
        rep[k] = next((r for r in sorted(set(rep.values())) if same_place(scopes[r], scopes[k])), k)
    known = {rep[k]: scopes[rep[k]] for k in scopes}
    leaves = [k for k, s in known.items() if not any(contains(s, o) for ok, o in known.items() if ok != k)]
    out: dict[Hashable, str] = {}
    for item, s in items:
        if s is None:
            candidates = leaves
            own = "place:unknown"
        else:
            k = rep[s.key]
            candidates = [leaf for leaf in leaves if leaf == k or contains(known[k], known[leaf])]
            own = k
        if len(candidates) > 1 and s is None and named and named.get(item):
            own_places = named[item]
            candidates = [leaf for leaf in candidates
                          if any(same_place(p, known[leaf]) or contains(p, known[leaf]) for p in own_places)]
        out[item] = candidates[0] if len(candidates) == 1 else own
    return out
