"""Story pages made ahead, kept in the store (:mod:`newsfuse.store.story_pages`), so the first visit to a
story after the desk starts is a row read, not a render (4-25 ms of CPU that, under 50 clients, queued
every other request behind it).

``analyze`` makes them (:func:`newsfuse.desk.make_ahead.make_pages`) once its run is recorded, with the
desk's own story route, so a stored page is byte for byte the page the route makes. Each is kept under
the state of the store's articles, briefings and runs (:meth:`Reader.data_state`, which every run
moves) and the :func:`renderer` that made it. The desk serves a stored page only while both are still
the same and no correction made since touches the story (:meth:`BriefSource.stale`, the same test that
makes the route build the story's briefing again): then the route would make this very page. A
correction therefore shows at once on the stories it touches, and the others stay made ahead.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib.resources import files

from .. import __version__
from ..annotate.figures.categories import CATEGORIES
from ..corpus.corrections import KINDS
from ..store.story_pages import stored_page

STORY_PREFIX = "/stories/"


@lru_cache(maxsize=1)
def renderer() -> str:
    """Names what makes a page: the newsfuse version, every file of the desk package (code and
    templates) and the tables a story page lists. A page made by another renderer is not served."""
    digest = hashlib.blake2b(digest_size=12)
    digest.update(f"{__version__}|{sorted(CATEGORIES)!r}|{list(KINDS)!r}".encode())
    root = files("newsfuse.desk")
    todo = [root]
    while todo:
        folder = todo.pop()
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.is_dir():
                if entry.name != "__pycache__":
                    todo.append(entry)
            elif entry.name.endswith((".py", ".html")):
                digest.update(entry.name.encode() + b"\0" + entry.read_bytes())
    return digest.hexdigest()


def story_of_path(path: str) -> str | None:
    """The story id of a story page's path (``/stories/<id>``), else None.

    >>> story_of_path("/stories/story-1"), story_of_path("/stories/"), story_of_path("/articles/a1")
    ('story-1', None, None)
    """
    if not path.startswith(STORY_PREFIX):
        return None
    story_id = path[len(STORY_PREFIX):]
    return story_id if story_id and "/" not in story_id else None


def story_scope(story_id: str) -> dict:
    """The ASGI scope of a signed-out GET of the story's page, for making it outside a request."""
    return {"type": "http", "method": "GET", "path": STORY_PREFIX + story_id, "raw_path": b"", "query_string": b"",
            "headers": [], "scheme": "http", "server": ("127.0.0.1", 80), "root_path": ""}


def find(reader, briefs, key: tuple) -> bytes | None:
    """The stored compressed page answering the answer cache's ``key`` (path, query, state, signed in):
    only a story page without query, as seen signed out, made under the store's present data state and
    this renderer, of a story no correction has touched since its briefing was stored."""
    path, query, _state, signed_in = key
    story_id = None if (query or signed_in) else story_of_path(path)
    if story_id is None or story_id in briefs.stale(reader.corrections_state()):
        return None
    return stored_page(reader.store()._conn, story_id, state=reader.data_state(), renderer=renderer())
