"""Rows of the exports that need no briefing: articles, quotes and entity mentions, each with its
story; and one row per story, read off its briefing."""

from __future__ import annotations

from typing import Any, Iterable, Sequence

from ...model import Article
from .events import UNKNOWN_PRECISION, WHERE_PRECISION


def article_rows(articles: Iterable[Article], story_of: dict[str, str]) -> Iterable[dict[str, Any]]:
    for a in articles:
        yield {"article_id": a.id, "story_id": story_of.get(a.id), "url": a.url, "outlet": a.source,
               "title": a.title, "published": a.published, "language": a.language, "format": a.format,
               "content_hash": a.content_hash, "text": a.text}


def quote_rows(articles: Iterable[Article], story_of: dict[str, str]) -> Iterable[dict[str, Any]]:
    for a in articles:
        for q in a.quotes:
            yield {"article_id": a.id, "story_id": story_of.get(a.id), "outlet": a.source, "published": a.published,
                   "start": q.start, "end": q.end, "text": q.text, "kind": q.kind,
                   "speaker": q.speaker.text if q.speaker else None,
                   "speaker_entity": q.speaker.entity if q.speaker else None,
                   "cue": q.cue.text if q.cue else None}


def entity_rows(articles: Iterable[Article], story_of: dict[str, str]) -> Iterable[dict[str, Any]]:
    for a in articles:
        for e in a.entities:
            yield {"article_id": a.id, "story_id": story_of.get(a.id), "start": e.start, "end": e.end,
                   "text": e.text, "label": e.label, "entity": e.entity, "role": e.role}


def story_row(story: str, articles: Sequence[Article], brief: dict[str, Any]) -> dict[str, Any]:
    """One story: its span of publish dates, its sources, and its most-mentioned place (for maps)."""
    days = sorted(a.published for a in articles if a.published)
    place = (brief.get("places") or [None])[0]
    return {
        "story_id": story, "title": brief.get("title"),
        "first_published": days[0] if days else None, "last_published": days[-1] if days else None,
        "articles": len(articles), "independent_sources": brief.get("independent_sources"),
        "figures": len(brief.get("figures", [])), "quotes": len(brief.get("quotes", [])),
        "article_ids": [a.id for a in articles],
        "where_name": place["name"] if place else None,
        "latitude": place["lat"] if place else None, "longitude": place["lon"] if place else None,
        "where_prec": WHERE_PRECISION.get(place.get("precision") or "", UNKNOWN_PRECISION) if place else None,
        "country": place.get("country_code") if place else None,
    }
