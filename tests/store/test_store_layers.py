"""Annotation layers: stored per version with their method, replaced on re-run, loaded as records."""

import pytest

from newsfuse.model import (
    ANNOTATION_LAYERS,
    Article,
    Boilerplate,
    EntityMention,
    Figure,
    PlaceMention,
    PlaceRef,
    Quote,
    Sentence,
    SpanRef,
    TimeExpr,
)

TEXT = (
    "Latest News\n"
    "Around 300 people fled Kessa on Sunday, the Red Crescent said. \"We lost everything,\" she said."
)


def annotated(article: Article) -> Article:
    t = article.text
    return article.with_layer(
        boilerplate=[Boilerplate(0, 11, "nav_line", method="clean/rules-1")],
        sentences=[Sentence(12, 74), Sentence(75, 106)],
        entities=[EntityMention(t.index("Red"), t.index("Red") + 12, "Red Crescent", "ORG", "Red Crescent")],
        places=[PlaceMention(35, 40, "Kessa", "Kessa", 9990002, 35.1, 36.2, "SY", method="places/gaz-1")],
        times=[TimeExpr(44, 50, "Sunday", "2023-05-07", method="times/rules-1")],
        quotes=[Quote(76, 94, "We lost everything", "direct", speaker=SpanRef(97, 100, "she", entity=None),
                      cue=SpanRef(101, 105, "said"), method="quotes/rules-1")],
        figures=[Figure(12, 22, "Around 300", 300.0, 270.0, 330.0, "approx", "people", "fled", "people",
                        claimant=SpanRef(56, 68, "Red Crescent", entity="Red Crescent"),
                        place=PlaceRef("Kessa", 9990002), period="2023-05-07", method="figures/rules-1")],
    )


@pytest.fixture
def stored(store):
    [result] = store.add_articles([Article.create(id="k1", text=TEXT, published="2023-05-08")])
    return result


def test_all_layers_round_trip(store, stored):
    a = annotated(Article.create(id="k1", text=TEXT, published="2023-05-08"))
    store.save_layers(stored.version_id, a, methods={"sentences": "clean/sentences-1", "entities": "entities/sm-1"})
    back = store.load_article("k1")
    for layer in ANNOTATION_LAYERS:
        if layer == "entities":  # the record had no method: it now carries the one it was stored with
            assert back.entities == (EntityMention(56, 68, "Red Crescent", "ORG", "Red Crescent",
                                                   method="entities/sm-1"),)
        else:
            assert getattr(back, layer) == getattr(a, layer), layer
    assert back.meta["version"] == stored.version_id


def test_method_per_annotation_and_per_layer(store, stored):
    a = annotated(Article.create(id="k1", text=TEXT))
    store.save_layers(stored.version_id, a, methods={"sentences": "clean/sentences-1"})
    assert store.stored_layers(stored.version_id) == {
        "boilerplate": "clean/rules-1",
        "sentences": "clean/sentences-1",
        "entities": "unknown",
        "places": "places/gaz-1",
        "times": "times/rules-1",
        "quotes": "quotes/rules-1",
        "figures": "figures/rules-1",
    }
    # the span and method columns are plain SQL, for queries that need no JSON
    rows = store._conn.execute(
        "SELECT layer, idx, span_start, span_end, method FROM annotations ORDER BY layer, idx"
    ).fetchall()
    assert [tuple(r) for r in rows] == [
        ("boilerplate", 0, 0, 11, "clean/rules-1"),
        ("entities", 0, 56, 68, "unknown"),
        ("figures", 0, 12, 22, "figures/rules-1"),
        ("places", 0, 35, 40, "places/gaz-1"),
        ("quotes", 0, 76, 94, "quotes/rules-1"),
        ("sentences", 0, 12, 74, "clean/sentences-1"),
        ("sentences", 1, 75, 106, "clean/sentences-1"),
        ("times", 0, 44, 50, "times/rules-1"),
    ]


def test_rerunning_a_stage_replaces_only_its_layer(store, stored):
    a = annotated(Article.create(id="k1", text=TEXT))
    store.save_layers(stored.version_id, a)
    store.save_layers(stored.version_id, a)  # idempotent
    assert len(store.load_article("k1").sentences) == 2
    rerun = a.with_layer(times=[TimeExpr(44, 50, "Sunday", "2023-05-07", method="times/rules-2")], places=[])
    store.save_layers(stored.version_id, rerun, layers=("times", "places"))
    back = store.load_article("k1")
    assert back.times == (TimeExpr(44, 50, "Sunday", "2023-05-07", method="times/rules-2"),)
    assert back.places == ()
    assert back.quotes == a.quotes and back.sentences == a.sentences
    assert store.stored_layers(stored.version_id)["places"] == "unknown"  # ran, found nothing
    count = store._conn.execute("SELECT count(*) FROM annotations").fetchone()[0]
    assert count == 7  # 1+2+1+0+1+1+1


def test_layers_belong_to_one_version(store, stored):
    store.save_layers(stored.version_id, annotated(Article.create(id="k1", text=TEXT)))
    [v2] = store.add_articles([Article.create(id="k1", text=TEXT + " More later.")])
    assert v2.status == "new_version"
    assert store.load_article("k1").figures == ()  # the new text is not annotated yet
    assert len(store.load_article("k1", version=stored.version_id).figures) == 1


def test_annotations_of_another_text_are_refused(store, stored):
    other = annotated(Article.create(id="k1", text=TEXT + "!"))
    with pytest.raises(ValueError):
        store.save_layers(stored.version_id, other)
    with pytest.raises(KeyError):
        store.save_layers(stored.version_id + 5, annotated(Article.create(id="k1", text=TEXT)))


def test_wrong_record_type_rolls_back_every_layer(store, stored):
    a = annotated(Article.create(id="k1", text=TEXT))
    store.save_layers(stored.version_id, a)
    broken = a.with_layer(sentences=[Sentence(0, 5)], times=[Sentence(0, 3)])
    with pytest.raises(TypeError):
        store.save_layers(stored.version_id, broken, layers=("sentences", "times"))
    assert store.load_article("k1").sentences == a.sentences


def test_unknown_layer_names(store, stored):
    with pytest.raises(ValueError):
        store.save_layers(stored.version_id, Article.create(id="k1", text=TEXT), layers=("frames",))
    with pytest.raises(ValueError):
        store.load_article("k1", layers=("frames",))


def test_load_only_some_layers(store, stored):
    store.save_layers(stored.version_id, annotated(Article.create(id="k1", text=TEXT)))
    light = store.load_article("k1", layers=("sentences",))
    assert len(light.sentences) == 2 and light.figures == () and light.quotes == ()
    assert [len(a.figures) for a in store.iter_articles(layers=("figures",))] == [1]
    assert [len(a.figures) for a in store.iter_articles(layers=())] == [0]


def test_a_stored_empty_layer_is_known_to_be_empty(store, stored):
    article = Article.create(id="k1", text=TEXT).with_layer(sentences=[Sentence(12, 74)])
    store.save_layers(stored.version_id, article, layers=("sentences", "quotes"))  # quotes: ran, found none
    loaded = store.load_article("k1")
    assert loaded.ran == ("sentences", "quotes")
    assert loaded.has("quotes") and loaded.quotes == ()
    assert not loaded.has("figures")  # never stored: unknown, not empty
