"""Stored briefings, facets and the story search index (migration 5), and read-only stores."""

from __future__ import annotations

import sqlite3

import pytest

from newsfuse.model import Article, Story
from newsfuse.store import StoreError, open_store
from newsfuse.store.briefs import StoryIndex
from newsfuse.store.sqlite import Store


def _store(path):
    store = open_store(path)
    store.add_articles([Article.create(id="a1", text="Floods in Tavel."), Article.create(id="a2", text="Fire.")])
    store.save_stories([Story("s1", ("a1",)), Story("s2", ("a2",))])
    return store


def test_briefs_are_kept_with_facets_and_search_text(tmp_path):
    store = _store(tmp_path / "s.db")
    brief = {"title": "Floods", "articles": [{"id": "a1"}], "independent_sources": 1,
             "figures": [{"status": "conflicting"}, {"status": "corroborated"}]}
    store.save_briefs([StoryIndex("s1", brief, "Floods", "Floods in Tăvel.", "Tavel", (("place", "Tavel"),)),
                       StoryIndex("s2", {"title": "Fire"}, "Fire", "Fire.", "", ())])
    conn = store._conn
    assert tuple(conn.execute("SELECT articles, figures, conflicting FROM story_briefs WHERE story_id = 's1'").fetchone()) == (1, 2, 1)
    # diacritics do not matter to search; only the story that mentions it is found
    assert [r[0] for r in conn.execute("SELECT story_id FROM story_search WHERE story_search MATCH 'tavel'")] == ["s1"]
    assert conn.execute("SELECT story_id FROM story_facets WHERE kind = 'place' AND value = 'Tavel'").fetchone()[0] == "s1"
    store.save_briefs([StoryIndex("s1", brief, "Floods", "Now about rain.", "", ())])  # replaced, not added
    assert conn.execute("SELECT count(*) FROM story_search WHERE story_search MATCH 'tavel'").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM story_facets WHERE story_id = 's1'").fetchone()[0] == 0


def test_the_corrections_state_changes_on_add_and_retract(tmp_path):
    store = _store(tmp_path / "s.db")
    states = [store.corrections_state()]
    cid = store.add_correction("not_a_copy", "a1", {})
    states.append(store.corrections_state())
    store.retract_correction(cid)
    states.append(store.corrections_state())
    assert len(set(states)) == 3


def test_a_read_only_store_reads_and_cannot_write(tmp_path):
    path = tmp_path / "s.db"
    _store(path).close()
    reader = Store(path, read_only=True)
    assert reader.load_article("a1").text == "Floods in Tavel."
    with pytest.raises(sqlite3.OperationalError):
        reader.add_correction("not_a_copy", "a1", {})
    with pytest.raises(StoreError):
        Store(tmp_path / "missing.db", read_only=True)
    assert not (tmp_path / "missing.db").exists()
