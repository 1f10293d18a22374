"""Reading the store for the desk: one read-only connection per thread, and the queries pages and the
API share (stories with search and filters, facets, articles).

What a response shows depends only on the request and on :meth:`Reader.state`, a short string that
changes whenever ``analyze`` or a correction changes the store; responses are cached and tagged
(ETag) by it.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from dataclasses import dataclass
from typing import Any

from ..store.sqlite import Store
from ..store.verdicts import verdict_history

FACETS = ("outlet", "entity", "place", "category")
SORTS = {
    "recent": "coalesce(s.last_published, s.first_published) DESC NULLS LAST, s.id",
    "oldest": "coalesce(s.first_published, s.last_published) ASC NULLS LAST, s.id",
    "articles": "b.articles DESC NULLS LAST, s.id",
    "conflicting": "b.conflicting DESC NULLS LAST, s.id",
    "title": "s.title COLLATE NOCASE, s.id",
}
_WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(text: str) -> str | None:
    """Words of ``text`` as an FTS5 query that every story must match, each word quoted, so no input
    is read as FTS syntax (``"``, ``NEAR``, ``*``, ``:``). None when there is no word.

    >>> fts_query('Ostrogan "siege" OR x*')
    '"Ostrogan" "siege" "OR" "x"'
    """
    words = _WORD.findall(text or "")[:16]
    return " ".join(f'"{w}"' for w in words) or None


@dataclass(frozen=True)
class StoryFilter:
    q: str = ""
    date_from: str = ""  # ISO date; stories whose span of publication dates meets [date_from, date_to]
    date_to: str = ""
    outlet: str = ""
    entity: str = ""
    place: str = ""
    category: str = ""
    conflicting: bool = False
    updated_days: int | None = None  # an article read or a figure verdict recorded in the last N days
    sort: str = "recent"


class Reader:
    """The store at ``db``, read-only, one connection per thread (SQLite connections are not shared)."""

    def __init__(self, db: str) -> None:
        self.db = db
        self._local = threading.local()
        self.store()  # fail now, not on the first request, when ``db`` is no store

    def store(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = Store(self.db, read_only=True)
        return store

    def close(self) -> None:
        """Close this thread's connection (the others close with their threads)."""
        store = getattr(self._local, "store", None)
        if store is not None:
            store.close()
            self._local.store = None

    def rows(self, sql: str, params: tuple | list = ()) -> list[Any]:
        return self.store()._conn.execute(sql, params).fetchall()

    def one(self, sql: str, params: tuple | list = ()) -> Any:
        return self.store()._conn.execute(sql, params).fetchone()

    def state(self) -> str:
        """Changes when articles, stories, briefings or corrections change. Worked out again only when
        another connection has committed since (``PRAGMA data_version``): the desk's own reads never do."""
        data, corrections = self._states()
        return f"{data}.{corrections}"

    def data_state(self) -> str:
        """The part of :meth:`state` that analyze runs move (articles, briefings, runs), without the
        corrections: which stories a correction changes is :meth:`BriefSource.stale`'s to say."""
        return self._states()[0]

    def corrections_state(self) -> str:
        """The part of :meth:`state` that corrections move (:meth:`Store.corrections_state`)."""
        return self._states()[1]

    def _states(self) -> tuple[str, str]:
        version = self.one("PRAGMA data_version")[0]
        known = getattr(self._local, "state", None)
        if known is not None and known[0] == version:
            return known[1]
        row = self.one("""SELECT (SELECT coalesce(max(id), 0) FROM versions), (SELECT coalesce(max(rowid), 0) FROM
                          story_briefs), (SELECT coalesce(max(id), 0) FROM runs),
                          (SELECT coalesce(max(finished), '') FROM runs WHERE id = (SELECT max(id) FROM runs))""")
        states = (f"{row[0]}.{row[1]}.{row[2]}.{row[3]}", self.store().corrections_state())
        self._local.state = (version, states)
        return states

    # ------------------------------------------------------------------ stories

    def stories(self, f: StoryFilter, *, offset: int, limit: int) -> tuple[list[dict[str, Any]], int]:
        """One page of stories matching ``f`` and how many match in all."""
        where, params = [], []
        query = fts_query(f.q)
        if query:
            where.append("s.id IN (SELECT story_id FROM story_search WHERE story_search MATCH ?)")
            params.append(query)
        for kind in FACETS:
            value = getattr(f, kind)
            if value:
                where.append("s.id IN (SELECT story_id FROM story_facets WHERE kind = ? AND value = ?)")
                params += [kind, value]
        if f.date_from:
            where.append("substr(coalesce(s.last_published, s.first_published), 1, 10) >= ?")
            params.append(f.date_from[:10])
        if f.date_to:
            where.append("substr(coalesce(s.first_published, s.last_published), 1, 10) <= ?")
            params.append(f.date_to[:10])
        if f.conflicting:
            where.append("b.conflicting > 0")
        if f.updated_days is not None:
            # changed lately: an article of the story read (new or a new version of it) or a figure's
            # verdict recorded since then, by the store's clock; not ``stories.updated``, which every
            # run sets on every story it saves, changed or not
            days = min(max(f.updated_days, 0), 100_000)  # further back than any store; no date overflow
            since = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=days)).isoformat(timespec="milliseconds")
            where.append("""(s.id IN (SELECT m.story_id FROM versions v JOIN story_members m ON m.article_id = v.article_id
                                      WHERE v.ingested >= ?)
                             OR s.id IN (SELECT story_id FROM verdicts WHERE recorded >= ?))""")
            params += [since, since]
        clause = (" WHERE " + " AND ".join(where)) if where else ""
        base = f"FROM stories s LEFT JOIN story_briefs b ON b.story_id = s.id{clause}"
        total = self.one(f"SELECT count(*) {base}", params)[0]
        rows = self.rows(
            f"""SELECT s.id, s.title, s.first_published, s.last_published, s.updated,
                       coalesce(b.articles, (SELECT count(*) FROM story_members m WHERE m.story_id = s.id)) AS articles,
                       b.independent_sources, b.figures, b.conflicting
                {base} ORDER BY {SORTS.get(f.sort, SORTS['recent'])} LIMIT ? OFFSET ?""",
            [*params, limit, offset])
        return [dict(r) for r in rows], int(total)

    def story_row(self, story_id: str) -> dict[str, Any] | None:
        row = self.one("SELECT id, title, first_published, last_published, updated FROM stories WHERE id = ?",
                       (story_id,))
        return dict(row) if row else None

    def resolve_story(self, story_id: str) -> str | None:
        """The live story an old (merged) id leads to, or None."""
        return self.store().resolve_story(story_id)

    def story_changes(self, story_id: str, since: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
        """How the story's figure verdicts changed (issue 16's versioned verdicts), newest first: under its
        own id and every old id that now leads to it; with ``since`` (a :func:`utc_stamp`) only later ones."""
        store = self.store()
        old_ids = [r[0] for r in self.rows("SELECT DISTINCT old_id FROM story_aliases")]
        ids = [story_id, *(x for x in old_ids if x != story_id and store.resolve_story(x) == story_id)]
        rows = [r for r in verdict_history(store, ids) if since is None or r["recorded"] > since]
        return list(reversed(rows))[:limit]

    def members(self, story_id: str) -> list[str]:
        return [r[0] for r in self.rows("SELECT article_id FROM story_members WHERE story_id = ? ORDER BY position",
                                        (story_id,))]

    def texts(self, article_ids: list[str]) -> dict[str, str]:
        """The current text of each article (for quoting the words of a span)."""
        ids = list(dict.fromkeys(article_ids))[:500]
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        return {r[0]: r[1] for r in self.rows(
            f"SELECT a.id, v.text FROM articles a JOIN versions v ON v.id = a.current_version WHERE a.id IN ({marks})", ids)}

    def stored_brief(self, story_id: str) -> tuple[str, str, int] | None:
        """(briefing JSON, corrections state it was built under, row id) of a story, if stored."""
        row = self.one("SELECT brief, corrections_state, rowid FROM story_briefs WHERE story_id = ?", (story_id,))
        return (row[0], row[1], row[2]) if row else None

    def all_briefs(self) -> list[tuple[str, str, str, int]]:
        """(story id, briefing JSON, corrections state, row id) of every live story."""
        return [tuple(r) for r in self.rows(
            """SELECT b.story_id, b.brief, b.corrections_state, b.rowid FROM story_briefs b
               JOIN stories s ON s.id = b.story_id ORDER BY s.first_published, s.id""")]

    # ------------------------------------------------------------------ facets

    def facet_values(self, kind: str, *, prefix: str = "", offset: int = 0, limit: int = 100) -> tuple[list[dict], int]:
        """Values of one facet (outlets, entities, places, categories) with how many stories have each."""
        like = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        total = self.one("SELECT count(DISTINCT value) FROM story_facets WHERE kind = ? AND value LIKE ? ESCAPE '\\'",
                         (kind, like))[0]
        rows = self.rows("""SELECT value, count(*) AS stories FROM story_facets WHERE kind = ? AND value LIKE ? ESCAPE '\\'
                            GROUP BY value ORDER BY stories DESC, value LIMIT ? OFFSET ?""", (kind, like, limit, offset))
        return [{"name": r[0], "stories": r[1]} for r in rows], int(total)

    def facet_stories(self, kind: str, value: str) -> list[dict[str, Any]]:
        rows = self.rows("""SELECT s.id, s.title, s.first_published, s.last_published FROM story_facets f
                            JOIN stories s ON s.id = f.story_id WHERE f.kind = ? AND f.value = ?
                            ORDER BY s.first_published, s.id""", (kind, value))
        return [dict(r) for r in rows]

    # ------------------------------------------------------------------ articles

    def articles(self, *, story: str = "", outlet: str = "", offset: int = 0, limit: int = 50) -> tuple[list[dict], int]:
        where, params = [], []
        if story:
            where.append("a.id IN (SELECT article_id FROM story_members WHERE story_id = ?)")
            params.append(story)
        if outlet:
            where.append("v.source = ?")
            params.append(outlet)
        clause = (" WHERE " + " AND ".join(where)) if where else ""
        base = f"FROM articles a JOIN versions v ON v.id = a.current_version{clause}"
        total = self.one(f"SELECT count(*) {base}", params)[0]
        rows = self.rows(f"""SELECT a.id, v.title, v.source, v.published, v.url,
                                    (SELECT story_id FROM story_members m WHERE m.article_id = a.id) AS story
                             {base} ORDER BY v.published, a.id LIMIT ? OFFSET ?""", [*params, limit, offset])
        return [dict(r) for r in rows], int(total)

    def article(self, article_id: str):
        """The article's current version with its layers, or None."""
        try:
            return self.store().load_article(article_id)
        except KeyError:
            return None

    def story_of(self, article_id: str) -> str | None:
        return self.store().story_of(article_id)

    def corrections(self, *, include_retracted: bool = True) -> list:
        return self.store().corrections(active_only=not include_retracted)
