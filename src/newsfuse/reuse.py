"""Text reuse across articles: reused sentences, reprints (``copy_of``) and independent sources.

Every sentence (boilerplate excluded) becomes a set of word shingles after a normalisation that is
blind to punctuation, quote-mark style, case and small edits; a MinHash LSH index (datasketch) finds
sentences of other articles whose shingle sets are close, and the candidates are confirmed with the
exact Jaccard similarity. Reused sentences form groups (union-find); the earliest publisher in a group
is its probable origin. An article most of whose text also appears in others gets ``copy_of`` (the
articles it reuses) and does not count as an independent source.

The index is incremental: ``ReuseIndex.add`` indexes new articles against everything seen so far.

>>> from newsfuse.model import Article, Sentence
>>> def art(i, text, day):
...     return Article.create(id=i, text=text, published=day, sentences=(Sentence(0, len(text)),))
>>> idx = ReuseIndex()
>>> idx.add([art("wire", "Around 300 civilians who fled on Tuesday were taken by truck to a camp.", "2024-05-01"),
...          art("copy", "Around 300 civilians who fled on Tuesday were taken by trucks to a camp", "2024-05-02"),
...          art("own", "Our reporter saw families waiting at the border crossing all night.", "2024-05-02")])
>>> idx.report("copy").copy_of, idx.report("wire").copy_of, idx.report("own").reused_share
(('wire',), (), 0.0)
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable, Sequence

from datasketch import MinHash, MinHashLSH

from .model import Article

if TYPE_CHECKING:
    from .outlets import OutletRegistry

NUM_PERM = 64
SHINGLE = 3  # words per shingle
MIN_WORDS = 6  # shorter sentences ("He said.") are reused by chance
LSH_THRESHOLD = 0.5
CONFIRM_JACCARD = 0.55  # exact Jaccard of shingle sets needed to call two sentences the same
COPY_SHARE = 0.5  # an article with at least this share of reused text is a copy

_WORD = re.compile(r"\w+")


def normalise(text: str) -> list[str]:
    """Words, lowercased and accent-folded; punctuation and quote marks vanish."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return [w.lower() for w in _WORD.findall(folded)]


def shingles(words: Sequence[str]) -> set[str]:
    if len(words) < SHINGLE:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


@dataclass(slots=True)
class _Sentence:
    key: str  # "article_id#n"
    article: str
    start: int
    end: int
    text: str
    shingles: frozenset[str]


@dataclass(slots=True, frozen=True)
class ReuseGroup:
    """Sentences that are the same text in several articles; ``origin`` is the earliest publisher."""

    origin: str
    text: str
    spans: tuple[tuple[str, int, int], ...]  # (article id, start, end)


@dataclass(slots=True, frozen=True)
class ArticleReuse:
    id: str
    reused_share: float  # share of the article's sentence text also found in other articles
    copy_of: tuple[str, ...]  # articles it reprints (empty when it is not a copy)
    shares_with: tuple[str, ...] = ()  # every article it has at least one reused sentence with


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


@dataclass
class ReuseIndex:
    """An incremental index of all sentences seen; answers reuse questions for any article in it."""

    sentences: dict[str, _Sentence] = field(default_factory=dict)
    published: dict[str, str] = field(default_factory=dict)
    order: dict[str, int] = field(default_factory=dict)  # arrival order, to break publish-date ties
    text_length: dict[str, int] = field(default_factory=dict)
    parent: dict[str, str] = field(default_factory=dict)  # union-find over sentence keys
    # Outlet registry: on a publish-date tie, a wire agency's text is the origin, not its subscribers'.
    registry: "OutletRegistry | None" = None
    wire: set[str] = field(default_factory=set)
    lsh: MinHashLSH = field(default_factory=lambda: MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM))

    # -------------------------------------------------------------- union-find
    def _find(self, key: str) -> str:
        root = key
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while key != root:  # path compression
            self.parent[key], key = root, self.parent.get(key, key)
        return root

    def _union(self, a: str, b: str) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            self.parent[rb] = ra

    # -------------------------------------------------------------- indexing
    def _sentences_of(self, article: Article) -> Iterable[_Sentence]:
        spans = [(s.start, s.end) for s in article.sentences] or [(0, len(article.text))]
        for n, (start, end) in enumerate(spans):
            words = normalise(article.text[start:end])
            if len(words) < MIN_WORDS:
                continue
            yield _Sentence(f"{article.id}#{n}", article.id, start, end, article.text[start:end],
                            frozenset(shingles(words)))

    def add(self, articles: Iterable[Article]) -> None:
        for article in articles:
            if article.id in self.order:
                continue  # idempotent: an article is indexed once
            self.order[article.id] = len(self.order)
            self.published[article.id] = article.published or ""
            if self.registry is not None and (article.source or article.url):
                outlet = self.registry.lookup(source=article.source, url=article.url)
                if outlet.kind and outlet.kind.startswith("wire"):
                    self.wire.add(article.id)
            sentences = list(self._sentences_of(article))
            self.text_length[article.id] = sum(s.end - s.start for s in sentences)
            for sentence in sentences:
                signature = MinHash(num_perm=NUM_PERM)
                signature.update_batch([s.encode("utf-8") for s in sentence.shingles])
                for other_key in self.lsh.query(signature):
                    other = self.sentences[other_key]
                    if other.article != article.id and _jaccard(sentence.shingles, other.shingles) >= CONFIRM_JACCARD:
                        self._union(other_key, sentence.key)
                self.sentences[sentence.key] = sentence
                self.lsh.insert(sentence.key, signature)

    # -------------------------------------------------------------- answers
    def _members(self) -> dict[str, list[_Sentence]]:
        groups: dict[str, list[_Sentence]] = {}
        for key, sentence in self.sentences.items():
            groups.setdefault(self._find(key), []).append(sentence)
        return groups

    def _rank(self, article_id: str) -> tuple[str, int, int]:
        # Unknown dates sort last: an undated page is not presumed to be the origin. On the same day a
        # wire agency comes first; then arrival order.
        day = (self.published.get(article_id) or "9999")[:10]
        return (day, 0 if article_id in self.wire else 1, self.order.get(article_id, 0))

    def groups(self) -> list[ReuseGroup]:
        out = []
        for members in self._members().values():
            articles = {m.article for m in members}
            if len(articles) < 2:
                continue
            origin = min(articles, key=self._rank)
            first = next(m for m in members if m.article == origin)
            out.append(ReuseGroup(origin, first.text, tuple((m.article, m.start, m.end) for m in members)))
        out.sort(key=lambda g: (self._rank(g.origin), g.spans[0][1]))
        return out

    def report(self, article_id: str) -> ArticleReuse:
        return self.reports([article_id])[article_id]

    def reports(self, article_ids: Iterable[str] | None = None) -> dict[str, ArticleReuse]:
        wanted = list(article_ids) if article_ids is not None else list(self.order)
        reused_chars: dict[str, int] = {a: 0 for a in wanted}
        partners: dict[str, dict[str, int]] = {a: {} for a in wanted}
        shared: dict[str, dict[str, set[str]]] = {a: {} for a in wanted}  # a → partner → reused groups
        for root, members in self._members().items():
            articles = {m.article for m in members}
            if len(articles) < 2:
                continue
            for m in members:
                if m.article in reused_chars:
                    reused_chars[m.article] += m.end - m.start
                    for other in articles - {m.article}:
                        partners[m.article][other] = partners[m.article].get(other, 0) + (m.end - m.start)
                        shared[m.article].setdefault(other, set()).add(root)
        out = {}
        for a in wanted:
            length = self.text_length.get(a, 0)
            share = reused_chars[a] / length if length else 0.0
            copy_of: list[str] = []
            if share >= COPY_SHARE:
                # A copy reprints what was there before it: the partners published earlier (arrival
                # order breaks ties, so two identical same-day pages never copy each other both ways).
                earlier = sorted((o for o in partners[a] if self._rank(o) < self._rank(a)), key=self._rank)
                # A partner whose shared text all came through an earlier original is not a source of
                # this copy: two reprints of one wire story share its text without copying each other.
                copy_of = [
                    o for i, o in enumerate(earlier)
                    if not any(shared[a][o] <= shared[a][first] for first in earlier[:i])
                ]
            out[a] = ArticleReuse(a, round(min(share, 1.0), 4), tuple(sorted(copy_of, key=self._rank)),
                                  tuple(sorted(partners[a], key=self._rank)))
        return out


def independent_source_groups(
    reports: dict[str, ArticleReuse], outlet_group: dict[str, str]
) -> list[set[str]]:
    """Groups of articles that count as one source: copies join what they copy; one owner or state is one.

    ``outlet_group`` maps article id → the outlet's independence group (the outlet itself, or its
    owner/state affiliation from the outlet registry).
    """
    parent = {a: a for a in reports}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        parent[find(a)] = find(b)

    for a, r in reports.items():
        for original in r.copy_of:
            if original in parent:
                union(a, original)
    by_group: dict[str, str] = {}
    for a in reports:
        g = outlet_group.get(a)
        if g:
            if g in by_group:
                union(a, by_group[g])
            else:
                by_group[g] = a
    groups: dict[str, set[str]] = {}
    for a in reports:
        groups.setdefault(find(a), set()).add(a)
    return list(groups.values())
