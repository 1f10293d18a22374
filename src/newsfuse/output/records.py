"""The contract's JSON shapes (../shared/CONTRACT.md), built from model records.

Contract fields always appear (``null`` when unknown); extra fields (``method``, ``role``,
``precision``, ``negated`` ...) are welcome and kept.
"""

from __future__ import annotations

from typing import Any

from ..model import Article, Quarantined, to_jsonable


def extract_record(article: Article) -> dict[str, Any]:
    """``newsfuse extract``: one page's main text and metadata."""
    return {
        "id": article.id,
        "title": article.title,
        "published": article.published,
        "source": article.source,
        "url": article.url,
        "text": article.text,
        "language": article.language,
    }


def annotate_record(article: Article) -> dict[str, Any]:
    """``newsfuse annotate``: one document with every annotation layer as spans into its text."""
    record: dict[str, Any] = {
        "id": article.id,
        "published": article.published,
        "source": article.source,
        "title": article.title,
        "url": article.url,
        "language": article.language,
    }
    if not article.text_given:
        record["text"] = article.text
    record["boilerplate"] = [[b.start, b.end] for b in article.boilerplate]
    record["boilerplate_reasons"] = [b.reason for b in article.boilerplate]
    record["sentences"] = [[s.start, s.end] for s in article.sentences]
    for layer in ("entities", "places", "times", "quotes", "figures"):
        record[layer] = [to_jsonable(item) for item in getattr(article, layer)]
    return record


def cluster_record(article: Article, story: str) -> dict[str, Any]:
    """``newsfuse cluster``: which story a document belongs to."""
    return {"id": article.id, "story": story}


def quarantine_record(item: Quarantined) -> dict[str, Any]:
    return {"id": item.id, "origin": item.origin, "stage": item.stage, "reason": item.reason}
