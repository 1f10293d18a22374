"""Each story's briefing kept in the store, with what a reader filters and searches stories by.

``analyze`` writes them (``Store.save_briefs``) when it writes the briefing files; ``newsfuse serve``
reads them instead of building every briefing again. A stored briefing remembers the state of the
analyst corrections it was built under (:func:`corrections_state`): when that state has moved on, a
reader builds the briefing again from the articles rather than show a stale one.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any, Sequence


@dataclass(frozen=True)
class StoryIndex:
    """One story's row of the index: its briefing, searchable text and facets."""

    story_id: str
    brief: dict[str, Any]
    title: str = ""
    body: str = ""  # the articles' titles and texts
    names: str = ""  # canonical entity names and place names, for search
    facets: tuple[tuple[str, str], ...] = field(default=())  # (kind, value): outlet, entity, place, category


def corrections_state(conn: sqlite3.Connection) -> str:
    """A short string that changes whenever a correction is added or retracted."""
    n, last, retracted = conn.execute(
        "SELECT count(*), coalesce(max(id), 0), coalesce(max(retracted), '') FROM corrections").fetchone()
    return f"{n}:{last}:{retracted}"


def save_briefs(conn: sqlite3.Connection, rows: Sequence[StoryIndex], *, state: str, now: str) -> None:
    """Replace the stored briefing, facets and search text of each story in ``rows`` (the caller holds
    a transaction), and drop search rows of stories that no longer exist."""
    for row in rows:
        brief = row.brief
        figures = brief.get("figures") or []
        conn.execute(
            """INSERT OR REPLACE INTO story_briefs
               (story_id, brief, corrections_state, articles, independent_sources, figures, conflicting, built)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
            (row.story_id, json.dumps(brief, ensure_ascii=False), state, len(brief.get("articles") or []),
             int(brief.get("independent_sources") or 0), len(figures),
             sum(1 for f in figures if f.get("status") == "conflicting"), now),
        )
        conn.execute("DELETE FROM story_facets WHERE story_id = ?", (row.story_id,))
        conn.executemany("INSERT OR IGNORE INTO story_facets (story_id, kind, value) VALUES (?, ?, ?)",
                         [(row.story_id, kind, value) for kind, value in row.facets if value])
        conn.execute("DELETE FROM story_search WHERE story_id = ?", (row.story_id,))
        conn.execute("INSERT INTO story_search (story_id, title, body, names) VALUES (?, ?, ?, ?)",
                     (row.story_id, row.title, row.body, row.names))
    conn.execute("DELETE FROM story_search WHERE story_id NOT IN (SELECT id FROM stories)")
