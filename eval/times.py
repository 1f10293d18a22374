"""Time expressions on TempEval-3's training corpora (TBAQ-cleaned: TimeBank + AQUAINT).

Each document's creation time (DCT) is its publish date. We run the ``times`` stage's finder on the
text and compare with the gold TIMEX3s:

- span precision/recall/F1, relaxed (any overlap);
- value accuracy of the matched gold, and value precision/recall/F1 (TempEval-3 style: a system
  phrase counts as right when its value matches an overlapping gold value);

on DATE and DURATION timexes whose values our contract can express ("in scope"). TimeML values we do
not model — PRESENT_REF/PAST_REF/FUTURE_REF, values with X ("1998-WXX", "PXY"), times of day (TIME)
and sets (SET) — are reported apart; a system phrase that only overlaps such a gold timex is left out
of precision (neither right nor wrong).

Our values follow the contract, TimeML's do not, so values are compared after a fixed mapping (see
``timeml_forms``): a full ISO week interval equals ``YYYY-Www``, a quarter ``YYYY-Qn``, a season
``YYYY-SU``...; an interval that ends (or starts) on the DCT equals a TimeML duration of its length
("the past two months" = P2M) — as does any interval of that length when the gold is a DURATION
("the weekend" = P2D); "earlier this month" (month start → DCT) equals the month; durations
compare by length (P1W = P7D, PT24H = P1D); when the gold phrase is a strict part of ours ("since
[2011]", "between [February 22] and [March 1]") an end of our interval may match it. Gold values are
tidied: "1949-XX" → 1949, "2000-W7" → 2000-W07, P1E (decade) → P10Y, a part of day dropped from a
DATE ("2000-01-05TEV" → 2000-01-05).

Anchor: HeidelTime's value F1 on the TempEval-3 *test* set (platinum) is 77.61 (UzZaman et al. 2013);
this data is the training set, so the numbers sit beside it, not against it.

    .venv/bin/python eval/times.py [--limit N] [--json] [--errors N]
"""

from __future__ import annotations

import argparse
import calendar
import json
import re
import sys
import time
from collections import Counter
from datetime import date, timedelta

from newsfuse.annotate.times import calendar as cal
from newsfuse.annotate.times.stage import find_times
from newsfuse.settings import eval_dir

HEIDELTIME_VALUE_F1 = 77.61  # TempEval-3 test set, relaxed value F1 (task A)
CORPORA = ("timebank.jsonl", "aquaint.jsonl")


# --------------------------------------------------------------------------- data


def load_documents(limit: int | None = None) -> list[dict]:
    folder = eval_dir() / "time" / "tempeval3"
    corpora = [[json.loads(line) for line in (folder / name).open(encoding="utf-8")] for name in CORPORA]
    # Interleave the corpora so that a --limit subset holds both.
    docs: list[dict] = []
    longest = max(len(c) for c in corpora)
    for i in range(longest):
        docs.extend(c[i] for c in corpora if i < len(c))
    return docs[:limit] if limit else docs


# --------------------------------------------------------------------------- values


def duration_key(value: str) -> tuple[int, int, int] | None:
    """A duration as (months, days, seconds), whole days folded out of seconds: P1W = P7D, PT24H = P1D."""
    m = re.fullmatch(r"P(?:(\d+)Y)?(?:(\d+)Q)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?", value)
    if not m or value in ("P", "PT"):
        return None
    y, q, mo, w, d, h, mi, s = (int(g) if g else 0 for g in m.groups())
    seconds = h * 3600 + mi * 60 + s
    days = d + 7 * w + seconds // 86400
    return 12 * y + 3 * q + mo, days, seconds % 86400


def gold_value(value: str, kind: str) -> str | None:
    """The gold value tidied into the forms we compare, or None when we do not model it."""
    if kind not in ("DATE", "DURATION"):
        return None
    v = value.strip()
    while v.endswith("-XX"):
        v = v[:-3]
    v = re.sub(r"T(?:MO|AF|EV|NI|DT|MI)$", "", v)
    v = re.sub(r"-W(\d)\b", r"-W0\1", v)
    m = re.fullmatch(r"P(\d+)([ECL])", v)
    if m:
        v = f"P{int(m.group(1)) * {'E': 10, 'C': 100, 'L': 1000}[m.group(2)]}Y"
    if "X" in v or v.endswith("_REF"):
        return None
    if re.fullmatch(r"\d{2,4}|\d{4}-(?:\d{2}|\d{2}-\d{2}|W\d{2}|W\d{2}-WE|Q[1-4]|H[12]|SP|SU|FA|WI)", v):
        return v
    if v.startswith("P") and duration_key(v) is not None:
        return v
    return None


def _period_codes(first: date, last: date) -> set[str]:
    """TimeML codes of a calendar period that is exactly ``first``..``last``."""
    codes = set()
    if first.weekday() == 0 and last == first + timedelta(days=6):
        y, w, _ = first.isocalendar()
        codes.add(f"{y:04d}-W{w:02d}")
    if first.weekday() == 5 and last == first + timedelta(days=1):
        y, w, _ = first.isocalendar()
        codes.add(f"{y:04d}-W{w:02d}-WE")
    if first.day == 1 and last.day == calendar.monthrange(last.year, last.month)[1]:
        months = (last.year - first.year) * 12 + last.month - first.month + 1
        if months == 1:
            codes.add(f"{first.year:04d}-{first.month:02d}")
        if months == 3 and first.month in (1, 4, 7, 10):
            codes.add(f"{first.year:04d}-Q{(first.month - 1) // 3 + 1}")
        if months == 6 and first.month in (1, 7):
            codes.add(f"{first.year:04d}-H{1 if first.month == 1 else 2}")
        if months == 12 and first.month == 1:
            codes.add(f"{first.year:04d}")
        if months == 3 and first.month in (3, 6, 9, 12):
            codes.add(f"{first.year:04d}-{ {3: 'SP', 6: 'SU', 9: 'FA', 12: 'WI'}[first.month] }".replace(" ", ""))
    return codes


def _containing_period_codes(first: date, last: date, dct: date) -> set[str]:
    """'earlier this month' (month start → DCT) and 'later this month' (DCT → month end) are
    TimeML's month; likewise week, quarter and year."""
    codes = set()
    week = first - timedelta(days=first.weekday())
    q_first = date(first.year, 3 * ((first.month - 1) // 3) + 1, 1)
    periods = {
        "week": (week, week + timedelta(days=6)),
        "month": (first.replace(day=1), cal.bounds(f"{first.year:04d}-{first.month:02d}")[1]),
        "quarter": (q_first, cal.bounds(f"{cal.add_months(q_first, 2).year:04d}-{cal.add_months(q_first, 2).month:02d}")[1]),
        "year": (date(first.year, 1, 1), date(first.year, 12, 31)),
    }
    for kind, (p_first, p_last) in periods.items():
        if (first, last) in ((p_first, dct), (dct, p_last)) and p_first <= dct <= p_last:
            y, w, _ = p_first.isocalendar()
            codes.add(
                {"week": f"{y:04d}-W{w:02d}", "month": f"{p_first.year:04d}-{p_first.month:02d}",
                 "quarter": f"{p_first.year:04d}-Q{(p_first.month - 1) // 3 + 1}", "year": f"{p_first.year:04d}"}[kind]
            )
    return codes


def _lengths(first: date, last: date) -> set[tuple[int, int, int]]:
    """Duration keys an interval can stand for: its length in days, and in months/years when whole."""
    keys = {(0, (last - first).days, 0), (0, (last - first).days + 1, 0)}
    for months in range(1, 1201):
        end = cal.add_months(first, months)
        if end in (last, last + timedelta(days=1)):
            keys.add((months, 0, 0))
        if end > last + timedelta(days=1):
            break
    return keys


def timeml_forms(value: str | None, dct: date, gold_inside: bool) -> set:
    """Everything our value may equal in TimeML terms (strings, and duration keys as tuples)."""
    if value is None:
        return set()
    if value.startswith("P"):
        key = duration_key(value)
        return {key} if key else set()
    if "/" not in value:
        return {value}
    a, b = value.split("/", 1)
    span = cal.bounds(value)
    if span is None:
        return set()
    first, last = span
    forms: set = set(_period_codes(first, last)) | _lengths(first, last) | _containing_period_codes(first, last, dct)
    if gold_inside:
        forms |= {a, b}
    return forms


def gold_form(v: str):
    return duration_key(v) if v.startswith("P") else v


# --------------------------------------------------------------------------- scoring


def _category(t: dict) -> str:
    """Why a gold timex is out of scope (for the 'apart' table)."""
    if t["type"] in ("TIME", "SET"):
        return t["type"]
    if re.search(r"T\d", t["value"]):
        return "TIME"  # a clock time typed DATE ("9 a.m. Tuesday")
    if t["value"].endswith("_REF"):
        return t["value"]
    if "X" in t["value"]:
        return "fuzzy (X)"
    return "other"


def score(limit: int | None = None, errors: int = 0) -> dict:
    docs = load_documents(limit)
    c = Counter()
    apart = Counter()
    apart_found = Counter()
    by_type = Counter()
    shown = 0
    started = time.perf_counter()
    for doc in docs:
        dct = cal.parse_anchor(doc["dct"])
        ours = find_times(doc["text"], doc["dct"])
        golds = doc["timexes"]
        in_scope = [(g, gold_value(g["value"], g["type"])) for g in golds]
        sys_right = [False] * len(ours)
        sys_in = [False] * len(ours)
        sys_out = [False] * len(ours)
        for g, gv in in_scope:
            hits = [i for i, t in enumerate(ours) if t.start < g["end"] and g["start"] < t.end]
            if gv is None:
                apart[_category(g)] += 1
                apart_found[_category(g)] += bool(hits)
                for i in hits:
                    sys_out[i] = True
                continue
            c["gold"] += 1
            by_type[g["type"], "gold"] += 1
            for i in hits:
                sys_in[i] = True
            if not hits:
                if errors and shown < errors:
                    shown += 1
                    print(f"MISS  {doc['id']}: {g['text']!r} {g['type']} {g['value']}", file=sys.stderr)
                continue
            c["gold_found"] += 1
            by_type[g["type"], "found"] += 1
            right = exact = False
            for i in hits:
                t = ours[i]
                inside = t.start <= g["start"] and g["end"] <= t.end and (t.end - t.start) > (g["end"] - g["start"])
                if gold_form(gv) in timeml_forms(t.value, dct, inside):
                    right = sys_right[i] = True
                if t.value is not None and gold_form(gv) == gold_form(t.value):
                    exact = True
            c["gold_value_right"] += right
            c["gold_value_exact"] += exact
            by_type[g["type"], "right"] += right
            if not right and errors and shown < errors:
                shown += 1
                print(f"VALUE {doc['id']} dct={doc['dct'][:10]}: gold {g['text']!r}={g['value']} ours "
                      f"{[(ours[i].text, ours[i].value) for i in hits]}", file=sys.stderr)
        for i, t in enumerate(ours):
            if sys_out[i] and not sys_in[i]:
                continue  # only overlaps timexes we do not model
            c["sys"] += 1
            c["sys_overlap"] += sys_in[i]
            c["sys_value_right"] += sys_right[i]
            if not sys_in[i] and errors and shown < errors:
                shown += 1
                print(f"EXTRA {doc['id']}: {t.text!r} -> {t.value}", file=sys.stderr)
    seconds = time.perf_counter() - started

    def f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    span_p = c["sys_overlap"] / c["sys"] if c["sys"] else 0.0
    span_r = c["gold_found"] / c["gold"] if c["gold"] else 0.0
    value_p = c["sys_value_right"] / c["sys"] if c["sys"] else 0.0
    value_r = c["gold_value_right"] / c["gold"] if c["gold"] else 0.0
    metrics = {
        "documents": len(docs),
        "gold_in_scope": c["gold"],
        "system_phrases": c["sys"],
        "span_precision": round(100 * span_p, 2),
        "span_recall": round(100 * span_r, 2),
        "span_f1": round(100 * f1(span_p, span_r), 2),
        "value_accuracy_matched": round(100 * c["gold_value_right"] / c["gold_found"], 2) if c["gold_found"] else 0.0,
        "value_precision": round(100 * value_p, 2),
        "value_recall": round(100 * value_r, 2),
        "value_f1": round(100 * f1(value_p, value_r), 2),
        # Without the mapping: our value string equals TimeML's (durations by length). Shows how
        # much of the value score rests on reading our intervals as TimeML's weeks, quarters, durations.
        "value_accuracy_matched_exact": round(100 * c["gold_value_exact"] / c["gold_found"], 2) if c["gold_found"] else 0.0,
        "heideltime_value_f1_te3_test": HEIDELTIME_VALUE_F1,
        "seconds": round(seconds, 2),
    }
    for kind in ("DATE", "DURATION"):
        gold, found, right = (by_type[kind, k] for k in ("gold", "found", "right"))
        metrics[f"{kind.lower()}_recall"] = round(100 * found / gold, 2) if gold else 0.0
        metrics[f"{kind.lower()}_value_accuracy"] = round(100 * right / found, 2) if found else 0.0
    metrics["apart"] = {k: {"gold": apart[k], "overlapped": apart_found[k]} for k in sorted(apart)}
    return metrics


def run(limit: int | None = None) -> dict:
    return score(limit)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents (both corpora)")
    parser.add_argument("--json", action="store_true", help="print the metrics as one JSON object at the end")
    parser.add_argument("--errors", type=int, default=0, help="print up to N misses/wrong values to stderr")
    args = parser.parse_args(argv)
    folder = eval_dir() / "time" / "tempeval3"
    if not folder.exists():
        print(f"no evaluation data at {folder}", file=sys.stderr)
        return 1
    m = score(args.limit, args.errors)
    print(f"TempEval-3 TBAQ (TimeBank + AQUAINT), {m['documents']} documents, DCT as publish date")
    print(f"in scope: {m['gold_in_scope']} DATE/DURATION timexes; {m['system_phrases']} of our phrases counted")
    print(f"{'metric':34}{'newsfuse':>10}{'HeidelTime':>12}")
    print(f"{'span P / R / F1 (relaxed)':34}{m['span_precision']:>6.2f} / {m['span_recall']:.2f} / {m['span_f1']:.2f}")
    print(f"{'value accuracy (matched)':34}{m['value_accuracy_matched']:>10.2f}")
    print(f"{'  same, exact string, no mapping':34}{m['value_accuracy_matched_exact']:>10.2f}")
    print(f"{'value P / R':34}{m['value_precision']:>6.2f} / {m['value_recall']:.2f}")
    print(f"{'value F1':34}{m['value_f1']:>10.2f}{HEIDELTIME_VALUE_F1:>12.2f}  (HeidelTime: TE-3 test set)")
    for kind in ("date", "duration"):
        print(f"{kind.upper() + ' recall / value acc.':34}{m[kind + '_recall']:>6.2f} / {m[kind + '_value_accuracy']:.2f}")
    print("not modelled (reported apart): gold count, overlapped by one of our phrases")
    for k, v in m["apart"].items():
        print(f"  {k:20}{v['gold']:>6}{v['overlapped']:>6}")
    print(f"time: {m['seconds']:.1f} s")
    if args.json:
        print(json.dumps(m))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
