#!/usr/bin/env python3
"""Agreement of two annotators of pool incident groups (eval/reconcile_guide.md), before adjudication.

    python eval/reconcile_agreement.py A.jsonl B.jsonl [--json]

Reports: agreement on keeping or dropping each candidate; on the kept articles (Jaccard); and Cohen's
kappa on relation status, over the relations both annotators wrote for the same candidate, category and
subject (subjects compared without their bracketed scope words, as the scorer does). Relations only one
annotator wrote are counted apart ("unmatched").
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter


def load(path: str) -> dict[str, dict]:
    return {g["candidate"]: g for g in map(json.loads, filter(str.strip, open(path)))}


def subject_key(subject: str) -> tuple[str, ...]:
    """The relation's subjects with their scope: 'people (critical condition)|civilians' -> sorted parts."""
    return tuple(sorted(re.sub(r"\s+", " ", s.strip().lower()) for s in subject.split("|")))


def relations(group: dict) -> dict[tuple, str]:
    return {(r["category"], subject_key(r["subject"])): r["status"] for r in group.get("relations", [])}


def kappa(pairs: list[tuple[str, str]]) -> float | None:
    """Cohen's kappa of paired labels."""
    if not pairs:
        return None
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    ca, cb = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(ca[k] * cb[k] for k in set(ca) | set(cb)) / (n * n)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def agreement(a: dict[str, dict], b: dict[str, dict]) -> dict:
    candidates = sorted(set(a) & set(b))
    keep = [("dropped" not in a[c], "dropped" not in b[c]) for c in candidates]
    both_kept = [c for c in candidates if "dropped" not in a[c] and "dropped" not in b[c]]
    jaccard = [len(set(a[c]["article_ids"]) & set(b[c]["article_ids"]))
               / len(set(a[c]["article_ids"]) | set(b[c]["article_ids"])) for c in both_kept]
    pairs, unmatched, disagreements = [], 0, []
    for c in both_kept:
        ra, rb = relations(a[c]), relations(b[c])
        for key in set(ra) | set(rb):
            if key in ra and key in rb:
                pairs.append((ra[key], rb[key]))
                if ra[key] != rb[key]:
                    disagreements.append((c, key[0], "|".join(key[1]), ra[key], rb[key]))
            else:
                unmatched += 1
    k_keep = kappa([(str(x), str(y)) for x, y in keep])
    return {
        "candidates": len(candidates),
        "keep_agreement": round(sum(x == y for x, y in keep) / max(1, len(keep)), 3),
        "keep_kappa": None if k_keep is None else round(k_keep, 3),
        "kept_by_both": len(both_kept),
        "articles_jaccard": round(sum(jaccard) / max(1, len(jaccard)), 3),
        "relations_matched": len(pairs),
        "relations_unmatched": unmatched,
        "status_agreement": round(sum(x == y for x, y in pairs) / max(1, len(pairs)), 3),
        "status_kappa": None if not pairs else round(kappa(pairs), 3),
        "disagreements": disagreements,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("a")
    ap.add_argument("b")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    m = agreement(load(args.a), load(args.b))
    for k, v in m.items():
        if k != "disagreements":
            print(f"  {k:<22} {v}")
    print(f"  status disagreements: {len(m['disagreements'])}")
    for d in m["disagreements"]:
        print("    ", *d)
    if args.json:
        print(json.dumps({k: v for k, v in m.items() if k != "disagreements"}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
