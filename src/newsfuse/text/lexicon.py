"""Word lists and tables kept as data files: one entry (or one tab-separated row) per line; blank lines
and lines starting with ``#`` are skipped.

>>> import os, tempfile
>>> path = os.path.join(tempfile.mkdtemp(), "terms.txt")
>>> _ = open(path, "w", encoding="utf-8").write("# loaded terms\\nThugs\\n\\nso-called\\n")
>>> read_terms(path)
('thugs', 'so-called')
"""

from __future__ import annotations

import os


def read_terms(path: str | os.PathLike) -> tuple[str, ...]:
    """The entries of a one-term-per-line list, lower-cased, in file order."""
    with open(path, encoding="utf-8") as fh:
        lines = (line.strip().lower() for line in fh)
        return tuple(line for line in lines if line and not line.startswith("#"))


def read_rows(path: str | os.PathLike) -> list[tuple[str, ...]]:
    """The rows of a tab-separated table, cells stripped; blank lines, ``#`` comments and the header
    (the first row) are skipped.

    >>> import tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "table.tsv")
    >>> _ = open(path, "w", encoding="utf-8").write("# ranges\\nphrase\\tlow\\thigh\\ndozens\\t24\\t99\\n")
    >>> read_rows(path)
    [('dozens', '24', '99')]
    """
    with open(path, encoding="utf-8") as fh:
        rows = [tuple(cell.strip() for cell in line.rstrip("\n").split("\t"))
                for line in fh if line.strip() and not line.startswith("#")]
    return rows[1:]
