"""The issue's seed check for figures: 12 figures of the two seed pages, with the full annotate stack.

    .venv/bin/python eval/figures_seeds.py [--json] [--limit N]   (--limit is accepted and ignored)

Runs every available upstream stage (cleaning, entities, places, times, quotes) and the figures stage on
../shared/seeds, then checks each expected figure: category and range (``seed_category_range``) and,
where the issue names them, the claimant, place and period as well (``seed_full``). The done-when bar is
11 of 12 with the right category and range.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsfuse.text.date_prefix import find_date_prefix  # noqa: E402
from newsfuse.model import Article  # noqa: E402
from newsfuse.settings import REPO_DIR  # noqa: E402

SEEDS = REPO_DIR.parent / "shared" / "seeds"
STAGES = ("newsfuse.annotate.clean.boilerplate", "newsfuse.annotate.clean.sentences",
          "newsfuse.annotate.entities.stage", "newsfuse.annotate.places.stage", "newsfuse.annotate.times.stage",
          "newsfuse.annotate.quotes.stage", "newsfuse.annotate.figures.stage")

# (page, label, text starts with, categories, low, high, claimant contains, place, period)
EXPECTED = [
    ("000", "~300 civilians fled/transferred", "Around 300", {"fled", "arrived"}, 270, 330, None, None, None),
    ("000", "400-600 militants remain (SDF)", "400 to 600", {"present"}, 400, 600, ("SDF", "Syrian Democratic Forces"), None, None),
    ("000", "over 20,000 civilians fled in 10 days", "Over 20,000", {"fled"}, 20001, None, None, None, None),
    ("000", "at least 70 killed or wounded (Syria state television)", "At least 70", {"dead_or_injured"}, 70, None,
     ("Syria state television",), None, None),
    ("000", "14,000-18,000 militants controlled", "between 14,000", {"present"}, 14000, 18000, None, None, None),
    ("004", "almost 3,000 left in 48 hours", "almost 3,000", {"fled"}, 2700, 3000, None, None, "2019-03-03/2019-03-05"),
    ("004", "280 left since Sunday (the Observatory)", "280", {"fled"}, 280, 280, ("Observatory",), None,
     "2019-03-03/2019-03-05"),
    ("004", "around 15,000 reached Al Hol 22 Feb-1 Mar (OCHA)", "Around 15,000", {"arrived"}, 13500, 16500,
     ("OCHA", "Coordination of Humanitarian Affairs"), "Al Hol", "2019-02-22/2019-03-01"),
    ("004", "camp population over 56,000", "over 56,000", {"sheltered"}, 56001, None, None, None, None),
    ("004", "around 90 died en route (OCHA)", "Around 90", {"dead"}, 81, 99, ("OCHA", "Coordination of Humanitarian Affairs"),
     None, None),
    ("004", "360,000 killed in Syria's war", "360,000", {"dead"}, 360000, 360000, None, None, None),
    ("004", "nearly 40,000 deaths (PKK campaign)", "nearly 40,000", {"dead"}, 36000, 40000, None, None, None),
]


def load(prefix: str) -> Article | None:
    paths = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not paths:
        return None
    text = paths[0].read_bytes().decode("utf-8")
    found = find_date_prefix(text)
    article = Article.create(id=paths[0].stem, text=text, published=found[2] if found else None)
    for name in STAGES:
        try:
            article = importlib.import_module(name).STAGE.process(article)
        except Exception as e:  # report and go on: the check says what is missing
            print(f"[seeds] stage {name} failed: {e}", file=sys.stderr)
    return article


def _claimant_ok(fig, wanted) -> bool:
    if wanted is None:
        return True
    if fig.claimant is None:
        return False
    said = f"{fig.claimant.text} {fig.claimant.entity or ''}"
    return any(w in said for w in wanted)


def run(limit: int | None = None, verbose: bool = True) -> dict:
    pages = {p: load(p) for p in ("000", "004")}
    basic = full = 0
    rows = []
    for page, label, starts, cats, low, high, claimant, place, period in EXPECTED:
        article = pages.get(page)
        figs = [f for f in (article.figures if article else ()) if f.text.startswith(starts)]
        ok_basic = [f for f in figs if f.category in cats and f.low == low and f.high == high]
        ok_full = [f for f in ok_basic if _claimant_ok(f, claimant)
                   and (place is None or (f.place is not None and f.place.text == place))
                   and (period is None or f.period == period)]
        basic += bool(ok_basic)
        full += bool(ok_full)
        shown = ok_basic[0] if ok_basic else (figs[0] if figs else None)
        got = "-" if shown is None else (
            f"{shown.category} [{shown.low}, {shown.high}] claimant={shown.claimant.text if shown.claimant else None!r} "
            f"place={shown.place.text if shown.place else None} period={shown.period}")
        rows.append((bool(ok_basic), bool(ok_full), label, got))
    if verbose:
        for b, f, label, got in rows:
            print(f"{'ok ' if b else 'NO '}{'full' if f else '    '}  {label:55} {got}")
        print(f"category+range: {basic}/12 (done when >= 11); with claimant/place/period: {full}/12")
    return {"seed_category_range": round(basic / 12, 4), "seed_full": round(full / 12, 4),
            "seed_category_range_count": basic, "seed_full_count": full}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if not SEEDS.is_dir():
        print(f"no seed pages in {SEEDS}")
        return 0
    metrics = run(args.limit)
    if args.json:
        print(json.dumps(metrics))
    return 0


if __name__ == "__main__":
    sys.exit(main())
