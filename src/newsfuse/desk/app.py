"""The desk's ASGI app: shared state (store reader, briefings, token, response cache), the security
middleware, static files, and the page and API routes.

Every GET answer is a function of the URL and the store's state (:meth:`Reader.state`), so it is
cached under that pair and tagged with an ETag made of it: a client that sends ``If-None-Match`` gets
304 without the page being made again, and a correction or an ``analyze`` run changes the state.
"""

from __future__ import annotations

import threading
import time
from importlib.resources import files
from typing import Callable

import jinja2
from fastapi import FastAPI, Request
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles

from . import stored_pages, views
from .briefs import BriefSource
from .cache import AnswerCache, CachedAnswers
from .reader import Reader
from .security import SecurityMiddleware, TOKEN_COOKIE, csrf_for, link_url, same_token


IDLE_SECONDS = 0.05  # background work waits until no request has come for this long


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
        self.answers = AnswerCache(self.reader.state, lambda given: same_token(given, token), cookie=TOKEN_COOKIE,
                                   stored=lambda key: stored_pages.find(self.reader, self.briefs, key))
        self.story_page: Callable | None = None  # the story route, set by pages.router
        self._figures: tuple[str, list[dict]] | None = None
        self._figures_lock = threading.Lock()

    def figure_rows(self, *, pace: Callable[[], None] | None = None) -> list[dict]:
        """Every figure group of every story (:func:`views.figure_rows`), made once per store state: the
        figures table and ``/api/v1/figures`` filter this list. With ``pace`` (the start-up warm-up),
        ``pace()`` is called between stories and no request waits for this one."""
        state = self.reader.state()
        if pace is not None:
            rows = views.figure_rows(self.briefs.all(pace=pace))
            with self._figures_lock:
                if self._figures is None or self._figures[0] != state:
                    self._figures = (state, rows)
                return self._figures[1]
        with self._figures_lock:  # one request makes them; the others wait for it rather than repeat it
            if self._figures is None or self._figures[0] != state:
                self._figures = (state, views.figure_rows(self.briefs.all()))
            return self._figures[1]

    def when_idle(self, quiet: float = IDLE_SECONDS) -> None:
        """Return once no GET request has come for ``quiet`` seconds: background work waits while the
        desk is answering, instead of taking the interpreter from the requests."""
        while (idle := self.answers.idle_for()) < quiet:
            time.sleep(quiet - idle)

    def warm_up(self) -> int:
        """What the desk does when it starts, in the background and only while no request is being
        answered: the figures of every story, then every story page not already made ahead."""
        self.figure_rows(pace=self.when_idle)
        return self.warm_story_pages(pace=self.when_idle)

    def warm_story_pages(self, *, pace: Callable[[], None] = lambda: None) -> int:
        """Make every story's page (as seen signed out, most recent stories first) into the answer cache,
        so an analyst's first visit is a cache hit; stories whose page was made ahead and kept in the
        store are left there. Stops when the cache is full. Returns how many pages it made."""
        made = 0
        for (story_id,) in self.reader.rows("SELECT id FROM stories ORDER BY coalesce(last_published, "
                                            "first_published) DESC NULLS LAST, id"):
            if self.answers.full():
                break
            pace()
            scope = stored_pages.story_scope(story_id)
            key = self.answers.key(scope)
            if self.answers.get(key) is not None or stored_pages.find(self.reader, self.briefs, key) is not None:
                continue
            try:
                self.story_page(Request(scope), story_id, since="")
                made += 1
            except Exception:  # noqa: BLE001 - a page that fails here fails the same way when asked for
                continue
        return made

    def signed_in(self, request: Request) -> bool:
        return same_token(request.cookies.get(TOKEN_COOKIE), self.token)

    def csrf(self) -> str:
        return csrf_for(self.token)

    def render(self, template: str, **context) -> bytes:
        return self.templates.get_template(template).render(**context).encode("utf-8")

    def respond(self, request: Request, make: Callable[[], tuple[bytes, str]], *, status: int = 200,
                filename: str | None = None) -> Response:
        """A GET answer from the cache or ``make()`` (body, media type), with its ETag; 304 when the
        client has it already. Bodies are kept gzip-compressed (a story page shrinks about 8x), so the
        cache holds the pages of thousands of stories, and sent so to clients that accept gzip."""
        return self.answers.answer(request.scope, make, status=status, filename=filename)


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
    app.add_middleware(CachedAnswers, cache=desk.answers)  # inside the security headers' middleware
    app.add_middleware(SecurityMiddleware)
    return app
