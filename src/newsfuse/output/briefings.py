"""What ``newsfuse brief`` makes of its inputs: one briefing of them all, or one per story.

The inputs form one story unless they say otherwise: ``cluster`` finds the stories
(:func:`newsfuse.corpus.stories.cluster`), and records that carry ``"story"`` keep the groups they give.
Analyst corrections read from a store go through :class:`newsfuse.output.corrected.CorrectedBriefing`,
exactly as ``newsfuse analyze`` applies them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

from ..corpus.stories import cluster as cluster_articles
from ..knowledge.outlets import OutletRegistry
from ..model import Article, Quarantined
from .brief import build_brief, story_id
from .corrected import CorrectedBriefing
from .render import render_brief


def group_by_story(articles: Iterable[Article], story_of: dict[str, str] | None = None) -> list[tuple[str | None, list[Article]]]:
    """Articles grouped by story (``story_of`` or ``Article.meta["story"]``), groups in first-seen order;
    articles with no story form one group keyed None."""
    groups: dict[str | None, list[Article]] = {}
    for a in articles:
        key = (story_of or {}).get(a.id) if story_of is not None else a.meta.get("story")
        groups.setdefault(None if key is None else str(key), []).append(a)
    return list(groups.items())


def brief_stories(items: Iterable[Any], *, max_words: int | None = None,
                  registry: OutletRegistry | None = None) -> list[dict[str, Any]]:
    """One brief per story for records that carry a ``story`` field (``Article.meta["story"]``)."""
    registry = registry or OutletRegistry.load()
    articles = [i for i in items if isinstance(i, Article)]
    return [build_brief(group, story=key, max_words=max_words, registry=registry)
            for key, group in group_by_story(articles)]


def brief_command_items(items: Iterable[Any], *, max_words: int | None = None, cluster: bool = False,
                        registry: OutletRegistry | None = None,
                        corrections: Sequence[Any] | None = None) -> list[dict[str, Any]]:
    """What ``newsfuse brief`` prints: one brief of all inputs, or one per story with ``cluster``
    (stories found by :func:`newsfuse.corpus.stories.cluster`) or when input records carry ``story``.
    Quarantined items (anything not an Article) are skipped: the CLI reports them.

    ``corrections`` (analyst overrides read from a store) are applied as ``newsfuse analyze`` applies
    them (see :func:`newsfuse.api.write_briefings`), and each brief then lists them in
    ``corrections``: entity and figure fixes, outlet affiliations, ``move_article`` (the article goes
    to a brief of its story) and ``not_a_copy``."""
    registry = registry or OutletRegistry.load()
    articles = [i for i in items if isinstance(i, Article)]
    if not articles:
        return []
    if not corrections:  # no store, or a store with none: the same output either way
        if cluster:
            story_of = cluster_articles(articles)
            return [build_brief(group, story=key, max_words=max_words, registry=registry)
                    for key, group in group_by_story(articles, story_of)]
        if any("story" in a.meta for a in articles):
            return brief_stories(articles, max_words=max_words, registry=registry)
        return [build_brief(articles, max_words=max_words, registry=registry)]
    return _corrected_briefs(articles, list(corrections), max_words=max_words, cluster=cluster, registry=registry)


def _corrected_briefs(articles: list[Article], corrections: list[Any], *, max_words: int | None, cluster: bool,
                      registry: OutletRegistry) -> list[dict[str, Any]]:
    """The briefs of ``brief_command_items`` with analyst corrections, applied by the same
    :class:`newsfuse.output.corrected.CorrectedBriefing` as ``write_briefings``; only the stories are found here."""
    run = CorrectedBriefing(articles, corrections)
    articles = run.articles
    story_of: dict[str, Any] | None = None
    if cluster:
        story_of = dict(cluster_articles(articles))
    elif any("story" in a.meta for a in articles):
        story_of = {a.id: a.meta.get("story") for a in articles}
    elif run.moved() & {a.id for a in articles}:
        sid = story_id(articles)  # the story the inputs form together, which moved articles leave
        story_of = {a.id: sid for a in articles}
    if story_of is not None:
        story_of = run.place(story_of)
    groups = group_by_story(articles, story_of) if story_of is not None else [(None, articles)]
    return list(run.briefs(groups, registry=registry, max_words=max_words))


def briefs_text(briefs: Sequence[dict[str, Any]], articles: Sequence[Article], fmt: str, *, multi: bool) -> str:
    """What ``newsfuse brief`` writes: one JSON object per line when there are (or may be) several
    stories (``multi``), else each briefing rendered as ``fmt`` (json, md, html), blank lines between."""
    if fmt == "json" and multi:
        return "\n".join(json.dumps(b, ensure_ascii=False) for b in briefs)
    return "\n\n".join(render_brief(b, articles, fmt) for b in briefs)


@dataclass
class BriefRun:
    """What ``newsfuse brief`` made: the briefings, the articles they were made of, and the inputs that
    could not be read (each with its reason)."""

    briefs: list[dict[str, Any]]
    articles: list[Article]
    quarantined: list[Quarantined] = field(default_factory=list)
    multi: bool = False  # several stories were (or could have been) asked for: JSON is one object a line

    def text(self, fmt: str) -> str:
        return briefs_text(self.briefs, self.articles, fmt, multi=self.multi)
