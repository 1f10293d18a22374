"""Online, time-aware clustering of an article stream into real-world events (stories).

Each article is compared only with the stories that share one of its strongest keys (words, names,
places) in an inverted index and that were active within ``window_days`` of it: candidate generation
by blocking, never all pairs, so the cost per article stays flat as the stream grows. It joins the
best-scoring story above ``threshold`` or starts a new one. A merge pass then joins stories that
became close (a story first seen as two). Story ids are stable: a story's id derives from its first
article, a merge keeps the older id and records the other in ``merged_from``.

The score mixes the TF-IDF cosine of words with that of names (an article's most-mentioned names,
its protagonists, weigh most), and subtracts penalties for evidence of a different event: the article
speaks of other years than the story, or the story's protagonist is missing from the article, or the
article's protagonist from every article of the story. Two earthquakes in two countries, or the same
kind of arrest of two players of one team a month apart, stay apart.

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
    terms: dict[str, float]  # sum of members' normalised TF-IDF vectors, pruned to the strongest terms
    names: Counter  # name → number of members that mention it
    name_terms: dict[str, float]  # sum of members' normalised name vectors
    places: Counter
    years: Counter  # year → number of members that mention it
    dated: int  # members that mention any year
    first_day: int | None
    last_day: int | None
    merged_from: list[str] = field(default_factory=list)
    alive: bool = True

    @property
    def size(self) -> int:
        return len(self.members)


def _norm(vec: dict[str, float]) -> float:
    return math.sqrt(sum(v * v for v in vec.values())) or 1.0


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    dot = sum(v * b.get(k, 0.0) for k, v in a.items())
    return dot / (_norm(a) * _norm(b)) if dot else 0.0


class StoryClusterer:
    """Streaming story clustering. ``add`` one article at a time (in publish order when known)."""

    def __init__(
        self,
        *,
        threshold: float = 0.25,
        merge_threshold: float = 0.5,
        window_days: int = 10,
        w_terms: float = 0.6,
        w_names: float = 0.3,
        w_places: float = 0.1,
        year_penalty: float = 0.15,
        protagonist_penalty: float = 0.0,
        core_share: float = 0.6,
        max_terms: int = 120,
        keys_per_article: int = 15,
        max_candidates: int = 40,
        posting_cap: int = 200,
    ) -> None:
        self.threshold = threshold
        self.merge_threshold = merge_threshold
        self.window_days = window_days
        self.w_terms, self.w_names, self.w_places = w_terms, w_names, w_places
        self.year_penalty = year_penalty
        self.protagonist_penalty = protagonist_penalty
        self.core_share = core_share
        self.max_terms = max_terms
        self.keys_per_article = keys_per_article
        self.max_candidates = max_candidates
        self.posting_cap = posting_cap
        self.docs = 0
        self.df: Counter = Counter()
        self.stories: dict[str, _StoryState] = {}
        self.story_of: dict[str, str] = {}
        self.index: dict[str, list[str]] = defaultdict(list)
        self.aliases: dict[str, str] = {}  # merged-away id → surviving id

    # ------------------------------------------------------------------ weights
    def idf(self, key: str) -> float:
        return math.log((self.docs + 1) / (self.df[key] + 1)) + 1.0

    def count(self, f: StoryFeatures) -> None:
        """Add one article's keys to the document frequencies (``add`` does it; ``prime`` ahead of time)."""
        self.docs += 1
        self.df.update(f.terms.keys())
        self.df.update(f"n:{n}" for n in f.names)
        self.df.update(f"p:{p}" for p in f.places)

    def _vector(self, f: StoryFeatures) -> dict[str, float]:
        vec = {t: (1 + math.log(c)) * self.idf(t) for t, c in f.terms.items()}
        n = _norm(vec)
        return {t: v / n for t, v in vec.items()}

    def _name_vector(self, names: Counter) -> dict[str, float]:
        # sqrt of the mention count: an article's protagonists weigh most, without drowning the rest.
        return {n: math.sqrt(c) * self.idf(f"n:{n}") for n, c in names.items()}

    def _name_profile(self, s: _StoryState) -> dict[str, float]:
        return s.name_terms

    def _core(self, s: _StoryState) -> list[str]:
        """Names most members of a story mention (its protagonists), most specific first."""
        if s.size < 3:
            return []
        core = [n for n, c in s.names.items() if c >= self.core_share * s.size]
        return sorted(core, key=lambda n: -self.idf(f"n:{n}"))

    # ------------------------------------------------------------------ scoring
    def _year_conflict(self, years: frozenset[int], s: _StoryState) -> bool:
        return bool(years and s.dated and not any(s.years.get(y) for y in years))

    def _protagonist_conflict(self, f: StoryFeatures, s: _StoryState) -> float:
        """How strongly the article and the story disagree on who the story is about (0–1)."""
        if s.size < 3 or not f.names:
            return 0.0
        conflict = 0.0
        top, mentions = f.names.most_common(1)[0]
        if mentions >= 2 and not s.names.get(top):
            conflict = 1.0  # the article's protagonist appears in no article of the story
        core = self._core(s)
        if core and len(f.names) >= 4:
            missing = sum(self.idf(f"n:{n}") for n in core if n not in f.names)
            conflict = max(conflict, missing / sum(self.idf(f"n:{n}") for n in core))
        return conflict

    def _score(self, vec: dict[str, float], f: StoryFeatures, s: _StoryState) -> float:
        cos_terms = sum(v * s.terms.get(t, 0.0) for t, v in vec.items()) / _norm(s.terms)
        score, weight = self.w_terms * cos_terms, self.w_terms
        if f.names and s.names:
            score += self.w_names * _cosine(self._name_vector(f.names), self._name_profile(s))
            weight += self.w_names
        if f.places and s.places:
            places = {f"p:{p}": self.idf(f"p:{p}") for p in f.places}
            story_places = {f"p:{p}": c * self.idf(f"p:{p}") for p, c in s.places.items()}
            score += self.w_places * _cosine(places, story_places)
            weight += self.w_places
        score /= weight
        if self._year_conflict(f.years, s):
            score -= self.year_penalty
        score -= self.protagonist_penalty * self._protagonist_conflict(f, s)
        return score

    def _in_window(self, f: StoryFeatures, s: _StoryState) -> bool:
        if f.day is None or s.last_day is None:
            return True
        return s.first_day - self.window_days <= f.day <= s.last_day + self.window_days

    # ------------------------------------------------------------------ the stream
    def _keys(self, vec: dict[str, float], f: StoryFeatures) -> list[str]:
        strongest = sorted(vec, key=vec.get, reverse=True)[: self.keys_per_article]
        return [f"t:{t}" for t in strongest] + [f"n:{n}" for n in f.names] + [f"p:{p}" for p in f.places]

    def _candidates(self, keys: list[str]) -> list[str]:
        hits: Counter = Counter()
        for key in keys:
            for sid in self.index.get(key, ()):
                hits[self.resolve(sid)] += 1
        return [sid for sid, _ in hits.most_common(self.max_candidates)]

    def prime(self, features: list[StoryFeatures]) -> None:
        """Count document frequencies of a batch before streaming it, so the first articles are
        weighed as well as the last (a running service has them from the articles it has seen)."""
        for f in features:
            self.count(f)
        self._primed = True

    def add(self, article: Article, features: StoryFeatures | None = None) -> str:
        """Assign one article to a story (existing or new) and return the story id."""
        f = features or features_of(article)
        if not getattr(self, "_primed", False):
            self.count(f)
        vec = self._vector(f)
        keys = self._keys(vec, f)
        best, best_score = None, self.threshold
        for sid in self._candidates(keys):
            story = self.stories[sid]
            if not self._in_window(f, story):
                continue
            score = self._score(vec, f, story)
            if score >= best_score:
                best, best_score = story, score
        if best is None:
            best = _StoryState(story_id_for(article.id), [], {}, Counter(), {}, Counter(), Counter(), 0, f.day, f.day)
            self.stories[best.id] = best
        self._absorb(best, article.id, vec, f)
        for key in keys:
            posting = self.index[key]
            if not posting or posting[-1] != best.id:
                posting.append(best.id)
                if len(posting) > self.posting_cap:  # only the most recent stories stay findable by a common key
                    del posting[0]
        return best.id

    def _absorb(self, s: _StoryState, article_id: str, vec: dict[str, float], f: StoryFeatures) -> None:
        s.members.append(article_id)
        self.story_of[article_id] = s.id
        for t, v in vec.items():
            s.terms[t] = s.terms.get(t, 0.0) + v
        if len(s.terms) > 2 * self.max_terms:  # bound memory per story: keep the strongest terms
            s.terms = dict(sorted(s.terms.items(), key=lambda kv: kv[1], reverse=True)[: self.max_terms])
        s.names.update(f.names.keys())
        names = self._name_vector(f.names)
        norm = _norm(names)
        for n, v in names.items():
            s.name_terms[n] = s.name_terms.get(n, 0.0) + v / norm
        s.places.update(f.places)
        s.years.update(f.years)
        s.dated += bool(f.years)
        if f.day is not None:
            s.first_day = f.day if s.first_day is None else min(s.first_day, f.day)
            s.last_day = f.day if s.last_day is None else max(s.last_day, f.day)

    # ------------------------------------------------------------------ merges
    def resolve(self, sid: str) -> str:
        while sid in self.aliases:
            sid = self.aliases[sid]
        return sid

    def _story_similarity(self, a: _StoryState, b: _StoryState) -> float:
        cos = _cosine(a.terms, b.terms)
        score, weight = self.w_terms * cos, self.w_terms
        if a.names and b.names:
            score += self.w_names * _cosine(self._name_profile(a), self._name_profile(b))
            weight += self.w_names
        score /= weight
        if a.dated and b.dated and not (set(a.years) & set(b.years)):
            score -= self.year_penalty
        return score

    def merge_pass(self) -> list[tuple[str, str]]:
        """Join stories that became close; returns (merged-away id, surviving id) pairs."""
        merges = []
        for sid in list(self.stories):
            s = self.stories.get(sid)
            if s is None or not s.alive:
                continue
            keys = [f"t:{t}" for t in sorted(s.terms, key=s.terms.get, reverse=True)[: self.keys_per_article]]
            keys += [f"n:{n}" for n, _ in s.names.most_common(5)]
            for other_id in self._candidates(keys):
                if other_id == sid:
                    continue
                other = self.stories[other_id]
                if not other.alive or not self._windows_touch(s, other):
                    continue
                if self._story_similarity(s, other) >= self.merge_threshold:
                    keep, gone = (s, other) if self._older(s, other) else (other, s)
                    self._merge(keep, gone)
                    merges.append((gone.id, keep.id))
                    if gone is s:
                        break
        return merges

    def _windows_touch(self, a: _StoryState, b: _StoryState) -> bool:
        if a.first_day is None or b.first_day is None:
            return True
        return a.first_day - self.window_days <= b.last_day and b.first_day - self.window_days <= a.last_day

    @staticmethod
    def _older(a: _StoryState, b: _StoryState) -> bool:
        return (a.first_day or 0, len(a.members) * -1, a.id) <= (b.first_day or 0, len(b.members) * -1, b.id)

    def _merge(self, keep: _StoryState, gone: _StoryState) -> None:
        for t, v in gone.terms.items():
            keep.terms[t] = keep.terms.get(t, 0.0) + v
        keep.names.update(gone.names)
        for n, v in gone.name_terms.items():
            keep.name_terms[n] = keep.name_terms.get(n, 0.0) + v
        keep.places.update(gone.places)
        keep.years.update(gone.years)
        keep.dated += gone.dated
        keep.members.extend(gone.members)
        for m in gone.members:
            self.story_of[m] = keep.id
        if gone.first_day is not None:
            keep.first_day = gone.first_day if keep.first_day is None else min(keep.first_day, gone.first_day)
            keep.last_day = gone.last_day if keep.last_day is None else max(keep.last_day, gone.last_day)
        keep.merged_from.extend([gone.id, *gone.merged_from])
        gone.alive = False
        del self.stories[gone.id]
        self.aliases[gone.id] = keep.id

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
