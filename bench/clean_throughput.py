"""Throughput of the two cleaning stages on synthetic scraped articles (a measurement, not a test).

    .venv/bin/python bench/clean_throughput.py --articles 3000

Each article is ~650 words of generated news-like text with the noise the seed pages show: a
headline, a ` date YYYY-MM-DD` prefix, a caption repeated twice, navigation and share lines, a
byline, section headings, and abbreviations/decimals/quotes for the splitter.
"""

from __future__ import annotations

import argparse
import random
import time

from newsfuse.annotate.clean import boilerplate, sentences
from newsfuse.model import Article

_SUBJECTS = ["Rescue crews", "The regional council", "Mr. Brenn", "Gen. Harlan Voss", "U.S. envoy Mara Lind",
             "Volunteers", "The Valley Press Agency", "Dr. Ada J. Quill", "Local officials"]
_VERBS = ["said", "reported", "warned", "confirmed", "estimated", "denied"]
_TAILS = ["that about {n} residents had left since Sunday.", "the river rose {d} metres overnight.",
          "that {n} homes were damaged in Lower Tessby (about {d} per cent of the total).",
          "\"we lost everything,\" before leaving at 9 a.m. on Jan. {k}.",
          "the toll could rise... Nobody knows how far.", "aid from the U.S. and the U.K. would arrive."]
_NOISE = ["Advertisement", "Read more: Why the dam failed", "Share this article", "Follow us on Twitter",
          "Photo: AFP", "Most read"]


def make_article(i: int, rng: random.Random) -> Article:
    caption = f"A tractor pulls a stranded van out of the water near village {i}"
    paras = [f"Floodwaters cut off villages in valley {i}", caption, f"By Ada Quill, Northport Ledger"]
    words = 0
    while words < 650:
        sentence_count = rng.randint(1, 3)
        para = " ".join(
            f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} "
            + rng.choice(_TAILS).format(n=rng.randint(10, 9000), d=round(rng.uniform(0.1, 9.9), 1), k=rng.randint(1, 28))
            for _ in range(sentence_count)
        )
        paras.append(para)
        words += len(para.split())
        if rng.random() < 0.15:
            paras.append(rng.choice(_NOISE))
        if rng.random() < 0.05:
            paras.append("Shelters fill up")
    paras.insert(len(paras) // 2, caption)
    paras.append("Latest News")
    text = f" date 2021-07-{1 + i % 28:02d} " + "\n\n".join(paras)
    return Article.create(id=f"bench-{i}", text=text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000)
    args = parser.parse_args()
    rng = random.Random(7)
    docs = [make_article(i, rng) for i in range(args.articles)]
    words = sum(len(a.text.split()) for a in docs)
    mb = sum(len(a.text.encode()) for a in docs) / 1e6

    boilerplate.find_boilerplate("warm up the phrase list")
    t0 = time.perf_counter()
    cleaned = [boilerplate.STAGE.process(a) for a in docs]
    t1 = time.perf_counter()
    split = [sentences.STAGE.process(a) for a in cleaned]
    t2 = time.perf_counter()

    n = len(docs)
    spans = sum(len(a.boilerplate) for a in split)
    sents = sum(len(a.sentences) for a in split)
    print(f"{n} articles, {words} words ({words / n:.0f}/article), {mb:.1f} MB; "
          f"{spans} boilerplate spans, {sents} sentences")
    for name, seconds in (("boilerplate", t1 - t0), ("sentences", t2 - t1), ("both", t2 - t0)):
        print(f"{name:12s} {seconds:7.2f} s  {n / seconds:8.0f} articles/s  {mb / seconds:6.2f} MB/s  (1 process)")


if __name__ == "__main__":
    main()
