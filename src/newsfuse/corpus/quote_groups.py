"""Quotes across outlets: the same statement carried by several articles grouped into one quote.

:func:`quotes_json` builds the brief's ``quotes`` section (CONTRACT.md ``newsfuse brief``): each
entry is one statement with every report of it, whichever outlet carried it, directly or in
paraphrase. Extra fields flag what a reader should know:

- ``outlets`` (distinct outlets carrying it) and ``independent`` (copies, via reuse ``copy_of``,
  and outlets of one owner or state count once);
- ``speakers_differ`` with ``speakers`` when outlets give the same words to different speakers;
- ``wording_differs`` with ``wordings`` when direct quotes of one statement differ in their words.

How statements are matched (the thresholds are pinned by tests/test_quote_groups.py):

1. A quote split around its cue ('"The corridor will stay open," he said, "for as long as ..."')
   is first joined into one unit (:func:`newsfuse.annotate.quotes.stage.quote_groups`).
2. Two units of different articles are the same statement when the Jaccard similarity of their
   content-term sets (stop words dropped, stemmed: :func:`newsfuse.corpus.summarize.terms_of`) is at
   least :data:`SAME_WORDS` (0.5) — one changed verb in a twelve-word quote still gives ~0.7,
   while two quotes about the same topic share far fewer terms — or, when both name the same
   speaker, when the shorter one's terms are mostly (:data:`PARAPHRASE_CONTAINMENT`) inside the
   longer one's: a paraphrase keeps the key words of part of what was said. Either way at least
   :data:`MIN_SHARED_TERMS` terms must be shared, so short quotes do not match by chance (the very
   same words, case and punctuation aside, always match), and their numbers must agree.
3. Pairs are merged best first; a group never holds two units of one article (an article says a
   thing once; two of its units are two statements).

Speaker names are compared with rapidfuzz so that spelling variants ("Peter"/"Petar Vuksan") do
not count as different speakers.

>>> from newsfuse.model import Article, Quote, SpanRef
>>> def art(i, src, text, who):
...     s = text.index('"') + 1
...     e = text.index('"', s)
...     q = Quote(s, e, text[s:e], "direct", SpanRef(e + 2, len(text) - 6, who, who), None)
...     return Article.create(id=i, text=text, source=src, published="2031-02-0" + i[-1]).with_layer(quotes=(q,))
>>> a = art("a1", "Ledger", '"The bridge at Orvel will reopen by spring," Mara Tesk said.', "Mara Tesk")
>>> b = art("b2", "Courier", '"The bridge at Orvel will reopen by spring," Mara Tesk said.', "Mara Tesk")
>>> [(g["speaker"], g["outlets"], [r["id"] for r in g["reports"]]) for g in quotes_json([a, b])]
[('Mara Tesk', 2, ['a1', 'b2'])]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from rapidfuzz import fuzz

from ..annotate.quotes.stage import quote_groups as cue_linked_parts
from ..model import Article, Quote
from ..text.number_words import TENS, UNITS
from ..text.unionfind import UnionFind
from .summarize import display_text, numbers_in, terms_of

SAME_WORDS = 0.5  # term-set Jaccard at or above which two quotes are the same statement
PARAPHRASE_CONTAINMENT = 0.6  # share of the shorter quote's terms in the longer one, same speaker
MIN_SHARED_TERMS = 3  # fewer shared content terms never make a match
SAME_NAME = 85  # rapidfuzz ratio at or above which two speaker names are one speaker

_WORD = re.compile(r"\w+(?:['’]\w+)*")
# Spelled-out counts, so that "killed four people" and "killed nine people" do not match ("one" is
# left out: "no one", "one of them").
_NUMBER_WORDS = {w: str(n) for w, n in {**UNITS, **TENS}.items() if n >= 2}


def numbers_of(text: str) -> frozenset[str]:
    """The numbers a quote states, digits or spelled out.

    >>> sorted(numbers_of("Nine people died, not 1,200 or three"))
    ['1200', '3', '9']
    """
    words = {_NUMBER_WORDS[w] for w in _WORD.findall(text.casefold()) if w in _NUMBER_WORDS}
    return numbers_in(text) | words


@dataclass(slots=True)
class _Unit:
    """One statement of one article: a quote, or the parts of a quote split around one cue."""

    article: Article
    parts: tuple[Quote, ...]
    speaker: str | None
    text: str
    kind: str
    terms: frozenset[str]
    numbers: frozenset[str]
    order: tuple[int, int]  # publish rank of the article, then position in it

    @property
    def wording(self) -> str:
        """The quoted words, case and punctuation ignored: what "the same wording" compares."""
        return " ".join(_WORD.findall(self.text.casefold()))


def _speaker(q: Quote) -> str | None:
    if q.speaker is None:
        return None
    return q.speaker.entity or q.speaker.text or None


def _kind(parts: Sequence[Quote]) -> str:
    kinds = {q.kind for q in parts}
    return kinds.pop() if len(kinds) == 1 else "mixed"


def _units(articles: Sequence[Article]) -> list[_Unit]:
    order = sorted(range(len(articles)), key=lambda i: (articles[i].published is None, articles[i].published or "", i))
    units = []
    for rank, i in enumerate(order):
        a = articles[i]
        for parts in cue_linked_parts(sorted(a.quotes, key=lambda q: q.start)):
            text = " ".join(q.text.strip() for q in parts)
            speaker = next((s for s in map(_speaker, parts) if s), None)
            units.append(_Unit(a, parts, speaker, text, _kind(parts), frozenset(terms_of(text)),
                               numbers_of(text), (rank, parts[0].start)))
    return units


def same_speaker(a: str | None, b: str | None) -> bool:
    """Both named and the same name, allowing spelling variants.

    >>> same_speaker("Peter Vuksan", "Petar Vuksan"), same_speaker("Defence Ministry", "Foreign Ministry")
    (True, False)
    """
    if not a or not b:
        return False
    return fuzz.ratio(a.casefold(), b.casefold()) >= SAME_NAME


def numbers_agree(a: frozenset[str], b: frozenset[str]) -> bool:
    """The numbers of one quote are all in the other: "rose to 58" and "rose to 151" are two
    statements however alike their words (a rising toll), and so are "18,000" and "18,400"."""
    return a <= b or b <= a


def match_score(a: frozenset[str], b: frozenset[str], *, same_speaker: bool = False) -> float:
    """How surely two quotes (as content-term sets) are one statement; 0.0 when they are not.

    >>> t = lambda s: frozenset(terms_of(s))
    >>> round(match_score(t("The corridor will stay open for as long as the rebels hold fire"),
    ...                   t("The corridor will remain open for as long as the rebels hold fire")), 2)
    0.75
    >>> match_score(t("Tents are running short"), t("We need tents and water for the camp"))
    0.0
    """
    shared = len(a & b)
    if shared < MIN_SHARED_TERMS:
        return 0.0
    jaccard = shared / len(a | b)
    if jaccard >= SAME_WORDS:
        return jaccard
    if same_speaker and shared / min(len(a), len(b)) >= PARAPHRASE_CONTAINMENT:
        return jaccard  # ranks below any same-words match
    return 0.0


def _candidate_pairs(units: list[_Unit], wordings: list[str]) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    """The pairs ``(i, j)``, ``i < j``, that can match: (pairs with the very same words, pairs that
    share at least :data:`MIN_SHARED_TERMS` terms). Every other pair scores 0, so comparing only these
    gives the same groups as comparing all pairs, without the quadratic loop.

    Shared terms are found by prefix filtering: with the terms of every unit in one order, rarest
    first, two sets sharing k terms share one among the first ``len - k + 1`` of each (the first of
    their shared terms is there), so only those prefixes are indexed and common words ("said",
    "people") are never probed."""
    same_words: set[tuple[int, int]] = set()
    by_wording: dict[str, list[int]] = {}
    for i, w in enumerate(wordings):
        if w:
            by_wording.setdefault(w, []).append(i)
    for ids in by_wording.values():
        same_words.update((a, b) for n, a in enumerate(ids) for b in ids[n + 1 :])
    frequency: dict[str, int] = {}
    for u in units:
        for t in u.terms:
            frequency[t] = frequency.get(t, 0) + 1
    index: dict[str, list[int]] = {}
    sharing: set[tuple[int, int]] = set()
    for i, u in enumerate(units):
        if len(u.terms) < MIN_SHARED_TERMS:
            continue
        prefix = sorted(u.terms, key=lambda t: (frequency[t], t))[: len(u.terms) - MIN_SHARED_TERMS + 1]
        for t in prefix:
            posting = index.setdefault(t, [])
            sharing.update((j, i) for j in posting)
            posting.append(i)
    return same_words, sharing


def _scored_pairs(units: list[_Unit]) -> list[tuple[float, int, int]]:
    """``(-score, i, j)`` for every pair of units of two articles that match (-1.0: the very same
    words, however short, e.g. "We left with nothing")."""
    wordings = [u.wording for u in units]  # once per unit, not once per pair
    # Reprints repeat a unit exactly (words, terms, numbers, speaker): such twins score alike against
    # every other unit, so each kind is scored once and the score handed to all its members.
    kinds: dict[tuple, list[int]] = {}
    for i, u in enumerate(units):
        kinds.setdefault((wordings[i], u.terms, u.numbers, u.speaker), []).append(i)
    members = list(kinds.values())
    firsts = [units[m[0]] for m in members]
    same_words, sharing = _candidate_pairs(firsts, [wordings[m[0]] for m in members])
    article = [u.article.id for u in units]
    pairs: list[tuple[float, int, int]] = []

    def add_all(score: float, left: list[int], right: list[int]) -> None:
        pairs.extend((score, i, j) if i < j else (score, j, i)
                     for i in left for j in right if article[i] != article[j])

    for m in members:
        if wordings[m[0]] and len(m) > 1:
            pairs.extend((-1.0, i, j) for n, i in enumerate(m) for j in m[n + 1 :] if article[i] != article[j])
    speakers_match: dict[tuple[str | None, str | None], bool] = {}
    for a, b in same_words | sharing:
        u, v = firsts[a], firsts[b]
        if (a, b) in same_words:
            add_all(-1.0, members[a], members[b])
            continue
        if not numbers_agree(u.numbers, v.numbers):
            continue
        key = (u.speaker, v.speaker)
        if key not in speakers_match:
            speakers_match[key] = same_speaker(u.speaker, v.speaker)
        score = match_score(u.terms, v.terms, same_speaker=speakers_match[key])
        if score > 0:
            add_all(-score, members[a], members[b])
    return pairs


def _group_units(units: list[_Unit]) -> list[list[_Unit]]:
    """Best-first merging of matching units; a group holds at most one unit per article."""
    pairs = _scored_pairs(units)
    same = UnionFind(range(len(units)))
    articles = {i: {units[i].article.id} for i in range(len(units))}  # set name -> its articles
    for _, i, j in sorted(pairs):
        ri, rj = same.find(i), same.find(j)
        if ri == rj or articles[ri] & articles[rj]:
            continue  # one statement is quoted once per article
        joined = articles.pop(ri) | articles.pop(rj)
        articles[same.union(ri, rj)] = joined
    return [sorted((units[i] for i in group), key=lambda u: u.order) for group in same.groups()]


def _spans_by_article(reuse_groups: Sequence[Any]) -> dict[str, list[tuple[int, int, int]]]:
    """Article id → ``(passage number, start, end)`` of every reused passage (``ReuseGroup``) in it."""
    out: dict[str, list[tuple[int, int, int]]] = {}
    for n, group in enumerate(reuse_groups):
        for i, s, e in getattr(group, "spans", ()):
            out.setdefault(i, []).append((n, s, e))
    return out


def _independent(units: list[_Unit], reuse: Mapping[str, Any], outlet_group: Mapping[str, str],
                 reuse_spans: Mapping[str, Sequence[tuple[int, int, int]]]) -> int:
    """Independent reporters of one statement. Articles count as one source when one is a copy of
    the other (``copy_of``), when their outlets share an owner or state, or when the quote sits in
    the same reused passage (a span of one ``ReuseGroup``, from :func:`_spans_by_article`,
    overlapping the quote in both articles): a wire paragraph pasted into a story is the wire's
    report, not the paper's."""
    ids = list(dict.fromkeys(u.article.id for u in units))
    one_source = UnionFind(ids)
    for i in ids:
        for original in getattr(reuse.get(i), "copy_of", ()) or ():
            if original in one_source:
                one_source.union(i, original)
    first_of_group: dict[str, str] = {}
    for i in ids:
        g = outlet_group.get(i)
        if g is not None:
            one_source.union(i, first_of_group.setdefault(g, i))
    in_passage: dict[int, list[str]] = {}  # passage number -> articles quoting inside it
    for u in units:
        i = u.article.id
        for n, s, e in reuse_spans.get(i, ()):
            if any(s < q.end and q.start < e for q in u.parts):
                in_passage.setdefault(n, []).append(i)
    for inside in in_passage.values():
        for i in inside[1:]:
            one_source.union(i, inside[0])
    return len({one_source.find(i) for i in ids})


def _outlets(articles: Sequence[Article], registry: Any) -> tuple[dict[str, str | None], dict[str, str]]:
    """Article id → outlet name (None when anonymous), and → independence group key."""
    name: dict[str, str | None] = {}
    group: dict[str, str] = {}
    for a in articles:
        info = registry.lookup(source=a.source, url=a.url) if registry is not None and (a.source or a.url) else None
        name[a.id] = a.source or (info.name if info is not None else None)
        if info is not None:
            group[a.id] = "group:" + info.independence_group
        elif name[a.id]:
            group[a.id] = "outlet:" + name[a.id].casefold()
    return name, group


def _speaker_of(units: list[_Unit]) -> tuple[str | None, list[tuple[str, list[str]]]]:
    """The group's speaker (most reports, then earliest) and each distinct attribution with its ids."""
    named: list[tuple[str, list[str]]] = []
    for u in units:
        if u.speaker is None:
            continue
        for name, ids in named:
            if same_speaker(name, u.speaker):
                if u.article.id not in ids:
                    ids.append(u.article.id)
                break
        else:
            named.append((u.speaker, [u.article.id]))
    if not named:
        return None, []
    best = max(named, key=lambda n: len(n[1]))  # max keeps the first (earliest) of equals
    return best[0], named


def _entry(units: list[_Unit], outlet: Mapping[str, str | None], group: Mapping[str, str],
           reuse: Mapping[str, Any], reuse_spans: Mapping[str, Sequence[tuple[int, int, int]]]) -> dict[str, Any]:
    ids = list(dict.fromkeys(u.article.id for u in units))
    speaker, speakers = _speaker_of(units)
    shown = next((u for u in units if u.kind == "direct"), units[0])
    reports = [{"id": u.article.id, "source": outlet.get(u.article.id), "start": q.start, "end": q.end,
                "kind": q.kind} for u in units for q in u.parts]
    names = {outlet.get(i) or "article:" + i for i in ids}
    entry: dict[str, Any] = {
        "speaker": speaker,
        "text": display_text(shown.text),
        "reports": reports,
        "outlets": len(names),
        "independent": _independent(units, reuse, group, reuse_spans),
    }
    if len(speakers) > 1:
        entry["speakers_differ"] = True
        entry["speakers"] = [{"speaker": s, "ids": i} for s, i in speakers]
    wordings: dict[str, tuple[str, list[str]]] = {}
    for u in units:
        if u.kind == "direct":
            wordings.setdefault(u.wording, (display_text(u.text), []))[1].append(u.article.id)
    if len(wordings) > 1:
        entry["wording_differs"] = True
        entry["wordings"] = [{"text": t, "ids": i} for t, i in wordings.values()]
    return entry


def quotes_json(articles: Sequence[Article], *, reuse: Mapping[str, Any] | None = None,
                reuse_groups: Sequence[Any] = (), registry: Any = None) -> list[dict[str, Any]]:
    """The brief's ``quotes``: one entry per statement with all its reports, most outlets first,
    then earliest published. ``reuse`` maps article id → :class:`~newsfuse.corpus.reuse.ArticleReuse`
    (its ``copy_of`` makes reprints count once); ``registry`` an
    :class:`~newsfuse.knowledge.outlets.OutletRegistry` (outlet names and owner/state groups);
    ``reuse_groups`` the story's :class:`~newsfuse.corpus.reuse.ReuseGroup` passages (a quote inside one
    passage reused by several articles counts once)."""
    articles = list(articles)
    outlet, group = _outlets(articles, registry)
    groups = _group_units(_units(articles))
    reuse_spans = _spans_by_article(reuse_groups or ())
    entries = [(g[0].order, _entry(g, outlet, group, reuse or {}, reuse_spans)) for g in groups]
    entries.sort(key=lambda oe: (-oe[1]["outlets"], oe[0]))
    return [e for _, e in entries]
