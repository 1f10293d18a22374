"""Issue 18 item 10: a passage longer than spaCy reads at once is quarantined with a reason in the
user's terms (not spaCy's raw E088), and the other articles of the batch are annotated."""

from newsfuse.annotate import pipeline
from newsfuse.model import Article, Quarantined


def test_a_passage_too_long_for_the_entity_model_is_quarantined_with_a_clear_reason():
    huge = Article.create(id="huge", text="Tessby " + "x" * 1_200_000 + " end.\n")
    fine = Article.create(id="fine", text="Crews rebuilt the pier at Tessby on Monday, the harbour office said.\n")
    quarantined, annotated = pipeline.run([huge, fine], layers=("entities",))
    assert isinstance(quarantined, Quarantined) and quarantined.stage == "entities"
    assert quarantined.reason == ("stage entities failed: ValueError: a passage of 1,200,012 characters (from "
                                  "character 0) is longer than the 1,000,000 the entity model reads at once; "
                                  "split the text into paragraphs")
    assert isinstance(annotated, Article) and "Tessby" in [e.text for e in annotated.entities]


def test_a_lone_surrogate_in_the_text_does_not_stop_the_entity_model():
    """Found by tests/test_fuzz_inputs.py: a JSON "\\ud800" escape gives a text spaCy cannot encode;
    it used to quarantine the article ('UnicodeEncodeError ... surrogates not allowed')."""
    text = "Crews from Tessby rebuilt the pier \ud800 on Monday, the harbour office said.\n"
    [done] = pipeline.run([Article.create(id="odd", text=text)], layers=("entities",))
    assert isinstance(done, Article)
    assert [(e.text, text[e.start:e.end]) for e in done.entities if e.text == "Tessby"] == [("Tessby", "Tessby")]
