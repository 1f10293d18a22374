"""Story clustering: same event together, similar events at other times or places apart, stable ids."""

from collections import Counter

from newsfuse.model import Article
from newsfuse.corpus.stories import StoryClusterer, cluster, publish_order, story_id_for
from newsfuse.corpus.story_features import features_of, name_words

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
# The same kind of event in the same town, eight months apart: only the dates tell them apart.
FLOOD_SPRING = [
    ("fs1", "2023-04-10", "Floodwater swept through Lindmere after the Avon river burst its banks, and the town "
     "council of Lindmere opened the school gym to families forced from their homes."),
    ("fs2", "2023-04-11", "Lindmere residents returned to mud-filled homes as the Avon river fell; the council said "
     "the flood damaged 300 houses."),
]
FLOOD_WINTER = [
    ("fw1", "2023-12-02", "The Avon river burst its banks in Lindmere again, flooding streets, and the council "
     "opened the school gym to families forced from their homes."),
    ("fw2", "2023-12-03", "Families in Lindmere spent a second night in the school gym as the Avon flood waters "
     "stayed high, the council said."),
]


def arts(rows):
    return [Article.create(id=i, text=t, published=d) for i, d, t in rows]


def groups(assignment: dict[str, str]) -> list[list[str]]:
    by_story: dict[str, list[str]] = {}
    for aid, sid in assignment.items():
        by_story.setdefault(sid, []).append(aid)
    return sorted(sorted(g) for g in by_story.values())


def test_same_event_together_similar_events_apart():
    stories = cluster(arts(QUAKE_A + QUAKE_B + KIDNAP))
    assert groups(stories) == [["k1", "k2"], ["qa1", "qa2", "qa3"], ["qb1", "qb2"]]


def test_same_kind_of_event_in_the_same_place_months_apart_stays_apart():
    stories = cluster(arts(FLOOD_SPRING + FLOOD_WINTER))
    assert groups(stories) == [["fs1", "fs2"], ["fw1", "fw2"]]


def test_without_publish_dates_the_same_articles_form_one_story():
    # No dates, no window: the two floods read alike and are one story; the text alone cannot tell.
    undated = [Article.create(id=i, text=t) for i, _, t in FLOOD_SPRING + FLOOD_WINTER]
    assert groups(cluster(undated)) == [["fs1", "fs2", "fw1", "fw2"]]


def test_story_ids_are_stable_when_later_articles_join():
    clusterer = StoryClusterer()
    first = clusterer.add(arts(QUAKE_A)[0])
    assert first == story_id_for("qa1")
    later = [clusterer.add(a) for a in arts(QUAKE_A)[1:]]
    clusterer.finish()
    assert {clusterer.resolve(sid) for sid in [first, *later]} == {story_id_for("qa1")}
    assert set(clusterer.assignments().values()) == {story_id_for("qa1")}


def test_a_near_copy_joins_on_arrival():
    text = QUAKE_A[0][2]
    clusterer = StoryClusterer()
    first = clusterer.add(Article.create(id="wire", text=text, published="2024-02-03"))
    copy = clusterer.add(Article.create(id="reprint", text=text + " More soon.", published="2024-02-03"))
    assert first == copy == story_id_for("wire")


def test_input_order_does_not_change_which_articles_go_together():
    rows = QUAKE_A + QUAKE_B + KIDNAP
    assert groups(cluster(arts(rows))) == groups(cluster(arts(list(reversed(rows)))))


def test_a_merge_keeps_the_old_id_on_record():
    clusterer = StoryClusterer(threshold=float("inf"))  # nothing joins on arrival: two stories, then a merge
    for a in arts(QUAKE_A[:2]):
        clusterer.add(a)
    assert len(set(clusterer.assignments().values())) == 2
    merges = clusterer.merge_pass()
    assert merges == [(story_id_for("qa2"), story_id_for("qa1"))]
    (story,) = clusterer.stories_out()
    assert story.id == story_id_for("qa1") and story.merged_from == (story_id_for("qa2"),)
    assert story.article_ids == ("qa1", "qa2")
    assert (story.first_published, story.last_published) == ("2024-02-03", "2024-02-04")
    assert clusterer.resolve(story_id_for("qa2")) == story_id_for("qa1")


def test_memory_follows_the_window_not_the_stream():
    # 60 one-article events a week apart: stories the window passed are closed and drop their vectors.
    clusterer = StoryClusterer(window_days=3)
    for n in range(60):
        day = f"2024-{1 + n // 5:02d}-{1 + 6 * (n % 5):02d}"
        clusterer.add(Article.create(id=f"a{n}", text=f"Storm number {n} hit the coast of Region{n} today.", published=day))
    assert len(clusterer.assignments()) == 60
    assert len(clusterer.kept) <= 3


def test_publish_order_puts_undated_articles_last_in_input_order():
    rows = [Article.create(id="x", text="x"), Article.create(id="b", text="b", published="2024-01-02"),
            Article.create(id="y", text="y"), Article.create(id="a", text="a", published="2024-01-01")]
    assert [a.id for a in publish_order(rows)] == ["a", "b", "x", "y"]


def test_name_words_count_protagonists_and_skip_capitals_that_only_open_sentences():
    text = ("Chargers Lineman Arrested\nJamal Williams was arrested early Sunday. Williams, 32, was "
            "driving a Bentley, the Highway Patrol said. Police said he was arrested near downtown.")
    assert name_words(text) == Counter({"williams": 2, "jamal": 1, "bentley": 1, "highway": 1, "patrol": 1})


def test_features_use_annotations_when_present():
    from newsfuse.model import EntityMention, TimeExpr

    text = "The IS group said it held the town. Daesh fighters left on Tuesday."
    article = Article.create(id="a", text=text, published="2019-03-05").with_layer(
        entities=[EntityMention(4, 12, "IS group", "ORG", "Islamic State"), EntityMention(36, 41, "Daesh", "ORG", "Islamic State")],
        times=[TimeExpr(57, 64, "Tuesday", "2019-03-05")],
    )
    f = features_of(article)
    assert f.names == Counter({"islamic state": 2})
    assert f.years == frozenset({2019})
    assert f.day == features_of(Article.create(id="b", text="x", published="2019-03-05")).day


def test_names_with_and_without_diacritics_meet():
    rows = [
        ("d1", "2023-06-19", "Flash floods in Buzău county killed three people, and the county emergency service "
         "evacuated 400 residents of Râmnicu Sărat."),
        ("d2", "2023-06-20", "The toll from the Buzau floods rose to seven; residents of Ramnicu Sarat were "
         "still without drinking water, the emergency service said."),
        ("d3", "2023-06-20", "Dock workers at the port of Kessor walked out over pay, and the union said "
         "containers were stuck on the quay."),
    ]
    assert groups(cluster(arts(rows))) == [["d1", "d2"], ["d3"]]
    assert features_of(arts(rows)[0]).names["buzau"] == 1


def test_two_floods_in_two_towns_the_same_week_stay_apart():
    rows = [
        ("t1", "2024-03-02", "Floodwater swept through Marvel in Dorland, forcing 300 residents from their homes, "
         "the Dorland relief agency said. Marvel's mayor Ilse Haren opened the school gym."),
        ("t2", "2024-03-03", "Rescue boats reached villages near Marvel as the Dorland relief agency warned of "
         "more rain; mayor Ilse Haren said the school gym was full."),
        ("u1", "2024-03-02", "Floodwater swept through Kellby in Ostmark, forcing 250 residents from their homes, "
         "the Ostmark fire service said. Kellby's mayor Joran Tesk opened the town hall."),
        ("u2", "2024-03-03", "Rescue boats reached villages near Kellby as the Ostmark fire service warned of "
         "more rain; mayor Joran Tesk said the town hall was full."),
    ]
    assert groups(cluster(arts(rows))) == [["t1", "t2"], ["u1", "u2"]]


def test_name_key_folds_transliteration_variants_and_keeps_other_names_apart():
    from newsfuse.corpus.story_features import spelling_key

    assert spelling_key("ostrogan") == spelling_key("ostrohan")
    assert spelling_key("zelenskiy") == spelling_key("zelensky") == spelling_key("zelenskyy") == spelling_key("zelenskii")
    assert spelling_key("mohammad al-hassan") == spelling_key("mohamad al-hasan")
    assert spelling_key("kharkiv") == spelling_key("harkiv")
    assert spelling_key("kessor") != spelling_key("kassor")
    assert spelling_key("lindmere") != spelling_key("lindmore")


def test_two_spellings_of_one_town_are_one_story_and_another_town_stays_apart():
    rows = [
        ("o1", "2023-03-13", "Troops of the Free Dravic Front pushed into Ostrogan, and thousands of families fled "
         "Ostrogan towards Brelo, the relief office in Brelo said."),
        ("o2", "2023-03-14", "Families from Ostrogan reached the camp at Brelo after the Free Dravic Front took the "
         "eastern districts of Ostrogan, the relief office said."),
        ("o3", "2023-03-15", "Doctors in Ostrohan said shelling of the market killed dozens; the Free Dravic Front "
         "denied firing on Ostrohan, and families kept leaving for Brelo."),
        ("z1", "2023-03-15", "Shelling hit the market of Zelvin in the south, doctors in Zelvin said, and the "
         "Kardova militia denied firing on Zelvin."),
    ]
    assert groups(cluster(arts(rows))) == [["o1", "o2", "o3"], ["z1"]]
    from newsfuse.corpus.story_features import spelling_key

    # Both spellings are one name feature (not only shared words around them).
    assert features_of(arts(rows)[2]).names[spelling_key("ostrogan")] == 2


def test_stories_that_share_only_common_words_are_not_candidates():
    clusterer = StoryClusterer()
    rows = [(f"f{n}", "2024-05-01", f"Floodwater swept through Town{'abcdefghijklmnopqrstuvwxyz'[n]}ville after "
             "the river burst its banks, and rescue boats reached the flooded villages.") for n in range(20)]
    rows.append(("avel", "2024-05-01", "Floodwater swept through Port Avel after the Velmora river burst its banks; "
                 "Port Avel mayor Dara Oskin opened the school gym."))
    for a in arts(rows):
        clusterer.add(a)
    query = features_of(Article.create(id="q", published="2024-05-02", text=(
        "Rescue boats reached Port Avel as mayor Dara Oskin said the Velmora river was still rising.")))
    vec = clusterer.vector(query)
    candidates = clusterer._candidates(clusterer._keys(vec), vec)
    assert candidates[0] == clusterer.story_of["avel"]
    assert len(candidates) < clusterer.max_candidates  # not every flood story that says "river" and "boats"
