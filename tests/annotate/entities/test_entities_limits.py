"""Issue 18 item 10: a passage longer than spaCy reads at once is quarantined with a reason in the
user's terms (not spaCy's raw E088), and the other articles of the batch are annotated."""

from newsfuse.annotate import pipeline
from newsfuse.model import Article, Quarantined


def test_a_passage_too_long_for_the_entity_model_is_quarantined_with_a_clear_reason():
    huge = Article.create(id="huge", text="Tessby " + "x" * 1_200_000 + " end.\n")
    fine = Article.create(id="fine", text="Crews rebuilt the pier at Tessby on Monday, the harbour office said.\n")
    quarantined, annotated = pipeline.run([huge, fine], layers=("entities",))
    assert isinstance(quarantined, Quarantined) and quarantined.stage == "entities"
    assert quarantined.reason == ("stage entities failed: ValueError: a run of 1,200,000 characters without a "
                                  "space or line break (from character 7) is longer than the 1,000,000 the entity "
                                  "model reads at once: it cannot be words; remove it from the text and run again "
                                  "(a changed text is read as a new version)")
    assert isinstance(annotated, Article) and "Tessby" in [e.text for e in annotated.entities]


def test_a_text_longer_than_the_model_reads_at_once_is_read_a_piece_at_a_time(monkeypatch):
    """A long report split into paragraphs used to be refused as one passage, with the advice to split
    it into paragraphs it already had. Now it is cut at paragraph, line, sentence or word breaks."""
    from newsfuse.annotate.entities.stage import nlp, within

    monkeypatch.setattr(nlp(), "max_length", 400)  # the model's limit, small enough for a test
    para = "Crews from Tessby rebuilt the pier on Monday, the harbour office said. " * 3
    places = ["Orsk", "Tavel", "Marl", "Kessin", "Velka"]
    tail = " ".join(f"Boats reached {p} from the north at dawn on Tuesday." for p in places * 4)  # one line
    text = "\n\n".join(para.replace("Tessby", p) for p in places) + "\n" + tail
    [done] = pipeline.run([Article.create(id="report", text=text)], layers=("entities",))
    assert isinstance(done, Article)
    assert {e.text for e in done.entities} >= set(places)  # found in every part of the text
    assert all(text[e.start:e.end] == e.text for e in done.entities)
    pieces = within(text, 0, len(text), 400)
    assert len(pieces) >= 6 and any(e.start >= pieces[-1][0] for e in done.entities)  # the last piece too
    assert all(0 < b - a <= 400 for a, b in pieces) and pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(text[a:b] == text[a:b].strip() and not text[a:b].endswith(",") for a, b in pieces)


def test_a_lone_surrogate_in_the_text_does_not_stop_the_entity_model():
    """Found by tests/test_fuzz_inputs.py: a JSON "\\ud800" escape gives a text spaCy cannot encode;
    it used to quarantine the article ('UnicodeEncodeError ... surrogates not allowed')."""
    text = "Crews from Tessby rebuilt the pier \ud800 on Monday, the harbour office said.\n"
    [done] = pipeline.run([Article.create(id="odd", text=text)], layers=("entities",))
    assert isinstance(done, Article)
    assert [(e.text, text[e.start:e.end]) for e in done.entities if e.text == "Tessby"] == [("Tessby", "Tessby")]
