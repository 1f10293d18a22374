"""A scripted feed server on 127.0.0.1 for the watch tests and bench: each path answers what the
current step of its script says (a feed, an HTTP error, a slow answer, garbage), with ETag and
Last-Modified on every 200 and a 304 when the client sends them back unchanged. Every request is
logged (path, conditional headers, status), so tests can check what a poll asked and got.

Everything served is fiction written for these tests (outlets, towns' events, people).
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable
from xml.sax.saxutils import escape


@dataclass
class Answer:
    status: int = 200
    body: bytes = b""
    content_type: str = "application/rss+xml"
    delay: float = 0.0  # seconds before answering (a slow server)
    validators: bool = True  # send ETag / Last-Modified (and honour them)


def rss(title: str, items: list[dict]) -> bytes:
    """An RSS 2.0 feed whose items carry their full text (content:encoded)."""
    parts = [f"<item><title>{escape(i['title'])}</title><link>{escape(i['url'])}</link>"
             f"<guid>{escape(i['url'])}</guid><pubDate>{escape(i['pubdate'])}</pubDate>"
             f"<content:encoded><![CDATA[<p>{i['text']}</p>]]></content:encoded></item>" for i in items]
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            f"<title>{escape(title)}</title><link>http://{escape(title.lower().replace(' ', ''))}.example/</link>"
            + "".join(parts) + "</channel></rss>").encode("utf-8")


class FeedServer:
    """``with FeedServer() as server``: ``server.url(path)``; ``server.script[path] = Answer(...)`` or a
    callable returning one; ``server.log`` the requests seen."""

    def __init__(self) -> None:
        self.script: dict[str, Answer | Callable[[], Answer]] = {}
        self.robots = "User-agent: *\nDisallow: /private/\n"
        self.log: list[dict] = []
        self.posts: list[bytes] = []
        self.served: dict[str, float] = {}  # path -> time.monotonic() of its last 200
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                server._answer(self)

            def do_POST(self) -> None:  # a webhook: the bodies are kept in ``server.posts``
                length = int(self.headers.get("Content-Length") or 0)
                with server._lock:
                    server.posts.append(self.rfile.read(length))
                self.send_response(204)
                self.end_headers()

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"

    def __enter__(self) -> "FeedServer":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join(5)

    def requests(self, path: str) -> list[dict]:
        with self._lock:
            return [r for r in self.log if r["path"] == path]

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        path = handler.path
        if path == "/robots.txt":
            self._send(handler, path, 200, self.robots.encode(), "text/plain", {})
            return
        answer = self.script.get(path)
        if callable(answer):
            answer = answer()
        if answer is None:
            self._send(handler, path, 404, b"not here", "text/plain", {})
            return
        if answer.delay:
            time.sleep(answer.delay)
        headers = {}
        if answer.status == 200 and answer.validators:
            etag = '"' + hashlib.sha1(answer.body).hexdigest()[:16] + '"'
            modified = formatdate(1_700_000_000 + len(answer.body), usegmt=True)
            headers = {"ETag": etag, "Last-Modified": modified}
            if handler.headers.get("If-None-Match") == etag:
                self._send(handler, path, 304, b"", answer.content_type, headers)
                return
        self._send(handler, path, answer.status, answer.body, answer.content_type, headers)

    def _send(self, handler, path: str, status: int, body: bytes, content_type: str, headers: dict) -> None:
        with self._lock:
            self.log.append({"path": path, "status": status, "if_none_match": handler.headers.get("If-None-Match"),
                             "if_modified_since": handler.headers.get("If-Modified-Since")})
            if status == 200:
                self.served[path] = time.monotonic()
        try:
            handler.send_response(status)
            handler.send_header("Content-Type", content_type)
            handler.send_header("Content-Length", str(len(body)))
            for key, value in headers.items():
                handler.send_header(key, value)
            handler.end_headers()
            if body:
                handler.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (a timeout test)
            pass
