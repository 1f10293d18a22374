"""Refinement sweeps: an article an unlucky arrival order left in the wrong story moves to its own."""

from newsfuse.model import Article
from newsfuse.corpus.stories import StoryClusterer, story_id_for

# Two events read by one reader: a town flood on the Avon, and a dam opened by a minister elsewhere.
FLOOD = [
    ("l1", "Floodwater swept through Lindmere after the Avon river burst its banks, and the council opened the "
     "school gym to families forced from their homes."),
    ("l2", "Families forced from their homes in Lindmere spent the night in the school gym as the Avon river stayed "
     "high, the council said."),
]
DAM = [
    ("h1", "Minister Ilsa Varn ordered the gates of the Harrow Vale dam opened, and engineers in Harrow Vale said the "
     "reservoir was at a record level."),
    ("h2", "Engineers at the Harrow Vale dam lowered the reservoir after minister Ilsa Varn's order; Harrow Vale "
     "residents watched the spillway."),
    ("h3", "Ilsa Varn defended her order to open the Harrow Vale dam as the reservoir level fell and engineers "
     "inspected the spillway."),
]
# About the dam, but with the flood story's words about families in a school gym.
BRIDGE = [("x", "In Harrow Vale families forced from their homes slept in a school gym after minister Ilsa Varn "
           "ordered the dam gates opened.")]


def groups(clusterer: StoryClusterer) -> list[list[str]]:
    by_story: dict[str, list[str]] = {}
    for aid, sid in clusterer.assignments().items():
        by_story.setdefault(sid, []).append(aid)
    return sorted(sorted(g) for g in by_story.values())


def clustered_then_misplaced() -> tuple[StoryClusterer, str, str]:
    clusterer = StoryClusterer(refine_sweeps=0)
    for aid, text in FLOOD + DAM + BRIDGE:
        clusterer.add(Article.create(id=aid, text=text))
    clusterer.finish()
    assert groups(clusterer) == [["h1", "h2", "h3", "x"], ["l1", "l2"]]
    # The mistake an arrival order can make: the article joined the flood story before the dam story existed.
    flood, dam = clusterer.story_of["l1"], clusterer.story_of["h1"]
    kept = clusterer.kept["x"]
    clusterer._move("x", kept, dict(zip(kept.keys, kept.weights)), clusterer.stories[dam], clusterer.stories[flood])
    assert groups(clusterer) == [["h1", "h2", "h3"], ["l1", "l2", "x"]]
    return clusterer, flood, dam


def test_refinement_moves_a_misplaced_article_to_its_story_and_keeps_both_ids():
    clusterer, flood, dam = clustered_then_misplaced()
    clusterer.refine(3)
    assert groups(clusterer) == [["h1", "h2", "h3", "x"], ["l1", "l2"]]
    assert clusterer.moves == [("x", flood, dam)]
    assert set(clusterer.assignments().values()) == {flood, dam} and flood == story_id_for("l1")


def test_without_refinement_the_misplaced_article_stays():
    clusterer, _, _ = clustered_then_misplaced()
    clusterer.refine(0)
    assert groups(clusterer) == [["h1", "h2", "h3"], ["l1", "l2", "x"]]
    assert clusterer.moves == []


def test_refinement_leaves_a_right_clustering_alone():
    clusterer = StoryClusterer(refine_sweeps=3)
    for aid, text in FLOOD + DAM + BRIDGE:
        clusterer.add(Article.create(id=aid, text=text))
    clusterer.finish()
    assert groups(clusterer) == [["h1", "h2", "h3", "x"], ["l1", "l2"]]
    assert clusterer.moves == []
