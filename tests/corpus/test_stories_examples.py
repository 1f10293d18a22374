"""The sample corpus clusters into exactly the stories of its answer key, the way `newsfuse analyze` does it.

The corpus spells one town two ways ("Ostrogan" in most reports, "Ostrohan" in two), reports the
same offensive over four days from ten outlets in five formats, and has a later attack in another
town of the same country that names the same front: a split or a merge of any story fails here.
"""

from __future__ import annotations

import json

import pytest

from newsfuse import api
from newsfuse.store import open_store
from newsfuse.settings import REPO_DIR

EXAMPLES = REPO_DIR / "examples"


@pytest.fixture(scope="module")
def stored_stories(tmp_path_factory) -> tuple[dict[str, str], dict]:
    """(truth document id → story id in the store, the answer key) after analyze + briefings."""
    work = tmp_path_factory.mktemp("examples")
    db = str(work / "news.db")
    api.analyze([str(EXAMPLES)], db=db)
    api.write_briefings(db, work / "out", outlets=str(EXAMPLES / "outlets.tsv"))
    truth = json.loads((EXAMPLES / "_truth.json").read_text(encoding="utf-8"))
    # Ingest derives its own ids for feed and archive records: those are matched by their URL.
    by_url = {doc["url"]: doc_id for doc_id, doc in truth["documents"].items() if doc["url"]}
    store = open_store(db)
    try:
        story_of = {}
        for article in store.iter_articles(latest_only=True):
            doc_id = article.id if article.id in truth["documents"] else by_url.get(article.url)
            assert doc_id is not None, f"article {article.id} is not in the answer key"
            story_of[doc_id] = store.story_of(article.id)
    finally:
        store.close()
    return story_of, truth


def test_every_document_is_clustered(stored_stories):
    story_of, truth = stored_stories
    assert sorted(story_of) == sorted(truth["documents"])
    assert all(story_of.values())


def test_stories_equal_the_answer_key(stored_stories):
    story_of, truth = stored_stories
    got: dict[str, set[str]] = {}
    for doc_id, sid in story_of.items():
        got.setdefault(sid, set()).add(doc_id)
    want = sorted(sorted(ids) for ids in truth["stories"].values())
    assert sorted(sorted(ids) for ids in got.values()) == want


def test_both_spellings_of_the_town_are_in_one_story(stored_stories):
    story_of, _ = stored_stories
    assert story_of["frontline-ostrogan-0316"] == story_of["aiddesk-ostrogan-0316"] == story_of["mw-ostrogan-0313"]
    assert story_of["frontline-zelvin-0427"] != story_of["frontline-ostrogan-0316"]
