"""The briefing of one story, in the contract's JSON shape (CONTRACT.md, ``newsfuse brief``).

:func:`build_brief` puts together what the corpus stages found for one story's annotated articles:
who published what (outlets, reprints, independent sources), the cited summary
(:mod:`newsfuse.corpus.summarize`), the figure table (:mod:`newsfuse.corpus.figures.reconcile`), the
quotes with their speakers, the framing per actor and outlet, the reused text, a timeline of dated events and the
story's places. Every sentence or report shown cites ``[start, end)`` spans of the articles.

Extra fields beyond the contract (welcome there): ``articles[].title/url/affiliation/only_here``
(what each outlet alone reports), ``places`` (for the map) and ``reuse[].origin``.

>>> from newsfuse.model import Article
>>> a = Article.create(id="a", text="Floods cut the road to Tavel on Monday.", source="Ledger", published="2024-05-01")
>>> b = Article.create(id="b", text="Rescuers reached Tavel by boat, officials said.", source="Courier", published="2024-05-02")
>>> brief = build_brief([a, b], story="s1")
>>> brief["independent_sources"], [s["citations"][0]["id"] for s in brief["summary"]]
(2, ['a', 'b'])
"""

from __future__ import annotations

import re
from typing import Any, Callable, Iterable, Sequence

from ..corpus.figures.reconcile import figures_json, reconcile_figures
from ..corpus.framing import framing_json
from ..corpus.place_consistency import harmonise_places
from ..corpus.quote_groups import quotes_json
from ..corpus.reuse import ArticleReuse, ReuseGroup, ReuseIndex, count_independent
from ..corpus.stories import publish_order
from ..corpus.summarize import (
    SummarySentence,
    display_text,
    exclusive_sentences,
    loaded_count,
    sentence_spans,
    summarize,
    terms_of,
)
from ..knowledge.outlets import OutletRegistry
from ..model import Article

_DATE_VALUE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?(?:T[\d:]+)?(?:/(?:\d{4}(?:-\d{2}(?:-\d{2})?)?|\.\.))?$")
MIN_PLACE_CONFIDENCE = 0.5  # below this a place guess is not drawn on the map
ONLY_HERE = 2  # sentences shown per article for "what this outlet alone reports"


def _span(i: str, s: int, e: int) -> dict[str, Any]:
    return {"id": i, "start": s, "end": e}


def _published_key(a: Article) -> tuple:
    return (a.published is None, a.published or "")


# --------------------------------------------------------------------------- outlets and reuse


def outlet_groups(articles: Sequence[Article], registry: OutletRegistry) -> dict[str, str | None]:
    """Article id → the outlet's independence group (owner or state); None for an anonymous document."""
    out: dict[str, str | None] = {}
    for a in articles:
        out[a.id] = registry.lookup(source=a.source, url=a.url).independence_group if (a.source or a.url) else None
    return out


def _outlet_name(a: Article, registry: OutletRegistry) -> str | None:
    if a.source:
        return a.source
    if a.url:
        return registry.lookup(url=a.url).name
    return None


def reuse_reports(articles: Sequence[Article], index: ReuseIndex) -> dict[str, ArticleReuse]:
    """Reuse of each article within this story (``copy_of`` limited to the story's articles)."""
    ids = [a.id for a in articles]
    inside = set(ids)
    out = {}
    for i, r in index.reports(ids).items():
        out[i] = ArticleReuse(i, r.reused_share, tuple(c for c in r.copy_of if c in inside),
                              tuple(c for c in r.shares_with if c in inside))
    return out


def reuse_json(groups: Iterable[ReuseGroup], articles: Sequence[Article]) -> list[dict[str, Any]]:
    inside = {a.id for a in articles}
    out = []
    for g in groups:
        spans = [s for s in g.spans if s[0] in inside]
        if len({s[0] for s in spans}) < 2:
            continue
        out.append({"text": display_text(g.text), "origin": g.origin, "spans": [_span(*s) for s in spans]})
    return out


# --------------------------------------------------------------------------- figures


def figures_section(articles: Sequence[Article], *, story: str, reuse: dict[str, ArticleReuse],
                    reuse_groups: Sequence[ReuseGroup], registry: OutletRegistry) -> list[dict[str, Any]]:
    groups = reconcile_figures(articles, story=story, reuse=reuse, registry=registry, reuse_groups=reuse_groups)
    return figures_json(groups)


# --------------------------------------------------------------------------- timeline and places


def _date_sort_key(value: str) -> tuple[str, str]:
    start, _, end = value.partition("/")
    return (start, end)


def _parse_day(value: str):
    from datetime import date

    try:
        return date.fromisoformat(value[:10]) if len(value) >= 10 else None
    except ValueError:
        return None


def _story_window(articles: Sequence[Article]):
    """(first, last) publish days of the story, or None when no article is dated."""
    days = [d for d in (_parse_day(a.published or "") for a in articles) if d is not None]
    return (min(days), max(days)) if days else None


def _event_day(value: str, window) -> bool:
    """Whether a resolved time is an event of the story: a day, or a short interval (at most
    ``MAX_EVENT_DAYS``), within ``BACKGROUND_DAYS`` before the first report and a week after the last.
    Years, months and long "since 2020" intervals are background, not timeline."""
    start_s, _, end_s = value.partition("/")
    start = _parse_day(start_s)
    if start is None:
        return False
    end = _parse_day(end_s) if end_s else start
    if end is None or (end - start).days > MAX_EVENT_DAYS:
        return False
    if window is None:
        return True
    first, last = window
    return (first - start).days <= BACKGROUND_DAYS and (start - last).days <= 7


MAX_EVENT_DAYS = 14
BACKGROUND_DAYS = 30
EVENTS_PER_DATE = 4


def timeline(articles: Sequence[Article]) -> list[dict[str, Any]]:
    """Dated events: each sentence holding a resolved day (or a short interval) of the story's weeks,
    not inside a quotation, not in boilerplate; by date. A sentence holding several dates is placed at
    the most precise one (a day before an interval). The same date in sentences that say the same
    thing (a reprint, a paraphrase) is one event citing each of them; at most ``EVENTS_PER_DATE``
    events per date, the most cited and earliest in their articles first."""
    window = _story_window(articles)
    events: list[dict[str, Any]] = []
    keys: list[tuple[str, set[str]]] = []
    for a in publish_order(articles):
        spans = sentence_spans(a)
        quoted = [(q.start, q.end) for q in a.quotes if q.kind != "indirect"]
        best: dict[tuple[int, int], Any] = {}
        for t in sorted(a.times, key=lambda t: t.start):
            if not t.value or not _DATE_VALUE.match(t.value) or not _event_day(t.value, window):
                continue
            if any(s <= t.start and t.end <= e for s, e in quoted):
                continue
            sentence = next(((s, e) for s, e in spans if s <= t.start and t.end <= e), None)
            if sentence is None:
                continue
            if sentence not in best or ("/" in best[sentence].value and "/" not in t.value):
                best[sentence] = t
        for position, ((s, e), t) in enumerate(sorted(best.items())):
            terms = set(terms_of(a.text[s:e]))
            citation = _span(a.id, s, e)
            for n, (value, other) in enumerate(keys):
                overlap = len(terms & other) / max(1, min(len(terms), len(other)))
                if value == t.value and overlap >= 0.6:
                    if citation not in events[n]["citations"]:
                        events[n]["citations"].append(citation)
                    break
            else:
                keys.append((t.value, terms))
                events.append({"date": t.value, "text": display_text(a.text[s:e]), "citations": [citation],
                               "when": t.text, "_rank": position})
    by_date: dict[str, list[dict[str, Any]]] = {}
    for ev in events:
        by_date.setdefault(ev["date"], []).append(ev)
    kept = []
    for date_events in by_date.values():
        date_events.sort(key=lambda ev: (-len(ev["citations"]), ev["_rank"]))
        kept.extend(date_events[:EVENTS_PER_DATE])
    for ev in kept:
        del ev["_rank"]
    kept.sort(key=lambda ev: _date_sort_key(ev["date"]))
    return kept


def places(articles: Sequence[Article]) -> list[dict[str, Any]]:
    """The story's resolved places with coordinates, most mentioned first (for the map)."""
    found: dict[Any, dict[str, Any]] = {}
    for a in articles:
        boiler = [(b.start, b.end) for b in a.boilerplate]
        for p in a.places:
            if p.lat is None or p.lon is None:
                continue
            if p.confidence is not None and p.confidence < MIN_PLACE_CONFIDENCE:
                continue
            if any(s < p.end and p.start < e for s, e in boiler):
                continue
            key = p.geonameid or (p.name or p.text).casefold()
            entry = found.setdefault(key, {"name": p.name or p.text, "geonameid": p.geonameid, "lat": p.lat,
                                           "lon": p.lon, "country_code": p.country_code,
                                           "precision": p.precision, "mentions": 0, "citations": []})
            entry["mentions"] += 1
            if len(entry["citations"]) < 5:
                entry["citations"].append(_span(a.id, p.start, p.end))
    return sorted(found.values(), key=lambda p: (-p["mentions"], p["name"]))


# --------------------------------------------------------------------------- the brief


def story_id(articles: Sequence[Article], story: str | None = None) -> str:
    if story:
        return story
    given = {a.meta.get("story") for a in articles}
    if len(given) == 1 and None not in given:
        return str(given.pop())
    from ..corpus.stories import story_id_for

    # The first publisher (ties: the smallest id), so the id does not depend on the input order.
    first = min(articles, key=lambda a: (*_published_key(a), a.id))
    return story_id_for(first.id)


def story_title(articles: Sequence[Article], summary: Sequence[SummarySentence]) -> str:
    """The most neutral article title (fewest loaded terms; the earliest on a tie), else the summary's
    first sentence."""
    titled = [a for a in publish_order(articles) if a.title and a.title.strip()]
    if titled:
        return " ".join(min(titled, key=lambda a: loaded_count(a.title or "")).title.split())  # type: ignore[union-attr]
    return summary[0].text if summary else ""


def build_brief(
    articles: Sequence[Article],
    *,
    story: str | None = None,
    max_words: int | None = None,
    registry: OutletRegistry | None = None,
    reuse_filter: Callable[[dict[str, ArticleReuse]], dict[str, ArticleReuse]] | None = None,
) -> dict[str, Any]:
    """The briefing of one story's annotated articles (CONTRACT.md shape, plus extra fields).

    ``reuse_filter`` adjusts the machine's reuse reports before anything uses them (analyst
    ``not_a_copy`` corrections), so copies, source counts and figure statuses agree with it."""
    # One place name, one place, within the story; in input order, as the story's reports came in.
    articles = publish_order(harmonise_places(list(articles)))
    registry = registry or OutletRegistry.load()
    sid = story_id(articles, story) if articles else (story or "")
    index = ReuseIndex(registry=registry)
    index.add(articles)
    reuse = reuse_reports(articles, index)
    if reuse_filter is not None:
        reuse = reuse_filter(reuse)
    groups = index.groups()
    group_of = outlet_groups(articles, registry)
    outlet = {a.id: _outlet_name(a, registry) for a in articles}
    summary = summarize(articles, max_words=max_words, reuse=groups)
    exclusive = exclusive_sentences(articles, reuse=groups, per_article=ONLY_HERE) if len(articles) > 1 else {}
    records = []
    for a in articles:
        r = reuse.get(a.id) or ArticleReuse(a.id, 0.0, ())
        info = registry.lookup(source=a.source, url=a.url) if (a.source or a.url) else None
        records.append({
            "id": a.id, "source": outlet[a.id], "outlet_group": group_of[a.id], "published": a.published,
            "copy_of": list(r.copy_of), "reused_share": r.reused_share, "title": a.title, "url": a.url,
            "affiliation": info.affiliation if info else None,
            "only_here": [s.to_json() for s in exclusive.get(a.id, [])],
        })
    return {
        "story": sid,
        "title": story_title(articles, summary),
        "articles": records,
        "independent_sources": count_independent(reuse, group_of) if articles else 0,
        "summary": [s.to_json() for s in summary],
        "figures": figures_section(articles, story=sid, reuse=reuse, reuse_groups=groups, registry=registry)
        if articles else [],
        "quotes": quotes_json(articles, reuse=reuse, reuse_groups=groups, registry=registry),
        "framing": framing_json(articles, registry=registry),
        "reuse": reuse_json(groups, articles),
        "timeline": timeline(articles),
        "places": places(articles),
    }
