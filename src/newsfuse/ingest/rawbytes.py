"""Reading an input's bytes safely: size caps, gzip, binary sniffing and strict UTF-8.

Every failure is an :class:`IngestError` with a reason; nothing here lets a bad file crash a batch.

>>> import gzip
>>> gunzip_capped(gzip.compress(b"abc"), max_bytes=10)
b'abc'
>>> looks_binary(b"\\x00\\x01\\x02 PNG")
True
>>> decode_utf8(b"caf\\xc3\\xa9")
'café'
"""

from __future__ import annotations

import gzip
import io
import zlib
from pathlib import Path
from typing import BinaryIO, Iterator

from .errors import RAW_CAP, IngestError

_CHUNK = 1 << 16


def _size(n: int) -> str:
    return f"{n:,} bytes"


def read_file_capped(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, gunzipped when it is gzip; refuses empty files and files over ``max_bytes``."""
    size = path.stat().st_size
    if size == 0:
        raise IngestError("empty file (0 bytes)", raw=b"")
    with path.open("rb") as handle:
        head = handle.read(RAW_CAP)
        if size > max_bytes:
            raise IngestError(f"file is {_size(size)}, over the {_size(max_bytes)} limit", raw=head)
        data = head + handle.read()
    if is_gzip(data):
        data = gunzip_capped(data, max_bytes)
        if not data:
            raise IngestError("empty file (gzip holds 0 bytes)", raw=b"")
    return data


def is_gzip(data: bytes) -> bool:
    return data[:2] == b"\x1f\x8b"


def gunzip_capped(data: bytes, max_bytes: int) -> bytes:
    """Decompress, stopping at ``max_bytes`` (a small gzip can hold a huge page: a 'gzip bomb')."""
    out = bytearray()
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            while chunk := stream.read(_CHUNK):
                out += chunk
                if len(out) > max_bytes:
                    raise IngestError(
                        f"gzip content is over the {_size(max_bytes)} limit once decompressed", raw=data
                    )
    except EOFError:
        raise IngestError(
            f"truncated gzip: the stream ends before its end marker (after {_size(len(out))} decompressed)",
            raw=data,
        ) from None
    except (gzip.BadGzipFile, zlib.error, OSError) as err:
        raise IngestError(f"corrupt gzip: {err}", raw=data) from None
    return bytes(out)


def open_maybe_gzip(handle: BinaryIO) -> BinaryIO:
    """A binary stream over the content of ``handle``, decompressing when it starts with the gzip magic."""
    peekable = io.BufferedReader(handle) if not hasattr(handle, "peek") else handle
    if peekable.peek(2)[:2] == b"\x1f\x8b":  # type: ignore[attr-defined]
        return gzip.GzipFile(fileobj=peekable)  # type: ignore[return-value]
    return peekable  # type: ignore[return-value]


def iter_lines_capped(stream: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | None, int]]:
    """``(line_number, line, length)`` for each line; ``line`` is None when it is over ``max_bytes``
    (its bytes are skipped without being held in memory). Gzip errors propagate as IngestError."""
    number = 0
    try:
        while True:
            line = stream.readline(max_bytes + 1)
            if not line:
                return
            number += 1
            if len(line) > max_bytes and not line.endswith(b"\n"):
                length = len(line)
                while True:  # skip the rest of the over-long line
                    rest = stream.readline(_CHUNK)
                    length += len(rest)
                    if not rest or rest.endswith(b"\n"):
                        break
                yield number, None, length
                continue
            yield number, line, len(line)
    except EOFError:
        raise IngestError(f"truncated gzip: the stream ends before its end marker (after line {number})") from None
    except (gzip.BadGzipFile, zlib.error) as err:
        raise IngestError(f"corrupt gzip after line {number}: {err}") from None


def looks_binary(data: bytes, sample: int = 8192) -> bool:
    """True for data that is not text: NUL bytes, or many control bytes, in the first ``sample`` bytes.

    Text in any common encoding (UTF-8, UTF-16 aside, Latin-1, cp1252) has no NULs and few C0 controls
    besides tab/CR/LF/FF.
    """
    head = data[:sample]
    if not head:
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls / len(head) > 0.05


def decode_utf8(data: bytes) -> str:
    """Strict UTF-8 (a leading byte-order mark is dropped: it is an encoding signature, not text).

    Invalid UTF-8 is refused with the position of the first bad byte rather than repaired: the
    contract promises that offsets index the file's text, and a silent replacement character or a
    guessed legacy encoding would make the stored text differ from what the user gave without anyone
    noticing. The quarantine keeps the bytes; re-encoding the file fixes it.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        bad = data[err.start : err.start + 4]
        raise IngestError(
            f"invalid UTF-8 at byte {err.start:,} (bytes {bad.hex(' ')}): text inputs must be UTF-8; "
            "re-encode the file (e.g. iconv -f cp1252 -t utf-8)",
            raw=data,
        ) from None
