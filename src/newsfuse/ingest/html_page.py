"""Web pages: main text and metadata with trafilatura, the publish date with htmldate.

trafilatura's metadata step calls htmldate (``find_date`` with ``original_date=True``, so the date
the article was first published rather than last modified, and its extensive search); we use that
date rather than running htmldate a second time over the same tree.

Extraction options: trafilatura's defaults, except that reader comments are left out. Chosen with
``eval/html_extraction.py`` (token 4-gram shingle F1, trafilatura 2.3.1) on the *tune* halves of two
page sets together, ScrapingHub (92 of 181 pages) and L3S-GN1 (303 of 621); the *check* halves (89 and
318 pages) were scored only after the choice. F1 (precision / recall):

================================================  =====================  =====================
options                                           ScrapingHub tune       L3S-GN1 tune
================================================  =====================  =====================
``trafilatura.extract`` defaults (comments in)    0.951 (0.928 / 0.976)  0.893 (0.843 / 0.949)
defaults, body text only (comments set aside)     0.955 (0.934 / 0.976)  0.897 (0.852 / 0.948)
include_comments=False  (chosen)                  0.955 (0.934 / 0.976)  0.900 (0.857 / 0.948)
... + favor_recall                                0.952 (0.928 / 0.977)  0.891 (0.840 / 0.950)
... + include_tables=False                        0.950 (0.935 / 0.965)  0.908 (0.886 / 0.932)
... + fast (no fallback extractors)               0.956 (0.934 / 0.978)  0.868 (0.814 / 0.929)
... + favor_precision  (the earlier choice)       0.964 (0.951 / 0.978)  0.891 (0.859 / 0.926)
... + favor_precision; where that keeps under    0.964 (0.951 / 0.978)  0.902 (0.868 / 0.939)
    500 characters, the chosen options instead
================================================  =====================  =====================

Why this one: of the single settings at or above trafilatura's defaults on both tune halves, it
scores best, and it is one switch off the defaults. ``favor_precision`` was the earlier choice, made
on all of ScrapingHub; it did not carry to 1,436 other pages (F1 0.839 against the defaults' 0.871,
recall 0.796), and on L3S-GN1 it picks a wrong block outright on some pages (page F1 near 0). With a
fallback to the chosen options when it keeps little text it scores higher on both tune halves
(+0.009, +0.002), but that is a second extraction on short pages, a length threshold, and the mode
that failed on the pages kept aside; text lost here is lost to every later stage, while page
furniture that slips through is what :mod:`newsfuse.annotate.clean.boilerplate` removes, so we do not trade
recall for precision.
``include_tables=False`` helps only on L3S-GN1's 2008 table layouts and costs ScrapingHub recall.

Reader comments are not article text (and would feed quotes and figures with strangers' claims), so
they are always left out.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import trafilatura

from ..model import Article
from . import page_metadata
from .errors import IngestError
from .language import detect_language
from .main_text import main_text
from .outlet import clean_outlet_name, outlet_from_url
from .page_tree import parse_page
from .published import normalise_published
from .rawbytes import looks_binary

EXTRACTION_OPTIONS: dict[str, Any] = {"include_comments": False}  # every other option: trafilatura's default
METHOD = f"trafilatura-{trafilatura.__version__}/no-comments"

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


PARSER_DEPTH = 255  # libxml2 stops building the tree below this depth ("Excessive depth in document")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^>]*?(/?)>")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


def nesting_depth(html: str) -> int:
    """How deep the elements of ``html`` nest, counted from its tags (void and self-closed ones
    aside); only asked when extraction found nothing, to say why.

    >>> nesting_depth("<div><div><p>x<br></p></div></div>")
    3
    """
    depth = deepest = 0
    for closing, name, self_closed in _TAG.findall(html):
        if name.lower() in _VOID or self_closed:
            continue
        depth = max(depth - 1, 0) if closing else depth + 1
        deepest = max(deepest, depth)
    return deepest


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
        # One parse for both: metadata first (it only reads the tree), then extraction, which prunes it.
        tree = parse_page(html, page_metadata.MAX_FILE_SIZE)
        info = page_metadata.metadata(tree, url) if tree is not None else None
        extracted = main_text(tree, url or info.url, EXTRACTION_OPTIONS) if tree is not None else None
    except Exception as err:  # lxml and trafilatura raise many types on hostile markup
        raise IngestError(f"HTML could not be parsed ({type(err).__name__}: {err})", raw=raw) from None
    text = as_paragraphs(extracted or "")
    if not text:
        depth = nesting_depth(raw.decode("utf-8", "replace"))
        if depth > PARSER_DEPTH:
            raise IngestError(f"no article text found in the HTML: its elements nest {depth:,} levels deep, and the "
                              f"HTML parser (libxml2) reads no deeper than {PARSER_DEPTH}", raw=raw)
        raise IngestError("no article text found in the HTML (trafilatura extracted nothing)", raw=raw)
    if not any(ch.isalnum() for ch in text):
        raise IngestError("no article text found in the HTML (only markup debris, no words)", raw=raw)

    page_url = url or known.get("url") or info.url
    guess = detect_language(text)
    meta: dict[str, Any] = {"extraction": METHOD}
    for name in ("author", "description", "sitename", "hostname", "categories", "tags", "image"):
        value = getattr(info, name, None)
        if value:
            meta[name] = value
    if info.url and info.url != page_url:
        meta["canonical_url"] = info.url
    if guess.confidence is not None:
        meta["language_confidence"] = guess.confidence
    meta.update(known.get("meta") or {})
    return Article.create(
        id=doc_id,
        text=text,
        title=known.get("title") or info.title,
        published=normalise_published(known.get("published")) or normalise_published(info.date),
        url=page_url,
        source=(known.get("source") or _site_name(info) or known.get("fallback_source")
                or outlet_from_url(page_url)),
        language=guess.code,
        format=fmt,
        origin=origin,
        text_given=False,
        meta=meta,
    )
