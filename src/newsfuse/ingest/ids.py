"""Document ids.

Rule (CONTRACT.md): a document's id is its record's ``id``, else the file name without its
extension(s). Files that hold many documents derive one id per document:

- WARC records and feed items: :func:`url_id` of the article URL — a readable slug of the outlet and
  the last path segment plus a hash of the normalised URL, so the same page gets the same id whether
  it arrives in a WARC, a feed or a later crawl (the store tells versions apart by content hash).
- JSONL records without an ``id``: ``<file id>-<line number>`` (``stdin-<line number>`` for stdin).
- Feed items without a link: ``<feed id>-<item number>`` (1-based).

>>> file_id("in/004_414db1a5c74cabb8.txt")
'004_414db1a5c74cabb8'
>>> file_id("pages/report.2019.html.gz")
'report.2019'
>>> url_id("https://www.example-news.com/world/2019/03/flood-toll-rises.html")
'example-news.com-flood-toll-rises-240d3f0ae5'
>>> url_id("HTTPS://WWW.Example-News.com/world/2019/03/flood-toll-rises.html#comments")
'example-news.com-flood-toll-rises-240d3f0ae5'
"""

from __future__ import annotations

import hashlib
import re
from pathlib import PurePath
from urllib.parse import urlsplit, urlunsplit

from .outlet import outlet_from_url

# Extensions we strip from file names; only these, so that "report.2019.html" keeps "report.2019".
KNOWN_EXTENSIONS = (
    ".txt", ".text", ".html", ".htm", ".xhtml", ".jsonl", ".ndjson", ".json", ".warc", ".arc",
    ".rss", ".atom", ".xml",
)  # fmt: skip


def file_id(path: str | PurePath) -> str:
    name = PurePath(path).name
    if name.lower().endswith(".gz"):
        name = name[:-3]
    lower = name.lower()
    for ext in KNOWN_EXTENSIONS:
        if lower.endswith(ext) and len(name) > len(ext):
            return name[: -len(ext)]
    return name


def normalise_url(url: str) -> str:
    """Lower-case scheme and host, no fragment, no trailing slash on the path."""
    parts = urlsplit(url.strip())
    path = parts.path.rstrip("/") or ""
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))


_SLUG_STRIP = re.compile(r"\.(s?html?|php|aspx?|jsp)$", re.IGNORECASE)
_NON_SLUG = re.compile(r"[^a-z0-9]+")


def url_id(url: str) -> str:
    normalised = normalise_url(url)
    digest = hashlib.sha1(normalised.encode("utf-8")).hexdigest()[:10]
    segments = [s for s in urlsplit(normalised).path.split("/") if s]
    slug = _NON_SLUG.sub("-", _SLUG_STRIP.sub("", segments[-1]).lower()).strip("-")[:60] if segments else ""
    host = outlet_from_url(normalised) or "url"
    return "-".join(part for part in (host, slug, digest) if part)
