"""Main-text extraction on the ScrapingHub article-extraction benchmark (181 news pages).

Scores our HTML ingest (``newsfuse.ingest.read_inputs`` on each ``html/<id>.html.gz``) with the
benchmark's own metric, and trafilatura's saved output from the benchmark (``output/trafilatura.json.gz``,
trafilatura 2.0.0) with the same code, beside trafilatura's published F1.

The metric, reimplemented from the benchmark's description:

- tokens are runs of word characters (``\\w+``, case kept); shingles are token 4-grams, counted as a
  multiset (a text of fewer than 4 tokens is one shingle of all its tokens);
- per page, TP/FP/FN are the shingle counts in both / only the prediction / only the truth, divided
  by their sum so that long pages weigh no more than short ones;
- precision is averaged over pages with TP+FP > 0, recall over pages with TP+FN > 0 (a page where
  FP = FN = 0 scores 1 for both); F1 is the harmonic mean of the averaged precision and recall.

Run: ``.venv/bin/python eval/html_extraction.py [--limit N] [--json]``
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from newsfuse.ingest import read_inputs
from newsfuse.model import Article
from newsfuse.settings import eval_dir

PUBLISHED_TRAFILATURA_F1 = 0.958  # the benchmark's README table, trafilatura
SHINGLE = 4
_WORD = re.compile(r"\w+")


def shingles(text: str, n: int = SHINGLE) -> Counter:
    tokens = _WORD.findall(text or "")
    if len(tokens) < n:
        return Counter([tuple(tokens)] if tokens else [])
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def page_rates(truth: str, prediction: str) -> tuple[float, float, float]:
    """Normalised (TP, FP, FN) of one page."""
    expected, got = shingles(truth), shingles(prediction)
    tp = sum((expected & got).values())
    fp = sum((got - expected).values())
    fn = sum((expected - got).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _ratio(hit: float, miss: float, other_miss: float) -> float:
    if miss == 0 and other_miss == 0:
        return 1.0
    return hit / (hit + miss) if hit + miss else 0.0


def scores(rates: list[tuple[float, float, float]]) -> dict[str, float]:
    precision = statistics.mean(_ratio(tp, fp, fn) for tp, fp, fn in rates if tp + fp > 0)
    recall = statistics.mean(_ratio(tp, fn, fp) for tp, fp, fn in rates if tp + fn > 0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def _benchmark_dir() -> Path:
    return eval_dir() / "html" / "scrapinghub"


def load_truth() -> dict[str, dict]:
    return json.loads((_benchmark_dir() / "ground-truth.json").read_text(encoding="utf-8"))


def load_saved_output(tool: str) -> dict[str, str]:
    with gzip.open(_benchmark_dir() / "output" / f"{tool}.json.gz", "rt", encoding="utf-8") as handle:
        saved = json.load(handle)
    saved = saved.get("output", saved)
    return {page: (record or {}).get("articleBody") or "" for page, record in saved.items()}


def our_predictions(page_ids: list[str]) -> tuple[dict[str, str], int, float]:
    """Main text of each page through our ingest; (texts, quarantined count, seconds)."""
    paths = [str(_benchmark_dir() / "html" / f"{page}.html.gz") for page in page_ids]
    texts: dict[str, str] = {}
    quarantined = 0
    started = time.perf_counter()
    for page, item in zip(page_ids, read_inputs(paths)):
        if isinstance(item, Article):
            texts[page] = item.text
        else:
            texts[page], quarantined = "", quarantined + 1
    return texts, quarantined, time.perf_counter() - started


def run(limit: int | None = None) -> dict:
    truth = load_truth()
    page_ids = sorted(truth)[:limit] if limit else sorted(truth)
    ours, quarantined, seconds = our_predictions(page_ids)
    saved = load_saved_output("trafilatura")

    def score(predictions: dict[str, str]) -> dict[str, float]:
        return scores([page_rates(truth[p].get("articleBody") or "", predictions.get(p, "")) for p in page_ids])

    mine, theirs = score(ours), score(saved)
    return {
        "pages": len(page_ids),
        "precision": mine["precision"],
        "recall": mine["recall"],
        "f1": mine["f1"],
        "trafilatura_saved_precision": theirs["precision"],
        "trafilatura_saved_recall": theirs["recall"],
        "trafilatura_saved_f1": theirs["f1"],
        "f1_margin": mine["f1"] - theirs["f1"],  # ours minus trafilatura's saved output, same pages
        "trafilatura_published_f1": PUBLISHED_TRAFILATURA_F1,
        "quarantined": quarantined,
        "seconds": round(seconds, 2),
    }

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="score only the first N pages (sorted by id)")
    parser.add_argument("--json", action="store_true", help="print one JSON object of the metrics at the end")
    args = parser.parse_args(argv)
    metrics = run(args.limit)
    print(f"ScrapingHub article extraction, {metrics['pages']} pages (token 4-gram shingles)")
    print(f"{'system':<34}{'precision':>10}{'recall':>10}{'F1':>10}")
    rows = (("newsfuse ingest", ""), ("trafilatura 2.0.0 (saved output)", "trafilatura_saved_"))
    for label, prefix in rows:
        p, r, f = (metrics[prefix + name] for name in ("precision", "recall", "f1"))
        print(f"{label:<34}{p:>10.3f}{r:>10.3f}{f:>10.3f}")
    print(f"{'trafilatura (published)':<34}{'':>10}{'':>10}{metrics['trafilatura_published_f1']:>10.3f}")
    print(f"quarantined pages: {metrics['quarantined']}; ingest time {metrics['seconds']} s")
    if args.json:
        print(json.dumps(metrics))
    return 0


if __name__ == "__main__":
    sys.exit(main())
