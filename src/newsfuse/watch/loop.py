"""The rounds of ``newsfuse watch``: poll every feed that is due, and for each one with new items store
and annotate them, fold them into stories, record the verdicts of the stories touched and send the
alerts their changes call for — feed by feed, so an item's alert does not wait for the other feeds.

A round holds the store's writer lock and is one row of ``runs``; between rounds the lock is free
(an ``analyze`` may run). Everything a restart needs is in the store: feed validators and back-off,
items read, verdicts, alerts sent; versions stored but not annotated and articles stored but in no
story (a watch killed in between) are taken up by the first round.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from ..model import Article, Quarantined
from ..output.story_index import story_index
from ..store.verdicts import record_verdicts
from ..store.lock import StoreBusyError
from ..store.watch_state import feed_state, mark_items, record_alert, save_feed_state, unfiled_articles
from .alerts import allowed, stamped, story_alerts
from .config import WatchConfig
from .folding import StoryFolder, Touched
from .sinks import Sinks
from .sources import FAILED, NEW, HostFetchers, Poll, backoff, poll

Item = Article | Quarantined
# ingest(store, run_id, items) -> ids of the stored articles that are new or have a new text, annotated
# (it first annotates versions an interrupted run left unannotated, and includes them).
Ingest = Callable[[Any, int, Sequence[Item]], list[str]]
# make_ahead() is called as a round takes the writer lock (to note the store's state before the round);
# what it returns is called, still under the lock, once the round's run is recorded, with the stories
# the round changed (None: not known for sure), to make the desk's pages of those stories ahead.
MakeAhead = Callable[[], Callable[[set[str] | None], int]]


@dataclass
class RoundReport:
    polled: int = 0
    not_modified: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (feed, reason)
    articles: int = 0
    quarantined: int = 0
    alerts: list[dict[str, Any]] = field(default_factory=list)
    stories: set[str] | None = field(default_factory=set)  # changed this round (None: a filing failed midway)
    pages: int = 0  # desk pages made ahead


class Watcher:
    def __init__(self, config: WatchConfig, store, *, ingest: Ingest, sinks: Sinks,
                 on_event: Callable[[dict[str, Any]], None] | None = None, lock_wait: float | None = None,
                 on_poll: Callable[[Poll], None] | None = None, make_ahead: MakeAhead | None = None) -> None:
        self.config, self.store, self.ingest, self.sinks = config, store, ingest, sinks
        self.make_ahead = make_ahead
        self.on_event = on_event or (lambda event: None)
        self.on_poll = on_poll or (lambda p: None)
        self.lock_wait = lock_wait
        self.fetchers = HostFetchers(config)
        self._folder: StoryFolder | None = None

    def close(self) -> None:
        self.fetchers.close()

    def run(self, *, rounds: int | None = None, sleep: Callable[[float], None] = time.sleep) -> None:
        """Rounds every ``interval`` seconds (``rounds``: that many, then stop; None: until interrupted)."""
        done = 0
        while rounds is None or done < rounds:
            started = time.monotonic()
            try:
                self.round()
            except StoreBusyError as busy:  # an analyze holds the store longer than we wait: try next round
                if rounds is not None:
                    raise
                self.on_event({"event": "busy", "message": f"{busy}; trying again next round"})
            done += 1
            if rounds is None or done < rounds:
                sleep(max(0.0, self.config.interval - (time.monotonic() - started)))

    def round(self) -> RoundReport:
        report = RoundReport()
        with self.store.writer_lock(command="watch", wait=self.lock_wait, on_wait=lambda m: self.on_event(
                {"event": "waiting", "message": m})):
            pages_for = self.make_ahead() if self.make_ahead is not None else None
            run_id = self.store.start_run(command="watch round")
            status = "ok"
            try:
                for dead in self.store.mark_interrupted_runs(current=run_id):
                    self.on_event({"event": "interrupted_run", "run": dead.id, "command": dead.command})
                if self._folder is None:  # the first round: take up what a stopped watch left half done
                    self._folder = StoryFolder(self.store, outlets=self.config.outlets)
                    resumed = self.ingest(self.store, run_id, [])
                    self._file(run_id, [*resumed, *unfiled_articles(self.store)], report)
                for spec in self.config.feeds:
                    self._feed(spec, run_id, report)
            except BaseException as error:
                status = "interrupted" if isinstance(error, (KeyboardInterrupt, SystemExit)) else \
                    f"failed: {type(error).__name__}: {error}"
                raise
            finally:
                self.store.finish_run(run_id, counts={"polled": report.polled, "articles": report.articles,
                                                      "alerts": len(report.alerts), "failed": len(report.failed)},
                                      status=status)
            if pages_for is not None:  # a round that ended (an error skips this), under the lock: the state holds
                report.pages = pages_for(report.stories)
        self.on_event({"event": "round", "polled": report.polled, "not_modified": report.not_modified,
                       "failed": len(report.failed), "articles": report.articles, "alerts": len(report.alerts)})
        return report

    def _feed(self, spec, run_id: int, report: RoundReport) -> None:
        try:
            self._poll_and_file(spec, run_id, report)
        except (StoreBusyError, KeyboardInterrupt, SystemExit, sqlite3.OperationalError):
            raise  # the store's trouble, or the user's: not this feed's
        except Exception as error:  # a fault of this feed's content (or a bug it hits): never the others' end
            reason = f"{type(error).__name__}: {error}"
            report.failed.append((spec.url, reason))
            report.stories = None  # it may have saved stories it did not get to report
            state = feed_state(self.store, spec.url)
            state.failures += 1
            state.last_status, state.next_poll = f"failed: {reason}", time.time() + backoff(self.config, state.failures)
            save_feed_state(self.store, state)
            self.on_event({"event": "feed_failed", "feed": spec.url, "error": reason, "failures": state.failures,
                           "retry_in": round(max(0.0, state.next_poll - time.time()), 1)})

    def _poll_and_file(self, spec, run_id: int, report: RoundReport) -> None:
        result = poll(spec, self.store, self.fetchers, self.config)
        self.on_poll(result)
        if result.outcome == FAILED:
            report.failed.append((spec.url, result.error or ""))
            self.on_event({"event": "feed_failed", "feed": spec.url, "error": result.error,
                           "failures": result.state.failures, "retry_in": round(result.retry_in, 1)})
        elif result.outcome == NEW:
            report.polled += 1
            items = [item for _, item in result.items]
            report.quarantined += sum(isinstance(i, Quarantined) for i in items)
            changed = self.ingest(self.store, run_id, items)
            self._file(run_id, changed, report)
            # Read items are remembered once stored; one whose page could not be fetched is tried again.
            mark_items(self.store, spec.url, {key: item.id for key, item in result.items if isinstance(item, Article)})
        else:
            report.polled += result.outcome != "waiting"
            report.not_modified += result.outcome == "not_modified"
        save_feed_state(self.store, result.state)

    def _file(self, run_id: int, article_ids: list[str], report: RoundReport) -> None:
        assert self._folder is not None
        report.articles += len(set(article_ids))
        touched_stories = self._folder.fold(self.store, article_ids)
        if report.stories is not None:
            report.stories.update(t.story for t in touched_stories)
        for touched in touched_stories:
            self._alert(touched, run_id, report)

    def _alert(self, touched: Touched, run_id: int, report: RoundReport) -> None:
        # The desk reads stored briefings: keep the touched story's up to date, as ``analyze`` does.
        self.store.save_briefs([story_index(touched.story, touched.brief, touched.articles)])
        changes = record_verdicts(self.store, touched.story, touched.brief, run_id=run_id)
        for key, alert in story_alerts(touched.story, touched.brief, changes, is_new=touched.is_new):
            if not allowed(alert, touched.brief, self.config.rules):
                continue
            alert = stamped(alert)
            if record_alert(self.store, key, alert["kind"], touched.story, alert):
                self.sinks.send(alert)
                report.alerts.append(alert)
