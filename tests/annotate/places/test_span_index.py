"""The span look-ups of toponyms.py (a speed change, issue 17) answer exactly as a scan of every span."""

from __future__ import annotations

import random

from newsfuse.annotate.places.toponyms import _allowed, _SpanIndex, _Taken


def _queries(rng, n=400):
    for _ in range(n):
        s = rng.randint(0, 300)
        yield s, s + rng.randint(1, 40)


def test_fixed_spans_overlapping_or_not():
    rng = random.Random(3)
    spans = [(s, s + rng.randint(0, 60)) for s in (rng.randint(0, 300) for _ in range(60))]
    index = _SpanIndex(spans)
    rng = random.Random(5)
    for s, e in _queries(rng):
        assert index.overlaps(s, e) == (not _allowed(s, e, spans)), (s, e)


def test_taken_spans_grow_as_names_are_found():
    rng = random.Random(11)
    taken, plain = _Taken(), []
    for s, e in _queries(rng, 600):
        assert taken.overlaps(s, e) == (not _allowed(s, e, plain)), (s, e)
        if not taken.overlaps(s, e):
            taken.add(s, e)
            plain.append((s, e))
    assert len(plain) > 10


def test_a_wrong_index_is_caught():
    """Keeping the last span's end instead of the latest end misses a long span that started early."""
    spans = [(0, 100), (10, 20)]
    index = _SpanIndex(spans)
    index.latest_end = [e for _, e in sorted(spans)]  # the mistake
    assert index.overlaps(50, 60) != (not _allowed(50, 60, spans))
