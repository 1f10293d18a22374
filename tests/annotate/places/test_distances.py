"""The nearest of an article's places, ranked once per candidate position, against a direct search."""

import math
import random

from newsfuse.annotate.places.distances import NearestPlaces, radians_of
from newsfuse.annotate.places.gazetteer import Place


def _place(gid, lat, lon):
    return Place(geonameid=gid, name=f"P{gid}", lat=lat, lon=lon, country_code="SY", feature_class="P",
                 feature_code="PPL")


def _nearest_directly(candidate, points, mention):
    """Every allowed point's haversine term, the smallest one in kilometres (the search made before)."""
    lat1, lon1, cos1 = radians_of(candidate)
    terms = []
    for j, q in points:
        if j == mention or q.geonameid == candidate.geonameid:
            continue
        lat2, lon2, cos2 = radians_of(q)
        terms.append(math.sin((lat2 - lat1) / 2) ** 2 + cos1 * cos2 * math.sin((lon2 - lon1) / 2) ** 2)
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, min(terms)))) if terms else None


def _case(seed):
    rng = random.Random(seed)
    pool = [_place(gid, rng.uniform(30, 38), rng.uniform(35, 43)) for gid in range(1, 9)]
    points = [(j, rng.choice(pool)) for j in range(rng.randrange(0, 7))]  # a place may be named twice
    return pool, points


def test_same_distance_to_the_last_bit_as_a_direct_search():
    for seed in range(200):
        pool, points = _case(seed)
        near = NearestPlaces(points)
        for candidate in pool:
            for mention in range(-1, 8):
                assert near.nearest_km(candidate, mention) == _nearest_directly(candidate, points, mention)


def test_a_mentions_own_point_and_the_candidate_itself_are_left_out():
    aleppo, idlib = _place(1, 36.2, 37.16), _place(2, 35.93, 36.63)
    points = [(0, aleppo), (1, idlib)]
    near = NearestPlaces(points)
    assert near.nearest_km(aleppo, mention=5) > 50  # Aleppo itself (distance 0) does not count
    assert near.nearest_km(idlib, mention=1) == near.nearest_km(aleppo, mention=5)  # Idlib to Aleppo
    assert near.nearest_km(idlib, mention=0) is None  # Aleppo is mention 0's own, Idlib the candidate
    assert near.nearest_km(_place(3, 36.2, 37.16), mention=0) > 50  # mention 0's own point left out
    assert near.nearest_km(_place(3, 36.2, 37.16), mention=5) == 0.0
    assert NearestPlaces([(0, aleppo)]).nearest_km(aleppo, mention=0) is None
