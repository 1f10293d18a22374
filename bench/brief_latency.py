"""How long one story's briefing takes, from the store to JSON, Markdown and HTML, by story size (issue 17).

Goal (issue 17): <= 1 s per format for a 50-article story, <= 10 s for a 500-article story.

What is measured: the **briefing stage only**; annotation is excluded. Setup (not timed): the sample
corpus ``examples/`` (17 articles, three invented events) is annotated once with ``--places
examples/places.tsv``; for each story size N, a fresh SQLite store in a temporary folder gets N articles
made by cycling through those 17 and giving each copy a new id (``<id>~r<k>``) and URL (``<url>-r<k>``), with
its annotation layers saved as ``analyze`` saves them. All N articles form **one story** (so the story
mixes the three sample events, and every article has exact copies among the others: a heavy case for
reuse detection, which is part of the briefing).

Timed, per format, as ``api.write_briefings`` does it for one story: read every article with its layers
from the store (``store.iter_articles``), apply the store's analyst corrections
(``output.corrected.CorrectedBriefing``: none here, but the path is the same), build the brief
(``output.brief.build_brief``: place consistency, reuse, summary, figure reconciliation, quotes,
framing, timeline, map) and render it (``output.render.render_brief``) to ``json``, ``md`` or ``html``.
Each format is a separate end-to-end run, the best of ``--repeat`` (3) counts; its parts (read, build,
render) are reported from that best run. Story clustering, which ``write_briefings`` runs over the
whole store before briefing, is reported apart (``cluster_s``, best of the same repeats) and is not in
the per-format totals. Writing the files is not timed.

A slow size (one run longer than ``--budget``, 30 s) is not repeated: that run counts, and the other two
formats are rendered from its brief (read + build of that run + their own render; the build does not
depend on the format). Such rows say ``shared_build`` (JSON) or ``*`` (table).

    .venv/bin/python bench/brief_latency.py                      # sizes 10 50 100 200 500
    .venv/bin/python bench/brief_latency.py --sizes 10 50 --repeat 1 --json
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsfuse import api  # noqa: E402
from newsfuse.annotate import pipeline  # noqa: E402
from newsfuse.corpus.stories import StoryClusterer, cluster as cluster_articles  # noqa: E402
from newsfuse.knowledge.outlets import OutletRegistry  # noqa: E402
from newsfuse.model import ANNOTATION_LAYERS, Article  # noqa: E402
from newsfuse.output.corrected import CorrectedBriefing  # noqa: E402
from newsfuse.output.render import render_brief  # noqa: E402
from newsfuse.store import open_store  # noqa: E402

EXAMPLES = ROOT / "examples"
FORMATS = ("json", "md", "html")
GOALS = {50: 1.0, 500: 10.0}  # seconds per format (issue 17)


def annotated_sample() -> list[Article]:
    api.use_places([EXAMPLES / "places.tsv"])
    items = list(api.annotate([str(EXAMPLES)]))
    return [i for i in items if isinstance(i, Article)]


def replicas(sample: list[Article], n: int) -> list[Article]:
    """``n`` articles cycling through ``sample``, each with its own id and URL (so the store keeps each)."""
    out = []
    for k in range(n):
        a = sample[k % len(sample)]
        meta = {key: value for key, value in a.meta.items() if key != "version"}
        out.append(dataclasses.replace(a, id=f"{a.id}~r{k}", url=f"{a.url.rstrip('/')}-r{k}" if a.url else None, meta=meta))
    return out


def fill_store(db: str, articles: list[Article]) -> None:
    methods = {layer: stage.method for stage in pipeline.resolve_stages() for layer in stage.provides}
    store = open_store(db)
    try:
        results = store.add_articles(articles)
        for article, result in zip(articles, results):
            if result.status != "new":
                raise RuntimeError(f"{article.id}: stored as {result.status}, expected new")
            store.save_layers(result.version_id, article, layers=ANNOTATION_LAYERS, methods=methods)
    finally:
        store.close()


def one_briefing(db: str, fmt: str, outlets: Path) -> tuple[dict[str, float], dict, list[Article]]:
    """Seconds to read, build and render one story's briefing (every stored article) in ``fmt``; also
    the brief and its articles (for :func:`render_only`)."""
    t0 = time.perf_counter()
    store = open_store(db)
    try:
        articles = list(store.iter_articles(latest_only=True))
        corrections = store.corrections()
    finally:
        store.close()
    t1 = time.perf_counter()
    run = CorrectedBriefing(articles, corrections)
    registry = OutletRegistry.load(outlets)
    [brief] = list(run.briefs([("bench-story", run.articles)], registry=registry))
    t2 = time.perf_counter()
    text = render_brief(brief, run.articles, fmt)
    t3 = time.perf_counter()
    if not text:
        raise RuntimeError(f"empty {fmt} briefing")
    return ({"read_s": t1 - t0, "build_s": t2 - t1, "render_s": t3 - t2, "total_s": t3 - t0,
             "articles": len(articles), "chars": len(text)}, brief, run.articles)


def render_only(first: dict[str, float], brief: dict, articles: list[Article], fmt: str) -> dict[str, float]:
    """A slow story's other formats: ``first``'s read and build (the same for every format) plus this render."""
    began = time.perf_counter()
    text = render_brief(brief, articles, fmt)
    render = time.perf_counter() - began
    return {"read_s": first["read_s"], "build_s": first["build_s"], "render_s": render,
            "total_s": first["read_s"] + first["build_s"] + render, "articles": first["articles"], "chars": len(text)}


def cluster_seconds(db: str) -> float:
    store = open_store(db)
    try:
        articles = list(store.iter_articles(latest_only=True))
    finally:
        store.close()
    began = time.perf_counter()
    cluster_articles(articles, StoryClusterer())
    return time.perf_counter() - began


def measure(sample: list[Article], n: int, repeat: int, folder: str, with_cluster: bool, budget: float) -> dict:
    db = os.path.join(folder, f"story-{n}.db")
    fill_store(db, replicas(sample, n))
    row: dict = {"articles": n, "shared_build": False}
    slow = None
    for fmt in FORMATS:
        if slow is not None:  # one build already took longer than the budget: render this format from it
            runs = [render_only(slow[0], slow[1], slow[2], fmt)]
        else:
            runs = []
            for _ in range(repeat):
                measured, brief, articles = one_briefing(db, fmt, EXAMPLES / "outlets.tsv")
                runs.append(measured)
                if measured["total_s"] > budget:
                    slow = (measured, brief, articles)
                    row["shared_build"] = True
                    break
        if runs[0]["articles"] != n:
            raise RuntimeError(f"store gave {runs[0]['articles']} articles, expected {n}")
        best = min(runs, key=lambda r: r["total_s"])
        row[fmt] = {k: round(v, 3) for k, v in best.items() if k.endswith("_s")}
        row[fmt]["all_total_s"] = [round(r["total_s"], 3) for r in runs]
        row[fmt]["chars"] = best["chars"]
    if with_cluster:
        row["cluster_s"] = round(min(cluster_seconds(db) for _ in range(1 if slow else repeat)), 3)
    return row


def growth(rows: list[dict]) -> dict[str, float]:
    """Per format, the exponent b of time ~ articles^b between the smallest and largest story."""
    first, last = rows[0], rows[-1]
    if last["articles"] <= first["articles"]:
        return {}
    scale = math.log(last["articles"] / first["articles"])
    return {fmt: round(math.log(last[fmt]["total_s"] / first[fmt]["total_s"]) / scale, 2) for fmt in FORMATS}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 50, 100, 200, 500])
    parser.add_argument("--repeat", type=int, default=3, help="runs per format and size; the best counts")
    parser.add_argument("--budget", type=float, default=30.0,
                        help="seconds: once one run takes longer, it is not repeated and the other formats "
                             "are rendered from its build (default 30)")
    parser.add_argument("--no-cluster", action="store_true", help="skip timing story clustering")
    parser.add_argument("--json", action="store_true", help="also print one JSON object (last line)")
    args = parser.parse_args(argv)

    sample = annotated_sample()
    rows = []
    with tempfile.TemporaryDirectory(prefix="newsfuse-brief-bench-") as folder:
        for n in sorted(args.sizes):
            rows.append(measure(sample, n, args.repeat, folder, not args.no_cluster, args.budget))
            r = rows[-1]
            print(f"  {n} articles: " + ", ".join(f"{f} {r[f]['total_s']:.2f} s" for f in FORMATS), file=sys.stderr)
    goals = {str(n): {fmt: (row[fmt]["total_s"] <= GOALS[n]) for fmt in FORMATS}
             for row in rows for n in [row["articles"]] if n in GOALS}
    result = {"sample_articles": len(sample), "repeat": args.repeat, "rows": rows, "growth_exponent": growth(rows),
              "goals_met": goals, "cpus": os.cpu_count()}
    print(f"one story of N articles (copies of the {len(sample)} sample articles), from the store; "
          f"best of {args.repeat}; seconds")
    print(f"{'articles':>8} | {'json':>7} {'md':>7} {'html':>7} | {'read':>6} {'build':>7} | "
          f"{'render json':>11} {'md':>6} {'html':>6} | {'cluster':>7}")
    for r in rows:
        build = min(r[f]["build_s"] for f in FORMATS)
        read = min(r[f]["read_s"] for f in FORMATS)
        mark = "*" if r["shared_build"] else " "
        print(f"{r['articles']:>7}{mark} | {r['json']['total_s']:>7.2f} {r['md']['total_s']:>7.2f} {r['html']['total_s']:>7.2f} | "
              f"{read:>6.2f} {build:>7.2f} | {r['json']['render_s']:>11.3f} {r['md']['render_s']:>6.3f} "
              f"{r['html']['render_s']:>6.3f} | {r.get('cluster_s', float('nan')):>7.2f}")
    if result["growth_exponent"]:
        print("growth: time ~ articles^b, b = " + ", ".join(f"{f} {b}" for f, b in result["growth_exponent"].items()))
    for n, met in goals.items():
        print(f"goal at {n} articles (<= {GOALS[int(n)]:g} s each): "
              + ", ".join(f"{f} {'met' if ok else 'MISSED'}" for f, ok in met.items()))
    if args.json:
        print(json.dumps(result))


if __name__ == "__main__":
    main()
