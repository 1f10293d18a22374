"""Great-circle distances between places, and the nearest of an article's places to a candidate.

Scoring a candidate asks for its distance to the nearest of the article's other places, for every
candidate of every mention in every pass (~74,000 times on 100 news articles, each over ~30 places:
2.2 million sines, the places stage's largest cost; issue 17). A name mentioned ten times has the
same candidates ten times, and the article's places stay the same within a pass (and mostly from
one pass to the next), so :class:`NearestPlaces` works out a candidate's haversine terms to all of
them once, ranks them, and answers each mention by the first one it may use (not its own point,
not the candidate itself).
Every term is computed with the same expression as before, and the nearest is the smallest of the
same numbers, so the distances, and every score made from them, are unchanged to the last bit.
"""

from __future__ import annotations

import math
from functools import lru_cache

from .gazetteer import Place

EARTH_RADIUS_KM = 6371.0
_NONE_NEAR = 2.0  # above any haversine term (at most 1): what the nearest is when no term is a number


def radians_of(p: Place) -> tuple[float, float, float]:
    """(latitude, longitude) in radians and the latitude's cosine: what the haversine needs of a place."""
    lat = math.radians(p.lat)
    return lat, math.radians(p.lon), math.cos(lat)


def distance_km(a: Place, b: Place) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return EARTH_RADIUS_KM * 2 * math.asin(math.sqrt(min(1.0, h)))


def _terms(a: Place, others: list[tuple[float, float, float]]) -> list[float]:
    """The haversine term from ``a`` to each of ``others`` (:func:`radians_of` of each), in order; a
    term that is no number (a place without coordinates) counts as none near."""
    lat1, lon1, cos1 = radians_of(a)
    sin = math.sin
    terms = []
    for lat2, lon2, cos2 in others:
        h = sin((lat2 - lat1) / 2) ** 2 + cos1 * cos2 * sin((lon2 - lon1) / 2) ** 2
        terms.append(h if h == h else _NONE_NEAR)  # NaN != NaN
    return terms


_Ranked = list[tuple[float, int, "int | None"]]  # (haversine term, mention index, GeoNames id), nearest first


@lru_cache(maxsize=64)
def _rankings(points: tuple[tuple[int, float, float, int | None], ...]) -> dict[tuple[float, float], _Ranked]:
    """The rankings made so far for one set of points, by candidate position: a pass that ends with
    the same points as the one before (most do) keeps what that one worked out."""
    return {}


class NearestPlaces:
    """The article's located places (``(mention index, place)``) and, per candidate, the nearest of them."""

    def __init__(self, points: list[tuple[int, Place]]):
        self.points = points
        self._by_position = _rankings(tuple((j, p.lat, p.lon, p.geonameid) for j, p in points))
        self._radians: list[tuple[float, float, float]] | None = None  # of each point, when first needed

    def nearest_km(self, candidate: Place, mention: int) -> float | None:
        """Kilometres from ``candidate`` to the nearest point that is neither mention ``mention``'s own
        nor ``candidate`` itself (same GeoNames id); None when no point is left."""
        ranked = self._by_position.get((candidate.lat, candidate.lon))
        if ranked is None:
            if self._radians is None:
                self._radians = [radians_of(p) for _, p in self.points]
            terms = _terms(candidate, self._radians)
            ranked = sorted(((h, j, q.geonameid) for h, (j, q) in zip(terms, self.points)), key=lambda t: t[0])
            self._by_position[(candidate.lat, candidate.lon)] = ranked
        for h, j, geonameid in ranked:
            if j != mention and geonameid != candidate.geonameid:
                return EARTH_RADIUS_KM * 2 * math.asin(math.sqrt(min(1.0, h)))
        return None
