"""A watch round makes the desk's story pages ahead (issue 14's pages made ahead, for issue 16's watch):
after a round, every story's page is in the store under the key the desk looks up, and it is byte
for byte the page the story route makes; a later round makes only the pages of the stories it
changed and keeps the others (their rows carried to the new state, not made again)."""

from __future__ import annotations

import io
import sqlite3

from fastapi.testclient import TestClient

from feed_server import Answer, rss
from landslide import HARBOUR_1, HARBOUR_2, feed
from test_watch_rounds import _config, server  # noqa: F401 (server: the scripted feed server fixture)
from newsfuse import api
from newsfuse.desk import make_ahead
from newsfuse.desk.app import create_app
from newsfuse.desk.security import new_token
from newsfuse.desk.stored_pages import renderer

# A second, unrelated story (the town is real; the fire, the ferry and the outlet are invented).
FERRY = {
    "outlet": "Lakeside Post", "url": "http://lakeside.example/ferry-fire", "pubdate": "Thu, 02 May 2024 10:00:00 GMT",
    "title": "Fire on a Danube ferry near Orsova, all passengers rescued",
    "text": "A fire broke out in the engine room of a passenger ferry on the Danube near Orsova on Thursday morning. "
            "All 85 passengers were taken off by two fishing boats, the port captain said. The ferry company said "
            "the cause of the fire was not known and the crossing would stay closed until Saturday.",
}


def _rows(db: str) -> dict[str, tuple[str, str, bytes]]:
    with sqlite3.connect(db) as conn:
        return {r[0]: (r[1], r[2], bytes(r[3])) for r in conn.execute("SELECT story_id, state, renderer, page FROM story_pages")}


def _stories(db: str) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [r[0] for r in conn.execute("SELECT id FROM stories ORDER BY id")]


def _served_as_routed(db: str, story_ids: list[str], monkeypatch) -> None:
    """Each page comes from its stored row (a desk that cannot route a story page answers it) and is
    byte for byte what a desk that never reads stored rows routes."""
    stored_app, routed_app = create_app(db, token=new_token()), create_app(db, token=new_token())
    routed_app.state.desk.answers.stored = lambda key: None

    def no_route(*_):
        raise AssertionError("the page was routed, not served from its stored row")

    monkeypatch.setattr(stored_app.state.desk.reader, "story_row", no_route)
    stored, routed = TestClient(stored_app), TestClient(routed_app)
    for story_id in story_ids:
        a, b = stored.get(f"/stories/{story_id}"), routed.get(f"/stories/{story_id}")
        assert a.status_code == b.status_code == 200
        assert a.content == b.content and a.headers["etag"] == b.headers["etag"]


def test_a_watch_round_makes_the_pages_of_the_stories_it_changed_and_keeps_the_others(tmp_path, server, monkeypatch):
    feeds, db = _config(tmp_path, server), str(tmp_path / "watch.db")
    server.script.update({"/harbour.xml": Answer(body=feed(HARBOUR_1)),
                          "/courier.xml": Answer(body=rss("Lakeside Post", [FERRY]))})
    api.watch(feeds, db=db, once=True, out=io.StringIO())

    stories = _stories(db)
    assert len(stories) == 2
    first = _rows(db)
    state = make_ahead.data_state(db)  # the key the desk looks pages up by, after the round
    assert sorted(first) == stories and {(s, r) for s, r, _ in first.values()} == {(state, renderer())}
    _served_as_routed(db, stories, monkeypatch)

    # Round two: a new Harbour Wire item changes the landslide story only; the ferry's feed is unchanged
    # (the other feeds of the config are not scripted: they fail every round, which changes no story).
    made = []
    save = make_ahead.save_pages
    monkeypatch.setattr(make_ahead, "save_pages", lambda conn, pages, **kw: save(
        conn, made.extend(p[0] for p in pages) or pages, **kw))
    server.script["/harbour.xml"] = Answer(body=feed(HARBOUR_1, HARBOUR_2))
    api.watch(feeds, db=db, once=True, out=io.StringIO())

    assert _stories(db) == stories
    [landslide] = [sid for sid in stories if _story_has(db, sid, HARBOUR_2["url"])]
    ferry = next(sid for sid in stories if sid != landslide)
    assert made == [landslide]
    second, new_state = _rows(db), make_ahead.data_state(db)
    assert new_state != state and {s for s, _, _ in second.values()} == {new_state}
    assert second[ferry][2] == first[ferry][2] and second[landslide][2] != first[landslide][2]
    _served_as_routed(db, stories, monkeypatch)


def _story_has(db: str, story_id: str, url: str) -> bool:
    with sqlite3.connect(db) as conn:
        return conn.execute("""SELECT count(*) FROM story_members m JOIN articles a ON a.id = m.article_id
                               WHERE m.story_id = ? AND a.url = ?""", (story_id, url)).fetchone()[0] > 0
