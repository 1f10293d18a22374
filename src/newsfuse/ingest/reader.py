"""``read_inputs``: every PATH argument → Articles and Quarantined records, in input order.

Each source is read by the reader for its format (one small module each). Whatever goes wrong with
one input — an unreadable file, a truncated gzip, binary garbage, a page over ``max_bytes``, a
network error, even a bug in a reader — becomes a Quarantined record with a reason, and the batch
goes on with the next input.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Iterator, Sequence, TextIO

from ..model import Article, Quarantined
from .errors import IngestError, quarantine
from .feeds import read_feed
from .fetch import FetchError, PoliteFetcher
from .formats import FEED, HTML, JSONL, TXT, WARC, XML, format_from_name, sniff_format
from .html_page import read_html
from .ids import file_id, url_id
from .jsonl import read_jsonl_file, read_jsonl_stdin
from .paths import Source, expand_paths
from .plain_text import read_text
from .rawbytes import gunzip_capped, is_gzip, looks_binary, looks_utf16, read_file_capped
from .warc import read_warc

Item = Article | Quarantined
DEFAULT_MAX_BYTES = 20_000_000
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml")
_HTML_TYPES = ("text/html", "application/xhtml+xml")


class _LazyFetcher:
    """The HTTP client is made on first use: most runs read local files and never need one."""

    def __init__(self, given: PoliteFetcher | None, max_bytes: int) -> None:
        self._given, self._made, self._max_bytes = given, None, max_bytes

    def __call__(self) -> PoliteFetcher:
        if self._given is not None:
            return self._given
        if self._made is None:
            delay = float(os.environ.get("NEWSFUSE_FETCH_DELAY", "1.0"))
            self._made = PoliteFetcher(delay=delay, max_bytes=self._max_bytes)
        return self._made

    def close(self) -> None:
        if self._made is not None:
            self._made.close()


def read_inputs(
    paths: Sequence[str],
    *,
    stdin: TextIO | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    fetcher: PoliteFetcher | None = None,
) -> Iterator[Item]:
    """Read every input named by ``paths`` (files, directories, globs, http(s) feed or page URLs;
    ``-`` or no path: JSONL on ``stdin``), yielding one Article per document or a Quarantined record
    saying why a document could not be read, in input order.

    ``max_bytes`` caps one document (a page, a line, a WARC record) after decompression.
    ``fetcher`` is the HTTP client for URLs and feed links (default: a :class:`PoliteFetcher` waiting
    ``NEWSFUSE_FETCH_DELAY`` seconds, default 1, between two requests to one host).

    >>> items = list(read_inputs(["examples/"]))   # doctest: +SKIP
    """
    fetch = _LazyFetcher(fetcher, max_bytes)
    try:
        for source in expand_paths(paths):
            yield from _guarded(source, _read_source(source, stdin=stdin, max_bytes=max_bytes, fetch=fetch))
    finally:
        fetch.close()


def _guarded(source: Source, items: Iterator[Item]) -> Iterator[Item]:
    """Let no exception out of a reader: what it yielded stands, the rest of the source is quarantined."""
    try:
        yield from items
    except Exception as err:  # noqa: BLE001 — the batch must go on; the reason names the error
        doc_id = file_id(source.location) if source.kind == "file" else source.location
        reason = f"unexpected error while reading ({type(err).__name__}: {err})"
        yield Quarantined(id=doc_id, origin=source.location, reason=reason, stage="ingest")


def _read_source(source: Source, *, stdin: TextIO | None, max_bytes: int, fetch: _LazyFetcher) -> Iterator[Item]:
    if source.kind == "missing":
        yield quarantine(source.location, source.location, IngestError(f"{source.note}: {source.location}"))
    elif source.kind == "refused":
        yield quarantine(file_id(source.location), source.location, IngestError(source.note))
    elif source.kind == "stdin":
        yield from read_jsonl_stdin(stdin if stdin is not None else sys.stdin, max_bytes=max_bytes)
    elif source.kind == "url":
        yield from _read_url(source.location, fetch=fetch)
    else:
        yield from _read_file(Path(source.location), max_bytes=max_bytes, fetch=fetch)


def _read_file(path: Path, *, max_bytes: int, fetch: _LazyFetcher) -> Iterator[Item]:
    doc_id, origin = file_id(path), str(path)
    fmt = format_from_name(path.name)
    try:
        if fmt == JSONL:  # streamed: a JSONL or WARC file may hold far more than max_bytes
            yield from read_jsonl_file(path, base_id=doc_id, max_bytes=max_bytes)
            return
        if fmt == WARC:
            yield from read_warc(path, base_id=doc_id, max_bytes=max_bytes)
            return
        data = read_file_capped(path, max_bytes)
        if fmt in (None, XML):
            fmt = _sniffed(data, declared=fmt)
        if fmt == TXT:
            yield read_text(data, doc_id=doc_id, origin=origin)
        elif fmt == HTML:
            yield read_html(data, doc_id=doc_id, origin=origin)
        elif fmt == FEED:
            yield from read_feed(data, feed_id=doc_id, origin=origin, feed_url=None, fetcher=fetch)
        elif fmt == JSONL:
            yield from read_jsonl_file(path, base_id=doc_id, max_bytes=max_bytes)
        elif fmt == WARC:
            yield from read_warc(path, base_id=doc_id, max_bytes=max_bytes)
    except IngestError as err:
        yield quarantine(doc_id, origin, err)
    except OSError as err:  # unreadable file: permissions, vanished, a device
        yield quarantine(doc_id, origin, IngestError(f"cannot read the file: {err.strerror or err}"))


def _sniffed(data: bytes, *, declared: str | None) -> str:
    found = sniff_format(data)
    if declared == XML:
        if found != FEED:
            raise IngestError("XML file whose root is not an RSS/Atom feed (rss, feed or rdf:RDF)", raw=data)
        return FEED
    if found is not None:
        return found
    if looks_binary(data) and not looks_utf16(data):  # UTF-16 without its mark: read_text says so
        raise IngestError("binary data of unknown format (not text, HTML, JSON lines, WARC or a feed)", raw=data)
    return TXT  # an explicitly named text file with an unusual extension


def _read_url(url: str, *, fetch: _LazyFetcher) -> Iterator[Item]:
    doc_id = url_id(url)
    try:
        page = fetch().fetch(url)
        body = gunzip_capped(page.body, fetch().max_bytes) if is_gzip(page.body) else page.body
    except FetchError as err:
        yield quarantine(doc_id, url, IngestError(f"could not fetch {url}: {err}"))
        return
    except IngestError as err:
        yield quarantine(doc_id, url, err)
        return
    sniffed = sniff_format(body)
    try:
        if sniffed == FEED or (page.content_type in _FEED_TYPES and sniffed != HTML):
            yield from read_feed(body, feed_id=doc_id, origin=url, feed_url=page.url, fetcher=fetch)
        elif page.content_type in _HTML_TYPES or sniffed == HTML:
            yield read_html(body, doc_id=doc_id, origin=url, url=page.url)
        else:
            kind = page.content_type or "of unknown type"
            raise IngestError(f"{url} is {kind}: neither an RSS/Atom feed nor an HTML page", raw=body)
    except IngestError as err:
        yield quarantine(doc_id, url, err)
