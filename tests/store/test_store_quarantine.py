"""Quarantine: failed inputs are kept whole with their reason; quarantined articles sit out."""

import pytest

from newsfuse.model import Article, Quarantined


def test_raw_input_is_kept_with_its_reason(store):
    raw = b"\xff\xfe\x00binary junk\x00"
    qid = store.quarantine(Quarantined(id="junk", origin="drop/junk.html", reason="not text: binary content",
                                       stage="ingest", raw=raw))
    [entry] = store.list_quarantine()
    assert (entry.qid, entry.doc_id, entry.origin, entry.stage, entry.reason, entry.raw) == (
        qid, "junk", "drop/junk.html", "ingest", "not text: binary content", raw)
    assert entry.article_id is None and entry.version_id is None
    assert entry.created == entry.last_seen and entry.released is None


def test_quarantining_the_same_input_again_is_one_entry(store):
    item = Quarantined(id="empty", origin="drop/empty.txt", reason="empty document", stage="ingest", raw=b"")
    first = store.quarantine(item)
    again = store.quarantine(item)
    assert first == again
    assert len(store.list_quarantine()) == 1
    other_reason = store.quarantine(Quarantined(id="empty", origin="drop/empty.txt", reason="other", stage="ingest"))
    assert other_reason != first and len(store.list_quarantine()) == 2


def test_a_refused_article_is_stored_and_kept_out_of_processing(store):
    text = "Les eaux ont atteint la ville basse lundi."
    ok = Article.create(id="en-1", text="The water reached the lower town on Monday.", language="en")
    refused = Article.create(id="fr-1", text=text, language="fr", url="https://gazette.example/crue")
    store.add_articles([ok])
    qid = store.quarantine(Quarantined(id="fr-1", origin="in/fr-1.html", reason="language fr not supported",
                                       stage="ingest", article=refused))
    [entry] = store.list_quarantine()
    assert (entry.article_id, entry.version_id) == ("fr-1", 2)
    assert store.load_article("fr-1").text == text  # nothing lost
    assert [a.id for a in store.iter_articles()] == ["en-1"]
    assert [a.id for a in store.iter_articles(include_quarantined=True)] == ["en-1", "fr-1"]
    assert store.release_quarantine(qid) is True
    assert store.release_quarantine(qid) is False
    assert [a.id for a in store.iter_articles()] == ["en-1", "fr-1"]
    assert store.list_quarantine() == []
    assert len(store.list_quarantine(include_released=True)) == 1


def test_a_stage_failure_points_at_the_stored_version(store):
    a = Article.create(id="w1", text="Some text.")
    [r] = store.add_articles([a])
    store.quarantine(Quarantined(id="w1", origin=None, reason="stage figures failed: IndexError",
                                 stage="figures", article=a))
    [entry] = store.list_quarantine(stage="figures")
    assert entry.version_id == r.version_id
    assert store.list_quarantine(stage="ingest") == []
    assert store.count_articles() == 1


def test_quarantine_rolls_back_with_its_batch(store):
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.quarantine(Quarantined(id="x", origin=None, reason="bad", stage="ingest", raw=b"x"))
            raise RuntimeError
    assert store.list_quarantine() == []


def _refuse(store, article, reason="stage entities failed: ValueError: too long"):
    return store.quarantine(Quarantined(id=article.id, origin=f"in/{article.id}.txt", reason=reason,
                                        stage="entities", article=article))




def test_a_version_refused_by_this_build_is_not_tried_again_but_a_later_build_tries_it_once(store, monkeypatch):
    """Issue 18 item 10: a stored version that could not be annotated is neither retried on every run
    (it would fail the same way) nor left without layers for good: a later build tries it once, and
    once its layers are stored it is back in the briefings."""
    from newsfuse.model import ANNOTATION_LAYERS
    from newsfuse.store import sqlite

    ok, long = Article.create(id="ok", text="Fine text."), Article.create(id="long", text="x" * 50)
    [r_ok, r_long] = store.add_articles([ok, long])
    store.save_layers(r_ok.version_id, ok, ANNOTATION_LAYERS)
    assert store.unannotated_versions() == [r_long.version_id]  # stored, not annotated (a kill, say)
    _refuse(store, long)
    assert store.unannotated_versions() == []  # this build refused it: not tried on every run
    _refuse(store, long)  # the same refusal on a later run: still one entry
    assert [e.version_id for e in store.list_quarantine()] == [r_long.version_id]

    monkeypatch.setattr(sqlite, "BUILD", "newsfuse 9.9")  # an upgrade
    assert store.unannotated_versions() == [r_long.version_id]  # tried once more ...
    _refuse(store, long, "stage entities failed: ValueError: still too long")
    assert store.unannotated_versions() == []  # ... and refused again: not tried again by 9.9
    [entry] = store.list_quarantine()  # the new reason replaces the old one
    assert entry.reason.endswith("still too long")

    monkeypatch.setattr(sqlite, "BUILD", "newsfuse 10.0")
    assert store.unannotated_versions() == [r_long.version_id]
    store.save_layers(r_long.version_id, long, ANNOTATION_LAYERS)  # 10.0 reads it
    assert store.unannotated_versions() == [] and store.list_quarantine() == []
    assert [a.id for a in store.iter_articles()] == ["ok", "long"]  # in the briefings at last


def test_a_released_version_is_annotated_by_the_next_run(store):
    long = Article.create(id="long", text="x" * 50)
    [r] = store.add_articles([long])
    qid = _refuse(store, long)
    assert store.unannotated_versions() == []
    assert store.release_quarantine(qid)
    assert store.unannotated_versions() == [r.version_id]


def test_refusals_without_a_stored_version_keep_no_build(store):
    store.quarantine(Quarantined(id="junk", origin="in/junk.html", reason="binary", stage="ingest", raw=b"\0"))
    row = store._conn.execute("SELECT build FROM quarantine").fetchone()
    assert row["build"] is None  # re-read on every run anyway: nothing of it is stored


def test_refusals_from_before_builds_were_kept_are_tried_once(store):
    long = Article.create(id="long", text="x" * 50)
    [r] = store.add_articles([long])
    _refuse(store, long)
    store._conn.execute("UPDATE quarantine SET build = NULL")  # as migration 7 leaves older rows
    assert store.unannotated_versions() == [r.version_id]
