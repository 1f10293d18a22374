"""The store's idea of a document, without a store: which read documents are new articles, new
versions of one, or duplicates, and under which article id, in the order ``iter_articles`` gives.

``analyze`` files every read document in SQLite (:meth:`newsfuse.store.sqlite.Store.add_articles`):
one article per document key (its normalised URL, else its id), the latest text its current version,
a text seen before for that key a duplicate (or a revert to it), an id taken by another key suffixed.
A Spark run has no store, so the driver applies the same rules to the collected documents; the
corpus stages then see the very articles ``analyze`` would load. (A test holds both to one answer.)
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from typing import Iterable

from ..model import Article
from ..store.urls import document_key


@dataclass
class _Doc:
    article_id: str
    versions: dict[str, int] = field(default_factory=dict)  # content hash -> position first read
    current: str = ""


def _printable(value: str) -> str:
    return value.encode("utf-8", "backslashreplace").decode("utf-8")


def filing_key(url: str | None, doc_id: str, content_hash: str) -> tuple[str, str, str]:
    """What filing needs of a read document: (document key, id, content hash)."""
    return _printable(document_key(url=url, doc_id=doc_id)), _printable(doc_id), content_hash


def filing(read: Iterable[tuple[str, str, str]]) -> list[tuple[int, str]]:
    """For documents given by :func:`filing_key`, in the order read: (position of the version that
    is current, its article id) for every document, in the store's order (by when its current
    version was first read). A Spark run files the keys on the driver, not the documents."""
    docs: dict[str, _Doc] = {}
    taken: set[str] = set()
    for position, (key, doc_id, content_hash) in enumerate(read):
        doc = docs.get(key)
        if doc is None:
            doc = docs[key] = _Doc(_free_id(doc_id, key, taken))
            taken.add(doc.article_id)
        doc.versions.setdefault(content_hash, position)
        doc.current = content_hash
    ordered = sorted(docs.values(), key=lambda d: d.versions[d.current])
    return [(d.versions[d.current], d.article_id) for d in ordered]


def current_articles(read: Iterable[Article]) -> list[Article]:
    """The current version of every document, renamed to its article id, in the store's order
    (by when its current version was first read)."""
    read = list(read)
    return [renamed(read[position], article_id) for position, article_id in filing(filing_key(a.url, a.id, a.content_hash) for a in read)]


def _free_id(doc_id: str, key: str, taken: set[str]) -> str:
    suffix = hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    candidate, attempt = doc_id, 0
    while candidate in taken:
        attempt += 1
        candidate = f"{doc_id}~{suffix}" if attempt == 1 else f"{doc_id}~{suffix}-{attempt}"
    return candidate


def renamed(article: Article, article_id: str) -> Article:
    return article if article.id == article_id else dataclasses.replace(article, id=article_id)
