"""Each story's briefing for the desk: the one ``analyze`` stored, or, when corrections were made or
retracted since, built again from the story's articles with the same
:class:`newsfuse.output.corrected.CorrectedBriefing` that ``analyze`` uses (so a correction made on a
page shows at once, and in the same way as after the next ``analyze``).
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from typing import Any, Callable

from ..knowledge.outlets import OutletRegistry
from ..output.corrected import CorrectedBriefing
from .reader import Reader

CACHE_SIZE = 256  # briefings held in memory (parsed or built); a built one costs ~0.1-1 s


class BriefSource:
    def __init__(self, reader: Reader, *, outlets: str | None = None) -> None:
        self.reader = reader
        self.registry = OutletRegistry.load(*([outlets] if outlets else []))
        self._cache: OrderedDict[tuple, dict[str, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def _cached(self, key: tuple, make) -> dict[str, Any]:
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        value = make()
        with self._lock:
            self._cache[key] = value
            while len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
        return value

    def brief(self, story_id: str) -> dict[str, Any] | None:
        """The story's briefing as the store stands now; None for an unknown story."""
        if self.reader.story_row(story_id) is None:
            return None
        state = self.reader.store().corrections_state()
        stored = self.reader.stored_brief(story_id)
        if stored is not None and story_id not in self.stale(state):
            return self._cached(("stored", story_id, stored[2]), lambda: json.loads(stored[0]))
        members = tuple(self.reader.members(story_id))
        return self._cached(("built", story_id, state, members), lambda: self.build(story_id))

    def all(self, *, pace: Callable[[], None] = lambda: None) -> list[dict[str, Any]]:
        """Every story's briefing (stored ones; rebuilt where corrections changed since). Stored ones are
        parsed each time, not cached: all of them would not fit. ``pace()`` is called before each."""
        state = self.reader.store().corrections_state()
        stale = self.stale(state)
        out = []
        for sid, text, _built_under, _rowid in self.reader.all_briefs():
            pace()
            out.append(self.brief(sid) if sid in stale else json.loads(text))
        return [b for b in out if b is not None]

    def stale(self, state: str) -> frozenset[str]:
        """Stories whose stored briefing a correction made or retracted since may have changed: those
        holding an article it names, an entity or outlet it renames, or the story an article moves to.
        The rest keep their stored briefing (one correction does not rebuild a thousand stories)."""
        with self._lock:
            if ("stale", state) in self._cache:
                return self._cache[("stale", state)]
        builds = self.reader.rows("SELECT corrections_state, min(built) FROM story_briefs GROUP BY corrections_state")
        changed = []
        corrections = self.reader.corrections(include_retracted=True)
        for built_under, built in builds:
            if built_under == state:
                continue
            last_id = int(str(built_under).split(":")[1]) if str(built_under).count(":") >= 2 else 0
            changed += [c for c in corrections if c.id > last_id or (c.retracted and c.retracted >= built)]
        stale = frozenset(s for c in changed for s in self._touched(c))
        with self._lock:
            self._cache[("stale", state)] = stale
        return stale

    def _touched(self, c) -> set[str]:
        if c.kind in ("merge_entities", "outlet_affiliation"):
            kind = "entity" if c.kind == "merge_entities" else "outlet"
            names = {c.target, str((c.payload or {}).get("into") or "")}
            return {r[0] for name in names if name for r in self.reader.rows(
                "SELECT story_id FROM story_facets WHERE kind = ? AND value = ? COLLATE NOCASE", (kind, name))}
        article = c.target.rpartition(":")[0] if c.kind in ("split_entity", "figure_category", "figure_claimant") \
            else c.target
        touched = {self.reader.story_of(article)}
        if c.kind == "move_article":
            touched.add(str((c.payload or {}).get("story")))
        if c.kind == "not_a_copy" and (c.payload or {}).get("of"):
            touched.add(self.reader.story_of(str(c.payload["of"])))
        return {s for s in touched if s}

    def build(self, story_id: str) -> dict[str, Any]:
        """Build the briefing from the stored articles: the story's members, less those an analyst moved
        elsewhere, plus those moved into it."""
        corrections = self.reader.corrections(include_retracted=False)
        moved_in = {}
        for c in sorted(corrections, key=lambda c: c.id):
            if c.kind == "move_article" and isinstance(c.payload, dict):
                moved_in[c.target] = str(c.payload.get("story"))
        ids = list(dict.fromkeys(self.reader.members(story_id) + [a for a, s in moved_in.items() if s == story_id]))
        articles = [a for a in (self.reader.article(i) for i in ids) if a is not None]
        run = CorrectedBriefing(articles, corrections)
        placed = run.place({a.id: story_id for a in run.articles})
        group = [a for a in run.articles if placed.get(a.id) == story_id]
        if not group:  # every article was moved out: an empty briefing, not an error
            return {"story": story_id, "title": (self.reader.story_row(story_id) or {}).get("title"),
                    "articles": [], "independent_sources": 0, "summary": [], "figures": [], "quotes": [],
                    "framing": [], "reuse": [], "timeline": [], "places": [], "corrections": []}
        return next(run.briefs([(story_id, group)], registry=self.registry))
