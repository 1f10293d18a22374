"""Who the text says a statement comes from: the claimant of a span, through the quote machinery.

For the figures stage: given the span of a number ("280 Daesh terrorists"), which speaker or source
does the article attribute the statement to? The answer is the speaker of the quote whose content
covers the span — a direct quote, "X said ...", "according to X", "..., X said", "X believes ...",
"X reported, citing Y".

:func:`claimant_for_span` gives the speaker (``SpanRef`` with its canonical ``entity``) or None. It
uses ``article.quotes`` when the quotes stage has run, else finds the quotes itself (cached per text,
so calling it for every figure of an article costs one pass). The claimant is the quote's
speaker phrase narrowed to the source it names and resolved inside the article ("... Aleppo Syrian
state television reported" → "Syrian state television"; "the monitor" → the monitor named before;
"X, head of Y" → Y), or, for a statement outside any quote, the nearest attribution of its sentence:
see :mod:`.phrase` and :mod:`.coref`.

>>> from newsfuse.model import Article, EntityMention
>>> text = "At least 70 civilians were killed, Syria state television reported, citing local sources."
>>> a = Article.create(id="x", text=text, entities=(EntityMention(35, 40, "Syria", "GPE", "Syria"),))
>>> claimant_for_span(a, 0, 11).text
'Syria state television'
"""

from __future__ import annotations

import logging
import re
from collections import OrderedDict

from ...model import Article, Quote, SpanRef
from ..quotes.stage import find_quotes
from .coref import ArticleClaimants

log = logging.getLogger(__name__)
_CACHE: "OrderedDict[tuple, tuple[Quote, ...]]" = OrderedDict()
_CACHE_SIZE = 64
_ARTICLES: "OrderedDict[tuple, ArticleClaimants]" = OrderedDict()
_ARTICLE = re.compile(r"(?:the|a|an)\s+", re.IGNORECASE)


def quotes_of(article: Article) -> tuple[Quote, ...]:
    """The article's quotes layer; found now (and cached per text and entities) only when the article
    has none (a figures stage called on a hand-built article): a quotes stage that ran and found no
    quote is not run again."""
    if article.has("quotes"):
        return article.quotes
    key = (article.content_hash or hash(article.text), tuple((m.start, m.end, m.entity) for m in article.entities),
           tuple((b.start, b.end) for b in article.boilerplate))
    cached = _CACHE.get(key)
    if cached is None:
        cached = tuple(find_quotes(article))
        _CACHE[key] = cached
        if len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return cached


def quote_for_span(article: Article, start: int, end: int) -> Quote | None:
    """The quote whose content covers ``[start, end)`` (the narrowest one; a speaker preferred)."""
    best: tuple | None = None
    for q in quotes_of(article):
        covered = min(end, q.end) - max(start, q.start)
        if covered <= 0 or covered < (end - start) / 2:
            continue
        score = (q.speaker is not None, covered, -(q.end - q.start))
        if best is None or score > best[0]:
            best = (score, q)
    return best[1] if best else None


def claimant_for_span(article: Article, start: int, end: int) -> SpanRef | None:
    """The speaker or source the text attributes the statement covering ``[start, end)`` to.

    The speaker phrase narrowed to the source it names and resolved in the article (see
    :mod:`.coref`): "... of Aleppo Syrian state television reported" → "Syrian state
    television"; "the monitor" → the monitor named before; "Rami Abdel Rahman, head of the Observatory"
    → the Observatory. A statement outside any quote takes the nearest attribution of its sentence
    (texts without commas defeat the quote rules). Otherwise the quote's speaker phrase narrowed to who
    it names ("the Relief Office" → "Relief Office", "Coalition spokesman Sean Ryan" → "Sean Ryan").
    """
    quote = quote_for_span(article, start, end)
    try:
        resolved = article_claimants(article)
        found = resolved.claimant(start, end, quote)
    except Exception:  # a rule's bug must not lose the quote's own speaker
        log.exception("claimant rules failed on article %s; using the quote's speaker", article.id)
        return _named_part(article, quote.speaker) if quote is not None and quote.speaker is not None else None
    if found is not None:
        return found
    if quote is None or quote.speaker is None:
        return None
    source = resolved.source_of_speaker(quote.speaker)
    if source is not quote.speaker:
        return source  # the quote rules took a place for the speaker: the phrase it belongs to, if any
    if not resolved.plausible(quote.speaker):
        return None  # "critical condition", "a wedding": no source, whatever the quote rules took
    return _named_part(article, quote.speaker)


def narrow_claimant(article: Article, speaker: SpanRef) -> SpanRef | None:
    """A speaker phrase found by other rules (the figures stage's own cue rules) narrowed to the source
    it names and resolved in the article like :func:`claimant_for_span`'s; None when it names none."""
    try:
        return article_claimants(article).narrow(speaker.start, speaker.end)
    except Exception:  # a rule's bug must not lose the phrase
        log.exception("claimant rules failed on article %s; keeping the phrase", article.id)
        return speaker


def article_claimants(article: Article) -> ArticleClaimants:
    """The article's attributions, resolved once per text and entity layer (cached)."""
    # Everything the rules read: the text itself (hand-built articles may carry no content hash), the
    # entity, place, quote, boilerplate and sentence layers.
    key = (article.content_hash or hash(article.text), tuple((m.start, m.end, m.entity) for m in article.entities),
           tuple((p.start, p.end, p.country_code) for p in article.places),
           tuple((q.start, q.end, q.speaker) for q in article.quotes),
           tuple((b.start, b.end) for b in article.boilerplate), tuple((x.start, x.end) for x in article.sentences))
    cached = _ARTICLES.get(key)
    if cached is None:
        cached = ArticleClaimants(article, quotes_of(article))
        _ARTICLES[key] = cached
        if len(_ARTICLES) > _CACHE_SIZE:
            _ARTICLES.popitem(last=False)
    return cached


def _named_part(article: Article, speaker: SpanRef) -> SpanRef:
    if speaker.entity is not None:
        inside = [
            m for m in article.entities
            if m.entity == speaker.entity and speaker.start <= m.start and m.end <= speaker.end
        ]
        if inside:
            head = max(inside, key=lambda m: (m.end, m.end - m.start))
            return SpanRef(head.start, head.end, article.text[head.start : head.end], head.entity)
        return speaker
    match = _ARTICLE.match(speaker.text)
    if match and len(speaker.text) > match.end():
        start = speaker.start + match.end()
        return SpanRef(start, speaker.end, article.text[start : speaker.end], speaker.entity)
    return speaker


__all__ = ["claimant_for_span", "narrow_claimant", "quote_for_span", "quotes_of", "article_claimants"]
