"""open_store: storage picked by a path, URL or config dict; SQLite settings; file persistence."""

import pytest

from newsfuse.model import Article
from newsfuse.store import BACKENDS, Store, open_store
from newsfuse.store.sqlite import Store as SQLiteStore


def test_configs_that_name_sqlite(tmp_path):
    for config in (":memory:", "sqlite://", "sqlite:///:memory:", {"type": "sqlite", "path": ":memory:"}):
        with open_store(config) as store:
            assert isinstance(store, SQLiteStore) and store.path == ":memory:"
    with open_store(f"sqlite:///{tmp_path}/a.db") as store:  # four slashes: an absolute path
        assert store.path == f"{tmp_path}/a.db"
    with open_store({"type": "sqlite", "path": tmp_path / "b.db", "timeout": 2.0}) as store:
        assert store.path == str(tmp_path / "b.db")


def test_unknown_backend():
    with pytest.raises(ValueError, match="unknown store type 'redis'"):
        open_store("redis://localhost:6379/0")
    assert set(BACKENDS) == {"sqlite"} and Store is SQLiteStore


def test_sqlite_settings(tmp_path):
    with open_store(tmp_path / "s.db", timeout=7.5) as store:
        conn = store._conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 7500


def test_foreign_keys_are_enforced():
    with open_store(":memory:") as store, pytest.raises(Exception, match="FOREIGN KEY"):
        store._conn.execute(
            "INSERT INTO versions (article_id, seq, content_hash, doc_id, text, format, text_given, ingested) "
            "VALUES ('nobody', 1, 'h', 'd', 't', 'txt', 1, 'now')"
        )


def test_data_persists_in_a_file_and_parent_folders_are_made(tmp_path):
    path = tmp_path / "deep" / "er" / "n.db"
    with open_store(str(path)) as store:
        store.add_articles([Article.create(id="a", text="Kept.")])
    with open_store(path) as store:
        assert store.load_article("a").text == "Kept."
        assert store.add_articles([Article.create(id="a", text="Kept.")])[0].status == "duplicate"


def test_two_connections_share_one_file(tmp_path):
    path = tmp_path / "shared.db"
    with open_store(path) as writer, open_store(path) as reader:
        writer.add_articles([Article.create(id="a", text="Seen by both.")])
        assert [a.id for a in reader.iter_articles()] == ["a"]
