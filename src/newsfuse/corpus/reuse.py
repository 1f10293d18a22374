"""Text reuse across articles: reused passages, reprints (``copy_of``) and independent sources.

Each article becomes a stream of normalised words (blind to punctuation, apostrophes, quote marks,
case, accents, thousands separators and plural -s), so that a reprint whose punctuation was stripped
and whose sentences run together still lines up with its original. Every run of ``GRAM`` words is
hashed into an inverted index; a new article's grams found in an earlier article are chained into
*runs* (matches close together on the same diagonal, so a changed word or two does not break a run)
and runs of at least ``MIN_RUN`` words are shared text: stock phrases ("the Britain-based Syrian
Observatory for Human Rights said") are shorter. A run never bridges, nor starts or ends at, a number
the other text changed: "said 12 people were killed in ..." rewritten as "now says 27 people were killed
in ..." updates a figure, it does not reprint it. Sentences are still the unit of the reuse groups:
sentences of two articles that a run covers (half of either) are the same text, and the groups
(union-find) get the earliest publisher as their probable origin. A group's span in an article is the
sentence, or only its shared words when the sentence runs on well past them (unpunctuated text).

Copies (``copy_of``), from the share of each article's words found in each other article:

- *mostly one other text*: an article with at least ``COPY_SHARE`` of its words in one other article
  copies it (a shortened reprint). On different days the later one is the copy (when the earlier text
  lies mostly, ``CONTAINED_SHARE``, inside a later and longer one, the later one is its extended
  reprint). On the same day a wire agency's text is the original; otherwise the more derivative text
  is the copy, and two texts that share as much both ways are copies only when little of either is
  their own (``CONTAINED_SHARE``): two reports that each add as much as they share quote a passage;
- *a splice*: an article with at least ``COPY_SHARE`` of its words reused in total also copies each
  earlier article that gave it at least ``SOURCE_SHARE`` of its words that no original already gave.

Below that, an article only *shares* passages (a wire paragraph) and stays an independent source; its
reused sentences are in ``groups()``.

The index is incremental: ``ReuseIndex.add`` indexes new articles against everything seen so far.

Near-duplicate articles (MinHash LSH, datasketch): each article's set of word grams gets a MinHash
(``NUM_PERM`` permutations) in a ``MinHashLSH``; an earlier article it returns whose exact gram-set
Jaccard with the new one reaches ``DUPLICATE_JACCARD`` is a *near-duplicate* (``near_duplicates``): the same text again, a reprint with quote marks, punctuation or
a line changed. The grams of a near-duplicate that its earlier twin also has are not posted again: a
later article finds that text through the twin, and is then aligned with the twin's near-duplicates
from their own words, so the answers are those of a full index while a wire story reprinted by k
outlets holds one set of postings, not k. Alignment reads only the two texts' words and sentences, so
reprints with exactly the same ones (verbatim, other quote marks: ``same_text``) are aligned once and
the others take its result; the words an article shares with each partner are frozen sets held once
per distinct set (a reprint shares its whole text with each sibling: one set, not k).

The LSH only proposes twins and the exact Jaccard decides, so its parameters favour recall: ``NUM_PERM`` = 32 permutations in 8 bands of 4 rows make a pair at
Jaccard 0.8 a candidate with probability 0.985 (0.9998 at 0.9, always at 1.0; 0.40 at 0.5, rejected
by the exact check), for 8 bucket entries per article. (datasketch's own choice for a 0.8 threshold
with 64 permutations, 5 bands of 11, finds a pair at 0.8 only 36% of the time.) A missed twin costs
memory, never an answer. A gram already posted ``MAX_POSTINGS`` times is boilerplate (a stock phrase
carried by every other article), neither posted nor matched any more: matching it made every
article a partner of a thousand others. A gram in ``COMMON_GRAM`` places is matched only for the
articles that other grams lead to, unless common grams close together span a run on their own: an
article sharing only a lone stock phrase cannot have a run with the new one (exact, not a heuristic).
Because whole reprints are not posted, a syndicated story does not turn into boilerplate however often
it is reprinted whole (a passage spliced into a thousand different articles does: the later ones no
longer find it).

Why MinHash LSH finds near-duplicate articles but not the passages (measured with
bench/reuse_scaling.py ``--peer-sizes``): shared text as short as ``MIN_RUN`` (10) words inside a long
article has a tiny Jaccard with it, so LSH can only find it through small windows. Finding every
exact 10-word run needs windows of 7 words indexed every 4 words and queried at every word (so some
window pair is identical); with word-bigram MinHashes (16 permutations, 4 bands of 4) that stage took
49 s and 302 MB for 2,000 synthetic articles where the gram index takes 3.8 s and 121 MB, for the
same precision and recall: every stock phrase of 7 words or more makes every article that carries it
a candidate, each candidate must then be hashed again for the alignment, and datasketch keeps a
bucket set for every band of every window. The exact gram index is the passage stage.

Why one module of this length: one incremental index; alignment, near-duplicates and the copy rules
all read its postings and cover sets.

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

import re
import sys
import unicodedata
import zlib
from array import array
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable, Sequence

from datasketch import LeanMinHash, MinHash, MinHashLSH

from ..model import Article
from ..text.number_words import TENS, UNITS
from ..text.unionfind import UnionFind

if TYPE_CHECKING:
    from ..knowledge.outlets import OutletRegistry

GRAM = 4  # words per hashed gram
GAP = GRAM + 4  # largest step between matched grams that continues a run: up to four words changed
MIN_RUN = 10  # shared runs of fewer words are stock phrases, not reuse
SENTENCE_COVER = 0.5  # a run covering this share of either sentence makes the two the same text
MIN_SENTENCE_OVERLAP = 3  # words; a run merely touching a sentence's edge does not count
FULL_SENTENCE = 0.8  # a sentence this covered is reported whole; below, only its shared words
COPY_SHARE = 0.5  # an article with this share of its words in another (or in others) is a copy
CONTAINED_SHARE = 0.6  # an earlier text this much inside a later one: the later is its extended reprint
SOURCE_SHARE = 0.05  # a splice copies only the articles that gave it this share of its words (beyond
# what its originals gave: a wire paragraph that a reprint's original also carries is no second source)
_SHIFT = 32
_SLOT = 1 << _SHIFT  # a posting is one integer: article number × _SLOT + word position
MAX_POSTINGS = 1000  # a gram found in this many places is boilerplate: neither indexed nor matched
COMMON_GRAM = 50  # a gram in this many places is looked up only for articles other grams lead to (_matches)
_LOW = _SLOT - 1  # a posting's word position
NUM_PERM = 32  # MinHash permutations of an article's gram set (near-duplicate articles) ...
LSH_BANDS = (8, 4)  # ... in 8 bands of 4 rows: a pair at Jaccard 0.8 is a candidate 98.5% of the time
DUPLICATE_JACCARD = 0.8  # gram-set Jaccard of two near-duplicate articles (the same text, lightly edited)
_SEED = 1
# One set of permutations, shared by every signature (building them per MinHash is the slow part).
_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=_SEED).permutations

_TOKEN = re.compile(r"\d{1,3}(?:,\d{3})+|\w+(?:['\u2019]\w+)*")


def _fold(word: str) -> str:
    if word.isascii():
        return word.lower().replace(",", "").replace("'", "")
    folded = unicodedata.normalize("NFKD", word)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).lower()
    # "Aleppo's" and a stripped "Aleppos", "4,000" and "4000" are the same word.
    return folded.replace(",", "").replace("'", "").replace("\u2019", "")


def normalise(text: str) -> list[str]:
    """Words, lowercased and accent-folded; punctuation, apostrophes and quote marks vanish."""
    return [_fold(m.group()) for m in _TOKEN.finditer(text)]


def _key(word: str) -> str:
    # A plural -s is the commonest edit between a wire text and its reprint ("truck"/"trucks").
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _gram_hash(words: Sequence[str]) -> int:
    # Only equality matters (no hash-based sampling), so the process-salted built-in hash is fine.
    return hash(tuple(words))


def _low32(value: int) -> int:
    return value & 0xFFFFFFFF


def gram_signature(grams: Iterable[int]) -> LeanMinHash:
    """The MinHash of a set of gram hashes (datasketch's affine permutations, ``NUM_PERM`` of them)."""
    sketch = MinHash(num_perm=NUM_PERM, seed=_SEED, hashfunc=_low32, permutations=_PERMUTATIONS, scheme="affine32")
    sketch.update_batch(grams)
    return LeanMinHash(sketch)


@dataclass(slots=True)
class _Doc:
    """An indexed article: its words (with character offsets) and the sentence of each word."""

    id: str
    starts: Sequence[int]
    ends: Sequence[int]
    sentence: Sequence[int]  # index into ``spans`` for each word
    spans: list[tuple[int, int]]  # the article's sentences
    words_in: list[int]  # words per sentence
    text: str
    keys: list[str]  # the normalised words, as matched


@dataclass(slots=True, frozen=True)
class ReuseGroup:
    """Sentences that are the same text in several articles; ``origin`` is the earliest publisher."""

    origin: str
    text: str
    spans: tuple[tuple[str, int, int], ...]  # (article id, start, end)


@dataclass(slots=True, frozen=True)
class ArticleReuse:
    id: str
    reused_share: float  # share of the article's words also found in other articles
    copy_of: tuple[str, ...]  # articles it reprints (empty when it is not a copy)
    shares_with: tuple[str, ...] = ()  # every article it has at least one reused passage with


# Number words as keyed ("dozens" → "dozen"): a run never bridges a number the other text changed.
_NUMBER_WORDS = frozenset([*(w for w, n in UNITS.items() if n), *TENS, "hundred", "thousand", "dozen", "million"])


def _numbers(keys: Sequence[str], start: int, end: int) -> list[str]:
    return sorted(k for k in keys[max(start, 0):end] if k.isdigit() or k in _NUMBER_WORDS)


def _runs(pairs: list[tuple[int, int]], x: "_Doc", y: "_Doc") -> list[list[tuple[int, int]]]:
    """Matched gram positions (i in the new article, j in the other) chained into runs: each step
    moves forward in both texts by at most ``GAP`` words, so a changed word does not break a run, but
    a changed number does ("said 12 people were killed" is not "now says 27 people were killed")."""
    done: list[list[tuple[int, int]]] = []
    live: list[list[tuple[int, int]]] = []
    for i, j in sorted(pairs):
        still = []
        for run in live:
            (done if run[-1][0] < i - GAP else still).append(run)
        live = still
        best, best_drift = None, GAP + 1
        for run in live:
            li, lj = run[-1]
            di, dj = i - li, j - lj
            if 0 < di <= GAP and 0 < dj <= GAP and abs(dj - di) < best_drift and (
                    di <= GRAM and dj <= GRAM
                    or _numbers(x.keys, li + GRAM, i) == _numbers(y.keys, lj + GRAM, j)):
                best, best_drift = run, abs(dj - di)
        if best is None:
            live.append([(i, j)])
        else:
            best.append((i, j))
    done += live
    return [r for r in done if r[-1][0] + GRAM - r[0][0] >= MIN_RUN and r[-1][1] + GRAM - r[0][1] >= MIN_RUN
            and not _updated(r, x, y)]


def _stretches(positions: list[int]) -> list[list[int]]:
    """Sorted positions split where two are more than ``GAP`` words apart (where no run can continue)."""
    out: list[list[int]] = []
    for p in positions:
        if out and p - out[-1][-1] <= GAP:
            out[-1].append(p)
        else:
            out.append([p])
    return out


def _updated(run: list[tuple[int, int]], x: "_Doc", y: "_Doc") -> bool:
    """Whether the run starts or ends, inside a sentence, at a number that the other text changed
    ("said 12 people were killed in ..." / "now says 27 people were killed in ..."): a rewrite that
    updates a figure, not a reprint of it. (At a sentence boundary a number is only the next sentence.)"""
    (xi, yj), (xl, yl) = run[0], run[-1]
    xl, yl = xl + GRAM - 1, yl + GRAM - 1  # the runs' last words

    def changed(p: int, q: int, p_in: int, q_in: int) -> bool:
        if not (0 <= p < len(x.keys) and 0 <= q < len(y.keys)):
            return False
        if x.sentence[p] != x.sentence[p_in] or y.sentence[q] != y.sentence[q_in]:
            return False
        a, b = _numbers(x.keys, p, p + 1), _numbers(y.keys, q, q + 1)
        return bool(a and b and a != b)

    return changed(xi - 1, yj - 1, xi, yj) or changed(xl + 1, yl + 1, xl, yl)


@dataclass
class ReuseIndex:
    """An incremental index of all articles seen; answers reuse questions for any article in it."""

    docs: dict[str, _Doc] = field(default_factory=dict)
    published: dict[str, str] = field(default_factory=dict)
    order: dict[str, int] = field(default_factory=dict)  # arrival order, to break publish-date ties
    # gram → article number × _SLOT + word position (one int, or a list of them when in several places)
    postings: dict[int, int | list[int]] = field(default_factory=dict)
    numbers: list[str] = field(default_factory=list)  # article number → id (in arrival order)
    # a → b → a's words shared with b (frozen once the pair is aligned: ``_freeze_cover``)
    cover: dict[str, dict[str, frozenset[int] | set[int]]] = field(default_factory=dict)
    one_text: UnionFind[str] = field(default_factory=UnionFind)  # sentence keys "id#n" that are one text
    # Outlet registry: on a publish-date tie, a wire agency's text is the origin, not its subscribers'.
    registry: "OutletRegistry | None" = None
    wire: set[str] = field(default_factory=set)
    # Near-duplicate articles: MinHash LSH over whole articles' gram sets (module docstring).
    articles_lsh: MinHashLSH = field(default_factory=lambda: MinHashLSH(num_perm=NUM_PERM, params=LSH_BANDS))
    duplicate_of: dict[str, tuple[str, ...]] = field(default_factory=dict)  # article → its earlier twins
    duplicates: dict[str, list[str]] = field(default_factory=dict)  # twin → later near-duplicates of it
    _duplicate_numbers: set[int] = field(default_factory=set)  # the article numbers of near-duplicates
    # The grams of near-duplicates and of their twins, which later articles align with from all their
    # grams (one machine integer each; hashing them again for each later reprint was most of the work).
    _twin_grams: dict[str, array] = field(default_factory=dict)
    # Articles whose words and sentences are those of an earlier one (a verbatim reprint, other quote
    # marks): article → that earliest one. Any text aligns with them all alike (see ``_align_twins``).
    same_text: dict[str, str] = field(default_factory=dict)
    _first_with: dict[int, str] = field(default_factory=dict)  # hash of words and sentences → earliest article
    # One frozen set per distinct set of shared words: the words a reprint shares with each of the other
    # reprints of its story are mostly the same set (its whole text), held once.
    _word_sets: dict[frozenset[int], frozenset[int]] = field(default_factory=dict)

    # -------------------------------------------------------------- indexing
    @staticmethod
    def _doc(article: Article) -> _Doc:
        spans = sorted((s.start, s.end) for s in article.sentences) or [(0, len(article.text))]
        starts, ends, sentence, keys = [], [], [], []
        words_in = [0] * len(spans)
        for n, (start, end) in enumerate(spans):
            before = len(starts)
            for m in _TOKEN.finditer(article.text, start, end):  # words between sentences are markup
                starts.append(m.start())
                ends.append(m.end())
                sentence.append(n)
                keys.append(_key(_fold(m.group())))
            words_in[n] = len(starts) - before
        # Compact storage: a store holds millions of words (machine-integer arrays, one string per word).
        return _Doc(article.id, array("l", starts), array("l", ends), array("l", sentence), spans, words_in,
                    article.text, [sys.intern(k) for k in keys])

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
            doc = self._doc(article)
            keys = doc.keys
            self._note_same_text(doc)
            self.docs[doc.id] = doc
            self.cover.setdefault(doc.id, {})
            grams = [_gram_hash(keys[i:i + GRAM]) for i in range(len(keys) - GRAM + 1)]
            matches = self._matches(grams)
            # Near-duplicates are aligned from all their grams below (only part of them is posted).
            aligned = {other for other, pairs in matches.items()
                       if other not in self.duplicate_of and self._align(doc, other, pairs)}
            self._align_twins(doc, aligned, matches, grams)
            self._freeze_cover(doc.id)
            held = self._held_by_twins(doc, grams)
            base = len(self.numbers) * _SLOT
            if doc.id in self.duplicate_of:
                self._duplicate_numbers.add(len(self.numbers))
            self.numbers.append(doc.id)
            for i, h in enumerate(grams):
                if i in held:
                    continue  # this text is indexed under the article's earlier twin
                posting = self.postings.get(h)
                if posting is None:
                    self.postings[h] = base + i  # most grams are in one place: no list for them
                elif type(posting) is int:
                    self.postings[h] = [posting, base + i]
                elif len(posting) < MAX_POSTINGS:
                    posting.append(base + i)

    def _matches(self, grams: list[int]) -> dict[str, list[tuple[int, int]]]:
        """Each earlier article that has grams of the new one → the matched (position here, position
        there) pairs that can matter. A gram posted in ``COMMON_GRAM`` places or more (a stock phrase)
        is looked up only for the articles that some other gram already leads to, unless the common
        grams around it could make a run on their own: a run chains matches at most ``GAP`` words apart
        and spans ``MIN_RUN`` words, so an article that only shares a lone stock phrase has no run with
        this one, and aligning it with each of the hundreds that carry it was most of the work."""
        postings = self.postings
        by_number: dict[int, list[tuple[int, int]]] = {}
        common: list[int] = []  # positions of common grams, in order
        for i, h in enumerate(grams):
            posting = postings.get(h)
            if posting is None:
                continue
            if type(posting) is int:
                by_number.setdefault(posting >> _SHIFT, []).append((i, posting & _LOW))
            elif len(posting) >= MAX_POSTINGS:
                continue  # boilerplate: a stock phrase would make every article a partner
            elif len(posting) >= COMMON_GRAM:
                common.append(i)
            else:
                for code in posting:
                    by_number.setdefault(code >> _SHIFT, []).append((i, code & _LOW))
        deferred: list[int] = []
        for stretch in _stretches(common):
            if stretch[-1] - stretch[0] + GRAM >= MIN_RUN:  # common grams that could make a run alone
                for i in stretch:
                    for code in postings[grams[i]]:
                        by_number.setdefault(code >> _SHIFT, []).append((i, code & _LOW))
            else:
                deferred += stretch
        twins_touched: set[int] = set()
        duplicates = self._duplicate_numbers
        for i in deferred:
            for code in postings[grams[i]]:
                number = code >> _SHIFT
                pairs = by_number.get(number)
                if pairs is not None:
                    pairs.append((i, code & _LOW))
                elif number in duplicates:
                    twins_touched.add(number)  # near-duplicates are aligned from all their words anyway
        out = {self.numbers[number]: pairs for number, pairs in by_number.items()}
        for number in twins_touched:
            out.setdefault(self.numbers[number], [])
        return out

    def posted(self) -> Iterable[tuple[str, int]]:
        """Every posting: (article, word position of the gram)."""
        for posting in self.postings.values():
            for code in (posting,) if type(posting) is int else posting:
                number, i = divmod(code, _SLOT)
                yield self.numbers[number], i

    def _grams(self, article_id: str) -> Sequence[int]:
        kept = self._twin_grams.get(article_id)
        if kept is not None:
            return kept
        keys = self.docs[article_id].keys
        return [_gram_hash(keys[j:j + GRAM]) for j in range(len(keys) - GRAM + 1)]

    def _align(self, doc: _Doc, other: str, pairs: list[tuple[int, int]],
               unions: list[tuple[int, int]] | None = None) -> bool:
        """Record the shared runs of ``doc`` and ``other`` from their matched grams; whether any.
        ``unions`` receives the (sentence of doc, sentence of other) pairs made one text."""
        # No run can be longer than the matched stretch: skip the partners of one stock phrase.
        if max(pairs)[0] - min(pairs)[0] + GRAM < MIN_RUN:
            return False
        runs = _runs(pairs, doc, self.docs[other])
        for run in runs:
            self._record(doc, self.docs[other], run, unions)
        return bool(runs)

    def _align_twins(self, doc: _Doc, aligned: set[str], matches: dict[str, list[tuple[int, int]]],
                     grams: list[int]) -> None:
        """A new article that shares text with an article shares it with that article's near-duplicates
        too, whose copies of the text are not posted: they are aligned from all their own words, so that
        the answers are those of a full index. Reprints with the same words and sentences (``same_text``)
        align alike, as alignment reads only the two texts' words and sentences: the first is aligned and
        the others get its shared words and merged sentences, instead of one alignment per sibling."""
        duplicates = {d for d in matches if d in self.duplicate_of}
        frontier = list(aligned | duplicates)
        while frontier:  # a near-duplicate of a near-duplicate holds the text too
            frontier = [d for other in frontier for d in self.duplicates.get(other, ()) if d not in duplicates]
            duplicates.update(frontier)
        if not duplicates:
            return
        where: dict[int, list[int]] = {}
        for i, h in enumerate(grams):
            where.setdefault(h, []).append(i)
        alike: dict[str, list[str]] = {}
        for d in sorted(duplicates, key=self.order.__getitem__):
            alike.setdefault(self.same_text.get(d, d), []).append(d)
        for first, *rest in alike.values():
            pairs = [(i, j) for j, h in enumerate(self._grams(first)) for i in where.get(h, ())]
            unions: list[tuple[int, int]] = []
            if not pairs or not self._align(doc, first, pairs, unions):
                continue
            for d in rest:
                self.cover[doc.id][d] = self.cover[doc.id][first]
                self.cover[d][doc.id] = self.cover[first][doc.id]
                for sx, sy in unions:
                    self.one_text.union(f"{d}#{sy}", f"{doc.id}#{sx}")

    def _note_same_text(self, doc: _Doc) -> None:
        """Record in ``same_text`` an earlier article with exactly these words and sentences."""
        content = hash((tuple(doc.keys), doc.sentence.tobytes()))
        first = self._first_with.setdefault(content, doc.id)
        if first != doc.id:
            earlier = self.docs[first]
            if earlier.keys == doc.keys and earlier.sentence == doc.sentence:  # not a hash collision
                self.same_text[doc.id] = first

    def _freeze_cover(self, article_id: str) -> None:
        """The words shared by a newly aligned article and each partner, as frozen sets held once per
        distinct set: a pair is aligned only when the later of the two arrives, so they never grow."""
        mine = self.cover[article_id]
        for other, words in mine.items():
            mine[other] = self._held_once(words)
            self.cover[other][article_id] = self._held_once(self.cover[other][article_id])

    def _held_once(self, words: frozenset[int] | set[int]) -> frozenset[int]:
        frozen = words if type(words) is frozenset else frozenset(words)
        return self._word_sets.setdefault(frozen, frozen)

    def _held_by_twins(self, doc: _Doc, grams: list[int]) -> set[int]:
        """Positions of the grams of ``doc`` that an earlier near-duplicate of it (a *twin*) also has:
        the postings of the twin already lead to them. Records the twins in ``duplicate_of``."""
        if not grams:
            return set()
        # Stable gram hashes for the MinHash (the built-in hash is salted per process), so that which
        # articles are twins does not change from one run to the next.
        keys = doc.keys
        signature = gram_signature(zlib.crc32(" ".join(keys[i:i + GRAM]).encode()) for i in range(len(grams)))
        own = set(grams)
        twins, held = [], set()
        for other in self.articles_lsh.query(signature):
            theirs = set(self._grams(other))
            if len(own & theirs) >= DUPLICATE_JACCARD * len(own | theirs):
                twins.append(other)
                held |= own & theirs
        self.articles_lsh.insert(doc.id, signature, check_duplication=False)
        if not twins:
            return set()
        self.duplicate_of[doc.id] = tuple(sorted(twins, key=self._rank))
        self._twin_grams[doc.id] = array("q", grams)
        for twin in twins:
            self.duplicates.setdefault(twin, []).append(doc.id)
            if twin not in self._twin_grams:
                self._twin_grams[twin] = array("q", self._grams(twin))
        return {i for i, h in enumerate(grams) if h in held}

    def _record(self, x: _Doc, y: _Doc, run: list[tuple[int, int]],
                unions: list[tuple[int, int]] | None = None) -> None:
        """One shared run: the words it covers in both texts, and the sentences it makes one text."""
        x_first, x_last = run[0][0], run[-1][0] + GRAM
        y_last = run[-1][1] + GRAM
        overlap: dict[tuple[int, int], int] = {}
        k = 0
        for p in range(x_first, x_last):
            while k + 1 < len(run) and run[k + 1][0] <= p:
                k += 1
            i, j = run[k]
            q = min(j + (p - i), y_last - 1)  # the word of y aligned with word p of x
            pair = (x.sentence[p], y.sentence[q])
            overlap[pair] = overlap.get(pair, 0) + 1
        self.cover[x.id].setdefault(y.id, set()).update(range(x_first, x_last))
        self.cover[y.id].setdefault(x.id, set()).update(range(run[0][1], y_last))
        for (sx, sy), n in overlap.items():
            if n >= MIN_SENTENCE_OVERLAP and (n >= SENTENCE_COVER * x.words_in[sx] or n >= SENTENCE_COVER * y.words_in[sy]):
                self.one_text.union(f"{y.id}#{sy}", f"{x.id}#{sx}")
                if unions is not None:
                    unions.append((sx, sy))

    # -------------------------------------------------------------- answers
    def near_duplicates(self, article_id: str) -> tuple[str, ...]:
        """Earlier articles that are the same text as this one (gram-set Jaccard ≥ ``DUPLICATE_JACCARD``)."""
        return self.duplicate_of.get(article_id, ())

    def _rank(self, article_id: str) -> tuple[str, int, int]:
        # Unknown dates sort last: an undated page is not presumed to be the origin. On the same day a
        # wire agency comes first; then arrival order.
        return (self._day(article_id), 0 if article_id in self.wire else 1, self.order.get(article_id, 0))

    def _day(self, article_id: str) -> str:
        return (self.published.get(article_id) or "9999")[:10]

    def _covered(self, article_id: str) -> set[int]:
        out: set[int] = set()
        for words in self.cover.get(article_id, {}).values():
            out |= words
        return out

    def _share(self, a: str, b: str) -> float:
        """Share of a's words that are also in b."""
        n = len(self.docs[a].starts)
        return len(self.cover[a].get(b, ())) / n if n else 0.0

    def _member_span(self, doc: _Doc, n: int, covered: set[int]) -> tuple[int, int]:
        """The sentence, or (when the sentence runs on well past the shared text, as unpunctuated
        reprints do) only its shared words."""
        start, end = doc.spans[n]
        first = bisect_left(doc.sentence, n)  # a sentence's words are consecutive
        words = [p for p in range(first, first + doc.words_in[n]) if p in covered]
        if not words or len(words) >= FULL_SENTENCE * doc.words_in[n]:
            return start, end
        return doc.starts[words[0]], doc.ends[words[-1]]

    def groups(self) -> list[ReuseGroup]:
        members = [[(article, int(n)) for article, _, n in (key.rpartition("#") for key in group)]
                   for group in self.one_text.groups()]
        covered = {a: self._covered(a) for a in {a for ms in members for a, _ in ms}}
        out = []
        for ms in members:
            articles = {a for a, _ in ms}
            if len(articles) < 2:
                continue
            origin = min(articles, key=self._rank)
            spans = sorted(((a, *self._member_span(self.docs[a], n, covered[a])) for a, n in ms),
                           key=lambda s: (self._rank(s[0]), s[1]))
            first = next(s for s in spans if s[0] == origin)
            out.append(ReuseGroup(origin, self.docs[origin].text[first[1]:first[2]], tuple(spans)))
        out.sort(key=lambda g: (self._rank(g.origin), g.spans[0][1]))
        return out

    def _copies(self, a: str, b: str) -> bool:
        """Whether a reprints b (``COPY_SHARE``, ``CONTAINED_SHARE``: see the module docstring)."""
        ab, ba = self._share(a, b), self._share(b, a)
        if self._day(a) != self._day(b):
            if self._day(b) > self._day(a):
                return False  # a text cannot copy a later one
            return ab >= COPY_SHARE or ba >= CONTAINED_SHARE
        if (a in self.wire) != (b in self.wire):  # same day: the wire agency's text is the original
            return b in self.wire and (ab >= COPY_SHARE or ba >= CONTAINED_SHARE)
        if max(ab, ba) < COPY_SHARE:
            return False
        if abs(ab - ba) < 0.1:
            # As much shared both ways: a reprint (the later one is the copy) when little of either is
            # its own; two reports that each add as much as they share only quote one passage.
            return max(ab, ba) >= CONTAINED_SHARE and self._rank(b) < self._rank(a)
        return ab > ba  # a shortened reprint is the more derivative text

    def report(self, article_id: str) -> ArticleReuse:
        return self.reports([article_id])[article_id]

    def reports(self, article_ids: Iterable[str] | None = None) -> dict[str, ArticleReuse]:
        wanted = list(article_ids) if article_ids is not None else list(self.order)
        out = {}
        for a in wanted:
            if a not in self.docs:
                out[a] = ArticleReuse(a, 0.0, ())
                continue
            partners = {b for b, words in self.cover[a].items() if words}
            covered = self._covered(a)
            n = len(self.docs[a].starts)
            share = len(covered) / n if n else 0.0
            originals = sorted((b for b in partners if self._copies(a, b)), key=self._rank)
            # The sources of a splice, when no single original explains it: earlier articles (not
            # copies of this one) that together gave it most of its words.
            spliced = sorted((b for b in partners if b not in originals and self._rank(b) < self._rank(a)
                              and not self._copies(b, a)), key=self._rank)
            given_by = set().union(*(self.cover[a][b] for b in originals + spliced)) if n else set()
            if len(given_by) < COPY_SHARE * n:
                spliced = []
            # A partner whose shared text all came through an earlier original is not a source of this
            # copy: two reprints of one wire story share its text without copying each other. A splice
            # source must give words that no original gave.
            copy_of, given = [], set()
            for b in originals + spliced:
                new = len(self.cover[a][b] - given)
                if new >= MIN_RUN and (b in originals or new >= SOURCE_SHARE * n):
                    copy_of.append(b)
                given |= self.cover[a][b]
            if not originals and len(copy_of) < 2:
                copy_of = []  # one source alone is a copy only by the pairwise rule above
            out[a] = ArticleReuse(a, round(min(share, 1.0), 4), tuple(sorted(copy_of, key=self._rank)),
                                  tuple(sorted(partners, key=self._rank)))
        return out


def independent_source_groups(
    reports: dict[str, ArticleReuse], outlet_group: dict[str, str]
) -> list[set[str]]:
    """Groups of articles that count as one source: copies join what they copy; one owner or state is one.

    ``outlet_group`` maps article id → the outlet's independence group (the outlet itself, or its
    owner/state affiliation from the outlet registry).
    """
    sources = UnionFind(reports)
    for a, r in reports.items():
        for original in r.copy_of:
            if original in sources:
                sources.union(a, original)
    by_group: dict[str, str] = {}
    for a in reports:
        g = outlet_group.get(a)
        if g:
            if g in by_group:
                sources.union(a, by_group[g])
            else:
                by_group[g] = a
    return [set(group) for group in sources.groups()]


def count_independent(reports: dict[str, ArticleReuse], groups: dict[str, str | None]) -> int:
    """Independent sources: copies join what they copy; outlets of one owner or state are one."""
    keyed = {i: (g if g else "article:" + i) for i, g in groups.items()}
    return len(independent_source_groups(reports, keyed))
