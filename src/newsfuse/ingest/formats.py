"""Which reader handles an input: by file extension first, by sniffing the content otherwise.

Feeds are recognised by extension (``.rss``, ``.atom``), by an ``.xml`` file whose root element is a
feed (``<rss>``, ``<feed>``, ``<rdf:RDF>``), or by sniffing files with other extensions and URLs.

>>> format_from_name("pages/a.HTML.gz"), format_from_name("x.warc.gz"), format_from_name("notes.md")
('html', 'warc', None)
>>> sniff_format(b'<?xml version="1.0"?>\\n<rss version="2.0"><channel>')
'feed'
>>> sniff_format(b"<!DOCTYPE html><html><body>")
'html'
"""

from __future__ import annotations

import re

TXT, HTML, JSONL, WARC, FEED, XML = "txt", "html", "jsonl", "warc", "feed", "xml"

_BY_EXTENSION = {
    ".txt": TXT, ".text": TXT,
    ".html": HTML, ".htm": HTML, ".xhtml": HTML,
    ".jsonl": JSONL, ".ndjson": JSONL, ".json": JSONL,
    ".warc": WARC,
    ".rss": FEED, ".atom": FEED,
    ".xml": XML,  # a feed when its root says so
}  # fmt: skip


def format_from_name(name: str) -> str | None:
    """The format a file name announces (``.gz`` is looked through), or None."""
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    dot = lower.rfind(".")
    return _BY_EXTENSION.get(lower[dot:]) if dot >= 0 else None


# The first element after the XML declaration, comments, processing instructions and a doctype.
_PROLOGUE = re.compile(rb"\A(?:\xef\xbb\xbf)?(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*", re.DOTALL | re.IGNORECASE)
_FEED_ROOT = re.compile(rb"<(?:[\w-]+:)?(?:rss|feed|RDF)[\s>/]", re.IGNORECASE)
_HTML_START = re.compile(rb"<(?:html|head|body|meta|title|div|p|article)[\s>/]", re.IGNORECASE)


def is_feed(data: bytes) -> bool:
    """True when the document's root element is an RSS/Atom/RDF feed."""
    head = data[:4096]
    prologue = _PROLOGUE.match(head)
    rest = head[prologue.end() if prologue else 0 :]
    return bool(_FEED_ROOT.match(rest))


def sniff_format(data: bytes) -> str | None:
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"WARC/"):
        return WARC
    if is_feed(head):
        return FEED
    if head[:15].lower().startswith(b"<!doctype html") or _HTML_START.search(head[:1024]):
        return HTML
    if head.startswith((b"{", b"[")):
        return JSONL
    return None
