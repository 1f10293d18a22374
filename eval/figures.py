"""Figures evaluation: casualty counts (MUC-3/4), displacement figures (IDMC), number normalisation.

    .venv/bin/python eval/figures.py [--limit N] [--json] [--upstream] [--verbose]

(a) figures/muc34 DEV: gold = numeral HUM TGT: NUMBER fills greater than 1 whose EFFECT (joined on the
    target description) is DEATH or INJURY; ours = our dead / injured / dead_or_injured figures with a
    stated number greater than 1 in the same message (negated ones excluded). A gold count is found when
    one of ours has its number (the value, or an end of a range) and a compatible category (DEATH: dead or
    dead_or_injured; INJURY: injured or dead_or_injured). Recall over non-optional templates; precision
    counts ours matching any key count of the message (optional templates too). Texts are upper case
    (the DEV set has no mixed-case version). Anchor: the best MUC-4 systems, about R 66 / P 56 on that slot
    of the official test.
    ``muc_precision_relevant_messages``: precision over the messages that have a relevant template (the
    keys cover terrorist incidents only, so casualties of army-rebel clashes count against us elsewhere).
(b) figures/idmc: a row is right when one of our figures in its excerpt has the gold quantity (value or
    range end) and the mapped category: Displaced, Relocated, Homeless -> displaced; Evacuated, Forced to
    Flee -> fled or displaced; Sheltered, In Relief Camp -> sheltered; Destroyed / Partially Destroyed /
    Uninhabitable Housing -> homes_destroyed (the issue does not map Uninhabitable; we map it there), and
    when the gold unit is Households our unit is households or homes. ``idmc_accuracy_any_unit`` drops the
    unit check; ``idmc_accuracy_stated`` keeps only the rows whose gold figure is written in the excerpt
    (not a sum of several figures). Precision: of all our figures in the excerpts, the share that is a
    gold row's figure (``idmc_precision_all``), and the same over our displacement-category figures.
    ``idmc_accuracy_tune`` / ``idmc_accuracy_check``: the same accuracy over two halves of the rows split
    by a stable hash of the row id (sha1, last hex digit even = tune, odd = check; as in
    eval/html_extraction.py), so that rule changes can be judged on one half and checked on the other.
(c) eval/figures_numbers.tsv (written for this project): count expressions scored on value, low, high and
    qualifier together (``numbers_exact``) and on value alone; non-count expressions (dates, money,
    ages, ...) must yield no count (``numbers_skip``). quantulum3 (classifier off) is scored on the same
    count rows as the anchor: its value, and value -/+ uncertainty as the range.
(d) figures/newsquant (age, currency, dimension, temperature sentences): none of these is a people
    count, so ``newsquant_sentences_with_figures`` (share of sentences where we emit a figure) should be
    near 0.

By default only the figures stage runs (with its own sentence splitter): the categories and numbers it is
scored on do not depend on entities, places or times. ``--upstream`` runs every available upstream stage.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import importlib
import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsfuse.model import Article  # noqa: E402
from newsfuse.annotate.figures import stage as figures_stage  # noqa: E402
from newsfuse.annotate.figures.numbers import find_numbers, parse_number  # noqa: E402
from newsfuse.settings import eval_dir  # noqa: E402

UPSTREAM = ("newsfuse.annotate.clean.boilerplate", "newsfuse.annotate.clean.sentences",
            "newsfuse.annotate.entities.stage", "newsfuse.annotate.places.stage", "newsfuse.annotate.times.stage",
            "newsfuse.annotate.quotes.stage")
TABLE = ROOT / "eval" / "figures_numbers.tsv"

ANCHORS = {
    "muc_recall": 0.66, "muc_precision": 0.56,  # best MUC-4 systems on the HUM TGT: NUMBER slot (official test)
}
GOALS = {"muc_recall": 0.70, "muc_precision": 0.60, "idmc_accuracy": 0.85, "numbers_exact": 0.98}


# --------------------------------------------------------------------------- running the stage


def _stages(upstream: bool):
    out = []
    if upstream:
        for name in UPSTREAM:
            try:
                out.append(importlib.import_module(name).STAGE)
            except Exception as e:  # a stage still being written must not stop the eval
                print(f"[figures eval] upstream stage {name} unavailable: {e}", file=sys.stderr)
    out.append(figures_stage.STAGE)
    return out


def annotate(doc_id: str, text: str, stages, published: str | None = None) -> Article:
    article = Article.create(id=doc_id, text=text, published=published)
    for stage in stages:
        try:
            article = stage.process(article)
        except Exception as e:
            if stage is stages[-1]:
                raise
            print(f"[figures eval] {stage.name} failed on {doc_id}: {e}", file=sys.stderr)
    return article


def _numbers_of(fig) -> set[float]:
    vals = {fig.value} if fig.value is not None else set()
    if fig.qualifier == "range":
        vals |= {fig.low, fig.high}
    return {float(v) for v in vals if v is not None}


# --------------------------------------------------------------------------- (a) MUC-3/4

_NUM_FILL = re.compile(r"^\s*\??\s*~?\s*(\d+)(?:\s*-\s*(\d*))?\s*:\s*(.*)$")
_DEATH_OK = {"dead", "dead_or_injured"}
_INJURY_OK = {"injured", "dead_or_injured"}


def _descriptions(s: str) -> set[str]:
    return {d.strip() for d in re.findall(r'"([^"]*)"', s)}


def muc_gold(record) -> tuple[list[tuple[float, frozenset[str], bool]], list[tuple[float, frozenset[str]]]]:
    """``(required, all)``: gold counts (value, acceptable categories[, optional])."""
    items: dict[tuple[float, frozenset[str]], bool] = {}
    for tpl in record["templates"]:
        optional = "OPTIONAL" in " ".join(tpl.get("MESSAGE: TEMPLATE", []))
        effects: dict[str, set[str]] = defaultdict(set)
        for fill in tpl.get("HUM TGT: EFFECT OF INCIDENT", []):
            m = re.match(r"^\s*[?(]*\s*([A-Z /()?]+?)\s*:\s*(.*)$", fill)
            if not m:
                continue
            kinds = {k.strip(" ()?") for k in m.group(1).split("/")}
            for d in _descriptions(m.group(2)) or {"-"}:
                effects[d] |= kinds
        for fill in tpl.get("HUM TGT: NUMBER", []):
            m = _NUM_FILL.match(fill)
            if not m:
                continue
            value = float(m.group(1))
            if value <= 1:
                continue
            cats: set[str] = set()
            for d in _descriptions(m.group(3)):
                kinds = effects.get(d, set())
                if "DEATH" in kinds:
                    cats |= _DEATH_OK
                if "INJURY" in kinds:
                    cats |= _INJURY_OK
            if not cats:
                continue
            key = (value, frozenset(cats))
            items[key] = items.get(key, True) and optional
    required = [(v, c, opt) for (v, c), opt in items.items() if not opt]
    every = list(items)
    return required, every


def eval_muc(limit: int | None, stages, verbose: bool = False) -> dict:
    path = eval_dir() / "figures" / "muc34" / "muc34_dev.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh]
    if limit:
        records = records[:limit]
    gold_total = gold_found = ours_total = ours_right = rel_total = rel_right = 0
    for rec in records:
        required, every = muc_gold(rec)
        article = annotate(rec["id"], rec["text"], stages)
        ours = []
        seen = set()
        for f in article.figures:
            if f.category not in ("dead", "injured", "dead_or_injured") or f.negated:
                continue
            nums = _numbers_of(f)
            if not nums or max(nums) <= 1:
                continue
            key = (frozenset(nums), f.category)
            if key in seen:
                continue
            seen.add(key)
            ours.append((nums, f))
        for value, cats, _ in required:
            gold_total += 1
            hit = any(value in nums and f.category in cats for nums, f in ours)
            gold_found += hit
            if verbose and not hit:
                print(f"MISS {rec['id']} {value:g} {sorted(cats)}")
        for nums, f in ours:
            ours_total += 1
            right = any(value in nums and f.category in cats for value, cats in every)
            ours_right += right
            if rec["templates"]:
                rel_total += 1
                rel_right += right
            if verbose and not right:
                print(f"EXTRA {rec['id']} {f.text!r} {f.category} ({rec['text'][max(0, f.start - 80):f.end + 60]!r})")
    recall = gold_found / gold_total if gold_total else 0.0
    precision = ours_right / ours_total if ours_total else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"muc_recall": round(recall, 4), "muc_precision": round(precision, 4), "muc_f1": round(f1, 4),
            "muc_precision_relevant_messages": round(rel_right / rel_total, 4) if rel_total else 0.0,
            "muc_gold": gold_total, "muc_ours": ours_total, "muc_messages": len(records)}


# --------------------------------------------------------------------------- (b) IDMC

IDMC_CATEGORIES = {
    "Displaced": {"displaced"}, "Relocated": {"displaced"}, "Homeless": {"displaced"},
    "Evacuated": {"fled", "displaced"}, "Forced to Flee": {"fled", "displaced"},
    "Sheltered": {"sheltered"}, "In Relief Camp": {"sheltered"},
    "Destroyed Housing": {"homes_destroyed"}, "Partially Destroyed Housing": {"homes_destroyed"},
    "Uninhabitable Housing": {"homes_destroyed"},
}
_DISPLACEMENT = {"displaced", "fled", "sheltered", "homes_destroyed"}


def _idmc_row_ok(fig, value: float, term: str, unit: str, check_unit: bool = True) -> bool:
    if value not in _numbers_of(fig) or fig.category not in IDMC_CATEGORIES.get(term, set()):
        return False
    if not check_unit:
        return True
    if unit == "Households":
        return fig.unit in ("households", "homes")
    return fig.unit == "people"


def half(row_id: str) -> str:
    """``tune`` or ``check``: the last hex digit of sha1(row id), even or odd (stable across runs)."""
    return "tune" if int(hashlib.sha1(row_id.encode("utf-8")).hexdigest()[-1], 16) % 2 == 0 else "check"


def eval_idmc(limit: int | None, stages, verbose: bool = False) -> dict:
    path = eval_dir() / "figures" / "idmc" / "idmc_fully_labelled.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if limit:
        rows = rows[:limit]
    by_excerpt: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_excerpt[r["Excerpt"] or ""].append(r)
    right = right_any_unit = stated = stated_right = 0
    ours_all = ours_all_right = ours_disp = ours_disp_right = 0
    by_half = {"tune": [0, 0], "check": [0, 0]}  # rows right, rows
    for n, (excerpt, group) in enumerate(by_excerpt.items()):
        article = annotate(group[0]["id"], excerpt, stages)
        golds = [(float(r["Displacement figure"]), r["Reporting term"], r["Reporting unit"]) for r in group]
        for (value, term, unit), r in zip(golds, group):
            ok = any(_idmc_row_ok(f, value, term, unit) for f in article.figures)
            right += ok
            by_half[half(r["id"])][0] += ok
            by_half[half(r["id"])][1] += 1
            if any(value in {n.value, n.low, n.high} for n in find_numbers(excerpt)):
                stated += 1  # the gold figure is written in the excerpt (not a sum of several)
                stated_right += ok
            right_any_unit += any(_idmc_row_ok(f, value, term, unit, False) for f in article.figures)
            if verbose and not ok and half(r["id"]) == "tune":  # check's misses stay unread
                figs = [(f.text, f.category, f.unit) for f in article.figures]
                print(f"WRONG {r['id']} gold {value:g} {term}/{unit}: {figs}\n   {excerpt[:300]!r}")
        for f in article.figures:
            good = any(_idmc_row_ok(f, v, t, u, False) for v, t, u in golds)
            ours_all += 1
            ours_all_right += good
            if f.category in _DISPLACEMENT:
                ours_disp += 1
                ours_disp_right += good
    total = len(rows)
    return {
        "idmc_accuracy": round(right / total, 4) if total else 0.0,
        "idmc_accuracy_any_unit": round(right_any_unit / total, 4) if total else 0.0,
        "idmc_accuracy_stated": round(stated_right / stated, 4) if stated else 0.0, "idmc_rows_stated": stated,
        "idmc_precision_all": round(ours_all_right / ours_all, 4) if ours_all else 0.0,
        "idmc_precision_displacement": round(ours_disp_right / ours_disp, 4) if ours_disp else 0.0,
        "idmc_rows": total, "idmc_figures": ours_all,
        **{f"idmc_accuracy_{name}": round(ok / rows, 4) if rows else 0.0 for name, (ok, rows) in by_half.items()},
        **{f"idmc_rows_{name}": rows for name, (_, rows) in by_half.items()},
    }


# --------------------------------------------------------------------------- (c) number table


def read_table(path: Path = TABLE) -> list[tuple[str, str, tuple]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        f = line.split("\t")
        expr = f[0].replace("\\u00a0", "\u00a0").replace("\\u202f", "\u202f")
        if f[1] == "count":
            num = [None if x == "" else float(x) for x in f[2:5]]
            rows.append((expr, "count", (*num, f[5])))
        else:
            rows.append((expr, f[1], ()))
    return rows


def _same(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) < 1e-6 * max(1.0, abs(float(b)))


def _quantulum_parser():
    try:
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from quantulum3 import classifier  # noqa: PLC0415

            classifier.USE_CLF = False  # its classifier does not load under current scikit-learn
            from quantulum3 import parser  # noqa: PLC0415
        return parser
    except Exception as e:
        print(f"[figures eval] quantulum3 unavailable: {e}", file=sys.stderr)
        return None


def eval_numbers(limit: int | None, verbose: bool = False) -> dict:
    rows = read_table()
    counts = [r for r in rows if r[1] == "count"]
    others = [r for r in rows if r[1] != "count"]
    exact = value_only = 0
    for expr, _, (value, low, high, qual) in counts:
        n = parse_number(expr)
        got = (n.value, n.low, n.high, n.qualifier) if n else (None, None, None, None)
        ok = n is not None and _same(got[0], value) and _same(got[1], low) and _same(got[2], high) and got[3] == qual
        exact += ok
        value_only += n is not None and _same(got[0], value)
        if verbose and not ok:
            print(f"NUMBER {expr!r}: expected {(value, low, high, qual)}, got {got}")
    skipped = sum(parse_number(expr) is None for expr, _, _ in others)
    out = {"numbers_exact": round(exact / len(counts), 4), "numbers_value": round(value_only / len(counts), 4),
           "numbers_skip": round(skipped / len(others), 4) if others else 1.0,
           "numbers_rows": len(counts), "numbers_noncount_rows": len(others)}
    parser = _quantulum_parser()
    if parser is not None:
        q_exact = q_value = 0
        for expr, _, (value, low, high, qual) in counts:
            try:
                qs = parser.parse(expr)
            except Exception:
                qs = []
            if not qs:
                continue
            q = qs[0]
            unc = getattr(q, "uncertainty", None)
            q_low, q_high = (q.value - unc, q.value + unc) if unc else (q.value, q.value)
            q_val = None if unc else q.value
            q_exact += _same(q_val, value) and _same(q_low, low) and _same(q_high, high)
            q_value += _same(q.value, value) if value is not None else _same(q_low, low) and _same(q_high, high)
        out["quantulum3_exact"] = round(q_exact / len(counts), 4)
        out["quantulum3_value"] = round(q_value / len(counts), 4)
    return out


# --------------------------------------------------------------------------- (d) newsquant negatives


def eval_newsquant(limit: int | None, stages, verbose: bool = False) -> dict:
    folder = eval_dir() / "figures" / "newsquant"
    sentences = []
    for path in sorted(folder.glob("*.jsonl")):
        sentences += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if limit:
        sentences = sentences[:limit]
    with_fig = 0
    for rec in sentences:
        article = annotate(rec["id"], rec["text"], stages)
        if article.figures:
            with_fig += 1
            if verbose:
                print(f"NEWSQUANT {rec['id']}: {[(f.text, f.category) for f in article.figures]} in {rec['text'][:120]!r}")
    return {"newsquant_sentences_with_figures": round(with_fig / len(sentences), 4) if sentences else 0.0,
            "newsquant_sentences": len(sentences)}


# --------------------------------------------------------------------------- entry points


def run(limit: int | None = None, upstream: bool = False, verbose: bool = False) -> dict:
    stages = _stages(upstream)
    t0 = time.time()
    metrics: dict = {}
    metrics.update(eval_muc(limit, stages, verbose))
    metrics.update(eval_idmc(limit, stages, verbose))
    metrics.update(eval_numbers(limit, verbose))
    metrics.update(eval_newsquant(limit, stages, verbose))
    metrics["seconds"] = round(time.time() - t0, 1)
    return metrics


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="first N records of each set (fast CI subset)")
    ap.add_argument("--json", action="store_true", help="print one JSON object of the metrics at the end")
    ap.add_argument("--upstream", action="store_true", help="run the sentence/entity/place/time/quote stages first")
    ap.add_argument("--verbose", action="store_true", help="print every miss (IDMC: of the tune half only)")
    args = ap.parse_args(argv)
    m = run(args.limit, args.upstream, args.verbose)
    rows = [
        ("MUC-3/4 DEV casualty counts: recall", "muc_recall", "best MUC-4 systems ~0.66 (official test)"),
        ("MUC-3/4 DEV casualty counts: precision", "muc_precision", "best MUC-4 systems ~0.56"),
        ("MUC-3/4 DEV casualty counts: F1", "muc_f1", ""),
        ("MUC-3/4 precision, messages with a relevant template", "muc_precision_relevant_messages", ""),
        ("IDMC rows right (quantity+category+unit)", "idmc_accuracy", "goal >= 0.85"),
        ("IDMC rows right, tune half (sha1 of row id)", "idmc_accuracy_tune", ""),
        ("IDMC rows right, check half", "idmc_accuracy_check", ""),
        ("IDMC rows right (any unit)", "idmc_accuracy_any_unit", ""),
        ("IDMC rows right, gold figure written in the excerpt", "idmc_accuracy_stated", ""),
        ("IDMC precision, all our figures", "idmc_precision_all", ""),
        ("IDMC precision, displacement figures", "idmc_precision_displacement", ""),
        ("number table exact (value, low, high, qualifier)", "numbers_exact", "goal >= 0.98"),
        ("number table value only", "numbers_value", ""),
        ("number table non-counts skipped", "numbers_skip", ""),
        ("quantulum3 (classifier off) exact", "quantulum3_exact", "anchor"),
        ("quantulum3 (classifier off) value only", "quantulum3_value", "anchor"),
        ("newsquant sentences with a figure (lower is better)", "newsquant_sentences_with_figures", ""),
    ]
    print(f"{'metric':55} {'ours':>8}  anchor / goal")
    for label, key, note in rows:
        if key in m:
            print(f"{label:55} {m[key]:8.3f}  {note}")
    print(f"({m['muc_messages']} MUC messages, {m['muc_gold']} gold counts, {m['idmc_rows']} IDMC rows "
          f"({m['idmc_rows_tune']} tune / {m['idmc_rows_check']} check), "
          f"{m['numbers_rows']} number expressions; {m['seconds']} s)")
    if args.json:
        print(json.dumps(m))
    return 0


if __name__ == "__main__":
    sys.exit(main())
