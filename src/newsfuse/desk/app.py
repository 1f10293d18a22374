"""The desk's ASGI app: shared state (store reader, briefings, token, response cache), the security
middleware, static files, and the page and API routes.

Every GET answer is a function of the URL and the store's state (:meth:`Reader.state`), so it is
cached under that pair and tagged with an ETag made of it: a client that sends ``If-None-Match`` gets
304 without the page being made again, and a correction or an ``analyze`` run changes the state.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from importlib.resources import files
from typing import Callable

import jinja2
from fastapi import FastAPI, Request
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles

from .briefs import BriefSource
from .reader import Reader
from .security import SecurityMiddleware, TOKEN_COOKIE, csrf_for, link_url, same_token

RESPONSE_CACHE = 512


class Desk:
    """What the routes share."""

    def __init__(self, db: str, *, token: str, outlets: str | None = None) -> None:
        self.reader = Reader(db)
        self.db = db
        self.briefs = BriefSource(self.reader, outlets=outlets)
        self.token = token
        self.templates = jinja2.Environment(
            loader=jinja2.PackageLoader("newsfuse.desk", "templates"),
            autoescape=True,  # every string from an article is escaped; nothing is marked safe
            trim_blocks=True, lstrip_blocks=True,
        )
        self.templates.filters["link_url"] = link_url
        self.templates.filters["num"] = _num
        self._cache: OrderedDict[tuple, tuple[bytes, str, int]] = OrderedDict()
        self._lock = threading.Lock()

    def signed_in(self, request: Request) -> bool:
        return same_token(request.cookies.get(TOKEN_COOKIE), self.token)

    def csrf(self) -> str:
        return csrf_for(self.token)

    def render(self, template: str, **context) -> bytes:
        return self.templates.get_template(template).render(**context).encode("utf-8")

    def respond(self, request: Request, make: Callable[[], tuple[bytes, str]], *, status: int = 200,
                filename: str | None = None) -> Response:
        """A GET answer from the cache or ``make()`` (body, media type), with its ETag; 304 when the
        client has it already."""
        signed_in = self.signed_in(request)
        key = (request.url.path, request.url.query, self.reader.state(), signed_in)
        etag = '"' + hashlib.blake2b(repr(key).encode(), digest_size=12).hexdigest() + '"'
        headers = {"ETag": etag, "Cache-Control": "no-cache"}
        if filename:
            headers["Content-Disposition"] = f'attachment; filename="{filename}"'
        if etag in [t.strip() for t in request.headers.get("if-none-match", "").split(",")]:
            return Response(status_code=304, headers=headers)
        with self._lock:
            hit = self._cache.get(key)
            if hit is not None:
                self._cache.move_to_end(key)
        if hit is None:
            body, media = make()
            hit = (body, media, status)
            with self._lock:
                self._cache[key] = hit
                while len(self._cache) > RESPONSE_CACHE:
                    self._cache.popitem(last=False)
        return Response(hit[0], status_code=hit[2], media_type=hit[1], headers=headers)


def _num(value: object) -> str:
    if value is None:
        return "…"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, (int, float)) else str(value)


def create_app(db: str, *, token: str, outlets: str | None = None) -> FastAPI:
    """The desk over the store at ``db``; corrections need ``token``."""
    from . import api_v1, pages

    desk = Desk(db, token=token, outlets=outlets)
    app = FastAPI(title="newsfuse desk", version="1", docs_url=None, redoc_url=None,
                  description="Stories, briefings, articles with their layers, figures and corrections "
                              "from a newsfuse store.")
    app.state.desk = desk
    app.mount("/static", StaticFiles(directory=str(files("newsfuse.desk") / "static")), name="static")
    app.include_router(api_v1.router(desk))
    app.include_router(pages.router(desk))
    app.add_middleware(SecurityMiddleware)
    return app
