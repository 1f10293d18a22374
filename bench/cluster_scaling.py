"""Scaling of story clustering: streams of 10k and 100k synthetic articles, time and peak memory.

The stream is generated from templates written for this benchmark: events of several kinds (floods,
earthquakes, kidnappings, strikes, elections...) in generated places with generated people, each
event reported by 3–12 articles spread over a few days, with varied wording, interleaved in time as a
real wire feed is. Each size runs in its own process so that peak memory (ru_maxrss) is its own.

Goals (issue 5): 100k articles in ≤ 10 minutes and ≤ 2 GB; time(100k) / time(10k) ≤ 12. The ratio is
printed on CPU time (the clustering uses one core, so on an idle machine CPU and wall time agree; on a
shared machine the wall time of the short 10k run swings with the other jobs) and on wall time. The peer in
the same run is the TF-IDF + average-linkage baseline of eval/stories.py, which needs all pairs: it is
timed on 2k and 5k articles only (its memory grows with n²), to show the curve it is on.

    .venv/bin/python bench/cluster_scaling.py              # 10k and 100k, plus the baseline at 2k/5k
    .venv/bin/python bench/cluster_scaling.py --sizes 1000 5000
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _isolated import add_isolation_options, in_subprocess, measured_in_child  # noqa: E402

SYLLABLES = ["ka", "ro", "vel", "mar", "tis", "an", "or", "lin", "das", "mo", "ret", "sul", "ban", "ech", "ia", "nor",
             "qa", "zim", "hal", "pe", "dor", "fen", "gri", "us", "tal", "ves", "om", "bri", "cal", "ny"]
KINDS = {
    "flood": ("Floods hit {place}", "Floodwater swept through {place} in {region}, forcing {n} residents from their homes, {org} said.",
              "Rescue boats reached villages cut off near {place} as {person} of {org} warned of more rain."),
    "quake": ("Earthquake strikes {place}", "A magnitude {m} earthquake struck near {place} in {region}, killing {n} people, {org} said.",
              "Survivors in {place} slept outdoors after the quake; {person} said aftershocks were continuing."),
    "kidnap": ("Gunmen seize bus passengers near {place}", "Gunmen abducted {n} passengers from a bus near {place} in {region}, police said.",
               "{person}, a spokesman for {org}, said negotiators were in contact with the kidnappers near {place}."),
    "strike": ("Workers strike at {place} port", "Dock workers walked out at the port of {place} in {region} over pay, {org} said.",
               "{person} of {org} said {n} containers were stuck at {place} as the strike entered another day."),
    "election": ("{region} votes in tight race", "Voters in {region} queued outside polling stations in {place} as {person} sought a second term.",
                 "{org} said turnout in {place} reached {m}0 percent by midday, with {n} observers deployed."),
    "fire": ("Wildfire near {place}", "A wildfire burned through forest near {place} in {region}, and {n} people were evacuated, {org} said.",
             "Firefighters from {org} battled the blaze overnight as {person} urged residents of {place} to leave."),
}
FILLER = ["Officials said more details would be released later.", "The situation remained tense on the ground.",
          "Residents described scenes of confusion and fear.", "Aid groups appealed for access to the area.",
          "The government promised an investigation.", "Local media carried images of the damage."]


def name(rng: random.Random, parts: int = 2) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def generate(n_articles: int, seed: int = 7) -> list:
    from newsfuse.model import Article

    rng = random.Random(seed)
    start = date(2020, 1, 1)
    articles = []
    event = 0
    while len(articles) < n_articles:
        kind, (title, lead, second) = rng.choice(list(KINDS.items()))
        slots = {
            "place": name(rng, 3), "region": name(rng, 2) + "ia", "org": name(rng, 2) + " " + rng.choice(["Agency", "Ministry", "Council", "Union"]),
            "person": f"{name(rng)} {name(rng, 3)}", "n": rng.randint(3, 5000), "m": rng.randint(4, 8),
        }
        day0 = start + timedelta(days=rng.randint(0, 3 * 365))
        for k in range(rng.randint(3, 12)):
            day = day0 + timedelta(days=rng.randint(0, 4))
            slots["n"] = slots["n"] + rng.randint(0, 40)
            body = [lead.format(**slots), second.format(**slots)] + rng.sample(FILLER, 3)
            rng.shuffle(body)
            articles.append(Article.create(id=f"e{event}-a{k}", text="\n\n".join(body), title=title.format(**slots),
                                           published=day.isoformat(), meta={"event": event}))
            if len(articles) >= n_articles:
                break
        event += 1
    articles.sort(key=lambda a: a.published)
    return articles


def measure(n: int, system: str) -> dict:
    articles = generate(n)
    gold = {a.id: a.meta["event"] for a in articles}
    began, began_cpu = time.perf_counter(), time.process_time()
    if system == "newsfuse":
        from newsfuse.corpus.stories import cluster

        pred = cluster(articles)
    else:
        sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "eval"))
        from stories import run_baseline

        pred = run_baseline([{"id": a.id, "text": (a.title or "") + "\n" + a.text} for a in articles], 0.8)
    seconds, cpu_seconds = time.perf_counter() - began, time.process_time() - began_cpu
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "eval"))
    from stories import bcubed

    p, r, f1 = bcubed({k: str(v) for k, v in gold.items()}, pred)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"system": system, "n": n, "seconds": round(seconds, 2), "cpu_seconds": round(cpu_seconds, 2),
            "docs_per_s": round(n / seconds, 1),
            "peak_mb": round(peak_mb, 1), "bcubed_f1": round(f1, 4)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--baseline-sizes", type=int, nargs="*", default=[2_000, 5_000])
    add_isolation_options(parser)
    args = parser.parse_args(argv)
    if measured_in_child(args, measure):
        return
    rows = [in_subprocess(__file__, n, "newsfuse") for n in args.sizes]
    rows += [in_subprocess(__file__, n, "tfidf-average-linkage") for n in args.baseline_sizes]
    print(f"{'system':24} {'articles':>9} {'seconds':>9} {'CPU s':>9} {'docs/s':>9} {'peak MB':>9} {'BCubed F1':>10}")
    for r in rows:
        print(f"{r['system']:24} {r['n']:>9} {r['seconds']:>9} {r['cpu_seconds']:>9} {r['docs_per_s']:>9} "
              f"{r['peak_mb']:>9} {r['bcubed_f1']:>10}")
    ours = {r["n"]: r for r in rows if r["system"] == "newsfuse"}
    if len(ours) >= 2:
        small, large = min(ours), max(ours)
        # The clustering runs on one core: its CPU time is its wall time on an idle machine, and
        # unlike the wall time it does not count the other jobs of a shared machine.
        print(f"time({large})/time({small}) = {ours[large]['cpu_seconds'] / ours[small]['cpu_seconds']:.2f} CPU, "
              f"{ours[large]['seconds'] / ours[small]['seconds']:.2f} wall "
              f"(linear would be {large / small:.0f}; goal ≤ 12 for 100k/10k)")
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
