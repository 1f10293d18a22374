"""What the PATH arguments name: files, directories (recursed, sorted), globs, URLs, or stdin.

Directories and globs are walked in sorted order so that runs are reproducible. Inside a directory
only files with an input extension are read (``.txt .html .htm .xhtml .jsonl .ndjson .json .warc
.rss .atom .xml``, each optionally ``.gz``) and hidden files are skipped, so that a corpus folder's
README or ``.DS_Store`` is not taken for an article. Names starting with ``_`` (a corpus's own notes,
such as an answer key) and ``*.meta.json`` sidecars (metadata of the text file beside them) are not
documents either; a file named explicitly is read whatever its
extension (its format is then sniffed from its content). Glob matches follow the directory rule.

A walk never leaves the folder it was given: symbolic links to folders are not followed, and a
symbolic link to a file outside the folder (or, for a glob, outside the folder the pattern starts
in) is not read but quarantined with its target as the reason, so a link to ``/etc/passwd`` dropped
into a corpus cannot end up in a briefing. Links that stay inside are read. A file named explicitly
is read wherever it leads: naming it is the user's choice.
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
    kind: str  # "file" | "url" | "stdin" | "missing" | "refused"
    location: str
    named: bool = True  # given explicitly (not found by walking a directory or a glob)
    note: str = ""  # for "missing": why nothing was found; for "refused": why it is not read


def _is_url(arg: str) -> bool:
    return arg.lower().startswith(("http://", "https://"))


def _is_document_name(name: str) -> bool:
    if name.startswith((".", "_")) or name.lower().endswith(".meta.json"):
        return False
    return format_from_name(name) is not None


def _inside(path: str, root: str) -> bool:
    """Whether ``path`` (resolved, links and all) lies in the folder ``root`` (resolved)."""
    real = os.path.realpath(path)
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def _found(path: str, root: str) -> Source:
    """A file met by a walk or a glob under ``root``: read, unless it is a link that leads out."""
    if os.path.islink(path) and not _inside(path, root):
        note = f"not read: a symbolic link to {os.path.realpath(path)}, outside {root}"
        return Source("refused", path, named=False, note=note)
    return Source("file", path, named=False)


def _walk(directory: Path) -> Iterator[Source]:
    found = []
    root = os.path.realpath(directory)
    for base, dirs, files in os.walk(directory):  # never descends into linked folders (followlinks=False)
        dirs[:] = [d for d in dirs if not d.startswith((".", "_"))]
        for name in files:
            if _is_document_name(name):
                found.append(Path(base, name))
    for path in sorted(found, key=lambda p: p.relative_to(directory).parts):
        yield _found(str(path), root)


def _glob_root(pattern: str) -> str:
    """The folder a glob pattern starts in: its leading components without wildcards, resolved."""
    head = []
    for part in Path(pattern).parts[:-1]:
        if glob.has_magic(part):
            break
        head.append(part)
    return os.path.realpath(Path(*head) if head else ".")


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
            root = _glob_root(arg)
            kept = 0
            for match in matches:
                if os.path.isdir(match):
                    if not _inside(match, root):
                        continue  # a link to a folder elsewhere
                    for source in _walk(Path(match)):
                        kept += 1
                        yield source
                elif _is_document_name(os.path.basename(match)):
                    kept += 1
                    yield _found(match, root)
            if not kept:
                note = f"{len(matches)} match(es), none with an input extension" if matches else "no file matches"
                yield Source("missing", arg, note=note)
        else:
            yield Source("missing", arg, note="no such file or directory")
