"""Where annotate spends its time: per stage per 1,000 words, the top functions, and peak memory (issue 17).

Texts: the first N PolNeAR training articles, loaded with ``bench/annotate_speed.load_texts`` (imported,
not copied). Everything runs through ``newsfuse.api.annotate_items`` (language gate + every stage of
``annotate/pipeline.py``) with 1 worker, in this one process.

How a stage is timed. The runner calls ``pipeline._run_stage(stage, batch)`` once per stage per batch
(``process_batch`` when the stage has one, else ``process`` per article, with the per-document retry).
For the timing pass this script replaces ``pipeline._run_stage`` *in this process only* (nothing in
``src/`` changes) by a wrapper that calls the original and adds its wall-clock time
(``time.perf_counter``) to that stage's total. That charges a stage with everything its call does,
including shared helpers (``text/``, ``knowledge/``, spaCy) that a grouping of cProfile rows by
module path (``annotate/<stage>/``) would miss or misattribute; and the timing pass runs *without*
the profiler, so its numbers carry no profiler overhead. What is outside every stage call (the
language gate, batching, ``with_run``) is reported as "outside stages".

The function tables come from a second, separate pass under ``cProfile`` over the same texts (the
profiler slows Python-heavy code more than C code, so use them for ranking, not for absolute times).
Both passes run after a warm-up on 8 texts, so loading spaCy and the gazetteer is not counted.
With ``--cpu`` the timing pass reads ``time.process_time`` (CPU seconds of this process) instead of the
wall clock: on a machine shared with other jobs, the CPU time is what the code costs.

Peak RSS: ``resource.getrusage(RUSAGE_SELF).ru_maxrss`` of this process after both passes (1 worker,
so it is the one worker's peak, models included); also reported after the warm-up alone.

    .venv/bin/python bench/profile_annotate.py              # 100 texts
    .venv/bin/python bench/profile_annotate.py --n 50 --top 25 --json
    .venv/bin/python bench/profile_annotate.py --cpu        # stage times in CPU seconds
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from annotate_speed import load_texts  # noqa: E402  (the PolNeAR loader of the speed bench, reused)

from newsfuse import api  # noqa: E402
from newsfuse.annotate import pipeline  # noqa: E402
from newsfuse.model import Article  # noqa: E402


def make_articles(texts: list[str], prefix: str = "d") -> list[Article]:
    return [Article.create(id=f"{prefix}{i}", text=t, published="2016-10-01") for i, t in enumerate(texts)]


def peak_rss_mb() -> float:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux, bytes on macOS
    return round(kb / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def timed_pass(articles: list[Article], clock=time.perf_counter) -> tuple[float, dict[str, float], int]:
    """(total seconds, seconds per stage name, documents quarantined) of one annotate_items pass, by
    ``clock`` (wall-clock ``perf_counter``, or ``process_time``: CPU seconds of this process, which
    other jobs on a shared machine do not inflate)."""
    per_stage: dict[str, float] = defaultdict(float)
    original = pipeline._run_stage

    def timed_run_stage(stage, batch):
        began = clock()
        try:
            return original(stage, batch)
        finally:
            per_stage[stage.name] += clock() - began

    pipeline._run_stage = timed_run_stage
    try:
        began = clock()
        out = list(api.annotate_items(articles, workers=1))
        total = clock() - began
    finally:
        pipeline._run_stage = original
    return total, dict(per_stage), sum(1 for a in out if not isinstance(a, Article))


def _where(filename: str, line: int, name: str) -> str:
    if filename == "~":
        return name  # a built-in
    path = filename
    for marker in ("/src/newsfuse/", "/site-packages/", "/lib/python"):
        if marker in filename:
            path = filename.split(marker, 1)[1]
            if marker == "/src/newsfuse/":
                path = "newsfuse/" + path
            break
    return f"{path}:{line}({name})"


def profiled_pass(articles: list[Article], top: int) -> dict[str, list[dict]]:
    profiler = cProfile.Profile()
    profiler.enable()
    list(api.annotate_items(articles, workers=1))
    profiler.disable()
    stats = pstats.Stats(profiler, stream=io.StringIO())
    rows = []
    for (filename, line, name), (cc, nc, tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        rows.append({"function": _where(filename, line, name), "calls": nc,
                     "own_s": round(tt, 3), "cumulative_s": round(ct, 3)})
    return {
        "by_cumulative": sorted(rows, key=lambda r: -r["cumulative_s"])[:top],
        "by_own": sorted(rows, key=lambda r: -r["own_s"])[:top],
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=100, help="PolNeAR texts (default 100)")
    parser.add_argument("--top", type=int, default=25, help="functions listed per table (default 25)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    parser.add_argument("--cpu", action="store_true",
                        help="time stages in CPU seconds of this process (process_time) instead of wall-clock")
    args = parser.parse_args(argv)

    texts = load_texts(args.n)
    words = sum(len(t.split()) for t in texts)
    kilo = words / 1000
    list(api.annotate_items(make_articles(texts[:8], "warm"), workers=1))  # models, gazetteer, caches
    rss_warm = peak_rss_mb()

    total, per_stage, failed = timed_pass(make_articles(texts), time.process_time if args.cpu else time.perf_counter)
    order = [s.name for s in pipeline.resolve_stages()]
    stages = []
    for name in order + sorted(set(per_stage) - set(order)):
        seconds = per_stage.get(name, 0.0)
        stages.append({"stage": name, "seconds": round(seconds, 3),
                       "ms_per_1000_words": round(1000 * seconds / kilo, 1),
                       "share": round(seconds / total, 3) if total else 0.0})
    outside = total - sum(per_stage.values())
    profile = profiled_pass(make_articles(texts), args.top)

    result = {
        "texts": len(texts), "words": words, "mean_words": round(words / len(texts)), "workers": 1,
        "clock": "cpu" if args.cpu else "wall",
        "quarantined": failed, "total_seconds": round(total, 3),
        "total_ms_per_1000_words": round(1000 * total / kilo, 1),
        "docs_per_s": round(len(texts) / total, 2),
        "stages": stages,
        "outside_stages": {"seconds": round(outside, 3), "ms_per_1000_words": round(1000 * outside / kilo, 1)},
        "peak_rss_mb_after_warmup": rss_warm, "peak_rss_mb": peak_rss_mb(),
        "cpus": os.cpu_count(),
        **profile,
    }
    if args.json:
        print(json.dumps(result))
        return
    print(f"{result['texts']} PolNeAR texts, {words} words ({result['mean_words']} per text), 1 worker, "
          f"{result['clock']} seconds, "
          f"{result['docs_per_s']} docs/s, {result['total_ms_per_1000_words']} ms per 1,000 words"
          + (f"; {failed} quarantined" if failed else ""))
    print(f"\n{'stage':<14}{'seconds':>9}{'ms/1k words':>13}{'share':>8}")
    for s in stages:
        print(f"{s['stage']:<14}{s['seconds']:>9.2f}{s['ms_per_1000_words']:>13.1f}{s['share']:>8.1%}")
    print(f"{'outside':<14}{outside:>9.2f}{1000 * outside / kilo:>13.1f}{outside / total:>8.1%}")
    print(f"{'total':<14}{total:>9.2f}{1000 * total / kilo:>13.1f}")
    for key, title in (("by_cumulative", "cumulative"), ("by_own", "own")):
        print(f"\ntop {args.top} functions by {title} time (cProfile pass; profiler overhead included)")
        print(f"{'own s':>8}{'cum s':>9}{'calls':>10}  function")
        for r in result[key]:
            print(f"{r['own_s']:>8.2f}{r['cumulative_s']:>9.2f}{r['calls']:>10}  {r['function']}")
    print(f"\npeak RSS (1 worker, this process): {result['peak_rss_mb']} MB "
          f"({rss_warm} MB after the warm-up)")


if __name__ == "__main__":
    main()
