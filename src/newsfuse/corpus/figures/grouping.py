"""Which reports count the same thing: category, subject family, place, period and magnitude.

See the rules in :mod:`newsfuse.corpus.figures.reconcile`; places are resolved by
:mod:`newsfuse.corpus.figures.places`, periods compared by :mod:`newsfuse.knowledge.periods`.

>>> from newsfuse.model import Article, Figure
>>> from newsfuse.corpus.figures.reports import make_reports
>>> from newsfuse.knowledge.outlets import OutletRegistry
>>> def count(text, period):
...     return Figure(0, 2, text, 9, 9, 9, "exact", "people", "fled", "people", period=period)
>>> a = Article.create(id="a", text="...", figures=(count("48 hours", "2019-03-03/2019-03-05"),
...                                                 count("10 days", "2019-02-24/2019-03-05")))
>>> [[r.figure.text for r in g] for g in group_reports(make_reports([a], {"a": "text:a"}, OutletRegistry([])))]
[['10 days'], ['48 hours']]
"""

from __future__ import annotations

import copy
import re
from collections import defaultdict

from ...annotate.clean.sentences import sentence_at
from ...knowledge.periods import same_start, same_window
from .places import SCALES, article_scopes, assign_places, contains, same_place, scope_of
from ...text.unionfind import UnionFind
from .reports import Report, overlap, relation

SAME_DAYS = 7  # unknown periods: articles published within a week speak of the same incident
INCIDENT_DAYS = 3  # stated days this far apart are one incident's, unless the story counts day by day
APART = 20.0  # counts this many times apart are not of the same thing (a war's toll beside an attack's)
FAMILY = {"civilians": "people", "people": "people"}  # outlets relabel one toll; other subjects stand alone


# --------------------------------------------------------------------------- grouping


def split_places(reports: list[Report]) -> list[list[Report]]:
    """By place; an unknown or coarser place joins the one finer place the others name inside it."""
    named = {id(r): article_scopes(r.article) for r in reports if r.figure.place is None}
    assigned = assign_places([(id(r), scope_of(r.figure.place, r.article)) for r in reports], named)
    parts: dict[str, list[Report]] = defaultdict(list)
    for r in reports:
        r.place_key = assigned[id(r)]
        parts[r.place_key].append(r)
    return [parts[k] for k in sorted(parts)]


def split_periods(reports: list[Report]) -> list[list[Report]]:
    anchored = [r for r in reports if r.period is not None and r.period.anchored]
    bare = [r for r in reports if r.period is not None and not r.period.anchored]
    unknown = [r for r in reports if r.period is None]
    parts: list[list[Report]] = []
    # Anchored: equal windows, or cumulative counts with the same start.
    uf = UnionFind(range(len(anchored)))
    for i, a in enumerate(anchored):
        for j in range(i):
            b = anchored[j]
            if same_window(a.period, b.period) or (
                a.figure.cumulative and b.figure.cumulative and same_start(a.period, b.period)
            ):
                uf.union(i, j)
    comps = [[anchored[i] for i in group] for group in uf.groups()]
    # A running toll whose start the text does not give ("the toll rose to nine", "35 in total") counts
    # from the story's start: it joins the cumulative counts of a known start when there is only one
    # (joining the one incident instead is group_reports' part). A window of a stated length ("the
    # past 10 days") is never loose: it is a different window.
    running = [c for c in comps if all(r.figure.cumulative for r in c)]
    starts = {r.period.start for c in running for r in c}  # type: ignore[union-attr]
    if len(running) == 1 and len(starts) == 1 and None not in starts:
        loose = [r for r in unknown if r.figure.cumulative]
        running[0].extend(loose)
        unknown = [r for r in unknown if r not in loose]
    parts.extend(comps)
    # Bare durations ("the past 10 days" of an undated page): same length and the same week.
    by_length: dict[float, list[Report]] = defaultdict(list)
    for r in bare:
        by_length[round(r.period.days or 0, 3)].append(r)  # type: ignore[union-attr]
    for rs in by_length.values():
        parts.extend(by_publication(rs))
    parts.extend(by_publication(unknown))
    return [p for p in parts if p]


def by_publication(reports: list[Report]) -> list[list[Report]]:
    """Reports published within SAME_DAYS of the first of their group; undated ones join the first group."""
    dated = sorted((r for r in reports if r.when.day is not None), key=lambda r: r.when.key)
    undated = [r for r in reports if r.when.day is None]
    parts: list[list[Report]] = []
    for r in dated:
        if parts and (r.when.day - parts[-1][0].when.day).days <= SAME_DAYS:  # type: ignore[operator]
            parts[-1].append(r)
        else:
            parts.append([r])
    if undated:
        if parts:
            parts[0].extend(undated)
        else:
            parts.append(undated)
    return parts


def split_parts(reports: list[Report]) -> list[list[Report]]:
    """A civilian count below every people count is a part of it: its own group."""
    people = [r for r in reports if r.figure.subject == "people"]
    civilians = [r for r in reports if r.figure.subject == "civilians"]
    if not people or not civilians:
        return [reports]
    part = [c for c in civilians if all(relation(c, p) == "part" for p in people)]
    if not part:
        return [reports]
    return [[r for r in reports if r not in part], part]


def split_magnitudes(reports: list[Report]) -> list[list[Report]]:
    """Counts APART times apart or more are kept apart ("more than 330,000" since 2011 and "at least
    17" in one attack); a vague amount goes with the counts it overlaps, else with the first."""
    firm = sorted((r for r in reports if not r.vague and r.stated), key=lambda r: r.stated)  # type: ignore[arg-type]
    if len(firm) < 2:
        return [reports]
    parts: list[list[Report]] = [[firm[0]]]
    for r in firm[1:]:
        if r.stated >= parts[-1][-1].stated * APART:  # type: ignore[operator]
            parts.append([])
        parts[-1].append(r)
    if len(parts) == 1:
        return [reports]
    for r in reports:
        if r.vague or not r.stated:
            home = max(parts, key=lambda p: sum(overlap(r, o) for o in p))
            home.append(r)
    return parts


def family(subject: str) -> str:
    return FAMILY.get(subject, subject)


def group_reports(reports: list[Report]) -> list[list[Report]]:
    """The groups of comparable reports, in a stable order (category, subject family, period, place).

    Counts of the incident itself (no period, or the incident's day) are grouped by incident
    coreference (:func:`incident_groups`): one group unless their places or days say they are
    different incidents. Counts of a stated window ("the past 10 days", "since 2011") and running
    tolls meet only the same window or start; a running toll with no start joins the story's one
    incident."""
    by_kind: dict[tuple[str, str, str], list[Report]] = defaultdict(list)
    for r in reports:  # a part ("15 of the wounded ...") meets only the same part, never the whole
        by_kind[(r.figure.category, family(r.figure.subject), r.figure.scope or "")].append(r)
    out = []
    for key in sorted(by_kind):
        incident: list[Report] = []
        windows: list[Report] = []
        for r in by_kind[key]:
            (incident if _incident_count(r) else windows).append(r)
        period_parts = incident_groups(incident) if incident else []
        # A running toll whose start the text does not give ("the toll rose to nine", "35 in total")
        # is the incident's own toll when the story has one incident and no running toll of a known start.
        loose = [r for r in windows if r.figure.cumulative and r.period is None]
        main = _main_incident(period_parts)
        if loose and main is not None and not any(r.figure.cumulative and r.period is not None for r in windows):
            main.extend(loose)
            windows = [r for r in windows if r not in loose]
        # Periods first: a count of another window (last April's bombing, the war's total) must not
        # make the place of this window's counts ambiguous.
        window_parts = [place_part for period_part in split_periods(windows)
                        for place_part in split_places(period_part)] if windows else []
        for part_ in sorted(period_parts + window_parts, key=_first_place_key):
            for part in split_parts(part_):
                out.extend(split_magnitudes(part))
    return set_parts_against_totals(out)


# The totals a population's count is a part of: children are among the civilians and the people killed;
# fighters are among the people, never among the civilians. (Civilians share the people's groups.)
TOTALS_OF = {"children": frozenset({"people", "civilians"}), "women": frozenset({"people", "civilians"}),
             "fighters": frozenset({"people"}), "soldiers": frozenset({"people"}), "police": frozenset({"people"}),
             "migrants": frozenset({"people"})}
PART_TOLLS = frozenset({"dead", "injured", "dead_or_injured", "missing"})


def set_parts_against_totals(groups: list[list[Report]]) -> list[list[Report]]:
    """A part never exceeds its total: where one source counts more of a population (fighters,
    children...) than another, independent source counts people in all at the same incident ("over 100
    militants were killed" beside "at least 40 dead, 38 of them fighters"), the two cannot both hold.
    The part's counts above the total join the total's group, where the two are set against each other
    (they stay in their own group too). Only an incident with one total of that kind is joined; a part
    within its total is not compared with it."""
    # Subjects as grouped, before any count is set against a total
    subjects = [(g, {r.figure.subject for r in g}, any(r.figure.scope for r in g)) for g in groups]
    for part in groups:
        head = part[0].figure
        wholes = TOTALS_OF.get(head.subject)
        if head.category not in PART_TOLLS or wholes is None or head.scope \
                or any(r.figure.subject != head.subject for r in part):
            continue
        totals = [g for g, held, scoped in subjects if g is not part and g[0].figure.category == head.category
                  and held <= wholes and not scoped and _same_incident(part, g)]
        if len(totals) == 1:
            # The counts that exceed the total are set against it; the part keeps its own group too, where
            # it is compared with the same part's other counts.
            totals[0].extend(copy.copy(r) for r in _exceeding(part, totals[0]))  # each group marks its own copy
    return groups


def _same_incident(a: list[Report], b: list[Report]) -> bool:
    return all(_places_compatible(scope_of(x.figure.place, x.article), scope_of(y.figure.place, y.article))
               and _days_compatible(_incident_day(x), _incident_day(y), False) for x in a for y in b)


def _exceeding(part: list[Report], total: list[Report]) -> list[Report]:
    """The firm counts of the part that lie wholly above a firm count of the total given in another text
    by another source."""
    return [p for p in part if not p.vague and p.lo is not None and any(
        t.hi is not None and p.lo > t.hi and p.text != t.text and not (p.keys & t.keys) for t in total if not t.vague)]


def _main_incident(parts: list[list[Report]]) -> list[Report] | None:
    """The story's incident: its one incident group, or the one reported by the most articles when
    that is clear (strictly more than any other)."""
    if len(parts) == 1:
        return parts[0]
    ranked = sorted(parts, key=lambda g: len({r.article.id for r in g}), reverse=True)
    if len(ranked) > 1 and len({r.article.id for r in ranked[0]}) > len({r.article.id for r in ranked[1]}):
        return ranked[0]
    return None


def _incident_count(r: Report) -> bool:
    """A count of the incident itself, not of a stated window or a running toll: no period, a period
    of a day or two, or a few days from a start the sentence names that is not a running toll ("since
    Wednesday, clashes have left 23 dead" in Friday's paper is this week's clashes' count, compared with
    "23 killed on Thursday"; "almost 3,000 in 48 hours" is a window's count, never the incident's)."""
    p = r.period
    if p is None:
        return not r.figure.cumulative  # a running toll counts from its start: see split_periods
    if not p.anchored or p.start is None or p.end is None:
        return False  # a bare duration ("the past 10 days") is a window
    days = (p.end - p.start).days
    if r.figure.cumulative:
        # "On Friday ... killing, according to the latest toll, 44": the latest count of one day's
        # incident is that incident's count; a toll running over days counts from its start.
        return days < 1
    return days <= 1 or (days <= INCIDENT_DAYS and _from_a_named_start(r))


def _from_a_named_start(r: Report) -> bool:
    """The count's sentence gives its period by a start ("since Wednesday"), not by a length."""
    text = r.article.text
    sentence = sentence_at(r.article, r.figure.start)
    lo, hi = (sentence.start, sentence.end) if sentence else (max(0, r.figure.start - 200), r.figure.end + 200)
    return re.search(r"\bsince\b", text[lo:hi], re.I) is not None


_APART = re.compile(r"\s*(?:separately|elsewhere|in\s+(?:a\s+)?(?:separate|another|other)\s+(?:\w+\s+){0,2}?"
                    r"(?:attacks?|incidents?|strikes?|raids?|bombings?|developments?|clashes)|in\s+other\s+news)\b", re.I)


def _told_apart(r: Report) -> bool:
    """The count's sentence opens by setting it apart from what came before ("Separately", "Elsewhere",
    "In another attack")."""
    sentence = sentence_at(r.article, r.figure.start)
    return sentence is not None and _APART.match(r.article.text, sentence.start) is not None


def _incident_day(r: Report):
    """(day, stated): the day a count is about, its period's first day when the text dates it
    (``stated``), else its article's date (follow-up reports of an incident arrive over the week)."""
    if r.period is not None and r.period.start is not None:
        return r.period.start, True
    return r.when.day, False


def _places_compatible(a, b) -> bool:
    """Two places that may be one incident's: unknown, the same, or one holding the other."""
    return a is None or b is None or same_place(a, b) or contains(a, b) or contains(b, a)


def _days_compatible(a, b, daily: bool) -> bool:
    """``daily``: the story counts day by day (see :func:`_counts_by_day`)."""
    (day_a, stated_a), (day_b, stated_b) = a, b
    if day_a is None or day_b is None:
        return True
    if stated_a and stated_b:
        # Two days the texts give. Where the story counts day by day they are two days' counts
        # (Tuesday's strike, Wednesday's); else one incident whose day the texts read differently
        # ("late Tuesday" / "early Wednesday", "yesterday" from two publication days, the day a
        # battle began for the night it ended).
        return abs((day_a - day_b).days) <= (0 if daily else INCIDENT_DAYS)
    return abs((day_a - day_b).days) <= SAME_DAYS


def _counts_by_day(reports: list[Report], info: dict) -> bool:
    """Some article of the story gives counts of this kind for two different days that it states, within
    a week of each other, other than its own date (a headline's count dated by its page says nothing of
    the day; a count of an attack weeks before is background, not a day-by-day count)."""
    days: dict[str, set] = defaultdict(set)
    for r in reports:
        day, stated = info[id(r)][1]
        if stated and day != r.when.day:
            days[r.article.id].add(day)
    return any(0 < abs((a - b).days) <= SAME_DAYS for d in days.values() for a in d for b in d)


def incident_groups(reports: list[Report]) -> list[list[Report]]:
    """Counts of one kind grouped by incident coreference: a count joins a group when its place and
    day are compatible with every member's (places: unknown, equal, or at another scale of the same
    place, "Midan" / "Damascus" / "Syria"; days: when both texts give it, the same day where the story
    counts day by day and INCIDENT_DAYS apart at most otherwise; else published within SAME_DAYS).
    Counts with a place are placed finest first, so that a coarse or placeless count joins the
    incident its scale allows; when it fits several, it joins the one its own article points to, else
    none."""
    info = {id(r): (scope_of(r.figure.place, r.article), _incident_day(r)) for r in reports}

    def rank(r: Report) -> tuple:
        s = info[id(r)][0]
        fine = _fineness(s) if s is not None else len(SCALES)
        return (fine, r.when.key, r.article.id, r.figure.start)

    daily = _counts_by_day(reports, info)
    groups: list[list[Report]] = []
    for r in sorted(reports, key=rank):
        place, day = info[id(r)]
        fits = [g for g in groups if all(_places_compatible(place, info[id(o)][0])
                                         and _days_compatible(day, info[id(o)][1], daily) for o in g)]
        if fits and _told_apart(r):
            # "Separately, 12 were killed in a village of rural Idlib": another incident, which joins
            # one of the others only at the very same place
            fits = [g for g in fits if place is not None and any(
                info[id(o)][0] is not None and same_place(place, info[id(o)][0]) for o in g)]
        if not fits:
            groups.append([r])
            continue
        if len(fits) > 1:
            # Between several incidents: the one its own article's other counts are in, else the one
            # whose place its article names; still several, it is compared with none of them.
            own = [g for g in fits if any(o.article.id == r.article.id for o in g)]
            fits = own or _named_by_article(fits, r, info)
        if len(fits) == 1:
            fits[0].append(r)
        else:
            groups.append([r])
    for g in groups:
        scopes = [info[id(r)][0] for r in g if info[id(r)][0] is not None]
        finest = min(scopes, key=_fineness, default=None)
        for r in g:
            r.place_key = finest.key if finest is not None else "place:unknown"
    return groups


def _fineness(scope) -> int:
    """0 for the finest scale; a scope of no known scale counts as fine (a named place, not an area)."""
    return SCALES.index(scope.precision) if scope.precision in SCALES else 0


def _named_by_article(fits: list[list[Report]], r: Report, info: dict) -> list[list[Report]]:
    """Of the incidents a placeless count fits, those at a place its article names, looking at the
    article's finest names first: a Damascus paper's placeless count is the Damascus incident's, not
    every incident of the country it also names."""
    by_scale: dict[int, list] = defaultdict(list)
    for p in article_scopes(r.article):
        by_scale[_fineness(p)].append(p)
    for scale in sorted(by_scale):
        named = by_scale[scale]
        hits = [g for g in fits if any(
            info[id(o)][0] is not None and any(same_place(p, info[id(o)][0]) or contains(p, info[id(o)][0])
                                               for p in named) for o in g)]
        if hits:
            return hits
    return []


def _first_place_key(reports: list[Report]) -> tuple:
    return (min((r.figure.period or "") for r in reports), min(r.article.id for r in reports))
