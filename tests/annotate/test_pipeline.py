"""The runner: dependency order, per-document error isolation, order kept with a process pool."""

import pytest

from newsfuse.annotate import pipeline
from newsfuse.model import Article, Quarantined, Sentence, TimeExpr
from newsfuse.stage import Stage


def split_lines(article: Article) -> Article:
    spans, pos = [], 0
    for line in article.text.split("\n"):
        if line.strip():
            spans.append(Sentence(pos, pos + len(line)))
        pos += len(line) + 1
    return article.with_layer(sentences=spans)


def mark_years(article: Article) -> Article:
    if "EXPLODE" in article.text:
        raise RuntimeError("cannot read this one")
    found = []
    for sentence in article.sentences:
        for word_start in range(sentence.start, sentence.end - 3):
            word = article.text[word_start : word_start + 4]
            if word.isdigit() and word.startswith(("19", "20")):
                found.append(TimeExpr(word_start, word_start + 4, word, word, method="years/1"))
    return article.with_layer(times=found)


def mark_years_batch(articles):
    return [mark_years(a) for a in articles]


SENTENCES = Stage("lines", "1", requires=(), provides=("sentences",), process=split_lines)
YEARS = Stage("years", "1", requires=("sentences",), provides=("times",), process=mark_years,
              process_batch=mark_years_batch)


def doc(i: int, text: str) -> Article:
    return Article.create(id=f"d{i}", text=text)


def test_stages_are_ordered_by_what_they_require():
    assert [s.name for s in pipeline.resolve_stages(["times"], [YEARS, SENTENCES])] == ["lines", "years"]
    assert [s.name for s in pipeline.resolve_stages(["sentences"], [YEARS, SENTENCES])] == ["lines"]


def test_a_missing_provider_is_a_clear_error():
    with pytest.raises(ValueError, match="no stage provides the layer 'sentences'"):
        pipeline.resolve_stages(["times"], [YEARS])


def test_one_failing_document_is_quarantined_and_the_batch_goes_on():
    docs = [doc(0, "War began in 2011.\nIt goes on."), doc(1, "EXPLODE 2019"), doc(2, "In 1998 it was calm.")]
    out = list(pipeline.run(docs, stages=[SENTENCES, YEARS]))
    assert [type(x).__name__ for x in out] == ["Article", "Quarantined", "Article"]
    assert [t.value for t in out[0].times] == ["2011"]
    assert [t.value for t in out[2].times] == ["1998"]
    failed = out[1]
    assert isinstance(failed, Quarantined)
    assert failed.stage == "years" and "cannot read this one" in failed.reason
    assert failed.article is not None and failed.article.text == "EXPLODE 2019"


def test_text_is_never_rewritten_and_offsets_index_it():
    text = "  Fighting resumed in 2019.\n\nCalm returned in 2020."
    (out,) = list(pipeline.run([doc(0, text)], stages=[SENTENCES, YEARS]))
    assert out.text == text and out.content_hash == doc(0, text).content_hash
    assert [out.text[t.start : t.end] for t in out.times] == ["2019", "2020"]


def test_process_pool_keeps_input_order():
    docs = [doc(i, f"Event {i} happened in {1900 + i}.") for i in range(70)]
    docs[33] = doc(33, "EXPLODE")
    out = list(pipeline.run(docs, stages=[SENTENCES, YEARS], workers=2, batch_size=8))
    assert [x.id for x in out] == [d.id for d in docs]
    assert isinstance(out[33], Quarantined)
    assert out[69].times[0].value == "1969"


def test_the_runner_records_which_layers_ran_so_empty_differs_from_absent():
    [done] = pipeline.run([doc(1, "\n\n")], stages=[SENTENCES, YEARS])
    assert done.sentences == () and done.times == ()
    assert done.ran == ("sentences", "times")
    assert done.has("sentences") and not done.has("quotes")


def test_a_stage_reads_the_sentences_layer_and_never_splits_again():
    from newsfuse.annotate.clean.sentences import sentences_of

    bare = Article.create(id="x", text="Hundreds fled. Dr. Ali stayed.")
    assert [(s.start, s.end) for s in sentences_of(bare)] == [(0, 14), (15, 30)]  # no layer: made by its rules
    ran_empty = bare.with_run(("sentences",))
    assert sentences_of(ran_empty) == ()  # the layer ran and found nothing: not made again
    given = bare.with_layer(sentences=[Sentence(0, 30)])
    assert sentences_of(given) == (Sentence(0, 30),)


def test_attribution_does_not_run_the_quotes_stage_again(monkeypatch):
    from newsfuse.annotate.attribution import claimants

    def rerun(article):
        raise AssertionError("the quotes stage ran again")

    monkeypatch.setattr(claimants, "find_quotes", rerun)
    article = Article.create(id="q", text="Some 70 people died.").with_run(("quotes",))
    assert claimants.quotes_of(article) == ()
