"""Named entities on re3d (Dstl; Syria/Iraq conflict documents): our entities stage beside plain
en_core_web_sm, in the same run.

    .venv/bin/python eval/entities.py [--limit N] [--json]

Gold: re3d entities with confidence ≥ 0.5 of the types Person, Organisation, Location and
Nationality, mapped to four groups (PER, ORG, LOC, NORP); predictions map PERSON → PER,
ORG → ORG, GPE/LOC/FAC → LOC, NORP → NORP, other labels are not scored. re3d spans include titles
and nominal mentions ("Iraqi President Fuad Masum", "the army"), so two matchings are reported:
exact span and overlapping span (one-to-one, same group), each as micro precision, recall and F1.
The goal is ≥ 5 points above en_core_web_sm on overlap F1.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time

from newsfuse.model import Article
from newsfuse.settings import eval_dir

GOLD_GROUPS = {"Person": "PER", "Organisation": "ORG", "Location": "LOC", "Nationality": "NORP"}
PRED_GROUPS = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "NORP": "NORP"}
GOAL_POINTS = 5.0


def load_docs(limit: int | None = None) -> list[dict]:
    path = eval_dir() / "entities" / "re3d" / "re3d_conf0.5.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh if line.strip()]
    return docs[:limit] if limit else docs


def gold_spans(doc: dict) -> list[tuple[int, int, str]]:
    out = set()
    for e in doc["entities"]:
        group = GOLD_GROUPS.get(e["type"])
        if group and e.get("confidence", 1) >= 0.5:
            out.add((e["begin"], e["end"], group))
    return sorted(out)


def _match(gold: list[tuple[int, int, str]], pred: list[tuple[int, int, str]], overlap: bool) -> int:
    used: set[int] = set()
    hits = 0
    for gs, ge, gg in gold:
        best, best_len = None, 0
        for i, (ps, pe, pg) in enumerate(pred):
            if i in used or pg != gg:
                continue
            if overlap:
                olap = min(ge, pe) - max(gs, ps)
                if olap > best_len:
                    best, best_len = i, olap
            elif (ps, pe) == (gs, ge):
                best = i
                break
        if best is not None:
            used.add(best)
            hits += 1
    return hits


def _prf(hits_p: int, n_pred: int, hits_g: int, n_gold: int) -> dict:
    p = hits_p / n_pred if n_pred else 0.0
    r = hits_g / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(100 * p, 2), "r": round(100 * r, 2), "f1": round(100 * f, 2)}


def score(golds: list[list], preds: list[list]) -> dict:
    out = {}
    for name, overlap in (("exact", False), ("overlap", True)):
        hits = sum(_match(g, p, overlap) for g, p in zip(golds, preds))
        n_gold = sum(len(g) for g in golds)
        n_pred = sum(len(p) for p in preds)
        out[name] = _prf(hits, n_pred, hits, n_gold)
        per_group = {}
        for group in ("PER", "ORG", "LOC", "NORP"):
            g2 = [[x for x in g if x[2] == group] for g in golds]
            p2 = [[x for x in p if x[2] == group] for p in preds]
            h = sum(_match(a, b, overlap) for a, b in zip(g2, p2))
            per_group[group] = _prf(h, sum(map(len, p2)), h, sum(map(len, g2)))["f1"]
        out[name]["by_group"] = per_group
    return out


def spacy_predictions(docs: list[dict]) -> list[list]:
    from newsfuse.annotate.entities import spacy_model

    nlp = spacy_model.load()  # the full pipeline, out of the box
    preds = []
    for d in nlp.pipe((doc["text"] for doc in docs), batch_size=16):
        preds.append(sorted({(e.start_char, e.end_char, PRED_GROUPS[e.label_]) for e in d.ents
                             if e.label_ in PRED_GROUPS}))
    return preds


def our_predictions(docs: list[dict]) -> list[list]:
    from newsfuse.annotate.entities import stage as entities

    articles = [Article.create(id=d["id"], text=d["text"]) for d in docs]
    out = entities.process_batch(articles)
    return [sorted({(e.start, e.end, PRED_GROUPS[e.label]) for e in a.entities if e.label in PRED_GROUPS})
            for a in out]


def run(limit: int | None = None) -> dict:
    docs = load_docs(limit)
    golds = [gold_spans(d) for d in docs]
    t0 = time.perf_counter()
    base = score(golds, spacy_predictions(docs))
    t1 = time.perf_counter()
    ours = score(golds, our_predictions(docs))
    t2 = time.perf_counter()
    return {
        "documents": len(docs),
        "gold_entities": sum(map(len, golds)),
        "ours": ours,
        "en_core_web_sm": base,
        "overlap_f1_gain": round(ours["overlap"]["f1"] - base["overlap"]["f1"], 2),
        "exact_f1_gain": round(ours["exact"]["f1"] - base["exact"]["f1"], 2),
        "seconds": {"en_core_web_sm": round(t1 - t0, 1), "ours": round(t2 - t1, 1)},
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="first N documents")
    ap.add_argument("--json", action="store_true", help="print one JSON object of the metrics at the end")
    args = ap.parse_args(argv)
    r = run(args.limit)
    print(f"re3d (confidence ≥ 0.5): {r['documents']} documents, {r['gold_entities']} gold PER/ORG/LOC/NORP")
    print(f"{'system':16} {'exact P/R/F1':>22} {'overlap P/R/F1':>22}   overlap F1 by group")
    for name in ("en_core_web_sm", "ours"):
        e, o = r[name]["exact"], r[name]["overlap"]
        groups = " ".join(f"{g}={v:.1f}" for g, v in o["by_group"].items())
        print(f"{name:16} {e['p']:6.1f} {e['r']:6.1f} {e['f1']:6.1f}   {o['p']:6.1f} {o['r']:6.1f} {o['f1']:6.1f}   {groups}")
    print(f"overlap F1 gain: {r['overlap_f1_gain']:+.1f} points (goal ≥ +{GOAL_POINTS:.0f}); "
          f"exact F1 gain: {r['exact_f1_gain']:+.1f}")
    if args.json:
        print(json.dumps(r))
    return 0


if __name__ == "__main__":
    sys.exit(main())
