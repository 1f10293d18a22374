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
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))  # C0 controls that text lacks


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


def _one_member(data: bytes, max_bytes: int) -> bytes | None:
    """The content of ``data`` when it is exactly one whole, sound gzip member of at most ``max_bytes``
    (zlib checks its CRC and length, as ``gzip`` does), in one call to zlib; None for anything else
    (several members, trailing bytes, damage, over the cap), which :func:`gunzip_capped` reads as before."""
    stream = zlib.decompressobj(wbits=31)  # 16 + 15: a gzip header and trailer around the deflate data
    try:
        out = stream.decompress(data, max_bytes + 1)
    except zlib.error:
        return None
    if not stream.eof or stream.unused_data or len(out) > max_bytes:
        return None
    return out


def gunzip_capped(data: bytes, max_bytes: int) -> bytes:
    """Decompress, stopping at ``max_bytes`` (a small gzip can hold a huge page: a 'gzip bomb')."""
    whole = _one_member(data, max_bytes)  # the common case, without gzip's Python-level read loop
    if whole is not None:
        return whole
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


# Byte-order marks of the UTF-16 and UTF-32 encodings (UTF-32 first: its LE mark begins with UTF-16's).
_WIDE_BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
              (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def wide_encoding(data: bytes) -> str | None:
    """``"utf-16"`` or ``"utf-32"`` when ``data`` starts with that encoding's byte-order mark."""
    return next((name for bom, name in _WIDE_BOMS if data.startswith(bom)), None)


def looks_utf16(data: bytes, sample: int = 4096) -> bool:
    """UTF-16 without a byte-order mark: mostly ASCII text with a NUL in every other byte.

    >>> looks_utf16("Hello, world".encode("utf-16-le")), looks_utf16(bytes(range(256)))
    (True, False)
    """
    head = data[: sample - sample % 2]
    if len(head) < 8:
        return False
    even, odd = head[0::2], head[1::2]
    return any(half.count(0) > 0.9 * len(half) and other.count(0) < 0.1 * len(other)
               for half, other in ((even, odd), (odd, even)))


def looks_binary(data: bytes, sample: int = 8192) -> bool:
    """True for data that is not text: NUL bytes, or many control bytes, in the first ``sample`` bytes.

    Text in any common encoding (UTF-8, Latin-1, cp1252) has no NULs and few C0 controls besides
    tab/CR/LF/FF; UTF-16 and UTF-32 with a byte-order mark are text too (:func:`decode_text`).
    """
    head = data[:sample]
    if not head or wide_encoding(head):
        return False
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))  # counted in C, not byte by byte
    return controls / len(head) > 0.05


def decode_text(data: bytes, *, binary: str = "binary data, not text (NUL or control bytes)") -> str:
    """A text file's bytes as text: UTF-16 or UTF-32 when a byte-order mark says so, else strict UTF-8
    (:func:`decode_utf8`); binary data (reason ``binary``) and UTF-16 without a mark are refused.

    >>> decode_text("Pier rebuilt".encode("utf-16"))
    'Pier rebuilt'
    """
    wide = wide_encoding(data)
    if wide:
        try:
            text = data.decode(wide)
        except UnicodeDecodeError as err:
            raise IngestError(f"invalid {wide.upper()} at byte {err.start:,} (the file starts with a {wide.upper()} "
                              "byte-order mark)", raw=data) from None
        if _plausible(text):  # else two bytes of garbage that happen to spell a mark
            return text
        raise IngestError(binary, raw=data)
    if looks_utf16(data):
        raise IngestError("UTF-16 text without a byte-order mark: re-encode the file as UTF-8 "
                          "(e.g. iconv -f utf-16le -t utf-8)", raw=data)
    if looks_binary(data):
        raise IngestError(binary, raw=data)
    return decode_utf8(data)


def _plausible(text: str) -> bool:
    """Text decoded from a wide encoding reads as text: some whitespace, and no control characters."""
    head = text[:4096]
    return any(ch.isspace() for ch in head) and not any(ord(ch) < 32 and ch not in "\t\n\r\f" for ch in head)


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
