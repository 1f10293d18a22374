"""spaCy's NER decoded one transition step at a time with the GIL held: the same entities, in about
half the time.

Why: spaCy 3.8's compiled greedy decoder (``Parser.greedy_parse``) releases the GIL for its loop, but the
NER's validity checks (``ner.pyx`` ``Begin/In/Last/Unit.is_valid``) contain empty
``PyGILState_Ensure``/``PyGILState_Release`` pairs that Cython emits around calls into the parse state;
they run for each of the 74 actions at each token, so without the GIL every pair is a real lock round
trip. perf on 100 PolNeAR texts (2026-12-07): the lock functions took about half of the NER's time, and
the NER's decoding 5.5 s of its 8 s of CPU. spaCy's own step-by-step path, the one it uses for beam
search and training (``ner.model.predict(docs)`` → ``ParserStepModel.predict(states)`` →
``ner.transition_states(states, scores)``), keeps the GIL, so those pairs cost next to nothing.

Same entities: the scores come from the same precomputed features (``sum_state_features``), bias,
maxout and output layer, with unseen actions pushed to the minimum as in the compiled loop, and the
action is chosen by the same compiled ``c_transition_batch``; ``tests/annotate/entities/test_ner_decode.py``
compares the result with ``nlp.pipe`` token by token. A pipeline this module does not know (other
components than ``ner``, a beam search, a spaCy without these methods) goes through ``nlp.pipe``.
"""

from __future__ import annotations

from typing import Iterable, Iterator

# Documents decoded together. Each transition step has a fixed Python cost for the whole batch, so
# larger batches take fewer steps; but the batch's token vectors and per-token feature products stay in
# memory until it is decoded (~7 MB per 1,000-token document). On 100 PolNeAR texts (1 worker): 4 docs
# 430 MB peak RSS, 8 docs 500 MB, 16 docs 620 MB, 64 docs 940 MB, with CPU time within noise from 8 on.
BATCH_SIZE = 8


def _plain_ner(nlp):
    """The pipeline's ``ner`` when it is the only component and decodes greedily, else None."""
    if list(nlp.pipe_names) != ["ner"]:
        return None
    ner = nlp.get_pipe("ner")
    if ner.cfg.get("beam_width", 1) != 1:
        return None
    needed = (getattr(ner, "transition_states", None), getattr(ner, "_ensure_labels_are_added", None),
              getattr(getattr(ner, "moves", None), "init_batch", None))
    return ner if all(needed) else None


def decode(ner, docs: list) -> None:
    """Set ``doc.ents`` on ``docs`` with ``ner``, stepping all their parse states together."""
    if not any(len(doc) for doc in docs):
        ner.set_annotations(docs, ner.moves.init_batch(docs))
        return
    ner._ensure_labels_are_added(docs)
    states = ner.moves.init_batch(docs)
    step_model = ner.model.predict(docs)  # tok2vec and the per-token feature products, once per batch
    unfinished = [s for s in states if not s.is_final()]
    while unfinished:
        unfinished = ner.transition_states(unfinished, step_model.predict(unfinished))
    step_model.clear_memory()
    ner.set_annotations(docs, states)


def pipe(nlp, texts: Iterable[str], batch_size: int | None = None) -> Iterator:
    """Docs of ``texts`` in order, as ``nlp.pipe(texts)`` would give them."""
    batch_size = batch_size or BATCH_SIZE
    ner = _plain_ner(nlp)
    if ner is None:
        yield from nlp.pipe(texts, batch_size=batch_size)
        return
    batch: list = []
    for text in texts:
        batch.append(nlp.make_doc(text))
        if len(batch) >= batch_size:
            decode(ner, batch)
            yield from batch
            batch = []
    if batch:
        decode(ner, batch)
        yield from batch
