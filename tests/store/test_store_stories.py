"""Stories: stable ids, one story per article, aliases kept through merges and splits."""

import pytest

from newsfuse.model import Article, Story
from newsfuse.store import open_store


@pytest.fixture
def store():
    s = open_store(":memory:")
    s.add_articles([
        Article.create(id=f"a{i}", text=f"Report {i}.", published=f"2023-05-0{i}") for i in range(1, 7)
    ])
    yield s
    s.close()


def test_save_and_load(store):
    store.save_stories([Story("s-quake", ("a2", "a1"), title="Quake in Kessa"), Story("s-flood", ("a3",))])
    assert store.load_stories() == [
        Story("s-quake", ("a2", "a1"), title="Quake in Kessa", first_published="2023-05-01",
              last_published="2023-05-02"),
        Story("s-flood", ("a3",), first_published="2023-05-03", last_published="2023-05-03"),
    ]
    assert store.story_of("a1") == "s-quake" and store.story_of("a6") is None


def test_ids_stay_stable_as_articles_join(store):
    store.save_stories([Story("s-1", ("a1",), title="Quake")])
    store.save_stories([Story("s-1", ("a1", "a4"), title="Quake, day two")])
    [story] = store.load_stories()
    assert (story.id, story.article_ids, story.title, story.last_published) == (
        "s-1", ("a1", "a4"), "Quake, day two", "2023-05-04")


def test_an_article_belongs_to_one_story(store):
    store.save_stories([Story("s-1", ("a1", "a2")), Story("s-2", ("a3",))])
    store.save_stories([Story("s-2", ("a3", "a2"))])
    assert {s.id: s.article_ids for s in store.load_stories()} == {"s-1": ("a1",), "s-2": ("a3", "a2")}


def test_merge_keeps_the_old_id(store):
    store.save_stories([Story("s-1", ("a1", "a2")), Story("s-2", ("a3",))])
    store.save_stories([Story("s-1", ("a1", "a2", "a3"), merged_from=("s-2",))])
    [story] = store.load_stories()
    assert (story.id, story.merged_from) == ("s-1", ("s-2",))
    assert store.resolve_story("s-2") == "s-1"
    assert store.resolve_story("s-1") == "s-1"
    assert store.resolve_story("s-unknown") is None


def test_alias_chains_resolve_to_the_live_story(store):
    store.save_stories([Story("s-3", ("a1", "a2", "a3"))])
    store.record_story_alias("s-1", "s-2", "merge")
    store.record_story_alias("s-2", "s-3", "merge")
    store.record_story_alias("s-2", "s-3", "merge")  # recording twice is harmless
    assert store.resolve_story("s-1") == "s-3"
    assert store.load_stories()[0].merged_from == ("s-1", "s-2")


def test_split_keeps_links_of_the_old_id(store):
    store.save_stories([Story("s-1", ("a1", "a2", "a3", "a4"))])
    # s-1 keeps a1, a2; a3, a4 become s-5: the old id still leads to a live story
    store.save_stories([Story("s-1", ("a1", "a2")), Story("s-5", ("a3", "a4"))])
    store.record_story_alias("s-1", "s-5", "split")
    assert store.resolve_story("s-1") == "s-1"
    assert {s.id: s.merged_from for s in store.load_stories()} == {"s-1": (), "s-5": ()}
    # a split where the old story disappears entirely: its id leads to the newest part
    store.save_stories([Story("s-6", ("a5",)), Story("s-7", ("a6",))])
    store.record_story_alias("s-gone", "s-6", "split")
    store.record_story_alias("s-gone", "s-7", "split")
    assert store.resolve_story("s-gone") == "s-7"


def test_alias_cycles_do_not_hang(store):
    store.record_story_alias("x", "y", "merge")
    store.record_story_alias("y", "x", "merge")
    assert store.resolve_story("x") is None
    with pytest.raises(ValueError):
        store.record_story_alias("x", "x", "merge")


def test_members_must_be_stored_articles(store):
    with pytest.raises(KeyError):
        store.save_stories([Story("s-1", ("a1",)), Story("s-2", ("nope",))])
    assert store.load_stories() == []  # the whole save rolled back


def test_given_dates_are_kept(store):
    store.save_stories([Story("s-1", ("a1", "a2"), first_published="2023-04-30", last_published=None)])
    [story] = store.load_stories()
    assert (story.first_published, story.last_published) == ("2023-04-30", "2023-05-02")
