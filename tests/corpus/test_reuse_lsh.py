"""Near-duplicate articles by MinHash LSH, and what the index does with them: a reprint's text is posted
once, yet every answer is that of a full index; short shared runs in long articles are still found."""

import re

import pytest
from datasketch import MinHashLSH

from newsfuse.corpus import reuse
from newsfuse.model import Article, Sentence
from newsfuse.corpus.reuse import ReuseIndex, gram_signature

WIRE = (
    "A landslide buried part of the mountain village of Tessar before dawn on Monday, and rescuers said "
    "eleven people were missing. \"The whole slope came down in seconds,\" said Mirela Dunn, who runs the "
    "village shop. Heavy rain had soaked the hillside for nine days, the regional weather office said. "
    "Army engineers were clearing the only road into the valley, which was blocked in three places. "
    "The provincial governor flew over the area by helicopter and promised temporary housing for families."
)


def sentences(text: str) -> tuple[Sentence, ...]:
    return tuple(Sentence(m.start(), m.end()) for m in re.finditer(r"[^.]+(?:\.\"?|$)\s*", text) if m.group().strip())


def article(id_: str, published: str, text: str) -> Article:
    return Article.create(id=id_, text=text, published=published, sentences=sentences(text))


def curly(text: str) -> str:
    return re.sub(r'"([^"]*)"', "\u201c\\1\u201d", text)


def stripped(text: str) -> str:
    return text.replace(",", "").replace('"', "").replace(". ", " ")


OWN = ("Our correspondent reached the edge of the valley on foot and found farmers leading cattle away from "
       "the river. The school in the next village has become a shelter, with mattresses laid out in the gym. ")


def test_reprints_with_other_quotes_or_no_punctuation_are_near_duplicates_and_a_shared_paragraph_is_not():
    idx = ReuseIndex()
    idx.add([
        article("wire", "2025-03-03", WIRE),
        article("curly", "2025-03-04", curly(WIRE)),
        article("bare", "2025-03-04", stripped(WIRE)),
        article("feature", "2025-03-04", OWN + WIRE.split(". ")[2] + ". " + OWN.replace("valley", "hills")),
    ])
    assert idx.near_duplicates("curly") == ("wire",)
    assert set(idx.near_duplicates("bare")) == {"wire", "curly"}
    assert idx.near_duplicates("feature") == () and idx.near_duplicates("wire") == ()
    # The reprints' text is reached through the wire's postings: none of their grams is posted again.
    posted = {a for a, _ in idx.posted()}
    assert "curly" not in posted and "bare" not in posted and "feature" in posted


def test_copies_that_arrive_before_their_original_still_get_it():
    # Two reprints of one wire story arrive first (a store fed out of order); the wire story comes last.
    idx = ReuseIndex()
    idx.add([article("reprint-1", "2025-03-04", curly(WIRE)), article("reprint-2", "2025-03-04", stripped(WIRE))])
    assert idx.near_duplicates("reprint-2") == ("reprint-1",)
    idx.add([article("wire", "2025-03-03", WIRE)])
    assert idx.report("reprint-1").copy_of == ("wire",)
    assert idx.report("reprint-2").copy_of == ("wire",)
    assert set(idx.report("wire").shares_with) == {"reprint-1", "reprint-2"}


def _stream() -> list[Article]:
    later = "Rescuers said on Tuesday that four of the missing had been found alive. " + WIRE.split(". ")[3] + ". "
    return [
        article("flash", "2025-03-05", curly(WIRE)),
        article("wire", "2025-03-03", WIRE),
        article("bare", "2025-03-04", stripped(WIRE)),
        article("again", "2025-03-04", WIRE + " --Wire"),
        article("feature", "2025-03-05", OWN + later + OWN.replace("valley", "hills")),
        article("splice", "2025-03-06", stripped(WIRE.split(". ")[0]) + ". " + later),
    ]


def test_posting_a_reprint_once_gives_the_answers_of_a_full_index(monkeypatch):
    collapsed = ReuseIndex()
    collapsed.add(_stream())
    assert collapsed.duplicate_of  # the stream does hold near-duplicates
    monkeypatch.setattr(reuse, "DUPLICATE_JACCARD", 1.01)  # no article is anyone's twin: a full index
    full = ReuseIndex(articles_lsh=MinHashLSH(num_perm=reuse.NUM_PERM, params=reuse.LSH_BANDS))
    full.add(_stream())
    assert not full.duplicate_of
    assert collapsed.reports() == full.reports()
    assert collapsed.groups() == full.groups()
    assert len(list(collapsed.posted())) < len(list(full.posted()))


def test_near_duplicates_in_two_batches_give_the_same_answers_as_one():
    one, two = ReuseIndex(), ReuseIndex()
    one.add(_stream())
    two.add(_stream()[:3])
    two.add(_stream()[3:])
    assert one.reports() == two.reports() and one.groups() == two.groups()


def test_a_ten_word_wire_run_inside_a_long_article_is_found():
    wire = article("wire", "2025-03-03", "The blast struck a crowded street near the grain exchange on Friday. " + WIRE)
    filler = " ".join(f"Witness number {k} described what the {w} looked like from the {v} side of town."
                      for k, (w, v) in enumerate(zip(["market", "bridge", "station", "harbour", "square"] * 12,
                                                     ["north", "east", "south", "west", "upper", "lower"] * 10)))
    long_text = filler + " Then the blast struck a crowded street near the grain exchange again, he said. " + filler
    long = article("long", "2025-03-04", long_text)
    assert len(long_text.split()) > 600
    idx = ReuseIndex()
    idx.add([wire, long])
    assert idx.report("long").shares_with == ("wire",)
    assert idx.report("long").copy_of == ()
    [group] = idx.groups()
    spans = {a: long_text[s:e] for a, s, e in group.spans if a == "long"}
    assert "crowded street near the grain exchange" in spans["long"]


def test_nine_shared_words_are_not_reuse():
    wire = article("wire", "2025-03-03", "The blast struck a crowded street near the grain exchange on Friday.")
    other = article("other", "2025-03-04", "Witnesses said a crowded street near the grain exchange was empty by noon.")
    idx = ReuseIndex()
    idx.add([wire, other])
    assert idx.report("other").shares_with == ()


@pytest.mark.parametrize("kept", [1.0, 0.9, 0.5])
def test_gram_signatures_estimate_the_jaccard_of_gram_sets(kept):
    a = list(range(1000))
    b = a[: int(1000 * kept)] + list(range(5000, 5000 + 1000 - int(1000 * kept)))
    true = len(set(a) & set(b)) / len(set(a) | set(b))
    assert abs(gram_signature(a).jaccard(gram_signature(b)) - true) < 0.15


def _syndicated() -> list[Article]:
    """One wire story reprinted by many outlets, most of them word for word, then two later texts that
    take a passage of it (each reprint holds that passage too)."""
    later = "Rescuers said on Tuesday that four of the missing had been found alive. " + WIRE.split(". ")[3] + ". "
    reprints = [article(f"same-{n}", "2025-03-04", (curly(WIRE) if n % 2 else WIRE)) for n in range(6)]
    reprints += [article(f"bare-{n}", "2025-03-04", stripped(WIRE)) for n in range(2)]
    return [article("wire", "2025-03-03", WIRE), *reprints,
            article("signed", "2025-03-04", WIRE + " Reporting by Ana Velo."),
            article("feature", "2025-03-05", OWN + later + OWN.replace("valley", "hills")),
            article("splice", "2025-03-06", stripped(WIRE.split(". ")[0]) + ". " + later)]


def test_reprints_with_the_same_words_are_aligned_once_and_answer_as_a_full_index(monkeypatch):
    alignments = []
    align = ReuseIndex._align

    def counted(self, doc, other, pairs, unions=None):
        alignments.append((doc.id, other))
        return align(self, doc, other, pairs, unions)

    monkeypatch.setattr(ReuseIndex, "_align", counted)
    collapsed = ReuseIndex()
    collapsed.add(_syndicated())
    # Verbatim and curly-quoted reprints have the same words and sentences as the wire text, the two
    # stripped ones as each other.
    assert collapsed.same_text == {**{f"same-{n}": "wire" for n in range(6)}, "bare-1": "bare-0"}
    collapsed_alignments = len(alignments)
    alignments.clear()
    monkeypatch.setattr(ReuseIndex, "_note_same_text", lambda self, doc: None)
    ReuseIndex().add(_syndicated())  # twins, but every sibling reprint aligned on its own
    assert collapsed_alignments < len(alignments) / 2
    monkeypatch.setattr(reuse, "DUPLICATE_JACCARD", 1.01)  # no article is anyone's twin: a full index
    full = ReuseIndex(articles_lsh=MinHashLSH(num_perm=reuse.NUM_PERM, params=reuse.LSH_BANDS))
    full.add(_syndicated())
    assert collapsed.reports() == full.reports()
    assert collapsed.groups() == full.groups()
    assert set(collapsed.report("same-5").shares_with) >= {f"same-{n}" for n in range(5)} | {"bare-0", "bare-1"}


def test_the_words_a_reprint_shares_with_each_sibling_are_held_once():
    idx = ReuseIndex()
    idx.add(_syndicated())
    with_siblings = [idx.cover["same-5"][f"same-{n}"] for n in range(5)]
    assert all(words is with_siblings[0] for words in with_siblings)
    assert len(with_siblings[0]) == len(idx.docs["same-5"].starts)  # the whole reprint


STOCK = "Officials said more details would be released later."
FILLER = ["The ferry to {0} sailed late because fog hid the harbour lights until noon.",
          "In {0} the bakers opened early and sold bread to the crews waiting on the quay.",
          "Children in {0} were kept home while the council checked the old school roof."]
PLACES = ["Arbel", "Corvin", "Dastra", "Elmwick", "Fennor", "Galloway Point"]


def _stock_stream() -> list[Article]:
    """Articles that share only a stock phrase, then one that shares a passage made only of common text
    (the stock phrase and a paragraph that every earlier one carries) and one with just the stock phrase."""
    common = "Fishing boats stayed in port along the whole coast for a third day as the storm went on."
    texts = [f"{FILLER[n % 3].format(place)} {STOCK} {common}" for n, place in enumerate(PLACES)]
    texts += [f"A new road opened near Harlow on Friday. {STOCK} {common}",
              f"Voters in Istra chose a new mayor on Sunday. {STOCK} Turnout was high."]
    return [article(f"a{n}", f"2025-04-{n + 1:02d}", text) for n, text in enumerate(texts)]


def test_a_stock_phrase_in_many_places_is_not_aligned_alone_but_common_text_runs_are_found(monkeypatch):
    full = ReuseIndex()
    full.add(_stock_stream())
    monkeypatch.setattr(reuse, "COMMON_GRAM", 3)  # the stock phrase and the coast paragraph are common
    alignments = []
    align = ReuseIndex._align
    monkeypatch.setattr(ReuseIndex, "_align", lambda self, doc, other, *rest: (
        alignments.append((doc.id, other)), align(self, doc, other, *rest))[1])
    deferred = ReuseIndex()
    deferred.add(_stock_stream())
    assert deferred.reports() == full.reports() and deferred.groups() == full.groups()
    assert set(deferred.report("a6").shares_with) == {f"a{n}" for n in range(6)}  # the coast paragraph
    assert deferred.report("a7").shares_with == ()
    assert not [pair for pair in alignments if pair[0] == "a7"]  # the lone stock phrase: no alignment
