"""Story clustering on ECB+ (../shared/eval/clustering/ecbplus): BCubed P/R/F1 at event level.

All documents of the chosen topics are clustered together as one stream, text only: no topic ids,
no subtopic markers, no titles (ECB+ gives a title only for one half of each topic, copied from the
first text line), no file names, no dates (ECB+ has none, so the clusterer's time window never acts).
Each ECB+ topic holds two different real-world events (the `ecb` and `ecbplus` halves), so a system
must keep similar events apart. In the same run: a TF-IDF + average-linkage baseline.

What was tuned, and how (by dev scores: topics 2, 5, 12, 18, 21, 23, 34, 35; the test topics are
the other 25. Test scores were printed now and then during development to see which kinds of error
remained, so they are not a pristine held-out estimate, but no setting was picked by them):
- the baseline: its distance threshold, best dev BCubed F1 on the grid in ``tune`` (0.8);
- ours: the defaults of ``newsfuse.corpus.stories.StoryClusterer``. ``tune`` reproduces the last step: the
  merge threshold, prior cohesion and names weight by mean dev BCubed F1 over three stream orders,
  ties (dev saturates at 1.0) broken by the mean over each setting's grid neighbours, i.e. the
  middle of the best plateau: 0.45, 0.07, 0.3. Earlier rounds of the same kind (dev only) chose
  the other settings: the names penalty (1.0, for stories of at least 8 articles: at 3–4 it split
  dev events), the year penalty (full only with 5 dated articles on each side: at full strength for
  single articles it split dev events on background years), the stranger penalty (neutral on dev;
  it keeps apart synthetic same-kind events of the bench), and the features: numbers as terms and
  word bigrams lowered dev scores and were dropped; capitals that open a sentence or stand in a
  Title Case headline are not taken as names. Blocking sizes (keys, candidates, posting lists) were
  set for speed on bench/cluster_scaling.py, checking that dev scores did not move.
- Dev saturates at 1.0 at the chosen merge threshold, so later choices were made by how wide the
  range of merge thresholds is over which dev stays right: the mean dev BCubed F1 over the merge
  thresholds in ``THRESHOLD_RANGE`` and three stream orders (``--dev-range``; dev only). By it: the
  candidate floor ``min_hit_share`` 0.3 (0.9053; 0 gives 0.9021, 0.2 0.9044, 0.4 0.9022), and the
  spelling keys of names (``story_features.name_key``) on names and places but not on the words
  among the TF-IDF terms (keying those too lowered the range mean by about 0.01 during development).
  A stale pair in the merge heap is scored again rather than dropped: a correctness fix, neutral on
  the dev range. After these changes ``--tune`` lands elsewhere on the same saturated dev plateau
  (merge 0.45, prior cohesion 0.1, names 0.45: dev 1.0 for all orders; its dev range is wider on
  the left, 1.0 at 0.35 too, but lower on the right, mean 0.8870); the defaults were kept.

Refinement sweeps at ``finish`` (``refine_sweeps``, issue 5: less dependence on the stream order):
every member of an open story moves to the blocked candidate story it is closest to when that beats
the rest of its own story and the merge threshold. Dev saturates at 1.0 with and without them (5
orders); on the dev range (``--dev-range``) three sweeps raise the mean from 0.9053 to 0.9099 (gains at
merge thresholds 0.75-1.2). Splitting a story whose 2-means halves the merge pass would not join
was tried too and dropped: dev range 0.9043, it splits loose true events at thresholds 0.65-0.85.
The single test run (``--set refine_sweeps=3`` against the defaults) was neutral: fixed order 0.923
vs 0.926, mean of 5 orders 0.941 (0.928-0.953) vs 0.940 (0.923-0.956), so the sweeps stay an option,
off by default.

The stream order matters to an online clusterer (ECB+ has no dates, so the order is arbitrary): the
headline row uses one fixed shuffle, and a second row gives the mean (min–max) over ``ORDERS``
other shuffles.

Anchors: such a baseline scores about 0.87 BCubed F1 here; Miranda et al. (2018) reported F1 0.940 on
their own English corpus (a different corpus: a reference point, not a comparison).

    .venv/bin/python eval/stories.py            # dev and test, ours and the baseline
    .venv/bin/python eval/stories.py --tune     # choose settings on dev first (a few minutes)
    .venv/bin/python eval/stories.py --limit 6  # a fast subset (CI gate): 6 test topics, one order
    .venv/bin/python eval/stories.py --dev-range --set min_hit_share=0.2  # dev only: F1 over merge thresholds
    .venv/bin/python eval/stories.py --dev-only --set refine_sweeps=3    # dev only, with a setting changed
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import random
import statistics
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from newsfuse.model import Article  # noqa: E402
from newsfuse.settings import eval_dir  # noqa: E402
from newsfuse.corpus.stories import StoryClusterer, cluster  # noqa: E402

DEV_TOPICS = {2, 5, 12, 18, 21, 23, 34, 35}
ANCHORS = {"TF-IDF + average linkage (issue's figure)": 0.87, "Miranda et al. 2018 (own corpus)": 0.940}
OURS: dict = {}  # the clusterer's own defaults, chosen on dev (see above)
BASELINE_DISTANCE = 0.8  # chosen on dev by ``tune``
ORDERS = 5
THRESHOLD_RANGE = (0.15, 0.25, 0.35, 0.45, 0.55, 0.65, 0.75, 0.85, 1.0, 1.2)


def load(topics: set[int] | None = None, seed: int = 13) -> list[dict]:
    path = eval_dir() / "clustering" / "ecbplus" / "ecbplus_docs.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh]
    records = [r for r in records if topics is None or r["topic"] in topics]
    random.Random(seed).shuffle(records)  # a stream does not arrive sorted by topic
    return records


def bcubed(gold: dict[str, str], pred: dict[str, str]) -> tuple[float, float, float]:
    gold_members, pred_members = defaultdict(set), defaultdict(set)
    for doc, g in gold.items():
        gold_members[g].add(doc)
        pred_members[pred[doc]].add(doc)
    p = r = 0.0
    for doc in gold:
        same_pred = pred_members[pred[doc]]
        same_gold = gold_members[gold[doc]]
        both = len(same_pred & same_gold)
        p += both / len(same_pred)
        r += both / len(same_gold)
    p, r = p / len(gold), r / len(gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run_ours(records: list[dict], **params) -> dict[str, str]:
    articles = [Article.create(id=r["id"], text=r["text"]) for r in records]
    return cluster(articles, StoryClusterer(**params))


def run_baseline(records: list[dict], distance: float) -> dict[str, str]:
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(r["text"] for r in records)
    labels = AgglomerativeClustering(
        n_clusters=None, metric="cosine", linkage="average", distance_threshold=distance
    ).fit_predict(matrix.toarray())
    return {r["id"]: str(label) for r, label in zip(records, labels)}


def score(records: list[dict], pred: dict[str, str]) -> tuple[float, float, float]:
    return bcubed({r["id"]: r["cluster_id"] for r in records}, pred)


def shuffled(records: list[dict], seed: int) -> list[dict]:
    out = records[:]
    random.Random(seed).shuffle(out)
    return out


def tune(dev: list[dict]) -> tuple[dict, float]:
    """Best settings on the dev topics. Ours: mean BCubed F1 over three stream orders, smoothed over
    each setting's grid neighbours (the middle of the best plateau, not a lucky peak: dev saturates)."""
    grid = {"merge_threshold": (0.25, 0.35, 0.45, 0.55, 0.65), "prior_cohesion": (0.05, 0.07, 0.1), "w_names": (0.3, 0.45, 0.6)}
    f1 = {}
    for values in itertools.product(*grid.values()):
        params = dict(zip(grid, values))
        f1[values] = statistics.mean(score(dev, run_ours(shuffled(dev, s), **params))[2] for s in range(3))

    def smoothed(values: tuple) -> float:
        steps = [grid[name].index(v) for name, v in zip(grid, values)]
        near = [
            tuple(axis[i + d] for axis, i, d in zip(grid.values(), steps, offsets))
            for offsets in itertools.product((-1, 0, 1), repeat=len(grid))
            if all(0 <= i + d < len(axis) for axis, i, d in zip(grid.values(), steps, offsets))
        ]
        return statistics.mean(f1[v] for v in near)

    best = max(f1, key=lambda v: (round(f1[v], 4), round(smoothed(v), 4)))
    distances = [round(0.7 + 0.02 * i, 2) for i in range(11)]
    distance = max(distances, key=lambda d: score(dev, run_baseline(dev, d))[2])
    return dict(zip(grid, best)), distance


def dev_range(params: dict, orders: int = 3) -> dict:
    """Dev BCubed F1 at each merge threshold of ``THRESHOLD_RANGE`` (mean over ``orders`` stream
    orders) and their mean: how wide the range of thresholds is over which dev stays right."""
    dev = load(DEV_TOPICS)
    per_threshold = {}
    for threshold in THRESHOLD_RANGE:
        settings = dict(params, merge_threshold=threshold)
        per_threshold[threshold] = statistics.mean(
            score(dev, run_ours(shuffled(dev, seed), **settings))[2] for seed in range(orders))
    return {"params": params, "dev_f1_by_merge_threshold": {str(t): round(f, 4) for t, f in per_threshold.items()},
            "dev_range_mean_f1": round(statistics.mean(per_threshold.values()), 4)}


def _setting(text: str) -> tuple[str, float]:
    name, _, value = text.partition("=")
    return name, (int(value) if value.isdigit() else float(value))


def evaluate(records: list[dict], params: dict, distance: float, orders: int) -> dict:
    ours = score(records, run_ours(records, **params))
    base = score(records, run_baseline(records, distance))
    out = {
        "documents": len(records),
        "topics": len({r["topic"] for r in records}),
        "bcubed_p": round(ours[0], 4), "bcubed_r": round(ours[1], 4), "bcubed_f1": round(ours[2], 4),
        "baseline_p": round(base[0], 4), "baseline_r": round(base[1], 4), "baseline_f1": round(base[2], 4),
    }
    if orders:
        f1s = [score(records, run_ours(shuffled(records, seed), **params))[2] for seed in range(1, orders + 1)]
        out.update(orders_f1_mean=round(statistics.mean(f1s), 4), orders_f1_min=round(min(f1s), 4),
                   orders_f1_max=round(max(f1s), 4))
    return out


def run(limit: int | None = None, do_tune: bool = False, settings: dict | None = None,
        dev_only: bool = False) -> dict:
    """Metrics on the test topics (``bcubed_*``, ``baseline_*``) and, without ``limit``, on dev.
    ``settings`` override the clusterer's defaults; ``dev_only`` leaves the test topics unread."""
    test_topics = sorted({r["topic"] for r in load()} - DEV_TOPICS)
    if limit:
        test_topics = test_topics[:limit]
    params, distance = dict(OURS, **(settings or {})), BASELINE_DISTANCE
    if do_tune:
        params, distance = tune(load(DEV_TOPICS))
    metrics = {"params": params, "baseline_distance": distance}
    if not dev_only:
        metrics.update(evaluate(load(set(test_topics)), params, distance, orders=0 if limit else ORDERS))
    if not limit or dev_only:
        dev = evaluate(load(DEV_TOPICS), params, distance, orders=ORDERS)
        metrics.update({f"dev_{k}": v for k, v in dev.items()})
    return metrics


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, help="only the first N test topics, one stream order (fast subset)")
    parser.add_argument("--tune", action="store_true", help="choose settings on the dev topics first")
    parser.add_argument("--json", action="store_true", help="print the metrics as one JSON object")
    parser.add_argument("--dev-range", action="store_true",
                        help="dev only: BCubed F1 over a range of merge thresholds (how robust the settings are)")
    parser.add_argument("--set", action="append", type=_setting, default=[], metavar="NAME=VALUE",
                        help="a StoryClusterer setting (repeatable)")
    parser.add_argument("--dev-only", action="store_true", help="score the dev topics only (to choose settings)")
    args = parser.parse_args(argv)
    if args.dev_range:
        r = dev_range(dict(args.set))
        print(f"ECB+ dev topics, settings {r['params'] or 'defaults'}: BCubed F1 by merge threshold (3 orders)")
        print("  " + "  ".join(f"{t}: {f:.3f}" for t, f in r["dev_f1_by_merge_threshold"].items()))
        print(f"  mean {r['dev_range_mean_f1']:.4f}")
        if args.json:
            print(json.dumps(r))
        return
    m = run(args.limit, args.tune, dict(args.set), args.dev_only)
    print(f"ECB+ event-level story clustering (BCubed), settings {m['params'] or 'defaults'}, "
          f"baseline distance threshold {m['baseline_distance']}")
    print(f"  {'split / system':60} {'P':>6} {'R':>6} {'F1':>6}")
    for split, prefix in (("dev", "dev_"), ("test", "")):
        if f"{prefix}bcubed_f1" not in m:
            continue
        label = f"{split} ({m[prefix + 'topics']} topics, {m[prefix + 'documents']} docs)"
        print(f"  {label + ': newsfuse online clustering':60} {m[prefix + 'bcubed_p']:6.3f} "
              f"{m[prefix + 'bcubed_r']:6.3f} {m[prefix + 'bcubed_f1']:6.3f}")
        if f"{prefix}orders_f1_mean" in m:
            spread = f"({m[prefix + 'orders_f1_min']:.3f}-{m[prefix + 'orders_f1_max']:.3f})"
            print(f"  {label + f': same, mean of {ORDERS} stream orders':60} {'':6} {'':6} "
                  f"{m[prefix + 'orders_f1_mean']:6.3f} {spread}")
        print(f"  {label + ': TF-IDF + average linkage':60} {m[prefix + 'baseline_p']:6.3f} "
              f"{m[prefix + 'baseline_r']:6.3f} {m[prefix + 'baseline_f1']:6.3f}")
    for name, value in ANCHORS.items():
        print(f"  {name:60} {'':6} {'':6} {value:6.3f}")
    if args.json:
        print(json.dumps(m))


if __name__ == "__main__":
    main()
