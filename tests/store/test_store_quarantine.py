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
