"""How well each field of a figure's frame is read, on the annotated incident groups, by half.

    .venv/bin/python eval/figure_frames.py [--json] [--errors FIELD]

The strict reconciliation score (``reconcile_strict.py``) mixes extraction and judgement. This script
scores the extraction alone, field by field, on every annotated casualty figure of the development
groups (FA-KES dev + the blind-annotated pool groups), split into the same **tune** and **check** halves
(``reconcile_strict.half``):

- ``found``: an extracted figure overlaps the annotated phrase;
- ``value``, ``category``, ``subject family`` (people and civilians are one family, as reconciliation
  groups them), ``bound`` (exact / approximate / lower bound / upper bound / vague, as compared):
  of the found ones;
- ``claimant``: the annotation names a claimant and so do we, or neither does (of the found ones);
- ``party``: stricter, our claimant names the annotated party (a shared name word, or an acronym and
  the name it stands for: "SOHR" / "Syrian Observatory for Human Rights"), or neither names one;
- ``precision``: of our casualty figures in these articles, the share that overlaps an annotated one
  (the annotators wrote every casualty figure *about the incident*, so a miss here is a count of
  another event or a misreading: either can set a false conflict).

``--errors FIELD`` lists the tune half's misses of one field (never check's). Every rule is chosen on
tune; check is reported beside it, and a gap over 0.05 says a field's rules do not carry.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import reconcile  # noqa: E402  (eval/reconcile.py: locate, annotate)
import reconcile_strict  # noqa: E402

CASUALTY = {"dead", "injured", "dead_or_injured", "missing", "displaced", "fled", "detained", "kidnapped",
            "arrested", "sheltered", "returned", "affected", "evacuated", "trapped", "besieged", "present"}
FAMILY = {"civilians": "people"}
BOUNDS = {"exact": "point", "approx": "point", "at_least": "floor", "more_than": "floor",
          "at_most": "ceiling", "less_than": "ceiling", "range": "range", "vague": "vague"}
FIELDS = ("found", "value", "category", "subject", "bound", "claimant", "party")
# Words that name no party by themselves ("Syrian" heads both the Observatory and the army).
_NOT_A_NAME = frozenset({"the", "and", "for", "from", "with", "its", "syrian", "syria", "group", "official",
                         "officials", "source", "sources", "local", "said", "news", "agency"})


def _name_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{3,}", text.lower()) if w not in _NOT_A_NAME}


def _initials(text: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Z][a-z]+", text))


def _same_party(gold: str | None, ours) -> bool:
    """Our claimant (a SpanRef or None) names the annotated claimant ``gold``: the same party as
    reconciliation resolves them, or a shared name word, or an acronym and the name it stands for."""
    if not gold or ours is None:
        return not gold and ours is None
    from newsfuse.knowledge.parties import parties

    if {p.key for p in parties(gold)} & {p.key for p in parties(ours.text, ours.entity)}:
        return True
    acronyms = set(re.findall(r"\b[A-Z]{3,}\b", gold))
    for name in (ours.text, ours.entity or ""):
        if _name_words(gold) & _name_words(name) or _initials(name) in acronyms or \
                _initials(gold) in set(re.findall(r"\b[A-Z]{3,}\b", name)):
            return True
    return False


def _subject(s: str | None) -> str:
    base = (s or "").split("(")[0].strip()
    return FAMILY.get(base, base)


def score_group(group: dict, counts: Counter, errors: list[str] | None) -> None:
    from newsfuse.model import Article

    articles = [Article.create(id=a["id"], text=a["text"], source=a["source"], published=a["published"],
                               title=a.get("title")) for a in group["articles"]]
    by_id = {a.id: a for a in reconcile.annotate(articles)}
    covered: dict[str, list[tuple[int, int]]] = {i: [] for i in by_id}
    for f in group["figures"]:
        art = by_id.get(f["id"])
        span = reconcile.locate(art.text, f["phrase"]) if art else None
        if span is None:
            continue
        covered[f["id"]].append(span)
        counts["gold"] += 1
        hits = [p for p in art.figures if p.start < span[1] and span[0] < p.end]
        if not hits:
            _miss(errors, "found", group, f, art.text, span, None)
            continue
        counts["found"] += 1
        best = min(hits, key=lambda p: (p.value != f["value"], p.category != f["category"]))
        checks = {
            "value": best.value == f["value"] or (f["value"] is None and best.qualifier == "vague"),
            "category": best.category == f["category"],
            "subject": _subject(best.subject) == _subject(f["subject"]),
            "bound": BOUNDS.get(best.qualifier) == BOUNDS.get(f["qualifier"]),
            "claimant": (best.claimant is None) == (not f.get("claimant")),
            "party": _same_party(f.get("claimant"), best.claimant),
        }
        for name, ok in checks.items():
            counts[name] += ok
            if not ok:
                _miss(errors, name, group, f, art.text, span, best)
    for aid, art in by_id.items():
        for p in art.figures:
            if p.category not in CASUALTY or p.negated or p.modality:
                continue
            counts["ours"] += 1
            matched = any(p.start < e and s < p.end for s, e in covered[aid])
            counts["ours_matched"] += matched
            if not matched and errors is not None and errors[0] == "precision":
                errors.append(f"[{group['group']}] extra {p.value} {p.qualifier} {p.category} {p.subject} "
                              f"period={p.period} conf={p.confidence}\n      …{art.text[max(0, p.start - 120):p.end + 60]!r}")


def _miss(errors, name, group, f, text, span, ours) -> None:
    if errors is None or errors[0] != name:
        return
    s, e = span
    got = "-" if ours is None else (f"{ours.value} {ours.qualifier} {ours.category} {ours.subject} "
                                    f"claimant={ours.claimant.text if ours.claimant else None}")
    errors.append(f"[{group['group']}] want {f['value']} {f['qualifier']} {f['category']} {f['subject']} "
                  f"claimant={f.get('claimant')} | got {got}\n      …{text[max(0, s - 120):e + 60]!r}")


def rates(c: Counter) -> dict[str, float]:
    out = {"gold": c["gold"], "found": round(c["found"] / max(1, c["gold"]), 3)}
    for name in FIELDS[1:]:
        out[name] = round(c[name] / max(1, c["found"]), 3)
    out["precision"] = round(c["ours_matched"] / max(1, c["ours"]), 3)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--errors", choices=FIELDS + ("precision",), help="list tune's misses of one field")
    args = ap.parse_args(argv)
    groups = reconcile_strict.load_dev() + reconcile_strict.load_pool_groups()
    by_half: dict[str, Counter] = {"tune": Counter(), "check": Counter()}
    errors: list[str] | None = [args.errors] if args.errors else None
    for g in groups:
        h = reconcile_strict.half(g["group"])
        score_group(g, by_half[h], errors if h == "tune" else None)
    result = {h: rates(c) for h, c in by_half.items()}
    result["gap"] = {k: round(result["tune"][k] - result["check"][k], 3) for k in result["tune"] if k != "gold"}
    if args.json:
        print(json.dumps(result))
    else:
        print(f"{'':8}" + "".join(f"{k:>11}" for k in result["tune"]))
        for h in ("tune", "check", "gap"):
            print(f"{h:8}" + "".join(f"{result[h].get(k, ''):>11}" for k in result["tune"]))
    for line in (errors or [])[1:]:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
