"""Reuse detection: reprints, splices, quote-mark and punctuation changes, independence groups."""

from newsfuse.model import Article, Sentence
from newsfuse.corpus.reuse import ReuseIndex, independent_source_groups


def article(id_, published, paragraphs):
    text = "\n\n".join(paragraphs)
    spans, pos = [], 0
    for p in paragraphs:
        spans.append(Sentence(pos, pos + len(p)))
        pos += len(p) + 2
    return Article.create(id=id_, text=text, published=published, sentences=tuple(spans))


WIRE = [
    "Floodwater swept through the lower districts of Maravel overnight, forcing about 4,000 residents from their homes.",
    "\"We have never seen the river rise this fast,\" said Ilse Ranke, the head of the regional civil protection office.",
    "Rescue teams in rubber boats evacuated patients from the Santa Orla hospital before dawn on Thursday.",
    "The regional government said at least 12 people had died and 30 were missing.",
]
OWN = [
    "Our correspondent in the hills above Maravel watched helicopters circle the submerged bridge for hours.",
    "Shopkeepers in the old market said the warning sirens had sounded only minutes before the water arrived.",
    "Volunteers from neighbouring villages brought bread, blankets and drinking water to the sports hall.",
]


def test_verbatim_reprint_with_other_quote_marks_is_a_copy():
    reprint = [p.replace('"', "\u201c", 1).replace('"', "\u201d", 1) for p in WIRE]
    idx = ReuseIndex()
    idx.add([article("wire", "2024-04-11", WIRE), article("paper", "2024-04-12", reprint)])
    report = idx.report("paper")
    assert report.copy_of == ("wire",)
    assert report.reused_share == 1.0
    assert idx.report("wire").copy_of == ()


def test_a_splice_of_wire_sentences_copies_each_source_and_independent_text_does_not():
    second_wire = [
        "Power lines were cut across three provinces and the main rail link to the coast was closed until further notice.",
        "The national weather service warned that more heavy rain was expected over the weekend in the north.",
    ]
    splice = [WIRE[0], second_wire[0], WIRE[2], second_wire[1], "Our own reporter found the ferry terminal closed and the car park under a metre of water."]
    idx = ReuseIndex()
    idx.add([
        article("wire-a", "2024-04-11", WIRE),
        article("wire-b", "2024-04-11", second_wire),
        article("local", "2024-04-12", OWN),
        article("splice", "2024-04-12", splice),
    ])
    report = idx.report("splice")
    assert set(report.copy_of) == {"wire-a", "wire-b"}
    assert 0.7 < report.reused_share < 0.9
    assert idx.report("local").reused_share == 0.0 and idx.report("local").copy_of == ()


def test_small_edits_still_match_but_a_different_sentence_does_not():
    edited = [WIRE[0].replace("about 4,000", "around 4,000").rstrip(".") + " on Wednesday."]
    idx = ReuseIndex()
    idx.add([article("wire", "2024-04-11", WIRE), article("edit", "2024-04-12", edited + OWN)])
    groups = idx.groups()
    assert len(groups) == 1 and groups[0].origin == "wire"
    assert {span[0] for span in groups[0].spans} == {"wire", "edit"}
    assert idx.report("edit").copy_of == ()  # one shared sentence out of four is quoting, not a reprint


def test_adding_articles_later_updates_the_index_incrementally():
    idx = ReuseIndex()
    idx.add([article("wire", "2024-04-11", WIRE)])
    assert idx.groups() == []
    idx.add([article("late", "2024-04-13", WIRE[:3])])
    idx.add([article("late", "2024-04-13", WIRE[:3])])  # the same article again changes nothing
    assert idx.report("late").copy_of == ("wire",)
    assert len(idx.groups()) == 3


def test_copies_and_one_owner_count_as_one_source():
    idx = ReuseIndex()
    idx.add([
        article("wire", "2024-04-11", WIRE),
        article("reprint", "2024-04-12", WIRE),
        article("state-tv", "2024-04-12", OWN),
        article("state-agency", "2024-04-12", ["The state agency reported calm in the capital and praised the rescue effort."]),
    ])
    groups = independent_source_groups(
        idx.reports(), {"wire": "wire", "reprint": "paper", "state-tv": "gov", "state-agency": "gov"}
    )
    assert sorted(sorted(g) for g in groups) == [["reprint", "wire"], ["state-agency", "state-tv"]]
