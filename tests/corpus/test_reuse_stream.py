"""The stream-wide reuse index forgets what is older than the reprint horizon: its size follows the
window, not the stream, and within the horizon its answers are those of the full index."""

import random
import re
from datetime import date, timedelta

from newsfuse.corpus.reuse import ReuseIndex
from newsfuse.corpus.reuse_stream import StreamReuseIndex
from newsfuse.model import Article, Sentence

START = date(2025, 1, 1)
# Made-up words: two texts share a run of ten only when one reprints the other.
WORDS = [a + b + c for a in "bdfgklmnprstvz" for b in "aeiou" for c in ("n", "r", "l", "s", "ta", "mo")]


def sentences(text: str) -> tuple[Sentence, ...]:
    return tuple(Sentence(m.start(), m.end()) for m in re.finditer(r"[^.]+\.\s*", text))


def article(id_: str, day: int | None, text: str) -> Article:
    published = (START + timedelta(days=day)).isoformat() if day is not None else None
    return Article.create(id=id_, text=text, published=published, sentences=sentences(text))


def prose(rng: random.Random, n_sentences: int = 6) -> str:
    return " ".join(" ".join(rng.choice(WORDS) for _ in range(12)).capitalize() + "." for _ in range(n_sentences))


def stream(days: int, per_day: int, seed: int = 3) -> list[Article]:
    """Own reports, and every fifth article a verbatim or shortened reprint of one of the day before."""
    rng = random.Random(seed)
    out: list[Article] = []
    for day in range(days):
        for k in range(per_day):
            yesterday = [a for a in out[-2 * per_day:] if a.published == (START + timedelta(days=day - 1)).isoformat()]
            if k % 5 == 4 and yesterday:
                text = rng.choice(yesterday).text
                text = text if rng.random() < 0.5 else text[: text.rfind(".", 0, len(text) * 2 // 3) + 1]
            else:
                text = prose(rng)
            out.append(article(f"d{day}-{k}", day, text))
    return out


def postings(index: ReuseIndex) -> int:
    return sum(1 for _ in index.posted())


def grown(index: ReuseIndex, articles: list[Article], per_day: int) -> tuple[int, int]:
    """(postings after 10 days, after 40 days) of the stream."""
    index.add(articles[: 10 * per_day])
    early = postings(index)
    index.add(articles[10 * per_day:])
    return early, postings(index)


def test_the_index_stays_bounded_by_the_window_over_a_long_stream():
    articles = stream(40, 10)
    index = StreamReuseIndex(horizon_days=3)
    early, late = grown(index, articles, 10)
    # Four days of articles at most (the horizon plus the clock's day), whatever the stream's length.
    assert index.live() <= 5 * 10
    assert late <= 1.2 * early
    assert len(index.articles_lsh.keys) == index.live()
    # The checker can fail: an index that never forgets holds four times the postings.
    full_early, full_late = grown(ReuseIndex(), articles, 10)
    assert full_late > 3 * full_early and not full_late <= 1.2 * full_early


def test_within_the_horizon_the_answers_are_those_of_the_full_index():
    articles = stream(30, 10)
    windowed, full = StreamReuseIndex(horizon_days=3), ReuseIndex()
    windowed.add(articles)
    full.add(articles)
    got, want = windowed.reports(), full.reports()
    assert got == want  # every reprint is of a text one day old
    assert sum(1 for r in got.values() if r.copy_of) >= 50


def test_a_copy_within_the_horizon_is_found_and_one_beyond_it_is_not():
    rng = random.Random(7)
    original = prose(rng)
    index = StreamReuseIndex(horizon_days=7)
    index.add([article("wire", 0, original)])
    for day in range(1, 20):
        index.add([article(f"own-{day}-{k}", day, prose(rng)) for k in range(5)])
        if day == 6:
            index.add([article("reprint", 6, original)])
    index.add([article("late", 19, original)])
    assert index.report("reprint").copy_of == ("wire",)
    assert index.report("wire").copy_of == ()  # its final report: kept after it left the window
    # 19 days on, the text is no longer findable: the late reprint stands as its own report (the
    # trade-off of the horizon; a briefing's per-story index keeps every article of its story).
    assert index.report("late").copy_of == ()
    full = ReuseIndex()
    full.add([article("wire", 0, original), article("late", 19, original)])
    assert full.report("late").copy_of == ("wire",)


def test_a_reprint_whose_twin_left_the_window_is_still_found():
    # The reprint's text is posted under its earlier twin only; when the twin is evicted the reprint
    # posts it under itself, so a copy of the reprint within the horizon still finds it.
    rng = random.Random(11)
    text = prose(rng)
    index = StreamReuseIndex(horizon_days=3)
    index.add([article("wire", 0, text), article("reprint", 2, text)])
    assert index.near_duplicates("reprint") == ("wire",)
    assert "reprint" not in {a for a, _ in index.posted()}
    index.add([article(f"own-{day}-{k}", day, prose(rng)) for day in (3, 4, 5) for k in range(3)])
    assert "wire" not in index.docs and "reprint" in index.docs
    index.add([article("again", 5, text)])
    assert index.report("again").copy_of == ("reprint",)


def test_misdated_and_undated_articles():
    rng = random.Random(5)
    text = prose(rng)
    index = StreamReuseIndex(horizon_days=3)
    index.add([article(f"own-0-{k}", 0, prose(rng)) for k in range(3)])
    index.add([article("undated", None, text)])
    # Two misdated articles (600 days ahead) do not move the clock: the window is not flushed.
    index.add([article("future-1", 600, prose(rng)), article("future-2", 601, prose(rng))])
    assert index.clock() == START.toordinal() and index.live() == 6
    index.add([article("copy", 1, text)])
    assert index.report("copy").shares_with == ("undated",)  # (an undated page is not taken as the origin)
    # The undated article took the day of its arrival: it leaves with that day's articles.
    index.add([article(f"own-9-{k}", 9, prose(rng)) for k in range(3)])
    assert "undated" not in index.docs and "own-0-0" not in index.docs and "future-1" in index.docs


def test_reused_sentences_are_those_of_the_articles_in_the_window():
    articles = stream(12, 10)
    index = StreamReuseIndex(horizon_days=3)
    index.add(articles)
    groups = index.groups()
    assert groups and all(a in index.docs for g in groups for a, _, _ in g.spans)
    full = ReuseIndex()
    full.add(articles)
    live_spans = {frozenset(g.spans) for g in full.groups() if all(a in index.docs for a, _, _ in g.spans)}
    assert live_spans <= {frozenset(g.spans) for g in groups}


def test_the_clock_is_the_streams_not_the_machines():
    # A stream replayed from any year (here one dated 2100) forgets as a live one does.
    rng = random.Random(2)
    later = (date(2100, 1, 1) - START).days
    index = StreamReuseIndex(horizon_days=2)
    index.add([article(f"d{day}-{k}", later + day, prose(rng)) for day in range(8) for k in range(3)])
    assert index.live() <= 4 * 3 and "d0-0" not in index.docs
