"""Story ids that stay put: a story keeps the id the store already knows when articles join it.

Clustering names a story after its first article; re-clustering a grown corpus may name it after
another one, or join two stories the store knew apart. So the id a group of articles gets is the
oldest stored id among its members (sorted, so the choice does not depend on arrival order), else the
clusterer's; the other stored ids it swallowed become merges (``old → kept``).

>>> stable_story_ids({"a": "c1", "b": "c1", "c": "c2"}, {"a": "story-9", "b": "story-3"})
({'a': 'story-3', 'b': 'story-3', 'c': 'c2'}, [('story-9', 'story-3')])
"""

from __future__ import annotations

from typing import Mapping


def stable_story_ids(assignments: Mapping[str, str], known: Mapping[str, str | None]
                     ) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """(article id → story id, merges) for the clusterer's ``assignments`` given the stored story of
    each article (``known``; None or missing: none, or one it must not be held to)."""
    members: dict[str, list[str]] = {}
    for article_id, sid in assignments.items():
        members.setdefault(sid, []).append(article_id)
    final_of: dict[str, str] = {}
    merges: list[tuple[str, str]] = []
    for sid, group in members.items():
        previous = sorted({known[a] for a in group if known.get(a)})
        final = previous[0] if previous else sid
        merges += [(old, final) for old in previous[1:]]
        final_of.update((a, final) for a in group)
    return final_of, merges
