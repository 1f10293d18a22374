"""A polite HTTP client for feed URLs and the article links in feeds.

Polite means: a User-Agent that names newsfuse, robots.txt obeyed, at most one request per
``delay`` seconds to each host, timeouts on connect and read, a size cap on bodies (streamed, so a
huge response is cut off rather than held in memory), and few redirects. Only ``http``/``https``.

Careful means: an overall ``deadline`` per fetch (a server trickling bytes cannot hold a run), and
no loopback, private or reserved addresses unless ``allow_private`` (setting
``NEWSFUSE_FETCH_ALLOW_PRIVATE``, off by default): see :mod:`newsfuse.ingest.netguard`.

>>> fetcher = PoliteFetcher(delay=0)            # doctest: +SKIP
>>> page = fetcher.fetch("https://example.org/") # doctest: +SKIP
>>> page.status, page.content_type               # doctest: +SKIP
(200, 'text/html')
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit
from typing import TYPE_CHECKING
from urllib.robotparser import RobotFileParser

from .. import __version__ as _newsfuse_version
from ..settings import fetch_allows_private, fetch_deadline

if TYPE_CHECKING:
    import httpx

    from . import netguard

USER_AGENT = f"newsfuse/{_newsfuse_version} (news cross-checking tool; polite fetcher)"
ROBOTS_AGENT = "newsfuse"


class FetchError(Exception):
    """A URL that could not be fetched; the message is the reason shown to the user."""


@dataclass(frozen=True, slots=True)
class FetchResult:
    url: str  # after redirects
    status: int
    content_type: str  # media type only, lower-case ("text/html")
    body: bytes
    etag: str | None = None  # validators for a conditional GET next time (``fetch(..., etag=...)``)
    last_modified: str | None = None


@dataclass
class PoliteFetcher:
    delay: float = 1.0  # seconds between two requests to the same host
    timeout: float = 15.0  # for connecting, and for each read
    deadline: float | None = None  # for a whole fetch, redirects included (None: the setting, default 60 s)
    allow_private: bool | None = None  # loopback/private addresses (None: the setting, default no)
    max_bytes: int = 20_000_000
    max_redirects: int = 5
    user_agent: str = USER_AGENT
    respect_robots: bool = True
    _client: "httpx.Client | None" = field(default=None, repr=False)
    _last_request: dict[str, float] = field(default_factory=dict, repr=False)
    _robots: dict[str, RobotFileParser | None] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _guard: "netguard.Guard | None" = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.deadline is None:
            self.deadline = fetch_deadline()
        if self.allow_private is None:
            self.allow_private = fetch_allows_private()

    def _http(self) -> "httpx.Client":
        import httpx  # imported on first use: most runs read local files only

        from . import netguard

        if self._client is None:
            self._guard = netguard.Guard(allow_private=bool(self.allow_private))
            transport = httpx.HTTPTransport()
            self._client = httpx.Client(
                headers={"User-Agent": self.user_agent, "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5"},
                timeout=httpx.Timeout(self.timeout, connect=min(self.timeout, 10.0)),
                follow_redirects=True,
                max_redirects=self.max_redirects,
                transport=transport,
            )
            netguard.install(self._client, transport, self._guard)
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def __enter__(self) -> "PoliteFetcher":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _wait_turn(self, host: str) -> None:
        with self._lock:
            now = time.monotonic()
            ready = self._last_request.get(host, -1e9) + self.delay
            if ready > now:
                time.sleep(ready - now)
            self._last_request[host] = time.monotonic()

    def _allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._robots[origin] = self._load_robots(origin)
        rules = self._robots[origin]
        return rules is None or rules.can_fetch(ROBOTS_AGENT, url)

    def _load_robots(self, origin: str) -> RobotFileParser | None:
        """The site's robots.txt rules; None (everything allowed) when it has none or it fails to load."""
        try:
            result = self._get(origin + "/robots.txt", max_bytes=500_000)
        except FetchError:
            return None
        if result.status != 200:
            return None
        rules = RobotFileParser()
        rules.parse(result.body.decode("utf-8", "replace").splitlines())
        return rules

    def _get(self, url: str, *, max_bytes: int, headers: dict[str, str] | None = None) -> FetchResult:
        import httpx

        from .netguard import PRIVATE_HINT, DeadlinePassed, RefusedAddress

        self._wait_turn(urlsplit(url).netloc.lower())
        client = self._http()
        assert self._guard is not None
        self._guard.start(self.deadline)
        too_slow = f"took longer than the {self.deadline:g} s allowed for one fetch"
        try:
            with client.stream("GET", url, headers=headers) as response:
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > max_bytes:
                    raise FetchError(f"response is {int(declared):,} bytes, over the {max_bytes:,} limit")
                body = bytearray()
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > max_bytes:
                        raise FetchError(f"response is over the {max_bytes:,} byte limit")
                    if self._guard.passed():  # also through a proxy, whose sockets the guard does not see
                        raise DeadlinePassed()
                media = response.headers.get("content-type", "").split(";")[0].strip().lower()
                return FetchResult(url=str(response.url), status=response.status_code, content_type=media,
                                   body=bytes(body), etag=response.headers.get("etag"),
                                   last_modified=response.headers.get("last-modified"))
        except RefusedAddress as err:
            raise FetchError(f"refused: {err}; {PRIVATE_HINT}") from None
        except DeadlinePassed:
            raise FetchError(too_slow) from None
        except httpx.TooManyRedirects:
            raise FetchError(f"more than {self.max_redirects} redirects") from None
        except httpx.TimeoutException:
            raise FetchError(too_slow if self._guard.passed() else f"timed out after {self.timeout:g} s") from None
        except httpx.HTTPError as err:
            raise FetchError(f"{type(err).__name__}: {err}") from None
        finally:
            self._guard.start(None)

    def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> FetchResult:
        """GET ``url``; raises FetchError for bad schemes, robots.txt refusals, HTTP errors, caps.

        With ``etag`` or ``last_modified`` (from an earlier result) the GET is conditional: an unchanged
        resource comes back as status 304 with an empty body, not as an error."""
        scheme = urlsplit(url).scheme.lower()
        if scheme not in ("http", "https"):
            raise FetchError(f"not an http(s) URL: {url!r}")
        if self.respect_robots and not self._allowed(url):
            raise FetchError("robots.txt disallows fetching it")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        result = self._get(url, max_bytes=self.max_bytes, headers=headers or None)
        if result.status == 304 and headers:
            return result
        if not 200 <= result.status < 300:
            raise FetchError(f"HTTP {result.status}")
        return result
