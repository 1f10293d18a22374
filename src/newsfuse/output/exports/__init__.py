"""Exports from the store (``newsfuse export``): articles, stories, figures, quotes or entities as
JSONL, CSV, Parquet or GeoJSON, for analysts' own tools (spreadsheets, DuckDB, pandas, QGIS).

The figures export is an event dataset (:mod:`.events`), read off the very briefings ``analyze``
writes (:mod:`.stories`); the columns of every export are in ``docs/exports.md``.
"""

from __future__ import annotations

from typing import Any, Iterable, TextIO

from ...knowledge.outlets import OutletRegistry
from .events import event_rows
from .formats import columns_of, schema_of, write_csv, write_geojson, write_jsonl, write_parquet
from .stories import stored_stories
from .tables import article_rows, entity_rows, quote_rows, story_row

WHATS = ("articles", "figures", "stories", "quotes", "entities")
FORMATS = ("jsonl", "csv", "parquet", "geojson")
GEO = ("figures", "stories")  # the exports whose rows carry coordinates


def check(what: str, fmt: str) -> None:
    """ValueError for an export that cannot be made (before the store is read)."""
    if what not in WHATS:
        raise ValueError(f"unknown export {what!r}: one of {', '.join(WHATS)}")
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")
    if fmt == "geojson" and what not in GEO:
        raise ValueError(f"GeoJSON is for rows with coordinates: {' and '.join(GEO)}, not {what}")


def export_rows(store, what: str, *, registry: OutletRegistry | None = None) -> Iterable[dict[str, Any]]:
    """The rows of one export, story by story."""
    stories = stored_stories(store)
    if what == "articles":
        return article_rows(stories.articles, stories.story_of)
    if what == "quotes":
        return quote_rows(stories.articles, stories.story_of)
    if what == "entities":
        return entity_rows(stories.articles, stories.story_of)
    registry = registry or OutletRegistry.load()
    if what == "stories":
        return (story_row(sid, group, brief) for sid, group, brief in stories.briefs(registry))
    return (row for sid, group, brief in stories.briefs(registry) for row in event_rows(sid, group, brief))


def write_export(rows: Iterable[dict[str, Any]], what: str, fmt: str, *, text: TextIO | None = None,
                 path: str | None = None) -> int:
    """Write ``rows`` as ``fmt``: Parquet to the file ``path``, the others to ``text``; returns the count."""
    if fmt == "parquet":
        if path is None:
            raise ValueError("Parquet is written to a file: give its path")
        return write_parquet(rows, path, schema_of(what))
    if text is None:
        raise ValueError(f"{fmt} is written to a text stream")
    if fmt == "jsonl":
        return write_jsonl(rows, text)
    if fmt == "csv":
        return write_csv(rows, text, columns_of(what))
    return write_geojson(rows, text)
