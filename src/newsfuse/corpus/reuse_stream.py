"""A reuse index over a whole stream that forgets: postings of articles older than the reprint horizon
are evicted, so the work per article and the memory follow the window, not the stream.

One ``ReuseIndex`` over a stream never forgets: every earlier article that shares a moderately common
gram with a new one is a partner to align, and the number of such chance partners grows with the
stream (eval/RESULTS.md, "Scale (issue 15)": +44%, then +55% per 4x of the stream). Reprints are of
recent texts (a wire story is reprinted within a day or two; a weekly's reprint within a week), so
``StreamReuseIndex`` keeps an article's postings only while its published date is within
``horizon_days`` (default 14, ``NEWSFUSE_REUSE_HORIZON_DAYS``) of the stream's clock:

- the *clock* is the third-newest date seen: two misdated articles cannot flush the window. (Not this
  machine's date: the answers do not depend on the day they are computed, and a replayed or synthetic
  stream runs as a live one);
- an article's day is its published date, or the clock when it arrived when it has no date (arrival
  order: it came in with the articles of that day). (A misdated future article only stays longer.)
- when the clock passes an article's day by more than ``horizon_days``, the article is *evicted*: its
  postings and MinHash go, its report is final (no later article can pair with it) and is kept, its
  words and sentences are dropped. A near-duplicate whose text was posted under its evicted twin
  (``ReuseIndex._held_by_twins``) gets that text posted under itself, so it stays findable.

What this changes: an article published more than ``horizon_days`` after another is never found to
copy or share text with it; a reprint of a month-old text counts as its own report. And a gram is
boilerplate (``MAX_POSTINGS``) when it is that common *within the window* (once it is, it stays so):
a small window (few articles a day) still looks up a stock phrase that a full index, having seen it a
thousand times over months, no longer does, so it may find a few more chance passages (on the
synthetic stream at 10k articles, 83 a day: copy precision 0.988 against 0.987, the same recall).
Otherwise, within the horizon, the answers are those of the full index (tests/corpus/test_reuse_stream.py).
``groups()`` answers for the articles still in the window.

Briefings do not use this class: each builds a ``ReuseIndex`` over one story's articles, which is
already bounded, and which keeps every article however long the story runs (a late reprint of a
story's first report is still its copy there). This index is for a store or a Spark partition that
sees the whole stream in roughly date order.

>>> from newsfuse.model import Article, Sentence
>>> def art(i, text, day):
...     return Article.create(id=i, text=text, published=day, sentences=(Sentence(0, len(text)),))
>>> wire = "Around 300 civilians who fled on Tuesday were taken by truck to a camp near the border."
>>> idx = StreamReuseIndex(horizon_days=14)
>>> idx.add([art("wire", wire, "2024-05-01"), art("copy", wire, "2024-05-02")])
>>> idx.add([art(f"n{k}", f"Item {k}.", "2024-06-01") for k in range(3)])  # the clock moves a month on
>>> idx.live(), idx.report("copy").copy_of
(3, ('wire',))
>>> idx.add([art("late", wire, "2024-06-01")])  # a month later: beyond the horizon, its own report
>>> idx.report("late").copy_of
()
"""

from __future__ import annotations

import heapq
from array import array
from bisect import insort
from dataclasses import dataclass, field
from datetime import date
from typing import Iterable

from ..model import Article
from ..settings import reuse_horizon_days
from ..text.unionfind import UnionFind
from .reuse import _SLOT, MAX_POSTINGS, ArticleReuse, ReuseGroup, ReuseIndex, _Doc

CLOCK_VOTES = 3  # the clock is the newest date that this many articles carry (or a later one)


def _day_number(published: str | None) -> int | None:
    try:
        return date.fromisoformat((published or "")[:10]).toordinal()
    except ValueError:
        return None


@dataclass
class StreamReuseIndex(ReuseIndex):
    """A ``ReuseIndex`` that evicts articles older than ``horizon_days`` before the stream's clock."""

    horizon_days: float = field(default_factory=reuse_horizon_days)
    _newest: list[int] = field(default_factory=list)  # the CLOCK_VOTES newest days seen, ascending
    _due: list[tuple[int, int, str]] = field(default_factory=list)  # heap of (day, arrival, article)
    _waiting: list[str] = field(default_factory=list)  # arrived before any date: they take the first
    _final: dict[str, ArticleReuse] = field(default_factory=dict)  # evicted articles' reports
    _words: dict[str, int] = field(default_factory=dict)  # evicted articles' word counts (partners' shares)
    # positions of a near-duplicate's grams not posted (held under its twins), until a twin is evicted
    _held_at: dict[str, array] = field(default_factory=dict)
    _evicted_since_compaction: int = 0

    # -------------------------------------------------------------- the clock
    def clock(self) -> int | None:
        """The stream's day (an ordinal), or None before ``CLOCK_VOTES`` dated articles."""
        return self._newest[0] if len(self._newest) >= CLOCK_VOTES else None

    def _tick(self, day: int | None) -> None:
        if day is None:
            return
        if len(self._newest) < CLOCK_VOTES:
            insort(self._newest, day)
        elif day > self._newest[0]:
            self._newest[0] = day
            self._newest.sort()

    def live(self) -> int:
        """How many articles are in the window (indexed and not evicted)."""
        return len(self.docs)

    # -------------------------------------------------------------- indexing
    def add(self, articles: Iterable[Article]) -> None:
        for article in articles:
            if article.id in self.order:
                continue
            day = _day_number(article.published)
            self._tick(day)
            self._evict_due()  # before indexing: a new article never pairs with one beyond the horizon
            super().add([article])
            clock = self.clock()
            if day is not None:
                heapq.heappush(self._due, (day, self.order[article.id], article.id))
            elif clock is None:
                self._waiting.append(article.id)  # undated before any clock: it takes the first
            else:
                heapq.heappush(self._due, (clock, self.order[article.id], article.id))
            if clock is not None and self._waiting:
                for waiting in self._waiting:
                    heapq.heappush(self._due, (clock, self.order[waiting], waiting))
                self._waiting.clear()

    def _held_by_twins(self, doc: _Doc, grams: list[int]) -> set[int]:
        held = super()._held_by_twins(doc, grams)
        if held:
            self._held_at[doc.id] = array("l", sorted(held))
        return held

    def _evict_due(self) -> None:
        clock = self.clock()
        if clock is None:
            return
        while self._due and self._due[0][0] < clock - self.horizon_days:
            self._evict(heapq.heappop(self._due)[2])
        if self._evicted_since_compaction > max(1000, len(self.docs)):
            self._compact()

    def _post(self, article_id: str, positions: Iterable[int]) -> None:
        base = self.order[article_id] * _SLOT
        grams = self._grams(article_id)
        for i in positions:
            h = grams[i]
            posting = self.postings.get(h)
            if posting is None:
                self.postings[h] = base + i
            elif type(posting) is int:
                self.postings[h] = [posting, base + i]
            elif len(posting) < MAX_POSTINGS:
                posting.append(base + i)

    def _unpost(self, article_id: str) -> None:
        number = self.order[article_id]
        base = number * _SLOT
        held = set(self._held_at.pop(article_id, ()))
        postings = self.postings
        for i, h in enumerate(self._grams(article_id)):
            if i in held:
                continue
            posting = postings.get(h)
            if posting is None:
                continue
            if type(posting) is int:
                if posting == base + i:
                    del postings[h]
            elif len(posting) >= MAX_POSTINGS:
                continue  # boilerplate stays boilerplate (and is never looked up again)
            elif base + i in posting:
                posting.remove(base + i)
                if len(posting) == 1:
                    postings[h] = posting[0]

    def _evict(self, a: str) -> None:
        """Finalise ``a``'s report and drop everything that lets a later article pair with it."""
        self._final[a] = super().reports([a])[a]
        self._unpost(a)
        doc = self.docs[a]
        if a in self.articles_lsh:  # an article without grams has no MinHash
            self.articles_lsh.remove(a)
        # Its later near-duplicates held this text under it: post it under them now.
        for d in self.duplicates.pop(a, ()):
            positions = self._held_at.pop(d, None)
            if positions is not None:
                self._post(d, positions)
        for twin in self.duplicate_of.get(a, ()):
            later = self.duplicates.get(twin)
            if later and a in later:
                later.remove(a)
        self._twin_grams.pop(a, None)
        self._duplicate_numbers.discard(self.order[a])
        self.same_text.pop(a, None)
        content = hash((tuple(doc.keys), doc.sentence.tobytes()))
        if self._first_with.get(content) == a:
            del self._first_with[content]
        # A pair's shared words are needed until both of its reports are final.
        mine = self.cover.get(a, {})
        for b in [b for b in mine if b in self._final]:
            del mine[b]
            theirs = self.cover.get(b)
            if theirs is not None:
                theirs.pop(a, None)
                if not theirs:
                    del self.cover[b]
        if not mine:
            self.cover.pop(a, None)
        self._words[a] = len(doc.starts)
        del self.docs[a]
        self._evicted_since_compaction += 1

    def _compact(self) -> None:
        """Forget the sentence keys and shared-word sets that only evicted articles hold (amortised:
        run when as many articles were evicted as are live)."""
        live_keys = UnionFind()
        for group in self.one_text.groups():
            kept = [k for k in group if k.rpartition("#")[0] in self.docs]
            for k in kept[1:]:  # a sentence left alone is not reuse: it joins again when reused
                live_keys.union(kept[0], k)
        self.one_text = live_keys
        held = {}
        for partners in self.cover.values():
            for words in partners.values():
                if type(words) is frozenset:
                    held.setdefault(words, words)
        self._word_sets = held
        self._evicted_since_compaction = 0

    # -------------------------------------------------------------- answers
    def _share(self, a: str, b: str) -> float:
        doc = self.docs.get(a)
        n = len(doc.starts) if doc is not None else self._words.get(a, 0)
        return len(self.cover.get(a, {}).get(b, ())) / n if n else 0.0

    def reports(self, article_ids: Iterable[str] | None = None) -> dict[str, ArticleReuse]:
        wanted = list(article_ids) if article_ids is not None else list(self.order)
        live = super().reports([a for a in wanted if a not in self._final])
        return {a: self._final[a] if a in self._final else live[a] for a in wanted}

    def groups(self) -> list[ReuseGroup]:
        """Reused sentences among the articles still in the window."""
        self._compact()
        return super().groups()
