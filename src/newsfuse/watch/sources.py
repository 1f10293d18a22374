"""One poll of one feed: a conditional GET, then the items (or sitemap pages) not read before.

Polite: every request goes through :class:`~newsfuse.ingest.fetch.PoliteFetcher` (robots.txt, one
request per ``host_delay`` to a host, timeouts, an overall deadline, a size cap, no private
addresses unless ``NEWSFUSE_FETCH_ALLOW_PRIVATE``), one fetcher per host so a slow host does not
hold the others' turns. A feed that answered is polled again next round (the rounds' ``interval``
sets the pace, also when cron runs ``--once``). The ETag and Last-Modified of the last good response are sent back, so an
unchanged feed costs a 304. A feed that fails (network, HTTP error, not a feed) waits
``interval * 2**failures`` (at most ``max_backoff``) before it is polled again; it never stops the
others.

Nothing here writes: :class:`Poll` carries the feed's new state and the keys of the items read, and
the caller saves both once the articles are stored, so a run killed in between reads them again
rather than losing them (the store files a text it already has as a duplicate).
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

from ..ingest.errors import IngestError, quarantine
from ..ingest.feeds import entry_key, parse_feed, read_item
from ..ingest.fetch import FetchError, FetchResult, PoliteFetcher
from ..ingest.html_page import read_html
from ..ingest.ids import url_id
from ..model import Article, Quarantined
from ..store.watch_state import FeedState, feed_state, seen_items
from .config import FeedSpec, WatchConfig
from .sitemap import NotASitemap, looks_like_sitemap, read_sitemap

Item = Article | Quarantined
NEW, NOT_MODIFIED, FAILED, WAITING = "new", "not_modified", "failed", "waiting"


@dataclass
class Poll:
    feed: str
    outcome: str  # NEW (a changed feed, perhaps without new items), NOT_MODIFIED, FAILED, WAITING
    state: FeedState  # to save once the items are stored
    items: list[tuple[str, Item]] = field(default_factory=list)  # (item key, what it became)
    error: str | None = None
    fetched_at: float | None = None  # time.monotonic() when the feed's response was in

    @property
    def retry_in(self) -> float:
        return max(0.0, self.state.next_poll - time.time())


class HostFetchers:
    """One :class:`PoliteFetcher` per host (its turns, its robots.txt), made on first use and made
    again after ``ROBOTS_TTL`` seconds, so a watch that runs for weeks reads a changed robots.txt."""

    ROBOTS_TTL = 24 * 3600.0

    def __init__(self, config: WatchConfig) -> None:
        self.config = config
        self._by_host: dict[str, tuple[float, PoliteFetcher]] = {}
        self._lock = threading.Lock()

    def for_url(self, url: str) -> PoliteFetcher:
        host = urlsplit(url).netloc.lower()
        with self._lock:
            made, fetcher = self._by_host.get(host, (0.0, None))
            if fetcher is None or time.monotonic() - made > self.ROBOTS_TTL:
                if fetcher is not None:
                    fetcher.close()
                fetcher = PoliteFetcher(delay=self.config.host_delay, timeout=self.config.timeout,
                                        deadline=max(self.config.timeout, 1.0) * 2, max_bytes=self.config.max_bytes)
                self._by_host[host] = (time.monotonic(), fetcher)
            return fetcher

    def fetch(self, url: str, **conditional: str | None) -> FetchResult:
        return self.for_url(url).fetch(url, **conditional)

    def close(self) -> None:
        for _made, fetcher in self._by_host.values():
            fetcher.close()
        self._by_host.clear()


def _stamp() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def backoff(config: WatchConfig, failures: int) -> float:
    """Seconds to wait after ``failures`` failures in a row (exponential, capped)."""
    return min(config.interval * 2 ** max(failures - 1, 0), config.max_backoff)


def poll(spec: FeedSpec, store, fetchers: HostFetchers, config: WatchConfig, *, force: bool = False) -> Poll:
    """Poll one feed (unless it is backing off and not ``force``d); never raises for the feed's faults."""
    state = feed_state(store, spec.url)
    now = time.time()
    if not force and state.next_poll > now:
        return Poll(spec.url, WAITING, state)
    try:
        result = fetchers.fetch(spec.url, etag=state.etag, last_modified=state.last_modified)
        fetched_at = time.monotonic()
        if result.status == 304:
            return Poll(spec.url, NOT_MODIFIED, replace(state, last_polled=_stamp(), last_status="304", failures=0,
                                                       next_poll=0.0), fetched_at=fetched_at)
        items = _new_items(spec, result, store, fetchers)
    except (FetchError, IngestError, NotASitemap) as err:
        reason = err.reason if isinstance(err, IngestError) else str(err)
        failures = state.failures + 1
        failed = replace(state, last_polled=_stamp(), last_status=f"failed: {reason}", failures=failures,
                         next_poll=now + backoff(config, failures))
        return Poll(spec.url, FAILED, failed, error=reason)
    good = replace(state, etag=result.etag, last_modified=result.last_modified, last_polled=_stamp(),
                   last_status=str(result.status), failures=0, next_poll=0.0)
    return Poll(spec.url, NEW, good, items=items, fetched_at=fetched_at)


def _new_items(spec: FeedSpec, result: FetchResult, store, fetchers: HostFetchers) -> list[tuple[str, Item]]:
    is_sitemap = spec.kind == "sitemap" or (spec.kind == "auto" and looks_like_sitemap(result.body))
    if is_sitemap:
        return _sitemap_items(spec, result, store, fetchers)
    entries, feed_title = parse_feed(result.body, feed_url=result.url, strict=True)
    keyed = [(entry_key(e), number, e) for number, e in enumerate(entries, 1)]
    seen = seen_items(store, spec.url, (k for k, _, _ in keyed))
    feed_id = url_id(spec.url)
    title = spec.name or feed_title
    return [(key, read_item(entry, number=number, feed_id=feed_id, origin=spec.url, feed_title=title,
                            fetcher=lambda: fetchers))
            for key, number, entry in keyed if key not in seen]


def _sitemap_items(spec: FeedSpec, result: FetchResult, store, fetchers: HostFetchers) -> list[tuple[str, Item]]:
    sitemap = read_sitemap(result.body)
    pages = list(sitemap.pages)
    for nested in sitemap.sitemaps[:50]:  # an index: one level down, each listed sitemap
        pages += read_sitemap(fetchers.fetch(nested).body).pages
    keyed = [(f"{url}#{lastmod or ''}", url) for url, lastmod in pages]
    seen = seen_items(store, spec.url, (k for k, _ in keyed))
    items = []
    for key, url in keyed:
        if key in seen:
            continue
        doc_id = url_id(url)
        try:
            page = fetchers.fetch(url)
            item: Item = read_html(page.body, doc_id=doc_id, origin=page.url, url=page.url,
                                   known={"fallback_source": spec.name, "meta": {"feed": spec.url}})
        except FetchError as err:
            item = quarantine(doc_id, url, IngestError(f"sitemap page: could not fetch {url}: {err}"))
        except IngestError as err:
            item = quarantine(doc_id, url, err)
        items.append((key, item))
    return items
