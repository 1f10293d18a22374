"""``newsfuse watch`` end to end against a scripted feed server on 127.0.0.1: the exact alerts, each
once; feeds that fail (HTTP 500, a slow answer, a malformed feed, robots.txt) reported and retried
without stopping the others; conditional GETs; nothing read twice, also across restarts (every round
here is a fresh ``api.watch --once``); and the versioned verdicts behind ``history`` and ``--as-of``."""

from __future__ import annotations

import datetime as dt
import io
import json
import sqlite3

import pytest

from feed_server import Answer, FeedServer
from landslide import COURIER_1, HARBOUR_1, HARBOUR_2, RELIEF_1, SENTINEL_1, feed
from newsfuse import api

FEEDS = ("/harbour.xml", "/courier.xml", "/sentinel.xml", "/relief.xml", "/private/feed.xml")


@pytest.fixture()
def server(monkeypatch):
    monkeypatch.setenv("NEWSFUSE_FETCH_ALLOW_PRIVATE", "1")  # the server is on loopback
    with FeedServer() as running:
        yield running


def _config(tmp_path, server) -> str:
    lines = ["[watch]", "interval = 0.05", "host_delay = 0", "timeout = 0.5", "max_backoff = 0.05", ""]
    for path in FEEDS:
        lines += ["[[feeds]]", f'url = "{server.url(path)}"', ""]
    lines += ["[alerts.webhook]", f'url = "{server.url("/hook")}"']
    target = tmp_path / "FEEDS.toml"
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(target)


def _round(feeds: str, db: str) -> tuple[list[dict], list[dict]]:
    out, events = io.StringIO(), []
    api.watch(feeds, db=db, once=True, out=out, on_event=events.append)
    return [json.loads(line) for line in out.getvalue().splitlines()], events


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat()


def test_the_alerts_of_a_story_as_its_feeds_change(tmp_path, server):
    feeds, db = _config(tmp_path, server), str(tmp_path / "watch.db")
    slow = Answer(body=feed(RELIEF_1), delay=2.0)
    server.script.update({"/harbour.xml": Answer(body=feed(HARBOUR_1)), "/courier.xml": Answer(status=500),
                          "/sentinel.xml": Answer(body=b"<rss><channel><item>this is not {a feed"),
                          "/relief.xml": slow, "/private/feed.xml": Answer(body=feed(COURIER_1))})

    alerts, events = _round(feeds, db)
    assert [a["kind"] for a in alerts] == ["new_story"]
    failed = {e["feed"].rsplit("/", 1)[-1]: e["error"] for e in events if e["event"] == "feed_failed"}
    assert set(failed) == {"courier.xml", "sentinel.xml", "relief.xml", "feed.xml"}
    assert "HTTP 500" in failed["courier.xml"] and "robots.txt" in failed["feed.xml"]
    assert "timed out" in failed["relief.xml"] or "longer than" in failed["relief.xml"]
    story = alerts[0]["story"]
    after_first = _now()

    server.script.update({"/courier.xml": Answer(body=feed(COURIER_1)), "/sentinel.xml": Answer(body=feed(SENTINEL_1))})
    alerts, events = _round(feeds, db)
    assert [a["kind"] for a in alerts] == ["figure_corroborated", "outlet_copying"]
    corroborated, copying = alerts
    assert corroborated["figure"]["category"] == "dead" and corroborated["story"] == story
    assert (corroborated["old"]["status"], corroborated["new"]["status"]) == ("single_source", "corroborated")
    assert {c["url"] for c in corroborated["citations"]} >= {HARBOUR_1["url"], COURIER_1["url"]}
    assert all(isinstance(c["start"], int) and c["end"] > c["start"] for c in corroborated["citations"])
    assert copying["new"] == {"copier": "Sentinel Daily", "copied": "Harbour Wire"}
    # harbour.xml was asked conditionally and had not changed
    assert [r["status"] for r in server.requests("/harbour.xml")] == [200, 304]
    assert server.requests("/harbour.xml")[1]["if_none_match"]
    assert [e["feed"].rsplit("/", 1)[-1] for e in events if e["event"] == "feed_failed"] == ["relief.xml", "feed.xml"]
    after_second = _now()

    server.script.update({"/harbour.xml": Answer(body=feed(HARBOUR_1, HARBOUR_2)), "/relief.xml": Answer(body=feed(RELIEF_1))})
    alerts, _ = _round(feeds, db)
    assert [(a["kind"], a["figure"]["category"]) for a in alerts] == [("toll_updated", "dead"),
                                                                      ("figure_conflicting", "homes_destroyed")]
    toll, conflict = alerts
    assert toll["old"]["status"] == "corroborated" and toll["new"]["high"] == 19
    assert conflict["new"]["status"] == "conflicting"

    # Nothing new: a feed served again in full (no validators) is not read again; no alert is repeated.
    server.script["/harbour.xml"] = Answer(body=feed(HARBOUR_1, HARBOUR_2), validators=False)
    alerts, _ = _round(feeds, db)
    assert alerts == []
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM versions").fetchone()[0] == 5
        assert conn.execute("SELECT count(*) FROM alerts").fetchone()[0] == 5
    assert [json.loads(body)["kind"] for body in server.posts] == [
        "new_story", "figure_corroborated", "outlet_copying", "toll_updated", "figure_conflicting"]

    # history: how the dead count's verdict changed, and which article changed it
    dead = [row for row in api.story_history(db, story) if row["figure"]["category"] == "dead"
            and row["old_status"] != row["status"]]  # (the reprint added a report, not a new verdict)
    assert [(row["old_status"], row["status"]) for row in dead] == [
        (None, "single_source"), ("single_source", "corroborated"), ("corroborated", "updated")]
    urls = {HARBOUR_1["url"]: "harbour-1", COURIER_1["url"]: "courier", HARBOUR_2["url"]: "harbour-2"}
    by_id = {r["id"]: urls.get(r["url"]) for row in dead for r in row["reports"]}
    assert [by_id[row["changed_by"]] for row in dead] == ["harbour-1", "courier", "harbour-2"]

    # as of a time between rounds: only what had been ingested by then
    first = api.brief_story(db, story, as_of=after_first).briefs[0]
    second = api.brief_story(db, story, as_of=after_second).briefs[0]
    assert [a["url"] for a in first["articles"]] == [HARBOUR_1["url"]]
    assert {a["url"] for a in second["articles"]} == {HARBOUR_1["url"], COURIER_1["url"], SENTINEL_1["url"]}
    assert {f["status"] for f in first["figures"] if f["category"] == "dead"} == {"single_source"}
    assert len(api.brief_story(db, story).briefs[0]["articles"]) == 5
    with pytest.raises(LookupError):
        api.brief_story(db, story, as_of="2000-01-01T00:00")
