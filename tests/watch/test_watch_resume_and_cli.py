"""A watch takes up what a stopped one left half done; sitemaps are polled like feeds; the CLI wraps
``history`` and ``brief --story --as-of``."""

from __future__ import annotations

import io
import json

import pytest
from typer.testing import CliRunner

from feed_server import Answer, FeedServer
from landslide import COURIER_1, HARBOUR_1, feed
from newsfuse import api, cli
from newsfuse.model import Article, Story
from newsfuse.store import open_store
from newsfuse.store.verdicts import record_verdicts
from newsfuse.store.watch_state import mark_items, unfiled_articles
from newsfuse.watch.config import parse_config
from newsfuse.watch.sources import NEW, HostFetchers, poll


@pytest.fixture()
def server(monkeypatch):
    monkeypatch.setenv("NEWSFUSE_FETCH_ALLOW_PRIVATE", "1")
    with FeedServer() as running:
        yield running


def test_a_watch_files_what_a_stopped_one_stored_but_did_not_annotate_or_file(tmp_path, server):
    db = str(tmp_path / "w.db")
    with open_store(db) as store:  # stored, then the process died: no layers, no story
        store.add_articles([Article.create(id="left-behind", text=HARBOUR_1["text"], url=HARBOUR_1["url"],
                                           source="Harbour Wire", published="2024-05-02T08:00:00+00:00")])
    server.script["/courier.xml"] = Answer(body=feed(COURIER_1))
    feeds = tmp_path / "FEEDS.toml"
    feeds.write_text(f'[watch]\nhost_delay = 0\n[[feeds]]\nurl = "{server.url("/courier.xml")}"\n', encoding="utf-8")
    out = io.StringIO()
    api.watch(str(feeds), db=db, once=True, out=out)
    alerts = [json.loads(line) for line in out.getvalue().splitlines()]
    with open_store(db) as store:
        assert store.unannotated_versions() == [] and unfiled_articles(store) == []
        [story] = store.load_stories()
        assert set(story.article_ids) == {"left-behind", store.article_id_for(url=COURIER_1["url"])}
        assert [r.status for r in store.runs()] == ["ok"]
    assert [a["kind"] for a in alerts] == ["new_story", "figure_corroborated"]


def test_a_sitemap_is_polled_and_its_pages_read_once(tmp_path, server):
    page = ("<html><head><title>Landslide in Nehoiu</title><meta property='og:site_name' content='Harbour Wire'>"
            f"</head><body><article><h1>Landslide in Nehoiu</h1><p>{HARBOUR_1['text']}</p></article></body></html>")
    server.script["/a.html"] = Answer(body=page.encode(), content_type="text/html")
    server.script["/private/b.html"] = Answer(body=page.encode(), content_type="text/html")
    server.script["/sitemap.xml"] = Answer(content_type="application/xml", validators=False, body=(
        f"<urlset><url><loc>{server.url('/a.html')}</loc><lastmod>2024-05-02</lastmod></url>"
        f"<url><loc>{server.url('/private/b.html')}</loc></url></urlset>").encode())
    config = parse_config(f'[watch]\nhost_delay = 0\n[[feeds]]\nurl = "{server.url("/sitemap.xml")}"\n')
    store, fetchers = open_store(":memory:"), HostFetchers(config)
    try:
        first = poll(config.feeds[0], store, fetchers, config)
        assert first.outcome == NEW
        [(key_a, a), (_key_b, b)] = first.items
        assert isinstance(a, Article) and "Nehoiu" in a.text and a.source == "Harbour Wire"
        assert "robots.txt" in b.reason  # one page refused, the others read
        mark_items(store, config.feeds[0].url, {key_a: a.id})
        [(_, again)] = poll(config.feeds[0], store, fetchers, config).items
        assert again.id == b.id  # the page read is not read again; the refused one is tried again
    finally:
        fetchers.close()


def _store_with_history(db: str) -> None:
    with open_store(db) as store:
        store.add_articles([Article.create(id="a1", text="The landslide has killed 12 people in Nehoiu.")])
        store.save_stories([Story(id="story-1", article_ids=("a1",))])
        record_verdicts(store, "story-1", {"figures": [{"category": "dead", "subject": "people", "place": None,
                                                         "period": None, "status": "single_source", "low": 12,
                                                         "high": 12, "reports": [{"id": "a1", "start": 25, "end": 27}]}]})


def test_history_and_as_of_on_the_command_line(tmp_path):
    db = str(tmp_path / "n.db")
    _store_with_history(db)
    runner = CliRunner()
    result = runner.invoke(cli.app, ["history", "--story", "story-1", "--db", db])
    assert result.exit_code == 0, result.output
    [row] = [json.loads(line) for line in result.stdout.splitlines()]
    assert (row["status"], row["old_status"], row["changed_by"]) == ("single_source", None, "a1")
    assert runner.invoke(cli.app, ["history", "--story", "story-9", "--db", db]).exit_code == 2
    since = runner.invoke(cli.app, ["history", "--story", "story-1", "--db", db, "--since", row["recorded"]])
    assert since.exit_code == 0 and since.stdout == ""  # nothing changed after the one verdict
    assert runner.invoke(cli.app, ["history", "--story", "story-1", "--db", db, "--since", "2001-01-01"]).stdout
    assert runner.invoke(cli.app, ["history", "--story", "story-1", "--db", db, "--since", "soon"]).exit_code == 2
    now = runner.invoke(cli.app, ["brief", "--db", db, "--story", "story-1"])
    assert now.exit_code == 0 and json.loads(now.stdout)["story"] == "story-1"
    before = runner.invoke(cli.app, ["brief", "--db", db, "--story", "story-1", "--as-of", "2001-01-01T00:00"])
    assert before.exit_code == 1 and "no article" in before.output
    assert runner.invoke(cli.app, ["brief", "--db", db, "--story", "story-1", "--as-of", "soon"]).exit_code == 2
    assert runner.invoke(cli.app, ["brief", "--db", db, "--as-of", "2024-01-01"]).exit_code == 2


def test_a_feed_that_breaks_the_watch_is_reported_and_the_others_go_on(tmp_path, server, monkeypatch):
    from newsfuse.watch import loop

    server.script["/courier.xml"] = Answer(body=feed(COURIER_1))
    feeds = tmp_path / "FEEDS.toml"
    feeds.write_text(f'[watch]\nhost_delay = 0\n[[feeds]]\nurl = "{server.url("/bad.xml")}"\n'
                     f'[[feeds]]\nurl = "{server.url("/courier.xml")}"\n', encoding="utf-8")
    real_poll = loop.poll

    def poll_that_trips(spec, *args, **kwargs):
        if spec.url.endswith("/bad.xml"):
            raise UnicodeError("a bug this feed's content hits")
        return real_poll(spec, *args, **kwargs)

    monkeypatch.setattr(loop, "poll", poll_that_trips)
    out, events = io.StringIO(), []
    api.watch(str(feeds), db=str(tmp_path / "w.db"), once=True, out=out, on_event=events.append)
    [failed] = [e for e in events if e["event"] == "feed_failed"]
    assert failed["feed"].endswith("/bad.xml") and "UnicodeError" in failed["error"] and failed["failures"] == 1
    assert [json.loads(line)["kind"] for line in out.getvalue().splitlines()] == ["new_story"]


def test_robots_txt_is_read_again_after_its_time(server, monkeypatch):
    server.script["/courier.xml"] = Answer(body=feed(COURIER_1))
    config = parse_config(f'[watch]\nhost_delay = 0\n[[feeds]]\nurl = "{server.url("/courier.xml")}"\n')
    store, fetchers = open_store(":memory:"), HostFetchers(config)
    try:
        poll(config.feeds[0], store, fetchers, config)
        poll(config.feeds[0], store, fetchers, config)
        assert len(server.requests("/robots.txt")) == 1  # kept while fresh
        monkeypatch.setattr(HostFetchers, "ROBOTS_TTL", 0.0)
        poll(config.feeds[0], store, fetchers, config)
        assert len(server.requests("/robots.txt")) == 2
    finally:
        fetchers.close()
