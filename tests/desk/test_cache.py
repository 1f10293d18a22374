"""The answer cache (issue 14's speed): a cached answer is served before routing and is the same answer
the route made; signed-in and signed-out pages are kept apart; the start-up warm-up fills the cache with
the pages a first visit would have made; the cache stays within its byte budget."""

from __future__ import annotations

import gzip

import pytest
from desk_store import EXAMPLES, TOKEN
from fastapi.testclient import TestClient

from newsfuse.desk.app import create_app
from newsfuse.desk.cache import Answer, AnswerCache
from newsfuse.desk.security import TOKEN_COOKIE

SAME = ("content-type", "etag", "cache-control", "vary", "content-security-policy", "x-frame-options")


def _desk(db):
    app = create_app(str(db), token=TOKEN, outlets=str(EXAMPLES / "outlets.tsv"))
    return app.state.desk, TestClient(app)


def _routing_off(desk, monkeypatch):
    """After this, a request that reaches the story route fails: only the cache can answer."""
    def unreachable(*_):
        raise AssertionError("routed, not served from the cache")
    monkeypatch.setattr(desk.reader, "story_row", unreachable)


def test_a_cached_answer_is_served_before_routing_and_is_the_routed_one(sample_store, ostrogan, monkeypatch):
    desk, client = _desk(sample_store)
    first = client.get(f"/stories/{ostrogan}")
    _routing_off(desk, monkeypatch)
    again = client.get(f"/stories/{ostrogan}")
    assert first.status_code == again.status_code == 200 and again.content == first.content
    assert all(first.headers.get(h) == again.headers.get(h) for h in SAME)
    assert again.headers["content-encoding"] == "gzip"
    assert client.get(f"/stories/{ostrogan}", headers={"If-None-Match": first.headers["etag"]}).status_code == 304
    plain = client.get(f"/stories/{ostrogan}", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers and plain.content == first.content
    with pytest.raises(AssertionError, match="routed"):  # another URL is not in the cache: it is routed
        client.get(f"/stories/{ostrogan}", params={"since": "2020-01-01"})


def test_signed_in_pages_are_kept_apart_from_signed_out_ones(store_copy, ostrogan):
    desk, client = _desk(store_copy)
    assert "correct</summary>" not in client.get(f"/stories/{ostrogan}").text
    client.cookies.set(TOKEN_COOKIE, TOKEN)
    assert "correct</summary>" in client.get(f"/stories/{ostrogan}").text
    client.cookies.set(TOKEN_COOKIE, "not-the-token")
    assert "correct</summary>" not in client.get(f"/stories/{ostrogan}").text


def test_warm_up_makes_every_story_page_a_first_visit_would(store_copy, monkeypatch):
    import sqlite3

    desk, client = _desk(store_copy)
    ids = [r[0] for r in desk.reader.rows("SELECT id FROM stories")]
    assert desk.warm_story_pages() == 0  # analyze made them ahead: nothing left to make
    with sqlite3.connect(store_copy) as conn:
        conn.execute("DELETE FROM story_pages")
    assert desk.warm_story_pages() == len(ids) > 1
    _, fresh = _desk(store_copy)
    _routing_off(desk, monkeypatch)
    for story_id in ids:
        assert client.get(f"/stories/{story_id}").content == fresh.get(f"/stories/{story_id}").content


def test_the_cache_keeps_within_its_budget_dropping_the_least_recently_used():
    cache = AnswerCache(lambda: "s", lambda token: False, cookie="c", max_bytes=250)

    def answer(n):
        return Answer(b"x" * n, "text/plain", 200, {}, "e")
    for name in "abc":
        cache.put((name,), answer(100))
    assert cache.get(("a",)) is None and cache.get(("b",)) is not None and cache.get(("c",)) is not None
    cache.get(("b",))  # b is now the most recently used: c goes next
    cache.put(("d",), answer(100))
    assert cache.get(("c",)) is None and cache.get(("b",)) is not None
    assert cache._bytes <= 250


def test_answers_are_stored_compressed_and_sent_whole():
    cache = AnswerCache(lambda: "s", lambda token: False, cookie="c")
    scope = {"type": "http", "method": "GET", "path": "/x", "query_string": b"a=1", "headers": []}
    body = "ünïcode ".encode() * 500
    sent = cache.answer(scope, lambda: (body, "text/plain"))
    assert sent.body == body
    kept = cache.get(cache.key(scope))
    assert gzip.decompress(kept.gz) == body and len(kept.gz) < len(body) / 10


def test_background_work_waits_while_requests_come(store_copy, monkeypatch):
    import sqlite3
    import time

    import newsfuse.desk.app as app_module

    desk, client = _desk(store_copy)
    client.get("/")
    assert desk.answers.idle_for() < 60  # a GET marks the desk busy
    waits = []

    def sleep(seconds):  # stands for the quiet that follows: no request during it
        waits.append(seconds)
        desk.answers.last_request -= 1.0
    monkeypatch.setattr(app_module.time, "sleep", sleep)
    desk.answers.last_request = time.monotonic()
    desk.when_idle()
    assert len(waits) == 1 and 0 < waits[0] <= app_module.IDLE_SECONDS
    desk.when_idle()  # quiet already: no wait
    assert len(waits) == 1
    with sqlite3.connect(store_copy) as conn:
        conn.execute("DELETE FROM story_pages")
    paced = []
    assert desk.warm_story_pages(pace=lambda: paced.append(1)) == len(paced) > 1  # asks before each page
