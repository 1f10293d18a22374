"""Figure reconciliation: which reports of a story count the same thing, and do their sources agree?

**Grouping** (CONTRACT.md, "figure group"). Two reports are compared only when they share

- the *category* ("dead", "fled", ...);
- a compatible *subject*. ``civilians`` and ``people`` share a group, because outlets relabel the same
  toll ("16 people" / "16 civilians"); a civilian count clearly below every people count ("15 civilians"
  among "over 50 people") is a part of it, so it is split into its own ``civilians`` group and never
  compared as the whole. ``children`` and ``women`` are always parts: their own groups. ``fighters``,
  ``soldiers``, ``police``, ``migrants``, ``other`` (and any other label) only meet the same label;
- the *place* (:mod:`newsfuse.corpus.figures.places`): equal GeoNames ids (else equal names; points a few km
  apart are one place). A figure with no place, or a coarser one (a country, a province holding it),
  is taken to be about the one finer place the other reports of that count name; when they name
  several it keeps a group of its own and is compared with none of them;
- the *period* (:mod:`newsfuse.knowledge.periods`): equal ISO periods; or cumulative counts with the same start,
  whatever their end ("since Sunday"); or, both periods unknown, articles published within
  :data:`~.grouping.SAME_DAYS` days (a week: the follow-up tolls of one incident arrive over several days). A
  window nested in another ("48 hours" inside "10 days") is another group, and a figure whose period
  is unknown never meets a known one;
- a magnitude: counts :data:`~.grouping.APART` times apart or more are not the same thing (a war's total beside
  an attack's toll, both "killed", place and period unknown).

Negated and modal figures ("no one was hurt", "could rise to 200") are not compared as facts: each is
returned as its own group with ``compared=False``.

**Sources.** Every report rests on *sources*: the claimant's parties (see :mod:`newsfuse.knowledge.parties`;
a claimant that is a registered outlet stands for that outlet's owner/state group; a named origin,
"citing the health ministry", is a source too; a generic one, "activists", only within one outlet
group), or, when the text names no claimant, the outlet's own reporting: one source per owner or state
(``registry``). An unattributed figure that repeats a figure its own article attributes ("25 killed ...
SOHR said 25") takes that attribution. Reports also come from *texts*: an article and its reprints
(``reuse``) are one text, and a figure inside a reused sentence (a wire paragraph several articles
carry) belongs to the text of the sentence's origin. Two reports are **independent** when they share
no source and come from different texts; the number of independent sources of a set of reports is
the largest number of its reports that are pairwise independent (a bipartite matching of sources to
texts). Thus "3 outlets, all citing OCHA" is one source, and so is one wire text that carries both
SOHR's and SANA's count.

**Status**, first that applies:

1. ``conflicting``: two independent reports whose ranges cannot both hold (disjoint; a civilian count
   may be lower than a people count, not higher) and which no update explains. Vague amounts
   ("dozens", "hundreds") are too loose to contradict anything.
2. ``updated``: the disagreement is a rising count: a toll (deaths, injuries, missing, displaced...) or
   a cumulative count reported higher later; or one source's own count rising across its articles
   (SOHR's 31, then 43). When a count is seen moving (that, cumulative wording, or the same event's
   death toll rising beside its injuries), same-day differences and superseded lower counts are part
   of the rise; a later, lower count that nothing supersedes is still a conflict. A floor ("at least
   26") followed, no earlier, by a count more than :data:`FLOOR_RISE` higher ("35 in total") is a rise
   too, though the ranges overlap, when the same source gives it, it is a running total, or the toll
   is seen moving; another named party's clearly higher count after a floor, with nothing saying the
   toll moved ("at least 16", then a rescuer's "at least 32"), is a disagreement (rule 1).
3. ``corroborated``: at least two independent sources give compatible ranges (1-D ranges that pairwise
   overlap share a point, so the agreeing set is the reports through the best point).
4. ``single_source``: everything else.

``low``/``high``: the intersection of the agreeing reports (for ``updated``, of the reports through the
highest, latest count); ``None`` for conflicts, whose reports carry a ``side`` (0: the side with the
most independent support). Every group has a one-line ``reason`` a person can read.

Why one module of this length: the reports, the grouping and the places are modules of their own
(:mod:`.reports`, :mod:`.grouping`, :mod:`.places`); what stays here is the status rules, which
read each other, and the JSON of a group.

>>> from newsfuse.model import Article, Figure, SpanRef
>>> def art(i, src, day, text, value, who):
...     s = text.index(str(value)); e = s + len(str(value))
...     f = Figure(s, e, str(value), value, value, value, "exact", "people", "dead", "people",
...                claimant=SpanRef(0, len(who), who, who))
...     return Article.create(id=i, text=text, source=src, published=day, figures=(f,))
>>> arts = [art("a", "Ledger", "2024-02-03", "SOHR said 350 people died in Telmar.", 350, "SOHR"),
...         art("b", "Courier", "2024-02-03", "The White Helmets said 280 people died in Telmar.", 280, "White Helmets")]
>>> [(g.status, g.reason) for g in reconcile_figures(arts, story="s1")]
[('conflicting', "differs: SOHR's 350 vs White Helmets' 280 for the same event")]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

from ...annotate.clean.sentences import sentence_at
from ...knowledge.outlets import OutletRegistry
from ...knowledge.periods import When, describe, parse_period
from ...model import Article, FigureGroup, FigureReport, PlaceRef
from ..reuse import ArticleReuse, ReuseGroup
from .grouping import family, group_reports
from .places import contains as place_holds, scope_of
from .reports import (
    Report, assign_components, below, contains, independent, independent_count, inherit_claimants, intersection,
    make_reports, mark_passages, num, relation, shown, source_keys, text_groups, told_as_update,
)

FLOOR_RISE = 0.20  # "at least N" then a count this much higher: the toll rose (see _floor_rises)
RISE = 0.10  # one source's two counts differing by more than this share are a changed count, not a paraphrase
FIRM_READING = 0.9  # figure confidence of a kind read from its governing word (figures stage: 0.9; guessed: 0.6)

# Counts that only grow as information comes in: a higher later toll supersedes, it does not contradict.
TOLL_CATEGORIES = frozenset({"dead", "injured", "dead_or_injured", "missing", "abducted", "detained",
                             "displaced", "homes_destroyed", "affected"})
CASUALTY_CATEGORIES = frozenset({"dead", "injured", "dead_or_injured"})  # one event's counts that move together

# Typed casualty and displacement counts get a verdict; "other" (crowds, unclassified counts) is listed only.
JUDGED_CATEGORIES = frozenset({"dead", "injured", "dead_or_injured", "missing", "abducted", "detained", "displaced",
                               "fled", "arrived", "sheltered", "returned", "surrendered", "present", "affected",
                               "homes_destroyed"})

STATUS_ORDER = ("conflicting", "updated", "corroborated", "single_source")


# --------------------------------------------------------------------------- status


@dataclass
class _Verdict:
    status: str
    reason: str
    low: float | None = None
    high: float | None = None
    sides: dict[int, int] = field(default_factory=dict)  # report index -> side
    side_labels: tuple[str, ...] = ()
    independent: int = 1
    confidence: float | None = None


def _best_point(reports: Sequence[Report], prefer_high: bool = False) -> list[Report]:
    """The reports through the point that the most independent sources allow (1-D: pairwise
    overlapping ranges share a point, so this is the largest agreeing set)."""
    points = sorted({x for r in reports for x in (r.lo, r.hi) if x is not None})
    if not points:
        return list(reports)
    best: tuple = ()
    chosen: list[Report] = []
    for x in points:
        members = [r for r in reports if contains(r, x)]
        score = (independent_count(members), sum(not r.vague for r in members), len(members),
                 x if prefer_high else -x)
        if score > best:
            best, chosen = score, members
    return chosen


_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&.\-]{1,7}$")


def _comp_label(reports: Sequence[Report]) -> str:
    """How to name one source: a named claimant over a generic one; an acronym the texts use
    ("OCHA") over a long canonical name; else the outlet."""
    common = frozenset.intersection(*(r.keys for r in reports))
    if common and len({r.label for r in reports}) > 1:
        # Several names, one source they all rest on ("UNHCR, citing the ministry" and "the ministry").
        key = sorted(common, key=lambda k: (k.startswith("gen:"), k))[0]
        for r in reports:
            if key in r.key_labels:
                return r.key_labels[key]
    named = [r for r in reports if r.claim and not all(p.generic for p in r.claim)]
    pool = named or [r for r in reports if r.claim or r.inherited] or list(reports)
    label = pool[0].label
    if len(label) > 30:
        for r in pool:
            written = (r.figure.claimant.text if r.figure.claimant else "").strip()
            written = re.sub(r"^(?:the|The)\s+", "", written)
            if _ACRONYM.match(written):
                return written
    return label


def _label_with_outlets(reports: Sequence[Report]) -> str:
    """'OCHA (Ledger, Courier) and UNHCR (Meridian Wire)': each source with the outlets carrying it."""
    by_comp: dict[str, list[Report]] = {}
    for r in reports:
        by_comp.setdefault(r.comp, []).append(r)
    parts = []
    for members in by_comp.values():
        label = _comp_label(members)
        outlets = [o for o in dict.fromkeys(r.outlet for r in members) if o != label]
        parts.append(f"{label} ({', '.join(outlets)})" if outlets else label)
    return ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]


def _scope(group: Sequence[Report]) -> str:
    period = next((r.period for r in group if r.period is not None), None)
    if period is None:
        return "event"
    return f"window ({describe(period)})"


def _possessive(label: str) -> str:
    return label + "'" if label.endswith("s") else label + "'s"


def _side_by_side(group: list[Report]) -> set[tuple[str, float, float]]:
    """(source, lower, higher) for two counts that one source gives side by side in one article: two
    scopes of one toll ("120 fighters ... 80 of them at Mayadeen ... 40 near Albu Kamal"), so the same
    two numbers elsewhere are neither a rise nor a conflict."""
    by_article: dict[tuple[str, str], set[float]] = {}
    for r in group:
        if not r.vague and r.stated is not None:
            by_article.setdefault((r.article.id, r.comp), set()).add(r.stated)
    out = set()
    for (_article, comp), values in by_article.items():
        for x in values:
            for y in values:
                if x < y:
                    out.add((comp, x, y))
    return out


def _scopes_of_one_toll(a: Report, b: Report, side_by_side: set[tuple[str, float, float]]) -> bool:
    if a.stated is None or b.stated is None:
        return False
    lo, hi = sorted((a.stated, b.stated))
    return any((c, lo, hi) in side_by_side for c in {a.comp, b.comp})


def _article_totals(group: list[Report]) -> dict[str, float]:
    """Article id → the largest firm count it gives in this group: its total; smaller counts beside it
    may be its parts (a village's dead beside the district's, one faction's beside all fighters)."""
    out: dict[str, float] = {}
    for r in group:
        if not r.vague and r.stated is not None:
            out[r.article.id] = max(out.get(r.article.id, r.stated), r.stated)
    return out


def _below_own_total(r: Report, totals: dict[str, float]) -> bool:
    return r.stated is not None and r.stated < totals.get(r.article.id, r.stated)


def _place_part(part: Report, whole: Report) -> bool:
    """``part`` counts a smaller place inside ``whole``'s (a village of the district) and is lower:
    a part of that toll, which may never exceed it but need not equal it."""
    inner, outer = scope_of(part.figure.place, part.article), scope_of(whole.figure.place, whole.article)
    return inner is not None and outer is not None and place_holds(outer, inner) and below(part, whole)


def _own_rises(group: list[Report]) -> list[tuple[Report, Report]]:
    """One source's own count changing: a higher count that is not earlier than its lower one."""
    own_rises = []
    side_by_side = _side_by_side(group)
    totals = _article_totals(group)
    for i, a in enumerate(group):
        for b in group[i + 1:]:
            if a.comp != b.comp or a.vague or b.vague or a.stated is None or b.stated is None:
                continue
            # Two counts of one source in one article (or in reprints of it) are usually two different
            # counts ("60 foreign fighters ... some 120 fighters"); a rise shows across its reports.
            lo_r, hi_r = (a, b) if a.stated < b.stated else (b, a)
            if told_as_update(a, b, RISE):
                own_rises.append((lo_r, hi_r))
                continue
            if a.text == b.text or _scopes_of_one_toll(a, b, side_by_side) or _place_part(a, b) or _place_part(b, a):
                continue
            if _below_own_total(lo_r, totals):
                continue  # a part its article gives beside a larger count, not an earlier value
            if hi_r.stated > lo_r.stated * (1 + RISE) and not hi_r.when.before(lo_r.when):
                own_rises.append((lo_r, hi_r))
    return own_rises


def _floor_rises(group: list[Report], freshness: dict[str, float] | None = None) -> list[tuple[Report, Report]]:
    """A toll given as a floor ("at least 26 killed") and a clearly higher count reported later, or the
    same day as a running total ("35 people in total had died"): the ranges overlap, but the count has
    risen, it is not one number said two ways (within FLOOR_RISE it is: "over 20,000" and "20,500"
    agree). On one day, "later" is read from the rising death toll each article carries (``freshness``);
    two plain counts of one day in unknown order stay what the contract says: compatible."""
    rises = []
    totals = _article_totals(group)
    for low_r in group:
        if low_r.vague or low_r.stated is None or low_r.hi is not None or _below_own_total(low_r, totals):
            continue  # (a floor below its article's larger count is a part of it, not an earlier toll)
        if low_r.figure.qualifier not in ("at_least", "more_than"):
            continue
        for high_r in group:
            if high_r is low_r or high_r.vague or high_r.stated is None or high_r.when.before(low_r.when):
                continue
            later = low_r.when.before(high_r.when) or _later_by_toll(high_r, low_r, freshness)
            if not (later or high_r.figure.cumulative):
                continue  # same day, order unknown, and nothing says the higher count is the newer total
            if high_r.stated > low_r.stated * (1 + FLOOR_RISE) and high_r.text != low_r.text:
                rises.append((low_r, high_r))
    return rises


def _freshness(group: list[Report], siblings: list[list[Report]]) -> dict[str, float]:
    """Article id → the highest death toll it gives, when the same event's death toll is rising and
    ``group`` counts something else (the injured, the children among the dead). Reports of one day carry no time, but a toll that
    rose through the day orders them: an article with 31 dead was written before one with 44."""
    out: dict[str, float] = {}
    if _is_clock(group):
        return out  # the death toll is the clock; it is not read by another count
    for sib in siblings:
        if not _is_clock(sib):
            continue
        for r in sib:
            if r.stated is not None and not r.vague:
                out[r.article.id] = max(out.get(r.article.id, 0.0), r.stated)
    return out


def _is_clock(group: list[Report]) -> bool:
    """The event's overall death toll (people or civilians): the count that dates same-day reports."""
    return group[0].figure.category == "dead" and family(group[0].figure.subject) == "people"


def _later_by_toll(low_r: Report, high_r: Report, freshness: dict[str, float] | None) -> bool:
    """``low_r`` is the later report by the sibling toll its article carries (both must carry one)."""
    if not freshness or low_r.article.id == high_r.article.id:
        return False
    a, b = freshness.get(low_r.article.id), freshness.get(high_r.article.id)
    return a is not None and b is not None and a > b * (1 + RISE)


def _is_rising(group: list[Report]) -> bool:
    return any(r.figure.cumulative for r in group) or bool(_own_rises(group))


def _siblings(a: list[Report], b: list[Report]) -> bool:
    """Two casualty counts of one event (deaths and injuries): same place (or one holding the other:
    "Syria" and "Idlib"), same period, same articles."""
    if a is b or not {a[0].figure.category, b[0].figure.category} <= CASUALTY_CATEGORIES:
        return False
    if a[0].place_key != b[0].place_key and not _place_holds(a, b) and not _place_holds(b, a):
        return False
    periods_a, periods_b = {r.figure.period for r in a}, {r.figure.period for r in b}
    if periods_a != {None} or periods_b != {None}:
        if not (periods_a & periods_b) - {None}:
            return False
    return bool({r.article.id for r in a} & {r.article.id for r in b})


def _place_holds(outer: list[Report], inner: list[Report]) -> bool:
    """Every place of ``outer``'s reports is unknown or a coarser area holding a place of ``inner``'s."""
    inner_scopes = [s for s in (scope_of(r.figure.place, r.article) for r in inner) if s is not None]
    for r in outer:
        s = scope_of(r.figure.place, r.article)
        if s is not None and not any(place_holds(s, i) for i in inner_scopes):
            return False
    return bool(inner_scopes)


def _status(group: list[Report], copy_of: dict[str, tuple[str, ...]], moving: bool = False,
            freshness: dict[str, float] | None = None) -> _Verdict:
    """The group's verdict; ``moving``: a sibling count of the same event (its death toll) is rising;
    ``freshness``: article id → the rising sibling count it carries (see :func:`_freshness`).

    An increment ("three more died") is not a total: it is never compared with the toll it raises,
    but it shows that toll moving."""
    counts = [r for r in group if not r.increment]
    if not counts:
        return _Verdict("single_source", "only increments (\"N more\"), no total to compare: "
                        + _label_with_outlets(group), None, None, independent=independent_count(group))
    if len(counts) < len(group):
        return _status(counts, copy_of, True, freshness)
    n_all = independent_count(group)
    totals = _article_totals(group)
    category = group[0].figure.category
    toll = category in TOLL_CATEGORIES or any(r.figure.cumulative for r in group)
    own_rises = _own_rises(group)
    side_by_side = _side_by_side(group)
    # When a count is seen moving (its own source raising it, cumulative wording, or the same event's
    # death toll rising), same-day differences and superseded lower counts are part of the rise.
    rising = bool(own_rises) or any(r.figure.cumulative for r in group) or moving
    # Stricter, for another party's higher count: the text says the count moved, a total is not enough.
    told = bool(own_rises) or moving or any(_told_rising(r) for r in group)

    last = max((r.when for r in group if r.when.day is not None), key=lambda w: w.key, default=When(None))
    conflicts: list[tuple[Report, Report]] = []
    updates: list[tuple[Report, Report]] = []
    for i, a in enumerate(group):
        for b in group[i + 1:]:
            if not independent(a, b) or a.vague or b.vague or relation(a, b) != "clash":
                continue
            if _scopes_of_one_toll(a, b, side_by_side) or _place_part(a, b) or _place_part(b, a):
                continue
            low_r, high_r = (a, b) if below(a, b) else (b, a)
            if _below_own_total(low_r, totals):
                continue  # a part of its article's larger count: only totals are compared with totals
            if not toll:
                conflicts.append((low_r, high_r))
            elif not _firm_reading(a) or not _firm_reading(b):
                continue  # a toll guessed from a nearby word is listed, not set against another as a conflict
            elif low_r.when.before(high_r.when):
                # A later, higher toll is a rise only when something shows the count moving (a source
                # raising its own count, "the toll rose to", the event's death toll rising); another
                # party's higher number alone is a disagreement, not news of a rise, and so is another
                # party's "total" ("a total of 1,500 have fallen victim"): a total says nothing of a rise.
                (updates if told else conflicts).append((low_r, high_r))
            elif high_r.when.before(low_r.when):
                # A later, lower count contradicts, unless a later count has superseded it.
                superseded = rising and low_r.when.before(last)
                (updates if superseded else conflicts).append((low_r, high_r))
            elif _later_by_toll(low_r, high_r, freshness):
                # Same day, but the rising death toll each article carries dates them: the higher count
                # came first and a later report lowered it.
                conflicts.append((low_r, high_r))
            else:  # same day, order unknown
                (updates if rising else conflicts).append((low_r, high_r))

    if toll:
        # A floor raised by its own source, or with the toll seen moving, is a rise; another named
        # party's clearly higher count after a floor ("at least 16" by one monitor, "at least 32" by a
        # rescuer) is, like any other party's higher number, a disagreement: nothing says the toll moved.
        for low_r, high_r in _floor_rises(group, freshness):
            rival = _rival_claimants(low_r, high_r) and not told and not high_r.figure.cumulative
            (conflicts if rival else updates).append((low_r, high_r))
    if conflicts:
        return _conflict(group, conflicts, n_all)
    if updates or own_rises:
        return _update(group, updates + own_rises, n_all)
    agreeing = _best_point(group)
    n_agree = independent_count(agreeing)
    low, high = intersection(agreeing)
    if n_agree >= 2:
        reason = f"{n_agree} independent sources agree: {_label_with_outlets(agreeing)}"
        return _Verdict("corroborated", reason, low, high, independent=n_agree)
    return _Verdict("single_source", _single_reason(group, copy_of, n_all), low, high, independent=n_all)


_RISE_WORDS = re.compile(
    r"\b(?:rose|risen|rises|rising|climb(?:ed|ing|s)?|jump(?:ed|s)?|increas(?:ed|es|ing)|revised|updated?|"
    r"updating|rais(?:ed|ing)|mount(?:ed|ing)|new(?:\s+death)?\s+toll|latest(?:\s+death)?\s+toll|"
    r"bringing\s+the\s+(?:death\s+)?(?:toll|total|number))\b", re.I)


_EARLIER_REPORT = re.compile(r"\W*earlier\b", re.I)  # "Earlier on Wednesday, a source said seven were killed"


def _told_rising(r: Report) -> bool:
    """The count's sentence, up to the count, says the toll moved ("the toll rose to", "the latest toll",
    "bringing the death toll to"; or opens "Earlier", an earlier report the article has moved on from), not
    only that it is a total ("a total of", "so far")."""
    sentence = sentence_at(r.article, r.figure.start)
    start = sentence.start if sentence is not None else max(0, r.figure.start - 200)
    return r.figure.cumulative and (_RISE_WORDS.search(r.article.text, start, r.figure.end) is not None
                                    or _EARLIER_REPORT.match(r.article.text, start) is not None)


def _named_claim(r: Report) -> bool:
    """The count is attributed to named parties only: an unattributed count, or a generic claimant
    ("a war monitor", "activists"), may be relaying a party named elsewhere."""
    return bool(r.claim) and not any(p.generic for p in r.claim)


def _rival_claimants(a: Report, b: Report) -> bool:
    """Two reports whose counts are two different named parties' own."""
    return a.comp != b.comp and _named_claim(a) and _named_claim(b)


def _firm_reading(r: Report) -> bool:
    """The count's kind was read from a word that governs it (a verb, a toll word, its noun), not guessed
    from the nearest trigger: only such readings are set against each other as a conflict. Counts
    given with no confidence (typed in, imported) are taken as firm."""
    return r.figure.confidence is None or r.figure.confidence >= FIRM_READING


def _unjudged(group: list[Report]) -> _Verdict:
    """Counts of no typed kind (crowds, "other"): listed with their sources, never cross-checked.
    (Vague casualty counts that overlap still agree: annotators read "dozens" and "scores" of wounded
    as corroboration; on the tune half, not judging them lost 0.026.)"""
    low, high = intersection(group)
    return _Verdict("single_source", "not enough to judge: counts of an untyped kind, listed, not cross-checked ("
                    + _label_with_outlets(group) + ")", low, high, independent=independent_count(group))


def _confidence(v: _Verdict, group: list[Report]) -> float | None:
    """How far a verdict can be trusted, from what it rests on: more independent sources and firm
    (not vague) counts for agreement; a wider gap between the sides for a conflict; a source raising its
    own count or saying the toll rose, rather than another party's higher number, for an update."""
    firm = [r for r in group if not r.vague]
    if v.status == "single_source":
        return None
    if v.status == "corroborated":
        base = 0.55 if not firm else 0.7
        return round(min(0.95, base + 0.1 * (v.independent - 2)), 2)
    if v.status == "conflicting":
        values = sorted(r.stated for r in firm if r.stated)
        if len(values) < 2 or values[-1] <= 0:
            return 0.5
        return round(min(0.95, 0.5 + (values[-1] - values[0]) / values[-1]), 2)
    moving = any(r.figure.cumulative for r in group) or bool(_own_rises(group))
    return 0.8 if moving else 0.6


def _conflict(group: list[Report], conflicts: list[tuple[Report, Report]], n_all: int) -> _Verdict:
    remaining = [r for r in group if not r.vague]
    sides: dict[int, int] = {}
    labels = []
    side = 0
    while remaining:
        members = _best_point(remaining, prefer_high=True)
        lo, hi = intersection(members)
        for r in members:
            sides[id(r)] = side
        span = num(lo) if lo == hi else (f"{num(lo)}–{num(hi)}" if hi is not None else f"{num(lo)}+")
        labels.append(f"{span} ({_label_with_outlets(members)})")
        remaining = [r for r in remaining if r not in members]
        side += 1
    for r in group:  # vague reports join the first side they fit
        if id(r) not in sides:
            for s in range(side):
                if all(relation(r, o) != "clash" for o in group if sides.get(id(o)) == s):
                    sides[id(r)] = s
                    break
    # The conflict to show: the pair with the most independent support on both sides.
    a, b = max(conflicts, key=lambda p: (sides.get(id(p[0]), 99) == 0 or sides.get(id(p[1]), 99) == 0,
                                          -abs(sides.get(id(p[0]), 99) - sides.get(id(p[1]), 99))))
    first, second = (a, b) if sides.get(id(a), 99) <= sides.get(id(b), 99) else (b, a)
    reason = (f"differs: {_possessive(_comp_label([first]))} {shown(first)} vs "
              f"{_possessive(_comp_label([second]))} {shown(second)} for the same {_scope(group)}")
    return _Verdict("conflicting", reason, None, None, sides, tuple(labels), n_all)


def _update(group: list[Report], rises: list[tuple[Report, Report]], n_all: int) -> _Verdict:
    # The current count: the reports through the highest stated count of the latest reports.
    firm = [r for r in group if not r.vague]
    top = max(firm, key=lambda r: (r.lo if r.lo is not None else r.stated or 0, r.when.key))
    x = top.lo if top.lo is not None else top.stated
    current = [r for r in group if x is not None and contains(r, x)] or [top]
    low, high = intersection(current)
    start = min((p[0] for p in rises), key=lambda r: (r.when.key, r.stated or 0))
    when_a, when_b = start.when.label(), top.when.label()
    dates = f" ({when_a})" if when_a != when_b else ""
    reason = (f"rose from {shown(start)} ({_comp_label([start])}{', ' + when_a if dates else ''}) to "
              f"{shown(top)} ({_comp_label([top])}{', ' + when_b if dates else ''})")
    return _Verdict("updated", reason, low, high, independent=n_all)


def _single_reason(group: list[Report], copy_of: dict[str, tuple[str, ...]], n_all: int) -> str:
    outlets = list(dict.fromkeys(r.outlet for r in group))
    ids = {r.article.id for r in group}
    names = {r.article.id: r.outlet for r in group}
    copies = [(a, c) for a in dict.fromkeys(r.article.id for r in group) for c in copy_of.get(a, ()) if c in ids]
    copy_note = "; " + ", ".join(f"{names[a]} reprints {names[c]}" for a, c in copies[:3]) if copies else ""
    if n_all >= 2:
        return "no two independent sources agree: " + _label_with_outlets(group)
    attributed = [r for r in group if r.claim or r.inherited]
    if len(group) == 1 or len(outlets) == 1:
        r = group[0]
        mentions = f" ({len(group)} mentions)" if len(group) > 1 else ""
        if attributed:
            return f"only {_comp_label(group)}, via {r.outlet}{mentions}"
        return f"only {r.outlet}'s own report{mentions}"
    label = _comp_label(group)
    shared = [r for r in group if r.passage and r.passage != r.article.id]
    if shared and not copies:
        who = f", citing {label}" if attributed else ""
        return f"the same reused passage in {', '.join(outlets)}{who}"
    if len({r.comp for r in group}) == 1:
        if attributed and len(attributed) == len(group):
            return f"{len(outlets)} outlets, all citing {label}{copy_note}"
        if attributed:
            how = "; ".join(dict.fromkeys(f"{r.outlet} citing {r.label}" if (r.claim or r.inherited)
                                          else f"{r.outlet}'s own report" for r in group))
            return f"{len(outlets)} outlets, one source ({label}): {how}"
        if copies:
            return f"{len(outlets)} outlets, one text{copy_note}"
        return f"{len(outlets)} outlets of one owner or state ({', '.join(outlets)})"
    if len({r.text for r in group}) == 1:
        return f"one text{copy_note}: {_label_with_outlets(group)}"
    return "one independent source: " + _label_with_outlets(group)


# --------------------------------------------------------------------------- the API


def reconcile_figures(
    articles: Sequence[Article],
    *,
    story: str,
    reuse: dict[str, ArticleReuse] | None = None,
    registry: OutletRegistry | None = None,
    reuse_groups: Sequence[ReuseGroup] | None = None,
) -> list[FigureGroup]:
    """Group the figures of one story's articles and give each group a status, a reason and its reports.

    ``reuse``: article id → :class:`~newsfuse.corpus.reuse.ArticleReuse`; when None it is computed here, with
    the reused sentences (``ReuseIndex.groups()``), so that a figure in a wire paragraph that several
    articles carry counts once. Pass ``reuse_groups`` with ``reuse`` to get that from your own index.
    ``registry``: the outlet registry (the bundled one plus the user's when None).
    Groups come in a stable order: compared groups by category, subject, place and period, then the
    figures that were not compared.
    """
    registry = registry or OutletRegistry.load()
    text_of, copy_of, outlet_group, passages = text_groups(articles, reuse, registry)
    if reuse_groups is not None:
        passages = list(reuse_groups)
    reports = make_reports(articles, text_of, registry)
    mark_passages(reports, passages, text_of)
    for r in reports:
        # A reprinted sentence with no claimant is its origin outlet's own reporting.
        origin = r.passage if r.passage in outlet_group else r.article.id
        r.keys = source_keys(r, outlet_group[origin])
    factual = [r for r in reports if r.factual]
    groups: list[FigureGroup] = []
    buckets = group_reports(factual)
    for bucket in buckets:
        inherit_claimants(bucket)
        assign_components(bucket)
    rising = [_is_rising(b) for b in buckets]
    for bucket in buckets:
        if bucket[0].figure.category not in JUDGED_CATEGORIES:
            groups.append(_group_record(story, bucket, _unjudged(bucket)))
            continue
        siblings = [other for other, r in zip(buckets, rising) if r and _siblings(bucket, other)]
        verdict = _status(bucket, copy_of, bool(siblings), _freshness(bucket, siblings))
        verdict.confidence = _confidence(verdict, bucket)
        groups.append(_group_record(story, bucket, verdict))
    for r in reports:
        if not r.factual:
            groups.append(_uncompared(story, r))
    return groups


def _subject_of(bucket: Sequence[Report]) -> str:
    subjects = {r.figure.subject for r in bucket}
    # The broadest subject names the group (a total holds the part's counts set against it)
    return next((s for s in ("people", "civilians") if s in subjects), None) or sorted(subjects)[0]


def _place_of(bucket: Sequence[Report]) -> PlaceRef | None:
    """The place of the group: the place its reports were assigned to."""
    key = bucket[0].place_key
    if key == "place:unknown":
        return None
    for r in bucket:
        sc = scope_of(r.figure.place, r.article)
        if sc is not None and sc.key == key:
            return r.figure.place
    return next((r.figure.place for r in bucket if r.figure.place is not None), None)


def _period_of(bucket: Sequence[Report]) -> str | None:
    periods = [r.figure.period for r in bucket if r.figure.period]
    if not periods:
        return None
    starts = {parse_period(p).start for p in periods if parse_period(p) is not None}  # type: ignore[union-attr]
    running = len(periods) < len(bucket) and all(r.figure.cumulative for r in bucket)  # "the toll rose to"
    if (len(set(periods)) > 1 or running) and len(starts) == 1:  # cumulative counts from one start: open end
        start = next(iter(starts))
        return f"{start.isoformat()}/.." if start else periods[0]
    return periods[0]


def _chain(r: Report) -> tuple[str, ...]:
    chain = [r.outlet]
    if r.claim:
        chain.append(" and ".join(p.label for p in r.claim))
        if r.origin:
            chain.append(" and ".join(p.label for p in r.origin))
    elif r.inherited:
        chain.append(f"{r.inherited} (attributed elsewhere in the article)")
    return tuple(chain)


def _report_record(r: Report, side: int | None, totals: dict[str, float] | None = None) -> FigureReport:
    scope = ("increment" if r.increment else
             "part" if r.figure.scope or (totals is not None and _below_own_total(r, totals)) else "total")
    party = r.label if (r.claim or r.inherited) else None
    return FigureReport(article_id=r.article.id, source=r.outlet, figure=r.figure, side=side,
                        published=r.article.published, chain=_chain(r), sources=tuple(sorted(r.keys)),
                        text_group=r.text, scope=scope, party=party)


def _group_record(story: str, bucket: list[Report], v: _Verdict) -> FigureGroup:
    ordered = sorted(bucket, key=lambda r: (r.when.key, r.article.id, r.figure.start))
    totals = _article_totals(bucket)
    first = bucket[0].figure
    return FigureGroup(
        story=story, category=first.category, subject=_subject_of(bucket), place=_place_of(bucket),
        period=_period_of(bucket), status=v.status, reason=v.reason, independent_sources=v.independent,
        low=v.low, high=v.high,
        reports=tuple(_report_record(r, v.sides.get(id(r)) if v.status == "conflicting" else None, totals)
                      for r in ordered),
        sides=v.side_labels, confidence=v.confidence,
    )


def _uncompared(story: str, r: Report) -> FigureGroup:
    f = r.figure
    why = "negated" if f.negated else f"{f.modality}, not a count"
    r.keys = r.keys or frozenset({"x"})
    assign_components([r])
    return FigureGroup(
        story=story, category=f.category, subject=f.subject, place=f.place, period=f.period,
        status="single_source", reason=f"not compared as a fact ({why}): {r.label}", independent_sources=1,
        low=r.lo, high=r.hi, reports=(_report_record(r, None),), compared=False,
    )


# --------------------------------------------------------------------------- JSON (CONTRACT.md `figures`)


def _jsonnum(x: float | None) -> float | int | None:
    if x is None:
        return None
    return int(x) if float(x).is_integer() else x


def figure_group_json(group: FigureGroup) -> dict[str, Any]:
    """One entry of the brief's ``figures`` list (the contract's fields, plus ``sides``, ``chain``...)."""
    reports = []
    for rep in group.reports:
        f = rep.figure
        claimant = None if f.claimant is None else {"text": f.claimant.text, "entity": f.claimant.entity}
        item: dict[str, Any] = {
            "id": rep.article_id, "source": rep.source, "claimant": claimant,
            "value": _jsonnum(f.value), "low": _jsonnum(f.low), "high": _jsonnum(f.high),
            "start": f.start, "end": f.end, "text": f.text, "qualifier": f.qualifier,
            "published": rep.published, "chain": list(rep.chain),
            # The figure's frame: what it counts and on whose word (issue 13).
            "frame": {"scope": rep.scope, "cumulative": f.cumulative, "party": rep.party,
                      "as_of": rep.published, "outlet": rep.source},
        }
        if rep.side is not None:
            item["side"] = rep.side
        reports.append(item)
    place = None if group.place is None else {"text": group.place.text, "geonameid": group.place.geonameid}
    out: dict[str, Any] = {
        "category": group.category, "subject": group.subject, "place": place, "period": group.period,
        "status": group.status, "reason": group.reason, "independent_sources": group.independent_sources,
        "low": _jsonnum(group.low), "high": _jsonnum(group.high), "reports": reports,
    }
    if group.sides:
        out["sides"] = list(group.sides)
    if group.confidence is not None:
        out["confidence"] = group.confidence
    if group.compared and group.reason.startswith("not enough to judge"):
        out["judged"] = False
    scope = next((r.figure.scope for r in group.reports if r.figure.scope), None)
    if scope:  # a part of a larger count ("15 of the wounded ... critical condition"), never the whole
        out["scope"] = scope
    if not group.compared:
        out["compared"] = False
    return out


def figures_json(groups: Iterable[FigureGroup]) -> list[dict[str, Any]]:
    """The brief's ``figures`` list: compared groups first, most informative status first."""
    groups = list(groups)
    rank = {s: i for i, s in enumerate(STATUS_ORDER)}
    ordered = sorted(groups, key=lambda g: (not g.compared, rank.get(g.status, 9), -len(g.reports)))
    return [figure_group_json(g) for g in ordered]
