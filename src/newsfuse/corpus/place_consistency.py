"""One place name, one place, across the articles of one story.

A village missing from the gazetteer falls back to the most specific area its own article supports:
"Baghouz, a village in Deir Az Zor province" resolves to that province, but an article that only says
"Baghouz ... Syria" can only reach the country. Within one story, a name that one article resolved
only to a country takes the finer resolution another article found for the same name in the same
country. The span and its text are unchanged; the method records the borrowing.

This is a step across articles: the places stage never runs it (an article's stored places are its
own), and the briefing of a story runs it on that story's articles only
(:func:`newsfuse.output.brief.build_brief`), so what an unrelated document says cannot move a place.

>>> from newsfuse.model import Article, PlaceMention
>>> fine = PlaceMention(0, 7, "Baghouz", "Dayr az Zawr", 170792, 35.03, 40.39, "SY", "A", "admin1", "places/1")
>>> coarse = PlaceMention(0, 7, "Baghouz", "Syria", 163843, 35.0, 38.0, "SY", "A", "country", "places/1")
>>> a = Article.create(id="a", text="Baghouz", places=(fine,))
>>> b = Article.create(id="b", text="Baghouz", places=(coarse,))
>>> [p.name for p in harmonise_places([a, b])[1].places]
['Dayr az Zawr']
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections import Counter
from typing import Sequence

from ..model import Article, PlaceMention

# Finer first: a borrowed resolution must be strictly finer than the one it replaces.
PRECISION_RANK = {"point": 0, "admin2": 1, "admin1": 2, "country": 3, "region": 4}


def _key(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in folded if ch.isalnum())


def _rank(place: PlaceMention) -> int:
    return PRECISION_RANK.get(place.precision or "", 5)


def harmonise_places(articles: Sequence[Article]) -> list[Article]:
    """The articles, with coarse resolutions of a name replaced by the finer one other articles found."""
    finer: dict[tuple[str, str | None], Counter] = {}
    examples: dict[tuple, PlaceMention] = {}
    for article in articles:
        for place in article.places:
            if place.geonameid is None or _rank(place) >= PRECISION_RANK["country"]:
                continue
            key = (_key(place.text), place.country_code)
            ident = (place.geonameid, place.precision)
            finer.setdefault(key, Counter())[ident] += 1
            examples.setdefault(ident, place)
    if not finer:
        return list(articles)
    out = []
    for article in articles:
        changed = False
        places = []
        for place in article.places:
            key = (_key(place.text), place.country_code)
            if key in finer and _rank(place) >= PRECISION_RANK["country"]:
                best = examples[finer[key].most_common(1)[0][0]]
                place = dataclasses.replace(
                    place, name=best.name, geonameid=best.geonameid, lat=best.lat, lon=best.lon,
                    feature_class=best.feature_class, precision=best.precision,
                    method=f"{place.method}+batch-consistency",
                )
                changed = True
            places.append(place)
        out.append(article.with_layer(places=places) if changed else article)
    return out
