"""Framing per entity per outlet: unit tests on hand-built articles, and the two seed pages."""

from __future__ import annotations

import re

from newsfuse.corpus import framing
from newsfuse.corpus.framing import article_labels, framing_json, lexicon, outlet_name
from newsfuse.model import Article, EntityMention, Quote, Sentence

def make(id: str, text: str, names: dict[str, tuple[str, str]], source: str | None = None,
         quotes: tuple[Quote, ...] = ()) -> Article:
    """An article with sentences split at ". " and every occurrence of each name as a mention.

    ``names`` maps surface text → (canonical entity, label); longer names are matched first.
    """
    sentences, start = [], 0
    for m in re.finditer(r"(?<=[.!?])\s+|$", text):
        if m.start() > start:
            sentences.append(Sentence(start, m.start()))
        start = m.end()
    mentions, used = [], []
    for surface in sorted(names, key=len, reverse=True):
        for m in re.finditer(rf"\b{re.escape(surface)}\b", text):
            if any(s < m.end() and m.start() < e for s, e in used):
                continue
            used.append((m.start(), m.end()))
            entity, label = names[surface]
            mentions.append(EntityMention(m.start(), m.end(), surface, label, entity))
    mentions.sort(key=lambda e: e.start)
    return Article.create(id=id, text=text, source=source).with_layer(
        sentences=tuple(sentences), entities=tuple(mentions), quotes=quotes)


def row(result: list[dict], entity: str, source: str) -> dict:
    (f,) = [f for f in result if f["entity"] == entity]
    (r,) = [r for r in f["labels"] if r["source"] == source]
    return r


VALE = {"Vale Front": ("Vale Liberation Front", "ORG"), "VLF": ("Vale Liberation Front", "ORG"),
        "Ostmark": ("Ostmark", "GPE"), "Red Hand": ("Red Hand Brotherhood", "ORG"),
        "Dorn Monitor": ("Dorn Monitor", "ORG")}


def test_noun_after_mention_and_bare_phrase_with_spans():
    # "Ostmark-backed rebels" has no row in the bundled lexicon, so it stays unattached here
    text = "VLF rebels took the bridge. Ostmark-backed rebels then shelled it."
    labels = article_labels(make("t1", text, VALE, source="Harbour Post"), "Harbour Post")
    assert [(l.entity, l.term, l.kind, l.start, l.end) for l in labels] == [
        ("Vale Liberation Front", "VLF", "alias", 0, 3),
        ("Vale Liberation Front", "rebels", "noun", 4, 10),
    ]


def test_user_lexicon_adds_a_bare_phrase(tmp_path, monkeypatch):
    (tmp_path / "framing_terms.tsv").write_text(
        "term\tkind\tloaded\trefers_to\nostmark-backed rebels\tphrase\tno\tVale Liberation Front\n"
        "separatists\tnoun\tyes\t-\n", encoding="utf-8")
    monkeypatch.setenv("NEWSFUSE_HOME", str(tmp_path))
    lexicon.cache_clear()
    try:
        text = "VLF separatists took the bridge. Ostmark-backed rebels then shelled it."
        r = row(framing_json([make("t2", text, VALE, source="Harbour Post")]), "Vale Liberation Front", "Harbour Post")
        assert r["terms"] == ["separatists", "Ostmark-backed rebels"]
        assert r["spans"] == [{"id": "t2", "start": 4, "end": 15}, {"id": "t2", "start": 33, "end": 54}]
        assert r["loaded"] == ["separatists"]
    finally:
        lexicon.cache_clear()


def test_bare_phrase_needs_its_entity_in_the_article(tmp_path, monkeypatch):
    (tmp_path / "framing_terms.tsv").write_text(
        "the armed group\tphrase\tno\tVale Liberation Front\n", encoding="utf-8")
    monkeypatch.setenv("NEWSFUSE_HOME", str(tmp_path))
    lexicon.cache_clear()
    try:
        lone = make("t3", "The armed group left Ostmark.", VALE, source="Courier")
        assert framing_json([lone]) == []
        named = make("t4", "The armed group left Ostmark. The VLF denied it.", VALE, source="Courier")
        r = row(framing_json([named]), "Vale Liberation Front", "Courier")
        assert r["terms"] == ["the armed group"]
        assert r["spans"] == [{"id": "t4", "start": 0, "end": 15}]
    finally:
        lexicon.cache_clear()


def test_apposition_modifier_and_copular_description():
    text = ("The Dorn Monitor, a Lisbon-based rights group, said 12 died. "
            "The Ostmark-backed Vale Front is the armed wing of the Red Hand.")
    a = make("t5", text, VALE, source="Courier")
    result = framing_json([a])
    monitor = row(result, "Dorn Monitor", "Courier")
    assert monitor["terms"] == ["a Lisbon-based rights group"]
    front = row(result, "Vale Liberation Front", "Courier")
    assert front["terms"] == ["Ostmark-backed", "the armed wing of the Red Hand"]
    span = front["spans"][1]
    assert text[span["start"]:span["end"]] == "the armed wing of the Red Hand"


def test_preferred_alias_loaded_alias_and_outlets_compared():
    a = make("p1", "Daesh terrorists fled. Daesh lost the town. IS fighters stayed.",
             {"Daesh": ("Islamic State", "ORG"), "IS": ("Islamic State", "ORG")}, source="Gazette")
    b = make("p2", "IS fighters fled the town. The jihadists lost it.",
             {"IS": ("Islamic State", "ORG")}, source="Ledger")
    (f,) = framing_json([a, b])
    gazette, ledger = f["labels"]
    assert (gazette["source"], gazette["alias"], gazette["aliases"]) == ("Gazette", "Daesh", {"Daesh": 2, "IS": 1})
    assert gazette["terms"] == ["terrorists", "fighters"]
    assert gazette["loaded"] == ["Daesh", "terrorists"]
    assert (ledger["source"], ledger["alias"], ledger["terms"]) == ("Ledger", "IS", ["fighters", "the jihadists"])


def test_direct_quote_is_flagged_not_counted_but_reported_speech_counts():
    text = 'He said VLF rebels left. "The VLF thugs are gone," the mayor said.'
    q = Quote(start=26, end=48, text=text[26:48], kind="direct", speaker=None, cue=None)
    a = make("q1", text, VALE, source="Courier", quotes=(q,))
    r = row(framing_json([a]), "Vale Liberation Front", "Courier")
    assert r["terms"] == ["rebels"]
    assert r["loaded"] == []
    quoted = [(i["term"], i["kind"]) for i in r["items"] if i["quoted"]]
    assert quoted == [("VLF", "alias"), ("thugs", "noun")]
    (thugs,) = [i for i in r["items"] if i["term"] == "thugs"]
    assert thugs["loaded"] is True and thugs["spans"] == [{"id": "q1", "start": 34, "end": 39}]


def test_places_are_not_framed_and_source_falls_back_to_id():
    a = make("noid", "Ostmark forces shelled VLF fighters.", VALE, source=None)
    assert outlet_name(a) == "noid"
    result = framing_json([a])
    assert [f["entity"] for f in result] == ["Vale Liberation Front"]
    assert row(result, "Vale Liberation Front", "noid")["terms"] == ["fighters"]


def test_seed_pages_frame_sdf_and_islamic_state_differently(seed_paths):
    from newsfuse.api import annotate

    articles = [a for a in annotate([str(p) for p in seed_paths]) if isinstance(a, Article)]
    by_name = {a.id[:3]: outlet_name(a) for a in articles}
    result = framing_json(articles)
    sdf_004 = row(result, "Syrian Democratic Forces", by_name["004"])
    sdf_000 = row(result, "Syrian Democratic Forces", by_name["000"])
    is_004 = row(result, "Islamic State", by_name["004"])
    is_000 = row(result, "Islamic State", by_name["000"])
    assert "militants" in sdf_004["terms"] and "US-backed militants" in sdf_004["terms"]
    assert "the Syrian branch of the PKK" in sdf_004["terms"]
    assert not any("militants" in t for t in sdf_000["terms"])
    assert "US-backed forces" in sdf_000["terms"]
    assert is_004["alias"] == "Daesh" and "Daesh" in is_004["loaded"]
    assert "terrorists" in is_004["terms"]
    assert is_000["alias"] == "IS" and "Daesh" not in is_000["aliases"]
    assert "the jihadists" in is_000["terms"] and "the extremist group" in is_000["terms"]
    for r in (sdf_004, sdf_000, is_004, is_000):  # every label's spans point at its own words
        article = next(a for a in articles if outlet_name(a) == r["source"])
        assert len(r["spans"]) >= len(r["terms"])
        for item in r["items"]:
            for span in item["spans"]:
                assert span["id"] == article.id
                written = " ".join(article.text[span["start"]:span["end"]].split())
                assert written.casefold() == item["term"].casefold()


def test_loaded_word_inside_an_apposition_flags_the_label():
    text = "The Red Hand, a notorious militia, said it held the VLF positions."
    r = row(framing_json([make("w1", text, VALE, source="Courier")]), "Red Hand Brotherhood", "Courier")
    assert r["terms"] == ["a notorious militia"] and r["loaded"] == ["a notorious militia"]
    assert framing.loaded_spans(text) == [(16, 25, "notorious")]
