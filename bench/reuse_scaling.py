"""Scaling of reuse detection: streams of 2k and 20k synthetic articles, time, peak memory and copy P/R.

The stream is generated from the sentences of the sample corpus in examples/ (its .txt articles and
the wire feed), rewritten so that independent articles do not share text by accident: every number,
capitalised name and date is redrawn, and most other words (70% of those of three letters or more,
30% of shorter ones) are swapped for words drawn from the corpus vocabulary: word salad, but with
the corpus's words, sentence lengths, quotes and punctuation. Short stock phrases ("Officials said more details would be
released later.") are kept verbatim in many articles, as real news repeats them. The stream mixes:

- originals (about 70%), written by outlets and wire agencies;
- reprints (15%) of an original of one or two days before, mostly wire copy and the day's top
  stories most often (a top story is reprinted dozens of times in a 20k stream): verbatim, with curly quotes, with
  punctuation stripped and sentences run together, or shortened to its first paragraphs, some with
  a lead-in and a trailer of their own; truth ``copy_of`` = the original;
- splices (5%) of two or three such originals' paragraphs plus one sentence of their own; truth
  ``copy_of`` = those originals;
- own reports with one spliced wire paragraph (10%): share a passage, not copies (truth: no copy_of,
  but the passage's source must be in ``shares_with``).

Each size runs in its own process so that peak memory (ru_maxrss) is its own; the memory reported is
the peak minus the resident size after the stream was generated (the index's own cost), and the
whole peak. Time is ``ReuseIndex.add`` over the stream (in arrival order, as a store would) plus
``reports()`` for every article.

The peer (``--peer-sizes``, 2k by default) is MinHash LSH over word windows as the passage candidate
stage, the design issue 5 first named; it is kept here to show the measured trade-off (see the
docstring of newsfuse.corpus.reuse).

    .venv/bin/python bench/reuse_scaling.py                 # 2k and 20k, the window-LSH peer at 2k
    .venv/bin/python bench/reuse_scaling.py --sizes 5000 50000 --peer-sizes
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _isolated import add_isolation_options, in_subprocess, measured_in_child  # noqa: E402

SYLLABLES = ["ka", "ro", "vel", "mar", "tis", "an", "or", "lin", "das", "mo", "ret", "sul", "ban", "ech", "ia", "nor",
             "qa", "zim", "hal", "pe", "dor", "fen", "gri", "us", "tal", "ves", "om", "bri", "cal", "ny"]
STOCK = ["Officials said more details would be released later.", "The situation remained tense.",
         "Aid groups appealed for access.", "The government promised an investigation.",
         "Local media carried images of the damage.", "It was not possible to verify the reports."]
LEAD_INS = ["Updated at {h}:{m:02d}.", "From our wire services.", "{place} ({outlet}) -"]
TRAILERS = ["Reporting by {name}; editing by {other}.", "Copyright {year} {outlet}.", "--{outlet}"]
_SENTENCE = re.compile(r"[^.!?]+[.!?]+[\"\u201d]?\s*")
_TOKEN = re.compile(r"\d[\d,.]*|[A-Za-z][\w'\u2019-]*|\S")


def corpus_sentences() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]
    feed = ROOT / "examples" / "meridian-wire-feed.jsonl"
    if feed.exists():
        texts += [json.loads(line).get("text", "") for line in feed.read_text(encoding="utf-8").splitlines() if line.strip()]
    out = []
    for text in texts:
        for paragraph in text.split("\n"):
            out += [s.strip() for s in _SENTENCE.findall(paragraph) if len(s.split()) >= 8]
    return out


def name(rng: random.Random, parts: int = 2) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


class Writer:
    """Rewrites corpus sentences into new ones: names, numbers and most other words redrawn."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.sentences = corpus_sentences()
        self.vocabulary = sorted({w for s in self.sentences for w in _TOKEN.findall(s)
                                  if w.isalpha() and w.islower()})

    def sentence(self) -> str:
        rng = self.rng
        words = []
        for k, tok in enumerate(_TOKEN.findall(rng.choice(self.sentences))):
            if tok[0].isdigit():
                tok = f"{rng.randint(2, 9000):,}" if rng.random() < 0.5 else str(rng.randint(2, 400))
            elif tok[0].isupper() and k > 0:
                tok = name(rng, rng.randint(2, 3))
            elif tok.isalpha() and rng.random() < (0.7 if len(tok) > 2 else 0.3):
                tok = rng.choice(self.vocabulary)
            words.append(tok)
        text = " ".join(words)
        text = re.sub(r'" ([^"]*?) "', r'"\1"', text)  # the tokens put spaces inside quote marks
        return re.sub(r" ([.,;:!?)\u201d])", r"\1", re.sub(r"([(\u201c]) ", r"\1", text))

    def paragraphs(self, n: int) -> list[str]:
        out = []
        for _ in range(n):
            sentences = [self.sentence() for _ in range(self.rng.randint(1, 3))]
            if self.rng.random() < 0.3:
                sentences.insert(self.rng.randrange(len(sentences) + 1), self.rng.choice(STOCK))
            out.append(" ".join(sentences))
        return out


def _reprint(rng: random.Random, paragraphs: list[str], slots: dict) -> list[str]:
    kind = rng.choice(["verbatim", "quotes", "stripped", "shortened"])
    out = list(paragraphs)
    if kind == "quotes":
        out = [re.sub(r'"([^"]*)"', "\u201c\\1\u201d", p) for p in out]
    elif kind == "stripped":
        out = [" ".join(p.replace(",", "").replace("'", "").replace(". ", " ") for p in out)]
    elif kind == "shortened":
        out = out[: max(2, (len(out) * 2 + 2) // 3)]
    if rng.random() < 0.5:
        out.insert(0, rng.choice(LEAD_INS).format(**slots))
    if rng.random() < 0.5:
        out.append(rng.choice(TRAILERS).format(**slots))
    return out


def generate(n_articles: int, seed: int = 11, per_day: int | None = None
             ) -> tuple[list, dict[str, set[str]], dict[str, set[str]]]:
    """The stream in arrival order, the true ``copy_of`` of every article, and the passages each
    article must share with (its wire-paragraph sources). The stream spans 120 days (``per_day`` =
    n / 120), or as many as ``per_day`` articles a day fill: a longer stream at the same rate."""
    from newsfuse.model import Article, Sentence

    rng = random.Random(seed)
    writer = Writer(rng)
    outlets = [name(rng) + " " + rng.choice(["Times", "Post", "Herald", "Daily", "News"]) for _ in range(60)]
    wires = [name(rng) + " " + rng.choice(["Wire", "Press", "Agency"]) for _ in range(4)]
    start = date(2024, 1, 1)
    originals: list[tuple[str, int, list[str], bool]] = []  # (id, day, paragraphs, by a wire agency)
    pending: list[tuple[int, int, str, str, list[str]]] = []  # (day, seq, id, source, paragraphs)
    truth: dict[str, set[str]] = {}
    shares: dict[str, set[str]] = {}
    per_day = per_day or max(1, n_articles // 120)
    for seq in range(n_articles):
        day = seq // per_day
        aid = f"a{seq}"
        slots = {"place": name(rng, 3).upper(), "outlet": rng.choice(wires), "name": name(rng), "other": name(rng),
                 "year": 2024, "h": rng.randint(0, 23), "m": rng.randint(0, 59)}
        # Copies come a day or two after their sources: on one day the more derivative text is the copy,
        # which a splice of long sources may not be.
        recent = [o for o in originals[-3 * per_day:] if day - 2 <= o[1] < day]
        roll = rng.random()
        if recent and roll < 0.15:
            # Wire copy is what gets reprinted, and the top stories most: weights 1, 1/4, 1/9...
            wired = [o for o in recent if o[3]] or recent
            src = rng.choices(wired, weights=[1 / (k + 1) ** 2 for k in range(len(wired))])[0]
            paragraphs, source = _reprint(rng, src[2], slots), rng.choice(outlets)
            truth[aid] = {src[0]}
        elif len(recent) >= 3 and roll < 0.20:
            sources = rng.sample(recent, rng.randint(2, 3))
            paragraphs = [p for s in sources for p in rng.sample(s[2], min(2, len(s[2])))]
            paragraphs.insert(rng.randrange(len(paragraphs) + 1), writer.sentence())
            source = rng.choice(outlets)
            truth[aid] = {s[0] for s in sources}
        elif any(len(o[2]) >= 5 for o in recent) and roll < 0.30:
            # One paragraph of a longer source: a small part of it (not its extended reprint).
            src = rng.choice([o for o in recent if len(o[2]) >= 5])
            borrowed = sorted(src[2], key=len)[len(src[2]) // 2]
            paragraphs = writer.paragraphs(rng.randint(5, 9))
            paragraphs.insert(rng.randint(1, len(paragraphs)), borrowed)
            source = rng.choice(outlets)
            truth[aid], shares[aid] = set(), {src[0]}
        else:
            is_wire = rng.random() < 0.3
            paragraphs = writer.paragraphs(rng.randint(3, 10))
            source = rng.choice(wires if is_wire else outlets)
            paragraphs[0] = f"{slots['place']}, {start + timedelta(days=day):%B %d} ({source}) - " + paragraphs[0]
            originals.append((aid, day, paragraphs, is_wire))
            truth[aid] = set()
        pending.append((day, seq, aid, source, paragraphs))
    articles = []
    for day, _, aid, source, paragraphs in sorted(pending):
        text, spans, pos = "", [], 0
        for p in paragraphs:
            for m in _SENTENCE.finditer(p + " "):  # a plain splitter: unpunctuated reprints are one sentence
                spans.append(Sentence(pos + m.start(), pos + m.end()))
            text += p + "\n\n"
            pos += len(p) + 2
        if not spans:
            spans = [Sentence(0, len(text))]
        articles.append(Article.create(id=aid, text=text, source=source, published=(start + timedelta(days=day)).isoformat(),
                                       sentences=tuple(spans)))
    return articles, truth, shares


def window_lsh_index():
    """The peer: MinHash LSH over word windows as the *passage* candidate stage, in front of the same
    run alignment (what issue 5 first proposed). Windows of 7 keyed words, their word bigrams
    MinHashed (16 permutations, 4 bands of 4 rows); stored every 4 words and queried at every word,
    so that any exact run of 10 words gives one identical window pair (Jaccard 1: found whatever the
    banding). Each candidate article is then hashed into grams for the alignment."""
    import numpy as np
    import zlib
    from datasketch import LeanMinHash, MinHash, MinHashLSH
    from newsfuse.corpus import reuse as R

    width, stride, shingle = 7, 4, 2
    reference = MinHash(num_perm=16, seed=1, hashfunc=zlib.crc32)

    class WindowLshIndex(R.ReuseIndex):
        def __init__(self) -> None:
            super().__init__()
            self.windows = MinHashLSH(num_perm=16, params=(4, 4))
            self.rows: dict[str, object] = {}
            self.numbers: list[str] = []

        def _row(self, bigram: str):
            row = self.rows.get(bigram)
            if row is None:
                sketch = MinHash(num_perm=16, seed=1, hashfunc=zlib.crc32, permutations=reference.permutations,
                                 scheme="affine32")
                sketch.update(bigram.encode())
                row = self.rows[bigram] = sketch.hashvalues
            return row

        def add(self, articles) -> None:
            for article in articles:
                if article.id in self.order:
                    continue
                self.order[article.id] = len(self.order)
                self.published[article.id] = article.published or ""
                doc = self._doc(article)
                keys = doc.keys
                self.docs[doc.id] = doc
                self.cover.setdefault(doc.id, {})
                number = len(self.numbers)
                self.numbers.append(doc.id)
                bigrams = [keys[i] + " " + keys[i + 1] for i in range(len(keys) - 1)]
                span = width - shingle + 1  # bigrams per window
                if len(bigrams) < span:
                    continue
                rows = np.array([self._row(b) for b in bigrams])
                signatures = rows[: len(bigrams) - span + 1].copy()
                for k in range(1, span):  # a window's MinHash is the minimum over its bigrams
                    np.minimum(signatures, rows[k: len(bigrams) - span + 1 + k], out=signatures)
                candidates = set()
                for signature in signatures:
                    candidates.update(self.windows.query(LeanMinHash(seed=1, hashvalues=signature, scheme="affine32")))
                grams = self._grams(doc.id)
                where: dict[int, list[int]] = {}
                for i, h in enumerate(grams):
                    where.setdefault(h, []).append(i)
                for c in candidates:
                    other = self.docs[self.numbers[c]]
                    pairs = [(i, j) for j, h in enumerate(self._grams(other.id)) for i in where.get(h, ())]
                    for run in R._runs(pairs, doc, other):
                        self._record(doc, other, run)
                stored = list(range(0, len(signatures), stride))
                if stored[-1] != len(signatures) - 1:
                    stored.append(len(signatures) - 1)
                for p in stored:
                    self.windows.insert(number, LeanMinHash(seed=1, hashvalues=signatures[p], scheme="affine32"),
                                        check_duplication=False)

    return WindowLshIndex()


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make_index(system: str):
    """``newsfuse``: one index over the whole stream; ``newsfuse-stream``: the index that forgets
    articles older than the reprint horizon (corpus/reuse_stream.py, its default horizon)."""
    from newsfuse.corpus.reuse import ReuseIndex
    from newsfuse.corpus.reuse_stream import StreamReuseIndex

    if system == "newsfuse":
        return ReuseIndex()
    if system == "newsfuse-stream":
        return StreamReuseIndex()
    return window_lsh_index()


def measure(n: int, system: str = "newsfuse") -> dict:
    """``system`` may end in ``@RATE``: a stream of RATE articles a day (``generate``'s ``per_day``)."""
    system, _, rate = system.partition("@")
    articles, truth, shares = generate(n, per_day=int(rate) if rate else None)
    words = sum(len(a.text.split()) for a in articles)
    before_mb = _rss_mb()
    began = time.perf_counter()
    index = make_index(system)
    index.add(articles)
    added = time.perf_counter() - began
    reports = index.reports()
    seconds = time.perf_counter() - began
    predicted = {(a, o) for a, r in reports.items() for o in r.copy_of}
    gold = {(a, o) for a, originals in truth.items() for o in originals}
    tp = len(predicted & gold)
    wanted = {(a, s) for a, ss in shares.items() for s in ss}
    found = {(a, s) for a, s in wanted if s in reports[a].shares_with}
    peak = _rss_mb()
    return {"system": system, "n": n, "per_day": int(rate) if rate else max(1, n // 120), "words": words,
            "postings": sum(1 for _ in index.posted()), "live": len(index.docs),
            "near_duplicates": len(index.duplicate_of), "seconds": round(seconds, 2), "add_seconds": round(added, 2),
            "docs_per_s": round(n / seconds, 1), "index_mb": round(peak - before_mb, 1), "peak_mb": round(peak, 1),
            "copy_precision": round(tp / len(predicted), 4) if predicted else 1.0,
            "copy_recall": round(tp / len(gold), 4) if gold else 1.0, "copy_pairs": len(gold),
            "passage_recall": round(len(found) / len(wanted), 4) if wanted else 1.0, "passages": len(wanted)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[2_000, 20_000])
    parser.add_argument("--peer-sizes", type=int, nargs="*", default=[2_000],
                        help="Sizes for the window-MinHash-LSH passage candidate peer (slow; none: no peer).")
    add_isolation_options(parser)
    args = parser.parse_args(argv)
    if measured_in_child(args, measure):
        return
    rows = [in_subprocess(__file__, n, "newsfuse") for n in args.sizes]
    rows += [in_subprocess(__file__, n, "window-lsh-peer") for n in args.peer_sizes]
    print(f"{'system':16} {'articles':>8} {'words':>9} {'seconds':>8} {'docs/s':>7} {'index MB':>8} {'peak MB':>8} "
          f"{'postings':>9} {'near-dup':>8} {'copy P':>7} {'copy R':>7} {'passage R':>9}")
    for r in rows:
        print(f"{r['system']:16} {r['n']:>8} {r['words']:>9} {r['seconds']:>8} {r['docs_per_s']:>7} {r['index_mb']:>8} "
              f"{r['peak_mb']:>8} {r['postings']:>9} {r['near_duplicates']:>8} {r['copy_precision']:>7} "
              f"{r['copy_recall']:>7} {r['passage_recall']:>9}")
    ours = [r for r in rows if r["system"] == "newsfuse"]
    if len(ours) >= 2:
        small, large = min(ours, key=lambda r: r["n"]), max(ours, key=lambda r: r["n"])
        print(f"time({large['n']})/time({small['n']}) = {large['seconds'] / small['seconds']:.2f} "
              f"(linear would be {large['n'] / small['n']:.0f})")
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
