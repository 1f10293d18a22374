"""Word lists and tables kept as data files, and the one loader that reads them.

Every word table of the package is a tab-separated file in ``src/newsfuse/data/``: ``#`` lines are
comments, blank lines are skipped, the first row is the header. Most are ``kind <TAB> word [<TAB>
value]`` tables (``quote_words.tsv``, ``time_words.tsv``, ...): one row per word, the kind saying which
list it belongs to. :func:`table` reads the packaged file and then a file of the same name in
``$NEWSFUSE_HOME`` (``settings.home_dir``), so a user changes a list without touching the code:

- a row there is **added** to the packaged rows (the header row may be repeated or left out);
- a row whose first cell starts with ``-`` **removes** every earlier row that begins with the cells
  given (``-venue<TAB>podcast`` removes that one word, ``-venue`` the whole kind).

Files are cached per process (an edited user file is read again); modules read their lists when
they are imported, so a change takes effect in the next run.

>>> import os, tempfile
>>> path = os.path.join(tempfile.mkdtemp(), "terms.txt")
>>> _ = open(path, "w", encoding="utf-8").write("# loaded terms\\nThugs\\n\\nso-called\\n")
>>> read_terms(path)
('thugs', 'so-called')
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from ..settings import DATA_DIR, home_dir

Row = tuple[str, ...]


def read_terms(path: str | os.PathLike) -> tuple[str, ...]:
    """The entries of a one-term-per-line list, lower-cased, in file order."""
    with open(path, encoding="utf-8") as fh:
        lines = (line.strip().lower() for line in fh)
        return tuple(line for line in lines if line and not line.startswith("#"))


def read_rows(path: str | os.PathLike) -> list[Row]:
    """The rows of a tab-separated table, cells stripped; blank lines, ``#`` comments and the header
    (the first row) are skipped.

    >>> import tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "table.tsv")
    >>> _ = open(path, "w", encoding="utf-8").write("# ranges\\nphrase\\tlow\\thigh\\ndozens\\t24\\t99\\n")
    >>> read_rows(path)
    [('dozens', '24', '99')]
    """
    return _all_rows(Path(path))[1:]


def _all_rows(path: Path) -> list[Row]:
    with open(path, encoding="utf-8") as fh:
        return [tuple(cell.strip() for cell in line.rstrip("\n").split("\t"))
                for line in fh if line.strip() and not line.startswith("#")]


def table(name: str) -> tuple[Row, ...]:
    """The rows of ``data/<name>``, changed by ``$NEWSFUSE_HOME/<name>`` when that file exists."""
    user = home_dir() / name
    try:
        stat = user.stat()
        version = (stat.st_mtime_ns, stat.st_size)
    except OSError:
        version = None
    return _table(name, str(user), version)


@lru_cache(maxsize=64)
def _table(name: str, user: str, version: tuple[int, int] | None) -> tuple[Row, ...]:
    """``version`` (the user file's modification time and size) is part of the cache key only, so that
    an edited file is read again."""
    header, *rows = _all_rows(DATA_DIR / name)
    if version is not None:
        extra = _all_rows(Path(user))
        for row in extra[1:] if extra[:1] == [header] else extra:
            if row[0].startswith("-"):
                gone = (row[0][1:], *row[1:])
                rows = [r for r in rows if r[: len(gone)] != gone]
            else:
                rows.append(row)
    return tuple(rows)


def words(name: str, kind: str) -> tuple[str, ...]:
    """The words of one kind (the second cell of its rows), in file order.

    >>> words("time_words.tsv", "ordinal")[:3]
    ('first', 'second', 'third')
    """
    return tuple(row[1] for row in table(name) if row[0] == kind)


def word_set(name: str, kind: str) -> frozenset[str]:
    """The words of one kind, as a set for lookups."""
    return frozenset(words(name, kind))


def word_map(name: str, kind: str) -> dict[str, str]:
    """Word -> value (second -> third cell) for the rows of one kind, in file order.

    >>> word_map("quote_words.tsv", "pronoun_kind")["she"]
    'person'
    """
    return {row[1]: row[2] for row in table(name) if row[0] == kind}


def word_groups(name: str, kind: str) -> dict[str, frozenset[str]]:
    """Word -> the set of its values, for a kind that lists several values per word."""
    groups: dict[str, set[str]] = {}
    for row in table(name):
        if row[0] == kind:
            groups.setdefault(row[1], set()).add(row[2])
    return {word: frozenset(values) for word, values in groups.items()}
