"""Analyst corrections on their way into briefings, in one fixed order.

The corrections themselves are pure transforms of the articles, reuse reports, story assignment and
outlet registry (:mod:`newsfuse.corpus.corrections`); this module runs them around
:func:`newsfuse.output.brief.build_brief` and writes what changed into each brief's ``corrections``.
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator, Mapping, Sequence

from ..corpus.corrections import (
    apply_copy_corrections,
    apply_corrections,
    apply_story_corrections,
    copy_filter,
    copy_notes,
    moved_articles,
    outlet_notes,
    registry_with_corrections,
    story_notes,
)
from ..corpus.reuse import ArticleReuse, count_independent
from ..knowledge.outlets import OutletRegistry
from ..model import Article
from ..store.rows import Correction
from .brief import build_brief


def correct_brief_copies(brief: dict[str, Any], corrections: Iterable[Correction]) -> list[dict[str, Any]]:
    """Apply ``not_a_copy`` to a built briefing in place (``articles[].copy_of`` and
    ``independent_sources``); returns the notes. (``write_briefings`` also passes the correction to
    ``build_brief`` as a reuse filter, so figure reconciliation sees it too.)"""
    records = brief.get("articles", [])
    reports = {r["id"]: ArticleReuse(r["id"], r.get("reused_share", 0.0), tuple(r.get("copy_of") or ()))
               for r in records}
    notes = copy_notes(reports, corrections)
    if not notes:
        return []
    fixed = apply_copy_corrections(reports, corrections)
    for r in records:
        r["copy_of"] = list(fixed[r["id"]].copy_of)
    brief["independent_sources"] = count_independent(fixed, {r["id"]: r.get("outlet_group") for r in records})
    return notes


def attach_notes(brief: dict[str, Any], notes: Sequence[dict[str, Any]],
                 corrections: Sequence[Correction]) -> dict[str, Any]:
    """Set ``brief["corrections"]``: the notes about the brief's articles, then its ``not_a_copy`` notes
    (``copy_of`` and ``independent_sources`` are corrected in place)."""
    inside = {r["id"] for r in brief.get("articles", [])}
    brief["corrections"] = [n for n in notes if n["article"] in inside] + correct_brief_copies(brief, corrections)
    return brief


class CorrectedBriefing:
    """The one order in which analyst corrections reach briefings; ``newsfuse analyze``
    (:func:`newsfuse.api.write_briefings`) and ``newsfuse brief --db``
    (:func:`newsfuse.output.briefings.brief_command_items`) both go through it, so they cannot drift apart.

    1. on creation: entity and figure corrections on copies of the articles (``self.articles``);
    2. :meth:`place`: ``move_article`` on the caller's story assignment (which it made on
       ``self.articles``; how stories are found is the caller's business);
    3. :meth:`briefs`: outlet affiliations, then one brief per group built with ``not_a_copy`` as its
       reuse filter, each listing the notes about its articles in ``brief["corrections"]``.

    >>> from newsfuse.model import Article
    >>> a = Article.create(id="a1", text="Floods cut the road to Tavel on Monday.", source="Ledger")
    >>> b = Article.create(id="a2", text="Rescuers reached Tavel by boat on Tuesday.", source="Courier")
    >>> move = Correction(1, "move_article", "a2", {"story": "s9"}, "ana", "2026-01-01", True)
    >>> run = CorrectedBriefing([a, b], [move])
    >>> run.place({"a1": "s1", "a2": "s1"})
    {'a1': 's1', 'a2': 's9'}
    >>> [brief] = run.briefs([("s9", [run.articles[1]])])
    >>> [n["note"] for n in brief["corrections"]]
    ['a2 moved to story s9 by an analyst']
    """

    def __init__(self, articles: Sequence[Article], corrections: Iterable[Correction]) -> None:
        self.corrections = list(corrections)
        self.articles, self.notes = apply_corrections(articles, self.corrections)
        self._placed = False

    def moved(self) -> set[str]:
        """Articles in their story by correction, not by clustering (no hint for stable story ids)."""
        return moved_articles(self.corrections)

    def place(self, story_of: Mapping[str, str]) -> dict[str, str]:
        """Article id → story id with ``move_article`` applied; notes the moves."""
        if self._placed:
            raise RuntimeError("place() is called once per briefing run")
        self._placed = True
        fixed = apply_story_corrections(story_of, self.corrections)
        self.notes += story_notes(fixed, self.corrections)
        return fixed

    def briefs(self, groups: Iterable[tuple[str | None, Sequence[Article]]], *,
               registry: OutletRegistry | None = None, max_words: int | None = None) -> Iterator[dict[str, Any]]:
        """One brief per ``(story id or None, articles)`` group (articles from ``self.articles``), made as
        it is asked for (a corpus of many stories need not hold every brief at once)."""
        registry = registry or OutletRegistry.load()
        notes = self.notes + outlet_notes(self.articles, registry, self.corrections)
        registry = registry_with_corrections(registry, self.corrections)
        reuse_filter = copy_filter(self.corrections)
        for story, group in groups:
            brief = build_brief(group, story=story, max_words=max_words, registry=registry, reuse_filter=reuse_filter)
            yield attach_notes(brief, notes, self.corrections)
