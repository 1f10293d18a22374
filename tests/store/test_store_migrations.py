"""Schema migrations: numbered, one transaction each, and an old database upgrades keeping its data."""

import sqlite3

import pytest

from newsfuse.model import Article, Story
from newsfuse.store import SCHEMA_VERSION, SchemaTooNewError, open_store
from newsfuse.store.migrations import MIGRATIONS, Migration, migrate, schema_version


def test_versions_are_numbered_in_order():
    assert [m.version for m in MIGRATIONS] == list(range(1, len(MIGRATIONS) + 1))
    assert SCHEMA_VERSION == MIGRATIONS[-1].version >= 5


def test_a_new_database_is_at_the_latest_version(tmp_path):
    with open_store(tmp_path / "new.db") as store:
        assert store.schema_version == SCHEMA_VERSION


def _v1_database(path):
    """A database as newsfuse's first schema wrote it, filled with raw SQL of that schema."""
    conn = sqlite3.connect(path, isolation_level=None)
    assert migrate(conn, target=1) == 1
    text = "Shelling hit the market of Dara, the governor said."
    a = Article.create(id="old-1", text=text)
    conn.execute("INSERT INTO runs (id, command, started, finished, status, counts) VALUES "
                 "(1, 'analyze old/', '2023-01-01T00:00:00', '2023-01-01T00:01:00', 'ok', '{\"new\": 1}')")
    conn.execute("INSERT INTO articles (id, doc_key, url, created) VALUES "
                 "('old-1', 'url:https://ledger.example/dara', 'https://ledger.example/dara', '2023-01-01')")
    conn.execute(
        "INSERT INTO versions (id, article_id, seq, content_hash, doc_id, text, source, url, title, published, "
        "language, format, origin, text_given, meta, ingested, run_id) VALUES "
        "(1, 'old-1', 1, ?, 'old-1', ?, 'Ledger', 'https://ledger.example/dara', 'Dara', '2023-01-01', 'en', "
        "'html', 'old/dara.html', 0, '{\"section\": \"World\"}', '2023-01-01', 1)",
        (a.content_hash, text),
    )
    conn.execute("INSERT INTO layers VALUES (1, 'times', 'times/rules-0', 1, '2023-01-01')")
    conn.execute("INSERT INTO annotations (version_id, layer, idx, span_start, span_end, method, record) VALUES "
                 "(1, 'times', 0, 0, 8, 'times/rules-0', "
                 "'{\"start\": 0, \"end\": 8, \"text\": \"Shelling\", \"value\": null, \"method\": \"times/rules-0\"}')")
    conn.execute("INSERT INTO quarantine (doc_id, origin, stage, reason, raw, created, last_seen) VALUES "
                 "('bad', 'old/bad.gz', 'ingest', 'truncated gzip', x'1f8b', '2023-01-01', '2023-01-01')")
    conn.close()
    return a


def test_upgrading_from_v1_keeps_every_row(tmp_path):
    path = tmp_path / "old.db"
    original = _v1_database(path)
    with open_store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        loaded = store.load_article("old-1")
        assert (loaded.text, loaded.content_hash, loaded.title, loaded.format, loaded.text_given) == (
            original.text, original.content_hash, "Dara", "html", False)
        assert loaded.meta == {"section": "World", "version": 1}
        assert [(t.text, t.method) for t in loaded.times] == [("Shelling", "times/rules-0")]
        [q] = store.list_quarantine()
        assert (q.doc_id, q.raw) == ("bad", b"\x1f\x8b")
        assert store.runs()[0].counts == {"new": 1}
        # the old data takes part in what later versions added
        assert store.add_articles([Article.create(id="x", text=original.text, url="https://ledger.example/dara/")])[
            0
        ].status == "duplicate"
        store.add_correction("not_a_copy", "old-1", {})
        store.save_stories([Story("s-1", ("old-1",))])
    with open_store(path) as store:  # reopening an up-to-date database changes nothing
        assert [s.article_ids for s in store.load_stories()] == [("old-1",)]
        assert len(store.corrections()) == 1


def test_each_migration_is_one_transaction():
    conn = sqlite3.connect(":memory:", isolation_level=None)
    migrate(conn, target=1)
    broken = MIGRATIONS + (Migration(99, "broken", ("CREATE TABLE half_done (x)", "THIS IS NOT SQL")),)
    import newsfuse.store.migrations as m

    saved = m.MIGRATIONS, m.LATEST
    m.MIGRATIONS, m.LATEST = broken, 99
    try:
        with pytest.raises(sqlite3.OperationalError):
            migrate(conn)
    finally:
        m.MIGRATIONS, m.LATEST = saved
    # the released migrations completed, 99 left no trace
    assert schema_version(conn) == SCHEMA_VERSION
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "stories" in tables and "half_done" not in tables


def test_a_newer_database_is_refused(tmp_path):
    path = tmp_path / "future.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(SchemaTooNewError):
        open_store(path)
