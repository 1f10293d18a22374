"""Making every story's desk page ahead, into the store (:mod:`newsfuse.desk.stored_pages` says when the
desk serves one): with the desk's own story route, so a page made ahead is byte for byte the page the
route makes."""

from __future__ import annotations

from typing import Collection

from starlette.requests import Request

from ..store.story_pages import carry_pages, paged_stories, save_pages
from .reader import Reader
from .stored_pages import renderer, story_scope

BATCH = 200  # pages written per transaction: the writer lock is held anyway, this bounds memory


def data_state(db: str) -> str:
    """The store's data state as the desk reads it (:meth:`Reader.data_state`): the key a page made now
    is kept under. An update that knows which stories it changes notes it first (see :func:`make_pages`)."""
    reader = Reader(db)
    try:
        return reader.data_state()
    finally:
        reader.close()


def make_pages(db: str, *, outlets: str | None = None, changed: Collection[str] | None = None,
               made_under: str | None = None) -> int:
    """Make every story's page (signed out) with the desk's story route and keep it in the store at
    ``db`` under the store's present data state (:meth:`Reader.data_state`); returns how many. The caller holds the writer lock, so the
    state cannot move while the pages are made. Stories whose stored briefing a correction has made
    stale are left to the desk (it builds their briefing live).

    An update that changed only the stories ``changed`` since the data state was ``made_under`` (a round
    of ``newsfuse watch``) passes both: the other stories' pages made under that state are kept for
    the present one (:func:`~newsfuse.store.story_pages.carry_pages`), and only the changed stories and
    those left without a page are made."""
    from ..store import open_store
    from .app import create_app
    from .security import new_token

    store = open_store(db)  # first: it brings an older schema up to date, which the desk's reader needs
    desk = create_app(db, token=new_token(), outlets=outlets).state.desk
    made = 0
    try:
        state = desk.reader.data_state()
        stale = desk.briefs.stale(desk.reader.corrections_state())
        ids = [r[0] for r in desk.reader.rows("SELECT id FROM stories ORDER BY id") if r[0] not in stale]
        if changed is not None and made_under is not None:
            carry_pages(store._conn, made_under=made_under, state=state, renderer=renderer(), changed=changed)
            have = paged_stories(store._conn, state=state, renderer=renderer())
            ids = [story_id for story_id in ids if story_id not in have]
        for start in range(0, len(ids), BATCH):
            pages = []
            for story_id in ids[start:start + BATCH]:
                scope = story_scope(story_id)
                if desk.story_page(Request(scope), story_id, since="").status_code != 200:
                    continue
                answer = desk.answers.get(desk.answers.key(scope))
                if answer is not None and answer.status == 200:
                    pages.append((story_id, answer.gz))
            desk.answers.clear()  # kept in the store now, not in this process
            save_pages(store._conn, pages, state=state, renderer=renderer())
            made += len(pages)
    finally:
        store.close()
        desk.reader.close()
    return made
