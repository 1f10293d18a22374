"""Analyst corrections: generic overrides that survive re-runs and can be retracted."""

import pytest

from newsfuse.model import Article
from newsfuse.store import open_store


def test_add_list_and_retract(store):
    merge = store.add_correction("merge_entities", "Daesh", {"into": "IS"}, author="lena")
    category = store.add_correction("figure_category", "ledger-1:120-132", {"category": "displaced"})
    copy = store.add_correction("not_a_copy", "courier-4")
    assert [c.id for c in store.corrections()] == [merge, category, copy]
    [c] = store.corrections("merge_entities")
    assert (c.kind, c.target, c.payload, c.author, c.active, c.retracted) == (
        "merge_entities", "Daesh", {"into": "IS"}, "lena", True, None)
    assert store.corrections("not_a_copy")[0].payload == {}
    assert store.retract_correction(category) is True
    assert store.retract_correction(category) is False
    assert [c.id for c in store.corrections()] == [merge, copy]
    [gone] = store.corrections("figure_category", active_only=False)
    assert gone.active is False and gone.retracted is not None
    with pytest.raises(KeyError):
        store.retract_correction(999)


def test_any_kind_and_any_json_payload(store):
    payload = {"article": "a7", "to_story": "s-3", "notes": ["checked", 2], "weight": 0.5, "nested": {"ok": True}}
    cid = store.add_correction("move_article", "a7", payload)
    store.add_correction("outlet_affiliation", "State TV", {"group": "Govt. of X"})
    assert store.corrections("move_article")[0].payload == payload
    assert {c.kind for c in store.corrections()} == {"move_article", "outlet_affiliation"}
    assert cid == 1


def test_corrections_survive_reopening_and_reingest(tmp_path):
    path = tmp_path / "n.db"
    with open_store(path) as s:
        s.add_articles([Article.create(id="a", text="One.")])
        s.add_correction("split_entity", "Jordan", {"spans": [[0, 6]]})
    with open_store(path) as s:
        s.add_articles([Article.create(id="a", text="One.")])
        assert [c.target for c in s.corrections("split_entity")] == ["Jordan"]


def test_a_correction_needs_kind_and_target(store):
    with pytest.raises(ValueError):
        store.add_correction("", "x", {})
    with pytest.raises(ValueError):
        store.add_correction("merge_entities", "", {})
