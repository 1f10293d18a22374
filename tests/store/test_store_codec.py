"""The record <-> dict codec: every layer type survives JSON and back unchanged."""

import json

import pytest

from newsfuse.model import (
    LAYER_TYPES,
    Boilerplate,
    EntityMention,
    Figure,
    PlaceMention,
    PlaceRef,
    Quote,
    Sentence,
    SpanRef,
    Story,
    TimeExpr,
)
from newsfuse.store.codec import record_from_dict, record_to_dict

SAMPLES = {
    "boilerplate": Boilerplate(0, 16, "date_prefix", method="clean/rules-1"),
    "sentences": Sentence(17, 60),
    "entities": EntityMention(5, 17, "the Red Crescent", "ORG", "Red Crescent", role="aid group",
                              method="entities/sm+rules-1", confidence=0.75),
    "places": PlaceMention(30, 37, "Tal Abu", "Tal Abu", 9990001, 34.25, 40.5, "SY", feature_class="P",
                           precision="point", method="places/gaz-1", confidence=None),
    "times": TimeExpr(40, 50, "last month", "2019-02", method="times/rules-1", confidence=0.5),
    "quotes": Quote(60, 90, "we have nothing left", "direct",
                    speaker=SpanRef(92, 95, "she", entity="Mira Haddad"), cue=SpanRef(96, 100, "said"),
                    method="quotes/rules-1"),
    "figures": Figure(100, 112, "almost 3,000", 3000.0, 2700.0, 3000.0, "approx", "people", "fled", "civilians",
                      claimant=SpanRef(120, 124, "UNHCR", entity="UNHCR"),
                      place=PlaceRef("Tal Abu", 9990001), period="2019-03-03/2019-03-05",
                      negated=False, modality="may", cumulative=True, method="figures/rules-2", confidence=0.9),
}


def test_every_layer_type_has_a_sample():
    assert set(SAMPLES) == set(LAYER_TYPES)


@pytest.mark.parametrize("layer", sorted(SAMPLES))
def test_round_trip_through_json(layer):
    record = SAMPLES[layer]
    data = json.loads(json.dumps(record_to_dict(record)))
    back = record_from_dict(LAYER_TYPES[layer], data)
    assert back == record
    assert type(back) is type(record)


def test_nested_records_come_back_typed():
    figure = record_from_dict(Figure, json.loads(json.dumps(record_to_dict(SAMPLES["figures"]))))
    assert isinstance(figure.claimant, SpanRef) and figure.claimant.entity == "UNHCR"
    assert isinstance(figure.place, PlaceRef) and figure.place.geonameid == 9990001
    quote = record_from_dict(Quote, record_to_dict(SAMPLES["quotes"]))
    assert quote.speaker == SpanRef(92, 95, "she", entity="Mira Haddad")
    assert quote.cue == SpanRef(96, 100, "said", entity=None)


def test_null_nested_records_and_null_numbers():
    figure = Figure(0, 8, "hundreds", None, 200.0, 999.0, "vague", "people", "displaced", "people")
    assert record_from_dict(Figure, json.loads(json.dumps(record_to_dict(figure)))) == figure


def test_integers_written_by_json_come_back_as_floats():
    data = record_to_dict(SAMPLES["figures"])
    data.update(value=20000, low=20000, high=None)
    figure = record_from_dict(Figure, data)
    assert figure.value == 20000.0 and isinstance(figure.value, float)
    assert isinstance(figure.low, float) and figure.high is None


def test_unknown_keys_are_ignored_and_missing_ones_take_defaults():
    data = {"start": 1, "end": 4, "text": "IS", "label": "ORG", "entity": "IS", "from_a_newer_model": 1}
    assert record_from_dict(EntityMention, data) == EntityMention(1, 4, "IS", "ORG", "IS")


def test_tuples_in_records():
    story = Story("s-1", ("a", "b"), title="Quake", merged_from=("s-0",))
    data = json.loads(json.dumps(record_to_dict(story)))
    assert data["article_ids"] == ["a", "b"]
    assert record_from_dict(Story, data) == story


def test_only_records_are_encoded():
    with pytest.raises(TypeError):
        record_to_dict({"start": 1})
