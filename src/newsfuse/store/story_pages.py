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
import json
import sqlite3
from typing import Collection, Iterable


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


def carry_pages(conn: sqlite3.Connection, *, made_under: str, state: str, renderer: str,
                changed: Collection[str]) -> int:
    """Keep the pages made under ``made_under`` (and ``renderer``) as made under ``state`` too, but those
    of the ``changed`` stories: when an update from one state to the other changed only those stories
    (``newsfuse watch`` folding new articles in), every other story's page is still the one its route
    makes, so it need not be made again. Returns how many pages were carried over (one statement).

    >>> from newsfuse.store import open_store
    >>> from newsfuse.model import Story
    >>> store = open_store(":memory:")
    >>> store.save_stories([Story("s1", ()), Story("s2", ())])
    >>> save_pages(store._conn, [("s1", b"<1>"), ("s2", b"<2>")], state="1", renderer="r1")
    >>> carry_pages(store._conn, made_under="1", state="2", renderer="r1", changed={"s2"})
    1
    >>> stored_page(store._conn, "s1", state="2", renderer="r1"), stored_page(store._conn, "s2", state="2", renderer="r1")
    (b'<1>', None)
    """
    return conn.execute("UPDATE story_pages SET state = ? WHERE state = ? AND renderer = ? "
                        "AND story_id NOT IN (SELECT value FROM json_each(?))",
                        (state, made_under, renderer, json.dumps(sorted(changed)))).rowcount


def paged_stories(conn: sqlite3.Connection, *, state: str, renderer: str) -> set[str]:
    """The stories with a page made under ``state`` and ``renderer``."""
    return {r[0] for r in conn.execute("SELECT story_id FROM story_pages WHERE state = ? AND renderer = ?",
                                       (state, renderer))}


def stored_page(conn: sqlite3.Connection, story_id: str, *, state: str, renderer: str) -> bytes | None:
    """The story's page made under exactly ``state`` and ``renderer``, else None."""
    row = conn.execute("SELECT page FROM story_pages WHERE story_id = ? AND state = ? AND renderer = ?",
                       (story_id, state, renderer)).fetchone()
    return bytes(row[0]) if row else None
