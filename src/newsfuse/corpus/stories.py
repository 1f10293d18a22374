"""Online, time-aware clustering of an article stream into real-world events (stories).

An article is a unit vector mixing TF-IDF words with its names (its most-mentioned names, the
protagonists, weigh most) and places. A story keeps the sum of its members' vectors and the sum of
their pairwise similarities, so both its *cohesion* (the mean similarity of two of its members) and
the mean similarity of its members to an article or to another story (average linkage) cost one
sparse dot product. **Closeness** is that average linkage divided by the cohesion of the two sides
(a single article counts with ``prior_cohesion``; a story's own cohesion takes over as it grows): a
story of near-identical wire copies asks more of a newcomer than a loose story of follow-ups, and one
threshold serves tight and loose events, small and large stories. Evidence of two events subtracts:

- the sides speak of different years (``year_penalty``, in full once both sides have
  ``year_evidence`` articles that mention years: one stray year in one article proves little);
- neither side mentions any of the other's main names: two floods in two towns (``stranger_penalty``);
- between large stories (``core_min_size``), names that most articles of one side mention are
  missing from the other, weighted by their mass: the same kind of arrest of two players of one
  team, a month apart (``name_penalty``).

The stream:

1. ``add``: the article is compared only with the open stories that share its strongest keys
   (words, names, places) in an inverted index and that were active within ``window_days`` of it
   (candidate generation by blocking, never all pairs, so the cost per article stays flat as the
   stream grows; stories that share only weak, common keys are not candidates, so it stays flat
   as the stream gets denser too). It joins the closest at once if closeness reaches ``threshold`` (a near copy), or
   starts a new story.
2. ``merge_pass`` (every ``merge_every`` articles, before stories close, and in ``finish``):
   average-linkage agglomeration over blocked candidate pairs of the stories changed since the last
   pass, closest pair first, while closeness reaches ``merge_threshold``. Joining the closest pairs
   first, rather than letting each article pick among half-formed stories, keeps two similar events
   apart (two actresses' rehab stays, two navy actions). Then the members of the changed stories
   that are closer to a neighbouring story than to the rest of their own move there, and the
   agglomeration runs once more.

3. ``refine`` (in ``finish`` when ``refine_sweeps`` is set, off by default; or called on a batch):
   k-means-like sweeps that move each member of an open story to the story its own keys find
   and that it is closest to, when that beats the rest of its own story, then agglomerate again:
   what an unlucky arrival order placed wrongly moves back. Moves are recorded in ``moves``.

Stories the window has long passed are closed: they take no more articles and drop the member
vectors kept for moving members, so memory follows the window, not the stream. Story ids are stable:
a story's id derives from its first article and stays when later articles join; a merge keeps the
older id and records the other in ``merged_from`` (``resolve`` maps an old id to the current one).
An article's ``add`` returns the id of the story it is in at that moment; ``resolve`` follows later
merges.

Why one module of this length: one online algorithm, whose vectors, linkage sums and merges are one
shared state.

>>> from newsfuse.model import Article
>>> c = StoryClusterer()
>>> docs = [Article.create(id="a", text="An earthquake struck Port Avel in Velmora, killing 40.", published="2024-05-01"),
...         Article.create(id="b", text="Rescuers in Port Avel dug through rubble after the Velmora earthquake.", published="2024-05-02"),
...         Article.create(id="c", text="Kidnappers seized a bus of students near Orlin in Castavia.", published="2024-05-02")]
>>> for d in docs: _ = c.add(d)
>>> _ = c.finish()
>>> a = c.assignments(); a["a"] == a["b"] != a["c"]
True
"""

from __future__ import annotations

import hashlib
import heapq
import math
import sys
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ..model import Article, Story
from .story_features import StoryFeatures, features_of


def document_keys(f: StoryFeatures) -> list[str]:
    """The keys an article counts once in the document frequencies: its words, names and places."""
    return [f"t:{t}" for t in f.terms] + [f"n:{n}" for n in f.names] + [f"p:{p}" for p in f.places]


def story_id_for(first_article_id: str) -> str:
    return "story-" + hashlib.sha1(first_article_id.encode("utf-8")).hexdigest()[:12]


@dataclass(slots=True)
class _StoryState:
    id: str
    members: list[str]
    vec: dict[str, float]  # sum of the members' unit vectors, pruned to the strongest keys
    pair_sum: float  # sum of the members' pairwise similarities (for the cohesion)
    names: Counter  # name → number of members that mention it
    years: Counter  # year → number of members that mention it
    dated: int  # members that mention any year
    first_day: int | None
    last_day: int | None
    merged_from: list[str] = field(default_factory=list)
    open: bool = True  # still in the time window: takes articles, member vectors kept
    refined_size: int = 0  # size when its members were last checked for a better story
    top: frozenset[str] | None = None  # cached main names (reset when the story changes)

    @property
    def size(self) -> int:
        return len(self.members)


@dataclass(slots=True)
class _Kept:
    """A member's vector, kept while its story is open (to move it if it fits another story better)."""

    keys: tuple[str, ...]
    weights: array
    names: tuple[str, ...]
    years: dict[int, int]  # year → 1
    day: int | None

    def dot(self, vec: dict[str, float]) -> float:
        return sum(w * vec.get(k, 0.0) for k, w in zip(self.keys, self.weights))

    def self_dot(self) -> float:
        return sum(w * w for w in self.weights)


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    # Two articles or stories share few keys: intersect the key sets (in C) and sum over those.
    return sum(a[k] * b[k] for k in a.keys() & b.keys())


class StoryClusterer:
    """Streaming story clustering. ``add`` articles (in publish order when known), then ``finish``.

    ``threshold`` (joining on arrival) and ``merge_threshold`` are on the scale of closeness: 1 means
    the two sides are as close to each other as their own members are among themselves.
    """

    def __init__(
        self,
        *,
        threshold: float = 8.0,
        merge_threshold: float = 0.45,
        window_days: int = 10,
        w_terms: float = 0.6,
        w_names: float = 0.3,
        w_places: float = 0.1,
        year_penalty: float = 1.0,
        year_evidence: int = 5,
        name_penalty: float = 1.0,
        stranger_penalty: float = 1.0,
        top_names: int = 3,
        core_share: float = 0.6,
        absent_share: float = 0.1,
        core_min_size: int = 8,
        prior_cohesion: float = 0.07,
        prior_pairs: float = 2.0,
        merge_every: int = 500,
        max_terms: int = 300,
        keys_per_article: int = 10,
        max_candidates: int = 6,
        refine_candidates: int = 3,
        posting_cap: int = 60,
        min_hit_share: float = 0.3,
        refine_sweeps: int = 0,
        refine_margin: float = 0.0,
    ) -> None:
        self.min_hit_share = min_hit_share
        self.refine_sweeps, self.refine_margin = refine_sweeps, refine_margin
        self.threshold = threshold
        self.merge_threshold = merge_threshold
        self.window_days = window_days
        self.w_terms, self.w_names, self.w_places = w_terms, w_names, w_places
        self.year_penalty = year_penalty
        self.year_evidence = year_evidence
        self.name_penalty = name_penalty
        self.stranger_penalty, self.top_names = stranger_penalty, top_names
        self.core_share, self.absent_share, self.core_min_size = core_share, absent_share, core_min_size
        self.prior_cohesion = prior_cohesion
        self.prior_pairs = prior_pairs
        self.merge_every = merge_every
        self.max_terms = max_terms
        self.keys_per_article = keys_per_article
        self.max_candidates, self.refine_candidates = max_candidates, refine_candidates
        self.posting_cap = posting_cap
        self.docs = 0
        self.df: Counter = Counter()
        self._primed = False
        self.stories: dict[str, _StoryState] = {}
        self.story_of: dict[str, str] = {}
        self.index: dict[str, dict[str, None]] = defaultdict(dict)
        self.aliases: dict[str, str] = {}  # merged-away id → surviving id
        self.moves: list[tuple[str, str, str]] = []  # (article id, from story, to story) by ``refine``
        self.kept: dict[str, _Kept] = {}
        self._open: dict[str, _StoryState] = {}  # stories still in the time window
        self._dirty: set[str] = set()  # stories changed since the last merge pass
        self._since_merge = 0
        self._today: int | None = None

    # ------------------------------------------------------------------ weights
    def idf(self, key: str) -> float:
        return math.log((self.docs + 1) / (self.df[key] + 1)) + 1.0

    def count(self, f: StoryFeatures) -> None:
        """Add one article's keys to the document frequencies."""
        self.docs += 1
        self.df.update(document_keys(f))

    def prime(self, features: list[StoryFeatures]) -> None:
        """Count document frequencies of a batch before streaming it, so the first articles are
        weighed as well as the last (a running service has them from the articles it has seen)."""
        for f in features:
            self.count(f)
        self._primed = True

    def prime_counts(self, docs: int, df: Mapping[str, int]) -> None:
        """``prime`` with the counts made elsewhere: ``docs`` articles, ``df`` the number of them that
        have each of their :func:`document_keys` (a Spark run counts them on the executors)."""
        self.docs += docs
        self.df.update(df)
        self._primed = True

    def vector(self, f: StoryFeatures) -> dict[str, float]:
        """The article's unit vector: words, names and places, each part weighted by its share."""
        parts = [
            (self.w_terms, {f"t:{t}": (1 + math.log(c)) * self.idf(f"t:{t}") for t, c in f.terms.items()}),
            # sqrt of the mention count: the protagonists weigh most without drowning the rest.
            (self.w_names, {f"n:{n}": math.sqrt(c) * self.idf(f"n:{n}") for n, c in f.names.items()}),
            (self.w_places, {f"p:{p}": self.idf(f"p:{p}") for p in f.places}),
        ]
        parts = [(w, v) for w, v in parts if v and w > 0]
        total = sum(w for w, _ in parts) or 1.0
        out: dict[str, float] = {}
        for w, v in parts:
            scale = math.sqrt(w / total) / math.sqrt(sum(x * x for x in v.values()))
            out.update((sys.intern(k), x * scale) for k, x in v.items())
        return out

    # ------------------------------------------------------------------ closeness
    def _cohesion(self, pair_sum: float, size: int) -> float:
        """Mean similarity of two members, shrunk towards ``prior_cohesion`` for small stories."""
        pairs = size * (size - 1) / 2
        return max((pair_sum + self.prior_pairs * self.prior_cohesion) / (pairs + self.prior_pairs), 0.02)

    def cohesion(self, s: _StoryState) -> float:
        return self._cohesion(s.pair_sum, s.size)

    @staticmethod
    def _main_years(years: Mapping[int, int], dated: int) -> frozenset[int]:
        """The years at least half of the dated members speak of."""
        return frozenset(y for y, c in years.items() if c > 0 and 2 * c >= dated)

    def _years_apart(self, years_a: Mapping[int, int], dated_a: int, years_b: Mapping[int, int], dated_b: int) -> float:
        """0 unless the main years of one side are never mentioned by the other; then the evidence:
        1 when both sides have ``year_evidence`` members that mention years, less when fewer."""
        if not dated_a or not dated_b:
            return 0.0
        main_a, main_b = self._main_years(years_a, dated_a), self._main_years(years_b, dated_b)
        apart = bool(main_a and not any(years_b.get(y) for y in main_a)) or bool(
            main_b and not any(years_a.get(y) for y in main_b)
        )
        return min(dated_a, dated_b, self.year_evidence) / self.year_evidence if apart else 0.0

    def closeness(self, vec: dict[str, float], years: dict[int, int], s: _StoryState) -> float:
        """How close an article is to a story, relative to how close the story's members are."""
        mean = _dot(vec, s.vec) / s.size
        score = mean / math.sqrt(self.cohesion(s) * self.prior_cohesion)
        if years and s.dated:
            score -= self.year_penalty * self._years_apart(years, 1, s.years, s.dated)
        if self.stranger_penalty and self._strangers(self._top_names(vec), vec, self._story_top(s), s.vec):
            score -= self.stranger_penalty
        return score

    def _top_names(self, vec: dict[str, float]) -> frozenset[str]:
        names = [k for k in vec if k[0] == "n"]
        return frozenset(sorted(names, key=vec.get, reverse=True)[: self.top_names])

    def _story_top(self, s: _StoryState) -> frozenset[str]:
        if s.top is None:
            s.top = self._top_names(s.vec)
        return s.top

    @staticmethod
    def _strangers(top_a: frozenset[str], a: dict[str, float], top_b: frozenset[str], b: dict[str, float]) -> bool:
        """Neither side mentions any of the other's main names (two floods in two towns)."""
        if len(top_a) < 2 or len(top_b) < 2:
            return False
        return not any(n in b for n in top_a) and not any(n in a for n in top_b)

    def story_closeness(self, a: _StoryState, b: _StoryState) -> float:
        mean = _dot(a.vec, b.vec) / (a.size * b.size)
        score = mean / math.sqrt(self.cohesion(a) * self.cohesion(b))
        score -= self.year_penalty * self._years_apart(a.years, a.dated, b.years, b.dated)
        if self.stranger_penalty and self._strangers(self._story_top(a), a.vec, self._story_top(b), b.vec):
            score -= self.stranger_penalty
        if self.name_penalty and min(a.size, b.size) >= self.core_min_size:
            score -= self.name_penalty * max(self._distinct_core(a, b), self._distinct_core(b, a))
        return score

    def _distinct_core(self, a: _StoryState, b: _StoryState) -> float:
        """Share of a's core names — those most of its members mention: who and where it is about —
        that hardly any member of b mentions, each weighted by its mass in a (protagonists most)."""
        core = [n for n, c in a.names.items() if c >= self.core_share * a.size]
        if not core:
            return 0.0
        weights = [(a.vec.get(f"n:{n}", 0.0), b.names.get(n, 0) <= self.absent_share * b.size) for n in core]
        return sum(w for w, absent in weights if absent) / sum(w for w, _ in weights)

    def _in_window(self, day: int | None, s: _StoryState) -> bool:
        if day is None or s.last_day is None:
            return True
        return s.first_day - self.window_days <= day <= s.last_day + self.window_days

    # ------------------------------------------------------------------ the stream
    def _keys(self, vec: dict[str, float]) -> list[str]:
        """Index keys of an article or a story: its strongest words, and its strongest names and places."""
        terms = [k for k in vec if k.startswith("t:")]
        others = [k for k in vec if not k.startswith("t:")]
        return (sorted(terms, key=vec.get, reverse=True)[: self.keys_per_article]
                + sorted(others, key=vec.get, reverse=True)[: self.keys_per_article // 2])

    def _candidates(self, keys: list[str] | tuple[str, ...], vec: dict[str, float], exclude: str = "") -> list[str]:
        """Open stories (other than ``exclude``) sharing the strongest keys (by their weight in
        ``vec``), best first; posting lists hold the latest stories for each key.

        A story whose shared keys weigh less than ``min_hit_share`` of the best match's is not a
        candidate: it shares only common words or a common place with the article. Without this
        floor the candidates per article grow with the number of concurrent stories that share a
        country or the kind of event, so the cost per article grows with the stream's density.
        """
        # Strongest keys first. A story is met through a key until the weight of the keys left could
        # not lift a story met only now to the floor; and a full posting list (a key shared by
        # ``posting_cap`` recent stories: a kind of event, a country) meets no new story once some
        # story is met. Such keys only add to the stories already met, which costs the size of
        # that set rather than the length of their lists.
        weighted = sorted(((vec.get(key, 0.0), key) for key in keys), reverse=True)
        left = sum(w for w, _ in weighted)
        hits: dict[str, float] = {}
        best = 0.0
        for weight, key in weighted:
            posting = self.index.get(key)
            if posting:
                # (``best`` may lag behind the stories met so far: the test then only reads more.)
                if left >= best * self.min_hit_share and (not best or len(posting) < self.posting_cap):
                    for sid in posting:
                        hit = hits[sid] = hits.get(sid, 0.0) + weight
                        if hit > best and sid != exclude:
                            best = hit
                elif len(hits) < len(posting):
                    for sid in [sid for sid in hits if sid in posting]:
                        hits[sid] += weight
                else:
                    for sid in posting:
                        if sid in hits:
                            hits[sid] += weight
            left -= weight
        hits.pop(exclude, None)
        if not hits:
            return []
        floor = max(hits.values()) * self.min_hit_share
        ranked = sorted((sid for sid, hit in hits.items() if hit >= floor), key=hits.__getitem__, reverse=True)
        out: list[str] = []
        seen: set[str] = set()
        for sid in ranked[: 4 * self.max_candidates]:
            sid = self.resolve(sid)
            if sid not in seen and sid != exclude:
                seen.add(sid)
                if self.stories[sid].open:
                    out.append(sid)
                    if len(out) == self.max_candidates:
                        break
        return out

    def add(self, article: Article, features: StoryFeatures | None = None) -> str:
        """Assign one article to a story (existing or new) and return the story id (which a later
        merge may fold into an older story: ``resolve`` follows it)."""
        return self.add_features(article.id, features or features_of(article))

    def add_features(self, article_id: str, f: StoryFeatures) -> str:
        """``add`` for an article known only by its id and its features (found elsewhere: a Spark
        run computes them on the executors and streams only these through the clusterer)."""
        if not self._primed:
            self.count(f)
        if f.day is not None and (self._today is None or f.day > self._today):
            self._today = f.day
            self._close_old_stories()
        vec = self.vector(f)
        keys = self._keys(vec)
        years = dict.fromkeys(f.years, 1)
        best, best_score = None, self.threshold
        for sid in self._candidates(keys, vec):
            story = self.stories[sid]
            if not self._in_window(f.day, story):
                continue
            score = self.closeness(vec, years, story)
            if score >= best_score:
                best, best_score = story, score
        if best is None:
            best = _StoryState(story_id_for(article_id), [], {}, 0.0, Counter(), Counter(), 0, f.day, f.day)
            self.stories[best.id] = self._open[best.id] = best
        self.kept[article_id] = _Kept(tuple(vec), array("f", vec.values()), tuple(f.names), years, f.day)
        self._absorb(best, article_id, vec, f.names.keys(), f.years, f.day)
        self._post(best.id, keys)
        self._since_merge += 1
        if self._since_merge >= self.merge_every:
            self.merge_pass()
        return best.id

    def _post(self, sid: str, keys) -> None:
        for key in keys:
            posting = self.index[key]
            posting.pop(sid, None)  # an ordered set, most recently active story last
            posting[sid] = None
            if len(posting) > self.posting_cap:  # only the most recent stories stay findable by a common key
                del posting[next(iter(posting))]

    def _absorb(self, s: _StoryState, article_id: str, vec: dict[str, float], names, years, day: int | None) -> None:
        s.top = None
        s.pair_sum += _dot(vec, s.vec)
        s.members.append(article_id)
        self.story_of[article_id] = s.id
        for k, v in vec.items():
            s.vec[k] = s.vec.get(k, 0.0) + v
        self._prune(s)
        s.names.update(names)
        s.years.update(years)
        s.dated += bool(years)
        if day is not None:
            s.first_day = day if s.first_day is None else min(s.first_day, day)
            s.last_day = day if s.last_day is None else max(s.last_day, day)
        self._dirty.add(s.id)

    def _prune(self, s: _StoryState, keep: int | None = None) -> None:
        keep = keep or self.max_terms
        if len(s.vec) > 2 * keep:  # bound memory per story: keep the strongest keys
            s.vec = dict(sorted(s.vec.items(), key=lambda kv: kv[1], reverse=True)[:keep])

    def _close_old_stories(self) -> None:
        """Close the stories the window has long passed, after a last merge pass that may still join
        them: drop what only open stories need (member vectors, the long tail of their keys)."""
        horizon = self._today - 2 * self.window_days
        if not any(s.last_day is not None and s.last_day < horizon for s in self._open.values()):
            return
        self.merge_pass()
        for s in [s for s in self._open.values() if s.last_day is not None and s.last_day < horizon]:
            s.open = False
            del self._open[s.id]
            for m in s.members:
                self.kept.pop(m, None)
            self._prune(s, keep=self.max_terms // 4)

    # ------------------------------------------------------------------ merges
    def resolve(self, sid: str) -> str:
        """The current id of a story (merged-away ids lead to the story that absorbed them)."""
        target = sid
        while target in self.aliases:
            target = self.aliases[target]
        while sid != target:  # path compression: long merge chains are walked once
            following = self.aliases[sid]
            self.aliases[sid] = target
            sid = following
        return target

    def _story_keys(self, s: _StoryState) -> list[str]:
        return self._keys(s.vec)

    def _windows_touch(self, a: _StoryState, b: _StoryState) -> bool:
        if a.first_day is None or b.first_day is None:
            return True
        return a.first_day - self.window_days <= b.last_day and b.first_day - self.window_days <= a.last_day

    def merge_pass(self) -> list[tuple[str, str]]:
        """Join open stories that belong together and move misplaced articles; returns
        (merged-away id, surviving id) pairs in merge order.

        Average-linkage agglomeration over blocked candidate pairs of the stories changed since the
        last pass, closest pair first; then members of those stories that are closer to another
        story than to the rest of their own move there, and the agglomeration runs once more.
        """
        touched = set(self._dirty)
        merges = self._agglomerate()
        touched = {self.resolve(sid) for sid in touched}
        if self._refine(touched):
            merges += self._agglomerate()
        self._since_merge = 0
        return merges

    def _agglomerate(self) -> list[tuple[str, str]]:
        heap: list[tuple[float, str, str, int, int]] = []

        def push_pairs(s: _StoryState) -> None:
            for other_id in self._candidates(self._story_keys(s), s.vec, exclude=s.id):
                other = self.stories[other_id]
                if other_id == s.id or not self._windows_touch(s, other):
                    continue
                score = self.story_closeness(s, other)
                if score >= self.merge_threshold:
                    heapq.heappush(heap, (-score, s.id, other.id, s.size, other.size))

        for sid in sorted(self._dirty):
            if sid in self.stories:
                push_pairs(self.stories[sid])
        self._dirty.clear()
        merges = []
        while heap:
            _, a_id, b_id, a_size, b_size = heapq.heappop(heap)
            a, b = self.stories.get(a_id), self.stories.get(b_id)
            if a is None or b is None or a.size != a_size or b.size != b_size:
                # One side changed since this pair was scored (it grew, or merged into another
                # story): score the pair again as it is now. Dropping it would lose a link that
                # only the smaller side's keys can find (a follow-up whose strongest words are its
                # own, whose candidate just merged into a larger story).
                a_id, b_id = self.resolve(a_id), self.resolve(b_id)
                a, b = self.stories.get(a_id), self.stories.get(b_id)
                if a is not None and b is not None and a_id != b_id and self._windows_touch(a, b):
                    score = self.story_closeness(a, b)
                    if score >= self.merge_threshold:
                        heapq.heappush(heap, (-score, a_id, b_id, a.size, b.size))
                continue
            keep, gone = (a, b) if self._older(a, b) else (b, a)
            self._merge(keep, gone)
            merges.append((gone.id, keep.id))
            push_pairs(keep)
        self._dirty.clear()
        return merges

    @staticmethod
    def _older(a: _StoryState, b: _StoryState) -> bool:
        return (a.first_day or 0, -a.size, a.id) <= (b.first_day or 0, -b.size, b.id)

    def _merge(self, keep: _StoryState, gone: _StoryState) -> None:
        keep.top = None
        keep.pair_sum += gone.pair_sum + _dot(keep.vec, gone.vec)
        for k, v in gone.vec.items():
            keep.vec[k] = keep.vec.get(k, 0.0) + v
        self._prune(keep)
        keep.names.update(gone.names)
        keep.years.update(gone.years)
        keep.dated += gone.dated
        keep.members.extend(gone.members)
        for m in gone.members:
            self.story_of[m] = keep.id
        if gone.first_day is not None:
            keep.first_day = gone.first_day if keep.first_day is None else min(keep.first_day, gone.first_day)
            keep.last_day = gone.last_day if keep.last_day is None else max(keep.last_day, gone.last_day)
        keep.merged_from.extend([gone.id, *gone.merged_from])
        del self.stories[gone.id]
        self._open.pop(gone.id, None)
        self.aliases[gone.id] = keep.id
        self._dirty.discard(gone.id)
        self._dirty.add(keep.id)
        self._post(keep.id, self._story_keys(keep))

    # ------------------------------------------------------------------ refinement
    def _closeness_without(self, k: _Kept, s: _StoryState) -> float:
        """Closeness of a member to the rest of its own story."""
        own = k.self_dot()
        cross = k.dot(s.vec) - own
        rest_pairs = s.pair_sum - cross
        score = cross / (s.size - 1) / math.sqrt(self._cohesion(rest_pairs, s.size - 1) * self.prior_cohesion)
        if k.years:
            rest_years = s.years - Counter(k.years)
            score -= self.year_penalty * self._years_apart(k.years, 1, rest_years, s.dated - 1)
        return score

    def _refine(self, story_ids: set[str]) -> list[tuple[str, str, str]]:
        """Move each member of these stories that is closer to one of its story's candidate stories
        than to the rest of its own; returns (article id, from story, to story) moves."""
        moves = []
        for sid in sorted(story_ids):
            s = self.stories.get(sid)
            # A story is checked again once it has grown by half: the work stays linear.
            if s is None or not s.open or s.size < 2 or s.size < s.refined_size + max(1, s.refined_size // 2):
                continue
            s.refined_size = s.size
            others = [self.stories[o] for o in self._candidates(self._story_keys(s), s.vec, exclude=sid)]
            # a misplaced member's story is among the closest few of its current story's neighbours
            others = [o for o in others if self._windows_touch(s, o)][: self.refine_candidates]
            for aid in list(s.members):
                k = self.kept.get(aid)
                if k is None or s.size < 2 or not others:
                    continue
                vec = dict(zip(k.keys, k.weights))
                best, best_score = None, max(self._closeness_without(k, s), self.merge_threshold)
                for other in others:
                    score = self.closeness(vec, k.years, other)
                    if score > best_score:
                        best, best_score = other, score
                if best is not None:
                    self._move(aid, k, vec, s, best)
                    moves.append((aid, s.id, best.id))
        return moves

    def _move(self, aid: str, k: _Kept, vec: dict[str, float], src: _StoryState, dst: _StoryState) -> None:
        own = k.self_dot()
        src.top = None
        src.pair_sum -= k.dot(src.vec) - own
        for key, w in zip(k.keys, k.weights):
            if key in src.vec:
                src.vec[key] -= w
        src.members.remove(aid)
        src.names.subtract(k.names)
        src.years.subtract(k.years)
        src.dated -= bool(k.years)
        self._dirty.add(src.id)
        self._absorb(dst, aid, vec, k.names, k.years, k.day)

    def refine(self, sweeps: int | None = None) -> list[tuple[str, str]]:
        """Undo what the arrival order decided: a few k-means-like sweeps over the open stories.

        In each sweep every member of an open story of two or more is scored against the stories its
        own strongest keys find (the same blocking as ``add``: never all pairs) and moves to the
        best of them when that beats its closeness to the rest of its own story, and the merge
        threshold, by ``refine_margin``. The agglomeration then runs over the changed stories.
        Sweeps stop early when nothing moves. Ids stay: a move keeps both stories' ids (recorded
        in ``moves``); a merge keeps the older id and records the other as ``merge_pass`` does.
        Returns the merges."""
        merges: list[tuple[str, str]] = []
        for _ in range(self.refine_sweeps if sweeps is None else sweeps):
            moved = self._sweep()
            if not moved:
                break
            self.moves.extend(moved)
            merges += self._agglomerate()
        return merges

    def _sweep(self) -> list[tuple[str, str, str]]:
        moved = []
        for sid in sorted(self._open):
            s = self.stories.get(sid)
            if s is None or not s.open:
                continue
            for aid in list(s.members):
                k = self.kept.get(aid)
                if k is None or s.size < 2:
                    continue
                vec = dict(zip(k.keys, k.weights))
                floor = max(self._closeness_without(k, s), self.merge_threshold) + self.refine_margin
                best, best_score = None, floor
                for other_id in self._candidates(self._keys(vec), vec, exclude=s.id):
                    other = self.stories[other_id]
                    if not self._in_window(k.day, other):
                        continue
                    score = self.closeness(vec, k.years, other)
                    if score > best_score:
                        best, best_score = other, score
                if best is not None:
                    self._move(aid, k, vec, s, best)
                    self._post(best.id, self._keys(vec))  # as ``add`` does: later sweeps find it there
                    moved.append((aid, s.id, best.id))
        return moved

    def finish(self) -> list[tuple[str, str]]:
        """End of a batch (or a quiet moment in a stream): the last merge pass, then ``refine_sweeps``
        refinement sweeps (if set). Returns the merges."""
        merges = self.merge_pass()
        if self.refine_sweeps:
            merges += self.refine()
        return merges

    # ------------------------------------------------------------------ results
    def assignments(self) -> dict[str, str]:
        return {aid: self.resolve(sid) for aid, sid in self.story_of.items()}

    def stories_out(self, articles: dict[str, Article] | None = None) -> list[Story]:
        from datetime import date

        out = []
        for s in self.stories.values():
            title = None
            if articles:
                titled = [articles[m].title for m in s.members if m in articles and articles[m].title]
                title = titled[0] if titled else None
            out.append(
                Story(
                    id=s.id,
                    article_ids=tuple(s.members),
                    title=title,
                    first_published=date.fromordinal(s.first_day).isoformat() if s.first_day else None,
                    last_published=date.fromordinal(s.last_day).isoformat() if s.last_day else None,
                    merged_from=tuple(s.merged_from),
                )
            )
        return out


def publish_key(published: str | None, position: int) -> tuple:
    """Where an article published at ``published``, ``position``-th in its input, goes in publish order."""
    return (published is None, published or "", position)


def publish_order(articles: Sequence[Article]) -> list[Article]:
    """Articles by publish date (unknown dates keep their input position relative to each other, last)."""
    indexed = list(enumerate(articles))
    indexed.sort(key=lambda ia: publish_key(ia[1].published, ia[0]))
    return [a for _, a in indexed]


def cluster(articles: list[Article], clusterer: StoryClusterer | None = None) -> dict[str, str]:
    """article id → story id for a batch (streamed in publish order, then ``finish``)."""
    return cluster_features([(a.id, a.published, features_of(a)) for a in articles], clusterer)


def cluster_features(items: Sequence[tuple[str, str | None, StoryFeatures]],
                     clusterer: StoryClusterer | None = None) -> dict[str, str]:
    """``cluster`` for articles given as (id, published, features), in input order: what a Spark run
    gathers on the driver (the features are computed on the executors)."""
    c = clusterer or StoryClusterer()
    ordered = [items[i] for i in sorted(range(len(items)), key=lambda i: publish_key(items[i][1], i))]
    c.prime([f for _id, _published, f in ordered])
    return stream_features(c, ((article_id, f) for article_id, _published, f in ordered))


def stream_features(c: StoryClusterer, ordered: Iterable[tuple[str, StoryFeatures]]) -> dict[str, str]:
    """The rest of ``cluster`` once ``c`` is primed: (article id, features) in publish order through
    ``add``, then ``finish``; article id → story id. (A Spark run streams them to the driver one
    partition at a time.)"""
    for article_id, f in ordered:
        c.add_features(article_id, f)
    c.finish()
    return c.assignments()
