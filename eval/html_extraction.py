"""Main-text extraction on two news-page sets: ScrapingHub (181 pages) and L3S-GN1 (621 pages).

Scores our HTML ingest (``newsfuse.ingest.read_inputs`` on each page file) and trafilatura's defaults
(``trafilatura.extract(html)``, run here on the same decompressed pages) with the ScrapingHub
benchmark's own metric; on ScrapingHub also trafilatura's saved output from the benchmark
(``output/trafilatura.json.gz``, trafilatura 2.0.0) beside its published F1.

- ``scrapinghub`` (``html/scrapinghub``): truth is ``ground-truth.json``'s ``articleBody``.
- ``l3s`` (``html/l3s_gn1``, Kohlschütter et al. 2010): the annotators marked every text block of
  ``GoldStandard/<id>.txt.gz`` with a class ``x-nc-sel0`` … ``x-nc-sel5``; the truth is the paper's
  main-text task, headline (sel1) and full text (sel2), read as every text node whose nearest marked
  element is sel1 or sel2 (so a sel0 block inside a sel2 block stays out); the page is
  ``input/<id>.html.gz``.

Every set is split in two halves by a stable hash of the page id (``sha1(id)``: last hex digit even =
``tune``, odd = ``check``). Extraction settings are chosen on the tune halves of both sets together;
the check halves say whether the choice carries.

The metric, reimplemented from the ScrapingHub benchmark's description:

- tokens are runs of word characters (``\\w+``, case kept); shingles are token 4-grams, counted as a
  multiset (a text of fewer than 4 tokens is one shingle of all its tokens);
- per page, TP/FP/FN are the shingle counts in both / only the prediction / only the truth, divided
  by their sum so that long pages weigh no more than short ones;
- precision is averaged over pages with TP+FP > 0, recall over pages with TP+FN > 0 (a page where
  FP = FN = 0 scores 1 for both); F1 is the harmonic mean of the averaged precision and recall.

Run: ``.venv/bin/python eval/html_extraction.py [--set scrapinghub|l3s|all] [--limit N] [--json]``
(``--limit``: the first N pages of each set, sorted by id). ``run(limit)`` keeps its old top-level
keys (ScrapingHub, ours and trafilatura's saved output) and adds one entry per set.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

import lxml.html
import trafilatura

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


SETS = ("scrapinghub", "l3s")
HALVES = ("tune", "check")
_MAIN_TEXT_CLASSES = frozenset({"x-nc-sel1", "x-nc-sel2"})  # L3S-GN1: headline, full text
_NOT_TEXT = ("script", "style", "noscript")


def half(page_id: str) -> str:
    """``tune`` or ``check``: the last hex digit of sha1(page id), even or odd (stable across runs)."""
    return "tune" if int(hashlib.sha1(page_id.encode("utf-8")).hexdigest()[-1], 16) % 2 == 0 else "check"


def _benchmark_dir() -> Path:
    return eval_dir() / "html" / "scrapinghub"


def _l3s_dir() -> Path:
    return eval_dir() / "html" / "l3s_gn1"


def load_truth() -> dict[str, dict]:
    return json.loads((_benchmark_dir() / "ground-truth.json").read_text(encoding="utf-8"))


def load_saved_output(tool: str) -> dict[str, str]:
    with gzip.open(_benchmark_dir() / "output" / f"{tool}.json.gz", "rt", encoding="utf-8") as handle:
        saved = json.load(handle)
    saved = saved.get("output", saved)
    return {page: (record or {}).get("articleBody") or "" for page, record in saved.items()}


def _sel_class(element) -> str | None:
    return next((name for name in (element.get("class") or "").split() if name.startswith("x-nc-sel")), None)


def _marked(element):
    """The element itself or its nearest ancestor that carries an x-nc-sel class; None when none does."""
    while element is not None and _sel_class(element) is None:
        element = element.getparent()
    return element


def l3s_main_text(marked_html: bytes) -> str:
    """Headline and full text of one L3S-GN1 gold page: the text nodes whose nearest marked element is
    sel1 or sel2, in document order, one marked element per line."""
    tree = lxml.html.fromstring(marked_html)
    lines: list[str] = []
    last = None
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in _NOT_TEXT:
            continue
        pieces = [(element.text, element)]  # an element's text is inside it, its tail in its parent
        parent = element.getparent()
        if parent is not None and element.tail:
            pieces.append((element.tail, parent))
        for text, holder in pieces:
            if not text or not text.strip():
                continue
            marked = _marked(holder)
            if marked is None or _sel_class(marked) not in _MAIN_TEXT_CLASSES:
                continue
            if marked is last:  # the annotators wrapped each text node, so no word is split across pieces
                lines[-1] += " " + text
            else:
                lines.append(text)
                last = marked
    return "\n".join(" ".join(line.split()) for line in lines)


def load_set(name: str, limit: int | None = None) -> tuple[dict[str, str], dict[str, Path]]:
    """(truth text by page id, page file by page id) of one set, the first ``limit`` ids when given."""
    if name == "scrapinghub":
        records = load_truth()
        ids = sorted(records)[:limit] if limit else sorted(records)
        truth = {p: records[p].get("articleBody") or "" for p in ids}
        return truth, {p: _benchmark_dir() / "html" / f"{p}.html.gz" for p in ids}
    if name == "l3s":
        ids = sorted(path.name.removesuffix(".html.gz") for path in (_l3s_dir() / "input").glob("*.html.gz"))
        ids = ids[:limit] if limit else ids
        truth = {}
        for p in ids:
            with gzip.open(_l3s_dir() / "GoldStandard" / f"{p}.txt.gz") as handle:
                truth[p] = l3s_main_text(handle.read())
        return truth, {p: _l3s_dir() / "input" / f"{p}.html.gz" for p in ids}
    raise ValueError(f"unknown set {name!r} (one of {', '.join(SETS)})")


def our_predictions(paths: dict[str, Path]) -> tuple[dict[str, str], int, float]:
    """Main text of each page through our ingest; (texts, quarantined count, seconds)."""
    page_ids = list(paths)
    texts: dict[str, str] = {}
    quarantined = 0
    started = time.perf_counter()
    for page, item in zip(page_ids, read_inputs([str(paths[p]) for p in page_ids])):
        if isinstance(item, Article):
            texts[page] = item.text
        else:
            texts[page], quarantined = "", quarantined + 1
    return texts, quarantined, time.perf_counter() - started


def trafilatura_defaults(paths: dict[str, Path]) -> tuple[dict[str, str], float]:
    """``trafilatura.extract`` with its default options on each decompressed page; (texts, seconds)."""
    texts: dict[str, str] = {}
    started = time.perf_counter()
    for page, path in paths.items():
        texts[page] = trafilatura.extract(gzip.decompress(path.read_bytes())) or ""
    return texts, time.perf_counter() - started


def score_halves(truth: dict[str, str], predictions: dict[str, str]) -> dict[str, dict[str, float]]:
    """Precision, recall and F1 over all pages and over each half."""
    rates = {p: page_rates(text, predictions.get(p, "")) for p, text in truth.items()}
    out = {"all": scores(list(rates.values()))}
    for name in HALVES:
        chosen = [r for p, r in rates.items() if half(p) == name]
        out[name] = scores(chosen) if chosen else {"precision": 0.0, "recall": 0.0, "f1": 0.0}
        out[name]["pages"] = len(chosen)
    return out


def score_set(name: str, limit: int | None = None) -> dict:
    """One set: ours and trafilatura's defaults, all pages and each half."""
    truth, paths = load_set(name, limit)
    ours, quarantined, seconds = our_predictions(paths)
    theirs, their_seconds = trafilatura_defaults(paths)
    mine, defaults = score_halves(truth, ours), score_halves(truth, theirs)
    result = {
        "pages": len(truth),
        "ours": mine,
        "trafilatura": defaults,
        "f1": mine["all"]["f1"],
        "f1_margin": mine["all"]["f1"] - defaults["all"]["f1"],  # ours minus trafilatura's defaults
        "f1_margin_tune": mine["tune"]["f1"] - defaults["tune"]["f1"],
        "f1_margin_check": mine["check"]["f1"] - defaults["check"]["f1"],
        "tune_check_gap": mine["tune"]["f1"] - mine["check"]["f1"],
        "quarantined": quarantined,
        "seconds": round(seconds, 2),
        "trafilatura_seconds": round(their_seconds, 2),
    }
    if name == "scrapinghub":
        saved = score_halves(truth, load_saved_output("trafilatura"))
        result["trafilatura_saved"] = saved
        result["trafilatura_published_f1"] = PUBLISHED_TRAFILATURA_F1
    return result


def run(limit: int | None = None, sets: tuple[str, ...] | list[str] = SETS) -> dict:
    metrics: dict = {name: score_set(name, limit) for name in sets}
    if "scrapinghub" in metrics:  # the keys this script had before L3S-GN1 (and floors.json reads)
        hub = metrics["scrapinghub"]
        mine, saved = hub["ours"]["all"], hub["trafilatura_saved"]["all"]
        metrics.update({
            "pages": hub["pages"],
            "precision": mine["precision"], "recall": mine["recall"], "f1": mine["f1"],
            "trafilatura_saved_precision": saved["precision"],
            "trafilatura_saved_recall": saved["recall"],
            "trafilatura_saved_f1": saved["f1"],
            "f1_margin": mine["f1"] - saved["f1"],  # ours minus trafilatura's saved output, same pages
            "trafilatura_published_f1": PUBLISHED_TRAFILATURA_F1,
            "quarantined": hub["quarantined"],
            "seconds": hub["seconds"],
        })
    margins = [metrics[name][f"f1_margin_{h}"] for name in sets for h in HALVES]
    metrics["min_f1_margin"] = min(margins)  # ours minus trafilatura's defaults, worst set and half
    metrics["max_tune_check_gap"] = max(abs(metrics[name]["tune_check_gap"]) for name in sets)
    return metrics


def _cell(score: dict) -> str:
    return f"{score['f1']:.3f} ({score['precision']:.3f} / {score['recall']:.3f})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=(*SETS, "all"), default="all", help="which page set (default: both)")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N pages of each set (sorted by id)")
    parser.add_argument("--json", action="store_true", help="print one JSON object of the metrics at the end")
    args = parser.parse_args(argv)
    sets = SETS if args.set == "all" else (args.set,)
    metrics = run(args.limit, sets)
    print("Main-text extraction, token 4-gram shingles: F1 (precision / recall)")
    print(f"{'set':<13}{'half':<7}{'pages':>6}  {'newsfuse ingest':<26}{'trafilatura defaults':<26}{'margin':>7}")
    for name in sets:
        result = metrics[name]
        for part in ("tune", "check", "all"):
            pages = result["ours"][part].get("pages", result["pages"])
            margin = result["ours"][part]["f1"] - result["trafilatura"][part]["f1"]
            print(f"{name:<13}{part:<7}{pages:>6}  {_cell(result['ours'][part]):<26}"
                  f"{_cell(result['trafilatura'][part]):<26}{margin:>+7.3f}")
        if name == "scrapinghub":
            print(f"{'':<26}trafilatura 2.0.0 saved output, all pages: {_cell(result['trafilatura_saved']['all'])}; "
                  f"published F1 {result['trafilatura_published_f1']:.3f}")
        print(f"{'':<26}tune-check gap (ours) {result['tune_check_gap']:+.3f}; quarantined {result['quarantined']}; "
              f"ingest {result['seconds']} s, trafilatura {result['trafilatura_seconds']} s")
    print(f"trafilatura {trafilatura.__version__}; halves: sha1(page id) last hex digit even = tune, odd = check")
    if args.json:
        print(json.dumps(metrics))
    return 0


if __name__ == "__main__":
    sys.exit(main())
