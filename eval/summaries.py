"""Multi-document summaries on NeuS (AllSides roundups): our cited summary beside LexRank, TextRank and lead.

Each NeuS story has three outlets' headline + lead snippet (about 60 words each); the reference is
AllSides' neutral title and summary, joined as one text. Every system gets the same budget
(``--max-words``, 70 by default) under the same rule: sentences in the system's rank order, a
sentence that does not fit is dropped and the next one tried; the kept ones are printed in the
system's output order. ROUGE-1/2/L F1 (rouge-score, Porter stemming on), ×100, averaged over stories.

- ``newsfuse``: :func:`newsfuse.corpus.summarize.summarize` (the one the brief uses), on Articles built from
  the NeuS documents (title + text as the article text, sentences by ``newsfuse.annotate.clean.sentences``).
  Every one of its sentences must cite spans whose text it is (``cited`` and ``faithful`` below).
- ``lexrank``, ``textrank``: sumy's summarizers on the same sentences, with our word tokenizer (sumy
  would otherwise need NLTK data it cannot download), sumy's English stop words and Snowball stemmer.
- ``lead``: round-robin over the documents: each one's first sentence (its headline), then each
  one's second, and so on.

Published numbers on NeuS (ROUGE-2): about 18 for LexRank, 22 for a fine-tuned 8B LLM. Goal: ≥ 20.

    .venv/bin/python eval/summaries.py                  # val (307 stories)
    .venv/bin/python eval/summaries.py --split train --limit 300
    .venv/bin/python eval/summaries.py --limit 50 --json
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path
from typing import Callable, Iterator

from newsfuse.annotate.clean.sentences import STAGE as SENTENCES
from newsfuse.model import Article
from newsfuse.settings import eval_dir
from newsfuse.corpus.summarize import budget_fit, display_text, sentence_spans, summarize, words_of

ANCHORS = {"LexRank (published)": 18.0, "fine-tuned 8B LLM (published)": 22.0, "goal": 20.0}
SYSTEMS = ("newsfuse", "lead", "lexrank", "textrank")
MAX_WORDS = 70


# --------------------------------------------------------------------------- data


def data_file(split: str) -> Path:
    folder = eval_dir() / "mds" / "neus"
    return folder / ("neus_val.jsonl" if split == "val" else "neus_train.jsonl.gz")


def stories(split: str, limit: int | None = None) -> Iterator[dict]:
    path = data_file(split)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if limit is not None and n >= limit:
                break
            yield json.loads(line)


def articles_of(story: dict) -> list[Article]:
    """One Article per NeuS document: its headline, a blank line, its lead."""
    out = []
    for doc in story["docs"]:
        text = doc["title"] + ("\n\n" + doc["text"] if doc["text"] else "")
        out.append(SENTENCES.process(Article.create(id=doc["doc_id"], text=text, title=doc["title"])))
    return out


def reference_of(story: dict) -> str:
    return story["reference_title"] + " " + story["reference_summary"]


# --------------------------------------------------------------------------- systems


def _sentences(articles: list[Article]) -> list[tuple[int, int, str]]:
    """(article index, position, text) of every sentence, in document order."""
    out = []
    for ai, a in enumerate(articles):
        for pos, (s, e) in enumerate(sentence_spans(a)):
            out.append((ai, pos, display_text(a.text[s:e])))
    return out


def _fit(ranked: list[tuple[int, int, str]], max_words: int, order: Callable | None = None) -> list[str]:
    kept = [ranked[i] for i in budget_fit([t for _, _, t in ranked], max_words)]
    if order is not None:
        kept.sort(key=order)
    return [t for _, _, t in kept]


def lead(articles: list[Article], max_words: int) -> list[str]:
    ranked = sorted(_sentences(articles), key=lambda x: (x[1], x[0]))
    return _fit(ranked, max_words)


class _Tokenizer:
    """Word tokenizer for sumy (sumy's own needs NLTK's punkt data, which cannot be downloaded here)."""

    language = "english"

    def to_sentences(self, text: str) -> tuple[str, ...]:  # not used: sentences are given
        return (text,)

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(words_of(sentence))


def _sumy(kind: str) -> Callable[[list[Article], int], list[str]]:
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    summarizer = (LexRankSummarizer if kind == "lexrank" else TextRankSummarizer)(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    tokenizer = _Tokenizer()

    def run(articles: list[Article], max_words: int) -> list[str]:
        items = _sentences(articles)
        sentences = [Sentence(t, tokenizer) for _, _, t in items]
        document = ObjectDocumentModel([Paragraph(sentences)])
        ranked_infos: list = []

        def capture(infos):  # sumy hands the count callable its sentences sorted by rating
            ranked_infos.extend(infos)
            return infos

        summarizer(document, capture)
        ranked = [items[info.order] for info in ranked_infos]
        return _fit(ranked, max_words, order=lambda x: (x[0], x[1]))

    return run


def ours(articles: list[Article], max_words: int) -> list[str]:
    return [s.text for s in summarize(articles, max_words=max_words)]


def _faithful(articles: list[Article], max_words: int) -> tuple[int, int, int]:
    """(sentences, cited, faithful): a faithful sentence is its first citation's text, compressed only
    by whitespace and the first letter's case."""
    by_id = {a.id: a for a in articles}
    n = cited = faithful = 0
    for s in summarize(articles, max_words=max_words):
        n += 1
        if s.citations:
            cited += 1
            i, start, end = s.citations[0]
            faithful += display_text(by_id[i].text[start:end]) == s.text
    return n, cited, faithful


# --------------------------------------------------------------------------- scoring


def run(limit: int | None = None, split: str = "val", max_words: int = MAX_WORDS,
        systems: tuple[str, ...] = SYSTEMS) -> dict:
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    runners = {"newsfuse": ours, "lead": lead}
    skipped = []
    for kind in ("lexrank", "textrank"):
        if kind in systems:
            try:
                runners[kind] = _sumy(kind)
            except ImportError:  # sumy is an eval extra: without it the baselines are left out
                skipped.append(kind)
    systems = tuple(s for s in systems if s not in skipped)
    totals = {name: {"rouge1": 0.0, "rouge2": 0.0, "rougeL": 0.0, "words": 0} for name in systems}
    counts = [0, 0, 0]
    started = time.time()
    n = 0
    for story in stories(split, limit):
        n += 1
        articles = articles_of(story)
        reference = reference_of(story)
        for name in systems:
            summary = " ".join(runners[name](articles, max_words))
            scores = scorer.score(reference, summary)
            for key in ("rouge1", "rouge2", "rougeL"):
                totals[name][key] += scores[key].fmeasure
            totals[name]["words"] += len(summary.split())
        if "newsfuse" in systems:
            for k, v in enumerate(_faithful(articles, max_words)):
                counts[k] += v
    metrics: dict = {"split": split, "stories": n, "max_words": max_words, "seconds": round(time.time() - started, 1),
                     "systems": list(systems), "skipped": skipped}
    for name in systems:
        for key in ("rouge1", "rouge2", "rougeL"):
            metrics[f"{name}_{key}"] = round(100 * totals[name][key] / max(1, n), 2)
        metrics[f"{name}_words"] = round(totals[name]["words"] / max(1, n), 1)
    if "newsfuse" in systems:
        metrics["newsfuse_sentences"] = counts[0]
        metrics["newsfuse_cited_share"] = round(counts[1] / max(1, counts[0]), 4)
        metrics["newsfuse_faithful_share"] = round(counts[2] / max(1, counts[0]), 4)
    return metrics


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N stories (fast CI subset)")
    parser.add_argument("--split", choices=("val", "train"), default="val")
    parser.add_argument("--max-words", type=int, default=MAX_WORDS)
    parser.add_argument("--systems", default=",".join(SYSTEMS), help="comma-separated subset of " + ",".join(SYSTEMS))
    parser.add_argument("--json", action="store_true", help="print one JSON object of the metrics at the end")
    args = parser.parse_args(argv)
    if not data_file(args.split).exists():
        print(f"NeuS data not found: {data_file(args.split)}", file=sys.stderr)
        return 1
    systems = tuple(s for s in args.systems.split(",") if s)
    m = run(args.limit, args.split, args.max_words, systems)
    systems = tuple(m["systems"])
    if m["skipped"]:
        print(f"skipped (sumy not installed): {', '.join(m['skipped'])}", file=sys.stderr)
    print(f"NeuS {m['split']}: {m['stories']} stories, --max-words {m['max_words']} for every system ({m['seconds']} s)")
    print(f"{'system':<12}{'R-1':>8}{'R-2':>8}{'R-L':>8}{'words':>8}")
    for name in systems:
        print(f"{name:<12}{m[name + '_rouge1']:>8.2f}{m[name + '_rouge2']:>8.2f}{m[name + '_rougeL']:>8.2f}"
              f"{m[name + '_words']:>8.1f}")
    for label, value in ANCHORS.items():
        print(f"{label:<32} ROUGE-2 {value:.1f}")
    if "newsfuse" in systems:
        print(f"newsfuse sentences: {m['newsfuse_sentences']}, cited {100 * m['newsfuse_cited_share']:.1f}%, "
              f"text equal to its cited span {100 * m['newsfuse_faithful_share']:.1f}%")
    if args.json:
        print(json.dumps(m))
    return 0


if __name__ == "__main__":
    sys.exit(main())
