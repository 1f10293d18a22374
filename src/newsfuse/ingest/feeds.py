"""RSS/Atom feeds (files or URLs): one Article per item — the linked article.

An item that carries its full content (RSS ``content:encoded``, Atom ``<content>``) is used as is,
without fetching. Otherwise its link is fetched with the polite client and the page goes through
the HTML reader. An item without content or a link falls back to its summary.

Ids: :func:`~newsfuse.ingest.ids.url_id` of the item link (stable across feeds, crawls and WARCs),
else ``<feed id>-<item number>``. The item's own title and date win over the page's: the feed
states them explicitly, the page's are extracted heuristically. The outlet is metadata first — the
fetched page's site name, else the feed's title — and the link's domain only when neither names it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import xml.sax
from typing import Any, Callable, Iterator

import feedparser

from ..model import Article, Quarantined
from .errors import IngestError, quarantine
from .fetch import FetchError, PoliteFetcher
from .formats import HTML, sniff_format
from .html_fragment import fragment_text
from .html_page import read_html
from .ids import url_id
from .language import detect_language
from .outlet import clean_outlet_name, outlet_from_url
from .published import normalise_published

Item = Article | Quarantined
FORMAT = "rss"  # Article.format for every feed item, RSS or Atom
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _published(entry: Any) -> str | None:
    for key in ("published", "updated"):
        value = normalise_published(entry.get(key))
        if value:
            return value
    for key in ("published_parsed", "updated_parsed"):  # feedparser's UTC reading of odd formats
        parsed = entry.get(key)
        value = normalise_published(dt.datetime(*parsed[:6], tzinfo=dt.timezone.utc)) if parsed else None
        if value:
            return value
    return None


def _content_text(entry: Any) -> str:
    """The item's full text when it carries it (content:encoded / Atom content), else ''."""
    best = ""
    for content in entry.get("content") or []:
        value = content.get("value") or ""
        kind = (content.get("type") or "text/html").lower()
        text = value.strip() if kind == "text/plain" else fragment_text(value)
        if len(text) > len(best):
            best = text
    return best


def read_feed(
    data: bytes,
    *,
    feed_id: str,
    origin: str,
    feed_url: str | None,
    fetcher: Callable[[], PoliteFetcher],
) -> Iterator[Item]:
    try:
        entries, feed_title = parse_feed(data, feed_url=feed_url)
    except IngestError as err:
        yield quarantine(feed_id, origin, err)
        return
    for number, entry in enumerate(entries, 1):
        yield read_item(entry, number=number, feed_id=feed_id, origin=origin, feed_title=feed_title, fetcher=fetcher)


def parse_feed(data: bytes, *, feed_url: str | None, strict: bool = False) -> tuple[list[Any], str | None]:
    """The feed's items (feedparser entries) and its outlet name; IngestError (with the bytes) when it
    is not a readable feed or has no items. feedparser reads broken XML leniently, which suits a file
    read once; ``strict`` refuses XML that is not well-formed, so a watcher reports a feed broken in
    transit (and tries again) rather than storing what a lenient reading made of half of it."""
    headers = {"content-location": feed_url} if feed_url else None  # base for relative item links
    parsed = feedparser.parse(data, response_headers=headers)
    problem = parsed.get("bozo_exception")
    if strict and parsed.bozo and isinstance(problem, xml.sax.SAXParseException):
        raise IngestError(f"malformed feed ({problem})", raw=data)
    if not parsed.entries:
        problem = parsed.get("bozo_exception")
        reason = f"not a readable RSS/Atom feed ({problem})" if parsed.bozo and problem else "feed has no items"
        raise IngestError(reason, raw=data)
    return list(parsed.entries), clean_outlet_name(parsed.feed.get("title"))


def entry_key(entry: Any) -> str:
    """Which item this is and which edition of it: its guid (else link, else title) with a digest of
    what it says, so a feed that republishes an item unchanged is not read again and a corrected item
    is (as a new version of its article)."""
    ident = entry.get("id") or entry.get("link") or entry.get("title") or ""
    edition = [entry.get("updated") or "", entry.get("title") or "", entry.get("summary") or ""]
    edition += [c.get("value") or "" for c in entry.get("content") or []]
    digest = hashlib.sha1("\x1f".join(edition).encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"{ident}#{digest}"


def read_item(entry: Any, *, number: int, feed_id: str, origin: str, feed_title: str | None, fetcher: Callable[[], PoliteFetcher]) -> Item:
    link = (entry.get("link") or "").strip() or None
    doc_id = url_id(link) if link and "://" in link else f"{feed_id}-{number}"
    title = clean_outlet_name(entry.get("title"))  # whitespace tidied
    published = _published(entry)
    meta: dict[str, Any] = {"feed": origin}
    if feed_title:
        meta["feed_title"] = feed_title
    if entry.get("id"):
        meta["guid"] = entry["id"]
    if entry.get("author"):
        meta["author"] = entry["author"]

    text = _content_text(entry)
    if text:
        return _item_article(doc_id, text, entry_from="content", link=link, title=title, published=published,
                             source=feed_title or outlet_from_url(link), origin=origin, meta=meta)
    if link:
        try:
            page = fetcher().fetch(link)
        except FetchError as err:
            return quarantine(doc_id, link, IngestError(f"feed item {number}: could not fetch {link}: {err}"))
        if page.content_type not in _HTML_TYPES and sniff_format(page.body) != HTML:
            reason = f"feed item {number}: {link} is {page.content_type or 'of unknown type'}, not an HTML page"
            return quarantine(doc_id, link, IngestError(reason, raw=page.body))
        meta["from"] = "link"
        try:
            return read_html(page.body, doc_id=doc_id, origin=page.url, url=page.url, fmt=FORMAT,
                             known={"title": title, "published": published, "fallback_source": feed_title, "meta": meta})
        except IngestError as err:
            return quarantine(doc_id, page.url, IngestError(f"feed item {number}: {err.reason}", raw=err.raw))
    summary = fragment_text(entry.get("summary") or "")
    if summary:
        return _item_article(doc_id, summary, entry_from="summary", link=None, title=title, published=published,
                             source=feed_title or outlet_from_url(link), origin=origin, meta=meta)
    return quarantine(doc_id, origin, IngestError(f"feed item {number} has no content, no link and no summary"))


def _item_article(doc_id: str, text: str, *, entry_from: str, link: str | None, title: str | None,
                  published: str | None, source: str | None, origin: str, meta: dict[str, Any]) -> Article:
    guess = detect_language(text)
    meta = {**meta, "from": entry_from}
    if guess.confidence is not None:
        meta["language_confidence"] = guess.confidence
    return Article.create(id=doc_id, text=text, title=title, published=published, url=link, source=source,
                          language=guess.code, format=FORMAT, origin=origin, text_given=False, meta=meta)

