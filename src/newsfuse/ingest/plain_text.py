"""``.txt`` inputs: already-scraped article text (UTF-8).

The whole file is the text and offsets index it; nothing is stripped. Metadata read from it:

- ``published``: the `` date YYYY-MM-DD`` prefix of scraped pages (see :mod:`newsfuse.text.date_prefix`); the
  prefix stays in the text and cleaning reports it as boilerplate. A date that cannot be a publish
  date (``2019-02-30``, ``0000-00-00``, ``9999-12-31``: see :mod:`newsfuse.ingest.published`) is not
  used, here or from the sidecar: the article is kept without it, and ``meta["published_raw"]`` and
  ``meta["published_problem"]`` say what was given and why it was refused.
- ``title``: a first line that looks like a headline — short, not ending like a sentence, and
  followed by a blank line.

>>> headline_of("Hundreds flee battle for last holdout\\n\\nAround 300 civilians fled on Tuesday.")
'Hundreds flee battle for last holdout'
>>> headline_of("Around 300 civilians fled on Tuesday.\\n\\nMore came later.") is None
True
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from ..model import Article
from ..text.date_prefix import find_date_prefix
from .errors import IngestError
from .language import detect_language
from .published import check_published
from .rawbytes import decode_text

MAX_HEADLINE_CHARS = 200
MAX_HEADLINE_WORDS = 25


def headline_of(text: str) -> str | None:
    first, sep, rest = text.partition("\n")
    line = first.strip()
    if not sep or not line or find_date_prefix(text) is not None:
        return None
    if not rest.strip() or not rest.lstrip(" \t\r").startswith("\n"):  # a blank line, then the body
        return None
    if len(line) > MAX_HEADLINE_CHARS or len(line.split()) > MAX_HEADLINE_WORDS:
        return None
    # "." "!" "?" and a closing quote after them end sentences; headlines rarely do. A headline that
    # asks a question is lost here, on purpose: a one-line opening sentence is the commoner case.
    if line.rstrip("\"'”’)").endswith((".", "!", "?", ":", ";", ",")):
        return None
    return line


SIDECAR_FIELDS = ("source", "url", "title", "published")


def sidecar_metadata(origin: str) -> dict[str, str]:
    """Metadata for ``NAME.txt`` from ``NAME.meta.json`` beside it, when present.

    Plain text carries no outlet or URL; scrapers commonly save them next to the text. Only the
    string fields ``source``, ``url``, ``title`` and ``published`` are taken; the text is never touched.
    A sidecar that is a symbolic link, not a regular file, or over 1 MB is not read: the text is then
    quarantined with that reason, as for a sidecar that is not JSON.
    """
    path = Path(origin)
    stem = path.name[: -len(".gz")] if path.name.endswith(".gz") else path.name
    stem = stem.rsplit(".", 1)[0]
    sidecar = path.with_name(stem + ".meta.json")
    if not os.path.lexists(sidecar):
        return {}
    try:
        data = json.loads(_sidecar_bytes(sidecar).decode("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise IngestError(f"unreadable metadata sidecar {sidecar.name}: {error}") from error
    if not isinstance(data, dict):
        raise IngestError(f"metadata sidecar {sidecar.name} must hold a JSON object")
    return {k: data[k] for k in SIDECAR_FIELDS if isinstance(data.get(k), str) and data[k].strip()}


MAX_SIDECAR_BYTES = 1_000_000


def _sidecar_bytes(sidecar: Path) -> bytes:
    """The sidecar's content: a regular file of its own only. A symbolic link is not followed (the
    rule of the directory walk, :mod:`newsfuse.ingest.paths`: a link dropped into a corpus must not
    carry ``/etc/passwd`` or anything outside it into a briefing), and ``O_NOFOLLOW`` keeps a link
    swapped in after the check from being read either."""
    if os.path.islink(sidecar):
        raise IngestError(f"metadata sidecar {sidecar.name} is a symbolic link (to {os.path.realpath(sidecar)}), "
                          "not read: put the file itself beside the text")
    try:
        fd = os.open(sidecar, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise IngestError(f"unreadable metadata sidecar {sidecar.name}: {error.strerror or error}") from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise IngestError(f"metadata sidecar {sidecar.name} is not a regular file, not read")
        if info.st_size > MAX_SIDECAR_BYTES:
            raise IngestError(f"metadata sidecar {sidecar.name} is {info.st_size:,} bytes, over the "
                              f"{MAX_SIDECAR_BYTES:,} a metadata file may have; not read")
        return handle.read(MAX_SIDECAR_BYTES + 1)


def _published(from_prefix: str | None, from_sidecar: str | None, meta: dict) -> str | None:
    """The first usable date of the text's prefix and the sidecar; a refused one is noted in ``meta``.

    >>> meta = {}
    >>> _published("2019-02-30", "2019-03-01", meta), meta["published_problem"]
    ('2019-03-01', 'date prefix 2019-02-30: not a calendar date (day is out of range for month)')
    """
    for where, value in (("date prefix", from_prefix), ("metadata sidecar", from_sidecar)):
        published, problem = check_published(value)
        if published:
            return published
        if problem and "published_problem" not in meta:
            meta["published_raw"] = value
            meta["published_problem"] = f"{where} {value}: {problem}"
    return None


def read_text(data: bytes, *, doc_id: str, origin: str) -> Article:
    text = decode_text(data, binary="binary data, not text (NUL or control bytes in a .txt file)")
    if not text.strip():
        raise IngestError("no text: the file holds only whitespace", raw=data)
    prefix = find_date_prefix(text)
    guess = detect_language(text)
    meta = {"language_confidence": guess.confidence} if guess.confidence is not None else {}
    side = sidecar_metadata(origin)
    published = _published(prefix[2] if prefix else None, side.get("published"), meta)
    return Article.create(
        id=doc_id,
        text=text,
        title=side.get("title") or headline_of(text),
        published=published,
        source=side.get("source"),
        url=side.get("url"),
        language=guess.code,
        format="txt",
        origin=origin,
        text_given=True,
        meta=meta,
    )

