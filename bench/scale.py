"""Scale (issue 15): the reuse index and story clustering at 10k, 100k (and 1M) synthetic articles.

Both corpus stages that see the whole stream are measured on the streams their own benchmarks
generate (bench/reuse_scaling.py: reprints, splices and shared wire paragraphs with a known truth;
bench/cluster_scaling.py: events of 3-12 articles), each size in its own process so that its peak
memory (ru_maxrss) is its own. Per size: wall and CPU seconds, docs/s, peak MB; for reuse the copy
precision/recall against the truth, for stories BCubed F1. Then the ratio per 10x of each stage's CPU
time (the stages use one core; CPU time does not count the other jobs of a shared machine), against
the goal: ratio <= 12 per 10x, peak <= 8 GB at 1M.

The peer in the same run is the smallest size of the same stage: a ratio is only ever taken between
two sizes measured by this script in one invocation.

    .venv/bin/python bench/scale.py                                  # 10k and 100k, both stages
    .venv/bin/python bench/scale.py --sizes 10000 100000 1000000 --stages stories
    .venv/bin/python bench/scale.py --sizes 10000 100000 --stages reuse --per-day 833   # longer, not denser

Stage ``reuse`` is the index that forgets articles older than the reprint horizon (corpus/reuse_stream.py);
``reuse-full`` the one index that never forgets. Each size spans 120 days by default, so 10x the articles
is also a 10x denser stream: 10x the articles in the horizon's window. ``--per-day`` keeps the rate and
makes the stream longer instead (the cost per article then follows the window, which does not grow).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from _isolated import add_isolation_options, in_subprocess, measured_in_child  # noqa: E402

GOAL_RATIO = 12
GOAL_PEAK_MB_AT_1M = 8 * 1024


# The reuse stages: the index that forgets what is older than the reprint horizon (what the store and
# Spark would run over a stream: corpus/reuse_stream.py), and the one global index that never forgets.
REUSE_SYSTEMS = {"reuse": "newsfuse-stream", "reuse-full": "newsfuse"}


def measure_reuse(n: int, stage: str = "reuse", per_day: int | None = None) -> dict:
    import reuse_scaling

    system = REUSE_SYSTEMS[stage] + (f"@{per_day}" if per_day else "")
    row = reuse_scaling.measure(n, system)  # times add + reports, scores copies against the stream's truth
    return {"stage": stage, "n": n, "per_day": row["per_day"], "seconds": row["seconds"], "cpu_seconds": None,
            "peak_mb": row["peak_mb"], "index_mb": row["index_mb"], "docs_per_s": row["docs_per_s"],
            "copy_precision": row["copy_precision"],
            "copy_recall": row["copy_recall"], "postings": row["postings"], "live_articles": row["live"]}


def measure_reuse_cpu(n: int, stage: str = "reuse", per_day: int | None = None) -> dict:
    """The reuse stage with CPU time too (reuse_scaling.measure reports wall time only)."""
    import reuse_scaling

    began_cpu = time.process_time()
    row = measure_reuse(n, stage, per_day)
    generated = time.process_time() - began_cpu
    # reuse_scaling.measure generates the stream inside; take its share out by generating it again
    # (afterwards, so the peak memory reuse_scaling reported is the stage's own).
    began = time.process_time()
    reuse_scaling.generate(n, per_day=per_day)
    row["cpu_seconds"] = round(max(0.0, generated - (time.process_time() - began)), 2)
    return row


def measure_stories(n: int) -> dict:
    import cluster_scaling

    row = cluster_scaling.measure(n, "newsfuse")
    return {"stage": "stories", "n": n, "seconds": row["seconds"], "cpu_seconds": row["cpu_seconds"],
            "peak_mb": row["peak_mb"], "docs_per_s": row["docs_per_s"], "bcubed_f1": row["bcubed_f1"]}


def measure(n: int, system: str) -> dict:
    """``system``: the stage, for reuse stages with ``@RATE`` when the stream has RATE articles a day."""
    stage, _, rate = system.partition("@")
    return measure_reuse_cpu(n, stage, int(rate) if rate else None) if stage in REUSE_SYSTEMS else measure_stories(n)


def where_reuse(n: int, stage: str = "reuse-full", per_day: int | None = None) -> dict:
    """Where the reuse index spends its time at size ``n``: the postings lookup (``_matches``) against
    the rest of ``add`` (alignment with each partner), and how many partners an article has."""
    import reuse_scaling

    from newsfuse.corpus import reuse

    articles, _truth, _shares = reuse_scaling.generate(n, per_day=per_day)
    stats = {"partners": 0, "pairs": 0, "lookup": 0.0}
    lookup = reuse.ReuseIndex._matches

    def counted(self, grams):
        began = time.process_time()
        found = lookup(self, grams)
        stats["lookup"] += time.process_time() - began
        stats["partners"] += len(found)
        stats["pairs"] += sum(len(p) for p in found.values())
        return found

    reuse.ReuseIndex._matches = counted
    try:
        index = reuse_scaling.make_index(REUSE_SYSTEMS[stage])
        began = time.process_time()
        index.add(articles)
        added = time.process_time() - began
    finally:
        reuse.ReuseIndex._matches = lookup
    return {"stage": stage, "n": n, "per_day": per_day or max(1, n // 120), "add_cpu_s": round(added, 1), "lookup_cpu_s": round(stats["lookup"], 1),
            "rest_cpu_s": round(added - stats["lookup"], 1), "partners_per_article": round(stats["partners"] / n, 1),
            "pairs_per_article": round(stats["pairs"] / n, 1), "postings": sum(1 for _ in index.posted()),
            "live_articles": len(index.docs)}


def ratios(rows: list[dict]) -> list[str]:
    lines = []
    for stage in (*REUSE_SYSTEMS, "stories"):
        ours = sorted((r for r in rows if r["stage"] == stage), key=lambda r: r["n"])
        for small, large in zip(ours, ours[1:]):
            factor = large["n"] / small["n"]
            cpu = large["cpu_seconds"] / small["cpu_seconds"] if small["cpu_seconds"] else float("nan")
            wall = large["seconds"] / small["seconds"]
            verdict = "ok" if cpu <= GOAL_RATIO * factor / 10 else "over the goal"
            lines.append(f"{stage}: time({large['n']})/time({small['n']}) = {cpu:.2f} CPU, {wall:.2f} wall "
                         f"(x{factor:.0f} articles; goal <= {GOAL_RATIO * factor / 10:.0f}: {verdict}); "
                         f"peak {small['peak_mb']:.0f} -> {large['peak_mb']:.0f} MB")
        big = [r for r in ours if r["n"] >= 1_000_000]
        for r in big:
            lines.append(f"{stage}: peak at {r['n']}: {r['peak_mb']:.0f} MB (goal <= {GOAL_PEAK_MB_AT_1M} MB)")
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--stages", nargs="+", choices=(*REUSE_SYSTEMS, "stories"), default=["reuse", "stories"])
    parser.add_argument("--per-day", type=int, help="Reuse streams of this many articles a day (default: every "
                        "size spans 120 days, so a larger size is a denser stream, not only a longer one).")
    parser.add_argument("--where", type=int, nargs="+", help="Instead: where the reuse index spends its time, "
                        "at these sizes (postings lookup vs alignment, partners per article).")
    parser.add_argument("--where-stage", choices=tuple(REUSE_SYSTEMS), default="reuse-full",
                        help="The reuse index --where measures (default: the one that never forgets).")
    add_isolation_options(parser)
    args = parser.parse_args(argv)
    if measured_in_child(args, measure):
        return
    if args.where:
        for n in args.where:
            print(json.dumps(where_reuse(n, args.where_stage, args.per_day)), flush=True)
        return
    rows = []
    for stage in args.stages:
        for n in args.sizes:
            rate = f"@{args.per_day}" if args.per_day and stage in REUSE_SYSTEMS else ""
            rows.append(in_subprocess(__file__, n, stage + rate))
            print(json.dumps(rows[-1]), flush=True)
    print(f"{'stage':8} {'articles':>9} {'wall s':>8} {'CPU s':>8} {'docs/s':>8} {'peak MB':>8} {'quality':>22}")
    for r in rows:
        quality = (f"copy P/R {r['copy_precision']}/{r['copy_recall']}" if r["stage"] in REUSE_SYSTEMS
                   else f"BCubed F1 {r['bcubed_f1']}")
        print(f"{r['stage']:8} {r['n']:>9} {r['seconds']:>8} {r['cpu_seconds']:>8} {r['docs_per_s']:>8} "
              f"{r['peak_mb']:>8} {quality:>22}")
    for line in ratios(rows):
        print(line)
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
