"""Each story's desk page kept in the store (``story_pages``): the compressed body that ``newsfuse
serve`` answers ``/stories/<id>`` with, made when the story's briefing was stored, so the first visit
to a story after the desk starts costs a row read instead of a render.

A row is only good for the store state and the renderer it was made under: the desk asks for the page
of ``(story, state, renderer)`` and gets nothing when either moved on (a new ``analyze`` run, a new
newsfuse), and then renders the page itself; it also renders the pages of stories a correction touched
since (:mod:`newsfuse.desk.stored_pages`).

>>> from newsfuse.store import open_store
>>> from newsfuse.model import Story
>>> store = open_store(":memory:")
>>> store.save_stories([Story("s1", ())])
>>> save_pages(store._conn, [("s1", b"<page>")], state="1.2", renderer="r1")
>>> stored_page(store._conn, "s1", state="1.2", renderer="r1")
b'<page>'
>>> stored_page(store._conn, "s1", state="1.3", renderer="r1") is None
True
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Iterable


def save_pages(conn: sqlite3.Connection, pages: Iterable[tuple[str, bytes]], *, state: str, renderer: str) -> None:
    """Keep ``(story id, page)`` rows made under ``state`` and ``renderer``, replacing older ones, and
    drop the pages of stories no longer in the store (one transaction)."""
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.executemany("INSERT OR REPLACE INTO story_pages (story_id, state, renderer, page, made) "
                         "VALUES (?, ?, ?, ?, ?)", ((sid, state, renderer, page, now) for sid, page in pages))
        conn.execute("DELETE FROM story_pages WHERE story_id NOT IN (SELECT id FROM stories)")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def stored_page(conn: sqlite3.Connection, story_id: str, *, state: str, renderer: str) -> bytes | None:
    """The story's page made under exactly ``state`` and ``renderer``, else None."""
    row = conn.execute("SELECT page FROM story_pages WHERE story_id = ? AND state = ? AND renderer = ?",
                       (story_id, state, renderer)).fetchone()
    return bytes(row[0]) if row else None
