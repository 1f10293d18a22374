"""The stored articles grouped into the stories an export reports, and their briefings.

An export reads the store and writes nothing into it (no writer lock, so it may run beside an
``analyze``). Articles keep the story the store gives them (``analyze --out`` and ``write_briefings``
save the stories); articles stored without briefings being written are clustered here, among
themselves, exactly as ``write_briefings`` would cluster them. Analyst corrections apply in the one
order :class:`newsfuse.output.corrected.CorrectedBriefing` fixes, and the briefings are made by that
same class: an export's figures are the briefings' figures, never a second reconciliation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterator, Sequence

from ...corpus.stories import StoryClusterer, cluster as cluster_articles
from ...knowledge.outlets import OutletRegistry
from ...model import Article
from ..corrected import CorrectedBriefing


@dataclass
class StoredStories:
    """The store's latest articles (corrections applied), their story and the order of the stories."""

    run: CorrectedBriefing
    story_of: dict[str, str]
    groups: list[tuple[str, list[Article]]]

    @property
    def articles(self) -> list[Article]:
        return self.run.articles

    def briefs(self, registry: OutletRegistry) -> Iterator[tuple[str, list[Article], dict[str, Any]]]:
        """(story id, its articles, its briefing), one story at a time."""
        for (sid, group), brief in zip(self.groups, self.run.briefs(self.groups, registry=registry)):
            yield sid, group, brief


def stored_stories(store) -> StoredStories:
    """Every latest article of ``store`` in its story (see the module's doc for where stories come from)."""
    return grouped_stories(list(store.iter_articles(latest_only=True)), store.corrections(), store.story_of)


def grouped_stories(articles: Sequence[Article], corrections: Sequence[Any],
                    known: Callable[[str], str | None] = lambda _id: None) -> StoredStories:
    """``articles`` in their stories: the one ``known`` gives an article, else found by clustering the
    others among themselves as ``analyze`` clusters them (a Spark run, with no store, knows none)."""
    run = CorrectedBriefing(articles, corrections)
    articles = run.articles
    given = {a.id: known(a.id) for a in articles}
    loose = [a for a in articles if not given[a.id]]
    found = cluster_articles(loose, StoryClusterer()) if loose else {}
    story_of = run.place({a.id: given[a.id] or found[a.id] for a in articles})
    grouped: dict[str, list[Article]] = {}
    for a in articles:
        grouped.setdefault(story_of[a.id], []).append(a)
    return StoredStories(run, story_of, list(grouped.items()))
