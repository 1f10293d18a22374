"""What a story is searched and filtered by, made from its briefing and articles
(:class:`newsfuse.store.briefs.StoryIndex`, kept by ``analyze`` beside the briefing files)."""

from __future__ import annotations

from typing import Any, Sequence

from ..model import Article
from ..store.briefs import StoryIndex


def story_index(story_id: str, brief: dict[str, Any], articles: Sequence[Article]) -> StoryIndex:
    """The briefing with its search text (titles and texts; entity and place names) and facets
    (outlets, canonical entities, places, figure categories).

    >>> a = Article.create(id="a1", text="Floods in Tavel.", source="Ledger", title="Floods")
    >>> row = story_index("s1", {"title": "Floods", "figures": [{"category": "dead"}], "places": []}, [a])
    >>> sorted(row.facets)
    [('category', 'dead'), ('outlet', 'Ledger')]
    """
    names = {e.entity or e.text for a in articles for e in a.entities}
    places = {p.get("name") for p in brief.get("places") or [] if p.get("name")}
    facets = {("outlet", a.source) for a in articles if a.source}
    facets |= {("entity", e.entity) for a in articles for e in a.entities if e.entity}
    facets |= {("place", name) for name in places}
    facets |= {("category", f["category"]) for f in brief.get("figures") or [] if f.get("category")}
    return StoryIndex(
        story_id=story_id, brief=brief, title=str(brief.get("title") or ""),
        body="\n".join(part for a in articles for part in (a.title or "", a.text)),
        names=" ; ".join(sorted(names | places)), facets=tuple(sorted(facets)),
    )
