"""The cited extractive summary: reuse counted once, neutral wording, time order, budget, compression.

Every article here is written for these tests (fictional places and outlets).
"""

from __future__ import annotations

from newsfuse.model import Article, Boilerplate, Figure, Quote, Sentence, SpanRef
from newsfuse.annotate.clean.sentences import split_sentences
from newsfuse.corpus.reuse import ReuseIndex
from newsfuse.corpus.summarize import (
    SummarySentence,
    Weights,
    compress,
    display_text,
    exclusive_sentences,
    loaded_count,
    summarize,
    word_count,
)


def art(i: str, text: str, day: str | None, **kw) -> Article:
    a = Article.create(id=i, text=text, published=day, **kw)
    return a.with_layer(sentences=[Sentence(s, e) for s, e in split_sentences(text, [(b.start, b.end) for b in a.boilerplate])])


WIRE = ("Floodwater cut the main road between Tavel and Orsk on Monday. "
        "Around 400 residents left their homes in the lower town of Tavel, the district office said. "
        "Rescue boats reached the flooded villages along the Mira river by the evening.")
REPRINT = ("Floodwater cut the main road between Tavel and Orsk on Monday. "
           "Around 400 residents left their homes in the lower town of Tavel, the district office said. "
           "The regional governor promised to build new dykes along the Mira before the autumn.")
OWN = ("The Mira river rose two metres overnight near Tavel, our reporter saw. "
       "Volunteers stacked sandbags in front of the school in Orsk. "
       "Forecasters expect more rain on Wednesday in the hills above Tavel.")


def story() -> list[Article]:
    return [art("wire", WIRE, "2024-04-01"), art("reprint", REPRINT, "2024-04-02"), art("own", OWN, "2024-04-01")]


def test_reused_sentence_counts_once_and_cites_every_copy():
    summary = summarize(story(), max_sentences=3)
    texts = [s.text for s in summary]
    assert texts.count("Floodwater cut the main road between Tavel and Orsk on Monday.") == 1
    road = next(s for s in summary if s.text.startswith("Floodwater"))
    assert road.citations == (("wire", 0, 62), ("reprint", 0, 62))


def test_given_reuse_index_is_used():
    articles = story()
    index = ReuseIndex()
    index.add(articles)
    assert summarize(articles, max_sentences=3, reuse=index) == summarize(articles, max_sentences=3)
    assert summarize(articles, max_sentences=3, reuse=index.groups()) == summarize(articles, max_sentences=3)


def test_copies_that_differ_in_a_number_are_not_merged():
    a = art("a", "Around 400 residents left their homes in the lower town of Tavel, the district office said.", "2024-04-01")
    b = art("b", "Around 300 residents left their homes in the lower town of Tavel, the district office said.", "2024-04-02")
    summary = summarize([a, b], max_sentences=2)
    # one of them (they say the same thing, so the second is redundant), citing only its own span
    assert len(summary) == 1
    assert summary[0].citations == (("a", 0, 91),)


def test_ordered_by_publish_date_then_position():
    summary = summarize(story(), max_sentences=5)
    order = [(c[0][0], c[0][1]) for c in (s.citations for s in summary)]
    days = {"wire": "2024-04-01", "own": "2024-04-01", "reprint": "2024-04-02"}
    keys = [(days[i], pos) for i, pos in order]
    assert keys == sorted(keys, key=lambda k: k[0])
    # within one day, earlier positions come first
    same_day = [s for s in summary if s.citations[0][0] in ("wire", "own")]
    assert [s.text for s in same_day][0] in (
        "Floodwater cut the main road between Tavel and Orsk on Monday.",
        "The Mira river rose two metres overnight near Tavel, our reporter saw.")


def test_neutral_wording_wins_over_loaded_paraphrase():
    loaded = art("loaded", "The regime's thugs slaughtered twelve protesters in Varna square on Friday.", "2024-04-01")
    neutral = art("neutral", "Security forces killed twelve protesters in Varna square on Friday.", "2024-04-01")
    other = art("other", "Twelve protesters were killed in Varna square on Friday, witnesses said.", "2024-04-02")
    summary = summarize([loaded, neutral, other], max_sentences=1)
    assert [s.citations[0][0] for s in summary] == ["other"]
    assert loaded_count(summary[0].text) == 0
    first = lambda arts, **kw: summarize(arts, max_sentences=1, **kw)[0].citations[0][0]  # noqa: E731
    neither = Weights(loaded=0, paraphrase=1.01)  # no loaded-term cost, no paraphrase swap
    # the loaded sentence is the earlier one: only the cost of its loaded terms keeps it out ...
    assert first([loaded, neutral], weights=neither) == "loaded"
    assert first([loaded, neutral]) == "neutral"
    # ... or, for a close paraphrase, the swap to the neutral wording alone
    assert first([loaded, other], weights=neither) == "loaded"
    assert first([loaded, other], weights=Weights(loaded=0)) == "other"


def test_loaded_count():
    assert loaded_count("The so-called council slammed the brutal crackdown.") == 3
    assert loaded_count("The council criticised the crackdown.") == 0


def test_max_words_drops_the_sentence_that_does_not_fit():
    for budget in (10, 15, 25, 40):
        summary = summarize(story(), max_words=budget)
        assert sum(word_count(s.text) for s in summary) <= budget
    assert summarize(story(), max_words=5) == []  # no sentence is that short: nothing is cut


def test_sentence_counts():
    assert len(summarize(story())) >= 3
    assert len(summarize(story(), max_sentences=2)) == 2
    assert summarize([]) == []
    assert summarize([art("empty", "", None)]) == []


def test_leading_connective_is_dropped_and_citation_follows():
    text = "Water rose overnight in Tavel. But the district office said the dykes were holding for now."
    summary = summarize([art("a", text, "2024-04-01")], max_sentences=2)
    second = summary[1]
    assert second.text == "The district office said the dykes were holding for now."
    assert second.citations == (("a", 35, 91),)
    assert text[35:91] == "the district office said the dykes were holding for now."


def test_compress_and_display():
    t = "Why it matters: the vote decides who runs the port authority."
    assert t[compress(t, 0, len(t)):] == "the vote decides who runs the port authority."
    t = "However, So far 200 people were counted."
    assert t[compress(t, 0, len(t)):] == "So far 200 people were counted."
    t = "So far 200 people were counted."
    assert compress(t, 0, len(t)) == 0  # "So far" is a time, not a connective
    assert display_text("the  river\nrose.") == "The river rose."
    assert display_text("“we stay,” she said.") == "“We stay,” she said."


def test_boilerplate_and_kept_caption_copy_are_excluded():
    caption = "A boat carries residents past the flooded school in Tavel"
    text = f"{caption}\n\n{caption}\n\nWater rose two metres overnight in Tavel.\n\nShare this article on social media now"
    second = len(caption) + 2
    share = text.index("Share")
    a = Article.create(id="a", text=text, published="2024-04-01",
                       boilerplate=(Boilerplate(second, second + len(caption), "repeated_paragraph"),
                                    Boilerplate(share, len(text), "share_prompt")))
    a = a.with_layer(sentences=[Sentence(s, e) for s, e in split_sentences(text, [(b.start, b.end) for b in a.boilerplate])])
    summary = summarize([a])
    assert [s.text for s in summary] == ["Water rose two metres overnight in Tavel."]


def test_figures_and_attributed_quotes_score_higher():
    text = ("The weather was grey in the valley for most of the long week. "
            "At least 30 people died in Tavel, the district office said.")
    s = text.index("At least 30")
    who = text.index("the district office")
    figure = Figure(s, s + 11, "At least 30", 30, 30, None, "at_least", "people", "dead", "people",
                    claimant=SpanRef(who, who + 19, "the district office", "district office"))
    plain = art("a", text, "2024-04-01")
    # without the figure layer the lead wins; with it, the sentence that holds a claimed figure
    assert summarize([plain], max_sentences=1)[0].text == "The weather was grey in the valley for most of the long week."
    annotated = plain.with_layer(figures=[figure])
    assert summarize([annotated], max_sentences=1)[0].text == "At least 30 people died in Tavel, the district office said."

    quoted = ('"We lost everything," said Ana Petrak, a farmer in Tavel. '
              '"There was no warning." The valley has many farms and small roads.')
    q1 = Quote(1, 19, "We lost everything", "direct", SpanRef(27, 37, "Ana Petrak", "Ana Petrak"), SpanRef(22, 26, "said", None))
    b = art("b", quoted, "2024-04-01").with_layer(quotes=[q1])
    best = summarize([b], max_sentences=1)[0]
    assert best.text == '"We lost everything," said Ana Petrak, a farmer in Tavel.'


def test_exclusive_sentences():
    only = exclusive_sentences(story(), per_article=1)
    assert set(only) == {"own", "reprint", "wire"}
    assert only["reprint"][0].text == "The regional governor promised to build new dykes along the Mira before the autumn."
    assert all(isinstance(s, SummarySentence) for v in only.values() for s in v)


def test_to_json_shape():
    s = SummarySentence("Water rose.", (("a", 0, 11), ("b", 4, 15)))
    assert s.to_json() == {"text": "Water rose.", "citations": [{"id": "a", "start": 0, "end": 11},
                                                                {"id": "b", "start": 4, "end": 15}]}
