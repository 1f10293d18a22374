"""New articles into stories, without a full re-run: only the stories they touch are saved and briefed.

The folder keeps, for every stored article, what clustering reads (its features, computed once).
Folding re-clusters from those features — milliseconds per thousand articles, and the same
assignment ``newsfuse analyze`` would make — then keeps the ids the store knows
(:func:`~newsfuse.corpus.story_ids.stable_story_ids`) and analyst ``move_article`` corrections. A story
is *touched* when its members changed or one of them has a new text; only touched stories are saved
and rebuilt (from their articles' stored layers, with the analyst corrections, as ``analyze`` does),
which is where the time goes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from ..corpus.corrections import apply_story_corrections, moved_articles
from ..corpus.stories import StoryClusterer, publish_order
from ..corpus.story_features import StoryFeatures, features_of
from ..corpus.story_ids import stable_story_ids
from ..knowledge.outlets import OutletRegistry
from ..model import Article, Story
from ..output.corrected import CorrectedBriefing

CLUSTER_LAYERS = ("sentences", "entities", "places", "times")


@dataclass
class Touched:
    story: str
    brief: dict[str, Any]
    articles: list[Article]
    is_new: bool  # the store had no story of this id before


class StoryFolder:
    def __init__(self, store, *, outlets: str | None = None) -> None:
        self.registry = OutletRegistry.load(*([outlets] if outlets else []))
        self._articles: dict[str, Article] = {}
        self._features: dict[str, StoryFeatures] = {}
        for article in store.iter_articles(latest_only=True, layers=CLUSTER_LAYERS):
            self._remember(article)

    def _remember(self, article: Article) -> None:
        self._articles.pop(article.id, None)  # a new text moves the article to the end (ingest order)
        self._articles[article.id] = article
        self._features[article.id] = features_of(article)

    def _assignments(self) -> dict[str, str]:
        clusterer = StoryClusterer()
        ordered = publish_order(list(self._articles.values()))
        clusterer.prime([self._features[a.id] for a in ordered])
        for article in ordered:
            clusterer.add(article, self._features[article.id])
        clusterer.finish()
        return clusterer.assignments()

    def fold(self, store, article_ids: Iterable[str], *, max_words: int | None = None) -> list[Touched]:
        """File the stored articles ``article_ids`` (new, or with a new text) into stories; returns the
        touched stories with their rebuilt briefings (the caller holds the writer lock)."""
        fresh = list(dict.fromkeys(article_ids))
        for article_id in fresh:
            self._remember(store.load_article(article_id, layers=CLUSTER_LAYERS))
        if not fresh:
            return []
        corrections = store.corrections()
        stored = {s.id: set(s.article_ids) for s in store.load_stories()}
        known_story = {a: sid for sid, members in stored.items() for a in members}
        moved = moved_articles(corrections)
        known = {a: None if a in moved else known_story.get(a) for a in self._articles}
        final_of, merges = stable_story_ids(self._assignments(), known)
        final_of = apply_story_corrections(final_of, corrections)
        groups: dict[str, list[str]] = {}
        for article_id in self._articles:
            groups.setdefault(final_of[article_id], []).append(article_id)
        touched_ids = [sid for sid, members in groups.items()
                       if set(members) != stored.get(sid, set()) or any(a in fresh for a in members)]
        stories = [Story(id=sid, article_ids=tuple(groups[sid]),
                         title=next((self._articles[a].title for a in groups[sid] if self._articles[a].title), None))
                   for sid in touched_ids]
        with store.transaction():
            for old, final in merges:
                store.record_story_alias(old, final, "merged by re-clustering")
            store.save_stories(stories)
        return list(self._briefs(store, touched_ids, groups, stored, corrections, max_words=max_words))

    def _briefs(self, store, touched: Sequence[str], groups: dict[str, list[str]], stored: dict[str, set[str]],
                corrections, *, max_words: int | None):
        for sid in touched:
            articles = [store.load_article(a) for a in groups[sid]]
            run = CorrectedBriefing(articles, corrections)
            [brief] = run.briefs([(sid, run.articles)], registry=self.registry, max_words=max_words)
            yield Touched(sid, brief, run.articles, sid not in stored)
