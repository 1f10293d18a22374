"""JSONL records (files, ``.gz`` files, stdin): one document per line.

``{"id", "text" | "html", "title"?, "published"?, "url"?, "source"?}``; ``html`` instead of ``text``
means the main text is extracted from it. Other fields (e.g. ``story``) are kept in ``Article.meta``.
A ``.json`` file may also hold one record, or an array of records.

Each bad line (not JSON, not an object, no text, invalid UTF-8, over the size limit) becomes one
Quarantined record — ``<file id>-<line>`` unless the record has an id — and the next line is read.
"""

from __future__ import annotations

import json
import zlib
from pathlib import Path
from typing import Any, Iterable, Iterator, TextIO

from ..model import Article, Quarantined
from .errors import RAW_CAP, IngestError, quarantine
from .html_page import read_html
from .language import detect_language
from .outlet import clean_outlet_name, outlet_from_url
from .published import normalise_published
from .rawbytes import decode_utf8, iter_lines_capped, looks_binary, open_maybe_gzip, read_file_capped

Item = Article | Quarantined
FIELDS = ("id", "text", "html", "title", "published", "url", "source")


def _string(record: dict[str, Any], name: str) -> str | None:
    value = record.get(name)
    return value.strip() or None if isinstance(value, str) else None


def record_to_item(record: Any, *, fallback_id: str, origin: str, where: str, raw: bytes | None = None) -> Item:
    """One parsed record → Article, or Quarantined saying what is wrong with it (``where``: "line 3").
    ``raw`` is the record's input bytes, kept by the quarantine (default: the record re-serialised)."""
    if not isinstance(record, dict):
        reason = f"{where}: a record must be a JSON object, got {type(record).__name__}"
        return _refuse(fallback_id, origin, reason, record, raw)
    given_id = record.get("id")
    doc_id = str(given_id).strip() if isinstance(given_id, (str, int)) and str(given_id).strip() else fallback_id
    text, html = record.get("text"), record.get("html")
    for name, value in (("text", text), ("html", html)):
        if value is not None and not isinstance(value, str):
            reason = f"{where}: field {name!r} must be a string, got {type(value).__name__}"
            return _refuse(doc_id, origin, reason, record, raw)

    url = _string(record, "url")
    meta = {k: v for k, v in record.items() if k not in FIELDS}
    published = normalise_published(record.get("published"))
    if record.get("published") and published is None:
        meta["published_raw"] = record["published"]  # kept, not guessed: "last Tuesday" has no anchor
    known = {
        "title": _string(record, "title"),
        "published": published,
        "url": url,
        "source": clean_outlet_name(_string(record, "source")),
    }
    if text and text.strip():
        guess = detect_language(text)
        if guess.confidence is not None:
            meta["language_confidence"] = guess.confidence
        return Article.create(
            id=doc_id,
            text=text,
            title=known["title"],
            published=published,
            url=url,
            source=known["source"] or outlet_from_url(url),
            language=guess.code,
            format="jsonl",
            origin=origin,
            text_given=True,
            meta=meta,
        )
    if html and html.strip():
        try:
            return read_html(html, doc_id=doc_id, origin=origin, url=url, fmt="jsonl", known={**known, "meta": meta})
        except IngestError as err:
            return _refuse(doc_id, origin, f"{where}: {err.reason}", record, raw)
    reason = f"{where}: record has no text (neither a non-empty 'text' nor 'html' field)"
    return _refuse(doc_id, origin, reason, record, raw)


def _refuse(doc_id: str, origin: str, reason: str, record: Any, raw: bytes | None) -> Quarantined:
    if raw is None:
        raw = json.dumps(record, ensure_ascii=False).encode("utf-8", "surrogatepass")
    return quarantine(doc_id, origin, IngestError(reason, raw=raw))


def _line_to_item(line: bytes | str, *, number: int, base_id: str, origin: str) -> Item | None:
    fallback_id = f"{base_id}-{number}"
    where = f"line {number}"
    raw = line if isinstance(line, bytes) else line.encode("utf-8", "surrogatepass")
    if isinstance(line, bytes):
        try:
            line = decode_utf8(line)
        except IngestError as err:
            return quarantine(fallback_id, origin, IngestError(f"{where}: {err.reason}", raw=line))
    if not line.strip():
        return None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        reason = f"{where}: not valid JSON ({err.msg} at column {err.colno})"
        return quarantine(fallback_id, origin, IngestError(reason, raw=raw))
    return record_to_item(record, fallback_id=fallback_id, origin=f"{origin}:{number}", where=where, raw=raw)


def _read_lines(lines: Iterable[tuple[int, bytes | str | None, int]], *, base_id: str, origin: str, max_bytes: int) -> Iterator[Item]:
    seen = 0
    try:
        for number, line, length in lines:
            if line is None:
                reason = f"line {number} is {length:,} bytes, over the {max_bytes:,} limit"
                yield quarantine(f"{base_id}-{number}", origin, IngestError(reason))
                seen += 1
                continue
            item = _line_to_item(line, number=number, base_id=base_id, origin=origin)
            if item is not None:
                seen += 1
                yield item
    except IngestError as err:  # e.g. a truncated gzip: what was read so far stands
        yield quarantine(base_id, origin, err)
        return
    if not seen:
        yield quarantine(base_id, origin, IngestError("no records: the input holds only blank lines", raw=b""))


def read_jsonl_file(path: Path, *, base_id: str, max_bytes: int) -> Iterator[Item]:
    origin = str(path)
    if path.stat().st_size == 0:
        yield quarantine(base_id, origin, IngestError("empty file (0 bytes)", raw=b""))
        return
    if path.name.lower().removesuffix(".gz").endswith(".json") and path.stat().st_size <= max_bytes:
        whole = _whole_json(path, base_id=base_id, max_bytes=max_bytes)
        if whole is not None:
            yield from whole
            return
    with path.open("rb") as handle:
        try:
            stream = open_maybe_gzip(handle)
            head = stream.peek(8192)[:8192]  # type: ignore[attr-defined]
        except (EOFError, OSError, zlib.error) as err:
            handle.seek(0)
            yield quarantine(base_id, origin, IngestError(f"corrupt or truncated gzip: {err}", raw=handle.read(RAW_CAP)))
            return
        if looks_binary(head):
            yield quarantine(base_id, origin, IngestError("binary data, not JSON lines", raw=head))
            return
        yield from _read_lines(iter_lines_capped(stream, max_bytes), base_id=base_id, origin=origin, max_bytes=max_bytes)


def _whole_json(path: Path, *, base_id: str, max_bytes: int) -> list[Item] | None:
    """A ``.json`` file holding one object or an array of them; None when it is JSON lines instead."""
    try:
        data = read_file_capped(path, max_bytes)
        parsed = json.loads(decode_utf8(data))
    except (IngestError, json.JSONDecodeError):
        return None  # let the line reader say precisely what is wrong
    origin = str(path)
    if isinstance(parsed, list):
        return [
            record_to_item(r, fallback_id=f"{base_id}-{i}", origin=f"{origin}[{i}]", where=f"record {i}")
            for i, r in enumerate(parsed, 1)
        ] or [quarantine(base_id, origin, IngestError("no records: the JSON array is empty", raw=data))]
    return [record_to_item(parsed, fallback_id=base_id, origin=origin, where="record")]


def read_jsonl_stdin(stdin: TextIO, *, max_bytes: int) -> Iterator[Item]:
    binary = getattr(stdin, "buffer", None)
    if binary is not None:  # bytes, so that invalid UTF-8 costs one line, not the stream
        yield from _read_lines(iter_lines_capped(binary, max_bytes), base_id="stdin", origin="<stdin>", max_bytes=max_bytes)
        return
    yield from _read_lines(_text_lines(stdin, max_bytes), base_id="stdin", origin="<stdin>", max_bytes=max_bytes)


def _text_lines(stdin: TextIO, max_bytes: int) -> Iterator[tuple[int, str | None, int]]:
    try:
        for number, line in enumerate(stdin, 1):
            size = len(line.encode("utf-8", "surrogatepass"))
            yield number, (line if size <= max_bytes else None), size
    except UnicodeDecodeError as err:
        raise IngestError(f"stdin is not valid UTF-8 ({err.reason} at byte {err.start})") from None
