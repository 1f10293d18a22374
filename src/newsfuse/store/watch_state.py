"""What ``newsfuse watch`` must remember across restarts: per feed its validators and back-off, the
feed items already read, and the alerts already sent.

>>> from newsfuse.store import open_store
>>> store = open_store(":memory:")
>>> save_feed_state(store, FeedState("http://x.test/feed", etag='"v1"'))
>>> feed_state(store, "http://x.test/feed").etag
'"v1"'
>>> record_alert(store, "new_story|s1", "new_story", "s1", {"kind": "new_story"})
True
>>> record_alert(store, "new_story|s1", "new_story", "s1", {"kind": "new_story"})
False
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any, Iterable, Mapping


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds")


@dataclass
class FeedState:
    url: str
    etag: str | None = None
    last_modified: str | None = None
    last_polled: str | None = None
    last_status: str | None = None  # "200", "304", or the error of the last failure
    failures: int = 0  # failures in a row (back-off grows with them)
    next_poll: float = 0.0  # wall-clock seconds (time.time()) before which the feed is not polled


def feed_state(store, url: str) -> FeedState:
    row = store._conn.execute("SELECT * FROM feeds WHERE url = ?", (url,)).fetchone()
    if row is None:
        return FeedState(url)
    return FeedState(url, row["etag"], row["last_modified"], row["last_polled"], row["last_status"],
                     int(row["failures"]), float(row["next_poll"]))


def save_feed_state(store, state: FeedState) -> None:
    with store.transaction():
        store._conn.execute(
            """INSERT INTO feeds (url, etag, last_modified, last_polled, last_status, failures, next_poll)
               VALUES (?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
                   last_polled = excluded.last_polled, last_status = excluded.last_status,
                   failures = excluded.failures, next_poll = excluded.next_poll""",
            (state.url, state.etag, state.last_modified, state.last_polled, state.last_status, state.failures,
             state.next_poll),
        )


def seen_items(store, feed_url: str, keys: Iterable[str]) -> set[str]:
    """The keys among ``keys`` already read from this feed."""
    keys = list(dict.fromkeys(keys))
    seen: set[str] = set()
    for i in range(0, len(keys), 500):
        chunk = keys[i : i + 500]
        rows = store._conn.execute(
            f"SELECT item_key FROM feed_items WHERE feed_url = ? AND item_key IN ({','.join('?' * len(chunk))})",
            (feed_url, *chunk))
        seen.update(r[0] for r in rows)
    return seen


def mark_items(store, feed_url: str, items: Mapping[str, str | None]) -> None:
    """Remember feed items as read: item key → the stored article it became (None if none)."""
    now = _now()
    with store.transaction():
        store._conn.executemany(
            "INSERT OR IGNORE INTO feed_items (feed_url, item_key, article_id, seen) VALUES (?, ?, ?, ?)",
            [(feed_url, key, article, now) for key, article in items.items()])


def record_alert(store, key: str, kind: str, story_id: str | None, alert: Mapping[str, Any]) -> bool:
    """Remember an alert as sent; False when one with this key was sent before (then send nothing)."""
    with store.transaction():
        cursor = store._conn.execute(
            "INSERT OR IGNORE INTO alerts (key, kind, story_id, alert, created) VALUES (?, ?, ?, ?, ?)",
            (key, kind, story_id, json.dumps(dict(alert), ensure_ascii=False, default=str), _now()))
        return cursor.rowcount > 0


def sent_alerts(store) -> list[dict[str, Any]]:
    return [json.loads(r[0]) for r in store._conn.execute("SELECT alert FROM alerts ORDER BY rowid")]


def unfiled_articles(store) -> list[str]:
    """Stored articles (current version not quarantined) that belong to no story yet: what a watch that
    was stopped between storing and filing them must still fold into stories."""
    rows = store._conn.execute(
        """SELECT a.id FROM articles a WHERE a.id NOT IN (SELECT article_id FROM story_members)
           AND a.current_version NOT IN (SELECT version_id FROM quarantine WHERE version_id IS NOT NULL
                                         AND released IS NULL)
           ORDER BY a.current_version""")
    return [r[0] for r in rows]


def articles_of_versions(store, version_ids) -> list[str]:
    """The stored articles these versions belong to, in the order given, each once."""
    out: dict[str, None] = {}
    for version_id in version_ids:
        row = store._conn.execute("SELECT article_id FROM versions WHERE id = ?", (version_id,)).fetchone()
        if row is not None:
            out[row[0]] = None
    return list(out)
