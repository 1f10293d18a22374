"""Extractive multi-document summary of one story, every sentence cited to the spans it came from.

The candidates are the sentences of every article (its sentences layer, boilerplate excluded; made by
the sentences stage's rules only for an article that has no such layer). The summary is built in five steps:

1. **Units.** A sentence that several articles carry (reuse: the same wire text, a reprint) is one
   unit that cites every copy, so a reprinted paragraph counts once. Copies that differ in a number
   are kept apart: citing "400" for "300" would be wrong.
2. **Relevance.** LexRank centrality (power iteration over a TF-IDF cosine graph of the units), plus
   *support* (similarity to the other articles: what several outlets report matters more), a lead
   prior (news puts the essentials first), and content: figures (more with a claimant), quotes with
   a speaker, places and resolved dates (what, where, when). Loaded terms, openings that need the
   previous sentence ("He said", "This"), questions and unattributed quotes cost.
3. **Selection** by maximal marginal relevance, with a bonus for facts not yet covered (new
   entities, places, figure categories). A sentence that says the same as one already chosen (cosine
   at least ``Weights.paraphrase``) is never added; of two such paraphrases, the one with fewer
   loaded terms is taken.
4. **Budget.** Whole sentences only: with ``max_words`` a sentence that does not fit is dropped
   (never cut), and a shorter one may take its place; at most ``max_sentences``; without a word
   budget the summary stops after ``min_sentences`` once the next sentence adds little.
5. **Order**: publish date, then position in the article.

Light compression keeps every citation one exact span: a leading dateline ("HALMIR (Meridian) — "),
connective ("But", "However,") or section label ("Why it matters:") is dropped, whitespace is
collapsed and the first letter capitalised. Nothing else is changed: no word is ever added.

Why one module of this length: one job, the summary; its five steps share the candidate and unit
records and are tuned together against ``eval/summaries.py``.

>>> from newsfuse.model import Article
>>> a = Article.create(id="a", published="2024-05-01",
...     text="Floods cut the road to Tavel on Monday. But rescuers reached Tavel by boat on Tuesday.")
>>> b = Article.create(id="b", published="2024-05-02",
...     text="Rescuers reached Tavel by boat on Tuesday, officials said. The rain stopped.")
>>> for s in summarize([a, b], max_sentences=2):
...     print(s.text, s.citations)
Floods cut the road to Tavel on Monday. (('a', 0, 39),)
Rescuers reached Tavel by boat on Tuesday, officials said. (('b', 0, 58),)
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Sequence

import numpy as np
from scipy import sparse

from ..annotate.clean.sentences import sentences_of
from ..model import Article
from ..settings import DATA_DIR
from ..text.lexicon import read_terms, word_set
from ..text.unionfind import UnionFind

Citation = tuple[str, int, int]  # (article id, start, end)


@dataclass(slots=True, frozen=True)
class SummarySentence:
    """One summary sentence: its text and the ``[start, end)`` spans it was taken from.

    The first citation is the span the text was taken from; the others are copies of it (reuse).
    """

    text: str
    citations: tuple[Citation, ...]

    def to_json(self) -> dict:
        return {"text": self.text, "citations": [{"id": i, "start": s, "end": e} for i, s, e in self.citations]}


@dataclass(slots=True, frozen=True)
class Weights:
    """How much each signal counts. Defaults were tuned on a slice of NeuS train (eval/summaries.py)."""

    centrality: float = 1.0
    support: float = 1.0
    lead: float = 1.0
    headline: float = 0.0
    figure: float = 0.25
    claimed_figure: float = 0.1
    attributed_quote: float = 0.15
    place: float = 0.1
    time: float = 0.1
    loaded: float = 0.25  # per loaded term
    dangling: float = 0.35  # "He said ...", "This ...": needs the sentence before it
    question: float = 0.3
    unattributed_quote: float = 0.4
    short: float = 0.3  # under SHORT_WORDS words
    long: float = 0.3  # per LONG_WORDS words beyond LONG_WORDS
    mmr: float = 0.7  # relevance vs redundancy
    coverage: float = 0.15  # new entities, places, figure categories
    paraphrase: float = 0.5  # cosine at which two sentences say the same thing
    swap_margin: float = 0.25  # a neutral paraphrase may be this much less relevant and still win
    stop: float = 0.3  # without a word budget: stop after min_sentences below this marginal score
    # With a word budget: the set search (see _select_budget).
    concept: float = 1.0  # per covered word pair, times the number of articles that use it
    concept_single: float = 0.3  # a word pair that only one article uses
    relevance: float = 10.0  # per unit of a chosen sentence's relevance
    search: int = 10  # the most relevant sentences among which the best set is searched
    per_budget: float = 17.5  # at most one sentence per this many budget words (4 for 70): no fragments
    set_paraphrase: float = 0.7  # in the set search, two sentences this similar are not both taken


SHORT_WORDS = 6
LONG_WORDS = 35
SHARED_TERMS = 3  # content terms in common with a sentence of another article: not exclusive
MIN_WORDS = 3  # fewer words is no sentence to summarise with ("Go deeper.")
MAX_PER_ARTICLE = 60  # candidates per article: news is front-loaded, and it bounds the cost

# --------------------------------------------------------------------------- words

_WORD = re.compile(r"[^\W_]+(?:[-'’.,][^\W_]+)*")
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
STOPWORDS = word_set("story_words.tsv", "summary_stopword")


def _stem(word: str) -> str:
    """A light suffix stripper: enough to meet "flee/flees", "killed/kills", "camps/camp"."""
    if len(word) <= 3 or word.isdigit():
        return word
    for suffix, repl in (("ies", "y"), ("sses", "ss"), ("ing", ""), ("ed", ""), ("es", "e"), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word[-2] in "su":
                return word
            return word[: -len(suffix)] + repl
    return word


def words_of(text: str) -> list[str]:
    """Lowercased word tokens; numbers lose their thousands separators ("3,000" → "3000")."""
    out = []
    for w in _WORD.findall(text):
        w = w.lower().replace("’", "'")
        if w[0].isdigit():
            w = w.replace(",", "")
        elif w.endswith("'s"):
            w = w[:-2]
        out.append(w)
    return out


def terms_of(text: str) -> list[str]:
    """Content terms for similarity: stop words dropped, stemmed."""
    return [_stem(w) for w in words_of(text) if w not in STOPWORDS and len(w) > 1 or w.isdigit()]


def concepts_of(text: str) -> frozenset[tuple[str, str]]:
    """Adjacent word pairs (stemmed), except pairs of two stop words: the facts ROUGE-2 and readers count."""
    words = [_stem(w) for w in words_of(text)]
    stop = [w in STOPWORDS for w in words_of(text)]
    return frozenset((a, b) for (a, b), sa, sb in zip(zip(words, words[1:]), stop, stop[1:]) if not (sa and sb))


def numbers_in(text: str) -> frozenset[str]:
    """The digit strings of a text, separators removed: what a copy must share to cite it."""
    return frozenset(m.group().replace(",", "") for m in _DIGITS.finditer(text))


def word_count(text: str) -> int:
    """Words as the ``--max-words`` budget counts them: whitespace-separated tokens."""
    return len(text.split())


# --------------------------------------------------------------------------- loaded terms


@lru_cache(maxsize=4)
def loaded_terms(path: str | None = None) -> tuple[re.Pattern[str], tuple[str, ...]]:
    """The loaded-term list (``data/loaded_terms.txt``) as one regex, and the raw entries."""
    entries = read_terms(path or DATA_DIR / "loaded_terms.txt")
    parts = []
    for term in entries:
        words = [re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w) for w in term.split()]
        parts.append(r"\s+".join(words))
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE)
    return pattern, entries


def loaded_count(text: str) -> int:
    """How many loaded terms a text uses.

    >>> loaded_count("The regime's thugs slaughtered protesters."), loaded_count("Police killed 3 protesters.")
    (3, 0)
    """
    pattern, _ = loaded_terms()
    return len(pattern.findall(text))


# --------------------------------------------------------------------------- compression

_DATELINE = re.compile(
    r"[A-Z][A-Z'.\- ]{1,40}(?:,\s*[A-Z][\w.\- ]{1,30})?\s*(?:\([^)]{1,40}\)\s*)?[—–-]{1,2}\s+(?=\S)")
_CONNECTIVE = re.compile(
    r"(?:(?:But|And|Yet)\s+|(?:Still|However|Meanwhile|Moreover|Furthermore|Also|Indeed|Separately|Instead|"
    r"Nonetheless|Nevertheless|In addition|At the same time|In other news|Elsewhere),\s+)(?=[\w\"“‘'(])")
_LABEL = re.compile(
    r"(?:Why it matters|The big picture|Driving the news|Between the lines|The bottom line|Bottom line|"
    r"What's happening|What’s happening|What's next|What’s next|State of play|Details|Context|Background|"
    r"Flashback|Zoom in|Zoom out|The backdrop|The intrigue|By the numbers|The latest|Catch up quick|"
    r"Breaking|Exclusive|Update|Yes, but|The other side|Reality check|Of note|Go deeper|Read more)\s*:\s+(?=\S)",
    re.IGNORECASE)


def compress(text: str, start: int, end: int) -> int:
    """The new start of the sentence ``text[start:end]`` once a leading dateline, connective or section
    label is dropped (``start`` itself when nothing is). The end is never moved: the attribution stays.

    >>> t = "But the evidence does not back the warnings."
    >>> t[compress(t, 0, len(t)):]
    'the evidence does not back the warnings.'
    >>> t = "HALMIR (Meridian) — Water rose in the night."
    >>> t[compress(t, 0, len(t)):]
    'Water rose in the night.'
    """
    pos = start
    for _ in range(3):  # "BEIRUT (Wire) — But ..." : a dateline, then a connective
        for pattern in (_DATELINE, _LABEL, _CONNECTIVE):
            m = pattern.match(text, pos, end)
            if m and word_count(text[m.end() : end]) >= MIN_WORDS + 1:
                pos = m.end()
                break
        else:
            break
    return pos


def display_text(span: str) -> str:
    """The text shown for a span: whitespace collapsed, the first letter capitalised; nothing else."""
    text = " ".join(span.split())
    for i, ch in enumerate(text):
        if ch.isalpha():
            return text[:i] + ch.upper() + text[i + 1 :] if ch.islower() else text
        if not (ch in "\"'“‘«(" or ch.isspace()):
            break
    return text


# --------------------------------------------------------------------------- candidates and units


@dataclass(slots=True)
class _Candidate:
    article: int  # index into the articles
    sent_start: int  # the sentence as the sentences layer gives it
    sent_end: int
    start: int  # the span kept after compression
    end: int
    index: int  # position among the article's candidates
    text: str  # as shown


@dataclass
class _Unit:
    members: list[_Candidate]  # the first one gives the text
    text: str = ""
    words: int = 0
    published: str = "9999"
    order: tuple = ()
    headline: bool = False
    loaded: int = 0
    facets: frozenset[str] = frozenset()
    concepts: frozenset[tuple[str, str]] = frozenset()
    features: dict[str, float] = field(default_factory=dict)

    @property
    def primary(self) -> _Candidate:
        return self.members[0]


def _overlaps(s: int, e: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(s < be and bs < e for bs, be in spans)


def sentence_spans(article: Article) -> list[tuple[int, int]]:
    """The article's sentences outside boilerplate."""
    boiler = [(b.start, b.end) for b in article.boilerplate]
    return [(s.start, s.end) for s in sentences_of(article) if not _overlaps(s.start, s.end, boiler)]


def _candidates(articles: Sequence[Article]) -> list[_Candidate]:
    out = []
    for ai, article in enumerate(articles):
        index = 0
        # A sentence that is also a boilerplate span (the kept copy of a repeated photo caption) is noise.
        repeated = {tuple(words_of(article.text[b.start:b.end])) for b in article.boilerplate}
        for s, e in sentence_spans(article)[:MAX_PER_ARTICLE]:
            span = article.text[s:e]
            if word_count(span) < MIN_WORDS or not any(ch.isalpha() for ch in span):
                continue
            if tuple(words_of(span)) in repeated:
                continue
            start = compress(article.text, s, e)
            out.append(_Candidate(ai, s, e, start, e, index, display_text(article.text[start:e])))
            index += 1
    return out


def _reuse_groups(reuse) -> list:
    """ReuseGroup records from a ReuseIndex, a sequence of groups, or nothing."""
    if reuse is None:
        return []
    if hasattr(reuse, "groups") and callable(reuse.groups):
        return list(reuse.groups())
    return list(reuse)


def _units(articles: Sequence[Article], candidates: list[_Candidate], reuse) -> list[_Unit]:
    """Candidates grouped into units: the same text in several places (reuse groups, exact repeats)."""
    same = UnionFind(range(len(candidates)))
    by_span = {(articles[c.article].id, c.sent_start, c.sent_end): i for i, c in enumerate(candidates)}
    numbers = [numbers_in(c.text) for c in candidates]
    for group in _reuse_groups(reuse):
        members = [by_span[k] for k in ((a, s, e) for a, s, e in group.spans) if k in by_span]
        for i in members[1:]:
            if numbers[i] == numbers[members[0]]:
                same.union(i, members[0])
    seen: dict[tuple[str, ...], int] = {}
    for i, c in enumerate(candidates):
        key = tuple(words_of(c.text))
        if key in seen:
            same.union(i, seen[key])
        else:
            seen[key] = i
    groups = [[candidates[i] for i in group] for group in same.groups()]

    def rank(c: _Candidate) -> tuple:
        return (articles[c.article].published or "9999", c.article, c.index)

    units = []
    for members in groups:
        members.sort(key=rank)
        # Each article cites its copy once (a text repeated within one article is one citation).
        unique, cited = [], set()
        for c in members:
            if c.article not in cited or c is members[0]:
                cited.add(c.article)
                unique.append(c)
        units.append(_Unit(unique))
    units.sort(key=lambda u: rank(u.primary))
    return units


def _describe(articles: Sequence[Article], units: list[_Unit]) -> None:
    """Fill each unit's text, order key and content features from its first member's article layers."""
    for u in units:
        c = u.primary
        a = articles[c.article]
        u.text = c.text
        u.words = word_count(c.text)
        u.published = min((articles[m.article].published or "9999")[:10] for m in u.members)
        u.order = (u.published, c.index, c.article)
        u.loaded = loaded_count(c.text)
        title = " ".join(words_of(a.title or ""))
        u.headline = c.index == 0 and (
            (title and title == " ".join(words_of(c.text))) or (not re.search(r"[.!?\"”'’]\s*$", c.text)))
        s, e = c.start, c.end
        inside = lambda x: s <= x.start and x.end <= e  # noqa: E731
        figures = [f for f in a.figures if inside(f) and not f.negated]
        quotes = [q for q in a.quotes if s < q.end and q.start < e]
        places = [p for p in a.places if inside(p)]
        times = [t for t in a.times if inside(t) and t.value and not t.value.startswith("P")]
        entities = [m for m in a.entities if inside(m)]
        u.features = {
            "figure": float(bool(figures)),
            "claimed_figure": float(any(f.claimant is not None for f in figures)),
            "attributed_quote": float(any(q.speaker is not None for q in quotes)),
            "unattributed_quote": float(_unattributed_quote(c.text) or (bool(quotes) and all(q.speaker is None for q in quotes))),
            "place": float(bool(places)),
            "time": float(bool(times)),
            "question": float(c.text.rstrip("\"'”’) ").endswith("?")),
            "dangling": float(_dangling(c.text)),
        }
        u.concepts = concepts_of(c.text)
        u.facets = frozenset(
            [f"e:{m.entity.lower()}" for m in entities if m.entity]
            + [f"p:{p.geonameid or p.text.lower()}" for p in places]
            + [f"f:{f.category}" for f in figures]
        )


_DANGLING = word_set("story_words.tsv", "dangling")
_QUOTE_OPEN = "\"“‘'«"


def _dangling(text: str) -> bool:
    first = next(iter(words_of(text)), "")
    return first in _DANGLING or text[:1].islower()


def _unattributed_quote(text: str) -> bool:
    """A sentence that is only a quotation ('"There was no food".'): who said it is lost."""
    t = text.strip()
    if not t or t[0] not in _QUOTE_OPEN:
        return False
    close = max(t.rfind("\"", 1), t.rfind("”"), t.rfind("’"), t.rfind("»"))
    # No closing mark: the quotation goes on into the next sentence, where its speaker is named.
    return close <= 0 or word_count(t[close + 1 :]) < 2


# --------------------------------------------------------------------------- scores


def _tfidf(units: list[_Unit]) -> sparse.csr_matrix:
    """Unit × term TF-IDF rows, L2-normalised (cosine = dot product)."""
    vocab: dict[str, int] = {}
    rows, cols, vals = [], [], []
    docs = [terms_of(u.text) for u in units]
    df: dict[str, int] = {}
    for terms in docs:
        for t in set(terms):
            df[t] = df.get(t, 0) + 1
    n = len(units)
    for r, terms in enumerate(docs):
        counts: dict[str, int] = {}
        for t in terms:
            counts[t] = counts.get(t, 0) + 1
        for t, k in counts.items():
            rows.append(r)
            cols.append(vocab.setdefault(t, len(vocab)))
            vals.append((1 + math.log(k)) * (math.log((n + 1) / (df[t] + 1)) + 1))
    m = sparse.csr_matrix((vals, (rows, cols)), shape=(n, max(1, len(vocab))), dtype=np.float64)
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.diags(1.0 / norms) @ m


def lexrank(sim: np.ndarray, damping: float = 0.85, iterations: int = 60, threshold: float = 0.05) -> np.ndarray:
    """Stationary distribution of a random walk on the similarity graph (continuous LexRank)."""
    n = sim.shape[0]
    if n == 0:
        return np.zeros(0)
    w = np.where(sim >= threshold, sim, 0.0)
    np.fill_diagonal(w, 0.0)
    rowsum = w.sum(axis=1, keepdims=True)
    trans = np.divide(w, rowsum, out=np.full_like(w, 1.0 / n), where=rowsum > 0)
    p = np.full(n, 1.0 / n)
    for _ in range(iterations):
        nxt = (1 - damping) / n + damping * (trans.T @ p)
        if np.abs(nxt - p).sum() < 1e-9:
            p = nxt
            break
        p = nxt
    return p


def _scale(x: np.ndarray) -> np.ndarray:
    top = x.max() if x.size else 0.0
    return x / top if top > 0 else np.zeros_like(x)


def _relevance(articles: Sequence[Article], units: list[_Unit], vectors: sparse.csr_matrix,
               sim: np.ndarray, w: Weights) -> np.ndarray:
    centrality = _scale(lexrank(sim))
    # Support: mean similarity to the other articles (their centroid), whatever outlet carries it.
    by_article: dict[int, list[int]] = {}
    for i, u in enumerate(units):
        for m in u.members:
            by_article.setdefault(m.article, []).append(i)
    support = np.zeros(len(units))
    if len(by_article) > 1:
        centroids = {}
        for a, idx in by_article.items():
            c = np.asarray(vectors[idx].sum(axis=0)).ravel()
            norm = np.linalg.norm(c)
            centroids[a] = c / norm if norm else c
        dense = vectors.toarray()
        for i, u in enumerate(units):
            own = u.primary.article
            others = [centroids[a] for a in by_article if a != own]
            support[i] = float(np.mean([dense[i] @ c for c in others]))
        support = _scale(support)
    with_headline = {u.primary.article for u in units if u.headline}
    rel = np.zeros(len(units))
    for i, u in enumerate(units):
        f = u.features
        lead_index = u.primary.index - (1 if u.primary.article in with_headline and not u.headline else 0)
        score = w.centrality * centrality[i] + w.support * support[i]
        score += w.lead / math.sqrt(1 + max(0, lead_index)) if not u.headline else w.headline
        score += (w.figure * f["figure"] + w.claimed_figure * f["claimed_figure"]
                  + w.attributed_quote * f["attributed_quote"] + w.place * f["place"] + w.time * f["time"])
        score -= (w.loaded * u.loaded + w.dangling * f["dangling"] + w.question * f["question"]
                  + w.unattributed_quote * f["unattributed_quote"])
        if u.words < SHORT_WORDS:
            score -= w.short
        if u.words > LONG_WORDS:
            score -= w.long * (u.words - LONG_WORDS) / LONG_WORDS
        rel[i] = score
    lo, hi = rel.min(), rel.max()
    return (rel - lo) / (hi - lo) if hi > lo else np.ones_like(rel)


# --------------------------------------------------------------------------- selection


def _concept_weights(units: list[_Unit], w: Weights) -> dict[tuple[str, str], float]:
    """A word pair's weight: the number of articles that use it (what outlets agree on), or
    ``concept_single`` when only one does."""
    articles_with: dict[tuple[str, str], set[int]] = {}
    for u in units:
        for c in u.concepts:
            articles_with.setdefault(c, set()).update(m.article for m in u.members)
    return {c: (float(len(a)) if len(a) > 1 else w.concept_single) for c, a in articles_with.items()}


def _select(units: list[_Unit], rel: np.ndarray, sim: np.ndarray, w: Weights, max_words: int | None,
            max_sentences: int, min_sentences: int) -> list[int]:
    if max_words is not None:
        return _select_budget(units, rel, sim, w, max_words, max_sentences)
    return _select_greedy(units, rel, sim, w, max_sentences, min_sentences)


def _select_greedy(units: list[_Unit], rel: np.ndarray, sim: np.ndarray, w: Weights,
                   max_sentences: int, min_sentences: int) -> list[int]:
    """Maximal marginal relevance with a bonus for facts not yet covered; stops after
    ``min_sentences`` once the best next sentence scores below ``Weights.stop``."""
    chosen: list[int] = []
    covered: set[str] = set()
    while len(chosen) < max_sentences:
        best, best_score = -1, -math.inf
        for i, u in enumerate(units):
            if i in chosen:
                continue
            redundancy = max((sim[i, j] for j in chosen), default=0.0)
            if redundancy >= w.paraphrase:
                continue
            gain = w.coverage * min(len(u.facets - covered), 3) / 3
            score = w.mmr * rel[i] - (1 - w.mmr) * redundancy + gain
            if score > best_score:
                best, best_score = i, score
        if best < 0 or (len(chosen) >= min_sentences and best_score < w.stop):
            break
        best = _neutral_alternative(units, rel, sim, w, best, chosen, 0, None)
        chosen.append(best)
        covered |= units[best].facets
    return chosen


def _select_budget(units: list[_Unit], rel: np.ndarray, sim: np.ndarray, w: Weights, max_words: int,
                   max_sentences: int) -> list[int]:
    """The best set of whole sentences within the word budget, searched exhaustively among the
    ``search`` most relevant: its word pairs weighted by how many articles use them (a small version
    of concept-coverage summarisation), plus ``relevance`` times its sentences' relevance, plus the
    facts (entities, places, figure kinds) it covers. No two sentences may be paraphrases."""
    weight = _concept_weights(units, w)
    pool = [i for i in np.argsort(-rel, kind="stable") if units[i].words <= max_words][: w.search]
    best: tuple[int, ...] = ()
    best_score = -math.inf
    limit = min(max_sentences, len(pool))
    if w.per_budget:
        limit = min(limit, max(1, round(max_words / w.per_budget)))

    def extend(start: int, chosen: tuple[int, ...], words: int) -> None:
        nonlocal best, best_score
        if chosen:
            concepts = set().union(*(units[i].concepts for i in chosen))
            facets = set().union(*(units[i].facets for i in chosen))
            score = (w.concept * sum(weight[c] for c in concepts) + w.relevance * sum(rel[i] for i in chosen)
                     + w.coverage * len(facets))
            if score > best_score:
                best, best_score = chosen, score
        if len(chosen) >= limit:
            return
        for k in range(start, len(pool)):
            i = pool[k]
            if words + units[i].words > max_words or any(sim[i, j] >= w.set_paraphrase for j in chosen):
                continue
            extend(k + 1, chosen + (i,), words + units[i].words)

    extend(0, (), 0)
    chosen: list[int] = []
    used = sum(units[i].words for i in best)
    for i in best:
        swapped = _neutral_alternative(units, rel, sim, w, i, [j for j in best if j != i] + chosen,
                                       used - units[i].words, max_words)
        used += units[swapped].words - units[i].words
        chosen.append(swapped)
    return chosen


def _neutral_alternative(units: list[_Unit], rel: np.ndarray, sim: np.ndarray, w: Weights, best: int,
                         chosen: list[int], used: int, max_words: int | None) -> int:
    """Of sentences that say the same as ``best``, the one with the fewest loaded terms (then the most
    relevant); ``best`` itself when it is already the most neutral."""
    if units[best].loaded == 0:
        return best
    options = [best]
    for j, v in enumerate(units):
        if j == best or j in chosen or v.loaded >= units[best].loaded:
            continue
        if sim[best, j] < w.paraphrase or rel[j] < rel[best] - w.swap_margin:
            continue
        if max_words is not None and used + v.words > max_words:
            continue
        if any(sim[j, k] >= w.paraphrase for k in chosen):
            continue
        options.append(j)
    return min(options, key=lambda j: (units[j].loaded, -rel[j]))


def _prepare(articles: Sequence[Article], reuse, w: Weights):
    """Units, their similarity matrix and relevance (None when there is no sentence)."""
    if reuse is None and len(articles) > 1:
        from .reuse import ReuseIndex

        reuse = ReuseIndex()
        reuse.add(articles)
    candidates = _candidates(articles)
    if not candidates:
        return None
    units = _units(articles, candidates, reuse)
    _describe(articles, units)
    vectors = _tfidf(units)
    sim = (vectors @ vectors.T).toarray()
    return units, sim, _relevance(articles, units, vectors, sim, w)


def exclusive_sentences(articles: Sequence[Article], *, reuse=None, per_article: int = 2,
                        max_similarity: float = 0.25, weights: Weights | None = None) -> dict[str, list[SummarySentence]]:
    """What each article alone reports: its most relevant sentences that no other article carries or
    paraphrases (cosine below ``max_similarity`` with every sentence of the others, and fewer than
    ``SHARED_TERMS`` content terms in common with any of them), in text order."""
    w = weights or Weights()
    articles = list(articles)
    prepared = _prepare(articles, reuse, w)
    if prepared is None:
        return {}
    units, sim, rel = prepared
    owners = [{m.article for m in u.members} for u in units]
    terms = [set(terms_of(u.text)) for u in units]
    picks: dict[int, list[int]] = {}
    for i, u in enumerate(units):
        if len(owners[i]) != 1 or u.words < SHORT_WORDS + 2 or u.headline:
            continue
        if u.features["dangling"] or u.features["unattributed_quote"] or u.features["question"]:
            continue
        others = [j for j in range(len(units)) if not (owners[j] & owners[i])]
        if not others or max(sim[i, j] for j in others) >= max_similarity:
            continue
        if any(len(terms[i] & terms[j]) >= SHARED_TERMS for j in others):
            continue  # "400 ... Tavel ... Monday" in other words is not exclusive
        picks.setdefault(u.primary.article, []).append(i)
    out: dict[str, list[SummarySentence]] = {}
    for a, idx in picks.items():
        best = sorted(sorted(idx, key=lambda i: -rel[i])[:per_article], key=lambda i: units[i].order)
        out[articles[a].id] = [SummarySentence(units[i].text, tuple((articles[m.article].id, m.start, m.end)
                                                                     for m in units[i].members)) for i in best]
    return out


def summarize(
    articles: Sequence[Article],
    *,
    max_words: int | None = None,
    max_sentences: int = 8,
    min_sentences: int = 3,
    reuse=None,
    weights: Weights | None = None,
) -> list[SummarySentence]:
    """A cited extractive summary of one story's articles, in time order.

    ``reuse``: a :class:`~newsfuse.corpus.reuse.ReuseIndex` (or its ``groups()``) holding these articles, so
    that reused sentences count once and cite every copy; computed here when None.
    """
    w = weights or Weights()
    articles = list(articles)
    if not articles:
        return []
    prepared = _prepare(articles, reuse, w)
    if prepared is None:
        return []
    units, sim, rel = prepared
    chosen = _select(units, rel, sim, w, max_words, max_sentences, min_sentences)
    chosen.sort(key=lambda i: units[i].order)
    out = []
    for i in chosen:
        u = units[i]
        citations = tuple((articles[m.article].id, m.start, m.end) for m in u.members)
        out.append(SummarySentence(u.text, citations))
    return out


def budget_fit(ranked: Sequence[str], max_words: int | None, max_sentences: int | None = None) -> list[int]:
    """Indices of ``ranked`` sentences kept by the word budget: in rank order, a sentence that does not
    fit is dropped and the next one tried (the rule every system gets in eval/summaries.py).

    >>> budget_fit(["a b c", "d e f g", "h"], 5)
    [0, 2]
    """
    kept, used = [], 0
    for i, text in enumerate(ranked):
        n = word_count(text)
        if max_words is not None and used + n > max_words:
            continue
        kept.append(i)
        used += n
        if max_sentences is not None and len(kept) >= max_sentences:
            break
    return kept
