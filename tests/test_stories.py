"""Story clustering: same event together, similar events at other times or places apart, stable ids."""

from newsfuse.model import Article
from newsfuse.stories import StoryClusterer, cluster, story_id_for

QUAKE_A = [
    ("qa1", "2024-02-03", "A magnitude 6.4 earthquake struck near Port Avel in northern Velmora early on Saturday, "
     "collapsing dozens of houses. Velmora's disaster agency said 31 people were killed in Port Avel."),
    ("qa2", "2024-02-04", "Rescuers in Port Avel pulled survivors from collapsed houses a day after the 6.4 earthquake. "
     "The toll in northern Velmora rose to 45, the disaster agency said."),
    ("qa3", "2024-02-05", "Aftershocks rattled Port Avel as Velmora's prime minister Dara Oskin visited the quake zone "
     "and promised to rebuild every collapsed house."),
]
QUAKE_B = [
    ("qb1", "2024-09-20", "A strong earthquake hit the mountain town of Kessor in southern Castavia on Friday, "
     "destroying the old bridge. Castavia's interior ministry said 12 people died in Kessor."),
    ("qb2", "2024-09-21", "Families in Kessor slept outdoors after the earthquake in southern Castavia; the interior "
     "ministry raised the death toll to 19 as rescuers searched the rubble of the old bridge."),
]
KIDNAP = [
    ("k1", "2024-02-04", "Gunmen abducted 14 passengers from a bus near Orlin in eastern Velmora, police said, "
     "and demanded a ransom from the families."),
    ("k2", "2024-02-05", "Police in Orlin said negotiators were in contact with the gunmen who abducted 14 bus "
     "passengers in eastern Velmora."),
]


def arts(rows):
    return [Article.create(id=i, text=t, published=d) for i, d, t in rows]


def test_same_event_together_similar_events_apart():
    stories = cluster(arts(QUAKE_A + QUAKE_B + KIDNAP))
    assert stories["qa1"] == stories["qa2"] == stories["qa3"]
    assert stories["qb1"] == stories["qb2"]
    assert stories["k1"] == stories["k2"]
    assert len({stories["qa1"], stories["qb1"], stories["k1"]}) == 3


def test_story_ids_are_stable_when_later_articles_join():
    clusterer = StoryClusterer()
    first = clusterer.add(arts(QUAKE_A)[0])
    assert first == story_id_for("qa1")
    for a in arts(QUAKE_A)[1:]:
        assert clusterer.add(a) == first


def test_input_order_does_not_change_which_articles_go_together():
    rows = QUAKE_A + QUAKE_B + KIDNAP
    forward = cluster(arts(rows))
    backward = cluster(arts(list(reversed(rows))))
    groups = lambda s: sorted(sorted(a for a in s if s[a] == sid) for sid in set(s.values()))  # noqa: E731
    assert groups(forward) == groups(backward)


def test_a_merge_keeps_the_old_id_on_record():
    clusterer = StoryClusterer(threshold=0.99, merge_threshold=0.3)  # force two stories, then merge them
    for a in arts(QUAKE_A[:2]):
        clusterer.add(a)
    assert len(set(clusterer.assignments().values())) == 2
    merges = clusterer.merge_pass()
    assert merges == [(story_id_for("qa2"), story_id_for("qa1"))]
    (story,) = clusterer.stories_out()
    assert story.id == story_id_for("qa1") and story.merged_from == (story_id_for("qa2"),)
    assert clusterer.resolve(story_id_for("qa2")) == story_id_for("qa1")
