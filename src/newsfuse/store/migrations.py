"""Numbered schema migrations for the SQLite store.

The schema version lives in ``PRAGMA user_version``. Opening a database applies every migration
above its version, in order, each in its own transaction together with the version bump, so a
failure leaves the database at the last complete version. A migration, once released, is never
edited: change the schema by appending a new one.

>>> import sqlite3
>>> conn = sqlite3.connect(":memory:", isolation_level=None)
>>> migrate(conn, target=1)
1
>>> migrate(conn) == LATEST
True
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "articles, versions, annotation layers, quarantine, runs",
        (
            """CREATE TABLE runs (
                id INTEGER PRIMARY KEY,
                command TEXT NOT NULL,
                started TEXT NOT NULL,
                finished TEXT,
                status TEXT,
                counts TEXT
            )""",
            # One row per document identity (normalised URL, else document id).
            """CREATE TABLE articles (
                id TEXT PRIMARY KEY,
                doc_key TEXT NOT NULL UNIQUE,
                url TEXT,
                created TEXT NOT NULL
            )""",
            # One row per distinct text of an article; rows are only ever added.
            """CREATE TABLE versions (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                article_id TEXT NOT NULL REFERENCES articles(id),
                seq INTEGER NOT NULL,
                content_hash TEXT NOT NULL,
                doc_id TEXT NOT NULL,
                text TEXT NOT NULL,
                source TEXT,
                url TEXT,
                title TEXT,
                published TEXT,
                language TEXT,
                format TEXT NOT NULL,
                origin TEXT,
                text_given INTEGER NOT NULL,
                meta TEXT NOT NULL DEFAULT '{}',
                ingested TEXT NOT NULL,
                run_id INTEGER REFERENCES runs(id),
                UNIQUE (article_id, seq),
                UNIQUE (article_id, content_hash)
            )""",
            "CREATE INDEX versions_content_hash ON versions(content_hash)",
            "CREATE INDEX versions_published ON versions(published)",
            # Which layers of a version are stored, by which method (an empty layer is still a result).
            """CREATE TABLE layers (
                version_id INTEGER NOT NULL REFERENCES versions(id),
                layer TEXT NOT NULL,
                method TEXT NOT NULL,
                count INTEGER NOT NULL,
                stored TEXT NOT NULL,
                PRIMARY KEY (version_id, layer)
            )""",
            """CREATE TABLE annotations (
                id INTEGER PRIMARY KEY,
                version_id INTEGER NOT NULL,
                layer TEXT NOT NULL,
                idx INTEGER NOT NULL,
                span_start INTEGER,
                span_end INTEGER,
                method TEXT NOT NULL,
                record TEXT NOT NULL,
                UNIQUE (version_id, layer, idx),
                FOREIGN KEY (version_id, layer) REFERENCES layers(version_id, layer) ON DELETE CASCADE
            )""",
            "CREATE INDEX annotations_method ON annotations(method)",
            """CREATE TABLE quarantine (
                id INTEGER PRIMARY KEY,
                doc_id TEXT NOT NULL,
                origin TEXT,
                stage TEXT NOT NULL,
                reason TEXT NOT NULL,
                raw BLOB,
                raw_hash TEXT,
                version_id INTEGER REFERENCES versions(id),
                created TEXT NOT NULL,
                last_seen TEXT NOT NULL,
                released TEXT,
                run_id INTEGER REFERENCES runs(id)
            )""",
            "CREATE INDEX quarantine_version ON quarantine(version_id)",
        ),
    ),
    Migration(
        2,
        "analyst corrections: overrides every stage reads, so they survive re-runs",
        (
            """CREATE TABLE corrections (
                id INTEGER PRIMARY KEY,
                kind TEXT NOT NULL,
                target TEXT NOT NULL,
                payload TEXT NOT NULL DEFAULT '{}',
                author TEXT,
                created TEXT NOT NULL,
                active INTEGER NOT NULL DEFAULT 1,
                retracted TEXT
            )""",
            "CREATE INDEX corrections_kind ON corrections(kind, active)",
        ),
    ),
    Migration(
        3,
        "stories with stable ids, their members, and aliases left by merges and splits",
        (
            """CREATE TABLE stories (
                id TEXT PRIMARY KEY,
                title TEXT,
                first_published TEXT,
                last_published TEXT,
                created TEXT NOT NULL,
                updated TEXT NOT NULL
            )""",
            # An article belongs to one story at a time.
            """CREATE TABLE story_members (
                story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
                article_id TEXT NOT NULL UNIQUE REFERENCES articles(id),
                position INTEGER NOT NULL,
                PRIMARY KEY (story_id, article_id)
            )""",
            """CREATE TABLE story_aliases (
                id INTEGER PRIMARY KEY,
                old_id TEXT NOT NULL,
                new_id TEXT NOT NULL,
                reason TEXT NOT NULL,
                created TEXT NOT NULL,
                UNIQUE (old_id, new_id)
            )""",
            "CREATE INDEX story_aliases_new ON story_aliases(new_id)",
        ),
    ),
    Migration(
        4,
        "the current version of each article: the text seen last, also when it is an older one again",
        (
            "ALTER TABLE articles ADD COLUMN current_version INTEGER REFERENCES versions(id)",
            """UPDATE articles SET current_version =
                   (SELECT v.id FROM versions v WHERE v.article_id = articles.id ORDER BY v.seq DESC LIMIT 1)""",
        ),
    ),
    Migration(
        5,
        "each story's briefing kept in the store, with facets and a full-text index for the desk",
        (
            # The briefing as written last, and the state of the corrections it was built under, so a
            # reader knows when it must build it again (``newsfuse serve`` does, for a corrected story).
            """CREATE TABLE story_briefs (
                story_id TEXT PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
                brief TEXT NOT NULL,
                corrections_state TEXT NOT NULL,
                articles INTEGER NOT NULL,
                independent_sources INTEGER NOT NULL,
                figures INTEGER NOT NULL,
                conflicting INTEGER NOT NULL,
                built TEXT NOT NULL
            )""",
            # What a story can be filtered by: outlet, entity, place, category (one row per value).
            """CREATE TABLE story_facets (
                story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
                kind TEXT NOT NULL,
                value TEXT NOT NULL,
                PRIMARY KEY (story_id, kind, value)
            )""",
            "CREATE INDEX story_facets_value ON story_facets(kind, value)",
            """CREATE VIRTUAL TABLE story_search USING fts5(
                story_id UNINDEXED, title, body, names, tokenize = 'unicode61 remove_diacritics 2')""",
        ),
    ),
    Migration(
        6,
        "watching: verdicts per story and figure (appended, never updated), feed state, items seen, alerts sent",
        (
            # One row each time a figure group's verdict changes; the briefing as it stood at a time is
            # the last row per (story, figure) recorded by then.
            """CREATE TABLE verdicts (
                id INTEGER PRIMARY KEY,
                story_id TEXT NOT NULL,
                figure_key TEXT NOT NULL,
                run_id INTEGER REFERENCES runs(id),
                recorded TEXT NOT NULL,
                status TEXT NOT NULL,
                value REAL,
                low REAL,
                high REAL,
                figure TEXT NOT NULL,
                claimants TEXT NOT NULL DEFAULT '[]',
                reports TEXT NOT NULL DEFAULT '[]',
                changed_by TEXT,
                reason TEXT
            )""",
            "CREATE INDEX verdicts_story ON verdicts(story_id, figure_key, id)",
            # Per feed URL: what a conditional GET sends back, and when to poll next after failures.
            """CREATE TABLE feeds (
                url TEXT PRIMARY KEY,
                etag TEXT,
                last_modified TEXT,
                last_polled TEXT,
                last_status TEXT,
                failures INTEGER NOT NULL DEFAULT 0,
                next_poll REAL NOT NULL DEFAULT 0
            )""",
            # Items of a feed already read (their key says which edition of the item), so none is read twice.
            """CREATE TABLE feed_items (
                feed_url TEXT NOT NULL,
                item_key TEXT NOT NULL,
                article_id TEXT,
                seen TEXT NOT NULL,
                PRIMARY KEY (feed_url, item_key)
            )""",
            # An alert is sent once per change: its key names the change.
            """CREATE TABLE alerts (
                key TEXT PRIMARY KEY,
                kind TEXT NOT NULL,
                story_id TEXT,
                alert TEXT NOT NULL,
                created TEXT NOT NULL
            )""",
        ),
    ),
    Migration(
        7,
        "the newsfuse build that refused a stored version, so a later build tries it once more",
        (
            # NULL for rows from before: an older build refused them, so the next run retries them.
            "ALTER TABLE quarantine ADD COLUMN build TEXT",
        ),
    ),
    Migration(
        8,
        "each story's desk page made when its briefing was stored, for the state of the store it shows",
        (
            # The page body (gzip) of ``newsfuse serve``'s /stories/<id>, as seen signed out; valid only
            # while the store's state and the desk's renderer are the ones it was made under.
            """CREATE TABLE story_pages (
                story_id TEXT PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
                state TEXT NOT NULL,
                renderer TEXT NOT NULL,
                page BLOB NOT NULL,
                made TEXT NOT NULL
            )""",
        ),
    ),
    Migration(
        9,
        "when versions were read and verdicts recorded, indexed: the desk lists stories changed lately",
        (
            "CREATE INDEX versions_ingested ON versions(ingested)",
            "CREATE INDEX verdicts_recorded ON verdicts(recorded)",
        ),
    ),
)

LATEST = MIGRATIONS[-1].version


class SchemaTooNewError(RuntimeError):
    """The database was written by a newer newsfuse than this one."""


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, target: int | None = None) -> int:
    """Bring the database up to ``target`` (default: the latest version); returns the version reached.

    ``conn`` must be in autocommit mode (``isolation_level=None``) so that each migration runs in the
    explicit transaction opened here.
    """
    target = LATEST if target is None else target
    current = schema_version(conn)
    if current > LATEST:
        raise SchemaTooNewError(f"database schema v{current} is newer than this newsfuse supports (v{LATEST})")
    for migration in MIGRATIONS:
        if current < migration.version <= target:
            conn.execute("BEGIN IMMEDIATE")
            if schema_version(conn) >= migration.version:  # another process migrated while we waited
                conn.execute("COMMIT")
                current = schema_version(conn)
                continue
            try:
                for statement in migration.statements:
                    conn.execute(statement)
                # user_version is part of the database header, so it commits or rolls back with the rest.
                conn.execute(f"PRAGMA user_version = {migration.version:d}")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
            current = migration.version
    return current
