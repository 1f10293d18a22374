"""The parts of ``newsfuse watch`` on their own: FEEDS.toml, the alert rules, which verdict changes are
alerts, verdict continuity when a figure group's key moves, sitemaps, back-off, sinks."""

from __future__ import annotations

import io
import json

import pytest

from newsfuse.store import open_store
from newsfuse.store.verdicts import GONE, VerdictChange, record_verdicts, verdict_history, utc_stamp
from newsfuse.watch.alerts import allowed, figure_kind, story_alerts
from newsfuse.watch.config import AlertRules, ConfigError, parse_config
from newsfuse.watch.sinks import Sinks, email_message
from newsfuse.watch.sitemap import NotASitemap, read_sitemap
from newsfuse.watch.sources import backoff

FEED = '[[feeds]]\nurl = "https://news.example/feed.xml"\n'


@pytest.mark.parametrize("text, complaint", [
    ("", "list the feeds"),
    ('[[feeds]]\nurl = "file:///etc/passwd"\n', "http(s) URL"),
    (FEED + '[alerts]\nkinds = ["new_story", "gossip"]\n', "unknown ['gossip']"),
    (FEED + "[watch]\ninterval = -1\n", "watch.interval"),
    (FEED + '[alerts.email]\nhost = "smtp.example"\nfrom = "a@example"\nto = "b@example"\npassword = "x"\n', "password_env"),
    ("[[feeds]\n", "not valid TOML"),
])
def test_a_feeds_file_that_cannot_be_used_says_why(text, complaint):
    with pytest.raises(ConfigError, match=complaint.replace("[", r"\[").replace("(", r"\(").replace(")", r"\)")):
        parse_config(text)


def test_a_full_feeds_file_is_read():
    config = parse_config(FEED + '[watch]\nhost_delay = 0.5\n[alerts]\ncategories = ["Dead"]\noutlets = ["Harbour Wire"]\n'
                          '[alerts.webhook]\nurl = "http://127.0.0.1:9/hook"\n'
                          '[alerts.email]\nhost = "smtp.example"\nfrom = "a@example"\nto = ["b@example"]\n')
    assert config.host_delay == 0.5 and config.rules.categories == ("dead",) and config.rules.outlets == ("harbour wire",)
    assert config.webhook.url.endswith("/hook") and config.email.to == ("b@example",)


def _change(old, new, **figure):
    state = lambda status, low, high: {"status": status, "low": low, "high": high, "value": high,  # noqa: E731
                                       "reason": "", "reports": [{"id": "a1", "url": "http://x.example/a1",
                                                                  "source": "Harbour Wire", "start": 5, "end": 7}]}
    return VerdictChange("s1", "dead|people||", {"category": "dead", "place": {"text": "Nehoiu"}, **figure},
                         state(*old) if old else None, state(*new), "a1")


@pytest.mark.parametrize("old, new, kind", [
    (("single_source", 12, 12), ("corroborated", 12, 12), "figure_corroborated"),
    (("corroborated", 12, 12), ("conflicting", None, None), "figure_conflicting"),
    (None, ("conflicting", None, None), "figure_conflicting"),
    (("updated", 12, 12), ("updated", 19, 19), "toll_updated"),
    (("updated", 19, 19), ("updated", 19, 19), None),          # the same toll again
    (("conflicting", None, None), ("conflicting", None, None), None),
    (None, ("corroborated", 3, 3), None),                        # never single-source: nothing to announce
    (("single_source", 4, 4), (GONE, 4, 4), None),
])
def test_which_verdict_changes_are_alerts(old, new, kind):
    assert figure_kind(_change(old, new)) == kind


def test_the_rules_let_through_only_what_they_name():
    change = _change(("single_source", 12, 12), ("corroborated", 12, 12))
    brief = {"title": "Landslide", "articles": [{"id": "a1", "source": "Harbour Wire", "url": "http://x.example/a1"}],
             "places": [{"name": "Nehoiu"}], "summary": []}
    [(key, alert)] = story_alerts("s1", brief, [change], is_new=False)
    assert key.startswith("figure_corroborated|s1|") and alert["citations"][0]["start"] == 5
    assert allowed(alert, brief, AlertRules())
    assert allowed(alert, brief, AlertRules(places=("nehoiu",), categories=("dead",), outlets=("harbour wire",)))
    assert not allowed(alert, brief, AlertRules(kinds=("new_story",)))
    assert not allowed(alert, brief, AlertRules(places=("buzău",)))
    assert not allowed(alert, brief, AlertRules(categories=("injured",)))
    assert not allowed(alert, brief, AlertRules(outlets=("valley courier",)))


def _figure(status, reports, period=None, low=12, high=12):
    return {"category": "dead", "subject": "people", "place": None, "period": period, "status": status,
            "low": low, "high": high, "reason": status, "reports": reports}


def test_a_verdict_follows_its_group_when_the_key_moves_and_is_never_overwritten():
    store = open_store(":memory:")
    first = {"id": "a1", "start": 10, "end": 12, "value": 12}
    second = {"id": "a2", "start": 40, "end": 42, "value": 12}
    record_verdicts(store, "s1", {"figures": [_figure("single_source", [first])]})
    [change] = record_verdicts(store, "s1", {"figures": [_figure("corroborated", [first, second], period="2024-05-01")]})
    assert change.old["status"] == "single_source" and change.new["status"] == "corroborated"
    assert record_verdicts(store, "s1", {"figures": [_figure("corroborated", [first, second], period="2024-05-01")]}) == []
    [gone] = record_verdicts(store, "s1", {"figures": []})
    assert gone.new["status"] == GONE
    history = verdict_history(store, ["s1"])
    assert [(h["old_status"], h["status"]) for h in history] == [
        (None, "single_source"), ("single_source", "corroborated"), ("corroborated", GONE)]


def test_times_are_compared_in_utc():
    assert utc_stamp("2023-03-14T12:00") == "2023-03-14T12:00:00.000+00:00"
    assert utc_stamp("2023-03-14T14:00+02:00") == "2023-03-14T12:00:00.000+00:00"
    with pytest.raises(ValueError):
        utc_stamp("last Tuesday")


def test_sitemaps_are_read_and_hostile_ones_refused():
    index = read_sitemap(b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                         b'<sitemap><loc>http://x.example/news.xml</loc></sitemap></sitemapindex>')
    assert index.sitemaps == ["http://x.example/news.xml"] and index.pages == []
    with pytest.raises(NotASitemap, match="DOCTYPE"):
        read_sitemap(b'<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaa">]><urlset><url><loc>&a;</loc></url></urlset>')
    with pytest.raises(NotASitemap):
        read_sitemap(b"<html><body>not a sitemap</body></html>")
    sitemap = read_sitemap(b"<urlset><url><loc>javascript:alert(1)</loc></url><url><loc>http://x.example/a</loc></url></urlset>")
    assert sitemap.pages == [("http://x.example/a", None)]


def test_backoff_doubles_and_stops_at_the_cap():
    config = parse_config(FEED + "[watch]\ninterval = 10\nmax_backoff = 60\n")
    assert [backoff(config, n) for n in (1, 2, 3, 4, 5)] == [10, 20, 40, 60, 60]


def test_a_failing_sink_is_reported_and_the_alert_still_written(monkeypatch):
    config = parse_config(FEED + '[alerts.webhook]\nurl = "http://127.0.0.1:9/hook"\ntimeout = 0.5\n'
                          '[alerts.email]\nhost = "127.0.0.1"\nport = 9\nfrom = "a@example"\nto = ["b@example"]\ntimeout = 0.5\n')
    out, errors = io.StringIO(), []
    Sinks(out, webhook=config.webhook, email=config.email, on_error=errors.append).send(
        {"kind": "new_story", "story": "s1", "title": "Landslide\nBcc: x@example"})
    assert json.loads(out.getvalue())["story"] == "s1"
    assert [e.split()[0] for e in errors] == ["webhook", "email"]
    message = email_message(config.email, {"kind": "new_story", "title": "Landslide\nBcc: x@example"})
    assert "\n" not in message["Subject"] and message["Bcc"] is None  # a title cannot add headers
