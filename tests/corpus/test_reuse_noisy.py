"""Reuse detection on noisy reprints: punctuation stripped, sentences run together, other lead-ins and
trailers, shortened or extended copies, and shared wire paragraphs inside otherwise different articles."""

import re

from newsfuse.model import Article, Sentence
from newsfuse.corpus.reuse import ReuseIndex

WIRE = (
    "A car bomb killed nine people and wounded 41 in the market of Dovrin's old quarter on Friday, "
    "the regional governor's office said. The blast struck a crowded street near the grain exchange, "
    "which had reopened in March after two years of fighting. Local hospitals appealed for blood donors "
    "as ambulances ferried the wounded to the provincial capital. No group has claimed the attack, "
    "the third in the province since the ceasefire was signed in the spring."
)


def sentences(text: str) -> tuple[Sentence, ...]:
    """Split at a full stop followed by a space, as a simple splitter does on unpunctuated text."""
    return tuple(Sentence(m.start(), m.end()) for m in re.finditer(r"[^.]+(?:\.|$)\s*", text) if m.group().strip())


def article(id_: str, published: str, text: str, source: str | None = None) -> Article:
    return Article.create(id=id_, text=text, published=published, source=source, sentences=sentences(text))


def stripped(text: str) -> str:
    """What some aggregators do to wire copy: no commas or apostrophes, sentences run together."""
    return text.replace(",", "").replace("'", "").replace(". ", " ")


def test_an_unpunctuated_shortened_reprint_with_its_own_lead_in_and_trailer_is_a_copy():
    first_three = WIRE.split(". ")[:3]
    reprint = "Sat 12 Oct 2024 Nine dead in Dovrin bomb. " + stripped(". ".join(first_three)) + " --Wire"
    idx = ReuseIndex()
    idx.add([article("wire", "2024-10-11", WIRE), article("reprint", "2024-10-12", reprint)])
    assert idx.report("reprint").copy_of == ("wire",)
    assert idx.report("reprint").reused_share > 0.7
    assert idx.report("wire").copy_of == ()


def test_a_same_day_shortened_reprint_is_the_copy_even_when_it_arrives_first():
    short = stripped(". ".join(WIRE.split(". ")[:2]))
    idx = ReuseIndex()
    idx.add([article("short", "2024-10-11", short), article("full", "2024-10-11", WIRE)])
    assert idx.report("short").copy_of == ("full",)
    assert idx.report("full").copy_of == ()


def test_a_later_article_that_extends_an_earlier_short_text_reprints_it():
    flash = ". ".join(WIRE.split(". ")[:2]) + "."
    extended = WIRE + (" Our correspondent saw shopkeepers sweeping glass from the pavement at dawn."
                       " Several stalls belonged to families displaced from villages near the border."
                       " The governor said extra checkpoints would be set up on the ring road this week.")
    idx = ReuseIndex()
    idx.add([article("flash", "2024-10-11", flash), article("extended", "2024-10-12", extended)])
    assert idx.report("extended").copy_of == ("flash",)
    assert idx.report("flash").copy_of == ()


def test_a_shared_wire_paragraph_is_a_reused_passage_but_not_a_copy():
    paragraph = "The blast struck a crowded street near the grain exchange, which had reopened in March after two years of fighting."
    own_a = ("Our reporter in Dovrin counted eleven burnt-out stalls along the main avenue. Traders said the "
             "police had removed the barriers a week before the attack. Many of them had only just restocked "
             "after the harvest festival. ")
    own_b = ("Residents of Dovrin held a vigil on Saturday evening outside the town hall. The mayor read out the "
             "names of the dead and promised to rebuild the market. Religious leaders of three faiths spoke. ")
    a = article("a", "2024-10-12", own_a + paragraph)
    b = article("b", "2024-10-12", stripped(own_b + paragraph) + " --Wire")
    idx = ReuseIndex()
    idx.add([a, b])
    assert idx.report("a").copy_of == () and idx.report("b").copy_of == ()
    assert idx.report("b").shares_with == ("a",)
    [group] = idx.groups()
    spans = {aid: (s, e) for aid, s, e in group.spans}
    assert set(spans) == {"a", "b"}
    # The passage in b (which runs on into the trailer and b's own sentences) is only the shared words.
    s, e = spans["b"]
    assert "grain exchange" in b.text[s:e] and "vigil" not in b.text[s:e]
    at = b.text.index("two years")
    assert s <= at < e


def test_a_changed_number_is_not_the_same_text():
    first = "The Dovrin health office said 12 people were killed in the shelling of the old quarter on Sunday."
    later = "The Dovrin health office now says 27 people were killed in the shelling of the old quarter on Sunday."
    idx = ReuseIndex()
    idx.add([article("day1", "2024-10-11", first), article("day2", "2024-10-12", later)])
    assert idx.report("day2").copy_of == ()
    # The words after the number may match, but a run never bridges a changed number: neither number
    # lies in a reused passage, so each stays its own outlet's figure.
    for group in idx.groups():
        for aid, s, e in group.spans:
            text = first if aid == "day1" else later
            number = text.index("12" if aid == "day1" else "27")
            assert not s <= number < e


def test_two_reports_that_each_add_as_much_as_they_share_are_not_copies():
    shared = "Nine people were killed when a car bomb exploded in the market of Dovrin on Friday morning."
    idx = ReuseIndex()
    idx.add([
        article("a", "2024-10-11", "Our reporter watched firefighters work through the night at the scene of "
                "the blast. Two of them were treated for smoke. " + shared),
        article("b", "2024-10-11", "Traders said the market had reopened only a month before the blast. "
                "Most had taken loans to restock their stalls. " + shared),
    ])
    assert idx.report("a").copy_of == () and idx.report("b").copy_of == ()
    assert len(idx.groups()) == 1


def test_a_reprint_is_not_also_a_copy_of_another_outlet_that_shares_one_of_its_wire_paragraphs():
    other = ("Rescue workers in Dovrin said they had pulled two survivors from the rubble. "
             "The blast struck a crowded street near the grain exchange, which had reopened in March after two years of fighting. "
             "The regional assembly will meet on Monday to discuss security in the province.")
    idx = ReuseIndex()
    idx.add([
        article("other", "2024-10-11", other),
        article("wire", "2024-10-11", WIRE),
        article("reprint", "2024-10-12", stripped(WIRE)),
    ])
    assert idx.report("reprint").copy_of == ("wire",)
    assert set(idx.report("reprint").shares_with) == {"wire", "other"}


def test_adding_in_two_batches_gives_the_same_answers_as_one():
    texts = [article("wire", "2024-10-11", WIRE), article("reprint", "2024-10-12", stripped(WIRE)),
             article("own", "2024-10-12", "Our reporter saw families queue for bread outside the bakery all morning.")]
    one, two = ReuseIndex(), ReuseIndex()
    one.add(texts)
    two.add(texts[:1])
    two.add(texts[1:])
    assert one.reports() == two.reports()
    assert one.groups() == two.groups()
