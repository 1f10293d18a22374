"""Web pages: main text and metadata with trafilatura, the publish date with htmldate.

trafilatura's metadata step calls htmldate (``find_date`` with ``original_date=True``, so the date
the article was first published rather than last modified, and its extensive search); we use that
date rather than running htmldate a second time over the same tree.

Extraction options were chosen on the ScrapingHub article-extraction benchmark with
``eval/html_extraction.py`` (token 4-gram shingle F1 over 181 news pages, trafilatura 2.3.1):

==========================================  =====  =====  =====
options (fallbacks on unless said)            P      R      F1
==========================================  =====  =====  =====
trafilatura defaults                        0.928  0.978  0.953
include_comments=False                      0.942  0.978  0.960
... + favor_recall                          0.941  0.979  0.959
... + include_tables=False                  0.942  0.972  0.957
... + favor_precision  (chosen)             0.958  0.971  0.964
... + favor_precision, fast (no fallbacks)  0.947  0.946  0.946
==========================================  =====  =====  =====

Reader comments are not article text (and would feed quotes and figures with strangers' claims), so
they are always left out; favouring precision trims related-story teasers and captions.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import trafilatura

from ..model import Article
from .errors import IngestError
from .language import detect_language
from .outlet import clean_outlet_name, outlet_from_url
from .published import normalise_published
from .rawbytes import looks_binary

EXTRACTION_OPTIONS: dict[str, Any] = {
    "favor_precision": True,
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "include_links": False,
    "deduplicate": False,
}
METHOD = f"trafilatura-{trafilatura.__version__}/precision"

# trafilatura logs "discarding data" as a warning for every page without main text; we report
# those pages as quarantined with a reason, so keep its log out of the user's terminal unless the
# application configured logging itself.
logging.getLogger("trafilatura").addHandler(logging.NullHandler())


_HOST_LIKE = re.compile(r"(?:[\w-]+\.)+[a-z]{2,}(?::\d+)?|[\d.]+(?::\d+)?", re.IGNORECASE)


def _site_name(document: Any) -> str | None:
    """The page's own site name; None when trafilatura only filled in the host name."""
    name = clean_outlet_name(document.sitename)
    if name and _HOST_LIKE.fullmatch(name):
        return None  # a host name is not a name the site gives itself; the domain rule handles hosts
    return name


def as_paragraphs(text: str) -> str:
    r"""trafilatura puts one newline between blocks; we put a blank line, as the scraped .txt pages and
    feed contents have it, so that every format reaches cleaning with the same paragraph layout.

    >>> as_paragraphs("First paragraph.\nSecond one.\n\n")
    'First paragraph.\n\nSecond one.'
    """
    return "\n\n".join(line.rstrip() for line in text.split("\n") if line.strip())


def extract_text(html: bytes | str, *, url: str | None = None) -> str | None:
    """Just the main text, as our ingest extracts it."""
    document = trafilatura.bare_extraction(html, url=url, with_metadata=False, **EXTRACTION_OPTIONS)
    return as_paragraphs(document.text) if document is not None and document.text else None


def read_html(
    html: bytes | str,
    *,
    doc_id: str,
    origin: str | None,
    url: str | None = None,
    fmt: str = "html",
    known: dict[str, Any] | None = None,
) -> Article:
    """One page → one Article. ``url`` is where the page was fetched from (WARC, feed) and wins over
    the page's own canonical URL; ``known`` metadata (title, published, source from a JSONL record or
    a feed item) wins over what is extracted from the page; ``known["fallback_source"]`` (a feed's
    title) is used when the page names no site, before the domain."""
    known = {k: v for k, v in (known or {}).items() if v not in (None, "")}
    raw = html.encode("utf-8", "surrogatepass") if isinstance(html, str) else html
    if not raw.strip():
        raise IngestError("empty HTML document", raw=raw)
    if isinstance(html, bytes) and looks_binary(html):
        raise IngestError("binary data, not HTML (NUL or control bytes)", raw=raw)
    try:
        document = trafilatura.bare_extraction(html, url=url, with_metadata=True, **EXTRACTION_OPTIONS)
    except Exception as err:  # lxml and trafilatura raise many types on hostile markup
        raise IngestError(f"HTML could not be parsed ({type(err).__name__}: {err})", raw=raw) from None
    text = as_paragraphs(document.text or "") if document is not None else ""
    if not text:
        raise IngestError("no article text found in the HTML (trafilatura extracted nothing)", raw=raw)
    if not any(ch.isalnum() for ch in text):
        raise IngestError("no article text found in the HTML (only markup debris, no words)", raw=raw)

    page_url = url or known.get("url") or document.url
    guess = detect_language(text)
    meta: dict[str, Any] = {"extraction": METHOD}
    for name in ("author", "description", "sitename", "hostname", "categories", "tags", "image"):
        value = getattr(document, name, None)
        if value:
            meta[name] = value
    if document.url and document.url != page_url:
        meta["canonical_url"] = document.url
    if guess.confidence is not None:
        meta["language_confidence"] = guess.confidence
    meta.update(known.get("meta") or {})
    return Article.create(
        id=doc_id,
        text=text,
        title=known.get("title") or document.title,
        published=normalise_published(known.get("published")) or normalise_published(document.date),
        url=page_url,
        source=(known.get("source") or _site_name(document) or known.get("fallback_source")
                or outlet_from_url(page_url)),
        language=guess.code,
        format=fmt,
        origin=origin,
        text_given=False,
        meta=meta,
    )
