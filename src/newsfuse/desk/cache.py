"""The desk's answer cache: every GET answer is a function of the URL, whether the analyst is signed
in, and the store's state (:meth:`Reader.state`), so it is kept gzip-compressed under that key, tagged
with an ETag made of it, and later requests for it are a dict look-up and a send.

:class:`CachedAnswers` serves hits before routing: a hit costs no FastAPI parameter parsing and no hop
to the worker thread pool, which under load (tens of clients on two cores) was most of a warm page's
time. A miss first asks ``stored`` for an answer made ahead and kept elsewhere (a story page kept in the
store, :mod:`newsfuse.desk.stored_pages`); only then does it go on to the routes, which fill the cache
through :meth:`AnswerCache.answer`.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
import time
from collections import OrderedDict
from typing import Callable

from starlette.requests import cookie_parser
from starlette.responses import Response

MAX_BYTES = 64 * 1024 * 1024  # compressed answers kept, oldest dropped first


class Answer:
    """One cached answer: compressed body, media type, status, extra headers and its ETag."""

    __slots__ = ("gz", "media", "status", "headers", "etag")

    def __init__(self, gz: bytes, media: str, status: int, headers: dict[str, str], etag: str) -> None:
        self.gz, self.media, self.status, self.headers, self.etag = gz, media, status, headers, etag

    def response(self, accept_encoding: str, if_none_match: str) -> Response:
        headers = dict(self.headers)
        if self.etag in [t.strip() for t in if_none_match.split(",")]:
            return Response(status_code=304, headers=headers)
        if "gzip" in accept_encoding:
            headers["Content-Encoding"] = "gzip"
            return Response(self.gz, status_code=self.status, media_type=self.media, headers=headers)
        return Response(gzip.decompress(self.gz), status_code=self.status, media_type=self.media, headers=headers)


def etag_of(key: tuple) -> str:
    return 'W/"' + hashlib.blake2b(repr(key).encode(), digest_size=12).hexdigest() + '"'


class AnswerCache:
    """Answers by (path, query, store state, signed in), least recently used dropped past ``max_bytes``."""

    def __init__(self, state: Callable[[], str], signed_in: Callable[[str | None], bool], *, cookie: str,
                 max_bytes: int = MAX_BYTES, stored: Callable[[tuple], bytes | None] = lambda key: None) -> None:
        self.state = state
        self.signed_in = signed_in  # the value of the cookie named ``cookie`` -> signed in?
        self.cookie = cookie
        self.max_bytes = max_bytes
        self.stored = stored  # key -> an HTML answer's gzip body made ahead, or None
        self.last_request = 0.0  # time.monotonic() of the latest GET, so background work can keep out of the way
        self._answers: OrderedDict[tuple, Answer] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def key(self, scope) -> tuple:
        cookies = _header(scope, b"cookie")
        token = cookie_parser(cookies).get(self.cookie) if cookies else None
        return (scope["path"], scope.get("query_string", b"").decode("latin-1"), self.state(), self.signed_in(token))

    def full(self) -> bool:
        return self._bytes >= self.max_bytes * 0.9

    def get(self, key: tuple) -> Answer | None:
        with self._lock:
            hit = self._answers.get(key)
            if hit is not None:
                self._answers.move_to_end(key)
            return hit

    def find(self, key: tuple) -> Answer | None:
        """The answer kept here, else one made ahead (``stored``), which is then kept here too."""
        hit = self.get(key)
        if hit is None:
            gz = self.stored(key)
            if gz is not None:
                hit = Answer(gz, "text/html; charset=utf-8", 200, _headers(etag_of(key)), etag_of(key))
                self.put(key, hit)
        return hit

    def clear(self) -> None:
        with self._lock:
            self._answers.clear()
            self._bytes = 0

    def idle_for(self) -> float:
        """Seconds since the latest GET request."""
        return time.monotonic() - self.last_request

    def put(self, key: tuple, answer: Answer) -> None:
        with self._lock:
            old = self._answers.pop(key, None)
            if old is not None:
                self._bytes -= len(old.gz)
            self._answers[key] = answer
            self._bytes += len(answer.gz)
            while self._bytes > self.max_bytes and len(self._answers) > 1:
                self._bytes -= len(self._answers.popitem(last=False)[1].gz)

    def answer(self, scope, make: Callable[[], tuple[bytes, str]], *, status: int = 200,
               filename: str | None = None) -> Response:
        """The answer to the GET request ``scope``: from the cache, else made by ``make()`` (body, media
        type) and kept."""
        key = self.key(scope)
        hit = self.find(key)
        if hit is None:
            etag = etag_of(key)
            headers = _headers(etag, filename)
            if etag in [t.strip() for t in _header(scope, b"if-none-match").split(",")]:
                return Response(status_code=304, headers=headers)  # the client has it: nothing to make
            body, media = make()
            hit = Answer(gzip.compress(body, compresslevel=5, mtime=0), media, status, headers, etag)
            self.put(key, hit)
        return hit.response(_header(scope, b"accept-encoding"), _header(scope, b"if-none-match"))


class CachedAnswers:
    """ASGI middleware: a GET whose answer is cached is answered here, before routing."""

    def __init__(self, app, cache: AnswerCache) -> None:
        self.app = app
        self.cache = cache

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope["method"] == "GET":
            self.cache.last_request = time.monotonic()
            hit = self.cache.find(self.cache.key(scope))
            if hit is not None:
                response = hit.response(_header(scope, b"accept-encoding"), _header(scope, b"if-none-match"))
                return await response(scope, receive, send)
        return await self.app(scope, receive, send)


def _headers(etag: str, filename: str | None = None) -> dict[str, str]:
    headers = {"ETag": etag, "Cache-Control": "no-cache", "Vary": "Accept-Encoding, Cookie"}
    if filename:
        headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return headers


def _header(scope, name: bytes) -> str:
    for key, value in scope.get("headers") or ():
        if key == name:
            return value.decode("latin-1")
    return ""
