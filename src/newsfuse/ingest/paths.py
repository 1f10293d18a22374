"""What the PATH arguments name: files, directories (recursed, sorted), globs, URLs, or stdin.

Directories and globs are walked in sorted order so that runs are reproducible. Inside a directory
only files with an input extension are read (``.txt .html .htm .xhtml .jsonl .ndjson .json .warc
.rss .atom .xml``, each optionally ``.gz``) and hidden files are skipped, so that a corpus folder's
README or ``.DS_Store`` is not taken for an article. Names starting with ``_`` (a corpus's own notes,
such as an answer key) and ``*.meta.json`` sidecars (metadata of the text file beside them) are not
documents either; a file named explicitly is read whatever its
extension (its format is then sniffed from its content). Glob matches follow the directory rule.
"""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Sequence

from .formats import format_from_name

STDIN = "-"


@dataclass(frozen=True, slots=True)
class Source:
    kind: str  # "file" | "url" | "stdin" | "missing"
    location: str
    named: bool = True  # given explicitly (not found by walking a directory or a glob)
    note: str = ""  # for "missing": why nothing was found


def _is_url(arg: str) -> bool:
    return arg.lower().startswith(("http://", "https://"))


def _is_document_name(name: str) -> bool:
    if name.startswith((".", "_")) or name.lower().endswith(".meta.json"):
        return False
    return format_from_name(name) is not None


def _walk(directory: Path) -> Iterator[Source]:
    found = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = [d for d in dirs if not d.startswith((".", "_"))]
        for name in files:
            if _is_document_name(name):
                found.append(Path(root, name))
    for path in sorted(found, key=lambda p: p.relative_to(directory).parts):
        yield Source("file", str(path), named=False)


def expand_paths(paths: Sequence[str]) -> Iterator[Source]:
    """Sources in the order given; each directory and glob expanded in sorted order.

    No path at all means stdin, as does ``-``.
    """
    if not paths:
        yield Source("stdin", STDIN)
        return
    for arg in paths:
        if arg == STDIN:
            yield Source("stdin", STDIN)
        elif _is_url(arg):
            yield Source("url", arg)
        elif os.path.isdir(arg):
            yield from _walk(Path(arg))
        elif os.path.exists(arg):
            yield Source("file", arg)
        elif glob.has_magic(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            kept = 0
            for match in matches:
                if os.path.isdir(match):
                    for source in _walk(Path(match)):
                        kept += 1
                        yield source
                elif _is_document_name(os.path.basename(match)):
                    kept += 1
                    yield Source("file", match, named=False)
            if not kept:
                note = f"{len(matches)} match(es), none with an input extension" if matches else "no file matches"
                yield Source("missing", arg, note=note)
        else:
            yield Source("missing", arg, note="no such file or directory")
