"""Geoparsing end to end on LGL and GeoVirus: our toponym recognition and resolution.

    .venv/bin/python eval/places.py [--limit N] [--json] [--corpus lgl|geovirus] [--show-missing K]

For each corpus: the share of gold toponyms (those with coordinates) that we recognise (a place
mention of ours overlaps the gold span), the accuracy within 161 km (100 miles) of those we
recognise (an unresolved mention counts as a miss), the mean and median error in km, and how many
of our place mentions match no gold toponym. Anchors: CamCoder (Gritta et al., ACL 2018) reached
76% (LGL) and 82% (GeoVirus) within 161 km, given the gold toponyms and the full GeoNames.

The texts are read at run time from the shared evaluation data (never copied into the project).
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import sys
import time
from collections import Counter
from pathlib import Path

from newsfuse.model import Article
from newsfuse.settings import eval_dir

ANCHORS = {"lgl": 0.76, "geovirus": 0.82}
GOALS = {"recognised": 0.75, "acc161": 0.80}


def _read_jsonl(path: Path) -> list[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load_corpus(name: str) -> list[dict]:
    base = eval_dir() / "geo" / name
    path = base / ("lgl.jsonl.gz" if name == "lgl" else "geovirus.jsonl")
    return _read_jsonl(path)


def prepare(articles: list[Article]) -> list[Article]:
    """The layers the places stage reads before entities: boilerplate and sentences."""
    from newsfuse.annotate.clean import boilerplate as bp_stage
    from newsfuse.annotate.clean import sentences as sent_stage

    return [sent_stage.STAGE.process(bp_stage.STAGE.process(a)) for a in articles]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, l1, p2, l2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin((l2 - l1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


def score_corpus(name: str, limit: int | None = None, show_missing: int = 0) -> dict:
    from newsfuse.annotate.entities import stage as entities
    from newsfuse.annotate.places import stage as places

    records = load_corpus(name)
    if limit:
        records = records[:limit]
    articles = [Article.create(id=str(r["id"]), text=r["text"]) for r in records]
    t0 = time.perf_counter()
    articles = prepare(articles)
    articles = entities.process_batch(articles)
    articles = places.process_batch(articles)
    seconds = time.perf_counter() - t0

    gold_n = recognised = within = unresolved = spurious = 0
    errors: list[float] = []
    missing: Counter = Counter()
    wrong: Counter = Counter()
    for rec, art in zip(records, articles):
        preds = list(art.places)
        used = set()
        for g in rec["toponyms"]:
            if g.get("lat") is None or g.get("lon") is None:
                continue
            gold_n += 1
            hits = [(min(p.end, g["end"]) - max(p.start, g["start"]), i, p) for i, p in enumerate(preds)
                    if p.start < g["end"] and g["start"] < p.end]
            if not hits:
                missing[g["text"]] += 1
                continue
            recognised += 1
            _, i, p = max(hits, key=lambda h: h[0])
            used.add(i)
            if p.lat is None:
                unresolved += 1
                wrong[(g["text"], "unresolved")] += 1
                continue
            err = haversine_km(p.lat, p.lon, float(g["lat"]), float(g["lon"]))
            errors.append(err)
            if err <= 161:
                within += 1
            else:
                wrong[(g["text"], f"{p.name} ({p.country_code}, {p.precision})")] += 1
        spurious += sum(1 for i, _ in enumerate(preds) if i not in used)
    errs = sorted(errors)
    result = {
        "corpus": name,
        "documents": len(records),
        "gold_toponyms": gold_n,
        "recognised": round(recognised / gold_n, 4) if gold_n else 0.0,
        "acc161": round(within / recognised, 4) if recognised else 0.0,
        "acc161_of_all_gold": round(within / gold_n, 4) if gold_n else 0.0,
        "mean_error_km": round(sum(errs) / len(errs), 1) if errs else None,
        "median_error_km": round(errs[len(errs) // 2], 1) if errs else None,
        "unresolved": unresolved,
        "unmatched_predictions": spurious,
        "seconds": round(seconds, 1),
    }
    if show_missing:
        result["top_missing"] = missing.most_common(show_missing)
        result["top_wrong"] = [[k[0], k[1], n] for k, n in wrong.most_common(show_missing)]
    return result


def run(limit: int | None = None, corpora: tuple[str, ...] = ("lgl", "geovirus"), show_missing: int = 0) -> dict:
    return {name: score_corpus(name, limit, show_missing) for name in corpora}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="first N documents of each corpus")
    ap.add_argument("--json", action="store_true", help="print one JSON object of the metrics at the end")
    ap.add_argument("--corpus", choices=["lgl", "geovirus"], action="append")
    ap.add_argument("--show-missing", type=int, default=15, help="list the K most frequent misses")
    args = ap.parse_args(argv)
    corpora = tuple(args.corpus or ("lgl", "geovirus"))
    results = run(args.limit, corpora, args.show_missing)
    for name, r in results.items():
        print(f"== {name}: {r['documents']} documents, {r['gold_toponyms']} gold toponyms with coordinates "
              f"({r['seconds']} s)")
        print(f"  recognised            {r['recognised']:.1%}   (goal {GOALS['recognised']:.0%})")
        print(f"  within 161 km         {r['acc161']:.1%}   (goal {GOALS['acc161']:.0%}; CamCoder "
              f"{ANCHORS[name]:.0%} with gold toponyms + full GeoNames)")
        print(f"  within 161 km of all  {r['acc161_of_all_gold']:.1%}")
        print(f"  mean / median error   {r['mean_error_km']} / {r['median_error_km']} km")
        print(f"  unresolved {r['unresolved']}, predictions matching no gold {r['unmatched_predictions']}")
        if r.get("top_missing"):
            print("  most frequent missed:", ", ".join(f"{t} ×{n}" for t, n in r["top_missing"]))
            print("  most frequent wrong: ", ", ".join(f"{t} → {w} ×{n}" for t, w, n in r["top_wrong"]))
    if args.json:
        slim = {k: {m: v for m, v in r.items() if m not in ("top_missing", "top_wrong")} for k, r in results.items()}
        print(json.dumps(slim))
    return 0


if __name__ == "__main__":
    sys.exit(main())
