"""Story pages made ahead by ``analyze`` and kept in the store (issue 14's cold page): the desk serves
one only while the store and the renderer are the ones it was made under, and then it is byte for
byte the page the story route makes; a correction shows at once."""

from __future__ import annotations

import sqlite3

from desk_store import EXAMPLES, TOKEN
from fastapi.testclient import TestClient

from newsfuse import api
from newsfuse.desk.app import create_app
from newsfuse.desk.security import TOKEN_COOKIE
from newsfuse.desk.stored_pages import renderer

SAME = ("content-type", "etag", "cache-control", "vary", "content-security-policy", "x-frame-options")
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _desk(db, *, stored=True, routed=True, monkeypatch=None):
    app = create_app(str(db), token=TOKEN, outlets=str(EXAMPLES / "outlets.tsv"))
    desk = app.state.desk
    if not stored:
        desk.answers.stored = lambda key: None
    if not routed:
        def unreachable(*_):
            raise AssertionError("routed, not served from the stored page")
        monkeypatch.setattr(desk.reader, "story_row", unreachable)
    return desk, TestClient(app)


def _story_ids(db) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [r[0] for r in conn.execute("SELECT id FROM stories ORDER BY id")]


def _tamper(db, story_id: str, page: bytes, **columns) -> None:
    """Put ``page`` (gzip) in the story's stored row, keeping its state and renderer unless given."""
    sets = ", ".join(f"{k} = ?" for k in ("page", *columns))
    with sqlite3.connect(db) as conn:
        conn.execute(f"UPDATE story_pages SET {sets} WHERE story_id = ?", (page, *columns.values(), story_id))


def test_analyze_stores_every_story_page_and_it_is_the_routed_page(sample_store, monkeypatch):
    ids = _story_ids(sample_store)
    with sqlite3.connect(sample_store) as conn:
        assert sorted(r[0] for r in conn.execute("SELECT story_id FROM story_pages WHERE renderer = ?",
                                                 (renderer(),))) == ids
    _, stored = _desk(sample_store, routed=False, monkeypatch=monkeypatch)  # a request routed fails
    _, routed = _desk(sample_store, stored=False)
    for story_id in ids:
        a, b = stored.get(f"/stories/{story_id}"), routed.get(f"/stories/{story_id}")
        assert a.status_code == b.status_code == 200
        assert a.content == b.content and a.headers["content-encoding"] == b.headers["content-encoding"] == "gzip"
        assert all(a.headers.get(h) == b.headers.get(h) for h in SAME)
        assert stored.get(f"/stories/{story_id}", headers={"If-None-Match": b.headers["etag"]}).status_code == 304


def test_a_stored_page_is_served_only_for_its_state_and_renderer(store_copy, ostrogan):
    import gzip

    marker = gzip.compress(b"<p>made ahead</p>")
    _tamper(store_copy, ostrogan, marker)
    _, client = _desk(store_copy)
    assert client.get(f"/stories/{ostrogan}").text == "<p>made ahead</p>"  # the row is what is served
    # not for a signed-in analyst, not with a query: those pages differ
    assert "made ahead" not in client.get(f"/stories/{ostrogan}", params={"since": "2020-01-01"}).text
    client.cookies.set(TOKEN_COOKIE, TOKEN)
    assert "made ahead" not in client.get(f"/stories/{ostrogan}").text

    _tamper(store_copy, ostrogan, marker, renderer="an older desk")
    _, client = _desk(store_copy)
    assert "made ahead" not in client.get(f"/stories/{ostrogan}").text


def test_a_correction_shows_at_once_over_a_stored_page(store_copy, ostrogan):
    import gzip

    _tamper(store_copy, ostrogan, gzip.compress(b"<p>made ahead</p>"))
    desk, client = _desk(store_copy)
    assert client.get(f"/stories/{ostrogan}").text == "<p>made ahead</p>"
    figure = client.get(f"/api/v1/stories/{ostrogan}").json()["figures"][0]
    report = figure["reports"][0]
    made = client.post("/api/v1/corrections", headers=AUTH, json={
        "kind": "figure_claimant", "target": f"{report['id']}:{report['start']}",
        "payload": {"claimant": "Ministry of Stored Pages"}, "author": "ana"})
    assert made.status_code == 201
    page = client.get(f"/stories/{ostrogan}").text
    assert "made ahead" not in page and "Ministry of Stored Pages" in page
    # making pages again stores them for the new state, but not the corrected story's: its stored
    # briefing is stale, so the desk builds that one live
    ids = _story_ids(store_copy)
    assert api.make_story_pages(str(store_copy), outlets=EXAMPLES / "outlets.tsv") == len(ids) - 1
    _, fresh = _desk(store_copy)
    _, routed = _desk(store_copy, stored=False)
    for story_id in ids:
        assert fresh.get(f"/stories/{story_id}").content == routed.get(f"/stories/{story_id}").content
    assert "Ministry of Stored Pages" in fresh.get(f"/stories/{ostrogan}").text


def test_the_renderer_names_the_desk_code_that_made_a_page(monkeypatch):
    import newsfuse.desk.stored_pages as sp

    before = renderer()
    sp.renderer.cache_clear()
    monkeypatch.setattr(sp, "__version__", "0.0.0-another")
    try:
        assert sp.renderer() != before
    finally:
        sp.renderer.cache_clear()


def test_a_correction_leaves_the_pages_of_stories_it_does_not_touch_made_ahead(store_copy, ostrogan, monkeypatch):
    """Only the stories a correction touches are rendered again; the others are still served from the
    store, and they are still the pages the route makes."""
    import gzip

    others = [i for i in _story_ids(store_copy) if i != ostrogan]
    for story_id in others:
        _tamper(store_copy, story_id, gzip.compress(f"<p>{story_id} made ahead</p>".encode()))
    desk, client = _desk(store_copy)
    report = client.get(f"/api/v1/stories/{ostrogan}").json()["figures"][0]["reports"][0]
    assert client.post("/api/v1/corrections", headers=AUTH, json={
        "kind": "figure_claimant", "target": f"{report['id']}:{report['start']}",
        "payload": {"claimant": "Ministry of Stored Pages"}}).status_code == 201
    for story_id in others:  # the rows are still what is served: the correction did not touch them
        assert client.get(f"/stories/{story_id}").text == f"<p>{story_id} made ahead</p>"
    assert "Ministry of Stored Pages" in client.get(f"/stories/{ostrogan}").text

    # and with the real rows back (made before the correction), they are byte for byte the routed pages
    store = store_copy.with_name("made-before.db")
    import shutil

    shutil.copy(store_copy, store)
    with sqlite3.connect(store) as conn:
        conn.execute("DELETE FROM corrections")
    assert api.make_story_pages(str(store), outlets=EXAMPLES / "outlets.tsv") == len(others) + 1
    with sqlite3.connect(store_copy) as conn:
        conn.execute("ATTACH ? AS made", (str(store),))
        conn.execute("UPDATE story_pages SET page = (SELECT page FROM made.story_pages m WHERE m.story_id = "
                     "story_pages.story_id), state = (SELECT state FROM made.story_pages m WHERE m.story_id = "
                     "story_pages.story_id)")
    _, stored = _desk(store_copy, routed=False, monkeypatch=monkeypatch)
    _, routed = _desk(store_copy, stored=False)
    for story_id in others:
        assert stored.get(f"/stories/{story_id}").content == routed.get(f"/stories/{story_id}").content
