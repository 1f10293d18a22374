"""Faithfulness of the briefing: every sentence it shows is the text of the spans it cites.

For each summary sentence (and each timeline event and "only here" sentence):
- its first citation's span, with whitespace collapsed and the first letter capitalised, *is* the
  text; the part of the sentence left out before the span is only a dateline, connective or section
  label (the allowed compression);
- every number in the text appears in that span;
- every other citation is a copy of it (the same words up to small edits, the same numbers).

Run on hand-made stories and on the project's own sample corpus (examples/, sentences only: fast).
"""

from __future__ import annotations

import json
import re

import pytest

from newsfuse import api
from newsfuse.output.brief import build_brief
from newsfuse.annotate.clean.sentences import split_sentences
from newsfuse.model import Article, Sentence
from newsfuse.knowledge.outlets import OutletRegistry
from newsfuse.corpus.reuse import normalise
from newsfuse.corpus.summarize import compress, display_text, numbers_in, sentence_spans, summarize
from newsfuse.settings import REPO_DIR

EXAMPLES = REPO_DIR / "examples"
REGISTRY = OutletRegistry.load(EXAMPLES / "outlets.tsv")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def _jaccard(a: str, b: str) -> float:
    x, y = set(normalise(a)), set(normalise(b))
    return len(x & y) / len(x | y) if x | y else 1.0


def check_sentence(text: str, citations: list[tuple[str, int, int]], by_id: dict[str, Article]) -> None:
    assert citations, f"uncited: {text!r}"
    i, s, e = citations[0]
    article = by_id[i]
    span = article.text[s:e]
    assert display_text(span) == text, (text, span)
    # the span starts a sentence, or follows only what compression may drop
    holder = next(((ss, se) for ss, se in sentence_spans(article) if ss <= s and e <= se), None)
    assert holder is not None, f"span {s}-{e} of {i} is not inside one sentence"
    assert s == holder[0] or compress(article.text, holder[0], holder[1]) == s
    for number in _NUMBER.findall(text):
        assert number.replace(",", "") in numbers_in(span), (number, span)
    for j, cs, ce in citations[1:]:
        copy = by_id[j].text[cs:ce]
        assert _jaccard(copy, span) >= 0.5, (copy, span)
        assert numbers_in(copy) == numbers_in(span), (copy, span)


def check_brief(brief: dict, articles: list[Article]) -> None:
    by_id = {a.id: a for a in articles}
    as_tuples = lambda cs: [(c["id"], c["start"], c["end"]) for c in cs]  # noqa: E731
    for s in brief["summary"]:
        check_sentence(s["text"], as_tuples(s["citations"]), by_id)
    for a in brief["articles"]:
        for s in a["only_here"]:
            check_sentence(s["text"], as_tuples(s["citations"]), by_id)
    for ev in brief["timeline"]:
        check_sentence(ev["text"], as_tuples(ev["citations"]), by_id)
        date_words = [by_id[c["id"]].text[c["start"]:c["end"]] for c in ev["citations"]]
        assert any(ev["when"] in words for words in date_words)
    for r in brief["reuse"]:
        texts = [by_id[c["id"]].text[c["start"]:c["end"]] for c in r["spans"]]
        assert display_text(texts[0]) == r["text"] or any(display_text(t) == r["text"] for t in texts)
    for q in brief["quotes"]:
        for rep in q["reports"]:
            assert display_text(by_id[rep["id"]].text[rep["start"]:rep["end"]]) == q["text"] or \
                _jaccard(by_id[rep["id"]].text[rep["start"]:rep["end"]], q["text"]) >= 0.8


def article(i: str, text: str, day: str, source: str) -> Article:
    a = Article.create(id=i, text=text, published=day, source=source)
    return a.with_layer(sentences=[Sentence(s, e) for s, e in split_sentences(text)])


HAND_MADE = [
    article("a", "ORSK, Kestria (Meridian Wire) — Nearly 3,000 people left the river town of Tavel over the past 48 hours, "
                 "officials said on Tuesday.\n\nBut the dam above Orsk held, engineers said. "
                 "Why it matters: the dam protects 40,000 people downstream.", "2024-04-02", "Meridian Wire"),
    article("b", "Nearly 3,000 people left the river town of Tavel over the past 48 hours, officials said on Tuesday. "
                 "The Red Crescent set up 12 tents at the sports ground in Orsk.", "2024-04-03", "Northern Ledger"),
    article("c", "However, the regional governor said only 2,500 had left Tavel.\n\n"
                 "Water levels fell by 30 cm overnight, the river authority said.", "2024-04-03", "Valley Observer"),
]


@pytest.mark.parametrize("max_words", [None, 15, 30, 70])
def test_hand_made_summary_is_faithful(max_words):
    summary = summarize(HAND_MADE, max_words=max_words)
    by_id = {a.id: a for a in HAND_MADE}
    for s in summary:
        check_sentence(s.text, list(s.citations), by_id)
    texts = [s.text for s in summary]
    if max_words is None:
        # the dateline and the connective were dropped, the attribution kept
        assert ("Nearly 3,000 people left the river town of Tavel over the past 48 hours, officials said on Tuesday."
                in texts)
        assert not any(t.startswith(("ORSK", "But ", "However", "Why it matters")) for t in texts)


def test_hand_made_brief_is_faithful():
    check_brief(build_brief(HAND_MADE, story="s", registry=REGISTRY), HAND_MADE)


def test_checker_catches_unfaithful_sentences():
    by_id = {a.id: a for a in HAND_MADE}
    sentence = "The Red Crescent set up 12 tents at the sports ground in Orsk."
    s = HAND_MADE[1].text.index(sentence)
    e = s + len(sentence)
    check_sentence(sentence, [("b", s, e)], by_id)
    with pytest.raises(AssertionError):  # a changed number
        check_sentence(sentence.replace("12", "14"), [("b", s, e)], by_id)
    with pytest.raises(AssertionError):  # a cut in the middle of a sentence that compression may not make
        check_sentence("Set up 12 tents at the sports ground in Orsk.", [("b", s + 17, e)], by_id)
    with pytest.raises(AssertionError):  # a copy that is another text
        check_sentence(sentence, [("b", s, e), ("c", 0, 20)], by_id)


def _example_stories() -> list[list[Article]]:
    truth = json.loads((EXAMPLES / "_truth.json").read_text(encoding="utf-8"))["documents"]
    story_of = {i: d["story"] for i, d in truth.items()}
    story_of.update({d["url"]: d["story"] for d in truth.values() if d.get("url")})
    articles = [x for x in api.annotate([str(EXAMPLES)], layers=("sentences",)) if isinstance(x, Article)]
    groups: dict[str, list[Article]] = {}
    for a in articles:
        key = story_of.get(a.id) or story_of.get(a.url or "")
        if key:
            groups.setdefault(key, []).append(a)
    return list(groups.values())


@pytest.fixture(scope="module")
def example_stories() -> list[list[Article]]:
    return _example_stories()


def test_example_corpus_briefs_are_faithful(example_stories):
    assert len(example_stories) == 3
    assert sum(len(g) for g in example_stories) >= 15
    for group in example_stories:
        for max_words in (None, 70):
            brief = build_brief(group, max_words=max_words, registry=REGISTRY)
            assert 1 <= len(brief["summary"]) <= 8
            check_brief(brief, group)
