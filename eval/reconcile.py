"""Figure reconciliation: status of each figure group and its independent-source count.

**Headline** (issue 13): the strict rule of ``../shared/eval/reconcile/score_groups.py`` (the rule the
kept-aside groups are scored by) on every dev group -- the 18 of ``fakes_dev.jsonl`` and the pool groups
annotated for this project (``eval/reconcile_data/pool_groups.jsonl``) -- split into a tune half and a
check half (``eval/reconcile_strict.py``), end to end and on the annotated figures. The numbers below
it are diagnostics, on three sets:

(a) ../shared/eval/reconcile/fakes_dev.jsonl: 18 real incident groups (FA-KES texts, annotated for this
    project). Each group is fed as one story. Two runs separate the two sources of error:
    - **gold figures**: the annotated figures (category, subject, range, claimant) and the annotated
      copies go straight into ``reconcile_figures``: the score of reconciliation alone;
    - **pipeline**: the raw texts go through ``newsfuse.api.annotate_items`` (our figures, claimants,
      places, periods) and our reuse detection, then ``reconcile_figures``: the end-to-end score, with
      the recall of the annotated figures.
    The expected status of a relation follows SOURCE.md: ``copies`` is ``single_source`` in the
    contract's terms, and so is a ``corroborated`` relation whose figures all come from one claimant
    (an unattributed figure that repeats a figure its own article attributes counts as that claimant's;
    claimant names are compared after the normalisation of ``newsfuse.knowledge.parties``). A relation is
    matched to the predicted group holding most of its figures.
(b) the sample corpus (examples/, answers in examples/_truth.json): gold figures, and the pipeline.
(c) eval/adversarial_reconcile.jsonl: our own hard cases (written for this project): status, independent
    sources and grouping of every expected group.

Goals (issue 6): status accuracy >= 0.85 on (a), >= 0.95 on (c). No published system does this task: the
anchors are those goals.

    .venv/bin/python eval/reconcile.py              # everything
    .venv/bin/python eval/reconcile.py --limit 6    # fast subset: 6 FA-KES groups, no sample-corpus pipeline
    .venv/bin/python eval/reconcile.py --json       # one JSON object of the metrics at the end
    .venv/bin/python eval/reconcile.py --ablate     # also: accuracy with each upstream layer from the annotation
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from newsfuse.knowledge.parties import parties, split_chain  # noqa: E402
from newsfuse.model import Article, Figure, FigureGroup, PlaceMention, PlaceRef, SpanRef  # noqa: E402
from newsfuse.knowledge.outlets import Outlet, OutletRegistry  # noqa: E402
from newsfuse.corpus.figures.reconcile import reconcile_figures  # noqa: E402
from newsfuse.corpus.reuse import ArticleReuse  # noqa: E402
from newsfuse.annotate.places.default import places_files  # noqa: E402
from newsfuse.settings import REPO_DIR, eval_dir  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import reconcile_strict  # noqa: E402  (eval/reconcile_strict.py)

HERE = Path(__file__).resolve().parent
ADVERSARIAL = HERE / "adversarial_reconcile.jsonl"
EXAMPLES = REPO_DIR / "examples"
GOALS = {"fakes status accuracy (issue goal)": 0.85, "adversarial status accuracy (issue goal)": 0.95}


# --------------------------------------------------------------------------- shared helpers


def locate(text: str, phrase: str) -> tuple[int, int] | None:
    """Where an annotated phrase is in the text: verbatim, ignoring case, or without an annotator's
    [insertion]/(note) (then the longest piece found)."""
    for hay, needle in ((text, phrase), (text.casefold(), phrase.casefold())):
        i = hay.find(needle)
        if i >= 0:
            return i, i + len(needle)
    pieces = [p.strip(" ,") for p in re.split(r"\s*[\[\(][^\]\)]*[\]\)]\s*", phrase) if p.strip(" ,")]
    for piece in sorted(pieces, key=len, reverse=True):
        i = text.casefold().find(piece.casefold())
        if i >= 0 and len(piece) >= 4:
            return i, i + len(piece)
    # Typos in the annotation ("nore than"): the longest run of its words found in the text.
    words = phrase.split()
    for n in range(len(words) - 1, 1, -1):
        for k in range(len(words) - n + 1):
            piece = " ".join(words[k:k + n])
            i = text.casefold().find(piece.casefold())
            if i >= 0:
                return i, i + len(piece)
    return None


def contract_range(value, low, high, qualifier):
    """Annotated ranges completed by the contract's rules where the annotation leaves a bound open
    that the qualifier fixes (e.g. an 'approx' with no bounds)."""
    if value is None:
        return low, high
    if qualifier == "approx":
        return (low if low is not None else 0.9 * value), (high if high is not None else 1.1 * value)
    if qualifier == "exact":
        return (low if low is not None else value), (high if high is not None else value)
    if qualifier == "at_least" and low is None:
        return value, high
    if qualifier == "more_than" and low is None:
        return value + 1, high
    return low, high


def registry_with(extra: list[Outlet]) -> OutletRegistry:
    base = OutletRegistry.load()
    return OutletRegistry([*base.by_name.values(), *extra])


def find_group(groups: list[FigureGroup], article_id: str, start: int, end: int) -> FigureGroup | None:
    for g in groups:
        for r in g.reports:
            if r.article_id == article_id and r.figure.start < end and start < r.figure.end:
                return g
    return None


def pipeline_available() -> str | None:
    """None when the annotate pipeline with a figures stage can run, else why not."""
    try:
        from newsfuse import api  # noqa: F401
        from newsfuse.annotate.figures import stage as figures  # noqa: F401
    except Exception as exc:  # pragma: no cover - depends on the other stages
        return f"pipeline unavailable: {exc}"
    return None


def annotate(articles: list[Article]) -> list[Article]:
    """The articles of one story annotated as ``newsfuse brief`` has them: each on its own, then place
    names made consistent across the story (the corpus step ``build_brief`` runs before reconciling)."""
    from newsfuse import api
    from newsfuse.corpus.place_consistency import harmonise_places

    out = []
    for item in api.annotate_items(articles):
        if isinstance(item, Article):
            out.append(item)
    return harmonise_places(out)


# --------------------------------------------------------------------------- (a) FA-KES groups


def load_fakes(limit: int | None = None) -> list[dict]:
    path = eval_dir() / "reconcile" / "fakes_dev.jsonl"
    groups = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return groups[:limit] if limit else groups


def fakes_articles(group: dict) -> list[Article]:
    return [Article.create(id=a["id"], text=a["text"], source=a["source"], published=a["published"],
                           title=a.get("title")) for a in group["articles"]]


def fakes_gold_figures(group: dict) -> tuple[list[Article], list[tuple[dict, tuple[int, int] | None]]]:
    """The group's articles carrying the annotated figures, and each annotation with its span."""
    articles = {a.id: a for a in fakes_articles(group)}
    figs: dict[str, list[Figure]] = {i: [] for i in articles}
    located = []
    for f in group["figures"]:
        text = articles[f["id"]].text
        span = locate(text, f["phrase"])
        start, end = span if span else (0, 0)
        low, high = contract_range(f["value"], f["low"], f["high"], f["qualifier"])
        claimant = SpanRef(0, 0, f["claimant"], None) if f.get("claimant") else None
        figs[f["id"]].append(Figure(
            start=start, end=end, text=text[start:end] if span else f["phrase"], value=f["value"], low=low,
            high=high, qualifier=f["qualifier"], unit="people", category=f["category"], subject=f["subject"],
            claimant=claimant, method="gold"))
        located.append((f, span))
    arts = [a.with_layer(figures=figs[a.id]) for a in articles.values()]
    return arts, located


def fakes_reuse(group: dict) -> dict[str, ArticleReuse]:
    """Annotated copies as reuse records: of a pair, the later (else the second) article is the copy."""
    order = {a["id"]: (a["published"], n) for n, a in enumerate(group["articles"])}
    copy_of: dict[str, set[str]] = {a["id"]: set() for a in group["articles"]}
    for pair in group.get("copies", []):
        a, b = sorted(pair, key=lambda i: order[i])
        copy_of[b].add(a)
    return {i: ArticleReuse(i, 1.0 if c else 0.0, tuple(sorted(c))) for i, c in copy_of.items()}


def _claimant_keys(f: dict, article_source: str, registry: OutletRegistry) -> frozenset[str]:
    if not f.get("claimant"):
        return frozenset({"own:" + article_source})
    claimant, _origin = split_chain(f["claimant"])
    keys = set()
    for p in parties(claimant, None, registry):
        keys.add(p.key + "@" + f["id"] if p.generic else p.key)
    return frozenset(keys) or frozenset({"own:" + article_source})


def relation_figures(group: dict, rel: dict) -> list[dict]:
    subjects = set(rel["subject"].split("|"))
    return [f for f in group["figures"]
            if f["id"] in rel["ids"] and f["category"] == rel["category"] and f["subject"] in subjects]


def expected_status(group: dict, rel: dict, registry: OutletRegistry) -> str:
    """The contract status of an annotated relation (see the module docstring)."""
    if rel["status"] == "copies":
        return "single_source"
    if rel["status"] != "corroborated":
        return rel["status"]
    source = {a["id"]: a["source"] for a in group["articles"]}
    figs = relation_figures(group, rel)
    keys = {id(f): _claimant_keys(f, source[f["id"]], registry) for f in figs}
    for f in figs:  # an unattributed figure repeating its article's attributed figure is that claimant's
        if not f.get("claimant") and f["value"] is not None:
            same = [g for g in figs if g["id"] == f["id"] and g.get("claimant") and g["value"] == f["value"]]
            if same:
                keys[id(f)] = keys[id(same[0])]
    common = frozenset.intersection(*keys.values()) if keys else frozenset()
    return "single_source" if common else "corroborated"


def _match_relation(groups: list[FigureGroup], spans: list[tuple[str, tuple[int, int]]],
                    category: str) -> FigureGroup | None:
    """The predicted group holding most of the relation's figures (same category preferred)."""
    best, best_score = None, (0, False)
    for g in groups:
        hits = sum(1 for r in g.reports for (aid, (s, e)) in spans
                   if r.article_id == aid and r.figure.start < e and s < r.figure.end)
        score = (hits, g.category == category)
        if hits and score > best_score:
            best, best_score = g, score
    return best


def score_fakes(groups_data: list[dict], mode: str) -> dict[str, Any]:
    registry = OutletRegistry.load()
    rows = []
    recall = Counter()
    for group in groups_data:
        gold_articles, located = fakes_gold_figures(group)
        if mode == "gold":
            predicted = reconcile_figures(gold_articles, story=group["group"], reuse=fakes_reuse(group),
                                          registry=registry)
        else:
            annotated = annotate(fakes_articles(group))
            predicted = reconcile_figures(annotated, story=group["group"], registry=registry)
            _figure_recall(annotated, located, recall)
        spans_of = {id(f): (f["id"], span) for f, span in located if span}
        for rel in group["relations"]:
            figs = relation_figures(group, rel)
            spans = [spans_of[id(f)] for f in figs if id(f) in spans_of]
            g = _match_relation(predicted, spans, rel["category"])
            rows.append({"group": group["group"], "category": rel["category"], "subject": rel["subject"],
                         "expected": expected_status(group, rel, registry),
                         "annotated": rel["status"], "predicted": g.status if g else "missing",
                         "reason": g.reason if g else ""})
    correct = sum(r["expected"] == r["predicted"] for r in rows)
    out: dict[str, Any] = {"relations": len(rows), "status_accuracy": round(correct / len(rows), 4) if rows else 0.0,
                           "rows": rows}
    if mode == "pipeline" and recall["gold"]:
        out["figure_recall"] = round(recall["span"] / recall["gold"], 4)
        out["figure_recall_value"] = round(recall["value"] / recall["gold"], 4)
        out["figure_recall_category"] = round(recall["category"] / recall["gold"], 4)
        out["gold_figures_located"] = recall["gold"]
    return out


def _figure_recall(annotated: list[Article], located, counts: Counter) -> None:
    by_id = {a.id: a for a in annotated}
    for f, span in located:
        if not span or f["id"] not in by_id:
            continue
        counts["gold"] += 1
        hits = [p for p in by_id[f["id"]].figures if p.start < span[1] and span[0] < p.end]
        if hits:
            counts["span"] += 1
            if any(p.value == f["value"] for p in hits):
                counts["value"] += 1
            if any(p.category == f["category"] for p in hits):
                counts["category"] += 1


# Which upstream layer costs most: our figures with one part replaced by the annotation's (figures
# matched by span). "period"/"place" drop ours (the annotation has none: one incident per group).
ABLATIONS = ("claimant", "category", "value", "reuse", "period", "place")


def _with_gold_parts(annotated: list[Article], located, parts: set[str]) -> list[Article]:
    import dataclasses

    gold_by: dict[str, list[tuple[tuple[int, int], dict]]] = {}
    for f, span in located:
        if span:
            gold_by.setdefault(f["id"], []).append((span, f))
    out = []
    for a in annotated:
        figs = []
        for p in a.figures:
            hits = [f for (s, e), f in gold_by.get(a.id, []) if p.start < e and s < p.end]
            if not hits:
                figs.append(p)
                continue
            f, kw = hits[0], {}
            if "claimant" in parts:
                kw["claimant"] = SpanRef(0, 0, f["claimant"], None) if f.get("claimant") else None
            if "category" in parts:
                subject, _, scope = f["subject"].partition(" (")
                kw.update(category=f["category"], subject=subject)
                if hasattr(p, "scope"):
                    kw["scope"] = scope.rstrip(")") or None
            if "kind" in parts:  # the category alone
                kw["category"] = f["category"]
            if "subject" in parts:  # the subject and its part scope alone
                subject, _, scope = f["subject"].partition(" (")
                kw["subject"] = subject
                if hasattr(p, "scope"):
                    kw["scope"] = scope.rstrip(")") or None
            if "value" in parts:
                low, high = contract_range(f["value"], f["low"], f["high"], f["qualifier"])
                kw.update(value=f["value"], low=low, high=high, qualifier=f["qualifier"])
            if "period" in parts:
                kw.update(period=None, cumulative=False)
            if "place" in parts:
                kw["place"] = None
            figs.append(dataclasses.replace(p, **kw))
        out.append(a.with_layer(figures=tuple(figs)))
    return out


def ablation(groups_data: list[dict]) -> dict[str, float]:
    """FA-KES pipeline status accuracy with each layer (and all of them) taken from the annotation."""
    registry = OutletRegistry.load()
    runs = [set(), *({p} for p in ABLATIONS), set(ABLATIONS)]
    correct = Counter()
    total = 0
    for group in groups_data:
        _, located = fakes_gold_figures(group)
        annotated = annotate(fakes_articles(group))
        spans_of = {id(f): (f["id"], span) for f, span in located if span}
        for parts in runs:
            name = "+".join(sorted(parts)) if parts != set(ABLATIONS) else "all"
            arts = _with_gold_parts(annotated, located, parts) if parts else annotated
            reuse = fakes_reuse(group) if "reuse" in parts else None
            predicted = reconcile_figures(arts, story=group["group"], reuse=reuse, registry=registry)
            for rel in group["relations"]:
                spans = [spans_of[id(f)] for f in relation_figures(group, rel) if id(f) in spans_of]
                g = _match_relation(predicted, spans, rel["category"])
                correct[name or "none"] += (g.status if g else "missing") == expected_status(group, rel, registry)
        total += len(group["relations"])
    return {name: round(n / total, 4) for name, n in correct.items()}


# --------------------------------------------------------------------------- (b) the sample corpus


def load_truth() -> dict | None:
    path = EXAMPLES / "_truth.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def examples_registry(truth: dict) -> OutletRegistry:
    outlets = {}
    for doc in truth["documents"].values():
        outlets[doc["outlet"]] = Outlet(doc["outlet"], group=doc.get("outlet_group"))
    return registry_with(list(outlets.values()))


def _truth_articles(truth: dict) -> tuple[dict[str, Article], dict[str, str]]:
    """The sample corpus read by our ingest; truth ids mapped to ingest ids (by URL for WARC/RSS)."""
    from newsfuse.ingest import read_inputs

    items = [i for i in read_inputs([str(EXAMPLES)]) if isinstance(i, Article)]
    by_id = {a.id: a for a in items}
    by_url = {a.url: a for a in items if a.url}
    mapping = {}
    for tid, doc in truth["documents"].items():
        a = by_id.get(tid) or (by_url.get(doc.get("url")) if doc.get("url") else None)
        if a is not None:
            mapping[tid] = a.id
    return by_id, mapping


def score_examples(truth: dict, mode: str) -> dict[str, Any]:
    # The invented places of the sample corpus, as its README tells a user to add them (for this part
    # only: the FA-KES runs must not see them).
    with places_files([EXAMPLES / "places.tsv"]):
        return _score_examples(truth, mode)


def _score_examples(truth: dict, mode: str) -> dict[str, Any]:
    registry = examples_registry(truth)
    by_id, mapping = _truth_articles(truth)
    docs = truth["documents"]
    rows = []
    for story, ids in truth["stories"].items():
        arts = []
        for tid in ids:
            a = by_id.get(mapping.get(tid, ""))
            if a is None:
                continue
            # The txt files carry no outlet: the truth names it (as a user's metadata would).
            arts.append(a if a.source else _with_source(a, docs[tid]))
        spans: dict[str, list[tuple[str, tuple[int, int]]]] = {}
        if mode == "gold":
            arts, spans = _truth_figures(truth, story, arts, mapping)
            reuse = {mapping[k]: ArticleReuse(mapping[k], 1.0, tuple(mapping[c] for c in v))
                     for k, v in truth["copies"].items() if k in mapping}
            predicted = reconcile_figures(arts, story=story, reuse=reuse, registry=registry)
        else:
            arts = annotate(arts)
            _, spans = _truth_figures(truth, story, arts, mapping)
            predicted = reconcile_figures(arts, story=story, registry=registry)
        for g in truth["figures"]:
            if g["story"] != story:
                continue
            got = _match_relation(predicted, spans.get(g["key"], []), g["category"])
            rows.append({"key": g["key"], "expected": g["status"], "predicted": got.status if got else "missing",
                         "expected_sources": g["independent_sources"],
                         "predicted_sources": got.independent_sources if got else None,
                         "reason": got.reason if got else ""})
    n = len(rows)
    return {"groups": n,
            "status_accuracy": round(sum(r["expected"] == r["predicted"] for r in rows) / n, 4) if n else 0.0,
            "sources_accuracy": round(sum(r["expected_sources"] == r["predicted_sources"] for r in rows) / n, 4)
            if n else 0.0,
            "rows": rows}


def _with_source(a: Article, doc: dict) -> Article:
    import dataclasses

    return dataclasses.replace(a, source=doc["outlet"], published=a.published or doc.get("published"))


def _truth_figures(truth: dict, story: str, arts: list[Article], mapping: dict[str, str]):
    """Articles carrying the truth's figures (gold mode), and each truth group's report spans."""
    by_id = {a.id: a for a in arts}
    figs: dict[str, list[Figure]] = {a.id: [] for a in arts}
    spans: dict[str, list[tuple[str, tuple[int, int]]]] = {}
    for g in truth["figures"]:
        if g["story"] != story:
            continue
        for r in g["reports"]:
            aid = mapping.get(r["id"])
            if aid not in by_id:
                continue
            text = by_id[aid].text
            ctx = locate(text, r.get("context") or r["text"])
            span = None
            if ctx:
                inner = text[ctx[0]:ctx[1]].find(r["text"])
                span = (ctx[0] + inner, ctx[0] + inner + len(r["text"])) if inner >= 0 else ctx
            span = span or locate(text, r["text"])
            if not span:
                continue
            spans.setdefault(g["key"], []).append((aid, span))
            claimant = (SpanRef(0, 0, r["claimant"], r.get("claimant_entity")) if r.get("claimant") else None)
            figs[aid].append(Figure(
                start=span[0], end=span[1], text=r["text"], value=r["value"], low=r["low"], high=r["high"],
                qualifier=r["qualifier"], unit=g.get("unit", "people"), category=g["category"],
                subject=g["subject"], claimant=claimant, place=PlaceRef(g["place"], None) if g.get("place") else None,
                period=g.get("period"), cumulative=bool(g.get("cumulative")), method="gold"))
    return [a.with_layer(figures=figs[a.id]) for a in arts], spans


# --------------------------------------------------------------------------- (c) adversarial cases


def load_adversarial() -> list[dict]:
    return [json.loads(line) for line in ADVERSARIAL.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("//")]


def build_case(case: dict) -> tuple[list[Article], list[tuple[str, int, int]], OutletRegistry, dict | None]:
    arts = {a["id"]: a for a in case["articles"]}
    figs: dict[str, list[Figure]] = {i: [] for i in arts}
    where = []
    for f in case["figures"]:
        text = arts[f["id"]]["text"]
        start = -1
        for _ in range(f.get("nth", 0) + 1):
            start = text.index(f["text"], start + 1)
        end = start + len(f["text"])
        where.append((f["id"], start, end))
        claimant = None
        if f.get("claimant"):
            c, written = text.find(f["claimant"]), f["claimant"]
            if f.get("claimant_source") and c >= 0:  # the claimant's own source, relayed: "X, citing Y"
                written = text[c:text.find(f["claimant_source"], c) + len(f["claimant_source"])]
            claimant = SpanRef(max(c, 0), max(c, 0) + len(written), written, f.get("claimant_entity"))
        place = None
        if f.get("place"):
            place = PlaceRef(f["place"], f.get("geonameid"))
        figs[f["id"]].append(Figure(
            start=start, end=end, text=f["text"], value=f.get("value"), low=f.get("low"), high=f.get("high"),
            qualifier=f.get("qualifier", "exact"), unit=f.get("unit", "people"), category=f["category"],
            subject=f["subject"], claimant=claimant, place=place, period=f.get("period"),
            negated=bool(f.get("negated")), modality=f.get("modality"), cumulative=bool(f.get("cumulative")),
            method="adversarial"))
    articles = [Article.create(id=a["id"], text=a["text"], source=a.get("source"), url=a.get("url"),
                               published=a.get("published"), figures=tuple(figs[a["id"]]),
                               places=tuple(_place_mentions(a)))
                for a in case["articles"]]
    articles = _with_sentences(articles)
    registry = registry_with([Outlet(o["name"], group=o.get("group")) for o in case.get("outlets", [])])
    reuse = None
    if "copies" in case:  # given by the case; otherwise our reuse detection decides
        copy_of: dict[str, list[str]] = {a["id"]: [] for a in case["articles"]}
        for copy, original in case["copies"]:
            copy_of[copy].append(original)
        reuse = {i: ArticleReuse(i, 1.0 if c else 0.0, tuple(c)) for i, c in copy_of.items()}
    return articles, where, registry, reuse


def _place_mentions(article: dict) -> list[PlaceMention]:
    out = []
    for p in article.get("places", []):
        start = article["text"].find(p["text"])
        out.append(PlaceMention(start, start + len(p["text"]), p["text"], p["text"], p.get("geonameid"), p.get("lat"),
                                p.get("lon"), p.get("country_code"), precision=p.get("precision")))
    return out


def _with_sentences(articles: list[Article]) -> list[Article]:
    """Our own sentence splitter, so that reuse detection sees sentences as it does in the pipeline."""
    from newsfuse.annotate.pipeline import run as run_stages

    out = [a for a in run_stages(articles, layers=["sentences"]) if isinstance(a, Article)]
    return out if len(out) == len(articles) else articles


def score_adversarial(cases: list[dict]) -> dict[str, Any]:
    rows = []
    for case in cases:
        articles, where, registry, reuse = build_case(case)
        groups = reconcile_figures(articles, story=case["case"], reuse=reuse, registry=registry)
        for exp in case["expect"]:
            aid, s, e = where[exp["figures"][0]]
            g = find_group(groups, aid, s, e)
            members = {(r.article_id, r.figure.start) for r in g.reports} if g else set()
            wanted = {(where[i][0], where[i][1]) for i in exp["figures"]}
            rows.append({"case": case["case"], "kind": case["kind"], "expected": exp["status"],
                         "predicted": g.status if g else "missing",
                         "expected_sources": exp["independent_sources"],
                         "predicted_sources": g.independent_sources if g else None,
                         "grouping_ok": members == wanted, "reason": g.reason if g else ""})
    n = len(rows)
    by_kind: dict[str, list[bool]] = {}
    for r in rows:
        by_kind.setdefault(r["kind"], []).append(r["expected"] == r["predicted"])
    return {"cases": len(cases), "groups": n,
            "status_accuracy": round(sum(r["expected"] == r["predicted"] for r in rows) / n, 4),
            "sources_accuracy": round(sum(r["expected_sources"] == r["predicted_sources"] for r in rows) / n, 4),
            "grouping_accuracy": round(sum(r["grouping_ok"] for r in rows) / n, 4),
            "by_kind": {k: round(sum(v) / len(v), 3) for k, v in sorted(by_kind.items())},
            "rows": rows}


# --------------------------------------------------------------------------- run


def run(limit: int | None = None, pipeline: bool = True) -> dict:
    """All metrics. ``limit``: the first N FA-KES groups only, and no sample-corpus pipeline run."""
    t0 = time.time()
    metrics: dict[str, Any] = {}
    # The headline: the strict rule the kept-aside groups are scored by, on the tune and check halves
    # of every dev group (eval/reconcile_strict.py), end to end and on the annotated figures.
    cli = Path(sys.executable).with_name("newsfuse")
    if pipeline and cli.exists():
        metrics["strict"], _rows = reconcile_strict.run(str(cli))
    else:
        metrics["strict"] = {"skipped": f"no newsfuse command beside {sys.executable}" if pipeline else "--no-pipeline"}
    metrics["strict_gold"], _rows = reconcile_strict.run(None)
    fakes = load_fakes(limit)
    metrics["fakes_gold"] = score_fakes(fakes, "gold")
    why_not = pipeline_available() if pipeline else "pipeline skipped (--no-pipeline)"
    if why_not is None:
        metrics["fakes_pipeline"] = score_fakes(fakes, "pipeline")
    else:
        metrics["fakes_pipeline"] = {"skipped": why_not}
    truth = load_truth()
    if truth is None:
        metrics["examples"] = {"skipped": "examples/_truth.json not found"}
    else:
        metrics["examples_gold"] = score_examples(truth, "gold")
        if why_not is None and not limit:
            metrics["examples_pipeline"] = score_examples(truth, "pipeline")
        else:
            metrics["examples_pipeline"] = {"skipped": why_not or "skipped with --limit"}
    metrics["adversarial"] = score_adversarial(load_adversarial())
    # Flat names for the CI gate (eval/floors.json reads top-level numbers). Each name keeps the groups its
    # floor was first set on: ``strict_...`` FA-KES dev and pool rounds 1-3 ("first"); ``strict_all_...``
    # rounds 1-4 (the 80 groups of session 13); ``strict_every_...`` rounds 1-5 (the 92 groups of session
    # 14); ``strict_upto6_...`` every dev group, round 6 included.
    for part in ("strict", "strict_gold"):
        for half in ("tune", "check"):
            for subset, prefix in ((f"first.{half}", part), (f"upto4.{half}", part.replace("strict", "strict_all", 1)),
                                   (f"upto5.{half}", part.replace("strict", "strict_every", 1)),
                                   (half, part.replace("strict", "strict_upto6", 1))):
                if subset in metrics[part]:
                    metrics[f"{prefix}_{half}_status_right"] = metrics[part][subset]["status_right"]
                    metrics[f"{prefix}_{half}_found"] = metrics[part][subset]["found"]
    for part, sub in list(metrics.items()):
        if isinstance(sub, dict):
            for name, value in sub.items():
                if isinstance(value, (int, float)) and name not in ("relations", "groups", "cases"):
                    metrics[f"{part}_{name}"] = value
    metrics["seconds"] = round(time.time() - t0, 1)
    return metrics


def _summary(m: dict) -> dict:
    """The metrics without per-row detail (and without the flat copies made for the CI gate)."""
    return {k: ({kk: vv for kk, vv in v.items() if kk != "rows"} if isinstance(v, dict) else v)
            for k, v in m.items() if isinstance(v, dict) or k == "seconds"}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=None, help="first N FA-KES groups only (fast CI subset)")
    ap.add_argument("--json", action="store_true", help="print one JSON object of the metrics at the end")
    ap.add_argument("--no-pipeline", action="store_true", help="gold figures and adversarial cases only")
    ap.add_argument("--errors", action="store_true", help="list every wrong status with our reason")
    ap.add_argument("--ablate", action="store_true",
                    help="FA-KES pipeline accuracy with each upstream layer taken from the annotation instead")
    args = ap.parse_args(argv)
    m = run(args.limit, pipeline=not args.no_pipeline)

    def line(name: str, value: Any, anchor: str = "") -> None:
        print(f"  {name:<44} {value!s:<10} {anchor}")

    print("Figure reconciliation")
    print("Headline: strict rule of ../shared/eval/reconcile/score_groups.py, all dev groups split tune / check")
    for key, title in (("strict", "end to end (newsfuse brief)"), ("strict_gold", "annotated figures")):
        st = m[key]
        if "skipped" in st:
            print(f"  {title}: skipped ({st['skipped']})")
            continue
        for half in ("tune", "check", "fakes_dev.tune", "fakes_dev.check", "pool.tune", "pool.check"):
            if half in st:
                line(f"{title}: {half}", f"{st[half]['status_right']:.3f}",
                     f"found {st[half]['found']:.3f} ({st[half]['relations']} relations)")
        line(f"{title}: tune-check gap", f"{st.get('gap', 0):.3f}", "defect above 0.05")
    print("  goals: status right >= 0.80 on check and kept-aside halves, found >= 0.90")
    print("Diagnostics (lenient matching: the group holding most of a relation's figures)")
    print("(a) FA-KES incident groups (fakes_dev)")
    fg = m["fakes_gold"]
    line("status accuracy, gold figures", fg["status_accuracy"], f"goal {GOALS['fakes status accuracy (issue goal)']}"
         f"  ({fg['relations']} relations)")
    fp = m["fakes_pipeline"]
    if "skipped" in fp:
        print("  pipeline:", fp["skipped"])
    else:
        line("status accuracy, pipeline", fp["status_accuracy"], f"goal {GOALS['fakes status accuracy (issue goal)']}")
        line("figure recall (span)", fp.get("figure_recall"), f"of {fp.get('gold_figures_located')} annotated figures")
        line("figure recall (span + value)", fp.get("figure_recall_value"))
        line("figure recall (span + category)", fp.get("figure_recall_category"))
    print("(b) sample corpus (examples/_truth.json)")
    if "examples" in m:
        print("  ", m["examples"]["skipped"])
    else:
        for key in ("examples_gold", "examples_pipeline"):
            e = m[key]
            if "skipped" in e:
                print(f"  {key}: {e['skipped']}")
                continue
            line(f"status accuracy, {key.split('_')[1]}", e["status_accuracy"], f"({e['groups']} groups)")
            line(f"independent-source accuracy, {key.split('_')[1]}", e["sources_accuracy"])
    print("(c) adversarial cases (eval/adversarial_reconcile.jsonl)")
    ad = m["adversarial"]
    line("status accuracy", ad["status_accuracy"], f"goal {GOALS['adversarial status accuracy (issue goal)']}"
         f"  ({ad['groups']} groups in {ad['cases']} cases)")
    line("independent-source accuracy", ad["sources_accuracy"], "goal 0.95")
    line("grouping accuracy", ad["grouping_accuracy"])
    print(f"  ({m['seconds']} s)")
    if args.errors:
        for key in ("fakes_gold", "fakes_pipeline", "examples_gold", "examples_pipeline", "adversarial"):
            for r in m.get(key, {}).get("rows", []):
                bad = r["expected"] != r["predicted"] or (
                    "expected_sources" in r and r["expected_sources"] != r["predicted_sources"])
                if bad:
                    print(f"  [{key}] {json.dumps({k: v for k, v in r.items()}, ensure_ascii=False)}")
    if args.ablate:
        print("(a) FA-KES pipeline, one layer from the annotation (which upstream error costs most)")
        for name, value in ablation(load_fakes(args.limit)).items():
            line(f"gold {name}", value)
    if args.json:
        print(json.dumps(_summary(m), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
