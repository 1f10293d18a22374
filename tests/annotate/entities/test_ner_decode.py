"""The step-by-step NER decoder gives exactly spaCy's own entities (ner_decode.py says why it exists).

Texts written for this test; they mix names, organisations, places, numbers, an empty text and one
made only of spaces, so both the decoding loop and its edge cases are compared with ``nlp.pipe``.
"""

from __future__ import annotations

import pytest

from newsfuse.annotate.entities import ner_decode
from newsfuse.annotate.entities import stage as entities

TEXTS = [
    "Mayor Lena Okafor of Brightwater told the Coastal Tribune on Tuesday that 42 families had left "
    "the Harbour District after the flood, and the Red Cross sent two trucks from Port Ellis.",
    "",
    "   ",
    "The Northern Grain Cooperative said its warehouse in Kessel Valley lost 3,000 tonnes of wheat. "
    "Its chairman, Tomas Ribeiro, blamed the Ministry of Agriculture.\n\nNobody answered.",
    "SENATOR VOSS MET WITH THE ALLIANCE FOR RURAL SCHOOLS IN DENVER ON MONDAY.",
    "Ana said yes.",
    "Officials from the United Nations and the European Union met in Geneva with delegates from "
    "Armenia, Azerbaijan and Georgia; the talks, chaired by Finland's envoy, ended on 3 March.",
]


@pytest.fixture(scope="module")
def nlp():
    return entities.nlp()


def _ents(docs):
    return [[(e.start, e.end, e.label_) for e in doc.ents] for doc in docs]


def test_same_entities_as_spacy(nlp):
    expected = _ents(nlp.pipe(TEXTS))
    assert any(expected)  # the comparison is not between empty results
    for batch_size in (1, 3, 64):
        assert _ents(ner_decode.pipe(nlp, TEXTS, batch_size=batch_size)) == expected


def test_docs_keep_the_input_order(nlp):
    docs = list(ner_decode.pipe(nlp, TEXTS, batch_size=2))
    assert [d.text for d in docs] == TEXTS


def test_the_comparison_can_fail(nlp):
    """A decoder that stops after the first step differs from spaCy's: the equality above means something."""

    def one_step(ner, docs):
        states = ner.moves.init_batch(docs)
        model = ner.model.predict(docs)
        ner.transition_states([s for s in states if not s.is_final()],
                              model.predict([s for s in states if not s.is_final()]))
        ner.set_annotations(docs, states)

    docs = [nlp.make_doc(t) for t in TEXTS if t.strip()]
    one_step(nlp.get_pipe("ner"), docs)
    assert _ents(docs) != _ents(nlp.pipe([t for t in TEXTS if t.strip()]))


def test_other_pipelines_go_through_spacy(nlp):
    assert ner_decode._plain_ner(nlp) is not None

    class Wider:
        pipe_names = ["tagger", "ner"]

        def pipe(self, texts, batch_size):
            return iter(["spacy's own"])

    assert ner_decode._plain_ner(Wider()) is None
    assert list(ner_decode.pipe(Wider(), ["x"])) == ["spacy's own"]
