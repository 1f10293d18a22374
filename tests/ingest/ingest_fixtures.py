"""Small original fixtures for the ingest tests: pages written for these tests, a helper that builds
WARC files in tmp_path, and a local HTTP server (127.0.0.1, a thread) for feeds — never the internet.

(A module with its own name rather than conftest.py, so that ``from ingest_fixtures import ...`` cannot
pick up another folder's conftest.)"""

from __future__ import annotations

import io
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

LEVEE_PARAGRAPHS = [
    "Several hundred residents of Lower Tessby left their homes on Monday night after the eastern "
    "levee of the Marl river gave way under three days of heavy rain, county officials said.",
    "The county emergency office said about 420 people had registered at the shelter in the Tessby "
    "sports hall by Tuesday morning, while others were staying with relatives in the hill villages.",
    "Water reached the first floor of houses along Quay Street within an hour of the breach, according "
    "to Ilse Marwood, a volunteer firefighter who helped carry elderly neighbours to the boats.",
    "Engineers had warned the council in February that the embankment needed urgent repairs, but the "
    "work was postponed until the summer because of a dispute over who would pay for it.",
    "The regional water authority said it would pump the low fields dry over the coming week and "
    "asked residents not to return until the electricity network had been checked.",
]
LEVEE_TITLE = "Levee breach forces hundreds from homes in Lower Tessby"
LEVEE_URL = "https://www.tessby-courier.example/news/2021/04/levee-breach-lower-tessby.html"


def article_page(title: str, paragraphs: list[str], *, site: str | None, url: str | None,
                 published: str | None, comment: str = "") -> str:
    """A news page with the furniture real pages have around the article."""
    head = [f"<title>{title} | {site or 'News'}</title>", '<meta charset="utf-8">']
    if site:
        head.append(f'<meta property="og:site_name" content="{site}">')
    if url:
        head.append(f'<link rel="canonical" href="{url}">')
    if published:
        head.append(f'<meta property="article:published_time" content="{published}">')
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    comments = (f'<section id="comments" class="comments"><h3>Comments</h3>'
                f'<div class="comment"><p>{comment}</p></div></section>') if comment else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head>{''.join(head)}</head>
<body>
<header><nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav></header>
<main><article>
<h1>{title}</h1>
<div class="byline">By Staff Reporter</div>
<div class="article-body">
{body}
</div>
</article>
{comments}
<aside class="related"><h3>Most read</h3><ul><li><a href="/a">Bakery wins regional prize</a></li>
<li><a href="/b">Council approves new cycle lanes</a></li></ul></aside>
</main>
<footer><p>Copyright 2021 {site or 'the publisher'}. All rights reserved.</p></footer>
</body></html>"""


LEVEE_HTML = article_page(
    LEVEE_TITLE, LEVEE_PARAGRAPHS, site="Tessby Courier", url=LEVEE_URL,
    published="2021-04-12T08:30:00+00:00",
    comment="This is what happens when nobody listens to the engineers, I said so years ago!",
)

FERRY_PARAGRAPHS = [
    "The ferry between Orwen and the island of Skell will stop running for two weeks from Friday while "
    "the harbour crane is replaced, the shipping company announced on Wednesday.",
    "Islanders who need to reach the hospital on the mainland will be taken across by the coastguard, "
    "and food deliveries will arrive twice a week on a chartered cargo boat.",
    "The harbour master, Petra Lunde, said the old crane had failed an inspection in March and could not "
    "be repaired safely, so the company had ordered a new one from a yard in the north.",
]
FERRY_TITLE = "Skell ferry suspended for two weeks during crane works"


def ferry_page() -> str:
    return article_page(FERRY_TITLE, FERRY_PARAGRAPHS, site=None, url=None, published="2021-05-03")


GERMAN_PARAGRAPHS = [
    "Nach tagelangem Regen ist in der Nacht zum Montag der Deich am Fluss gebrochen, und mehrere hundert "
    "Menschen mussten ihre Häuser verlassen, wie die Behörden des Landkreises mitteilten.",
    "Die Feuerwehr brachte ältere Bewohner mit Booten in Sicherheit, während das Wasser in den Straßen "
    "am Hafen schnell anstieg und die Stromversorgung in mehreren Vierteln ausfiel.",
    "Die Ingenieure hatten den Gemeinderat bereits im Februar gewarnt, dass der Damm dringend repariert "
    "werden müsse, doch die Arbeiten wurden wegen eines Streits um die Kosten verschoben.",
]


def make_warc(path: Path, records: list[dict], *, gz: bool) -> Path:
    """A WARC with one record per dict: {"type": "response"|"request"|"resource", "url", "status",
    "content_type", "body": bytes}."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gz)
        for spec in records:
            kind = spec.get("type", "response")
            body = spec.get("body", b"")
            if kind == "response":
                status = spec.get("status", "200 OK")
                http = StatusAndHeaders(status, [("Content-Type", spec.get("content_type", "text/html; charset=utf-8"))],
                                        protocol="HTTP/1.1")
                record = writer.create_warc_record(spec["url"], "response", payload=io.BytesIO(body), http_headers=http)
            elif kind == "request":
                http = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example")], is_http_request=True)
                record = writer.create_warc_record(spec["url"], "request", payload=io.BytesIO(b""), http_headers=http)
            else:
                record = writer.create_warc_record(spec["url"], kind, payload=io.BytesIO(body),
                                                   warc_content_type=spec.get("content_type", "text/html"))
            writer.write_record(record)
    return path


class SiteServer:
    """A tiny local web site: ``routes`` maps a path to (status, headers, body); requests are logged."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.routes: dict[str, tuple[int, dict[str, str], bytes]] = {}
        self.requests: list[tuple[str, str]] = []  # (path, user agent)
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                server.requests.append((self.path, self.headers.get("User-Agent", "")))
                status, headers, body = server.routes.get(self.path, (404, {"Content-Type": "text/plain"}, b"not found"))
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:  # keep test output clean
                pass

        self._httpd = ThreadingHTTPServer((host, 0), Handler)
        self.base = f"http://{host}:{self._httpd.server_address[1]}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()

    def add(self, path: str, body: str | bytes, *, status: int = 200, content_type: str = "text/html; charset=utf-8",
            headers: dict[str, str] | None = None) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = (status, {"Content-Type": content_type, **(headers or {})}, data)
        return self.base + path

    def paths_requested(self) -> list[str]:
        return [path for path, _ in self.requests]

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


class TricklingServer:
    """A web server on 127.0.0.1 that answers every request slowly: the status line and headers,
    then one byte of body every ``every`` seconds for ever (``headers_too``: the headers themselves one
    byte at a time). Per-read timeouts never fire on it; only an overall deadline ends a fetch."""

    def __init__(self, *, every: float = 0.2, headers_too: bool = False) -> None:
        self.every, self.headers_too = every, headers_too
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.1)
        self.base = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except OSError:
                continue
            self.connections += 1
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n"
        try:
            conn.recv(65536)
            if self.headers_too:
                for byte in head:
                    if self._stop.wait(self.every):
                        return
                    conn.sendall(bytes([byte]))
            else:
                conn.sendall(head + b"<html><body><p>")
            while not self._stop.wait(self.every):
                conn.sendall(b"x")
        except OSError:
            pass
        finally:
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._listener.close()
        self._thread.join(timeout=2)
