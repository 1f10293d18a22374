"""The reports reconciliation compares: one figure of one article, with its ranges and its sources.

A :class:`Report` knows its figure's range (``lo``/``hi``, None = unbounded), the *sources* it rests on
(``keys``: claimant parties, a named origin, or the outlet's own reporting per owner/state group) and
the *text* it comes from (an article and its reprints share one; a figure in a reused sentence belongs
to the text of the sentence's origin). Two reports are independent when they share no source and no
text; :func:`independent_count` is the largest number of pairwise independent reports of a set.

See :mod:`newsfuse.corpus.figures.reconcile` for how these are used.

>>> from newsfuse.model import Article, Figure
>>> f = Figure(0, 11, "At least 12", 12, 12, None, "at_least", "people", "dead", "people")
>>> a = Article.create(id="a", text="At least 12 died.", source="Ledger", figures=(f,))
>>> (r,) = make_reports([a], {"a": "text:a"}, OutletRegistry([]))
>>> r.lo, r.hi, r.vague, r.label, shown(r)
(12, None, False, 'Ledger', 'At least 12')
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Sequence

from ...knowledge.outlets import OutletRegistry
from ...knowledge.parties import Party, names_a_party, parties, split_chain
from ...knowledge.periods import Period, When, parse_period, parse_published
from ...model import Article, Figure, SpanRef
from ...text.unionfind import UnionFind
from ..reuse import ArticleReuse, ReuseGroup, ReuseIndex, independent_source_groups


# --------------------------------------------------------------------------- one report


@dataclass(eq=False)
class Report:
    article: Article
    figure: Figure
    outlet: str  # the outlet's name as the article gives it
    text: str  # text id: an article and its reprints (or a reprinted sentence and its origin) share it
    when: When
    period: Period | None
    claim: list[Party]  # the claimant's parties (empty: the outlet's own reporting)
    origin: list[Party]  # the claimant's own named source, if any
    keys: frozenset[str] = frozenset()
    inherited: str | None = None  # label of the claimant taken from the same article
    comp: str = ""  # source component within its group
    place_key: str = ""  # the place group it was assigned to
    passage: str | None = None  # origin article of the reused sentence it lies in, if any
    key_labels: dict[str, str] = field(default_factory=dict)  # source key -> how to name it

    @property
    def lo(self) -> float | None:
        f = self.figure
        if f.low is None and f.high is None and f.value is not None and f.qualifier == "exact":
            return f.value
        return f.low

    @property
    def hi(self) -> float | None:
        f = self.figure
        if f.low is None and f.high is None and f.value is not None and f.qualifier == "exact":
            return f.value
        return f.high

    @property
    def vague(self) -> bool:
        return self.figure.qualifier == "vague" or self.figure.value is None

    @property
    def stated(self) -> float | None:
        """The number the text states (the low end for 'at least', the high end for 'up to')."""
        f = self.figure
        return f.value if f.value is not None else (self.lo if self.lo is not None else self.hi)

    @property
    def label(self) -> str:
        """Who the figure comes from: the claimant, else the outlet."""
        if self.claim:
            return " and ".join(p.label for p in self.claim)
        if self.inherited:
            return self.inherited
        return self.outlet

    @cached_property  # read by every comparison of its group; the article does not change
    def increment(self) -> bool:
        """The figure counts an addition to a toll ("three more died", "a further 12"), not the toll.
        Not when another count comes first in its sentence: "killed five and wounded 12 more" (others)."""
        f, text = self.figure, self.article.text
        if self.vague or not (_INCREMENT_AFTER.match(text, f.end)
                              or _INCREMENT_BEFORE.search(text[max(0, f.start - 24):f.start])):
            return False
        sentence_start = max((s.start for s in self.article.sentences if s.start <= f.start), default=0)
        return not any(sentence_start <= g.start < f.start for g in self.article.figures)

    @property
    def factual(self) -> bool:
        return not self.figure.negated and not self.figure.modality


_INCREMENT_AFTER = re.compile(r"\s+more\b(?!\s+than)", re.I)
_INCREMENT_BEFORE = re.compile(r"\b(?:a\s+further|an\s+additional|additional)\s+$", re.I)


def num(x: float | None) -> str:
    if x is None:
        return "?"
    return f"{int(x):,}" if float(x).is_integer() else f"{x:,.1f}"


def shown(r: Report) -> str:
    """The figure as the text says it when short ("almost 3,000"), else its range."""
    t = " ".join(r.figure.text.split())
    if t and len(t) <= 24:
        return t
    if r.figure.value is not None:
        return num(r.figure.value)
    lo, hi = r.lo, r.hi
    return f"{num(lo)}–{num(hi)}" if hi is not None else f"{num(lo)}+"


# --------------------------------------------------------------------------- ranges


def overlap(a: Report, b: Report) -> bool:
    lo = max(x for x in (a.lo, b.lo, float("-inf")) if x is not None)
    hi = min(x for x in (a.hi, b.hi, float("inf")) if x is not None)
    return lo <= hi


def below(a: Report, b: Report) -> bool:
    """All of a's range lies below all of b's."""
    return a.hi is not None and b.lo is not None and a.hi < b.lo


def relation(a: Report, b: Report) -> str:
    """'agree' (ranges overlap), 'part' (a civilian count below a people count) or 'clash'."""
    if overlap(a, b):
        return "agree"
    sa, sb = a.figure.subject, b.figure.subject
    if sa == "civilians" and sb == "people" and below(a, b):
        return "part"
    if sb == "civilians" and sa == "people" and below(b, a):
        return "part"
    return "clash"


def told_as_update(a: Report, b: Report, rise: float) -> bool:
    """One article telling a toll's update: two running totals in one article, the second given more
    than ``rise`` higher than the first ("an initial death toll of 47 ... later updated to 82")."""
    if a.article.id != b.article.id or not (a.figure.cumulative and b.figure.cumulative):
        return False
    first, second = sorted((a, b), key=lambda r: r.figure.start)
    if first.stated is None or second.stated is None:
        return False
    return second.stated > first.stated * (1 + rise)


def contains(r: Report, x: float) -> bool:
    return (r.lo is None or r.lo <= x) and (r.hi is None or x <= r.hi)


def intersection(reports: Sequence[Report]) -> tuple[float | None, float | None]:
    los = [r.lo for r in reports if r.lo is not None]
    his = [r.hi for r in reports if r.hi is not None]
    return (max(los) if los else None), (min(his) if his else None)


# --------------------------------------------------------------------------- independence


def assign_components(reports: Sequence[Report]) -> None:
    """Sources named together ("SOHR and medics") or through a shared name are one component."""
    uf = UnionFind()
    for r in reports:
        keys = sorted(r.keys)
        for k in keys[1:]:
            uf.union(keys[0], k)
    for r in reports:
        r.comp = uf.find(min(r.keys))


def independent(a: Report, b: Report) -> bool:
    return a.comp != b.comp and a.text != b.text


def independent_count(reports: Sequence[Report]) -> int:
    """Largest set of pairwise independent reports: a maximum matching of source components to texts."""
    edges: dict[str, set[str]] = defaultdict(set)
    for r in reports:
        edges[r.comp].add(r.text)
    match: dict[str, str] = {}  # text -> component

    def augment(comp: str, seen: set[str]) -> bool:
        for text in sorted(edges[comp]):
            if text in seen:
                continue
            seen.add(text)
            if text not in match or augment(match[text], seen):
                match[text] = comp
                return True
        return False

    return sum(1 for comp in sorted(edges) if augment(comp, set()))


# --------------------------------------------------------------------------- building reports


def text_groups(articles: Sequence[Article], reuse: dict[str, ArticleReuse] | None,
                 registry: OutletRegistry) -> tuple[dict[str, str], dict[str, tuple[str, ...]], dict[str, str],
                                                    list[ReuseGroup]]:
    """(article → text id (copies share it), article → copy_of within the story, article → outlet
    group, reused sentences (only when reuse is computed here))."""
    ids = [a.id for a in articles]
    passages: list[ReuseGroup] = []
    if reuse is None:
        index = ReuseIndex(registry=registry)
        index.add(articles)
        reuse = index.reports(ids)
        passages = index.groups()
    inside = set(ids)
    by_id = {a.id: a for a in articles}
    reports = {}
    for i in ids:
        r = reuse.get(i) or ArticleReuse(i, 0.0, ())
        # A reprint repeats its original's counts; an article whose counts differ from the text it
        # reuses is another report of them (it may carry the same wire paragraph, which
        # ``mark_passages`` still counts once), so that a third outlet's count is compared with it.
        copies = tuple(c for c in r.copy_of if c in inside and not counts_differ(by_id[i], by_id[c]))
        reports[i] = ArticleReuse(i, r.reused_share, copies, r.shares_with)
    outlet_group = {}
    for a in articles:
        if a.source or a.url:
            outlet_group[a.id] = "outlet:" + registry.lookup(source=a.source, url=a.url).independence_group
        else:
            outlet_group[a.id] = "article:" + a.id  # an anonymous document stands alone
    # Texts: an article and its reprints are one text. (Outlets of one owner or state are one source
    # for what they report themselves: see ``source_keys``; a claimant they relay is that claimant's.)
    text_of: dict[str, str] = {}
    for group in independent_source_groups(reports, {}):
        for a in group:
            text_of[a] = "text:" + min(group)
    return text_of, {i: reports[i].copy_of for i in ids}, outlet_group, passages


def _firm_counts(article: Article) -> set[float]:
    return {f.value for f in article.figures
            if f.value is not None and f.qualifier != "vague" and not f.negated and not f.modality}


def counts_differ(a: Article, b: Article) -> bool:
    """Two articles give different counts: neither's set of stated numbers holds the other's (an
    extended reprint that adds counts still repeats its original's). Numbers, not categories, are
    compared, so that a sentence the two read differently does not make a reprint a second report."""
    ca, cb = _firm_counts(a), _firm_counts(b)
    return bool(ca and cb) and not (ca <= cb or cb <= ca)


DAYS_OF_AN_INCIDENT = 7  # counts of a period this long at most are of an incident's days, not of a year or a war


def written_not_before_its_counts(a: Article) -> When:
    """When a report was written: its record's publish date, unless the counts it gives are dated by its
    own text to a later day. A page cannot report what has not happened yet, so such a record's date is
    wrong (a scraped record often carries a crawl's or a filing date): the report is then dated by the
    latest day its counts report."""
    when = parse_published(a.published)
    if when.day is None:
        return when
    days = [period.end for f in a.figures if not f.negated and not f.modality
            for period in (parse_period(f.period),)
            if period is not None and period.anchored and period.end is not None and period.days is not None
            and period.days <= DAYS_OF_AN_INCIDENT]  # a day's or a few days' counts, not "in 2017"
    latest = max(days, default=None)
    return When(latest) if latest is not None and latest > when.day else when


def make_reports(articles: Sequence[Article], text_of: dict[str, str], registry: OutletRegistry) -> list[Report]:
    out = []
    for a in articles:
        when = written_not_before_its_counts(a)
        outlet = a.source or (registry.lookup(url=a.url).name if a.url else a.id)
        for f in a.figures:
            claim: list[Party] = []
            origin: list[Party] = []
            if f.claimant is not None and names_a_party(f.claimant, a):
                claimant_text, origin_text = split_chain(f.claimant.text)
                claim = parties(claimant_text, f.claimant.entity, registry)
                if origin_text:
                    origin = parties(origin_text, None, registry)
            out.append(Report(a, f, outlet, text_of[a.id], when, parse_period(f.period), claim, origin))
    return out


def source_keys(r: Report, outlet_group: str) -> frozenset[str]:
    """Source keys: named parties as such; generic ones ("activists") only within one outlet group;
    no claimant: the outlet's own reporting, one source per owner or state."""
    keys = set()
    for p in r.claim:
        key = p.key + "@" + outlet_group if p.generic else p.key
        keys.add(key)
        r.key_labels[key] = p.label
    for p in r.origin:  # a named origin is the real source ("citing the health ministry")
        if not p.generic:
            keys.add(p.key)
            r.key_labels[p.key] = p.label
    if not r.claim:
        keys.add(outlet_group)
        r.key_labels[outlet_group] = outlet_group.split(":", 1)[1] if ":" in outlet_group else outlet_group
    return frozenset(keys)


def mark_passages(reports: Sequence[Report], passages: Sequence[ReuseGroup], text_of: dict[str, str]) -> None:
    """A figure in a reused sentence (a wire paragraph that several articles carry) belongs to the text
    of the sentence's origin, not to each article that repeats it."""
    where: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for group in passages:
        for article_id, start, end in group.spans:
            where[article_id].append((start, end, group.origin))
    for r in reports:
        origins = sorted({o for s, e, o in where.get(r.article.id, ()) if s <= r.figure.start < e})
        if origins and origins[0] != r.article.id:
            r.passage = origins[0]
            r.text = text_of.get(origins[0], "text:" + origins[0])
        elif origins:
            r.passage = origins[0]


def inherit_claimants(group: Sequence[Report]) -> None:
    """An unattributed figure that repeats a figure its own article attributes takes that attribution."""
    by_article: dict[str, list[Report]] = defaultdict(list)
    for r in group:
        by_article[r.article.id].append(r)
    for reports in by_article.values():
        attributed = [r for r in reports if r.claim]
        for r in reports:
            if r.claim or r.stated is None:
                continue
            same = [s for s in attributed if s.stated == r.stated and not s.vague and not r.vague]
            if same:
                r.keys = same[0].keys
                r.inherited = same[0].label
