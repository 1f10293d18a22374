"""An article's text cut into runs that each carry the layers covering them, for the article page.

Layers overlap (a figure inside a quote inside a sentence), so the text is cut at every span boundary
and each run lists the layers over it; a page styles runs by layer class and can hide a layer without
touching the others. A cited span (``?hl=start-end``) is cut out too, so the page can mark it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model import Article

LAYERS = ("boilerplate", "entities", "places", "times", "quotes", "figures")


@dataclass(frozen=True)
class Run:
    start: int
    end: int
    text: str
    layers: tuple[str, ...]
    tips: tuple[str, ...]  # what each covering annotation says ("entity: Halmir General Hospital")
    cited: bool


def _tip(layer: str, record: Any) -> str:
    if layer == "entities":
        return f"{record.label}: {record.entity or record.text}"
    if layer == "places":
        return f"place: {record.name}" + (f" ({record.country_code})" if record.country_code else "")
    if layer == "times":
        return f"time: {record.value}"
    if layer == "quotes":
        speaker = record.speaker.text if record.speaker else "?"
        return f"{record.kind} quote, {speaker}"
    if layer == "figures":
        claimant = record.claimant.text if record.claimant else "no claimant"
        return f"{record.category} {record.subject}: {record.text} ({claimant})"
    return f"boilerplate: {getattr(record, 'reason', '')}"


def spans_of(article: Article) -> list[tuple[int, int, str, str]]:
    """(start, end, layer, tip) of every annotation of the layers above, inside the text."""
    n = len(article.text)
    out = []
    for layer in LAYERS:
        for record in getattr(article, layer, ()) or ():
            start, end = int(record.start), int(record.end)
            if 0 <= start < end <= n:
                out.append((start, end, layer, _tip(layer, record)))
    return out


def runs(article: Article, cited: tuple[int, int] | None = None) -> list[Run]:
    """The text in order as runs; joined, their texts are the article's text.

    >>> from newsfuse.model import Article, EntityMention
    >>> a = Article.create(id="a", text="Ana met Bo.").with_layer(
    ...     entities=[EntityMention(0, 3, "Ana", "PERSON", "Ana")])
    >>> [(r.text, r.layers, r.cited) for r in runs(a, cited=(4, 7))]
    [('Ana', ('entities',), False), (' ', (), False), ('met', (), True), (' Bo.', (), False)]
    """
    text = article.text
    spans = spans_of(article)
    cuts = {0, len(text)}
    for start, end, _layer, _tip_text in spans:
        cuts.update((start, end))
    if cited is not None:
        cuts.update(cited)
    points = sorted(c for c in cuts if 0 <= c <= len(text))
    # spans sorted by start; a sweep keeps the ones open at each run
    spans.sort()
    out, open_spans, i = [], [], 0
    for start, end in zip(points, points[1:]):
        while i < len(spans) and spans[i][0] <= start:
            open_spans.append(spans[i])
            i += 1
        open_spans = [s for s in open_spans if s[1] > start]
        layers = tuple(sorted({s[2] for s in open_spans}, key=LAYERS.index))
        out.append(Run(start, end, text[start:end], layers, tuple(s[3] for s in open_spans),
                       cited is not None and cited[0] <= start and end <= cited[1]))
    return out
