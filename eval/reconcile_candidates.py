#!/usr/bin/env python3
"""Propose candidate incident groups from the unlabelled FA-KES pool, blind to newsfuse's output.

    python eval/reconcile_candidates.py [--out FILE] [--exclude EARLIER.jsonl] [--similar S] [--first N]

Round 1 (55 candidates): the defaults. Round 2 (33 candidates): ``--exclude`` round 1's file,
``--similar 0.08 --first 101`` (weaker links among the articles round 1 did not propose). Round 3 (16):
``--similar 0.03 --first 201``, rounds 1-2 excluded. Round 4: ``--date-from-text --similar 0.05 --first
301``, rounds 1-3 excluded: FA-KES's ``published`` is often not the page's date (a 2013 report filed
under 2011), so the window is measured on the first date the article's opening writes. Round 5
(c401-c424): ``--date-from-text --similar 0.05`` over the whole pool, keeping the candidates with two or
more articles in no kept group and at least one article never proposed. Round 6 (c501-): the 227
articles rounds 1-5 never proposed share no FA-KES location, window and similarity with another
article; FA-KES files one incident under different locations ("Aleppo", "Idlib" for a strike on the
road between them), so round 6 drops the location test and asks for stronger similarity instead::

    --date-from-text --any-location --similar 0.15 --kept eval/reconcile_data/pool_groups.jsonl \
        --proposed r1.jsonl ... r5.jsonl --first 501

(``--kept``: articles of kept groups are not proposed again; ``--proposed``: a candidate must hold an
article that none of these earlier candidate files holds.)

Candidates are made with nothing of the product: articles of one FA-KES location, published within
three days of each other, from different outlets, whose plain word TF-IDF vectors are similar. They
are only proposals: annotators read every article and drop or split groups that are not one incident
(see eval/reconcile_guide.md). The pool is read from ../shared/eval at run time and never copied.
"""
import argparse
import datetime as dt
import gzip
import json
import re
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


_MONTHS = {m: i + 1 for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split())}
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_WRITTEN_DATES = (  # (pattern, groups -> (year, month, day))
    (re.compile(r"\b(\d{1,2})[-/.](\d{1,2})[-/.](20\d\d)\b"), lambda m: (int(m[3]), int(m[2]), int(m[1]))),
    (re.compile(r"\b(\d{1,2})\s+" + _MONTH + r",?\s+(20\d\d)\b", re.I),
     lambda m: (int(m[3]), _MONTHS[m[2][:3].lower()], int(m[1]))),
    (re.compile(r"\b" + _MONTH + r"\s+(\d{1,2}),?\s+(20\d\d)\b", re.I),
     lambda m: (int(m[3]), _MONTHS[m[1][:3].lower()], int(m[2]))),
)


def written_date(row, head=300):
    """The first date the article's opening writes ("Thu Sep 5 2013", "Date of publication 25 August
    2016", "27-07-2016"), or None."""
    found = []
    for pattern, parts in _WRITTEN_DATES:
        for m in pattern.finditer(row["text"][:head]):
            try:
                found.append((m.start(), dt.date(*parts(m))))
            except ValueError:
                continue
            break
    return min(found)[1] if found else None


def propose(rows, similar=SIMILAR, any_location=False):
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
            if ((any_location or a["location"] == b["location"]) and a["source"] != b["source"]
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
    ap.add_argument("--date-from-text", action="store_true",
                    help="window on the first date the article's opening writes (else its published date)")
    ap.add_argument("--any-location", action="store_true", help="pair articles of any FA-KES location")
    ap.add_argument("--kept", help="an annotation file (pool_groups.jsonl): articles of its kept groups are not proposed")
    ap.add_argument("--proposed", nargs="*", default=[],
                    help="candidate files of earlier rounds: every candidate holds an article none of them holds")
    args = ap.parse_args()
    used = {a["id"] for path in args.exclude for line in open(path) for a in json.loads(line)["articles"]}
    if args.kept:
        used |= {i for g in map(json.loads, filter(str.strip, open(args.kept))) if "dropped" not in g
                 for i in g["article_ids"]}
    seen = {a["id"] for path in args.proposed for line in open(path) for a in json.loads(line)["articles"]}
    rows = [dict(r) for r in load_pool() if r["id"] not in used]
    if args.date_from_text:
        for r in rows:
            written = written_date(r)
            if written is not None:
                r["published"] = written.isoformat()
    groups = [g for g in propose(rows, args.similar, args.any_location) if any(r["id"] not in seen for r in g)]
    pool = {r["id"]: r for r in load_pool()}
    groups = [[pool[a["id"]] for a in g] for g in groups]  # annotators see the pool's own fields
    with open(args.out, "w") as f:
        for n, g in enumerate(groups, args.first):
            f.write(json.dumps({"candidate": f"c{n:03d}", "articles": [
                {k: a[k] for k in ("id", "source", "published", "location", "title", "text")} for a in g]}) + "\n")
    print(f"{len(groups)} candidate groups ({sum(map(len, groups))} articles) -> {args.out}")


if __name__ == "__main__":
    main()
