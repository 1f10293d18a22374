"""Articles and versions: idempotent ingest, new versions, one transaction per batch."""

import pytest

from newsfuse.model import Article, Quarantined

TEXT_1 = "Floodwater reached the lower town of Varna Hill on Monday, the district office said."
TEXT_2 = TEXT_1 + " By evening some 400 families had left."


def article(id="ledger-1", text=TEXT_1, **kwargs):
    kwargs.setdefault("url", "https://ledger.example/floods/varna-hill")
    kwargs.setdefault("source", "The Hill Ledger")
    return Article.create(id=id, text=text, **kwargs)


def test_same_document_twice_is_one_article(store):
    first = store.add_articles([article()])
    again = store.add_articles([article()])
    assert [r.status for r in first] == ["new"]
    assert [r.status for r in again] == ["duplicate"]
    assert again[0].version_id == first[0].version_id
    assert again[0].article_id == first[0].article_id == "ledger-1"
    assert first[0].doc_key == "url:https://ledger.example/floods/varna-hill"
    assert store.count_articles() == 1
    assert len(store.versions("ledger-1")) == 1


def test_other_spelling_of_the_url_is_the_same_document(store):
    store.add_articles([article()])
    [result] = store.add_articles(
        [article(id="from-feed", url="HTTPS://Ledger.example/floods/varna-hill/?utm_source=rss")]
    )
    assert (result.status, result.article_id, result.doc_id) == ("duplicate", "ledger-1", "from-feed")


def test_changed_text_is_a_new_version_and_nothing_is_overwritten(store):
    [r1] = store.add_articles([article()])
    [r2] = store.add_articles([article(text=TEXT_2, title="Updated")])
    assert r2.status == "new_version"
    assert r2.article_id == r1.article_id
    assert r2.version_id != r1.version_id
    assert [(v.seq, v.version_id) for v in store.versions("ledger-1")] == [(1, r1.version_id), (2, r2.version_id)]
    assert store.load_article("ledger-1").text == TEXT_2
    old = store.load_article("ledger-1", version=r1.version_id)
    assert (old.text, old.title, old.meta["version"]) == (TEXT_1, None, r1.version_id)
    # the first text again is version 1 again (issue 18 item 8), not a third version; the latest fetch wins
    [r3] = store.add_articles([article()])
    assert (r3.status, r3.version_id) == ("reverted", r1.version_id)
    assert len(store.versions("ledger-1")) == 2
    assert store.load_article("ledger-1").text == TEXT_1
    assert [a.text for a in store.iter_articles()] == [TEXT_1]
    [r4] = store.add_articles([article()])  # and once more: nothing changes
    assert (r4.status, r4.version_id) == ("duplicate", r1.version_id)


def test_documents_without_url_are_keyed_by_id(store):
    a = article(id="wire-9", url=None)
    [r1] = store.add_articles([a])
    [r2] = store.add_articles([a])
    [r3] = store.add_articles([article(id="wire-9", url=None, text=TEXT_2)])
    assert r1.doc_key == "id:wire-9"
    assert [r1.status, r2.status, r3.status] == ["new", "duplicate", "new_version"]


def test_same_text_under_another_url_is_another_article(store):
    # a reprint is a separate article (reuse detection links it), not a duplicate
    results = store.add_articles([article(), article(id="ledger-1", url="https://courier.example/varna")])
    assert [r.status for r in results] == ["new", "new"]
    assert results[1].article_id == "ledger-1~" + results[1].article_id.split("~")[1]
    assert len(results[1].article_id) == len("ledger-1~") + 8
    assert store.article_id_for(url="https://courier.example/varna") == results[1].article_id
    assert store.count_articles() == 2


def test_duplicates_within_one_batch(store):
    results = store.add_articles([article(), article(), article(text=TEXT_2)])
    assert [r.status for r in results] == ["new", "duplicate", "new_version"]


def test_every_field_is_stored(store):
    a = Article.create(
        id="courier-3", text="Ein Text über Flut.", source="Courier", url="https://courier.example/flut",
        title="Flut", published="2021-07-15T08:30:00+02:00", language="de", format="html",
        origin="/data/courier/flut.html", text_given=False, meta={"authors": ["K. Berg"], "section": "Welt"},
    )
    [r] = store.add_articles([a])
    back = store.load_article(r.article_id)
    assert back.meta == {"authors": ["K. Berg"], "section": "Welt", "version": r.version_id}
    for name in ("id", "text", "content_hash", "source", "url", "title", "published", "language", "format",
                 "origin", "text_given"):
        assert getattr(back, name) == getattr(a, name), name


def test_store_owned_meta_keys_are_not_stored_twice(store):
    [r] = store.add_articles([article()])
    loaded = store.load_article("ledger-1")
    assert store.add_articles([loaded])[0].status == "duplicate"
    assert store.load_article("ledger-1").meta == {"version": r.version_id}


def test_text_with_a_lone_surrogate_keeps_its_offsets(store):
    text = "Before \ud800 after."
    [r] = store.add_articles([article(id="odd", url=None, text=text)])
    back = store.load_article(r.article_id)
    assert back.text == text and len(back.text) == 15 and back.text[7] == "\ud800"
    assert store.add_articles([article(id="odd", url=None, text=text)])[0].status == "duplicate"


def test_an_error_mid_batch_rolls_back_the_whole_batch(store):
    store.add_articles([article(id="kept", url=None)])
    batch = [
        article(id="b1", url=None),
        article(id="b2", url=None),
        article(id="b3", url=None, meta={"unstorable": object()}),
        article(id="b4", url=None),
    ]
    with pytest.raises(TypeError):
        store.add_articles(batch)
    assert store.count_articles() == 1
    assert [a.id for a in store.iter_articles()] == ["kept"]
    # the store is usable afterwards and the batch goes in once fixed
    assert [r.status for r in store.add_articles(batch[:2] + batch[3:])] == ["new", "new", "new"]


def test_a_wrong_content_hash_is_refused(store):
    bad = Article(id="x", text="one text", content_hash="0" * 64)
    with pytest.raises(ValueError):
        store.add_articles([article(id="y", url=None), bad])
    assert store.count_articles() == 0


def test_a_batch_with_bad_documents_loses_nothing(store):
    good = [article(id=f"g{i}", url=None, text=f"Report number {i}.") for i in range(3)]
    bad = Quarantined(id="broken", origin="in/broken.html.gz", reason="truncated gzip stream", stage="ingest",
                      raw=b"\x1f\x8b\x08\x00garbage")
    with store.transaction():
        store.add_articles(good)
        store.quarantine(bad)
    assert [a.id for a in store.iter_articles()] == ["g0", "g1", "g2"]
    assert [(q.doc_id, q.raw) for q in store.list_quarantine()] == [("broken", b"\x1f\x8b\x08\x00garbage")]


def test_outer_transaction_rolls_back_everything_inside(store):
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.add_articles([article(id="a1", url=None)])
            store.add_correction("not_a_copy", "a1", {})
            raise RuntimeError("stop")
    assert store.count_articles() == 0
    assert store.corrections() == []


def test_a_failed_inner_block_keeps_the_outer_work(store):
    with store.transaction():
        store.add_articles([article(id="a1", url=None)])
        with pytest.raises(TypeError):
            store.add_articles([article(id="a2", url=None), "not an article"])
    assert [a.id for a in store.iter_articles()] == ["a1"]


def test_iter_articles_latest_or_all_versions(store):
    store.add_articles([article(), article(id="other", url=None, text="Other.")])
    store.add_articles([article(text=TEXT_2)])
    latest = [(a.id, a.text) for a in store.iter_articles()]
    assert latest == [("other", "Other."), ("ledger-1", TEXT_2)]
    every = [(a.id, a.meta["version"]) for a in store.iter_articles(latest_only=False)]
    assert every == [("ledger-1", 1), ("other", 2), ("ledger-1", 3)]


def test_unknown_article_or_version(store):
    [r] = store.add_articles([article()])
    with pytest.raises(KeyError):
        store.load_article("nope")
    with pytest.raises(KeyError):
        store.load_article("ledger-1", version=r.version_id + 1)
    with pytest.raises(KeyError):
        store.load_version(99)
    assert store.load_version(r.version_id).id == "ledger-1"


def test_runs_are_recorded(store):
    run = store.start_run("analyze examples/")
    store.add_articles([article()], run_id=run)
    store.finish_run(run, counts={"new": 1, "duplicates": 0})
    [info] = store.runs()
    assert (info.id, info.command, info.status, info.counts) == (run, "analyze examples/", "ok", {"new": 1, "duplicates": 0})
    assert info.finished is not None and info.started <= info.finished
    with pytest.raises(KeyError):
        store.finish_run(run + 1)
