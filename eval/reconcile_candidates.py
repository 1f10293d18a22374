#!/usr/bin/env python3
"""Propose candidate incident groups from the unlabelled FA-KES pool, blind to newsfuse's output.

    python eval/reconcile_candidates.py [--out FILE] [--exclude EARLIER.jsonl] [--similar S] [--first N]

Round 1 (55 candidates): the defaults. Round 2 (33 candidates): ``--exclude`` round 1's file,
``--similar 0.08 --first 101`` (weaker links among the articles round 1 did not propose).

Candidates are made with nothing of the product: articles of one FA-KES location, published within
three days of each other, from different outlets, whose plain word TF-IDF vectors are similar. They
are only proposals: annotators read every article and drop or split groups that are not one incident
(see eval/reconcile_guide.md). The pool is read from ../shared/eval at run time and never copied.
"""
import argparse
import datetime as dt
import gzip
import json
from pathlib import Path

from sklearn.feature_extraction.text import TfidfVectorizer

POOL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "reconcile" / "fakes_pool.jsonl.gz"
SIMILAR = 0.15       # cosine of word TF-IDF above which two reports are proposed as one incident
WINDOW_DAYS = 3


def load_pool(path=POOL):
    seen, rows = set(), []
    for line in gzip.open(path, "rt"):
        row = json.loads(line)
        if row["id"] not in seen:  # the pool repeats a few ids
            seen.add(row["id"])
            rows.append(row)
    return rows


def day(row):
    return dt.date.fromisoformat(row["published"][:10])


def propose(rows, similar=SIMILAR):
    vectors = TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=2).fit_transform(
        [r["title"] + " " + r["text"] for r in rows])
    cos = (vectors @ vectors.T).toarray()
    parent = list(range(len(rows)))

    def root(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    pairs = []
    for i in range(len(rows)):
        for j in range(i + 1, len(rows)):
            a, b = rows[i], rows[j]
            if (a["location"] == b["location"] and a["source"] != b["source"]
                    and abs((day(a) - day(b)).days) <= WINDOW_DAYS and cos[i, j] >= similar):
                pairs.append((cos[i, j], i, j))
    for _, i, j in sorted(pairs, reverse=True):  # strongest links first, groups capped at 6
        ri, rj = root(i), root(j)
        if ri != rj and sum(root(k) in (ri, rj) for k in range(len(rows))) <= 6:
            parent[rj] = ri
    groups = {}
    for i in range(len(rows)):
        groups.setdefault(root(i), []).append(i)
    out = []
    for members in groups.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda k: rows[k]["published"])
        out.append([rows[k] for k in members])
    out.sort(key=lambda g: g[0]["published"])
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default="/tmp/reconcile_candidates.jsonl")
    ap.add_argument("--exclude", action="append", default=[],
                    help="a candidates file of an earlier round: its articles are not proposed again")
    ap.add_argument("--similar", type=float, default=SIMILAR)
    ap.add_argument("--first", type=int, default=1, help="number of the first candidate (c001)")
    args = ap.parse_args()
    used = {a["id"] for path in args.exclude for line in open(path) for a in json.loads(line)["articles"]}
    groups = propose([r for r in load_pool() if r["id"] not in used], args.similar)
    with open(args.out, "w") as f:
        for n, g in enumerate(groups, args.first):
            f.write(json.dumps({"candidate": f"c{n:03d}", "articles": [
                {k: a[k] for k in ("id", "source", "published", "location", "title", "text")} for a in g]}) + "\n")
    print(f"{len(groups)} candidate groups ({sum(map(len, groups))} articles) -> {args.out}")


if __name__ == "__main__":
    main()
