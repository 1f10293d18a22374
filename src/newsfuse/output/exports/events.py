"""The figures of the briefings as an event dataset, one row per figure group, in the shape conflict
analysts already load (UCDP GED, ACLED): when, where (with a precision code), what, how many (best,
low, high), how sure (status, independent sources), on whose word (claimants), and the source spans.

The rows are read off the briefings' ``figures`` (:func:`newsfuse.corpus.figures.reconcile.figures_json`),
so the export and the briefing never disagree. The columns are documented in ``docs/exports.md``.

Where-precision codes (``where_prec``), after GED's: 1 the place itself (a town, village, camp);
3 a second-order district; 4 a province or region (first-order); 6 a country; 5 coordinates whose
precision the gazetteer does not give; None no place, or a place with no coordinates.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import Any, Iterable, Sequence

from ...model import Article, PlaceMention

WHERE_PRECISION = {"point": 1, "admin2": 3, "admin1": 4, "country": 6}
UNKNOWN_PRECISION = 5


def date_range(period: str | None, reports: Sequence[dict[str, Any]]) -> tuple[str | None, str | None, str | None]:
    """(date_start, date_end, date_prec) of a group: its period (a day, ``a/b``, a month, a year) as the
    first and last day it can mean; with no period, the first and last publish day of its reports
    (date_prec ``"published"``: when it was reported, not when it happened)."""
    if period:
        start, _, end = period.partition("/")
        end = end if end and end != ".." else start
        prec = "interval" if end != start else {10: "day", 7: "month", 4: "year"}.get(len(start[:10]), "other")
        first = start[:10] + ("-01" if len(start[:10]) == 7 else "-01-01" if len(start[:10]) == 4 else "")
        return first, _last_day(end[:10]), prec
    days = sorted(r["published"][:10] for r in reports if r.get("published"))
    return (days[0], days[-1], "published") if days else (None, None, None)


def _last_day(value: str) -> str:
    """The last day a reduced date can mean: 2023-06 -> 2023-06-30, 2023 -> 2023-12-31."""
    import calendar

    if len(value) == 7 and value[4] == "-" and value[:4].isdigit() and value[5:].isdigit():
        year, month = int(value[:4]), int(value[5:])
        if 1 <= month <= 12:
            return f"{value}-{calendar.monthrange(year, month)[1]:02d}"
    if len(value) == 4 and value.isdigit():
        return f"{value}-12-31"
    return value


def locate(place: dict[str, Any] | None, articles: Sequence[Article]) -> PlaceMention | None:
    """The resolved mention of a group's place in its story's articles: the same GeoNames id, else
    the same name (a place the gazetteer could not resolve has no coordinates)."""
    if not place:
        return None
    wanted = place.get("geonameid")
    name = (place.get("text") or "").casefold()
    for a in articles:
        for p in a.places:
            if p.lat is None or p.lon is None:
                continue
            if (wanted is not None and p.geonameid == wanted) or \
                    (wanted is None and name and name in {(p.name or "").casefold(), p.text.casefold()}):
                return p
    return None


def best_estimate(figure: dict[str, Any]) -> float | None:
    """GED's ``best``: the latest toll for an update; the reconciled value when the group's range is
    one number; the value most reports give on the side with the most independent sources for a
    conflict; else the value most reports give (ties: the lower)."""
    if figure["status"] == "updated" and figure.get("high") is not None:
        return figure["high"]
    if figure.get("low") is not None and figure.get("low") == figure.get("high"):
        return figure["low"]
    reports = figure["reports"]
    if figure["status"] == "conflicting":
        reports = [r for r in reports if r.get("side", 0) == 0] or reports
    values = Counter(r["value"] for r in reports if r.get("value") is not None)
    if not values:
        return figure.get("low")
    best = min(values, key=lambda v: (-values[v], v))
    if figure["status"] != "conflicting":  # within the reconciled range ("more than 2,000": 2,001)
        low, high = figure.get("low"), figure.get("high")
        best = max(best, low) if low is not None else best
        best = min(best, high) if high is not None else best
    return best


def _bounds(figure: dict[str, Any]) -> tuple[float | None, float | None]:
    """The group's reconciled range; a conflict has none, so its reports' lowest and highest."""
    if figure["status"] != "conflicting":
        return figure.get("low"), figure.get("high")
    lows = [r["low"] if r.get("low") is not None else r.get("value") for r in figure["reports"]]
    highs = [r["high"] if r.get("high") is not None else r.get("value") for r in figure["reports"]]
    lows, highs = [x for x in lows if x is not None], [x for x in highs if x is not None]
    return (min(lows) if lows else None), (max(highs) if highs else None)


def claimants(figure: dict[str, Any]) -> list[str]:
    """Who the reports say the count comes from (the canonical entity when known), first seen first."""
    seen: dict[str, None] = {}
    for r in figure["reports"]:
        c = r.get("claimant")
        if c:
            seen.setdefault(c.get("entity") or c["text"], None)
    return list(seen)


def event_id(story: str, figure: dict[str, Any]) -> str:
    """Stable across runs: the story and what the group counts, where and when, and its first report."""
    first = figure["reports"][0] if figure["reports"] else {}
    key = [story, figure["category"], figure["subject"], (figure.get("place") or {}).get("text"),
           figure.get("period"), figure.get("scope"), first.get("id"), first.get("start")]
    return "ev-" + hashlib.sha1(json.dumps(key, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]


def event_rows(story: str, articles: Sequence[Article], brief: dict[str, Any]) -> Iterable[dict[str, Any]]:
    """One row per figure group of one story's briefing."""
    by_id = {a.id: a for a in articles}
    outlet = {r["id"]: r.get("source") for r in brief.get("articles", [])}
    for figure in brief.get("figures", []):
        start, end, prec = date_range(figure.get("period"), figure["reports"])
        place = figure.get("place") or {}
        where = locate(place, articles)
        low, high = _bounds(figure)
        yield {
            "event_id": event_id(story, figure),
            "story_id": story,
            "date_start": start, "date_end": end, "date_prec": prec,
            "where_name": place.get("text"),
            "geonameid": place.get("geonameid"),
            "latitude": where.lat if where else None,
            "longitude": where.lon if where else None,
            "where_prec": (WHERE_PRECISION.get(where.precision or "", UNKNOWN_PRECISION) if where else None),
            "country": where.country_code if where else None,
            "category": figure["category"], "subject": figure["subject"], "scope": figure.get("scope"),
            "best": best_estimate(figure), "low": low, "high": high,
            "status": figure["status"], "reason": figure["reason"], "compared": figure.get("compared", True),
            "claimants": claimants(figure),
            "independent_sources": figure["independent_sources"],
            "sources": [{"article_id": r["id"], "url": by_id[r["id"]].url if r["id"] in by_id else None,
                         "outlet": outlet.get(r["id"], r.get("source")), "published": r.get("published"),
                         "start": r["start"], "end": r["end"], "text": r["text"], "value": r.get("value")}
                        for r in figure["reports"]],
        }
