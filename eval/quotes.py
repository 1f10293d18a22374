"""Quote extraction on PolNeAR (train + dev), beside textacy's ``direct_quotations``.

Data: ``quotes/polnear`` of the shared evaluation folder (read at run time, never copied). Each
record is one annotator's attributions for one article; we score **one annotator per article, the
first in file order**. A gold attribution has source, cue and content spans (a role may be
discontinuous: the parts of a quote split around its cue are one relation).

Classes, applied the same way to gold relations and to our predictions:

- **direct**: the content starts or ends within two characters of a quotation mark;
- **indirect**: otherwise, when the cue holds a speech verb (:data:`SPEECH_CUE`: say, tell, add,
  state, announce, claim, according, report, note, explain, warn, insist, argue, declare, …);
- **other**: PolNeAR's other attributions (beliefs, "found", "wants", "shows", …), reported apart.

Matching: a predicted quote (our parts sharing one cue are merged, as are textacy's) matches a gold
relation when their content characters overlap by ≥ 50 % of each; one-to-one, best overlap first.
Precision of a class = its predictions matching any gold relation / its predictions; recall = its
gold relations matched by any prediction / its gold relations. Speaker accuracy = matched gold
relations of the class that have a source, whose matched prediction's speaker span overlaps the
gold source span (which may be a pronoun).

Our input layers come from the project's own stages (``newsfuse.annotate.clean`` boilerplate and
sentences, ``newsfuse.annotate.entities.stage``); should the entities stage fail, from spaCy's NER alone.
textacy parses every text with the full pipeline (as it requires); it raises on
documents with an odd number of quotation marks — such documents count as giving no quotes.

Run: ``.venv/bin/python eval/quotes.py [--limit N] [--split dev|train|all] [--no-anchor] [--json]``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

from newsfuse.model import Article, EntityMention
from newsfuse.annotate.quotes.stage import find_quotes, quote_groups
from newsfuse.settings import eval_dir

QUOTE_CHARS = frozenset("\"“”‘’«»„‟'`")
SPEECH_CUE = re.compile(
    r"\b(?:say|says|said|saying|tell|tells|told|telling|add|adds|added|adding|state|states|stated|stating|"
    r"statement|announc\w*|claim\w*|according|report\w*|note|notes|noted|noting|explain\w*|warn\w*|"
    r"insist\w*|argu\w*|declar\w*|acknowledg\w*|admit\w*|confirm\w*|deny|denies|denied|denying|repl\w*|"
    r"respond\w*|tweet\w*|write|writes|wrote|written|writing|assert\w*|stress\w*|emphasi\w*|reiterat\w*|"
    r"repeat\w*|predict\w*|alleg\w*|testif\w*|recall\w*|remark\w*|mention\w*|comment\w*|conced\w*|"
    r"contend\w*|conclud\w*)\b",
    re.IGNORECASE,
)
SPLITS = {"dev": "polnear_dev.jsonl", "train": "polnear_train.jsonl.gz"}


# --------------------------------------------------------------------------- data


def load_articles(split: str, limit: int | None = None) -> list[dict]:
    """One record per article: the first annotator in file order."""
    path = eval_dir() / "quotes" / "polnear" / SPLITS[split]
    opener = gzip.open if path.suffix == ".gz" else open
    seen: set[str] = set()
    records: list[dict] = []
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record["article"] in seen:
                continue
            seen.add(record["article"])
            records.append(record)
            if limit is not None and len(records) >= limit:
                break
    return records


def classify(text: str, content: list[tuple[int, int]], cue_text: str) -> str:
    if not content:
        return "other"
    start, end = content[0][0], content[-1][1]
    if _mark_near(text, start) or _mark_near(text, end):
        return "direct"
    return "indirect" if SPEECH_CUE.search(cue_text) else "other"


def _mark_near(text: str, pos: int) -> bool:
    """A quotation mark within two characters of ``pos``; an apostrophe inside a word ("I’m") and the
    quotes of a markup attribute (``<tweet id="1">``) are not ones."""
    for i in range(max(0, pos - 2), min(len(text), pos + 2)):
        c = text[i]
        if c == '"' and ((i > 0 and text[i - 1] == "=") or text[i + 1 : i + 2] == ">"):
            continue
        if c in QUOTE_CHARS:
            inside_word = 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalnum()
            if not (c in "'’`" and inside_word):
                return True
    return False


def gold_relations(record: dict) -> list[dict]:
    text = record["text"]
    out = []
    for rel in record["relations"]:
        content = [tuple(x) for x in rel["content"]]
        cue_text = " ".join(text[s:e] for s, e in rel["cue"])
        out.append(
            {"content": content, "source": [tuple(x) for x in rel["source"]], "cls": classify(text, content, cue_text)}
        )
    return out


# --------------------------------------------------------------------------- systems


def _upstream_stages() -> list:
    """The annotate stages the quotes stage requires (boilerplate, sentences, entities, places), in order."""
    from newsfuse.annotate.pipeline import resolve_stages
    from newsfuse.annotate.quotes.stage import STAGE

    return resolve_stages(list(STAGE.requires))


def prepare(records: list[dict]) -> tuple[list[Article], str]:
    """Articles with the layers the quotes stage requires, and a note of where they came from."""
    articles = [Article.create(id=r["id"], text=r["text"]) for r in records]
    stages = _upstream_stages()
    names = []
    for stage in stages:
        try:
            if stage.process_batch is not None:
                articles = [a for i in range(0, len(articles), 32) for a in stage.process_batch(articles[i : i + 32])]
            else:
                articles = [stage.process(a) for a in articles]
            names.append(stage.name)
        except Exception as error:  # fall back rather than fail the whole evaluation
            print(f"stage {stage.name} failed ({error!r}); skipped", file=sys.stderr)
    if "entities" not in names:
        articles = _spacy_entities(articles)
        names.append("spaCy NER")
    return articles, "+".join(names)


def our_predictions(records: list[dict]) -> tuple[list[list[dict]], str, float]:
    """Our quotes per record (parts merged per cue), the upstream layers used, and seconds spent."""
    started = time.perf_counter()
    articles, source = prepare(records)
    upstream_seconds = time.perf_counter() - started
    started = time.perf_counter()
    predictions = []
    for article in articles:
        preds = []
        for group in quote_groups(find_quotes(article)):
            parts = [(q.start, q.end) for q in group]
            speaker = group[0].speaker
            cue = group[0].cue.text if group[0].cue else ""
            preds.append(
                {
                    "content": parts,
                    "speaker": [(speaker.start, speaker.end)] if speaker else [],
                    "cls": classify(article.text, parts, cue),
                    "kind": group[0].kind,
                }
            )
        predictions.append(preds)
    quote_seconds = time.perf_counter() - started
    return predictions, f"{source} ({upstream_seconds:.0f}s)", quote_seconds


def _spacy_entities(articles: list[Article]) -> list[Article]:
    from newsfuse.annotate.entities import spacy_model

    nlp = spacy_model.load(disable=("tagger", "parser", "lemmatizer", "attribute_ruler"))
    out = []
    for article, doc in zip(articles, nlp.pipe((a.text for a in articles), batch_size=16)):
        mentions = tuple(EntityMention(e.start_char, e.end_char, e.text, e.label_, e.text) for e in doc.ents)
        out.append(article.with_layer(entities=mentions))
    return out


def textacy_predictions(records: list[dict]) -> tuple[list[list[dict]] | None, str]:
    try:
        import textacy
        from textacy.extract.triples import direct_quotations
    except Exception as error:
        return None, f"unavailable ({error!r})"
    from newsfuse.annotate.entities import spacy_model

    nlp = spacy_model.load()
    failures = 0
    predictions = []
    for record, doc in zip(records, nlp.pipe((r["text"] for r in records), batch_size=8)):
        groups: dict[tuple, dict] = {}
        try:
            triples = list(direct_quotations(doc))
        except Exception:
            failures += 1
            triples = []
        for triple in triples:
            key = tuple(t.i for t in triple.cue) or (triple.content.start,)
            group = groups.setdefault(key, {"content": [], "speaker": [(t.idx, t.idx + len(t)) for t in triple.speaker]})
            group["content"].append((triple.content.start_char, triple.content.end_char))
        preds = []
        for group in groups.values():
            group["content"].sort()
            group["cls"] = classify(record["text"], group["content"], "say")
            preds.append(group)
        predictions.append(preds)
    return predictions, f"textacy {textacy.__version__} direct_quotations ({failures} documents raised)"


# --------------------------------------------------------------------------- scoring


def _chars(spans: list[tuple[int, int]]) -> set[int]:
    return {i for s, e in spans for i in range(s, e)}


def _overlaps(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def match(golds: list[dict], preds: list[dict]) -> dict[int, int]:
    """gold index → prediction index, one-to-one, best overlap first."""
    gold_chars = [_chars(g["content"]) for g in golds]
    pairs = []
    for j, p in enumerate(preds):
        pc = _chars(p["content"])
        if not pc:
            continue
        for i, gc in enumerate(gold_chars):
            if not gc:
                continue
            common = len(pc & gc)
            if common >= 0.5 * len(pc) and common >= 0.5 * len(gc):
                pairs.append((min(common / len(pc), common / len(gc)), i, j))
    pairs.sort(reverse=True)
    taken_g, taken_p, out = set(), set(), {}
    for _, i, j in pairs:
        if i in taken_g or j in taken_p:
            continue
        taken_g.add(i)
        taken_p.add(j)
        out[i] = j
    return out


def score(records: list[dict], predictions: list[list[dict]]) -> dict:
    counts: Counter = Counter()
    for record, preds in zip(records, predictions):
        golds = gold_relations(record)
        matched = match(golds, preds)
        matched_preds = set(matched.values())
        for i, g in enumerate(golds):
            c = g["cls"]
            counts[f"gold.{c}"] += 1
            if i in matched:
                counts[f"gold_matched.{c}"] += 1
                if g["source"]:
                    counts[f"speaker_total.{c}"] += 1
                    if _overlaps(preds[matched[i]]["speaker"], g["source"]):
                        counts[f"speaker_right.{c}"] += 1
        for j, p in enumerate(preds):
            counts[f"pred.{p['cls']}"] += 1
            if j in matched_preds:
                counts[f"pred_matched.{p['cls']}"] += 1
    metrics: dict = {}
    for c in ("direct", "indirect", "other"):
        precision = counts[f"pred_matched.{c}"] / counts[f"pred.{c}"] if counts[f"pred.{c}"] else 0.0
        recall = counts[f"gold_matched.{c}"] / counts[f"gold.{c}"] if counts[f"gold.{c}"] else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        speaker = counts[f"speaker_right.{c}"] / counts[f"speaker_total.{c}"] if counts[f"speaker_total.{c}"] else 0.0
        metrics[c] = {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "speaker_accuracy": round(speaker, 4),
            "gold": counts[f"gold.{c}"],
            "predicted": counts[f"pred.{c}"],
        }
    return metrics


# --------------------------------------------------------------------------- run


def run(limit: int | None = None, split: str = "all", anchor: bool = True) -> dict:
    """Metrics of ours and textacy's per split: {split: {"ours": {...}, "textacy": {...}}}."""
    splits = ["dev", "train"] if split == "all" else [split]
    results: dict = {}
    for name in splits:
        records = load_articles(name, limit)
        ours, entity_source, seconds = our_predictions(records)
        entry = {"articles": len(records), "ours": score(records, ours), "entities": entity_source,
                 "quote_seconds": round(seconds, 2)}
        if anchor:
            theirs, label = textacy_predictions(records)
            entry["anchor"] = label
            # textacy finds direct quotations only: its direct row is the anchor
            entry["textacy"] = {"direct": score(records, theirs)["direct"]} if theirs is not None else None
        results[name] = entry
    return results


def _print_table(results: dict) -> None:
    for name, entry in results.items():
        print(f"\nPolNeAR {name}: {entry['articles']} articles (first annotator); layers: {entry['entities']}; "
              f"quote rules {entry['quote_seconds']}s")
        if "anchor" in entry:
            print(f"anchor: {entry['anchor']}")
        print(f"{'system':10} {'class':9} {'gold':>6} {'pred':>6} {'P':>6} {'R':>6} {'F1':>6} {'spk acc':>8}")
        for system in ("ours", "textacy"):
            metrics = entry.get(system)
            if not metrics:
                continue
            # textacy finds direct quotations only: its other rows would say nothing
            for c in ("direct", "indirect", "other") if system == "ours" else ("direct",):
                m = metrics[c]
                print(f"{system:10} {c:9} {m['gold']:>6} {m['predicted']:>6} {m['precision']:>6.3f} {m['recall']:>6.3f} "
                      f"{m['f1']:>6.3f} {m['speaker_accuracy']:>8.3f}")
        if "anchor" in entry and not entry.get("textacy"):
            print(f"textacy: {entry['anchor']}")
    print("\ngoals: direct F1 >= 0.85, direct speaker accuracy >= 0.92, indirect F1 >= 0.70")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="first N articles of each split")
    parser.add_argument("--split", choices=["dev", "train", "all"], default="all")
    parser.add_argument("--no-anchor", action="store_true", help="skip textacy (it parses every text)")
    parser.add_argument("--json", action="store_true", help="print the metrics as one JSON object at the end")
    args = parser.parse_args(argv)
    results = run(args.limit, args.split, anchor=not args.no_anchor)
    _print_table(results)
    if args.json:
        print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
