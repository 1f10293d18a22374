"""Online, time-aware clustering of an article stream into real-world events (stories).

Each article is compared only with the stories that share one of its strongest keys (words, names,
places) in an inverted index and that were active within ``window_days`` of it: candidate generation
by blocking, never all pairs, so the cost per article stays flat as the stream grows. It joins the
best story if close enough, or starts a new one. A merge pass then joins stories that belong together
(a story first seen as two). Story ids are stable: a story's id derives from its first article, a
merge keeps the older id and records the other in ``merged_from``.

An article is a unit vector mixing TF-IDF words with its names (an article's most-mentioned names, its
protagonists, weigh most) and places. A story keeps the sum of its members' vectors and the sum of
their pairwise similarities, so for any story both its *cohesion* (mean similarity of two members)
and the mean similarity of its members to an article or to another story (average linkage) cost one
sparse dot product. Closeness is the average linkage divided by the cohesion of the two sides: a
story of near-identical wire copies asks more of a newcomer than a loose story of follow-ups, and the
same test works for a 3-article and a 300-article story. Evidence of a different event subtracts from
it: the sides speak of different years. Two earthquakes in two countries, or the same kind of arrest
of two players of one team a month apart, stay apart.

>>> from newsfuse.model import Article
>>> c = StoryClusterer()
>>> docs = [Article.create(id="a", text="An earthquake struck Port Avel in Velmora, killing 40.", published="2024-05-01"),
...         Article.create(id="b", text="Rescuers in Port Avel dug through rubble after the Velmora earthquake.", published="2024-05-02"),
...         Article.create(id="c", text="Kidnappers seized a bus of students near Orlin in Castavia.", published="2024-05-02")]
>>> for d in docs: _ = c.add(d)
>>> a = c.assignments(); a["a"] == a["b"] != a["c"]
True
"""

from __future__ import annotations

import hashlib
import heapq
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .model import Article, Story
from .story_features import StoryFeatures, features_of


def story_id_for(first_article_id: str) -> str:
    return "story-" + hashlib.sha1(first_article_id.encode("utf-8")).hexdigest()[:12]


@dataclass(slots=True)
class _StoryState:
    id: str
    members: list[str]
    vec: dict[str, float]  # sum of the members' unit vectors, pruned to the strongest keys
    pair_sum: float  # sum of the members' pairwise similarities (for the cohesion)
    years: Counter  # year → number of members that mention it
    dated: int  # members that mention any year
    first_day: int | None
    last_day: int | None
    merged_from: list[str] = field(default_factory=list)

    @property
    def size(self) -> int:
        return len(self.members)


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0.0) for k, v in a.items())


class StoryClusterer:
    """Streaming story clustering. ``add`` one article at a time (in publish order when known).

    ``threshold`` and ``merge_threshold`` are on the scale of closeness (average linkage over
    cohesion: 1 = as close as the sides' own members are to each other). ``prior_cohesion`` stands in
    for the cohesion of a single article, shrunk away as a story grows.
    """

    def __init__(
        self,
        *,
        threshold: float = 0.6,
        merge_threshold: float = 0.75,
        window_days: int = 10,
        w_terms: float = 0.6,
        w_names: float = 0.3,
        w_places: float = 0.1,
        year_penalty: float = 0.3,
        prior_cohesion: float = 0.35,
        prior_pairs: float = 2.0,
        max_terms: int = 150,
        keys_per_article: int = 15,
        max_candidates: int = 40,
        posting_cap: int = 200,
    ) -> None:
        self.threshold = threshold
        self.merge_threshold = merge_threshold
        self.window_days = window_days
        self.w_terms, self.w_names, self.w_places = w_terms, w_names, w_places
        self.year_penalty = year_penalty
        self.prior_cohesion = prior_cohesion
        self.prior_pairs = prior_pairs
        self.max_terms = max_terms
        self.keys_per_article = keys_per_article
        self.max_candidates = max_candidates
        self.posting_cap = posting_cap
        self.docs = 0
        self.df: Counter = Counter()
        self._primed = False
        self.stories: dict[str, _StoryState] = {}
        self.story_of: dict[str, str] = {}
        self.index: dict[str, list[str]] = defaultdict(list)
        self.aliases: dict[str, str] = {}  # merged-away id → surviving id

    # ------------------------------------------------------------------ weights
    def idf(self, key: str) -> float:
        return math.log((self.docs + 1) / (self.df[key] + 1)) + 1.0

    def count(self, f: StoryFeatures) -> None:
        """Add one article's keys to the document frequencies."""
        self.docs += 1
        self.df.update(f"t:{t}" for t in f.terms)
        self.df.update(f"n:{n}" for n in f.names)
        self.df.update(f"p:{p}" for p in f.places)

    def prime(self, features: list[StoryFeatures]) -> None:
        """Count document frequencies of a batch before streaming it, so the first articles are
        weighed as well as the last (a running service has them from the articles it has seen)."""
        for f in features:
            self.count(f)
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
            out.update((k, x * scale) for k, x in v.items())
        return out

    # ------------------------------------------------------------------ closeness
    def cohesion(self, s: _StoryState) -> float:
        """Mean similarity of two members, shrunk towards ``prior_cohesion`` for small stories."""
        pairs = s.size * (s.size - 1) / 2
        mean = (s.pair_sum + self.prior_pairs * self.prior_cohesion) / (pairs + self.prior_pairs)
        return max(mean, 0.02)

    def _years_conflict(self, a: Counter | frozenset, b: Counter) -> bool:
        return bool(a and b and not any(b.get(y) for y in a))

    def closeness(self, vec: dict[str, float], years: frozenset[int], s: _StoryState) -> float:
        """How close an article is to a story, relative to how close the story's members are."""
        mean = _dot(vec, s.vec) / s.size
        score = mean / math.sqrt(self.cohesion(s) * self.prior_cohesion)
        if self._years_conflict(years, s.years):
            score -= self.year_penalty
        return score

    def story_closeness(self, a: _StoryState, b: _StoryState) -> float:
        mean = _dot(a.vec, b.vec) / (a.size * b.size)
        score = mean / math.sqrt(self.cohesion(a) * self.cohesion(b))
        if self._years_conflict(self._main_years(a), b.years) or self._years_conflict(self._main_years(b), a.years):
            score -= self.year_penalty
        return score

    @staticmethod
    def _main_years(s: _StoryState) -> frozenset[int]:
        """The years at least half of a story's dated members speak of."""
        return frozenset(y for y, c in s.years.items() if 2 * c >= s.dated)

    def _in_window(self, day: int | None, s: _StoryState) -> bool:
        if day is None or s.last_day is None:
            return True
        return s.first_day - self.window_days <= day <= s.last_day + self.window_days

    # ------------------------------------------------------------------ the stream
    def _keys(self, vec: dict[str, float], f: StoryFeatures) -> list[str]:
        terms = [k for k in vec if k.startswith("t:")]
        strongest = sorted(terms, key=vec.get, reverse=True)[: self.keys_per_article]
        return strongest + [f"n:{n}" for n in f.names] + [f"p:{p}" for p in f.places]

    def _candidates(self, keys: list[str]) -> list[str]:
        hits: Counter = Counter()
        for key in keys:
            for sid in self.index.get(key, ()):
                hits[self.resolve(sid)] += 1
        return [sid for sid, _ in hits.most_common(self.max_candidates)]

    def add(self, article: Article, features: StoryFeatures | None = None) -> str:
        """Assign one article to a story (existing or new) and return the story id."""
        f = features or features_of(article)
        if not self._primed:
            self.count(f)
        vec = self.vector(f)
        keys = self._keys(vec, f)
        best, best_score = None, self.threshold
        for sid in self._candidates(keys):
            story = self.stories[sid]
            if not self._in_window(f.day, story):
                continue
            score = self.closeness(vec, f.years, story)
            if score >= best_score:
                best, best_score = story, score
        if best is None:
            best = _StoryState(story_id_for(article.id), [], {}, 0.0, Counter(), 0, f.day, f.day)
            self.stories[best.id] = best
        self._absorb(best, article.id, vec, f)
        self._post(best.id, keys)
        return best.id

    def _post(self, sid: str, keys: list[str]) -> None:
        for key in keys:
            posting = self.index[key]
            if not posting or posting[-1] != sid:
                posting.append(sid)
                if len(posting) > self.posting_cap:  # only the most recent stories stay findable by a common key
                    del posting[0]

    def _absorb(self, s: _StoryState, article_id: str, vec: dict[str, float], f: StoryFeatures) -> None:
        s.pair_sum += _dot(vec, s.vec)
        s.members.append(article_id)
        self.story_of[article_id] = s.id
        for k, v in vec.items():
            s.vec[k] = s.vec.get(k, 0.0) + v
        self._prune(s)
        s.years.update(f.years)
        s.dated += bool(f.years)
        if f.day is not None:
            s.first_day = f.day if s.first_day is None else min(s.first_day, f.day)
            s.last_day = f.day if s.last_day is None else max(s.last_day, f.day)

    def _prune(self, s: _StoryState) -> None:
        if len(s.vec) > 2 * self.max_terms:  # bound memory per story: keep the strongest keys
            s.vec = dict(sorted(s.vec.items(), key=lambda kv: kv[1], reverse=True)[: self.max_terms])

    # ------------------------------------------------------------------ merges
    def resolve(self, sid: str) -> str:
        while sid in self.aliases:
            sid = self.aliases[sid]
        return sid

    def _story_keys(self, s: _StoryState) -> list[str]:
        terms = sorted((k for k in s.vec if k.startswith("t:")), key=s.vec.get, reverse=True)[: self.keys_per_article]
        names = sorted((k for k in s.vec if not k.startswith("t:")), key=s.vec.get, reverse=True)[:5]
        return terms + names

    def _windows_touch(self, a: _StoryState, b: _StoryState) -> bool:
        if a.first_day is None or b.first_day is None:
            return True
        return a.first_day - self.window_days <= b.last_day and b.first_day - self.window_days <= a.last_day

    def merge_pass(self) -> list[tuple[str, str]]:
        """Join stories that belong together, closest pair first (average-linkage agglomeration over
        blocked candidate pairs); returns (merged-away id, surviving id) pairs in merge order."""
        heap: list[tuple[float, str, str, int, int]] = []

        def push_pairs(s: _StoryState) -> None:
            for other_id in self._candidates(self._story_keys(s)):
                if other_id == s.id:
                    continue
                other = self.stories[other_id]
                if not self._windows_touch(s, other):
                    continue
                score = self.story_closeness(s, other)
                if score >= self.merge_threshold:
                    heapq.heappush(heap, (-score, s.id, other.id, s.size, other.size))

        for s in list(self.stories.values()):
            push_pairs(s)
        merges = []
        while heap:
            _, a_id, b_id, a_size, b_size = heapq.heappop(heap)
            a, b = self.stories.get(a_id), self.stories.get(b_id)
            if a is None or b is None or a.size != a_size or b.size != b_size:
                continue  # one side changed since this pair was scored
            keep, gone = (a, b) if self._older(a, b) else (b, a)
            self._merge(keep, gone)
            merges.append((gone.id, keep.id))
            push_pairs(keep)
        return merges

    @staticmethod
    def _older(a: _StoryState, b: _StoryState) -> bool:
        return (a.first_day or 0, -a.size, a.id) <= (b.first_day or 0, -b.size, b.id)

    def _merge(self, keep: _StoryState, gone: _StoryState) -> None:
        keep.pair_sum += gone.pair_sum + _dot(keep.vec, gone.vec)
        for k, v in gone.vec.items():
            keep.vec[k] = keep.vec.get(k, 0.0) + v
        self._prune(keep)
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
        self.aliases[gone.id] = keep.id
        self._post(keep.id, self._story_keys(keep))

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


def publish_order(articles: list[Article]) -> list[Article]:
    """Articles by publish date (unknown dates keep their input position relative to each other, last)."""
    indexed = list(enumerate(articles))
    indexed.sort(key=lambda ia: (ia[1].published is None, ia[1].published or "", ia[0]))
    return [a for _, a in indexed]


def cluster(articles: list[Article], clusterer: StoryClusterer | None = None) -> dict[str, str]:
    """article id → story id for a batch (streamed in publish order, then one merge pass)."""
    c = clusterer or StoryClusterer()
    ordered = publish_order(articles)
    features = [features_of(a) for a in ordered]
    c.prime(features)
    for article, f in zip(ordered, features):
        c.add(article, f)
    c.merge_pass()
    return c.assignments()
