"""WARC / WARC.gz archives (warcio): one Article per HTML response record.

Only successful (HTTP 200) ``response`` records and ``resource`` records with an HTML body are
articles; requests, metadata, revisits, redirects and non-HTML payloads (images, CSS) are skipped.
Ids are :func:`~newsfuse.ingest.ids.url_id` of ``WARC-Target-URI``. ``WARC-Date`` is when the page
was crawled, not published: it goes to ``meta["crawled"]``, never to ``published``.

A damaged archive yields the records read before the damage, then one Quarantined record for the
rest; an archive without any HTML page is quarantined as a whole, so it is not silently empty.
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..model import Article, Quarantined
from .errors import RAW_CAP, IngestError, quarantine
from .formats import HTML, sniff_format
from .html_page import read_html
from .ids import url_id

Item = Article | Quarantined
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _media_type(value: str | None) -> str:
    return (value or "").split(";")[0].strip().lower()


def read_warc(path: Path, *, base_id: str, max_bytes: int) -> Iterator[Item]:
    origin = str(path)
    if path.stat().st_size == 0:
        yield quarantine(base_id, origin, IngestError("empty file (0 bytes)", raw=b""))
        return
    records = pages = 0
    with path.open("rb") as handle:
        archive = ArchiveIterator(handle)
        try:
            for record in archive:
                records += 1
                if record.rec_type == "response" and record.http_headers is not None:
                    if record.http_headers.get_statuscode() != "200":
                        continue
                    media = _media_type(record.http_headers.get_header("Content-Type"))
                elif record.rec_type == "resource":
                    media = _media_type(record.rec_headers.get_header("Content-Type"))
                else:
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                body = record.content_stream().read(max_bytes + 1)
                if media not in _HTML_TYPES and not (media in ("", "application/octet-stream") and sniff_format(body) == HTML):
                    continue
                pages += 1
                doc_id = url_id(url) if url else f"{base_id}-{records}"
                if len(body) > max_bytes:
                    reason = f"WARC record {records} ({url}): page is over the {max_bytes:,} byte limit"
                    yield quarantine(doc_id, origin, IngestError(reason, raw=body))
                    continue
                missing = getattr(record.raw_stream, "limit", 0)  # warcio reads a cut record without complaint
                if missing:
                    reason = f"WARC record {records} ({url}): truncated, {missing:,} bytes of the record are missing"
                    yield quarantine(doc_id, origin, IngestError(reason, raw=body))
                    continue
                meta = {"crawled": record.rec_headers.get_header("WARC-Date"),
                        "warc_record_id": record.rec_headers.get_header("WARC-Record-ID")}
                try:
                    yield read_html(body, doc_id=doc_id, origin=origin, url=url, fmt="warc", known={"meta": meta})
                except IngestError as err:
                    yield quarantine(doc_id, origin, IngestError(f"WARC record {records} ({url}): {err.reason}", raw=err.raw))
        except (ArchiveLoadFailed, EOFError, zlib.error, OSError, ValueError) as err:
            handle.seek(0)
            reason = f"unreadable WARC after {records} record(s): {type(err).__name__}: {err}"
            yield quarantine(base_id, origin, IngestError(reason, raw=handle.read(RAW_CAP)))
            return
        except (AttributeError, TypeError, KeyError, IndexError) as err:  # warcio on headers it cannot parse
            handle.seek(0)
            reason = (f"malformed WARC: the headers of record {records + 1} could not be parsed (e.g. a response "
                      f"without WARC-Target-URI; warcio: {type(err).__name__}: {err})")
            yield quarantine(base_id, origin, IngestError(reason, raw=handle.read(RAW_CAP)))
            return
    # A record header cut off at the end of the file is silently taken for the end of the archive:
    # compare where the last record ended with the file size.
    offset, length = archive.member_info or (0, 0)
    unread = path.stat().st_size - (offset + length)
    if unread > 4:  # more than the blank line that closes a record
        reason = (f"damaged WARC: the last {unread:,} bytes could not be read as records "
                  f"(truncated archive?) after {records} record(s)")
        yield quarantine(base_id, origin, IngestError(reason))
        return
    if not pages:
        reason = f"no HTML pages in the WARC ({records} record(s), none an HTTP 200 HTML response)"
        with path.open("rb") as handle:
            yield quarantine(base_id, origin, IngestError(reason, raw=handle.read(RAW_CAP)))
